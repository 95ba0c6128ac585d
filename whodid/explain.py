"""`whodid explain`: the coding of a text, step by step, for a person."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.tree import Tree

from .pipeline import Settings, run, to_document


def explain(text: str, date: dt.date | None, kb_dirs: tuple[Path, ...], console: Console, ner: str = "rules") -> None:
    settings = Settings(include_unrealized=True, kb_dirs=kb_dirs, explain=True, select_sentences=False, ner=ner)
    outcome = next(run([to_document(text, date, "explain")], settings))
    if outcome.problem is not None:
        console.print(f"[red]{outcome.problem}[/]")
        return
    doc = outcome.doc
    for dropped in doc.dropped:
        console.print(f"[dim]dropped as {dropped.reason}:[/] {doc.text[dropped.start:dropped.end][:100]!r}")
    current = None
    for step in doc.trace:
        kind = step[0]
        if kind == "sentence":
            sentence = step[1]
            console.rule(f"sentence {sentence.index} ({sentence.kind})")
            console.print(sentence.text)
            parse = Table(show_header=True, box=None, pad_edge=False)
            for column in ("i", "word", "lemma", "pos", "dep", "head", "entity"):
                parse.add_column(column)
            for token in sentence.parsed:
                parse.add_row(str(token.i), token.text, token.lemma_, token.pos_, token.dep_, f"{token.head.i}:{token.head.text}",
                              token.ent_type_ or "")
            console.print(parse)
            current = Tree("[bold]triggers and events[/]")
            console.print(current)
        elif kind == "trigger":
            _, word, pos, tried, best = step
            fired = [f"{e.id} '{e.pattern}' ({e.event}{'/' + e.mode if e.mode else ''})" for e, ok in tried if ok]
            missed = [f"'{e.pattern}'" for e, ok in tried if not ok]
            line = f"[cyan]{word}[/] ({pos}): "
            line += ("fired " + "; ".join(fired)) if fired else "no entry fits the parse"
            if best is not None:
                line += f"\n    chosen: {best.entry.id} '{best.entry.pattern}'"
            if missed:
                line += f"\n    [dim]did not fit: {', '.join(missed[:8])}{' ...' if len(missed) > 8 else ''}[/]"
            console.print(line)
        elif kind == "sentence-rule":  # an event found by a sentence-level rule, not a lexicon entry
            _, word, event = step
            console.print(f"  [green]event[/] {event.event}{' / ' + event.mode if event.mode else ''} at '{word}' "
                          f"from {event.rule}")
            for role in ("actor", "recipient"):
                for entity in getattr(event, role):
                    console.print(f"    {role}: '{entity.entity_text}' -> {entity.code} {entity.sector or ''}  [dim]{entity.rule}[/]")
        elif kind == "drop":
            _, match, reason = step
            console.print(f"  [yellow]dropped[/] {match.entry.event} at '{match.head.text}' ({match.entry.id}): {reason}")
        elif kind == "event":
            _, match, event, reasons = step
            record = event.to_plover()
            console.print(f"  [green]event[/] {record['event']}{' / ' + record['mode'] if record['mode'] else ''}"
                          f" from {match.entry.id} '{match.entry.pattern}' (CAMEO {record['cameo']})")
            for role in ("actor", "recipient"):
                for entity in getattr(event, role):
                    console.print(f"    {role}: '{entity.entity_text}' -> {entity.code} {entity.sector or ''}  [dim]{entity.rule}[/]")
            console.print(f"    date: {record['date']} ({record['date_precision']}, {record['date_source']}"
                          + (f" from '{event.date_text}'" if event.date_text else "") + ")")
            if record["event_loc"]:
                loc = record["event_loc"]
                console.print(f"    place: {loc['extracted_place']} -> {loc['resolved_place']}, {loc['country_code']}"
                              f"  [dim]{event.place_reason or ''}[/]")
            if record["context"]:
                console.print(f"    context: {', '.join(record['context'])}  [dim]{'; '.join(reasons)}[/]")
            if record["attribution"]:
                console.print(f"    attributed to: {record['attribution']['text']}")
            if record["hedged"]:
                console.print("    hedged")
    realized = [e for e in outcome.events if e.reportable]
    console.rule(f"{len(realized)} event(s) in the output" + (f", {len(outcome.events) - len(realized)} unrealised left out" if len(realized) != len(outcome.events) else ""))
