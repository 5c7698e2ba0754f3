"""Synthetic datasets in the real YAML format, for benchmarks and scale tests (deterministic per seed)."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

from swapwatch.records import COUNTRY_NAMES, EVENT_KINDS, LINK_RELATIONS, QUOTE_CHANNELS

EVENTS_PER_FILE = 250
KIND_WEIGHTS = {"exchange": 30, "release": 6, "arrest": 6, "sentence": 6, "call": 10, "talks": 10, "meeting": 5,
                "statement": 12, "agreement": 3, "proposal": 4, "repatriation": 3, "sanctions": 2, "attack": 3}
STATUS_FOR = {"proposal": ("proposed", "announced"), "exchange": ("completed",) * 8 + ("agreed", "underway", "disputed")}
TOPICS = ("prisoner-exchange", "ceasefire", "sanctions", "negotiations", "detainees", "mediation", "humanitarian")
WORDS = ("talks", "release", "prisoners", "envoy", "agreement", "border", "statement", "swap", "ministers", "call",
         "ceasefire", "families", "convoy", "airport", "delegation", "readout", "list", "guarantees")
GROUPS = ("prisoners", "pows", "civilians", "wounded")


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


class _Writer:
    """Builds one YAML file's text; values are written the way a careful curator writes them."""

    def __init__(self) -> None:
        self.lines = ["# yaml-language-server: $schema=../schema/swapwatch.schema.json"]

    def section(self, name: str) -> None:
        self.lines.append(f"{name}:")

    def add(self, text: str) -> None:
        self.lines.append(text)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def generate(events: int, out: Path, seed: int = 1) -> dict[str, int]:
    """Write a valid dataset of about `events` events (with people, quotes, sources in proportion) to out."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("synth-*.yaml"):
        old.unlink()
    countries = sorted(COUNTRY_NAMES)
    n_sources, n_people = max(4, events * 2), max(4, events)
    start = dt.date(2015, 1, 1)
    days = (dt.date(2025, 12, 31) - start).days
    counts = {"sources": n_sources, "people": n_people, "events": events, "quotes": 0, "legs": 0, "disagreements": 0}
    files = max(1, -(-events // EVENTS_PER_FILE))

    def sources(k: int = 2) -> str:
        return "[" + ", ".join(f"src-{rng.randrange(n_sources)}" for _ in range(k)) + "]"

    def words(k: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(k))

    legged: set[int] = set()  # events with legs: a programme (named part-of by another) carries none

    for f in range(files):
        w = _Writer()
        lo_s, hi_s = f * n_sources // files, (f + 1) * n_sources // files
        w.section("sources")
        for i in range(lo_s, hi_s):
            day = start + dt.timedelta(days=rng.randrange(days))
            w.add(f"  - id: src-{i}\n    outlet: Outlet {i % 97}\n    title: {words(6).capitalize()}\n"
                  f"    published: {day.isoformat()}\n    url: https://example.org/{i}")
        lo_p, hi_p = f * n_people // files, (f + 1) * n_people // files
        w.section("people")
        for i in range(lo_p, hi_p):
            nat = rng.choice(countries)
            held = rng.random() < 0.6
            w.add(f"  - id: person-{i}\n    name: Person {i}\n    aliases: [P. {i}]\n    nationalities: [{nat}]\n"
                  f"    roles: [{'detainee' if held else rng.choice(('official', 'envoy', 'journalist'))}]\n"
                  f"    description: Synthetic person number {i}.\n    sources: {sources(1)}")
            if held:
                arrested = start + dt.timedelta(days=rng.randrange(days - 400))
                released = arrested + dt.timedelta(days=rng.randrange(30, 400))
                free = f"\n        released: {released.isoformat()}" if rng.random() < 0.5 else ""
                w.add(f"    detentions:\n      - held_by: {rng.choice(countries)}\n"
                      f"        arrested: {arrested.isoformat()}\n        charge: {words(3).capitalize()}{free}\n"
                      f"        sources: {sources(1)}")
        lo_e, hi_e = f * events // files, (f + 1) * events // files
        w.section("events")
        quotes = []
        for i in range(lo_e, hi_e):
            kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
            status = rng.choice(STATUS_FOR.get(kind, ("completed",)))
            day = start + dt.timedelta(days=rng.randrange(days - 5))
            a, b = rng.sample(countries, 2)
            mediator = rng.choice([c for c in countries if c not in (a, b)])
            stages = rng.choice((1, 1, 1, 2, 3)) if kind == "exchange" else 1
            end = f"\n    end_date: {(day + dt.timedelta(days=stages - 1)).isoformat()}" if stages > 1 else ""
            w.add(f"  - id: event-{i}\n    kind: {kind}\n    status: {status}\n    date: {day.isoformat()}{end}\n"
                  f"    title: {words(5).capitalize()} {i}\n    summary: Synthetic {kind} number {i}.\n"
                  f"    place: {{country: {mediator}, city: City {i % 50}}}\n    countries:\n"
                  f"      - {{country: {a}, role: releasing}}\n      - {{country: {b}, role: receiving}}\n"
                  f"      - {{country: {b}, role: releasing}}\n      - {{country: {a}, role: receiving}}\n"
                  f"      - {{country: {mediator}, role: mediator}}")
            if kind in ("exchange", "release", "repatriation"):
                legged.add(i)
                w.add("    legs:")
                for stage in range(stages):
                    leg_day = (day + dt.timedelta(days=stage)).isoformat()
                    for src, dst in ((a, b), (b, a)):
                        count = rng.randrange(1, 400)
                        named = sorted({f"person-{rng.randrange(n_people)}" for _ in range(min(count, rng.randrange(3)))})
                        group = "bodies" if kind == "repatriation" else rng.choice(GROUPS)
                        w.add(f"      - {{from: {src}, to: {dst}, count: {count}, group: {group}, date: {leg_day}, "
                              f"people: [{', '.join(named)}]}}")
                        counts["legs"] += 1
            if i > 0 and rng.random() < 0.3:
                target, relation = rng.randrange(i), rng.choice(LINK_RELATIONS)
                if relation == "part-of" and target in legged:
                    relation = "related"  # its stages would be counted twice
                w.add(f"    links:\n      - {{event: event-{target}, relation: {relation}}}")
            w.add(f"    topics: [{rng.choice(TOPICS)}]\n    sources: {sources()}")
            if rng.random() < 0.1:
                counts["disagreements"] += 1
                w.add(f"    disagreements:\n      - field: date\n        topic: When it happened\n        values:\n"
                      f"          - {{value: {day.isoformat()}, sources: {sources(1)}}}\n"
                      f"          - {{value: {(day + dt.timedelta(days=1)).isoformat()}, sources: {sources(1)}}}")
            for _ in range(rng.choice((0, 1, 1, 2))):
                quotes.append((f"quote-{i}-{len(quotes)}", i, day))
        w.section("quotes")
        for key, i, day in quotes:
            w.add(f"  - id: {key}\n    speaker: person-{rng.randrange(n_people)}\n    date: {day.isoformat()}\n"
                  f"    text: {_q(words(12).capitalize() + '.')}\n    channel: {rng.choice(QUOTE_CHANNELS)}\n"
                  f"    context: Said about event {i}.\n    event: event-{i}\n    topics: [{rng.choice(TOPICS)}]\n"
                  f"    sources: {sources(1)}")
        counts["quotes"] += len(quotes)
        (out / f"synth-{f:04d}.yaml").write_text(w.text(), encoding="utf-8")
    counts["files"] = files
    return counts


assert set(KIND_WEIGHTS) <= set(EVENT_KINDS)
