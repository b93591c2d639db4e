"""The resolutions component: numbered documents (resolutions, decrees,
circulars, letters) with kind, number, issuer, date and title. Its rules and
words are in ``resolutions.yaml``, its examples in ``examples.yaml`` (both
beside this file)."""
from .extractor import ResolutionExtractor, extract_resolutions
from .mentions import MentionRule
from .numbers import canonical_number
from .rules import ResolutionRulesError

__all__ = ["MentionRule", "ResolutionExtractor", "ResolutionRulesError", "canonical_number", "extract_resolutions"]
