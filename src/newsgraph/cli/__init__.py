"""Thin command line: parse arguments, call a library function, print. Only the CLI prints.

Each command lives in its own module with `register(subparsers)`; the handler it sets
returns the process exit status.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# One module per command group; each adds its subcommands.
COMMAND_MODULES = [
    "newsgraph.cli.analyze",
    "newsgraph.cli.eval",
    "newsgraph.cli.store",
    "newsgraph.cli.events",
    "newsgraph.cli.serve",
    "newsgraph.cli.load",
    "newsgraph.cli.places",
    "newsgraph.cli.train",
    "newsgraph.cli.extractors",  # last: a registered extractor's query command never shadows a command
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsgraph",
        description="Turn news articles into traceable, structured facts.",
    )
    parser.add_argument("--version", action="version", version=f"newsgraph {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        print("newsgraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsgraph")
    except PackageNotFoundError:
        return "unknown"


if __name__ == "__main__":
    sys.exit(main())
