"""Task lists: what someone asked, ordered or obliged to be done.

A directive starts at a named frame (``tasks.yaml``): a request
(«از X درخواست کرد تا»), an order, a demand («خواستار ... شد»), a decision
(«مقرر شد»، «مقرر می‌شود»), an obligation («موظف است»), a prohibition («حق ...
را ندارند»، «ممنوع است»), or «باید»/«لازم است». The text after a request
frame splits into items on «؛»; later sentences in the imperative or
subjunctive, and a following paragraph of nominal «؛» items, continue the same
list. Numbered, lettered or bulleted items under an intro that announces
decisions or tasks are items too (the intro itself is none). A clause the
speaker reports («X با بیان اینکه Y باید ...، گفت») is the task without the
speaker's frame. Reports of past work and reasoning («باید بدانند که») have
no frame or are refused by it, so they stay out.
"""
from __future__ import annotations

from ..component import Component
from ..document import Document, Task
from .dedupe import drop_repeats
from .fields import deadline, link_requesters
from .paragraphs import read_paragraphs
from .pieces import Collector, Piece
from .rules import TaskRules, load_rules


def extract_tasks(doc: Document, rules: TaskRules | None = None) -> None:
    """Fill ``doc.tasks``: directives with requester, addressees, deadline,
    cited resolutions, list id and order within the list."""
    rules = rules or load_rules()
    c = Collector(doc, rules)
    pieces = drop_repeats(read_paragraphs(c), c.view)
    pieces.sort(key=lambda p: p.start)
    tasks: list[Task] = []
    order: dict[int, int] = {}
    for p in pieces:
        order[p.list_id] = order.get(p.list_id, 0) + 1
        tasks.append(_task(doc, p, order[p.list_id], rules))
    link_requesters(doc, tasks, rules)
    doc.tasks = tasks


def _task(doc: Document, p: Piece, order: int, rules: TaskRules) -> Task:
    span = doc.span_from_view(p.start, p.end)
    task = Task(
        span.start, span.end, span.text,
        requester=p.requester,
        addressees=list(p.addressees),
        list_id=p.list_id,
        order=order,
        frame=p.frame,
    )
    task.deadline = deadline(doc, task, rules)
    task.resolutions = [r.number for r in doc.resolutions if task.start <= r.start and r.end <= task.end]
    return task


class TaskExtractor(Component):
    """Directives (what someone asked, ordered or obliged to be done) with
    requester, addressees, deadline and cited resolutions."""

    name = "tasks"
    requires = ("sentences", "dates", "resolutions", "people")
    provides = ("tasks",)

    def __init__(self, settings=None):
        super().__init__(settings)
        self.rules = load_rules()

    def __call__(self, doc: Document) -> None:
        extract_tasks(doc, self.rules)
