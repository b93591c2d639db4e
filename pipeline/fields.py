"""The one field specification of what the project writes about a Document.

Each kind of record -- a row of a batch table, an object of the JSON that
``extract --format json`` prints, a row of the review page's tables -- is a
:class:`Record` of typed :class:`Field` declarations, here and nowhere else.
``output.to_json``, ``tables.SCHEMA`` / ``tables.rows`` and the tables of
``html.render_document`` are built from them, and so are the column tables
of ``docs/tables.md`` (``python -m pipeline.fields_doc --write``; a test
checks that the committed file is current).

The outputs have never held quite the same fields (the JSON keeps each
person's spans inside the person, the tables give them rows of their own;
the JSON has no ``rule`` columns). Each field says where it appears
(``in_json``, ``in_table``, ``html``), and a record whose JSON keys come in
another order than its table columns says so in ``json_order``, so every
such difference is on record and kept as it is.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter
from typing import Any, Callable, Iterable

from .document import DateMention, Document, Person, Resolution, Span, Task, TitleMention

STRING, INT, FLOAT, BOOL = "string", "int64", "float64", "bool"
STRINGS = "list[string]"   # a list of strings: a JSON array, one ` | `-joined table cell
SEP = " | "                 # list cells of the tables are joined with this; split on it to get the list back


# ------------------------------------------------------------------ what a row is read from
# (made for every annotation of a batch: slotted, and not frozen, whose __init__ is slower)

@dataclass(slots=True)
class Extraction:
    """One extracted document, with what the batch knows of its input."""

    doc: Document
    path: str = ""
    url: str | None = None
    source: str | None = None
    seconds: float = 0.0
    sha1: str = ""


@dataclass(slots=True)
class PersonItem:
    doc_id: str
    person_id: int          # 1, 2, … within the document
    person: Person


@dataclass(slots=True)
class TitleItem:
    doc_id: str
    person_id: int
    person: Person
    title: TitleMention


@dataclass(slots=True)
class MentionItem:
    doc_id: str
    person_id: int
    person: Person
    kind: str               # how the text refers to the person: name | title
    span: Span


@dataclass(slots=True)
class ResolutionItem:
    doc_id: str
    resolution: Resolution


@dataclass(slots=True)
class DateItem:
    doc_id: str
    date: DateMention


@dataclass(slots=True)
class TaskItem:
    doc_id: str
    task: Task


@dataclass(slots=True)
class ErrorItem:
    """A document the batch could not extract."""

    doc_id: str
    path: str
    sha1: str
    stage: str
    error: str


# ------------------------------------------------------------------ fields and records

@dataclass(frozen=True)
class Html:
    """How a field shows in the review page's result table."""

    header: str = ""        # the column header (default: the field's name)
    join: str = "، "        # how a list is written in one cell
    ltr: bool = False       # numbers and ISO values: left to right inside the right-to-left page


@dataclass(frozen=True)
class Field:
    name: str
    dtype: str              # STRING, INT, FLOAT, BOOL, STRINGS, or list[<record>] (JSON only, see ``nested``)
    description: str
    getter: Callable[[Any], Any]
    in_json: bool = True
    in_table: bool = True
    html: Html | None = None
    json_if_true: bool = False          # the JSON key is written (as true) only when the value is true
    json_if_set: bool = False           # the JSON key is left out when the value is None
    nested: Record | None = None        # a JSON list of this record's objects; the getter gives their items

    @property
    def in_html(self) -> bool:
        return self.html is not None

    @property
    def table_dtype(self) -> str:
        return STRING if self.dtype == STRINGS else self.dtype

    @property
    def html_header(self) -> str:
        return self.html.header or self.name if self.html else ""


@dataclass(frozen=True)
class _Plan:
    """How one record's objects are written: key names, a getter per key, and
    the keys written only when true."""

    names: tuple[str, ...]
    getters: tuple[Callable[[Any], Any], ...]
    if_true: tuple[str, ...] = ()
    if_set: tuple[str, ...] = ()


def _table_getter(f: Field) -> Callable[[Any], Any]:
    if f.dtype != STRINGS:
        return f.getter
    get = f.getter
    return lambda item: SEP.join(get(item))


