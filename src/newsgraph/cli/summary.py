"""How run summaries are printed: the per-step statistics, by step and code."""

from __future__ import annotations


def stats_lines(stats: dict[str, int]) -> list[str]:
    """Per-step statistics, one line per step: 'clean: removed R201 photo caption 3, ...'."""
    from newsgraph.errors import CODES

    steps: dict[str, list[str]] = {}
    for key in sorted(stats):
        step, _, what = key.partition(".")
        if not stats[key]:
            continue
        if what.startswith("removed."):
            code = what.split(".", 1)[1]
            what = f"removed {code} {CODES.get(code, '')}".strip()
        elif step in ("errors", "warnings"):
            what = f"{what} {CODES.get(what, '')}".strip()
        steps.setdefault(step, []).append(f"{what} {stats[key]:,}")
    return [f"{step}: {', '.join(parts)}" for step, parts in steps.items()]
