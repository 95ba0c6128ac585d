// Small DOM, SVG and colour helpers shared by the dashboard's views.
// Text from the server is only ever set with textContent or setAttribute, never as HTML.

export const SVG_NS = "http://www.w3.org/2000/svg";

export const QUADS = {
  1: { name: "verbal cooperation", colour: "#6baed6" },
  2: { name: "material cooperation", colour: "#2166ac" },
  3: { name: "verbal conflict", colour: "#f4a259" },
  4: { name: "material conflict", colour: "#c2362b" },
};

export const EVENT_TYPES = [
  "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  }
  return node;
}

export function svg(tag, attrs = {}, parent = null) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null) continue;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value);
  }
  if (parent) parent.appendChild(node);
  return node;
}

export function tooltip(node, text) {
  svg("title", { text }, node);
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

export function emptyChart(container, width, height, message) {
  clear(container);
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img" }, container);
  svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "empty", text: message }, root);
  return root;
}

// Event scale (-10 conflict ... +10 cooperation) to a colour: red, grey, blue.
const STOPS = [
  [-10, [194, 54, 43]], [-4, [231, 163, 155]], [0, [201, 204, 209]], [4, [156, 192, 224]], [10, [33, 102, 172]],
];

export function scaleColour(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return "#9aa5b1";
  const v = Math.max(-10, Math.min(10, value));
  for (let i = 1; i < STOPS.length; i++) {
    const [x1, c1] = STOPS[i];
    const [x0, c0] = STOPS[i - 1];
    if (v <= x1) {
      const f = (v - x0) / (x1 - x0);
      const c = c0.map((a, k) => Math.round(a + (c1[k] - a) * f));
      return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
    }
  }
  return "rgb(33, 102, 172)";
}

export function codesText(codes) {
  return codes && codes.length ? codes.join(", ") : "–";
}

export function plural(n, word, many = word + "s") {
  return `${n.toLocaleString("en")} ${n === 1 ? word : many}`;
}

export function fmtScale(value) {
  if (value === null || value === undefined) return "n/a";
  return (value > 0 ? "+" : "") + Number(value).toFixed(1);
}

export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
