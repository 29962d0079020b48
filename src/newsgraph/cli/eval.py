"""`newsgraph eval KIND DIR`: quality against real gold data (precision, recall, F1)."""

from __future__ import annotations

import argparse
import importlib
import pkgutil

import newsgraph.cli

# One module per evaluation, newsgraph/cli/eval_KIND.py, each with register(subparsers)
# adding `eval KIND`: found by name, so a new evaluation is one new module.
EVAL_MODULES: list[str] = sorted(
    f"newsgraph.cli.{m.name}" for m in pkgutil.iter_modules(newsgraph.cli.__path__) if m.name.startswith("eval_")
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="evaluate an extractor on gold data (P/R/F1)",
                       description="Evaluate an extractor on real gold data and print precision, recall and F1.")
    evals = p.add_subparsers(dest="eval_kind", metavar="KIND", required=True)
    for name in EVAL_MODULES:
        importlib.import_module(name).register(evals)
