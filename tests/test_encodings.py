"""Documents that are not UTF-8 (issue 25): Windows-1256, ISO-8859-6 and
UTF-16 copies give the same extraction as the UTF-8 original, with offsets
into the decoded text; what no encoding reads as Persian is an error row that
names what was tried."""
from __future__ import annotations

import codecs
import io
import json
import random
import sys
from pathlib import Path

import pytest

from pipeline import load
from pipeline.batch import BatchOptions, run_batch
from pipeline.cli import main
from pipeline.decoding import DecodingError, decode_bytes

ROOT = Path(__file__).resolve().parents[1]
CABINET = (ROOT / "data" / "raw" / "ir_cabinet_resolution.txt").read_text(encoding="utf-8")
# Windows-1256 has no Persian yeh (ی) nor Persian digits: a Windows-1256 file
# writes the Arabic yeh (ي) and ASCII digits, as Office exports do
SEED = ("رفیق وو دای تانگ، دبیر کمیته حزبی استان، در ۱۸ دسامبر ۲۰۲۴ از ادارات درخواست کرد تا "
        "قطعنامه شماره ۱۸-NQ/TW را اجرا کنند.")
SEED_1256 = SEED.translate({0x6CC: 0x64A, **{0x6F0 + d: 0x30 + d for d in range(10)}})
LATIN_1 = "Sécurité et café: the minister met the press on Monday and answered questions.\n" * 4


def _random_bytes(n: int, seed: int, nul: bool) -> bytes:
    rnd = random.Random(seed)
    return bytes(rnd.randrange(0 if nul else 1, 256) for _ in range(n))


# name -> (the text, its bytes as such a file holds them, --encoding or None)
COPIES = {
    "windows-1256": (CABINET, CABINET.encode("cp1256"), None),
    "windows-1256 (seed)": (SEED_1256, SEED_1256.encode("cp1256"), None),
    "utf-16-le with BOM": (CABINET, codecs.BOM_UTF16_LE + CABINET.encode("utf-16-le"), None),
    "utf-16-be with BOM": (CABINET, codecs.BOM_UTF16_BE + CABINET.encode("utf-16-be"), None),
    "utf-8 with BOM": (CABINET, codecs.BOM_UTF8 + CABINET.encode("utf-8"), None),
    "--encoding windows-1256": (SEED_1256, SEED_1256.encode("cp1256"), "windows-1256"),
    "--encoding utf-16": (SEED, SEED.encode("utf-16"), "utf-16"),
}
EXPECTED_ENCODING = {"windows-1256": "windows-1256", "windows-1256 (seed)": "windows-1256",
                     "utf-16-le with BOM": "utf-16-le", "utf-16-be with BOM": "utf-16-be",
                     "utf-8 with BOM": "utf-8", "--encoding windows-1256": "windows-1256",
                     "--encoding utf-16": "utf-16-le"}


