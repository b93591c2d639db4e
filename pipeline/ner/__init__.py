"""Model-based named-entity recognition, trained here from ../shared/corpora."""
