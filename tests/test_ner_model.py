"""The NER model path: read the corpora formats, train a tiny CRF, save, load,
tag, score; a missing or corrupt model file names itself and the train command."""
from __future__ import annotations

import pytest

from pipeline.cli import main
from pipeline.ner import corpora, evaluate, model

PEYMA = "رفیق|O\nوو|B_PER\nدای|I_PER\nتانگ|I_PER\nدر|O\nهانوی|B_LOC\nسخنرانی|O\nکرد|O\n\n"
NSURL = "آقای\tO\nحسن\tB-PER\nروحانی\tI-PER\nبه\tO\nتهران\tB-LOC\nرفت\tO\n\n"
ARMAN = "وزارت B-org\nکشور I-org\nبیانیه O\nداد O\n\n"


def _sentences():
    out = []
    for first, last, city in (("علی", "رضایی", "تهران"), ("مریم", "احمدی", "شیراز"), ("حسن", "کریمی", "تبریز"),
                              ("فام", "مین", "هانوی"), ("دانگ", "هیو", "هوئه")):
        out.append([("آقای", "O"), (first, "B-PER"), (last, "I-PER"), ("به", "O"), (city, "B-LOC"), ("رفت", "O")])
        out.append([("رفیق", "O"), (first, "B-PER"), (last, "I-PER"), ("در", "O"), (city, "B-LOC"), ("گفت", "O")])
    return out


def test_corpus_formats_read_to_one_tag_set(tmp_path):
    for name, text, fmt in (("p.txt", PEYMA, "peyma"), ("n.txt", NSURL, "nsurl"), ("a.txt", ARMAN, "arman")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert list(corpora.read(tmp_path / "p.txt", "peyma"))[0][1:4] == [("وو", "B-PER"), ("دای", "I-PER"), ("تانگ", "I-PER")]
    assert list(corpora.read(tmp_path / "n.txt", "nsurl"))[0][1] == ("حسن", "B-PER")
    assert list(corpora.read(tmp_path / "a.txt", "arman"))[0][:2] == [("وزارت", "B-ORG"), ("کشور", "I-ORG")]


def test_peyma_tokens_with_spaces_keep_the_space(tmp_path):
    (tmp_path / "p.txt").write_text("روش های|O\nنو|O\n\n", encoding="utf-8")
    assert list(corpora.read(tmp_path / "p.txt", "peyma")) == [[("روش های", "O"), ("نو", "O")]]


def test_tiny_model_trains_saves_loads_and_tags(tmp_path):
    path = model.train(_sentences(), tmp_path / "tiny.crfsuite", max_iterations=50, min_freq=1)
    tagger = model.Tagger(path)
    tags = tagger.tag(["آقای", "مریم", "احمدی", "به", "تبریز", "رفت"])
    assert tags == ["O", "B-PER", "I-PER", "O", "B-LOC", "O"]
    gold = [[t for _, t in s] for s in _sentences()]
    pred = [tagger.tag([w for w, _ in s]) for s in _sentences()]
    assert evaluate.score(gold, pred)["PER"]["f1"] == 1.0


def test_entity_scoring_counts_boundaries_and_types():
    table = evaluate.score([["B-PER", "I-PER", "O", "B-LOC"]], [["B-PER", "O", "O", "B-LOC"]])
    assert table["LOC"]["f1"] == 1.0 and table["PER"]["f1"] == 0.0
    assert table["ALL"]["precision"] == pytest.approx(0.5)


def test_missing_or_corrupt_model_names_the_file_and_the_train_command(tmp_path):
    with pytest.raises(model.ModelError, match=r"missing\.crfsuite.*python -m pipeline train ner"):
        model.Tagger(tmp_path / "missing.crfsuite")
    bad = tmp_path / "bad.crfsuite"
    bad.write_bytes(b"not a model")
    with pytest.raises(model.ModelError, match=r"bad\.crfsuite.*python -m pipeline train ner"):
        model.Tagger(bad)


def test_cli_evaluate_reports_a_missing_model(tmp_path, capsys):
    assert main(["evaluate", "ner", "--model", str(tmp_path / "none.crfsuite")]) == 1
    assert "python -m pipeline train ner" in capsys.readouterr().err
