"""Cooperation/conflict time series of a dyad, drawn with matplotlib's Agg canvas.

The figure is built on `matplotlib.figure.Figure` directly, so drawing a plot never
changes the pyplot backend of the process that calls it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from .db import DEFAULT_DB, DbLike, StoreError
from .query import QUAD_COLUMNS, dyad

_COLOURS = {"verbal_cooperation": "#8fd18f", "material_cooperation": "#1b7a1b",
            "verbal_conflict": "#f4a261", "material_conflict": "#b2182b"}
_FREQ = {"day": "D", "week": "W-MON", "month": "MS"}


def plot_dyad(a: str, b: str, out: str | Path, db: DbLike = DEFAULT_DB, *, by: str = "week",
              since: str | dt.date | None = None, until: str | dt.date | None = None, directed: bool = False) -> Path:
    """Draw events between `a` and `b` per period: cooperation above the axis, conflict below,
    stacked by quad class, with the mean event scale on a second axis. Returns the file written."""
    from matplotlib import dates as mdates
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    table = dyad(a, b, db, by=by, since=since, until=until, directed=directed)
    if table.empty:
        arrow = "->" if directed else "and"
        raise StoreError(f"no dated events between {a.upper()} {arrow} {b.upper()} in the store"
                         + (" for these dates" if since or until else ""))
    out = Path(out)
    if out.suffix.lower() not in {".png", ".svg", ".pdf"}:
        raise StoreError(f"{out.name}: give a .png, .svg or .pdf file name")
    table = table.set_index(pd.to_datetime(table["period"]))
    start = table.index.min()
    if by == "week":
        start = start - pd.Timedelta(days=start.weekday())
    full = pd.date_range(start, table.index.max(), freq=_FREQ[by])
    table = table.reindex(table.index.union(full))
    counts = table[list(QUAD_COLUMNS.values())].fillna(0)

    figure = Figure(figsize=(10, 5.5), layout="constrained")
    FigureCanvasAgg(figure)
    axis = figure.add_subplot(1, 1, 1)
    width = {"day": 0.8, "week": 5.6, "month": 24}[by]
    x = counts.index
    above = [0.0] * len(x)
    for column in ("verbal_cooperation", "material_cooperation"):
        axis.bar(x, counts[column], width=width, bottom=above, color=_COLOURS[column],
                 label=column.replace("_", " "))
        above = [p + v for p, v in zip(above, counts[column])]
    below = [0.0] * len(x)
    for column in ("verbal_conflict", "material_conflict"):
        values = [-v for v in counts[column]]
        axis.bar(x, values, width=width, bottom=below, color=_COLOURS[column], label=column.replace("_", " "))
        below = [p + v for p, v in zip(below, values)]
    axis.axhline(0, color="black", linewidth=0.8)
    limit = max(max(above), -min(below), 1.0) * 1.15
    axis.set_ylim(-limit, limit)
    locator = mdates.AutoDateLocator()
    axis.xaxis.set_major_locator(locator)
    axis.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    axis.set_ylabel(f"events per {by} (conflict below zero)")
    relation = f"{a.upper()} -> {b.upper()}" if directed else f"{a.upper()} - {b.upper()}"
    axis.set_title(f"{relation}: cooperation and conflict by {by}")
    scale = axis.twinx()
    scale.plot(table.index, table["mean_scale"], color="#333333", marker="o", markersize=3, linewidth=1,
               label="mean event scale")
    scale.set_ylim(-10.5, 10.5)
    scale.set_ylabel("mean event scale (-10 conflict .. +10 cooperation)")
    handles, labels = axis.get_legend_handles_labels()
    more_handles, more_labels = scale.get_legend_handles_labels()
    figure.legend(handles + more_handles, labels + more_labels, loc="outside lower center", fontsize="small", ncols=5)
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        figure.savefig(out, dpi=110)
    except OSError as exc:
        raise StoreError(f"cannot write {out}: {exc.strerror or exc}") from None
    return out
