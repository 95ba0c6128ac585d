"""Command line of the event store: ingest, query, sql, export, plot, dedup.

`register(app)` adds these commands to another Typer app (whodid's own); this module
also runs on its own: `python -m whodid.store.cli ingest examples/ --db news.duckdb`.
Heavy imports (duckdb, pandas, matplotlib) happen inside the commands.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import sys
import time
from enum import Enum
from pathlib import Path
from typing import Any, Iterator, List, Optional

import typer

DB_HELP = "The store file (DuckDB). Also from $WHODID_DB."
DEFAULT_DB = "whodid.duckdb"

app = typer.Typer(help="whodid event store: code many articles into one deduplicated, queryable DuckDB file.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
query_app = typer.Typer(help="Ask the event store (dyads, actors, events).", no_args_is_help=True,
                        pretty_exceptions_enable=False)
plot_app = typer.Typer(help="Draw plots from the event store.", no_args_is_help=True, pretty_exceptions_enable=False)


class OutputFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


class Period(str, Enum):
    day = "day"
    week = "week"
    month = "month"


class ExportFormat(str, Enum):
    plover_jsonl = "plover-jsonl"
    csv = "csv"
    parquet = "parquet"
    gdelt_tsv = "gdelt-tsv"


def _say(message: str) -> None:
    sys.stderr.write(message.rstrip("\n") + "\n")
    sys.stderr.flush()


@contextlib.contextmanager
def _errors() -> Iterator[None]:
    """Any failure becomes one line on stderr and exit status 2 (130 when interrupted)."""
    try:
        yield
    except (typer.Exit, typer.Abort, SystemExit):
        raise
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(0) from None
    except KeyboardInterrupt:
        _say("interrupted: whole batches already written are kept; run the same command again to finish")
        raise typer.Exit(130) from None
    except Exception as exc:  # noqa: BLE001 - the user gets one line, never a traceback
        from ..errors import WhodidError

        if isinstance(exc, WhodidError):
            text = str(exc)
        elif isinstance(exc, OSError):
            text = f"{exc.filename + ': ' if exc.filename else ''}{exc.strerror or exc}"
        else:
            text = f"{type(exc).__name__}: {exc}"
        _say("error: " + " ".join(text.split()))
        raise typer.Exit(2) from None


def _plain(value: Any) -> Any:
    """A JSON-safe Python value from what pandas/DuckDB hand back."""
    import numpy as np
    import pandas as pd

    if value is None:
        return None
    if isinstance(value, pd.Timestamp):
        if pd.isna(value):
            return None
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, np.ndarray):
        return [_plain(v) for v in value.tolist()]
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def _cell(value: Any) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(_cell(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def emit(frame, fmt: OutputFormat, title: str | None = None) -> None:
    """Print a DataFrame as a Rich table, CSV or a JSON list of row objects."""
    rows = [[_plain(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    columns = [str(c) for c in frame.columns]
    if fmt == OutputFormat.json:
        sys.stdout.write(json.dumps([dict(zip(columns, row)) for row in rows], ensure_ascii=False, default=str) + "\n")
    elif fmt == OutputFormat.csv:
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(v) for v in row])
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"{title} ({len(rows)} row{'s' if len(rows) != 1 else ''})" if title else None)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*[_cell(v) for v in row])
        console = Console(highlight=False)
        if not console.is_terminal:  # piped: draw the table at its natural width, not wrapped at 80 columns
            console = Console(highlight=False, width=max(80, sum(max([len(c)] + [len(_cell(r[i])) for r in rows]) + 3
                                                                   for i, c in enumerate(columns)) + 4))
        console.print(table)
    sys.stdout.flush()


# --- ingest -------------------------------------------------------------------------------------------------------

def ingest_command(
    inputs: List[str] = typer.Argument(..., help="Files (.txt, .html, .jsonl, .csv), folders, or - for stdin."),
    db: Path = typer.Option(DEFAULT_DB, "--db", envvar="WHODID_DB", help=DB_HELP),
    date: Optional[str] = typer.Option(None, "--date", help="Publication date (YYYY-MM-DD) for documents without one."),
    batch: int = typer.Option(64, "--batch", min=1, help="Documents per batch (one transaction each)."),
    dedup_window: Optional[int] = typer.Option(None, "--dedup-window", min=0,
                                               help="Days within which reports of one event merge (default: the "
                                                    "store's setting, 1 for a new store). Changing it rebuilds events."),
    no_dedup: bool = typer.Option(False, "--no-dedup", help="Switch deduplication off: every mention is an event."),
    kb: List[Path] = typer.Option([], "--kb", help="Extra knowledge folder; repeatable."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress, only problems."),
) -> None:
    """Code documents into the store (default whodid.duckdb); documents already stored are skipped."""
    with _errors():
        if no_dedup and dedup_window is not None:
            from .db import StoreError

            raise StoreError("give --dedup-window or --no-dedup, not both")
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        from .ingest import ingest

        console = Console(stderr=True)
        live = console.is_terminal and not quiet

        def on_problem(problem) -> None:
            _say(f"skipped {problem}")

        with Progress(TextColumn("ingesting"), BarColumn(), TextColumn("{task.completed} docs"), TimeElapsedColumn(),
                      console=console, disable=not live, transient=True) as progress:
            task = progress.add_task("ingest", total=None)

            def on_batch(report) -> None:
                progress.update(task, completed=report.added)
                if not live and not quiet:
                    _say(f"batch {report.batches} committed: {report.added} document(s) added so far")

            dedup = "off" if no_dedup else ("keep" if dedup_window is None else dedup_window)
            started = time.perf_counter()
            report = ingest(inputs, db, date=date, batch=batch, dedup=dedup, kb=kb, on_problem=on_problem,
                            on_batch=on_batch)
        if not quiet:
            _say(f"{report.summary()} ({db}, {time.perf_counter() - started:.1f} s)")
        if report.problems:
            raise typer.Exit(1)


# --- query --------------------------------------------------------------------------------------------------------

@query_app.command("dyad")
def query_dyad(
    a: str = typer.Argument(..., help="Actor code, e.g. USA."),
    b: str = typer.Argument(..., help="Actor code, e.g. RUS."),
    by: Period = typer.Option(Period.day, "--by", help="Period."),
    since: Optional[str] = typer.Option(None, "--since", help="From this date (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Up to this date (YYYY-MM-DD)."),
    directed: bool = typer.Option(False, "--directed", help="Only A acting on B (default: both directions)."),
    db: Path = typer.Option(DEFAULT_DB, "--db", envvar="WHODID_DB", help=DB_HELP),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help="Output format."),
) -> None:
    """Events between two actors per period: counts per quad class and mean event scale."""
    with _errors():
        from .query import dyad

        frame = dyad(a, b, db, by=by.value, since=since, until=until, directed=directed)
        emit(frame, fmt, f"{a.upper()} {'->' if directed else '-'} {b.upper()} by {by.value}")


@query_app.command("actors")
def query_actors(
    since: Optional[str] = typer.Option(None, "--since", help="From this date (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Up to this date (YYYY-MM-DD)."),
    db: Path = typer.Option(DEFAULT_DB, "--db", envvar="WHODID_DB", help=DB_HELP),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help="Output format."),
) -> None:
    """Every actor code: events as actor and as recipient, mentions, first and last date."""
    with _errors():
        from .query import actors

        emit(actors(db, since=since, until=until), fmt, "actors")


@query_app.command("events")
def query_events(
    event_type: Optional[str] = typer.Option(None, "--type", help="PLOVER event type(s), comma-separated."),
    country: Optional[str] = typer.Option(None, "--country", help="Code as actor, recipient or place country."),
    actor: Optional[str] = typer.Option(None, "--actor", help="Code among the actors."),
    recipient: Optional[str] = typer.Option(None, "--recipient", help="Code among the recipients."),
    since: Optional[str] = typer.Option(None, "--since", help="From this date (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Up to this date (YYYY-MM-DD)."),
    limit: Optional[int] = typer.Option(None, "--limit", min=0, help="At most this many events."),
    db: Path = typer.Option(DEFAULT_DB, "--db", envvar="WHODID_DB", help=DB_HELP),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help="Output format."),
) -> None:
    """Deduplicated events, newest first."""
    with _errors():
        from .query import events

        frame = events(db, type=event_type, country=country, actor=actor, recipient=recipient, since=since,
                       until=until, limit=limit)
        emit(frame, fmt, "events")


# --- sql, export, plot, dedup -------------------------------------------------------------------------------------

def sql_command(
    statement: str = typer.Argument(..., help='One query, e.g. "SELECT event, count(*) FROM events GROUP BY 1".'),
    db: Path = typer.Option(DEFAULT_DB, "--db", envvar="WHODID_DB", help=DB_HELP),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help="Output format."),
) -> None:
    """Run a read-only SQL query (SELECT or WITH) on the store's tables: documents, mentions, events."""
    with _errors():
        from .query import sql

        emit(sql(statement, db), fmt)


