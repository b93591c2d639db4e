"""One field specification (pipeline/fields.py) drives the JSON, the table
schemas and rows, the review page's tables and docs/tables.md."""
from __future__ import annotations

import json
from html.parser import HTMLParser
from operator import attrgetter

import pytest

from conftest import ROOT
from pipeline import extract, fields, fields_doc, to_json
from pipeline.fields import DATES, DOCUMENTS, PEOPLE, RESOLUTIONS, SEP, STRINGS, TASKS, Field, Html, Record
from pipeline.html import render_document
from pipeline.tables import ARROW, SCHEMA, TABLES, error_row, frame, rows

# a person with a later bare surname and a title written alone, a resolution, a deadline and a relative date
TEXT = ("رفیق وو دای تانگ، دبیر کمیته حزبی استان، در ۱۸ دسامبر ۲۰۲۴ از ادارات درخواست کرد تا "
        "قطعنامه شماره ۱۸-NQ/TW را تا ۳۰ آوریل ۲۰۲۵ اجرا کنند. به گفته دبیر کمیته حزبی استان، تانگ امروز گزارش داد.")


@pytest.fixture(scope="module")
def doc():
    return extract(TEXT, "seed", "2024-12-20")


def _json_keys(record: Record) -> list[str]:
    return [f.name for f in record.json_fields]


# ------------------------------------------------------------------ docs/tables.md

def test_committed_docs_are_what_the_spec_generates():
    text = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
    assert fields_doc.render_docs(text) == text, "docs/tables.md is stale: run python -m pipeline.fields_doc --write"
    assert fields_doc.main(["--check"]) == 0


def test_docs_check_fails_on_a_stale_file_and_write_repairs_it(tmp_path, capsys):
    text = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
    stale = tmp_path / "tables.md"
    stale.write_text(text.replace("| n_chars | int64 |", "| n_chars | string |"), encoding="utf-8")
    assert fields_doc.main(["--check", "--docs", str(stale)]) == 1
    assert "stale" in capsys.readouterr().err
    assert fields_doc.main(["--write", "--docs", str(stale)]) == 0
    assert stale.read_text(encoding="utf-8") == text


def test_every_table_has_a_generated_block_listing_its_columns():
    text = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
    for record in fields.TABLES:
        block = text.split(f"<!-- fields: {record.name} -->\n", 1)[1].split("<!-- /fields -->", 1)[0]
        documented = [c.strip() for line in block.splitlines()[2:] for c in line.split("|")[1].split(",")]
        assert documented == list(SCHEMA[record.name]), record.name
    with pytest.raises(ValueError, match="lacks the generated block"):
        fields_doc.render_docs(text.replace("<!-- fields: mentions -->", "<!-- mentions -->"))
    with pytest.raises(ValueError, match="no table of the specification"):
        fields_doc.render_docs(text + "\n<!-- fields: nonesuch -->\n<!-- /fields -->\n")


# ------------------------------------------------------------------ every output from the spec

def test_json_keys_come_from_the_spec_in_its_order(doc):
    data = to_json(doc)
    assert _json_keys(DOCUMENTS) == ["doc_id", "encoding", "bom", "people", "resolutions", "dates", "tasks"]
    # "encoding" only when the text was read from bytes, "bom" only when true
    assert list(data) == ["doc_id", "people", "resolutions", "dates", "tasks"]
    doc.meta.update(bom=True, encoding="utf-16-le")
    assert list(to_json(doc)) == _json_keys(DOCUMENTS) and to_json(doc)["bom"] is True
    assert to_json(doc)["encoding"] == "utf-16-le"
    del doc.meta["bom"], doc.meta["encoding"]
    (person,) = data["people"]
    assert list(person) == _json_keys(PEOPLE)
    assert [list(m) for m in person["mentions"]] == [_json_keys(fields.NAME_MENTION)] * 2
    assert list(person["coreferent_titles"][0]) == list(person["title_mentions"][0]) == _json_keys(fields.TITLE_SPAN)
    assert [list(r) for r in data["resolutions"]] == [_json_keys(RESOLUTIONS)]
    assert [list(t) for t in data["tasks"]] == [_json_keys(TASKS)]
    # `relative` is written only when true, as the last key
    plain = [f for f in _json_keys(DATES) if f != "relative"]
    assert [list(d) for d in data["dates"]] == [plain, plain, _json_keys(DATES)]
    assert data["dates"][2]["relative"] is True and data["dates"][2]["text"] == "امروز"
    json.dumps(data)  # plain JSON values only


