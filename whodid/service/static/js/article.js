// Text with its event spans highlighted (actor, trigger, recipient) next to the list of its events.
// Used for stored documents (GET /documents/{id}) and for articles coded live (POST /code).

import { QUADS, el, clear, codesText } from "./util.js";

function spansOf(records, length) {
  const spans = [];
  records.forEach((record, index) => {
    for (const role of ["actor", "recipient"]) {
      for (const entity of record[role] || []) {
        if (Number.isInteger(entity.start) && Number.isInteger(entity.end)) {
          spans.push({ start: entity.start, end: entity.end, role, index, label: `${entity.code || "?"} ${entity.sector || ""}`.trim() });
        }
      }
    }
    const trigger = record.event_text || {};
    if (Number.isInteger(trigger.start) && Number.isInteger(trigger.end)) {
      spans.push({ start: trigger.start, end: trigger.end, role: "trigger", index, label: record.event });
    }
  });
  return spans
    .map((s) => ({ ...s, start: Math.max(0, Math.min(length, s.start)), end: Math.max(0, Math.min(length, s.end)) }))
    .filter((s) => s.end > s.start);
}

function entityText(entities) {
  return (entities || []).map((e) => `${e.code || "?"}${e.sector ? " " + e.sector : ""} (${e.entity_text})`).join("; ") || "–";
}

export class ArticleView {
  constructor(textBox, listBox) {
    this.textBox = textBox;
    this.listBox = listBox;
    this.records = [];
    this.textBox.addEventListener("click", (event) => {
      const mark = event.target.closest("mark");
      if (mark) this.focus(Number(mark.dataset.events.split(" ")[0]));
    });
  }

  show(text, records, focusIndex = null) {
    this.records = records;
    clear(this.textBox);
    clear(this.listBox);
    this.textBox.classList.remove("focusing");
    const spans = spansOf(records, text.length);
    const cuts = new Set([0, text.length]);
    for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
    const points = [...cuts].sort((a, b) => a - b);
    const fragment = document.createDocumentFragment();
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const piece = text.slice(a, b);
      const covering = spans.filter((s) => s.start <= a && s.end >= b);
      if (!covering.length) {
        fragment.appendChild(document.createTextNode(piece));
        continue;
      }
      const roles = new Set(covering.map((s) => s.role));
      const role = roles.has("trigger") ? "trigger" : roles.has("actor") ? "actor" : "recipient";
      const events = [...new Set(covering.map((s) => s.index))];
      const title = covering.map((s) => `${s.role} of #${s.index + 1} ${records[s.index].event}: ${s.label}`).join("\n");
      fragment.appendChild(el("mark", { class: role, title, dataset: { events: events.join(" ") } }, piece));
    }
    this.textBox.appendChild(fragment);

    records.forEach((record, index) => {
      const q = record.quad_code;
      const item = el("li", { dataset: { index: String(index) }, title: record.coder ? `rule ${record.coder.rule}` : null },
        el("span", { class: "type" }, el("span", { class: `swatch q${q}`, title: QUADS[q] ? QUADS[q].name : "" }),
          record.event, record.mode ? el("span", { class: "mode", text: record.mode }) : null),
        " ", el("span", { class: "codes", text: `${codesText((record.actor || []).map((e) => e.code || "?"))} → ${codesText((record.recipient || []).map((e) => e.code || "?"))}` }),
        record.date ? el("span", { class: "mode", text: `  ${record.date}` }) : null,
        el("span", { class: "sentence", text: `actor: ${entityText(record.actor)} · trigger: “${(record.event_text || {}).text || ""}” · recipient: ${entityText(record.recipient)}${record.event_loc && record.event_loc.resolved_place ? " · place: " + record.event_loc.resolved_place : ""}` }));
      item.addEventListener("click", () => this.focus(index));
      item.addEventListener("mouseenter", () => this.focus(index, false));
      this.listBox.appendChild(item);
    });
    if (!records.length) this.listBox.appendChild(el("li", { class: "none", text: "No events were coded in this text." }));
    if (focusIndex !== null && focusIndex >= 0) this.focus(focusIndex);
  }

  focus(index, scroll = true) {
    this.textBox.classList.add("focusing");
    let first = null;
    for (const mark of this.textBox.querySelectorAll("mark")) {
      const on = mark.dataset.events.split(" ").includes(String(index));
      mark.classList.toggle("focus", on);
      if (on && !first) first = mark;
    }
    for (const item of this.listBox.querySelectorAll("li")) item.classList.toggle("focus", item.dataset.index === String(index));
    if (scroll && first) {
      const box = this.textBox;
      box.scrollTop = Math.max(0, first.offsetTop - box.offsetTop - box.clientHeight / 3);
    }
  }
}