def export_command(
    fmt: ExportFormat = typer.Option(..., "--format", "-f", help="plover-jsonl, csv, parquet (a folder) or gdelt-tsv."),
    output: Path = typer.Option(..., "--output", "-o", help="File to write (a folder for parquet)."),
    db: Path = typer.Option(DEFAULT_DB, "--db", envvar="WHODID_DB", help=DB_HELP),
    since: Optional[str] = typer.Option(None, "--since", help="From this date (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Up to this date (YYYY-MM-DD)."),
    header: bool = typer.Option(False, "--header", help="gdelt-tsv: write a header row (GDELT files have none)."),
) -> None:
    """Export the deduplicated events."""
    with _errors():
        from .export import export

        count = export(fmt.value, output, db, since=since, until=until, header=header)
        _say(f"{count} event(s) written to {output} ({fmt.value})")


@plot_app.command("dyad")
def plot_dyad_command(
    a: str = typer.Argument(..., help="Actor code, e.g. USA."),
    b: str = typer.Argument(..., help="Actor code, e.g. RUS."),
    out: Path = typer.Option(..., "--out", "-o", help="Image file (.png, .svg or .pdf)."),
    by: Period = typer.Option(Period.week, "--by", help="Period."),
    since: Optional[str] = typer.Option(None, "--since", help="From this date (YYYY-MM-DD)."),
    until: Optional[str] = typer.Option(None, "--until", help="Up to this date (YYYY-MM-DD)."),
    directed: bool = typer.Option(False, "--directed", help="Only A acting on B."),
    db: Path = typer.Option(DEFAULT_DB, "--db", envvar="WHODID_DB", help=DB_HELP),
) -> None:
    """Cooperation/conflict time series of two actors (stacked by quad class, mean event scale)."""
    with _errors():
        from .plot import plot_dyad

        written = plot_dyad(a, b, out, db, by=by.value, since=since, until=until, directed=directed)
        _say(f"wrote {written}")