def test_changing_the_json_leaves_the_document_alone():
    doc = extract("آقای حسن روحانی رئیس‌جمهور گفت که وزارت کشور باید گزارش بدهد.", "own")
    before = to_json(doc)
    data = to_json(doc)
    for person in data["people"]:
        for value in person.values():
            if isinstance(value, list):
                value.append("changed")
    assert to_json(doc) == before
    assert before["people"][0]["honorifics"] == ["آقای"]


def test_table_rows_and_schemas_come_from_the_spec(doc):
    assert TABLES == tuple(r.name for r in fields.TABLES)
    out = rows(doc, "seed.txt", None, None, 0.25, "abc")
    assert list(out) == list(TABLES)
    for record in fields.TABLES:
        columns = [f.name for f in record.table_fields]
        assert list(SCHEMA[record.name]) == columns == ARROW[record.name].names
        for row in out[record.name]:
            assert list(row) == columns
        assert list(frame(record.name, out[record.name]).columns) == columns
    assert {t: len(r) for t, r in out.items()} == {"documents": 1, "people": 1, "titles": 1, "mentions": 3,
                                                   "resolutions": 1, "dates": 3, "tasks": 1, "errors": 0}
    assert out["people"][0]["honorifics"] == "رفیق" and out["tasks"][0]["addressees"] == "ادارات"
    assert [r["kind"] for r in out["mentions"]] == ["name", "name", "title"]
    assert list(error_row("x", "x.txt", "s", "read", "empty")) == list(SCHEMA["errors"])


def _page_tables(page: str) -> dict[str, tuple[list[str], list[list[str]]]]:
    """Heading -> (header cells, body rows) of each result table of a page."""

    class Tables(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found, self.heading, self.cell, self.where = {}, None, None, None

        def handle_starttag(self, tag, attrs):
            if tag == "h2":
                self.heading = ""
            elif tag == "thead":
                self.where = "head"
            elif tag == "tbody":
                self.where = "body"
            elif tag == "table":
                self.found[self.heading] = ([], [])
            elif tag == "tr" and self.where == "body":
                self.found[self.heading][1].append([])
            elif tag in ("th", "td"):
                self.cell = ""

        def handle_endtag(self, tag):
            if tag == "th":
                self.found[self.heading][0].append(self.cell)
            elif tag == "td":
                self.found[self.heading][1][-1].append(self.cell)
            self.cell = None if tag in ("th", "td") else self.cell

        def handle_data(self, data):
            if self.cell is not None:
                self.cell += data
            elif self.heading is not None and self.lasttag == "h2":
                self.heading += data

    parser = Tables()
    parser.feed(page)
    return parser.found


def test_page_tables_have_the_spec_columns(doc):
    tables = _page_tables(render_document(doc))
    assert len(tables) == len(fields.HTML_TABLES) == 5
    for (heading, (headers, body)), record in zip(tables.items(), fields.HTML_TABLES):
        assert headers == [f.html_header for f in record.html_fields], heading
        assert all(len(r) == len(headers) for r in body) and body, heading
    headers, body = tables["وظایف / Tasks"]
    task = dict(zip(headers, body[0]))
    assert task["#"] == "1.1" and task["requester"] == "رفیق وو دای تانگ" and task["deadline"] == "2025-04-30"
    headers, body = tables["افراد / People"]
    people = dict(zip(headers, body[0]))
    assert people == {"name": "وو دای تانگ", "titles": "دبیر کمیته حزبی استان", "aliases": "", "mentions": "2"}


# ------------------------------------------------------------------ the declarations themselves

def _record(*flds: Field, **kw) -> Record:
    return Record("r", flds, items=lambda x: (), **kw)


def test_a_list_field_is_an_array_in_json_and_one_joined_cell_in_a_row():
    words = Field("words", STRINGS, "words", attrgetter("words"), html=Html(join="، "))
    flag = Field("flag", "bool", "flag", attrgetter("flag"), json_if_true=True)
    record = _record(words, flag)

    class Item:
        words, flag = ["a", "b"], False

    assert record.row(Item()) == {"words": "a" + SEP + "b", "flag": False}
    assert record.json(Item()) == {"words": ["a", "b"]}
    assert record.html_cells(Item()) == ["a، b"]
    assert record.schema == {"words": "string", "flag": "bool"}


def test_malformed_declarations_are_refused():
    a = Field("a", "string", "a", attrgetter("a"))
    with pytest.raises(ValueError, match="declares a field twice"):
        _record(a, a)
    with pytest.raises(ValueError, match="json_order"):
        _record(a, Field("b", "string", "b", attrgetter("b"), in_json=False), json_order=("a", "b"))
    with pytest.raises(ValueError, match="JSON only"):
        _record(Field("spans", "list[x]", "x", attrgetter("x"), in_json=True, in_table=True, nested=_record(a)))
