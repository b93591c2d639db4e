"""Entity-level precision, recall and F1 (conlleval-style: an entity counts
when its type and both boundaries match)."""
from __future__ import annotations

from collections import Counter

from ..spans import spans


def score(gold: list[list[str]], pred: list[list[str]]) -> dict[str, dict[str, float]]:
    hits, n_gold, n_pred = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred):
        ge, pe = spans(g), spans(p)
        for e in ge:
            n_gold[e.kind] += 1
        for e in pe:
            n_pred[e.kind] += 1
        for e in ge & pe:
            hits[e.kind] += 1
    table = {}
    for kind in sorted(set(n_gold) | set(n_pred)) + ["ALL"]:
        h = sum(hits.values()) if kind == "ALL" else hits[kind]
        ng = sum(n_gold.values()) if kind == "ALL" else n_gold[kind]
        np_ = sum(n_pred.values()) if kind == "ALL" else n_pred[kind]
        p = h / np_ if np_ else 0.0
        r = h / ng if ng else 0.0
        table[kind] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
                       "gold": ng, "predicted": np_}
    return table


def format_table(table: dict[str, dict[str, float]]) -> str:
    lines = [f"{'type':<6}{'P':>8}{'R':>8}{'F1':>8}{'gold':>8}{'pred':>8}"]
    for kind, m in table.items():
        lines.append(f"{kind:<6}{m['precision']:>8.3f}{m['recall']:>8.3f}{m['f1']:>8.3f}{m['gold']:>8}{m['predicted']:>8}")
    return "\n".join(lines)
