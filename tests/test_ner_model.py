"""The NER model path: read the corpora formats, train a tiny CRF, save, load,
tag, score; a missing or corrupt model file names itself and the train command."""
from __future__ import annotations

import pytest

from pipeline.cli import main
from pipeline.ner import model_files
from pipeline.ner.backends import load_tagger
from pipeline.ner.crf_tagger import CrfTagger
from pipeline.ner.features import TARGET_DOMAIN, Features, cluster_key
from pipeline.ner.tagger import ModelError
from pipeline.ner.training import clusters, completion, corpora, crf_train, evaluate, silver

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


def test_malformed_tags_read_as_o(tmp_path):
    (tmp_path / "n.txt").write_text("امروز\tB-DAT\nصبح\tI-DATO\nسازمان\tOB-ORG\n؟O\n\n", encoding="utf-8")
    assert list(corpora.read(tmp_path / "n.txt", "nsurl")) == [[("امروز", "B-DAT"), ("صبح", "O"), ("سازمان", "O")]]


def test_peyma_tokens_with_spaces_keep_the_space(tmp_path):
    (tmp_path / "p.txt").write_text("روش های|O\nنو|O\n\n", encoding="utf-8")
    assert list(corpora.read(tmp_path / "p.txt", "peyma")) == [[("روش های", "O"), ("نو", "O")]]


CLUSTERS = {"علی": (1, 10), "مریم": (1, 10), "حسن": (1, 11), "فام": (1, 12), "دانگ": (1, 12),
            "تهران": (2, 20), "شیراز": (2, 20), "تبریز": (2, 20), "هانوی": (2, 21), "هوئه": (2, 21)}


def _tiny(tmp_path):
    return crf_train.train(_sentences(), tmp_path / "tiny.crfsuite", CLUSTERS, {"fname": {"علی", "مریم"}},
                       crf_train.TrainConfig(max_iterations=50, min_freq=1))


def test_tiny_model_trains_saves_loads_and_tags(tmp_path):
    path = _tiny(tmp_path)
    files = model_files.sidecars(path)
    assert [p.name for p in files.all()] == ["tiny.lexicon.tsv", "tiny.names.tsv", "tiny.clusters.tsv",
                                             "tiny.members.tsv"]
    assert all(p.exists() for p in files.all())
    members = model_files.read_members(files.members)
    assert members == model_files.crf_members() and len(members) >= 1
    assert all(p.exists() for p in model_files.member_files(path, members))
    tagger = CrfTagger(path)
    tags = tagger.tag(["آقای", "مریم", "احمدی", "به", "تبریز", "رفت"])
    assert tags == ["O", "B-PER", "I-PER", "O", "B-LOC", "O"]
    gold = [[t for _, t in s] for s in _sentences()]
    pred = tagger.tag_many([[w for w, _ in s] for s in _sentences()])
    assert evaluate.score(gold, pred)["PER"]["f1"] == 1.0
    # the clusters travel with the model: an unseen city in a known cluster
    assert "c0=2" in tagger.features.sentence(["تبریز"])[0]


def test_tags_and_marginals_are_crfsuites_own(tmp_path):
    # the tagger reads the weights from the file and decodes with numpy
    # (crfsuite_file.py, decoding.py); crfsuite's tagger of a one-member
    # model is the reference
    import pycrfsuite

    path = crf_train.train(_sentences(), tmp_path / "one.crfsuite", CLUSTERS, {"fname": {"علی", "مریم"}},
                       crf_train.TrainConfig(max_iterations=50, min_freq=1, members=(model_files.Member("", 0.5, 1.0),)))
    tagger = CrfTagger(path)
    reference = pycrfsuite.Tagger()
    reference.open(str(path))
    sents = [["آقای", "مریم", "احمدی", "به", "تبریز", "رفت"], ["رفیق", "دانگ"], ["تهران"],
             ["در", "هانوی", "فام", "مین", "گفت", "که", "علی", "کریمی", "به", "شیراز", "نرفت"], []]
    scored = tagger.tag_many_scored(sents, consistent=False)
    assert tagger.tag_many(sents, consistent=False) == [[t for t, _ in s] for s in scored]
    for tokens, got in zip(sents, scored):
        if not tokens:
            assert got == []
            continue
        tags = reference.tag(tagger.features.sentence(tokens))
        assert [t for t, _ in got] == tags == tagger.tag(tokens)     # with and without the marginals
        for i, (tag, p) in enumerate(got):
            assert p == pytest.approx(reference.marginal(tag, i), abs=1e-9)
        assert 0.0 < min(p for _, p in got) <= 1.0


