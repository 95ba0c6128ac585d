"""Scoring coded events against a gold file, as `../shared/gold/README.md` defines it.

Per item, each gold event is matched to at most one system event, greedily, strongest
match first (dyad match beats type match). Optional gold events cost nothing: a system
event matched to one is neither right nor wrong. Negated and hypothetical system events
are left out of scoring.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

UNREALIZED = {"negation", "hypothetical"}


def load_gold(path: str | Path) -> list[dict]:
    items = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    items.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{number}: malformed JSON ({exc.msg})") from exc
    return items


def _codes(entities: list[dict]) -> set[str]:
    return {e.get("code") for e in entities or [] if e.get("code")}


def type_match(gold: dict, system: dict) -> bool:
    return system["event"] == gold["event"] or system["event"] in (gold.get("alt") or [])


def dyad_match(gold: dict, system: dict) -> bool:
    if not type_match(gold, system):
        return False
    gold_actor, gold_recipient = _codes(gold.get("actor")), _codes(gold.get("recipient"))
    actor, recipient = _codes(system.get("actor")), _codes(system.get("recipient"))

    def fits(gold_side, side):
        return not gold_side or bool(gold_side & side)

    if fits(gold_actor, actor) and fits(gold_recipient, recipient):
        return True
    # swapped roles count only when both sides really intersect that way
    return bool(gold_actor and gold_recipient and gold_actor & recipient and gold_recipient & actor)


@dataclass
class Pairing:
    gold: dict
    system: dict | None
    strength: int  # 2 dyad, 1 type, 0 none


@dataclass
class ItemResult:
    item: dict
    system: list[dict]
    pairings: list[Pairing] = field(default_factory=list)
    spurious: list[dict] = field(default_factory=list)  # on complete items: matched to no gold event


def match_item(item: dict, system: list[dict]) -> ItemResult:
    gold_events = item.get("events") or []
    candidates = []
    for gi, gold in enumerate(gold_events):
        for si, sys_event in enumerate(system):
            strength = 2 if dyad_match(gold, sys_event) else (1 if type_match(gold, sys_event) else 0)
            if strength:
                candidates.append((strength, -gi, -si, gi, si))
    candidates.sort(reverse=True)
    gold_used: dict[int, tuple[int, int]] = {}
    system_used: set[int] = set()
    for strength, _, _, gi, si in candidates:
        if gi in gold_used or si in system_used:
            continue
        gold_used[gi] = (si, strength)
        system_used.add(si)
    result = ItemResult(item, system)
    for gi, gold in enumerate(gold_events):
        si, strength = gold_used.get(gi, (None, 0))
        result.pairings.append(Pairing(gold, system[si] if si is not None else None, strength))
    if item.get("complete"):
        result.spurious = [s for si, s in enumerate(system) if si not in system_used]
    return result


@dataclass
class Report:
    items: int = 0
    required: int = 0
    type_hits: int = 0
    dyad_hits: int = 0
    complete_items: int = 0
    complete_system: int = 0  # system events on complete items (those matched to optional gold left out)
    complete_type_hits: int = 0
    complete_dyad_hits: int = 0
    complete_required: int = 0
    complete_type_recall_hits: int = 0
    complete_dyad_recall_hits: int = 0
    event_free_items: int = 0
    false_alarms: int = 0
    sector_checked: int = 0
    sector_right: int = 0
    date_checked: int = 0
    date_right: int = 0
    location_checked: int = 0
    location_right: int = 0
    per_type: dict = field(default_factory=lambda: defaultdict(Counter))
    confusion: dict = field(default_factory=lambda: defaultdict(Counter))
    results: list[ItemResult] = field(default_factory=list)

    @staticmethod
    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    def summary(self) -> dict:
        type_p = self.ratio(self.complete_type_hits, self.complete_system)
        dyad_p = self.ratio(self.complete_dyad_hits, self.complete_system)
        type_r_c = self.ratio(self.complete_type_recall_hits, self.complete_required)
        dyad_r_c = self.ratio(self.complete_dyad_recall_hits, self.complete_required)

        def f1(p, r):
            return round(2 * p * r / (p + r), 4) if p and r else (0.0 if p is not None and r is not None else None)

        return {
            "items": self.items, "required_gold_events": self.required,
            "type_recall": self.ratio(self.type_hits, self.required),
            "dyad_recall": self.ratio(self.dyad_hits, self.required),
            "complete_items": self.complete_items, "system_events_on_complete_items": self.complete_system,
            "type_precision": type_p, "dyad_precision": dyad_p,
            "type_f1": f1(type_p, type_r_c), "dyad_f1": f1(dyad_p, dyad_r_c),
            "event_free_items": self.event_free_items,
            "false_alarm_rate": self.ratio(self.false_alarms, self.event_free_items),
            "sector_accuracy": self.ratio(self.sector_right, self.sector_checked), "sector_checked": self.sector_checked,
            "date_accuracy": self.ratio(self.date_right, self.date_checked), "date_checked": self.date_checked,
            "location_accuracy": self.ratio(self.location_right, self.location_checked),
            "location_checked": self.location_checked,
        }


def _check_details(report: Report, gold: dict, system: dict) -> None:
    for side in ("actor", "recipient"):
        for gold_entity in gold.get(side) or []:
            code = gold_entity.get("code")
            if not code or "sector" not in gold_entity:
                continue
            matches = [e for e in (system.get("actor") or []) + (system.get("recipient") or []) if e.get("code") == code]
            if matches:
                report.sector_checked += 1
                report.sector_right += any(e.get("sector") == gold_entity.get("sector") for e in matches)
    if gold.get("date"):
        report.date_checked += 1
        report.date_right += system.get("date") == gold["date"]
    gold_loc = (gold.get("event_loc") or {}).get("country_code")
    if gold_loc:
        report.location_checked += 1
        report.location_right += ((system.get("event_loc") or {}).get("country_code") == gold_loc)


def score(items: Iterable[dict], system_by_doc: dict[str, list[dict]]) -> Report:
    report = Report()
    for item in items:
        report.items += 1
        system = [e for e in system_by_doc.get(str(item["id"]), [])
                  if not (UNREALIZED & set(e.get("context") or [])) and not e.get("negated")]
        result = match_item(item, system)
        report.results.append(result)
        complete = bool(item.get("complete"))
        for pairing in result.pairings:
            gold = pairing.gold
            optional = bool(gold.get("optional"))
            if optional:
                continue
            report.required += 1
            report.type_hits += pairing.strength >= 1
            report.dyad_hits += pairing.strength == 2
            row = report.per_type[gold["event"]]
            row["gold"] += 1
            row["type"] += pairing.strength >= 1
            row["dyad"] += pairing.strength == 2
            report.confusion[gold["event"]][pairing.system["event"] if pairing.system else "(none)"] += 1
            if complete:
                report.complete_required += 1
                report.complete_type_recall_hits += pairing.strength >= 1
                report.complete_dyad_recall_hits += pairing.strength == 2
            if pairing.strength == 2:
                _check_details(report, gold, pairing.system)
        if complete:
            report.complete_items += 1
            optional_matched = sum(1 for p in result.pairings if p.gold.get("optional") and p.system is not None)
            counted = len(system) - optional_matched
            report.complete_system += counted
            required_pairs = [p for p in result.pairings if not p.gold.get("optional")]
            report.complete_type_hits += sum(1 for p in required_pairs if p.strength >= 1)
            report.complete_dyad_hits += sum(1 for p in required_pairs if p.strength == 2)
            for spurious in result.spurious:
                report.per_type[spurious["event"]]["spurious"] += 1
            if not item.get("events"):
                report.event_free_items += 1
                report.false_alarms += bool(system)
    return report


def run_eval(path: str | Path, kb_dirs=(), select_sentences: bool = True, ner: str = "rules") -> Report:
    from .ingest.readers import record_to_document
    from .pipeline import Settings, run

    items = load_gold(path)
    docs = [record_to_document({"id": it["id"], "text": it["text"], "date": it.get("date")}, str(it["id"]), str(it["id"]), None)
            for it in items]
    system_by_doc: dict[str, list[dict]] = defaultdict(list)
    settings = Settings(include_unrealized=False, kb_dirs=tuple(kb_dirs), select_sentences=select_sentences, ner=ner)
    for outcome in run(docs, settings):
        if outcome.doc is not None:
            system_by_doc[outcome.doc.id] = [e.to_plover() for e in outcome.events]
    return score(items, system_by_doc)


def describe_system(event: dict) -> str:
    def side(entities):
        return ", ".join(f"{e['entity_text']!r}={e.get('code')}/{e.get('sector')}" for e in entities) or "-"

    return (f"{event['event']}{'/' + event['mode'] if event.get('mode') else ''} trigger {event['event_text']['text']!r} "
            f"actor [{side(event['actor'])}] recipient [{side(event['recipient'])}] rule {event['coder']['rule']}")


def describe_gold(event: dict) -> str:
    def side(entities):
        return ", ".join(f"{e.get('entity_text')!r}={e.get('code')}/{e.get('sector')}" for e in entities or []) or "-"

    alt = f" (or {', '.join(event['alt'])})" if event.get("alt") else ""
    return f"{event['event']}{alt} actor [{side(event.get('actor'))}] recipient [{side(event.get('recipient'))}]"


def error_lines(report: Report) -> list[str]:
    lines = []
    for result in report.results:
        item = result.item
        misses = [p for p in result.pairings if p.strength < 2 and not p.gold.get("optional")]
        if not misses and not result.spurious:
            continue
        lines.append(f"== {item['id']}: {item['text']}")
        for pairing in misses:
            kind = "TYPE-ONLY" if pairing.strength == 1 else "MISSED"
            lines.append(f"  {kind}: gold {describe_gold(pairing.gold)}")
            if pairing.system is not None:
                lines.append(f"      coder: {describe_system(pairing.system)}")
        unmatched = [s for s in result.system if all(p.system is not s for p in result.pairings)]
        if misses and unmatched and not result.spurious:
            for event in unmatched:
                lines.append(f"      coder also: {describe_system(event)}")
        for event in result.spurious:
            lines.append(f"  SPURIOUS: {describe_system(event)}")
    return lines
