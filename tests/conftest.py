from pathlib import Path

import pytest

from pipeline.api import build, extract
from pipeline.people.lexicon import lexicon
from pipeline.people.tokens import TokenIndex

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV = SHARED / "gold" / "dev"


def need_shared():
    if not DEV.is_dir():
        pytest.skip(f"../shared/gold/dev not found beside the project ({DEV}); these tests run where ../shared is present, as in CI")


@pytest.fixture(scope="module")
def index_of():
    """A TokenIndex of a text: tokens and dates from the stages people needs
    (the people stage's parts tested alone)."""
    tokens_and_dates = build(["normalize", "segment", "dates"])

    def make(text: str) -> TokenIndex:
        return TokenIndex.build(extract(text, pipeline=tokens_and_dates), lexicon())
    return make
