// Map of event locations on a Robinson projection. Country outlines come from the server's
// /map/world (shapes of an installed package, in the same projection); without them the
// graticule and the dots are drawn alone.

import { svg, tooltip, clear, scaleColour, fmtScale, plural } from "./util.js";

// Robinson's table: latitude (every 5 degrees), X (parallel length), Y (distance from the equator).
const ROBINSON = [
  [1.0, 0.0], [0.9986, 0.062], [0.9954, 0.124], [0.99, 0.186], [0.9822, 0.248], [0.973, 0.31],
  [0.96, 0.372], [0.9427, 0.434], [0.9216, 0.4958], [0.8962, 0.5571], [0.8679, 0.6176], [0.835, 0.6769],
  [0.7986, 0.7346], [0.7597, 0.7903], [0.7186, 0.8435], [0.6732, 0.8936], [0.6213, 0.9394], [0.5722, 0.9761],
  [0.5322, 1.0],
];

function robinson(lat) {
  const a = Math.min(90, Math.abs(lat));
  const i = Math.min(17, Math.floor(a / 5));
  const f = (a - i * 5) / 5;
  const X = ROBINSON[i][0] + (ROBINSON[i + 1][0] - ROBINSON[i][0]) * f;
  const Y = ROBINSON[i][1] + (ROBINSON[i + 1][1] - ROBINSON[i][1]) * f;
  return [X, Math.sign(lat) * Y];
}

// Longitude offset from the map's central meridian (-180..180) and latitude to map units.
function projectOffset(p, dlon, lat) {
  const [X, Y] = robinson(lat);
  return [p.x0 + p.sx * X * dlon, p.y0 - p.sy * Y];
}

export function project(p, lon, lat) {
  const dlon = ((((lon - p.lon0) + 180) % 360) + 360) % 360 - 180;
  return projectOffset(p, dlon, lat);
}

function line(points) {
  return "M" + points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join("L");
}

export class WorldMap {
  constructor(container, world) {
    this.container = container;
    this.world = world;
    this.p = world.projection;
    this.centres = new Map();  // alpha-3 -> [x, y] centre of the country's largest shape
    this.fitToEvents = true;
    this.build();
  }

  build() {
    const p = this.p;
    clear(this.container);
    const root = svg("svg", { viewBox: this.world.viewBox, role: "img", "aria-label": "map of event locations" },
      this.container);
    this.root = root;
    const edge = [];
    for (let lat = -90; lat <= 90; lat += 5) edge.push(projectOffset(p, -180, lat));
    for (let lat = 90; lat >= -90; lat -= 5) edge.push(projectOffset(p, 180, lat));
    svg("path", { class: "sphere", d: line(edge) + "Z" }, root);
    const grid = [];
    for (let d = -180; d <= 180; d += 30) {
      const pts = [];
      for (let lat = -90; lat <= 90; lat += 5) pts.push(projectOffset(p, d, lat));
      grid.push(line(pts));
    }
    for (let lat = -60; lat <= 60; lat += 30) {
      const pts = [];
      for (let d = -180; d <= 180; d += 5) pts.push(projectOffset(p, d, lat));
      grid.push(line(pts));
    }
    svg("path", { class: "graticule", d: grid.join(" ") }, root);
    this.countryLayer = svg("g", { class: "countries" }, root);
    this.countryNodes = new Map();
    for (const country of this.world.countries || []) {
      const group = svg("g", { class: "country", "data-code": country.a3 || country.a2 }, this.countryLayer);
      for (const shape of country.shapes) {
        if (shape.d) svg("path", { d: shape.d, transform: shape.t }, group);
        else if (shape.c) svg("circle", { cx: shape.c[0], cy: shape.c[1], r: Math.max(shape.c[2], 3), transform: shape.t }, group);
      }
      if (country.a3) this.countryNodes.set(country.a3, group);
    }
    this.dotLayer = svg("g", { class: "dots" }, root);
  }