def _json_getter(f: Field) -> Callable[[Any], Any]:
    if f.nested is None:
        return f.getter
    get, write = f.getter, f.nested.json
    return lambda item: [write(x) for x in get(item)]


def objects(name: str, record: Record, description: str, getter: Callable[[Any], Any]) -> Field:
    """A JSON-only field holding a list of ``record`` objects."""
    return Field(name, f"list[{record.name}]", description, getter, in_table=False, nested=record)


@dataclass(frozen=True)
class Record:
    """One kind of record, its fields in table order. ``items`` gives the
    items of one Extraction that its rows (or JSON objects) are read from;
    ``json_order`` gives the JSON keys' order where it is not the table's."""

    name: str
    fields: tuple[Field, ...]
    items: Callable[[Extraction], Iterable[Any]] | None = None
    json_order: tuple[str, ...] = ()
    path: str = ""          # where its objects sit in the JSON (``people[]``), for the docs

    def __post_init__(self):
        names = [f.name for f in self.fields]
        if len(set(names)) != len(names):
            raise ValueError(f"record {self.name!r} declares a field twice: {names}")
        in_json = {f.name for f in self.fields if f.in_json}
        if self.json_order and set(self.json_order) != in_json:
            raise ValueError(f"record {self.name!r}: json_order {self.json_order} is not its JSON fields {in_json}")
        for f in self.fields:
            if f.nested is not None and (f.in_table or f.in_html):
                raise ValueError(f"{self.name}.{f.name}: a list of objects is written to the JSON only")

    def named(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @cached_property
    def table_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.in_table)

    @cached_property
    def json_fields(self) -> tuple[Field, ...]:
        if self.json_order:
            return tuple(self.named(n) for n in self.json_order)
        return tuple(f for f in self.fields if f.in_json)

    @cached_property
    def html_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.in_html)

    @property
    def schema(self) -> dict[str, str]:
        """Column name -> pandas dtype."""
        return {f.name: f.table_dtype for f in self.table_fields}

    # rows and JSON objects are written for every annotation of every document
    # of a batch: the getters are put together once per record, not per item

    @cached_property
    def _table_plan(self) -> _Plan:
        return _Plan(tuple(f.name for f in self.table_fields), tuple(_table_getter(f) for f in self.table_fields))

    @cached_property
    def _json_plan(self) -> _Plan:
        fields = self.json_fields
        return _Plan(tuple(f.name for f in fields), tuple(_json_getter(f) for f in fields),
                     tuple(f.name for f in fields if f.json_if_true), tuple(f.name for f in fields if f.json_if_set))

    def row(self, item: Any) -> dict[str, Any]:
        """The table row of one item; lists become ` | `-joined strings."""
        plan = self._table_plan
        return dict(zip(plan.names, [get(item) for get in plan.getters]))

    def json(self, item: Any) -> dict[str, Any]:
        """The JSON object of one item; a ``json_if_true`` key only when true."""
        plan = self._json_plan
        # a copy of each list: the JSON must not share lists with the Document
        out = {name: list(value) if isinstance(value, list) else value
               for name, value in zip(plan.names, [get(item) for get in plan.getters])}
        for name in plan.if_true:
            if out[name]:
                out[name] = True
            else:
                del out[name]
        for name in plan.if_set:  # a ``json_if_set`` key only when not None
            if out[name] is None:
                del out[name]
        return out

    def html_cells(self, item: Any) -> list[Any]:
        cells = []
        for f in self.html_fields:
            value = f.getter(item)
            cells.append(f.html.join.join(value) if f.dtype == STRINGS else value)
        return cells


# ------------------------------------------------------------------ the items of one document

def _people(x: Extraction) -> list[PersonItem]:
    return [PersonItem(x.doc.doc_id, pid, p) for pid, p in enumerate(x.doc.people, 1)]


def _titles(x: Extraction) -> list[TitleItem]:
    return [TitleItem(p.doc_id, p.person_id, p.person, t) for p in _people(x) for t in p.person.titles]


