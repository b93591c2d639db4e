"""Training and evaluating the NER models (``python -m pipeline train ner``,
``evaluate ner``): the corpora readers, word vectors and clusters, the CRF and
stanza trainers, the completion of corpora that leave numbers untagged, silver
data, and entity-level scores. The run-time side never imports this package;
it imports the run-time side (features, model files, taggers)."""
