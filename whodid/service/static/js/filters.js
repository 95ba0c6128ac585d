// The filter panel: dates, quad classes, event types, countries. Calls onChange with no arguments;
// params() gives the query parameters every store endpoint understands.

import { EVENT_TYPES, QUADS, el, clear, debounce } from "./util.js";

export class FilterPanel {
  constructor(root, onChange) {
    this.root = root;
    this.onChange = debounce(onChange, 120);
    this.since = root.querySelector("#f-since");
    this.until = root.querySelector("#f-until");
    this.quadBox = root.querySelector("#f-quads");
    this.typeBox = root.querySelector("#f-types");
    this.countryBox = root.querySelector("#f-countries");
    this.search = root.querySelector("#f-country-search");
    this.countries = new Set();
    this.actors = [];

    for (const [q, info] of Object.entries(QUADS)) {
      this.quadBox.appendChild(el("label", {},
        el("input", { type: "checkbox", name: "quad", value: q }),
        el("span", { class: `swatch q${q}` }), `${q} ${info.name}`));
    }
    for (const type of EVENT_TYPES) {
      this.typeBox.appendChild(el("label", {}, el("input", { type: "checkbox", name: "type", value: type }), type));
    }
    root.addEventListener("change", (event) => {
      if (event.target.name === "country") {
        if (event.target.checked) this.countries.add(event.target.value);
        else this.countries.delete(event.target.value);
      }
      this.onChange();
    });
    this.search.addEventListener("input", () => this.renderCountries());
    root.querySelector("#f-reset").addEventListener("click", () => this.reset());
  }

  setActors(actors) {
    this.actors = actors;
    this.renderCountries();
  }

  renderCountries() {
    const needle = this.search.value.trim().toLowerCase();
    clear(this.countryBox);
    const shown = this.actors.filter((a) => !needle || a.code.toLowerCase().includes(needle)
      || (a.name || "").toLowerCase().includes(needle));
    for (const actor of shown) {
      this.countryBox.appendChild(el("label", { title: actor.name || actor.code },
        el("input", { type: "checkbox", name: "country", value: actor.code, checked: this.countries.has(actor.code) }),
        el("span", { class: "code", text: actor.code }),
        el("span", { class: "name", text: actor.name || "" }),
        el("span", { class: "count", text: String(actor.events) })));
    }
    if (!shown.length) this.countryBox.appendChild(el("p", { class: "hint", text: "No actor matches." }));
  }

  checked(name) {
    return [...this.root.querySelectorAll(`input[name=${name}]:checked`)].map((i) => i.value);
  }

  toggleCountry(code) {
    if (this.countries.has(code)) this.countries.delete(code);
    else this.countries.add(code);
    this.renderCountries();
    this.onChange();
  }

  reset() {
    this.since.value = "";
    this.until.value = "";
    for (const input of this.root.querySelectorAll("input[type=checkbox]")) input.checked = false;
    this.countries.clear();
    this.search.value = "";
    this.renderCountries();
    this.onChange();
  }

  params() {
    return {
      since: this.since.value,
      until: this.until.value,
      quad: this.checked("quad"),
      type: this.checked("type"),
      country: [...this.countries].sort(),
    };
  }

  // A date range the server accepts (a half-typed or reversed one is left out rather than refused).
  validParams() {
    const p = this.params();
    const iso = /^\d{4}-\d{2}-\d{2}$/;
    if (p.since && !iso.test(p.since)) p.since = "";
    if (p.until && !iso.test(p.until)) p.until = "";
    if (p.since && p.until && p.since > p.until) p.until = "";
    return p;
  }
}
