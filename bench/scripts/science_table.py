#!/usr/bin/env python3
"""Tabulates a fitted sweep's CMR per domain and model size (issue 12 part 5) from fits/cmr.json and
fits/predictions.json, and says for each pair of adjacent sizes whether their intervals separate them.
Usage: science_table.py <sweep dir>/fits   (standard library only; prints Markdown)."""
import json
import sys
from pathlib import Path


def pct(x):
    return "n/a" if x is None else f"{100 * x:.2f} %"


def interval(lo, hi):
    return "n/a" if lo is None or hi is None else f"[{100 * lo:.2f}, {100 * hi:.2f}] %"


def compare(a, b):
    """Whether the intervals of two sizes separate them; an upper bound only bounds, so it separates nothing."""
    step = f"{a['model']} -> {b['model']}: "
    bounds = [r["model"] for r in (a, b) if r["answer"] != "estimate"]
    if bounds:
        return step + "only an upper bound is known for " + " and ".join(bounds) + ", no comparison"
    if None in (a["ci_low"], a["ci_high"], b["ci_low"], b["ci_high"]):
        return step + "no interval"
    move = "up" if b["cmr"] > a["cmr"] else "down"
    separated = b["ci_low"] > a["ci_high"] or a["ci_low"] > b["ci_high"]
    return step + f"{move} {100 * (b['cmr'] - a['cmr']):+.2f} pp, " + (
        "the intervals separate the sizes" if separated else "the intervals overlap")


def main(fits: Path) -> None:
    rows = json.loads((fits / "cmr.json").read_text())
    preds_file = fits / "predictions.json"
    preds = json.loads(preds_file.read_text()) if preds_file.exists() else []
    print("| domain | model | params | answer | CMR | 95 % CI | decided by | sup A CI | seeds | widening |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    by_domain = {}
    for r in sorted(rows, key=lambda r: (r["domain"], r["model_params"])):
        by_domain.setdefault(r["domain"], []).append(r)
        print(f"| {r['domain']} | {r['model']} | {r['model_params']:,} | {r['answer']} | {pct(r['cmr'])} | "
              f"{interval(r['ci_low'], r['ci_high'])} | {r['binding']} | "
              f"{interval(r['sup_a_ci_low'], r['sup_a_ci_high'])} | {r['seeds']} | {r['interval_widening']:.2f}x |")
    print()
    for domain, rs in by_domain.items():
        pairs = list(zip(rs, rs[1:]))
        if len(rs) > 2:
            pairs.append((rs[0], rs[-1]))
        print(f"- {domain}: " + "; ".join(compare(a, b) for a, b in pairs) + ".")
    if preds:
        print()
        print("| domain | target params | answer | predicted CMR | 95 % CI | size law | status |")
        print("|---|---|---|---|---|---|---|")
        for p in preds:
            print(f"| {p['domain']} | {p['target_params']:,} | {p['answer']} | {pct(p['cmr'])} | "
                  f"{interval(p['ci_low'], p['ci_high'])} | {p['form']} | {p['status']} |")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: science_table.py <sweep dir>/fits")
    main(Path(sys.argv[1]))