  centre(code) {
    if (this.centres.has(code)) return this.centres.get(code);
    const group = this.countryNodes.get(code);
    let best = null;
    if (group) {
      for (const shape of group.children) {
        if (shape.getAttribute("transform")) continue;
        const box = shape.getBBox();
        if (!best || box.width * box.height > best.width * best.height) best = box;
      }
    }
    const centre = best ? [best.x + best.width / 2, best.y + best.height / 2] : null;
    this.centres.set(code, centre);
    return centre;
  }

  // The part of the map to show: the whole world, or the events' extent with some room around it.
  frame(points) {
    const [wx, wy, ww, wh] = this.world.viewBox.split(" ").map(Number);
    if (!this.fitToEvents || !points.length) return [wx, wy, ww, wh];
    const xs = points.map((p) => p[0]), ys = points.map((p) => p[1]);
    let minX = Math.min(...xs), maxX = Math.max(...xs), minY = Math.min(...ys), maxY = Math.max(...ys);
    const aspect = Math.min(ww / wh, 1.45);
    let w = Math.max(maxX - minX, ww * 0.22) * 1.35, h = Math.max(maxY - minY, wh * 0.22) * 1.35;
    if (w / h > aspect) h = w / aspect; else w = h * aspect;
    w = Math.min(w, ww); h = Math.min(h, wh);
    let x = (minX + maxX) / 2 - w / 2, y = (minY + maxY) / 2 - h / 2;
    x = Math.max(wx, Math.min(x, wx + ww - w));
    y = Math.max(wy, Math.min(y, wy + wh - h));
    return [x, y, w, h];
  }

  render(data) {
    this.lastData = data;
    const p = this.p;
    clear(this.dotLayer);
    for (const group of this.countryNodes.values()) group.classList.remove("involved");
    const located = data.places || [];
    const countries = data.countries || [];
    for (const place of [...located, ...countries]) {
      const group = place.country && this.countryNodes.get(place.country);
      if (group) group.classList.add("involved");
    }
    const placed = located.map((place) => [place, project(p, place.lon, place.lat)]);
    const centred = countries.map((c) => [c, this.centre(c.country)]).filter(([, centre]) => centre);
    const box = this.frame([...placed.map(([, xy]) => xy), ...centred.map(([, xy]) => xy)]);
    this.root.setAttribute("viewBox", box.map((v) => v.toFixed(1)).join(" "));
    // sizes in screen pixels, whatever the map's zoom and displayed width
    const unit = box[2] / Math.max(320, this.container.clientWidth || 640);
    const radius = (n) => unit * (3.5 + 2.5 * Math.sqrt(n));
    for (const [c, centre] of centred) {
      const dot = svg("circle", { class: "dot country-level", cx: centre[0].toFixed(1), cy: centre[1].toFixed(1),
        r: radius(c.events).toFixed(1), fill: scaleColour(c.mean_scale), stroke: scaleColour(c.mean_scale),
        "data-country": c.country }, this.dotLayer);
      tooltip(dot, `${c.name || c.country} (country level): ${plural(c.events, "event")}, mean scale ${fmtScale(c.mean_scale)}`);
    }
    for (const [place, [x, y]] of placed) {
      const dot = svg("circle", { class: "dot", cx: x.toFixed(1), cy: y.toFixed(1), r: radius(place.events).toFixed(1),
        fill: scaleColour(place.mean_scale), "data-place": place.place || "" }, this.dotLayer);
      tooltip(dot, `${place.place || "?"}${place.country ? " (" + place.country + ")" : ""}: ${plural(place.events, "event")}, mean scale ${fmtScale(place.mean_scale)}; ${place.lat.toFixed(2)}, ${place.lon.toFixed(2)}`);
    }
    for (const [place, [x, y]] of placed.slice(0, 12)) {
      svg("text", { class: "place-label", x: (x + radius(place.events) + 2 * unit).toFixed(1),
        y: (y + 4 * unit).toFixed(1), "font-size": (11 * unit).toFixed(1), "stroke-width": (3 * unit).toFixed(1),
        text: place.place || "" }, this.dotLayer);
    }
    return { located: located.length, countries: centred.length };
  }
}
