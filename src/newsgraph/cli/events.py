"""`newsgraph events`: stored events, filtered, or grouped across articles; `newsgraph export
--format gdelt-events` is in cli/store.py."""

from __future__ import annotations

import argparse

from newsgraph.cli.store import _common, _dates, _emit, _guard, _open


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("events", help="stored events (who did what to whom), filtered or grouped",
                       description="Events in the store, newest first: PLOVER type, CAMEO code, source and "
                                   "target actors, place and the sentence (docs/events.md).")
    p.add_argument("--type", metavar="TYPE", help="PLOVER type: AGREE, CONSULT, ..., COERCE, ASSAULT")
    p.add_argument("--actor", metavar="NAME", help="source or target name (case-insensitive substring)")
    p.add_argument("--country", metavar="ISO3", help="source or target country (alpha-3, or IGO)")
    _dates(p)
    p.add_argument("--grouped", action="store_true",
                   help="one row per event across articles (same type, actors, place and day), most reported first")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="at most N rows (default 50)")
    _common(p)
    p.set_defaults(handler=run_events)

    p = sub.add_parser("tone", help="a speaker's tone over time",
                       description="The tone of what a speaker said, per period: GDELT's tone values over the "
                                   "words of their quotes (docs/tone.md).")
    p.add_argument("--speaker", metavar="NAME", help="part of the speaker's name")
    p.add_argument("--entity-id", type=int, metavar="ID", help="the speaker's entity id")
    p.add_argument("--by", choices=["day", "month", "year"], default="month")
    _common(p)
    p.set_defaults(handler=run_tone)


@_guard
def run_tone(args: argparse.Namespace) -> int:
    with _open(args) as store:
        rows = store.speaker_tone(speaker=args.speaker, entity_id=args.entity_id, by=args.by)
    _emit(rows, args.format, ["period", "quotes", "words", "tone", "positive", "negative", "polarity"])
    return 0


@_guard
def run_events(args: argparse.Namespace) -> int:
    kw = dict(type=args.type, actor=args.actor, country=args.country, since=args.since, until=args.until,
              limit=args.limit)
    with _open(args) as store:
        rows = store.event_groups(**kw) if args.grouped else store.events(**kw)
    if args.grouped:
        _emit(rows, args.format, ["day", "type", "source_code", "target_code", "place", "articles", "publishers"])
    else:
        for r in rows:
            r["sentence"] = " ".join((r.get("sentence_text") or "").split())
        _emit(rows, args.format, ["day", "type", "cameo", "source_name", "source_code", "target_name", "target_code",
                                  "sentence"])
    return 0
