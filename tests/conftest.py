from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "gold" / "dev"


def need_shared():
    if not DEV.is_dir():
        pytest.skip(f"../shared/gold/dev not found beside the project ({DEV}); these tests run where ../shared is present, as in CI")
