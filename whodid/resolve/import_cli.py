"""`whodid kb import FILE... --out DIR`: CAMEO/TABARI/PETRARCH dictionaries as a `--kb` folder.

Registered on `whodid kb` by `whodid/cli.py`; also usable alone as the Typer app `app`.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..errors import WhodidError

app = typer.Typer(help="Import CAMEO/TABARI/PETRARCH actor and agent dictionaries.", add_completion=False,
                  pretty_exceptions_enable=False)
SHOWN_PROBLEMS = 20


@app.callback()
def _group() -> None:
    """Import CAMEO/TABARI/PETRARCH actor and agent dictionaries."""


@app.command("import")
def kb_import(
    files: list[Path] = typer.Argument(..., help="Actor or agent dictionaries (.txt), or folders of them."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder to write the *_imported.tsv files into (created)."),
    all_warnings: bool = typer.Option(False, "--all-warnings", help="List every line that could not be read."),
) -> None:
    """Convert CAMEO/TABARI/PETRARCH dictionaries into whodid knowledge files; use them with --kb DIR."""
    from .importer import OUTPUT_COLUMNS, run_import

    console, err = Console(), Console(stderr=True)
    try:
        report = run_import(list(files), out)
    except WhodidError as exc:
        err.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False)
        raise typer.Exit(2)
    except Exception as exc:  # never a traceback: say what went wrong
        err.print(f"[bold red]error:[/] import failed: {type(exc).__name__}: {escape(str(exc))}", highlight=False)
        raise typer.Exit(2)

    shown = report.problems if all_warnings else report.problems[:SHOWN_PROBLEMS]
    for problem in shown:
        err.print(f"[yellow]warning[/] {escape(problem)}", highlight=False, soft_wrap=True)
    if len(report.problems) > len(shown):
        err.print(f"[yellow]... and {len(report.problems) - len(shown)} more line(s) not read[/] "
                  "(--all-warnings lists them)", highlight=False)

    table = Table(title=escape(f"whodid kb import -> {out}"))
    table.add_column("file")
    table.add_column("rows", justify="right")
    for name in OUTPUT_COLUMNS:
        table.add_row(name, f"{report.counts.get(name, 0):,}")
    console.print(table)
    for reason, count in sorted(report.skipped.items()):
        console.print(f"  left out on purpose: {count:,} {reason}", highlight=False)
    console.print(f"{len(report.files)} dictionary file(s), {report.entries:,} entries converted, "
                  f"{len(report.problems):,} warning(s). Use it with: [bold]--kb {escape(str(out))}[/]",
                  highlight=False, soft_wrap=True)
    if not report.files:
        raise typer.Exit(1)