def _extract_json(path: Path, capsys, *flags: str) -> dict:
    assert main(["extract", "--format", "json", *flags, str(path)]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def _without_reading(data: dict) -> dict:
    return {k: v for k, v in data.items() if k not in ("encoding", "bom", "doc_id")}


@pytest.mark.parametrize("name", list(COPIES))
def test_a_copy_in_another_encoding_extracts_as_the_utf8_original(tmp_path, capsys, name):
    text, data, forced = COPIES[name]
    original = tmp_path / "original.txt"
    original.write_text(text, encoding="utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_bytes(data)
    want = _extract_json(original, capsys)
    got = _extract_json(copy, capsys, *(["--encoding", forced] if forced else []))
    assert got["encoding"] == EXPECTED_ENCODING[name] and want["encoding"] == "utf-8"
    assert got.get("bom", False) is data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    assert _without_reading(got) == _without_reading(want)
    assert got["people"] or got["resolutions"]  # something was extracted to compare
    # offsets point into the decoded text (a byte-order mark is not part of it)
    for item in got["dates"] + got["resolutions"] + got["tasks"]:
        assert text[item["start"]:item["end"]] == item.get("text", text[item["start"]:item["end"]])
    for person in got["people"]:
        for m in person["mentions"]:
            assert 0 <= m["start"] < m["end"] <= len(text)


def test_iso_8859_6_and_utf16_without_a_mark_are_detected():
    arabic = "".join(c for c in CABINET if c.encode("iso8859_6", "ignore"))
    assert decode_bytes(arabic.encode("iso8859_6")).encoding == "iso-8859-6"
    assert decode_bytes(arabic.encode("iso8859_6")).text == arabic
    for wide in ("utf-16-le", "utf-16-be"):
        decoded = decode_bytes(CABINET.encode(wide))
        assert (decoded.text, decoded.encoding, decoded.bom) == (CABINET, wide, False)


@pytest.mark.parametrize("data", [
    LATIN_1.encode("latin-1"),
    "café".encode("latin-1"),
    _random_bytes(3000, 1, nul=True),
    _random_bytes(3000, 2, nul=False),
    _random_bytes(200, 3, nul=False),
], ids=["latin-1 English", "latin-1 word", "random bytes", "random bytes without NUL", "short random bytes"])
def test_what_no_encoding_reads_as_persian_is_refused_naming_what_was_tried(data):
    with pytest.raises(DecodingError) as refused:
        decode_bytes(data)
    message = str(refused.value)
    assert "tried" in message
    if b"\x00" in data:
        assert "binary" in message and "utf-16-le" in message
    else:
        assert "not UTF-8" in message and "windows-1256" in message and "iso-8859-6" in message


def test_a_latin1_file_is_refused_for_its_script_not_called_garbled():
    message = str(pytest.raises(DecodingError, decode_bytes, LATIN_1.encode("latin-1")).value)
    assert "windows-1252: only 0% of its letters are Persian/Arabic script" in message
    assert "windows-1256: only 0% of its letters" in message  # it reads as the same Latin text


def test_a_forced_encoding_that_does_not_fit_is_an_error(tmp_path, capsys):
    src = tmp_path / "doc.txt"
    src.write_bytes(SEED_1256.encode("cp1256"))
    assert main(["extract", "--encoding", "utf-8", str(src)]) == 1
    assert "not utf-8 text (--encoding)" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:
        main(["extract", "--encoding", "no-such-codec", str(src)])
    assert stop.value.code == 2 and "unknown encoding" in capsys.readouterr().err


def test_stdin_is_decoded_the_same_way(monkeypatch, capsys):
    for data, flags in ((SEED_1256.encode("cp1256"), []), (SEED.encode("utf-16"), []),
                        (SEED_1256.encode("cp1256"), ["--encoding", "cp1256"])):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        assert main(["extract", "--format", "json", *flags, "-"]) == 0
        got = json.loads(capsys.readouterr().out)
        assert got["encoding"] in ("windows-1256", "utf-16-le") and got["resolutions"][0]["number"] in ("18-NQ/TW", "۱۸-NQ/TW")


def test_a_batch_over_a_folder_of_mixed_encodings_reads_every_readable_document(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    readable = {
        "utf8": (SEED.encode("utf-8"), "utf-8"),
        "utf8_bom": (codecs.BOM_UTF8 + CABINET.encode("utf-8"), "utf-8"),
        "win1256": (CABINET.encode("cp1256"), "windows-1256"),
        "win1256_seed": (SEED_1256.encode("cp1256"), "windows-1256"),
        "utf16le": (codecs.BOM_UTF16_LE + SEED.encode("utf-16-le"), "utf-16-le"),
        "utf16be": (codecs.BOM_UTF16_BE + CABINET.encode("utf-16-be"), "utf-16-be"),
    }
    for name, (data, _) in readable.items():
        (folder / f"{name}.txt").write_bytes(data)
    (folder / "latin1.txt").write_bytes(LATIN_1.encode("latin-1"))
    (folder / "random.txt").write_bytes(_random_bytes(2000, 4, nul=False))
    run_batch(folder, BatchOptions(out=tmp_path / "out", workers=1))
    t = load(tmp_path / "out")
    docs = t["documents"].set_index("doc_id")
    assert sorted(docs.index) == sorted(readable)
    assert {d: docs.loc[d, "encoding"] for d in readable} == {d: enc for d, (_, enc) in readable.items()}
    assert bool(docs.loc["utf16be", "bom"]) and not bool(docs.loc["win1256", "bom"])
    assert docs.loc["win1256", "n_chars"] == len(CABINET) == docs.loc["utf16be", "n_chars"]
    people = t["people"].groupby("doc_id")["name"].apply(sorted)
    assert people["win1256"] == people["utf8_bom"] == people["utf16be"]
    errors = t["errors"].set_index("doc_id")
    assert sorted(errors.index) == ["latin1", "random"]
    assert errors["error"].str.contains("windows-1256").all() and (errors["stage"] == "read").all()
    dates = t["dates"][t["dates"]["doc_id"] == "win1256"]
    assert len(dates) and all(CABINET[r.start:r.end] == r.text for r in dates.itertuples())


def test_csv_text_columns_in_windows_1256_and_utf16(tmp_path):
    rows = "id,text\r\n1,\"" + SEED_1256 + "\"\r\n2,\"" + CABINET.replace('"', '""') + "\"\r\n"
    for name, data, encoding in (("win.csv", rows.encode("cp1256"), "windows-1256"),
                                 ("wide.csv", rows.encode("utf-16"), "utf-16-le")):
        src = tmp_path / name
        src.write_bytes(data)
        out = tmp_path / f"out-{name}"
        run_batch(src, BatchOptions(out=out, workers=1))
        t = load(out)
        assert t["errors"].empty, t["errors"]["error"].tolist()
        docs = t["documents"].set_index("doc_id")
        assert list(docs["encoding"]) == [encoding, encoding] and docs.loc["2", "n_chars"] == len(CABINET)
        assert "18-NQ/TW" in set(t["resolutions"]["number"])


def test_a_latin1_csv_names_what_was_tried(tmp_path):
    src = tmp_path / "latin.csv"
    src.write_bytes(("id,text\n1,\"" + LATIN_1 + "\"\n2,plain ascii\n").encode("latin-1"))
    run_batch(src, BatchOptions(out=tmp_path / "out", workers=1))
    t = load(tmp_path / "out")
    (error,) = t["errors"]["error"]
    assert "'text' is not utf-8 text" in error and "tried" in error and "windows-1256" in error
    assert list(t["documents"]["doc_id"]) == ["2"]  # the readable record is still extracted
