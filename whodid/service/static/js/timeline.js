// Timeline: stacked bars of events per period, one colour per quad class, on a time axis.

import { QUADS, svg, tooltip, clear, emptyChart, plural } from "./util.js";

const W = 960, H = 210, M = { left: 40, right: 12, top: 10, bottom: 28 };
const DAY = 86400000;

function parse(day) {
  return Date.parse(day + "T00:00:00Z");
}

function nextPeriod(t, by) {
  const d = new Date(t);
  if (by === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return t + (by === "week" ? 7 : 1) * DAY;
}

function ticks(start, end) {
  const span = end - start;
  const out = [];
  const first = new Date(start);
  if (span > 3 * 366 * DAY) {
    const step = Math.ceil(span / (366 * DAY) / 8);
    for (let y = first.getUTCFullYear(); ; y += step) {
      const t = Date.UTC(y, 0, 1);
      if (t > end) break;
      if (t >= start) out.push([t, String(y)]);
    }
  } else if (span > 60 * DAY) {
    const months = Math.round(span / (30.4 * DAY));
    const step = Math.max(1, Math.ceil(months / 8));
    for (let m = 0; ; m += step) {
      const t = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + m, 1);
      if (t > end) break;
      if (t >= start) out.push([t, new Date(t).toISOString().slice(0, 7)]);
    }
  } else {
    const days = Math.max(1, Math.round(span / DAY));
    const step = Math.max(1, Math.ceil(days / 8));
    for (let t = start; t <= end; t += step * DAY) out.push([t, new Date(t).toISOString().slice(5, 10)]);
  }
  return out;
}

export function renderTimeline(container, data) {
  const periods = data.periods || [];
  if (!periods.length) {
    emptyChart(container, W, H, data.undated ? `${plural(data.undated, "event")} without a date` : "No dated events");
    return;
  }
  clear(container);
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "timeline" }, container);
  const by = data.by;
  const start = parse(periods[0].period);
  const end = nextPeriod(parse(periods[periods.length - 1].period), by);
  const x = (t) => M.left + ((t - start) / Math.max(end - start, DAY)) * (W - M.left - M.right);
  const max = Math.max(...periods.map((p) => p.events), 1);
  const y = (v) => H - M.bottom - (v / max) * (H - M.top - M.bottom);

  const axis = svg("g", { class: "axis" }, root);
  const yTicks = max <= 4 ? [...Array(max + 1).keys()] : [0, Math.round(max / 2), max];
  for (const v of yTicks) {
    svg("line", { x1: M.left, x2: W - M.right, y1: y(v), y2: y(v), class: "gridline" }, axis);
    svg("text", { x: M.left - 6, y: y(v) + 4, "text-anchor": "end", text: String(v) }, axis);
  }
  svg("line", { x1: M.left, x2: W - M.right, y1: H - M.bottom, y2: H - M.bottom }, axis);
  for (const [t, label] of ticks(start, end)) {
    svg("line", { x1: x(t), x2: x(t), y1: H - M.bottom, y2: H - M.bottom + 4 }, axis);
    svg("text", { x: x(t), y: H - 8, "text-anchor": "middle", text: label }, axis);
  }

  const bars = svg("g", { class: "bars" }, root);
  for (const p of periods) {
    const t0 = parse(p.period);
    const x0 = x(t0), x1 = x(nextPeriod(t0, by));
    const width = Math.max(3, (x1 - x0) * 0.85);
    const left = width > x1 - x0 ? x0 + (x1 - x0) / 2 - width / 2 : x0 + (x1 - x0) * 0.075;
    let base = 0;
    for (const q of ["1", "2", "3", "4"]) {
      const n = p.quad[q] || 0;
      if (!n) continue;
      const rect = svg("rect", { class: `bar q${q}`, x: left.toFixed(1), width: width.toFixed(1),
        y: y(base + n).toFixed(1), height: (y(base) - y(base + n)).toFixed(1), "data-period": p.period }, bars);
      tooltip(rect, `${by} of ${p.period}: ${plural(n, "event")} of ${QUADS[q].name} (${plural(p.events, "event")} in all, mean scale ${p.mean_scale})`);
      base += n;
    }
  }
  if (data.undated) {
    svg("text", { x: W - M.right, y: M.top + 10, "text-anchor": "end", class: "tick-label",
      text: `+ ${plural(data.undated, "event")} without a date` }, root);
  }
}