def _mentions(x: Extraction) -> list[MentionItem]:
    # every place the text refers to the person: by name (a later bare
    # surname too), or by a title alone that only this person holds
    return [MentionItem(p.doc_id, p.person_id, p.person, kind, span)
            for p in _people(x)
            for kind, spans in (("name", p.person.mentions), ("title", p.person.coreferent_titles))
            for span in spans]


def _resolutions(x: Extraction) -> list[ResolutionItem]:
    return [ResolutionItem(x.doc.doc_id, r) for r in x.doc.resolutions]


def _dates(x: Extraction) -> list[DateItem]:
    return [DateItem(x.doc.doc_id, d) for d in x.doc.dates]


def _tasks(x: Extraction) -> list[TaskItem]:
    return [TaskItem(x.doc.doc_id, t) for t in x.doc.tasks]


# ------------------------------------------------------------------ the specification

def _doc_id(description: str = "document id") -> Field:
    return Field("doc_id", STRING, description, attrgetter("doc_id"), in_json=False)


def _person_id(description: str) -> Field:
    return Field("person_id", INT, description, attrgetter("person_id"), in_json=False)


OFFSETS = "character offsets into the original text"


def _offsets(of: str, description: str = OFFSETS, in_json: bool = True) -> tuple[Field, Field]:
    """``start`` and ``end`` of the span at attribute path ``of`` of the item."""
    prefix = f"{of}." if of else ""
    return (Field("start", INT, description, attrgetter(f"{prefix}start"), in_json=in_json),
            Field("end", INT, description, attrgetter(f"{prefix}end"), in_json=in_json))


# the spans inside a JSON person
NAME_MENTION = Record("name_mention", (
    *_offsets(""),
    Field("text", STRING, "as written", attrgetter("text")),
), path="name mention")

TITLE_SPAN = Record("title_span", (
    Field("text", STRING, "as written", attrgetter("text")),
    *_offsets(""),
), path="title span")

PEOPLE = Record("people", (
    _doc_id(),
    _person_id("1, 2, … within the document"),
    Field("name", STRING, "fullest form of the name, as written, without honorifics",
          attrgetter("person.name"), html=Html()),
    Field("titles", STRINGS, "the person's distinct titles, as written (the `titles` table has one row per mention)",
          lambda p: p.person.title_texts(), in_table=False, html=Html(join="؛ ")),
    Field("aliases", STRINGS, "other forms used (a bare surname …)", attrgetter("person.aliases"), html=Html()),
    Field("honorifics", STRINGS, "honorifics seen before the name (رفیق، دکتر …)", attrgetter("person.honorifics")),
    Field("n_mentions", INT, "mentions of the person by name", lambda p: len(p.person.mentions), in_json=False,
          html=Html("mentions")),
    objects("mentions", NAME_MENTION, "each mention by name (the `mentions` table's `name` rows)",
            attrgetter("person.mentions")),
    objects("title_mentions", TITLE_SPAN, "each title given to the person (the `titles` table's rows)",
            attrgetter("person.titles")),
    objects("coreferent_titles", TITLE_SPAN, "titles written alone that refer to the person "
            "(the `mentions` table's `title` rows)", attrgetter("person.coreferent_titles")),
    Field("start", INT, "offsets of the first mention", lambda p: p.person.mentions[0].start, in_json=False),
    Field("end", INT, "offsets of the first mention", lambda p: p.person.mentions[0].end, in_json=False),
), items=_people, path="people[]")

TITLES = Record("titles", (
    _doc_id("the person (join to `people`)"),
    _person_id("the person (join to `people`)"),
    Field("name", STRING, "the person's name, repeated for convenience", attrgetter("person.name"),
          in_json=False, html=Html("person")),
    Field("title", STRING, "the position as written", attrgetter("title.text"), in_json=False, html=Html()),
    Field("rule", STRING, "which pattern found it (`title_after`, `title_before`, `chain_after`, "
          "`appointed_as`, `signature_block` …)", attrgetter("title.rule"), in_json=False, html=Html()),
    *_offsets("title", in_json=False),
), items=_titles)

