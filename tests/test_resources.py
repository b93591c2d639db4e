"""The compiled-resource cache (pipeline/resources.py, pipeline/ner/stored.py):
a changed word list is built afresh, a cache directory that cannot be
written or made still extracts correctly, and what is read back from disk
gives the same output as what is built from the sources."""
from __future__ import annotations

import json
import os
import shutil
import sys

import numpy as np
import pytest

from conftest import DEV, need_shared
from pipeline import api, resources, to_json
from pipeline.ner import crf_tagger, stored
from pipeline.resources import ResourceCache

# a given name in no list: «<given> <family>» is a person only when the list has it
NEW_NAME = "بهرنگار"
TEXT = f"دیروز {NEW_NAME} رستمی در جلسه گفت که این طرح اجرا می‌شود."
GIVEN = "pipeline.wordlists/given_names.tsv"


def _people(cache: ResourceCache, text: str = TEXT) -> list[str]:
    return [p.name for p in api.extract(text, pipeline=api.build(resources=cache)).people]


def _json(cache: ResourceCache, text: str, ner: bool = False) -> str:
    doc = api.extract(text, pipeline=api.build(api.config(ner), resources=cache))
    return json.dumps(to_json(doc), ensure_ascii=False)


def _with_new_name(tmp_path):
    copy = tmp_path / "given_names.tsv"
    original = resources.default_cache().source(*GIVEN.split("/")).read_text(encoding="utf-8")
    copy.write_text(original + f"{NEW_NAME}\tpersian\n", encoding="utf-8")
    return copy


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """A cache directory, and the ResourceCache that built every entry in it
    from the sources (so its memo is the built-in-memory reference)."""
    directory = tmp_path_factory.mktemp("resources") / "cache"
    builder = ResourceCache(directory)
    _json(builder, TEXT, ner=True)
    assert "people.lexicon" in builder.built and "dates.rules" in builder.built
    return directory, builder


def test_a_changed_word_list_is_built_afresh(tmp_path, filled):
    directory, builder = filled
    assert _people(builder) == []
    changed = ResourceCache(directory, overrides={GIVEN: _with_new_name(tmp_path)})
    assert changed.key != builder.key
    assert _people(changed) == [f"{NEW_NAME} رستمی"]
    assert "people.lexicon" in changed.built      # not the entry of the other key
    assert (directory / changed.key / "people.lexicon.pickle").is_file()

    again = ResourceCache(directory, overrides={GIVEN: changed.overrides[GIVEN]})
    assert _people(again) == [f"{NEW_NAME} رستمی"]
    assert again.built == []                      # all read back from the new entries
    plain = ResourceCache(directory)
    assert _people(plain) == [] and plain.built == []   # the old key's entries are still there


def test_a_cache_directory_that_cannot_be_made_still_extracts(tmp_path, filled):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    missing = ResourceCache(blocker / "cache")
    assert _json(missing, TEXT) == _json(filled[1], TEXT)
    assert "people.lexicon" in missing.built and not (blocker / "cache").exists()


def _refuse(path, data):
    raise PermissionError(30, "Read-only file system", str(path))


def test_a_read_only_empty_cache_still_extracts(tmp_path, filled, monkeypatch):
    # every write fails as on a read-only file system (chmod alone does not stop root, who runs CI here)
    monkeypatch.setattr(resources, "write_atomic", _refuse)
    directory = tmp_path / "cache"
    directory.mkdir()
    if getattr(os, "geteuid", lambda: 0)() != 0:
        directory.chmod(0o555)
    cache = ResourceCache(directory)
    assert _json(cache, TEXT) == _json(filled[1], TEXT)
    assert "people.lexicon" in cache.built
    assert not any(directory.rglob("*.pickle"))


def test_a_read_only_filled_cache_is_read(filled, monkeypatch):
    monkeypatch.setattr(resources, "write_atomic", _refuse)
    reader = ResourceCache(filled[0])
    assert _json(reader, TEXT) == _json(filled[1], TEXT)
    assert reader.built == []


def test_a_damaged_entry_is_built_again(tmp_path, filled):
    directory = tmp_path / "cache"
    shutil.copytree(filled[0], directory)
    (directory / filled[1].key / "people.title_words.pickle").write_bytes(b"\x80\x05 not a pickle")
    second = ResourceCache(directory)
    assert _json(second, TEXT) == _json(filled[1], TEXT)
    assert second.built == ["people.title_words"]


def test_old_keys_are_pruned_least_recently_used_first(tmp_path):
    for age, name in enumerate(["newest", "b", "c", "d", "e", "oldest"]):
        folder = tmp_path / name
        folder.mkdir()
        os.utime(folder, (1_000_000 - age * 10, 1_000_000 - age * 10))
    resources.prune(tmp_path, keep=4)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b", "c", "d", "newest"]


def test_stored_model_weights_equal_the_parsed_ones(tmp_path):
    path = crf_tagger.DEFAULT_MODEL
    if not path.exists():
        pytest.skip(f"no NER model at {path}")
    parsed = crf_tagger._parse_weights(path)
    with ResourceCache(tmp_path / "cache").active():
        written = stored.weights(path, crf_tagger._parse_weights)
        read = stored.weights(path, lambda p: pytest.fail("parsed again instead of read"))
        tables = stored.feature_tables(path, crf_tagger._parse_features)
        tables_read = stored.feature_tables(path, lambda p: pytest.fail("parsed again instead of read"))
    for got in (written, read):
        assert got.labels == parsed.labels
        assert got.attributes == parsed.attributes
        assert list(got.attributes) == list(parsed.attributes)
        assert np.array_equal(got.state, parsed.state) and np.array_equal(got.transitions, parsed.transitions)
    assert isinstance(read.state, np.memmap)
    assert tables_read == tables == crf_tagger._parse_features(path)


def test_extracting_needs_no_heavy_package(filled):
    """hazm's tokenizers come without hazm's __init__, which imports
    scikit-learn, nltk, scipy and pandas (pipeline/hazm_parts.py)."""
    import subprocess

    code = ("import sys, pipeline; pipeline.extract('دیروز آرش رستمی در جلسه گفت که این طرح اجرا می‌شود.', ner=True); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'hazm', 'nltk', 'sklearn', 'scipy', 'pandas', 'gensim'}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, resources.ENV: str(filled[0])}).stdout
    assert out.strip() == "[]"


def test_the_full_hazm_still_imports_after_the_parts():
    import subprocess

    code = ("from pipeline.hazm_parts import parts; p = parts(); import hazm; "
            "print(hazm.WordTokenizer().tokenize('این جمله (خیلی) پیچیده نیست!!!') == "
            "p.word_tokenizer.WordTokenizer().tokenize('این جمله (خیلی) پیچیده نیست!!!'), hasattr(hazm, 'POSTagger'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "True"]


def test_dev_documents_are_identical_with_and_without_the_cache(filled):
    """Every dev document's JSON, with the NER model, from resources built
    from the sources in memory and from resources read back from disk."""
    need_shared()
    directory, built = filled
    from_disk = ResourceCache(directory)
    for path in sorted(DEV.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        expected = _json(built, text, ner=True)   # first: it writes what a document needs for the first time
        assert _json(from_disk, text, ner=True) == expected, path.name
    assert from_disk.built == []
