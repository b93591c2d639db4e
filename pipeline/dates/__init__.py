"""The dates component: its rules (rules.py) over its words (dates.yaml), its
example corpus (examples.yaml), calendar arithmetic (calendars.py) and the
document-level passes (passes.py)."""
from .extractor import DateExtractor, extract_dates

__all__ = ["DateExtractor", "extract_dates"]
