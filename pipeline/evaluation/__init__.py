"""Measuring extraction on gold documents: FORMAT.md's matching rules
(scoring), the missed and spurious items with their sentences (errors), and
the table, JSON and review pages of ``evaluate`` (report)."""
from .run import Evaluation, evaluate
from .scoring import FIELDS, Counts, Scores, score_document

__all__ = ["FIELDS", "Counts", "Evaluation", "Scores", "evaluate", "score_document"]