def test_members_are_mixed_by_their_shares(tmp_path):
    from pipeline.ner import crfsuite_file

    members = (model_files.Member("", 0.5, 0.7), model_files.Member(".sharp", 0.01, 0.3))
    path = crf_train.train(_sentences(), tmp_path / "two.crfsuite", CLUSTERS, {},
                       crf_train.TrainConfig(max_iterations=50, min_freq=1, members=members))
    soft, sharp = (crfsuite_file.read(p) for p in model_files.member_files(path, members))
    assert [p.name for p in model_files.member_files(path, members)] == ["two.crfsuite", "two.sharp.crfsuite"]
    mixed = crfsuite_file.mix([soft, sharp], [0.7, 0.3])
    # less regularised, the sharp member has the larger weights
    assert abs(sharp.transitions).sum() > abs(soft.transitions).sum()
    for a in ("w=علی", "bias", "1:w=به"):
        for label in ("B-PER", "O"):
            want = sum(share * m.state[m.attributes[a], m.labels.index(label)] if a in m.attributes else 0.0
                       for m, share in ((soft, 0.7), (sharp, 0.3)))
            assert mixed.state[mixed.attributes[a], mixed.labels.index(label)] == pytest.approx(want)
    assert set(mixed.attributes) == set(soft.attributes) | set(sharp.attributes)
    assert CrfTagger(path).tag(["آقای", "مریم", "احمدی", "به", "تبریز", "رفت"])[1:3] == ["B-PER", "I-PER"]
    # a member that is gone is named
    model_files.member_files(path, members)[1].unlink()
    with pytest.raises(ModelError, match=r"two\.sharp\.crfsuite.*python -m pipeline train ner"):
        CrfTagger(path)


def test_a_document_carries_a_name_to_its_later_family_name(tmp_path):
    tagger = CrfTagger(_tiny(tmp_path))
    doc = [["آقای", "مریم", "احمدی", "به", "تبریز", "رفت"], ["سپس", "احمدی", "افزود", "که"]]
    alone = tagger.tag_many(doc, consistent=False)
    assert alone == [tagger.tag(s) for s in doc]
    assert alone[1][1] == "O"                      # the sentence alone gives no cue
    assert tagger.tag_many(doc)[1][:2] == ["O", "B-PER"]
    scored = tagger.tag_many_scored(doc)
    assert scored[1][1][1] == min(p for _, p in scored[0][1:3])  # the carried tag keeps its source's score


def test_the_tagger_follows_the_target_corpus_where_corpora_disagree(tmp_path):
    # another corpus calls «دانشگاه شریف» a place, twice as often as PEYMA
    # calls it an organisation; the PEYMA copies of the features decide
    other = [[("در", "O"), ("دانشگاه", "B-LOC"), ("شریف", "I-LOC"), ("بود", "O")]] * 8
    peyma = [[("در", "O"), ("دانشگاه", "B-ORG"), ("شریف", "I-ORG"), ("بود", "O")]] * 4
    sents = other + peyma
    path = crf_train.train(sents, tmp_path / "d.crfsuite", {}, {}, crf_train.TrainConfig(max_iterations=50, min_freq=1),
                       domains=[None] * len(other) + [TARGET_DOMAIN] * len(peyma))
    tagger = CrfTagger(path)
    assert tagger.tag(["در", "دانشگاه", "شریف", "بود"]) == ["O", "B-ORG", "I-ORG", "O"]
    # trained as one corpus, the majority wins
    plain = crf_train.train(sents, tmp_path / "p.crfsuite", {}, {}, crf_train.TrainConfig(max_iterations=50, min_freq=1))
    assert CrfTagger(plain).tag(["در", "دانشگاه", "شریف", "بود"]) == ["O", "B-LOC", "I-LOC", "O"]


