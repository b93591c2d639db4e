"""Label Studio import tasks from the pipeline's results, and the labeling
config they are made for.

A task (Label Studio's JSON import format) holds one document: ``data.text``
and ``data.doc_id``, and one prediction whose ``result`` has

- a ``labels`` region per mention: PERSON, TITLE, RESOLUTION, DATE or TASK, with
  ``start``/``end`` character offsets into ``data.text`` and the text they cover;
- a ``relation`` from each TITLE region to its person's nearest PERSON region;
- per-region ``textarea`` results that share their region's id: the person's
  full name (only where the mention reads otherwise), the resolution's number
  and kind, the date's ISO value; and a per-region ``choices`` result for the
  date's calendar.

``annotate import`` (label_studio_import.py) reads the same names back.
"""
from __future__ import annotations

from html import escape

from ..html import kinds

TEXT = "text"                 # the Text object tag, and the task data key it shows
LABELS = "label"              # the Labels control tag
RELATION = "title_of"         # TITLE -> PERSON
PERSON_NAME = "person_name"
RESOLUTION_NUMBER = "resolution_number"
RESOLUTION_KIND = "resolution_kind"
DATE_VALUE = "date_value"
DATE_CALENDAR = "date_calendar"
CALENDARS = ("gregorian", "jalali", "hijri")
LABEL_TYPES = {"PERSON": "person", "TITLE": "title", "RESOLUTION": "resolution", "DATE": "date", "TASK": "task"}
MODEL_VERSION = "persian-ie-pipeline"

# per-region fields: (label they belong to, control name, header shown to the annotator)
_FIELDS = (
    ("PERSON", PERSON_NAME, "Full name of this person, when the selected text is not it (a bare surname, a title)"),
    ("RESOLUTION", RESOLUTION_NUMBER, "Number, exactly as an archivist would file it (required)"),
    ("RESOLUTION", RESOLUTION_KIND, "Kind as written: قطعنامه، تصویب‌نامه، بخشنامه ..."),
    ("DATE", DATE_VALUE, "ISO value (required): 2024-12-18, 2024-12, 2025/2030, XXXX-12-18, J:XXXX-11-22"),
)


def labeling_config() -> str:
    """The labeling config XML the tasks are made for (Settings → Labeling Interface → Code)."""
    labels = "\n".join(f'    <Label value="{label}" background="{kinds()[kind]["colour"]}"/>' for label, kind in LABEL_TYPES.items())
    fields = "\n".join(
        f'  <View visibleWhen="region-selected" whenLabelValue="{label}">\n'
        f'    <Header value="{escape(header)}" size="6"/>\n'
        f'    <TextArea name="{name}" toName="{TEXT}" perRegion="true" editable="true" maxSubmissions="1" rows="1"/>\n'
        f"  </View>"
        for label, name, header in _FIELDS
    )
    calendars = "".join(f'<Choice value="{c}"/>' for c in CALENDARS)
    return f"""<View>
  <Style>.htx-text {{ white-space: pre-wrap; direction: rtl; text-align: right; line-height: 2; }}</Style>
  <Relations>
    <Relation value="{RELATION}"/>
  </Relations>
  <Labels name="{LABELS}" toName="{TEXT}">
{labels}
  </Labels>
  <Text name="{TEXT}" value="${TEXT}"/>
{fields}
  <View visibleWhen="region-selected" whenLabelValue="DATE">
    <Header value="Calendar the text uses" size="6"/>
    <Choices name="{DATE_CALENDAR}" toName="{TEXT}" perRegion="true" choice="single">{calendars}</Choices>
  </View>
</View>
"""


# --- one document's results -------------------------------------------------------

def _region(region_id: str, label: str, start: int, end: int, text: str) -> dict:
    return {"id": region_id, "from_name": LABELS, "to_name": TEXT, "type": "labels",
            "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]}}


def _per_region(region: dict, name: str, value: str, kind: str = "textarea") -> dict:
    """A per-region answer: the region's id and span, and the value."""
    span = {k: region["value"][k] for k in ("start", "end")}
    answer = {"choices": [value]} if kind == "choices" else {"text": [value]}
    return {"id": region["id"], "from_name": name, "to_name": TEXT, "type": kind, "value": {**span, **answer}}


def _relation(from_id: str, to_id: str) -> dict:
    return {"from_id": from_id, "to_id": to_id, "type": "relation", "direction": "right", "labels": [RELATION]}


def _valid(item: dict, text: str) -> bool:
    start, end = item.get("start"), item.get("end")
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)


def _people(people: list[dict], text: str) -> list[dict]:
    out = []
    for i, person in enumerate(people):
        name = person.get("name", "")
        mentions = []
        for j, m in enumerate(m for m in person.get("mentions") or [] if _valid(m, text)):
            region = _region(f"p{i}m{j}", "PERSON", m["start"], m["end"], text)
            mentions.append(region)
            out.append(region)
            if text[m["start"]:m["end"]] != name:
                out.append(_per_region(region, PERSON_NAME, name))
        for k, t in enumerate(t for t in person.get("title_mentions") or [] if _valid(t, text)):
            region = _region(f"p{i}t{k}", "TITLE", t["start"], t["end"], text)
            out.append(region)
            if mentions:  # a title goes with the mention nearest to it
                near = min(mentions, key=lambda r: abs(r["value"]["start"] - t["start"]))
                out.append(_relation(region["id"], near["id"]))
    return out


def prediction_result(doc: dict, text: str) -> list[dict]:
    """The ``result`` list of one document's extraction JSON (FORMAT.md)."""
    out = _people(doc.get("people") or [], text)
    for i, r in enumerate(r for r in doc.get("resolutions") or [] if _valid(r, text)):
        region = _region(f"r{i}", "RESOLUTION", r["start"], r["end"], text)
        out += [region, _per_region(region, RESOLUTION_NUMBER, r.get("number", ""))]
        if r.get("kind"):
            out.append(_per_region(region, RESOLUTION_KIND, r["kind"]))
    for i, d in enumerate(d for d in doc.get("dates") or [] if _valid(d, text)):
        region = _region(f"d{i}", "DATE", d["start"], d["end"], text)
        out += [region, _per_region(region, DATE_VALUE, d.get("value", ""))]
        if d.get("calendar") in CALENDARS:
            out.append(_per_region(region, DATE_CALENDAR, d["calendar"], "choices"))
    for i, t in enumerate(t for t in doc.get("tasks") or [] if _valid(t, text)):
        out.append(_region(f"k{i}", "TASK", t["start"], t["end"], text))
    return out


def to_task(doc: dict, text: str) -> dict:
    """One Label Studio import task: the text, and the extraction as a prediction."""
    return {"data": {TEXT: text, "doc_id": doc.get("doc_id", "")},
            "predictions": [{"model_version": MODEL_VERSION, "result": prediction_result(doc, text)}]}
