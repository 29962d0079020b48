"""`newsgraph eval KIND DIR`: quality against real gold data (precision, recall, F1)."""

from __future__ import annotations

import argparse
import importlib

# One module per evaluation; each has register(subparsers) adding `eval <kind>`.
EVAL_MODULES: list[str] = [
    "newsgraph.cli.eval_quotes",
    "newsgraph.cli.eval_extraction",
    "newsgraph.cli.eval_boilerplate",
    "newsgraph.cli.eval_counts",
    "newsgraph.cli.eval_entities",
    "newsgraph.cli.eval_places",
]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="evaluate an extractor on gold data (P/R/F1)",
                       description="Evaluate an extractor on real gold data and print precision, recall and F1.")
    evals = p.add_subparsers(dest="eval_kind", metavar="KIND", required=True)
    for name in EVAL_MODULES:
        importlib.import_module(name).register(evals)