MENTIONS = Record("mentions", (
    _doc_id("the person (join to `people`)"),
    _person_id("the person (join to `people`)"),
    Field("name", STRING, "the person's name, repeated for convenience", attrgetter("person.name"), in_json=False),
    Field("text", STRING, "the mention as written", attrgetter("span.text"), in_json=False),
    Field("kind", STRING, "`name` or `title`", attrgetter("kind"), in_json=False),
    *_offsets("span", in_json=False),
), items=_mentions)

RESOLUTIONS = Record("resolutions", (
    _doc_id(),
    Field("kind", STRING, "document type word as written (قطعنامه، تصویب‌نامه …)", attrgetter("resolution.kind"),
          html=Html()),
    Field("number", STRING, "identifier as written (`۱۸-NQ/TW`, `48265/ت62648هـ`)",
          attrgetter("resolution.number"), html=Html(ltr=True)),
    Field("number_canonical", STRING, "ASCII digits, no spaces, no tatweel: the form to join on",
          attrgetter("resolution.number_canonical"), html=Html("canonical", ltr=True)),
    Field("issuer", STRING, "issuing body when the text names it, else empty", attrgetter("resolution.issuer"),
          html=Html()),
    Field("date", STRING, "ISO value of its date (`مورخ …`), else empty", attrgetter("resolution.date"),
          html=Html(ltr=True)),
    Field("title", STRING, "its quoted or «در مورد …» title, else empty", attrgetter("resolution.title"),
          html=Html()),
    Field("text", STRING, "the matched text (kind and number, or the number alone)",
          attrgetter("resolution.text"), in_table=False),
    Field("rule", STRING, "`kind_number`, `kind_issuer_number`, `kind_number_words`, `kind_number_list`, "
                          "`header_number`, `header_cabinet_number`",
          attrgetter("resolution.rule"), in_json=False),
    *_offsets("resolution"),
), items=_resolutions, path="resolutions[]")

DATES = Record("dates", (
    _doc_id(),
    Field("text", STRING, "as written", attrgetter("date.text"), html=Html()),
    Field("value", STRING, "ISO value per FORMAT.md: `2024-12-18`, `2024-12`, `2024`, ranges `A/B`, Jalali/Hijri "
          "months and years as Gregorian day intervals, `XXXX-12-18` / `J:XXXX-11-22` / `H:XXXX-07-13` when the "
          "year is unknown", attrgetter("date.value"), html=Html(ltr=True)),
    Field("calendar", STRING, "`gregorian`, `jalali` (Afghan solar months too) or `hijri`: what the text used",
          attrgetter("date.calendar"), html=Html()),
    Field("rule", STRING, "the date rule that matched", attrgetter("date.rule"), in_json=False),
    Field("relative", BOOL, "resolved against the document's date (امروز، هفته گذشته …)",
          attrgetter("date.relative"), json_if_true=True),
    *_offsets("date"),
), items=_dates, json_order=("text", "value", "calendar", "start", "end", "relative"), path="dates[]")

TASKS = Record("tasks", (
    _doc_id(),
    Field("list_id", INT, "the task list (one request, one numbered list …) within the document",
          attrgetter("task.list_id")),
    Field("order", INT, "position in its list, from 1", attrgetter("task.order")),
    Field("position", STRING, "`list_id.order`", lambda t: f"{t.task.list_id}.{t.task.order}",
          in_json=False, in_table=False, html=Html("#", ltr=True)),
    Field("text", STRING, "the directive without the frame that introduced it", attrgetter("task.text"),
          html=Html("task")),
    Field("requester", STRING, "who asked, as written, else empty", attrgetter("task.requester")),
    Field("requester_person", STRING, "the named person the requester refers to, when unambiguous",
          attrgetter("task.requester_person")),
    Field("requester_shown", STRING, "`requester_person`, else `requester`",
          lambda t: t.task.requester_person or t.task.requester, in_json=False, in_table=False,
          html=Html("requester")),
    Field("addressees", STRINGS, "who must act", attrgetter("task.addressees"), html=Html()),
    Field("deadline", STRING, "ISO value of a deadline date in the task (`قبل از ۳۰ آوریل ۲۰۲۵`), else empty",
          attrgetter("task.deadline"), html=Html(ltr=True)),
    Field("resolutions", STRINGS, "numbers of resolutions the task cites", attrgetter("task.resolutions")),
    Field("frame", STRING, "the directive frame (`must`, `demand`, `ask`, `obliged`, `list_item` …)",
          attrgetter("task.frame"), in_json=False),
    *_offsets("task"),
), items=_tasks, path="tasks[]",
    json_order=("text", "requester", "requester_person", "addressees", "deadline", "resolutions", "list_id", "order",
                "start", "end"))


