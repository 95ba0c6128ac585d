// Dyad network: nodes are actor codes, directed edges actor -> recipient, width by event count,
// colour by mean event scale. Laid out by a small deterministic force simulation.

import { svg, tooltip, clear, emptyChart, scaleColour, fmtScale, plural } from "./util.js";

const W = 640, H = 480, PAD = 34;

function layout(nodes, edges) {
  const n = nodes.length;
  const byId = new Map(nodes.map((node, i) => [node.id, i]));
  // Start on a circle, in a fixed order, so the same data always gives the same picture.
  nodes.forEach((node, i) => {
    const a = (2 * Math.PI * i) / n;
    node.x = Math.cos(a) * 150;
    node.y = Math.sin(a) * 150;
  });
  if (n < 2) return;
  const links = edges.filter((e) => e.source !== e.target)
    .map((e) => [byId.get(e.source), byId.get(e.target), Math.min(3, 1 + Math.log(e.events))]);
  const k = Math.sqrt((W * H) / n) * 0.55;
  let temperature = 60;
  for (let step = 0; step < 300; step++) {
    const dx = new Float64Array(n), dy = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let x = nodes[i].x - nodes[j].x, y = nodes[i].y - nodes[j].y;
        let d2 = x * x + y * y;
        if (d2 < 0.01) { x = 0.1 * (i - j); y = 0.1; d2 = x * x + y * y; }
        const f = (k * k) / d2;
        dx[i] += x * f; dy[i] += y * f; dx[j] -= x * f; dy[j] -= y * f;
      }
    }
    for (const [a, b, w] of links) {
      const x = nodes[a].x - nodes[b].x, y = nodes[a].y - nodes[b].y;
      const d = Math.sqrt(x * x + y * y) || 0.01;
      const f = (d * d * w) / k;
      dx[a] -= (x / d) * f; dy[a] -= (y / d) * f;
      dx[b] += (x / d) * f; dy[b] += (y / d) * f;
    }
    for (let i = 0; i < n; i++) {
      dx[i] -= nodes[i].x * 0.6; dy[i] -= nodes[i].y * 0.6;  // gravity keeps islands in view
      const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
      const move = Math.min(d, temperature);
      nodes[i].x += (dx[i] / d) * move;
      nodes[i].y += (dy[i] / d) * move;
    }
    temperature = Math.max(1, temperature * 0.985);
  }
}

function fit(nodes) {
  const xs = nodes.map((n) => n.x), ys = nodes.map((n) => n.y);
  const minX = Math.min(...xs), maxX = Math.max(...xs), minY = Math.min(...ys), maxY = Math.max(...ys);
  const sx = (W - 2 * PAD) / Math.max(maxX - minX, 1), sy = (H - 2 * PAD) / Math.max(maxY - minY, 1);
  const s = Math.min(sx, sy, 3);
  const cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
  for (const node of nodes) {
    node.x = W / 2 + (node.x - cx) * s;
    node.y = H / 2 + (node.y - cy) * s;
  }
}

export function renderNetwork(container, data, { chosen = new Set(), onNode = null } = {}) {
  const dyads = data.dyads || [];
  if (!dyads.length) {
    emptyChart(container, W, H, "No events with both an actor and a recipient");
    return;
  }
  const names = data.names || {};
  const weight = new Map();
  for (const d of dyads) {
    weight.set(d.actor, (weight.get(d.actor) || 0) + d.events);
    if (d.recipient !== d.actor) weight.set(d.recipient, (weight.get(d.recipient) || 0) + d.events);
  }
  const nodes = [...weight.keys()].sort().map((id) => ({ id, events: weight.get(id) }));
  const edges = dyads.map((d) => ({ ...d, source: d.actor, target: d.recipient }));
  layout(nodes, edges);
  fit(nodes);
  const at = new Map(nodes.map((n) => [n.id, n]));
  const radius = (n) => 9 + Math.min(16, 3 * Math.sqrt(n.events));
  const pairs = new Set(edges.map((e) => `${e.source}>${e.target}`));

  clear(container);
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "dyad network" }, container);
  const edgeLayer = svg("g", { class: "edges" }, root);
  const nodeLayer = svg("g", { class: "nodes" }, root);
  for (const e of edges) {
    const s = at.get(e.source), t = at.get(e.target);
    const colour = scaleColour(e.mean_scale);
    const width = Math.min(10, 1.5 + 1.6 * Math.sqrt(e.events));
    const group = svg("g", { class: "edge-group", "data-dyad": `${e.source}>${e.target}` }, edgeLayer);
    let d, tip, base, dir;
    if (e.source === e.target) {
      const r = radius(s);
      d = `M ${s.x + r * 0.7} ${s.y - r * 0.7} c 22 -22 40 6 ${r * 0.3 + 4} ${r * 0.7 + 2}`;
      svg("path", { d, class: "edge", stroke: colour, "stroke-width": width }, group);
    } else {
      const bend = pairs.has(`${e.target}>${e.source}`) ? 0.18 : 0.06;
      const mx = (s.x + t.x) / 2, my = (s.y + t.y) / 2;
      const cx = mx - (t.y - s.y) * bend, cy = my + (t.x - s.x) * bend;
      d = `M ${s.x.toFixed(1)} ${s.y.toFixed(1)} Q ${cx.toFixed(1)} ${cy.toFixed(1)} ${t.x.toFixed(1)} ${t.y.toFixed(1)}`;
      svg("path", { d, class: "edge", stroke: colour, "stroke-width": width }, group);
      // arrowhead where the curve meets the target's circle
      const vx = t.x - cx, vy = t.y - cy, len = Math.sqrt(vx * vx + vy * vy) || 1;
      const ux = vx / len, uy = vy / len, r = radius(t) + 2;
      tip = [t.x - ux * r, t.y - uy * r];
      const size = 7 + width;
      base = [tip[0] - ux * size, tip[1] - uy * size];
      dir = [-uy * size * 0.55, ux * size * 0.55];
      svg("polygon", { class: "arrow", fill: colour, points: `${tip[0].toFixed(1)},${tip[1].toFixed(1)} ${(base[0] + dir[0]).toFixed(1)},${(base[1] + dir[1]).toFixed(1)} ${(base[0] - dir[0]).toFixed(1)},${(base[1] - dir[1]).toFixed(1)}` }, group);
    }
    tooltip(group, `${e.source} → ${e.target}: ${plural(e.events, "event")}, ${plural(e.mentions || 0, "mention")}, mean scale ${fmtScale(e.mean_scale)}`);
  }
  for (const n of nodes) {
    const group = svg("g", { class: "node" + (chosen.has(n.id) ? " chosen" : ""), "data-code": n.id,
      transform: `translate(${n.x.toFixed(1)} ${n.y.toFixed(1)})`, tabindex: "0" }, nodeLayer);
    svg("circle", { r: radius(n).toFixed(1) }, group);
    svg("text", { y: 4, text: n.id }, group);
    tooltip(group, `${n.id}${names[n.id] ? " " + names[n.id] : ""}: ${plural(n.events, "event")} in these dyads (click to filter)`);
    if (onNode) {
      group.addEventListener("click", () => onNode(n.id));
      group.addEventListener("keydown", (ev) => { if (ev.key === "Enter") onNode(n.id); });
    }
  }
}