def test_target_corpus_copies_cover_words_lists_and_clusters_only():
    feats = Features(clusters={"تهران": ("2", "20", "200")})
    general, target = (feats.sentence(["در", "تهران", "فروردین"], target=t) for t in (False, True))
    assert not any(x.startswith("peyma:") for f in general for x in f)
    copies = [{x.removeprefix("peyma:") for x in f if x.startswith("peyma:")} for f in target]
    assert [set(f) - set(g) for f, g in zip(target, general)] == [{"peyma:" + x for x in c} for c in copies]
    assert {"bias", "w=تهران", "c0=2", "c2=200", "-1:w=در", "1:w=فروردین", "1:month"} <= copies[1]
    assert not any(x.startswith(("p1=", "s2=", "shape=", "-1|0=")) for x in copies[1])
    assert "month" in general[2] and "-2:pad" in copies[0]


def test_lexicon_is_harvested_from_entity_spans():
    sents = _sentences() + [[("تهران", "O"), ("بزرگ", "O")]]
    lex = crf_train.harvest(sents, min_count=2, min_share=0.5)
    assert {"علی", "رضایی", "فام", "مین"} <= lex["PER"]
    assert "تهران" in lex["LOC"]          # 2 of 3 times a place
    assert "آقای" not in lex.get("PER", set())


def _tiny_corpora(tmp_path):
    """A corpora folder whose PEYMA train is the tiny sentences, three times."""
    corpora_dir = tmp_path / "corpora"
    (corpora_dir / "peyma").mkdir(parents=True)
    text = "".join("\n".join(f"{w}|{t.replace('-', '_')}" for w, t in s) + "\n\n" for s in _sentences() * 3)
    (corpora_dir / "peyma" / "train.txt").write_text(text, encoding="utf-8")
    return corpora_dir


def test_cli_trains_and_evaluates_a_tiny_model_end_to_end(tmp_path, capsys):
    corpora_dir = _tiny_corpora(tmp_path)
    out = tmp_path / "m.crfsuite"
    assert main(["train", "ner", "--corpora", str(corpora_dir), "--train", "peyma-train",
                 "--max-iterations", "30", "--out", str(out), "--vectors-text", str(tmp_path / "none.jsonl")]) == 0
    assert out.exists() and all(p.exists() for p in model_files.sidecars(out).all())
    assert main(["evaluate", "ner", "--corpora", str(corpora_dir), "--test", "peyma-train", "--model", str(out)]) == 0
    report = capsys.readouterr().out
    per = next(line for line in report.splitlines() if line.startswith("PER"))
    assert float(per.split()[3]) > 0.9
    assert main(["evaluate", "ner", "--corpora", str(corpora_dir), "--test", "peyma-train", "--model", str(out),
                 "--sentence-level"]) == 0
    assert "PER" in capsys.readouterr().out


def test_cli_training_fills_in_the_numbers_a_corpus_leaves_unannotated(tmp_path, capsys):
    corpora_dir = _tiny_corpora(tmp_path)
    dated = [("در", "O"), ("۱۸", "B-DAT"), ("دسامبر", "I-DAT"), ("علی", "B-PER"), ("رضایی", "I-PER"), ("رفت", "O")]
    peyma = corpora_dir / "peyma" / "train.txt"
    peyma.write_text(peyma.read_text(encoding="utf-8") + ("\n".join(f"{w}|{t.replace('-', '_')}" for w, t in dated)
                                                         + "\n\n") * 4, encoding="utf-8")
    (corpora_dir / "arman").mkdir()
    # Arman tags the person but not the date
    (corpora_dir / "arman" / "test_fold1.txt").write_text("در O\n۱۸ O\nدسامبر O\nمریم B-pers\nاحمدی I-pers\nرفت O\n\n"
                                                          "وزارت B-org\nکشور I-org\nگفت O\n\n", encoding="utf-8")
    out = tmp_path / "m.crfsuite"
    args = ["train", "ner", "--corpora", str(corpora_dir), "--train", "peyma-train,arman-1", "--max-iterations", "30",
            "--out", str(out), "--vectors-text", str(tmp_path / "none.jsonl")]
    assert main(args) == 0
    log = capsys.readouterr().out
    assert "completed: 1 sentences" in log and "retrained with them on 36 sentences" in log
    assert out.exists() and all(p.exists() for p in model_files.sidecars(out).all())
    assert main(args + ["--no-complete"]) == 0
    log = capsys.readouterr().out
    assert "completed" not in log and "trained on 35 sentences" in log