def _count(name: str) -> Field:
    return Field(f"n_{name}", INT, "counts of the other tables' rows for it",
                 lambda x: len(getattr(x.doc, name)), in_json=False)


def _meta(name: str, dtype: str, description: str) -> Field:
    return Field(name, dtype, description, attrgetter(name), in_json=False)


DOCUMENTS = Record("documents", (
    Field("doc_id", STRING, "document id", attrgetter("doc.doc_id")),
    _meta("path", STRING, "where it was read (`file`, or `file.jsonl:LINE`, `file.csv:ROW`, `file.parquet:RECORD`)"),
    Field("date", STRING, "the document's own date (input metadata), ISO, or null",
          lambda x: x.doc.date.isoformat() if x.doc.date else None, in_json=False),
    _meta("url", STRING, "input metadata, or null"),
    _meta("source", STRING, "input metadata, or null"),
    Field("n_chars", INT, "length of the text", lambda x: len(x.doc.text), in_json=False),
    _meta("sha1", STRING, "SHA-1 of the text (resume key with doc_id)"),
    Field("encoding", STRING, "the encoding the text was read in: `utf-8`, `utf-16-le`, `utf-16-be`, `windows-1256`, "
          "`iso-8859-6` … (detected unless `--encoding` named it; JSON and Parquet inputs are `utf-8`); in the JSON "
          "when the text came from a file or stdin", lambda x: x.doc.meta.get("encoding"), json_if_set=True),
    Field("bom", BOOL, "the file began with a byte-order mark (UTF-8, or the UTF-16/32 one that named its encoding); "
          "it is not part of the text, offsets count after it (in the JSON only when true)",
          lambda x: bool(x.doc.meta.get("bom")), json_if_true=True),
    *(_count(n) for n in ("people", "resolutions", "dates", "tasks")),
    Field("seconds", FLOAT, "extraction time of this document", lambda x: round(x.seconds, 6), in_json=False),
    objects("people", PEOPLE, "the people named", _people),
    objects("resolutions", RESOLUTIONS, "the numbered documents cited", _resolutions),
    objects("dates", DATES, "the date mentions", _dates),
    objects("tasks", TASKS, "the directives", _tasks),
), items=lambda x: (x,), path="the document")

ERRORS = Record("errors", (
    Field("doc_id", STRING, "document id", attrgetter("doc_id"), in_json=False),
    Field("path", STRING, "where it was read, as in `documents`", attrgetter("path"), in_json=False),
    Field("sha1", STRING, "hash of its text or raw bytes", attrgetter("sha1"), in_json=False),
    Field("stage", STRING, "`read` (bytes no encoding reads as Persian text, binary, empty, over 2,000,000 characters, HTML markup, a lone "
          "surrogate, a record that does not parse, a link out of the input folder), `duplicate` (a later record "
          "with an id already used; the error names both places) or `extract` (an exception, over the "
          "per-document time limit, or a worker process that died on it)", attrgetter("stage"), in_json=False),
    Field("error", STRING, "the reason", attrgetter("error"), in_json=False),
), items=lambda x: ())  # the batch writes these rows itself (tables.error_row): no document was extracted

# the batch tables, in the order they are written
TABLES: tuple[Record, ...] = (DOCUMENTS, PEOPLE, TITLES, MENTIONS, RESOLUTIONS, DATES, TASKS, ERRORS)
# the review page's result tables, in page order: the tables with fields on the page
HTML_TABLES: tuple[Record, ...] = tuple(r for r in TABLES if r.html_fields)
# the objects of the JSON, from the document down
JSON_RECORDS: tuple[Record, ...] = (DOCUMENTS, PEOPLE, NAME_MENTION, TITLE_SPAN, RESOLUTIONS, DATES, TASKS)
