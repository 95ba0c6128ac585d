// The event table, a page at a time (GET /events with its cursor).

import { QUADS, el, clear, codesText, plural } from "./util.js";

export class EventTable {
  constructor(table, moreButton, caption, onRow) {
    this.body = table.querySelector("tbody");
    this.more = moreButton;
    this.caption = caption;
    this.onRow = onRow;
    this.shown = 0;
  }

  reset() {
    clear(this.body);
    this.shown = 0;
  }

  append(page) {
    for (const e of page.events) {
      const q = e.quad_class;
      const row = el("tr", { dataset: { event: e.event_id, doc: e.doc_key || "", mention: e.mention_id || "", type: e.event },
        title: e.sentence || "" },
        el("td", { text: e.date || "undated" }),
        el("td", {}, el("span", { class: "type" }, el("span", { class: `swatch q${q}`, title: QUADS[q] ? QUADS[q].name : "" }), e.event),
          e.mode ? el("span", { class: "mode", text: ` ${e.mode}` }) : null),
        el("td", {}, el("span", { class: "codes", text: codesText(e.actor_codes) }), e.actor_name ? el("span", { class: "who", text: e.actor_name }) : null),
        el("td", {}, el("span", { class: "codes", text: codesText(e.recipient_codes) }), e.recipient_name ? el("span", { class: "who", text: e.recipient_name }) : null),
        el("td", { text: e.event_text || "" }),
        el("td", { text: e.place || "" }),
        el("td", { class: "num", text: String(e.num_mentions ?? "") }),
        el("td", { text: e.doc_id || "" }));
      row.addEventListener("click", () => this.onRow(e));
      this.body.appendChild(row);
    }
    this.shown += page.events.length;
    this.more.hidden = !page.next;
    this.next = page.next;
    this.caption.textContent = page.total ? `showing ${this.shown.toLocaleString("en")} of ${plural(page.total, "event")} (click a row to read its article)` : "no events match";
    if (!page.total) this.body.appendChild(el("tr", {}, el("td", { colspan: "8", class: "caption", text: "No events match the filters." })));
  }
}