def dedup_command(
    window: Optional[int] = typer.Option(None, "--window", min=0, help="Merge reports within this many days."),
    off: bool = typer.Option(False, "--off", help="Switch deduplication off."),
    db: Path = typer.Option(DEFAULT_DB, "--db", envvar="WHODID_DB", help=DB_HELP),
) -> None:
    """Show or change the deduplication rule; changing it rebuilds every event from the mentions."""
    with _errors():
        from .db import StoreError, connection
        from .dedup import set_window, stored_window

        if off and window is not None:
            raise StoreError("give --window or --off, not both")
        if not Path(db).exists():
            raise StoreError(f"no store at {db}", hint="run `whodid ingest ... --db FILE` first, or pass --db")
        if not off and window is None:
            with connection(db, read_only=True) as con:
                current = stored_window(con)
            typer.echo("deduplication off" if current is None else f"deduplication window: {current} day(s)")
            return
        with connection(db) as con:
            count = set_window(con, None if off else window)
        _say(f"{count} event(s) after rebuilding ({'deduplication off' if off else f'window {window} day(s)'})")


def register(parent: typer.Typer) -> None:
    """Add the store's commands to `parent`: ingest, query (dyad, actors, events), sql, export, plot dyad, dedup."""
    parent.command("ingest")(ingest_command)
    parent.add_typer(query_app, name="query")
    parent.command("sql")(sql_command)
    parent.command("export")(export_command)
    parent.add_typer(plot_app, name="plot")
    parent.command("dedup")(dedup_command)


register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
