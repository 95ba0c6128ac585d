"""`whodid serve`: the HTTP API and the dashboard, with uvicorn.

Registered in whodid/cli.py with `app.command("serve")(serve)`; also runs on its own:
`python -m whodid.service --db news.duckdb`.
"""

from __future__ import annotations

import ipaddress
import sys
from pathlib import Path
from typing import Optional

import typer

LOOPBACK_NAMES = ["localhost", "127.0.0.1", "::1", "[::1]"]


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(
    db: Path = typer.Option(Path("whodid.duckdb"), "--db", envvar="WHODID_DB",
                            help="The event store (DuckDB file). Also from $WHODID_DB. Created by the first ingest."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on. The default serves this machine only."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on (0: any free port)."),
    token: Optional[str] = typer.Option(None, "--token", envvar="WHODID_TOKEN", show_default=False,
                                        help="Bearer token that POST /ingest requires; better given as $WHODID_TOKEN "
                                             "(command lines are visible to other users). Without one, ingest is off."),
    max_body_mb: float = typer.Option(5.0, "--max-body-mb", min=0.001,
                                      help="Largest request body accepted, in MiB (larger ones get a 413)."),
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs) and the dashboard (at /)."""
    import uvicorn

    from .app import create_app

    if db.exists() and db.is_dir():
        typer.echo(f"error: {db} is a folder, not a store file", err=True)
        raise typer.Exit(2)
    if not db.exists():
        typer.echo(f"note: no store at {db} yet; POST /ingest (or `whodid ingest ... --db {db}`) creates it", err=True)
    loopback = _is_loopback(host)
    if not loopback:
        typer.echo(f"warning: listening on {host}: the API and the dashboard are reachable from other machines "
                   "(there is no TLS; reads need no token)", err=True)
    if token is not None and len(token) < 12:
        typer.echo("warning: the ingest token is short; use a long random one (e.g. `python -c "
                   "\"import secrets; print(secrets.token_urlsafe(24))\"`)", err=True)
    app = create_app(db, token or "", int(max_body_mb * 1024 * 1024),
                     allowed_hosts=LOOPBACK_NAMES if loopback else None)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"whodid: dashboard http://{shown}:{port}/  API docs http://{shown}:{port}/docs  "
               f"(store {db}; ingest {'on' if token else 'off'})", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="info", server_header=False, proxy_headers=False)
    except OSError as exc:
        typer.echo(f"error: cannot listen on {host}:{port}: {exc.strerror or exc}", err=True)
        raise typer.Exit(2) from None


def main() -> None:
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    app.command()(serve)
    app(prog_name="python -m whodid.service")


if __name__ == "__main__":  # pragma: no cover
    main()
    sys.exit(0)
