"""The round trip through a real Label Studio server on localhost
(tests/integration/label_studio_roundtrip.py). Label Studio is large and lives
in its own virtualenv, so this runs only where LABEL_STUDIO_VENV names one:

    python3 -m venv /path/ls-venv && /path/ls-venv/bin/pip install label-studio
    LABEL_STUDIO_VENV=/path/ls-venv .venv/bin/python -m pytest tests/test_label_studio_live.py
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent / "integration" / "label_studio_roundtrip.py"


def test_round_trip_through_a_real_label_studio_server():
    venv = os.environ.get("LABEL_STUDIO_VENV")
    if not venv or not (Path(venv) / "bin" / "label-studio").exists():
        pytest.skip("LABEL_STUDIO_VENV does not name a virtualenv with label-studio installed "
                    "(python3 -m venv V && V/bin/pip install label-studio; see tests/integration/label_studio_roundtrip.py)")
    done = subprocess.run([sys.executable, str(SCRIPT), "--venv", venv], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "round trip: every check passed" in done.stdout
