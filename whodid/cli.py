"""The command line: thin wrappers that parse options, call the core and print."""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from .errors import WhodidError

app = typer.Typer(help="whodid: who did what to whom. Political event data (PLOVER) from raw news text.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
kb_app = typer.Typer(help="Look into and extend the actor knowledge base.", no_args_is_help=True)
app.add_typer(kb_app, name="kb")
err = Console(stderr=True)


class RecordFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


class NerChoice(str, Enum):
    rules = "rules"
    model = "model"


NER_HELP = ("Where names and dates come from: rules (knowledge files, gazetteer, proper nouns; fast) "
            "or model (the spaCy model's statistical NER; about twice as slow).")


def _date_option(value: Optional[str]) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD") from None


def _fail(exc: Exception) -> None:
    err.print(f"[bold red]error:[/] {exc}")
    raise typer.Exit(2)


@app.command("code")
def code_command(
    inputs: list[str] = typer.Argument(..., help="Files (.txt, .html, .jsonl, .csv), folders, or - for stdin."),
    date: Optional[str] = typer.Option(None, "--date", help="Publication date (YYYY-MM-DD) when the input has none."),
    fmt: RecordFormat = typer.Option(RecordFormat.jsonl, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write records here instead of stdout."),
    include_unrealized: bool = typer.Option(False, "--include-unrealized", help="Also keep negated, hypothetical and historical (background) events, marked in their context."),
    kb: list[Path] = typer.Option([], "--kb", help="Extra knowledge folder (from `whodid kb import`); repeatable."),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first document that cannot be coded."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes (each loads the model once)."),
    engine: str = typer.Option("local", "--engine", help="local (this machine) or dask (JSONL/Parquet input, Parquet output)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address; default: a local cluster."),
    ner: NerChoice = typer.Option(NerChoice.rules, "--ner", help=NER_HELP),
) -> None:
    """Code documents into PLOVER event records."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from .ingest import read_inputs
    from .output import RecordWriter
    from .pipeline import Settings, run

    default_date = _date_option(date)
    settings = Settings(include_unrealized=include_unrealized, kb_dirs=tuple(kb), ner=ner.value)
    if engine == "dask":
        if output is None:
            _fail(WhodidError("the dask engine writes Parquet partitions: give --output FOLDER"))
        from .engines.dask_engine import run_dask

        try:
            count = run_dask([Path(i) for i in inputs], output, settings, scheduler, workers=max(workers, 2))
        except (ValueError, OSError) as exc:
            _fail(WhodidError(str(exc)))
        err.print(f"{count} event(s) written to {output}/ as Parquet")
        return
    if engine != "local":
        _fail(WhodidError(f"unknown engine {engine!r}: use local or dask"))
    handle = open(output, "w", encoding="utf-8") if output else sys.stdout
    writer = RecordWriter(handle, fmt.value)
    problems = documents = 0
    show_progress = not quiet and (len(inputs) > 1 or any(Path(i).is_dir() or Path(i).suffix.lower() in {".jsonl", ".csv"} for i in inputs if i != "-"))
    try:
        with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), TextColumn("{task.completed} docs"),
                      TimeElapsedColumn(), console=err, disable=not show_progress, transient=True) as progress:
            task = progress.add_task("coding", total=None)
            from .engines.pool import run_pool

            for outcome in run_pool(read_inputs(inputs, default_date), settings, workers):
                if outcome.problem is not None:
                    problems += 1
                    # one plain line per problem: no markup parsing of file names, no wrapping
                    sys.stderr.write(f"skipped {outcome.problem}\n")
                    sys.stderr.flush()
                    if strict:
                        raise typer.Exit(1)
                    continue
                documents += 1
                writer.write(e.to_plover() for e in outcome.events)
                progress.advance(task)
    except WhodidError as exc:
        _fail(exc)
    finally:
        writer.close()
        if output:
            handle.close()
    if not quiet:
        err.print(f"{documents} document(s) coded, {writer.count} event(s)" + (f", {problems} skipped" if problems else ""))
    if problems:
        raise typer.Exit(1)


@app.command("explain")
def explain_command(
    text: str = typer.Argument(..., help="A sentence or short text to explain."),
    date: Optional[str] = typer.Option(None, "--date", help="Publication date (YYYY-MM-DD)."),
    kb: list[Path] = typer.Option([], "--kb", help="Extra knowledge folder."),
    ner: NerChoice = typer.Option(NerChoice.rules, "--ner", help=NER_HELP),
) -> None:
    """Show how a text is coded: parse, triggers, lexicon entries, actors, dropped candidates."""
    from .explain import explain

    try:
        explain(text, _date_option(date), tuple(kb), Console(), ner.value)
    except WhodidError as exc:
        _fail(exc)


@kb_app.command("lookup")
def kb_lookup(
    name: str = typer.Argument(..., help="A name, e.g. 'Kerry' or 'the Kremlin'."),
    date: Optional[str] = typer.Option(None, "--date", help="Date at which to resolve roles (YYYY-MM-DD)."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json"),
    kb: list[Path] = typer.Option([], "--kb", help="Extra knowledge folder."),
) -> None:
    """How a name resolves on a date."""
    from .resolve.lookup import lookup

    result = lookup(name, _date_option(date), tuple(kb))
    if fmt == "json":
        typer.echo(json.dumps(result, ensure_ascii=False))
        return
    console = Console()
    if result["code"] is None:
        console.print(f"[yellow]{name!r}: not found[/] ({result['reason']})")
        raise typer.Exit(1)
    for key in ("name", "code", "sector", "office", "identifier", "reason"):
        console.print(f"[bold]{key:>10}[/]  {result[key] if result[key] is not None else '-'}")


@kb_app.command("stats")
def kb_stats(kb: list[Path] = typer.Option([], "--kb", help="Extra knowledge folder.")) -> None:
    """Count knowledge-base entries by kind."""
    from rich.table import Table

    from .coding.lexicon import get_lexicon
    from .resolve.kb import get_kb

    base = get_kb(tuple(kb))
    lexicon = get_lexicon(tuple(kb))
    table = Table(title="whodid knowledge")
    table.add_column("kind")
    table.add_column("entries", justify="right")
    for kind, count in base.counts.items():
        table.add_row(kind, f"{count:,}")
    table.add_row("event lexicon entries", f"{len(lexicon.entries):,}")
    by_type: dict[str, int] = {}
    for entry in lexicon.entries:
        by_type[entry.event] = by_type.get(entry.event, 0) + 1
    for event_type, count in sorted(by_type.items()):
        table.add_row(f"  {event_type}", f"{count:,}")
    Console().print(table)
    if base.problems:
        err.print(f"[yellow]{len(base.problems)} malformed row(s) skipped[/], e.g. {base.problems[0]}")


def main() -> None:
    try:
        app()
    except WhodidError as exc:
        err.print(f"[bold red]error:[/] {exc}")
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)


@app.command("eval")
def eval_command(
    gold: Path = typer.Argument(..., exists=True, dir_okay=False, help="Gold JSONL (id, text, date, events)."),
    errors: bool = typer.Option(False, "--errors", help="List each miss and spurious event with what the coder did."),
    fmt: str = typer.Option("table", "--format", "-f", help="table or json"),
    kb: list[Path] = typer.Option([], "--kb", help="Extra knowledge folder."),
    no_select: bool = typer.Option(False, "--no-select", help="Parse every sentence (no cheap pre-filter)."),
    ner: NerChoice = typer.Option(NerChoice.rules, "--ner", help=NER_HELP),
) -> None:
    """Score the coder against a gold file (type and dyad recall, precision, F1, sector/date/place accuracy)."""
    from rich.table import Table

    from .eval import error_lines, run_eval

    try:
        report = run_eval(gold, tuple(kb), select_sentences=not no_select, ner=ner.value)
    except (ValueError, WhodidError) as exc:
        _fail(exc)
    summary = report.summary()
    if fmt == "json":
        payload = {"summary": summary, "per_type": {k: dict(v) for k, v in report.per_type.items()},
                   "confusion": {k: dict(v) for k, v in report.confusion.items()}}
        if errors:
            payload["errors"] = error_lines(report)
        typer.echo(json.dumps(payload, indent=2))
        return
    console = Console()
    table = Table(title=f"whodid eval: {gold.name}")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key, value in summary.items():
        table.add_row(key, "-" if value is None else (f"{value:.3f}" if isinstance(value, float) else str(value)))
    console.print(table)
    per_type = Table(title="per event type")
    for column in ("type", "gold", "type hits", "dyad hits", "type recall", "dyad recall", "spurious"):
        per_type.add_column(column, justify="right")
    for event_type, row in sorted(report.per_type.items()):
        gold_n = row["gold"]
        per_type.add_row(event_type, str(gold_n), str(row["type"]), str(row["dyad"]),
                         f"{row['type'] / gold_n:.2f}" if gold_n else "-", f"{row['dyad'] / gold_n:.2f}" if gold_n else "-",
                         str(row["spurious"]))
    console.print(per_type)
    confusion = Table(title="confusion (gold type -> coded type)")
    confusion.add_column("gold")
    confusion.add_column("coded as")
    for event_type, counter in sorted(report.confusion.items()):
        confusion.add_row(event_type, ", ".join(f"{k} {v}" for k, v in counter.most_common()))
    console.print(confusion)
    if errors:
        for line in error_lines(report):
            console.print(line, highlight=False, markup=False)


from .resolve.import_cli import kb_import  # noqa: E402  (registered here to keep the command list in one file)

kb_app.command("import")(kb_import)

from .store.cli import register as register_store  # noqa: E402

register_store(app)


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the event records `whodid code` writes."""
    from .tables import DATA_DIR

    typer.echo((DATA_DIR / "schema" / "event.schema.json").read_text(encoding="utf-8"))

from .service.cli import serve  # noqa: E402

app.command("serve")(serve)
