"""The ``ner`` component: model-based named-entity recognition, trained here
from ../shared/corpora.

Run time (this folder): ``component.py`` (the ``EntityTagger`` stage),
``tagger.py`` (the ``Tagger`` protocol every backend meets, ``ModelError``),
``backends.py`` (``load_tagger``), ``crf_tagger.py`` with ``features.py``,
``model_files.py``, ``crfsuite_file.py`` and ``decoding.py`` (the CRF),
``stanza_tagger.py`` (the stanza model), ``consistency.py`` (document-level
label consistency), ``spans.py`` (IOB2 tags to spans and back); ``ner.yaml``
(settings and word lists) and ``examples.yaml`` (the consistency cases).

Training (``training/``, never imported at run time): ``python -m pipeline
train ner`` and ``evaluate ner``.
"""
from .component import EntityTagger, NerSettings

__all__ = ["EntityTagger", "NerSettings"]