def test_entity_scoring_counts_boundaries_and_types():
    table = evaluate.score([["B-PER", "I-PER", "O", "B-LOC"]], [["B-PER", "O", "O", "B-LOC"]])
    assert table["LOC"]["f1"] == 1.0 and table["PER"]["f1"] == 0.0
    assert table["ALL"]["precision"] == pytest.approx(0.5)


def test_missing_or_corrupt_model_names_the_file_and_the_train_command(tmp_path):
    with pytest.raises(ModelError, match=r"missing\.crfsuite.*python -m pipeline train ner"):
        CrfTagger(tmp_path / "missing.crfsuite")
    path = _tiny(tmp_path)
    lexicon = model_files.sidecars(path).lexicon
    lexicon.rename(tmp_path / "elsewhere.tsv")
    with pytest.raises(ModelError, match=r"tiny\.lexicon\.tsv.*python -m pipeline train ner"):
        CrfTagger(path)
    (tmp_path / "elsewhere.tsv").rename(lexicon)
    members = model_files.sidecars(path).members
    members.write_text("just one column\n", encoding="utf-8")
    with pytest.raises(ModelError, match=r"tiny\.members\.tsv.*python -m pipeline train ner"):
        CrfTagger(path)
    model_files.write_members(model_files.crf_members(), members)
    whole = path.read_bytes()
    for broken in (b"not a model", whole[:len(whole) // 2], whole[:40]):
        path.write_bytes(broken)
        with pytest.raises(ModelError, match=r"tiny\.crfsuite.*python -m pipeline train ner"):
            CrfTagger(path)


def test_missing_stanza_model_names_the_file_and_the_stanza_train_command(tmp_path):
    from pipeline.ner.stanza_tagger import StanzaTagger

    with pytest.raises(ModelError, match=r"ner\.pt.*train ner --backend stanza"):
        StanzaTagger(tmp_path / "no-model")


def test_unannotated_numeric_types_are_masked(tmp_path):
    arman = "در O\n۱۸ O\nدسامبر O\nوزارت B-org\nکشور I-org\n\nوزارت B-org\nکشور I-org\nگفت O\n\n"
    (tmp_path / "arman").mkdir()
    (tmp_path / "arman" / "test_fold1.txt").write_text(arman, encoding="utf-8")
    kept = corpora.load(tmp_path, ["arman-1"])
    assert kept == [[("وزارت", "B-ORG"), ("کشور", "I-ORG"), ("گفت", "O")]]
    assert len(corpora.load(tmp_path, ["arman-1"], mask=False)) == 2


class _Fixed:
    """A tagger whose tags are given: the completion rule alone."""

    def __init__(self, table):
        self.table = table

    def tag_many(self, sentences, consistent=True):
        assert not consistent   # the corpora do not keep articles in order
        return [self.table[" ".join(tokens)] for tokens in sentences]


def test_held_out_numeric_sentences_get_the_models_numbers_and_keep_their_names(tmp_path):
    arman = ("در O\n۱۸ O\nدسامبر O\nوزارت B-org\nکشور I-org\n\n"
             "علی B-pers\n۲ O\nدرصد O\nگفت O\n\nوزارت B-org\nکشور I-org\nگفت O\n\n")
    (tmp_path / "arman").mkdir()
    (tmp_path / "arman" / "test_fold1.txt").write_text(arman, encoding="utf-8")
    held = completion.held_out(tmp_path, ["peyma-train", "arman-1"])   # PEYMA annotates numbers: none held
    assert [name for name, _ in held] == ["arman-1", "arman-1"]
    tagger = _Fixed({"در ۱۸ دسامبر وزارت کشور": ["O", "B-DAT", "I-DAT", "I-DAT", "I-DAT"],  # runs into gold ORG
                     "علی ۲ درصد گفت": ["B-DAT", "B-PCT", "I-PCT", "O"]})                  # on gold PER
    done = completion.complete(tagger, [s for _, s in held])
    assert done[0] == [("در", "O"), ("۱۸", "O"), ("دسامبر", "O"), ("وزارت", "B-ORG"), ("کشور", "I-ORG")]
    assert done[1] == [("علی", "B-PER"), ("۲", "B-PCT"), ("درصد", "I-PCT"), ("گفت", "O")]
    # a predicted person is not taken: the names are the annotators'
    assert completion.fill([("دیروز", "O"), ("رضا", "O")], ["B-DAT", "B-PER"]) == [("دیروز", "B-DAT"), ("رضا", "O")]


def test_cli_evaluate_reports_a_missing_model(tmp_path, capsys):
    assert main(["evaluate", "ner", "--model", str(tmp_path / "none.crfsuite")]) == 1
    assert "python -m pipeline train ner" in capsys.readouterr().err


def test_tiny_stanza_model_trains_loads_offline_and_tags(tmp_path):
    pytest.importorskip("stanza")
    from pipeline.ner.training import stanza_train

    sents = _sentences() * 4
    kv = clusters.train_vectors([[cluster_key(w) for w, _ in s] for s in sents], dim=8, min_count=1, workers=1)
    vec = clusters.write_vectors(kv, tmp_path / "vec.txt")
    out = stanza_train.train(sents, _sentences(), vec, tmp_path / "st", max_steps=40, eval_interval=20,
                               extra_args=["--hidden_dim", "16", "--char_hidden_dim", "8", "--word_emb_dim", "8",
                                           "--char_emb_dim", "8", "--lr", "0.02"])
    assert {p.name for p in out.iterdir()} == {"ner.pt", "pretrain.pt", "resources.json"}
    tagger = load_tagger("stanza", out)   # offline: resources.json is {}
    tags = tagger.tag(["آقای", "مریم", "احمدی", "به", "تبریز", "رفت"])
    assert len(tags) == 6 and all(t == "O" or t[:2] in ("B-", "I-") for t in tags)
    assert tagger.tag_many([[], ["علی"]])[0] == []


class _Scored:
    """A tagger whose tags and marginals are given: the selection rule alone."""

    def __init__(self, table):
        self.table = table

    def tag_many_scored(self, sentences, consistent=True):
        return [self.table[" ".join(tokens)] for tokens in sentences]


def test_silver_sentences_are_cut_at_sentence_ends_and_kept_by_length():
    rule = silver.SilverRule(min_tokens=4, max_tokens=5)
    paras = [["آقای", "علی", "رضایی", "آمد", ".", "او", "رفت", ".", "سپس", "به", "تهران", "رفت", "و", "ماند", "تا", "شب"],
             ["حسن", "کریمی", "گفت", "؟"]]
    assert list(silver.sentences(paras, rule)) == [["آقای", "علی", "رضایی", "آمد", "."], ["حسن", "کریمی", "گفت", "؟"]]


def test_silver_keeps_only_confident_sentences_with_an_entity():
    sure = [("O", 0.99), ("B-PER", 0.95), ("I-PER", 0.93), ("O", 0.99)]
    table = {"آقای علی رضایی آمد": sure,
             "او به خانه رفت": [("O", 0.99)] * 4,                                    # no entity
             "آقای علی شیر آمد": sure[:2] + [("I-PER", 0.6), ("O", 0.99)],           # one unsure tag
             "آقای علی رضایی 3 بار آمد": sure[:3] + [("O", 0.99)] * 3,                # may hold a number
             "علی رضایی نوروز آمد": sure[1:3] + [("B-DAT", 0.97), ("O", 0.99)]}        # tagged with a date
    picked = silver.select(_Scored(table), [k.split() for k in table])
    assert picked == [[("آقای", "O"), ("علی", "B-PER"), ("رضایی", "I-PER"), ("آمد", "O")]]


def test_cli_training_adds_silver_sentences_from_unlabeled_text(tmp_path, capsys):
    corpora_dir = _tiny_corpora(tmp_path)
    news = tmp_path / "news.jsonl"
    # two lines the tiny model knows every word of (it never saw «.»), one it does not
    news.write_text('{"title": "", "text": "آقای علی رضایی به تهران رفت\\nرفیق فام مین در هانوی گفت\\n'
                    'دیروز باران سنگینی در شهر بارید"}\n', encoding="utf-8")
    out = tmp_path / "m.crfsuite"
    assert main(["train", "ner", "--corpora", str(corpora_dir), "--train", "peyma-train", "--max-iterations", "30",
                 "--out", str(out), "--vectors-text", str(news), "--silver"]) == 0
    log = capsys.readouterr().out
    assert "silver data: 2 sentences" in log and "retrained" in log
    assert main(["train", "ner", "--corpora", str(corpora_dir), "--train", "peyma-train", "--max-iterations", "30",
                 "--out", str(out), "--vectors-text", str(news)]) == 0
    assert "silver data" not in capsys.readouterr().out


def test_training_gives_the_same_files_on_every_run(tmp_path):
    # a new interpreter with another string hash seed each time; 80k tokens of
    # unlabeled text make several of gensim's 10k-word jobs, which two worker
    # threads would finish in an arbitrary order (other vectors, other clusters)
    import hashlib
    import json
    import os
    import random
    import subprocess
    import sys

    corpora_dir = _tiny_corpora(tmp_path)
    rnd = random.Random(0)
    vocab = ["".join(rnd.choice("ابپتجدرزسشفقکگلمنوهی") for _ in range(4)) for _ in range(400)]
    text = tmp_path / "text.jsonl"
    text.write_text("".join(json.dumps({"text": " ".join(rnd.choices(vocab, k=20))}) + "\n" for _ in range(4000)),
                    encoding="utf-8")
    digests = []
    for hash_seed in ("1", "2"):
        out = tmp_path / f"run{hash_seed}" / "m.crfsuite"
        subprocess.run([sys.executable, "-m", "pipeline", "train", "ner", "--corpora", str(corpora_dir),
                        "--train", "peyma-train", "--max-iterations", "30", "--out", str(out),
                        "--vectors-text", str(text)],
                       env=dict(os.environ, PYTHONHASHSEED=hash_seed), check=True, capture_output=True)
        files = model_files.member_files(out, model_files.read_members(model_files.sidecars(out).members))
        files += model_files.sidecars(out).all()
        digests.append([hashlib.sha256(p.read_bytes()).hexdigest() for p in files])
    assert len(model_files.read_clusters(model_files.sidecars(out).clusters)) > 300   # the clusters hold the unlabeled words
    assert digests[0] == digests[1]


def test_word_scores_are_the_sums_of_the_words_features():
    # the tagger looks up a word's features piece by piece (features.PIECES);
    # each part's row must be the sum of ``token_parts``, added first to last
    from functools import reduce

    import numpy as np

    tagger = CrfTagger()
    words = ["تهران", "حسن", "روحانی", "می‌رود", "سه شنبه", "بانكي", "۱۴۰۲", "IBM", "(", "«", "زززززز", "a-b"]
    scores = tagger._words
    scores.clear()
    scores.sentences([words])
    state = scores.state
    for word in words:
        row = scores.rows[:, scores.index[word]]
        for part, features in enumerate(tagger.features.token_parts(word, True)):
            ids = [scores.ids.get(x, scores.none) for x in features]
            assert np.array_equal(row[part], reduce(np.add, state[ids], np.zeros(state.shape[1]))), (word, part)


def test_word_scores_of_empty_sentences_are_empty_and_cut_no_neighbours():
    import numpy as np

    scores = CrfTagger()._words
    assert scores.sentences([]) == []
    n_labels = scores.state.shape[1]
    got = scores.sentences([[], ["حسن", "روحانی"], [], ["روحانی"], []])
    assert [g.shape for g in got] == [(0, n_labels), (2, n_labels), (0, n_labels), (1, n_labels), (0, n_labels)]
    # a sentence's scores are its own, whatever stands around it
    assert np.array_equal(got[1], scores.sentences([["حسن", "روحانی"]])[0])
    assert np.array_equal(got[3], scores.sentences([["روحانی"]])[0])


def test_a_sentence_too_long_to_be_one_is_decoded_in_windows_as_a_whole():
    # issue 22: a run of «/» is one "sentence" of a million tokens; its
    # windows (decoding.LONG) give the tags and marginals of the whole here
    import numpy as np

    from pipeline.ner import decoding

    tagger = CrfTagger()
    rng = np.random.default_rng(22)
    words = ["تهران", "/", "حسن", "روحانی", "گفت", "(", "«", "»", ")", "و", "در", "۱۲"]
    tokens = [words[k] for k in rng.integers(len(words), size=3 * decoding.LONG)]
    scores = tagger._words.sentences([tokens])
    windows = decoding.decode(scores, tagger._transitions)[0]
    whole = decoding._decode_pieces(scores, tagger._transitions, marginals=True)[0]
    assert np.array_equal(windows[0], whole[0])
    assert np.allclose(windows[1], whole[1], atol=1e-9)
