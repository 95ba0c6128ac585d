"""The HTTP service (whodid.service) through FastAPI's TestClient, against a real DuckDB store
built from the example articles: every endpoint, auth, body limits, error shapes, and
filters that look like SQL injection (refused or empty, never a 500)."""

import re
import threading
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

import whodid  # noqa: E402
from conftest import ROOT  # noqa: E402
from whodid import store  # noqa: E402
from whodid.service import create_app  # noqa: E402
from whodid.service.queries import decode_cursor, encode_cursor  # noqa: E402

EXAMPLES = ROOT / "examples"
DATES = {"syria_talks_2015": "2015-10-09", "sahel_attack_2023": "2023-08-16", "trade_summit_2019": "2019-06-29",
         "protest_crackdown_2022": "2022-10-03", "gaza_ceasefire_2021": "2021-05-21"}
TOKEN = "test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
KERRY = "Secretary of State John Kerry telephoned Foreign Minister Sergei Lavrov on Wednesday."


def example_documents() -> list[dict]:
    docs = []
    for path in sorted(EXAMPLES.iterdir()):
        if path.stem not in DATES:
            continue
        field = "html" if path.suffix == ".html" else "text"
        docs.append({"id": path.stem, field: path.read_text(encoding="utf-8"), "date": DATES[path.stem],
                     "url": f"https://news.example/{path.stem}", "source": "news.example"})
    return docs


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("service") / "examples.duckdb"
    report = store.ingest_documents(example_documents(), db=str(path))
    assert report.added == 5 and not report.problems
    return path


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db, token=TOKEN, max_body_bytes=200_000)) as c:
        yield c


def error_of(response, status):
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()["error"]
    assert body["status"] == status and body["message"] and body["type"]
    return body


def all_events(client, **params):
    found, cursor = [], None
    while True:
        page = client.get("/events", params={**params, **({"cursor": cursor} if cursor else {})}).json()
        found += page["events"]
        cursor = page["next"]
        if not cursor:
            return found, page["total"]


# --- health, docs, dashboard ---------------------------------------------------------------

def test_health_reports_the_store(client):
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["version"] == whodid.__version__
    assert body["store"]["readable"] and body["store"]["documents"] == 5 and body["store"]["events"] > 20
    assert body["ingest"] == "enabled"


def test_openapi_lists_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/code", "/ingest", "/events", "/dyads", "/actors", "/documents/{doc_id}", "/health"):
        assert path in paths
    assert "post" in paths["/ingest"] and "get" in paths["/events"]


def test_docs_page_is_served_without_a_cdn_when_possible(client):
    response = client.get("/docs")
    assert response.status_code == 200 and "swagger" in response.text.lower()
    if client.app.state.offline_docs:
        assert "cdn" not in response.text.lower()
        for asset in re.findall(r'(?:src|href)="(/docs/assets/[^"]+)"', response.text):
            assert client.get(asset).status_code == 200


def test_dashboard_is_self_contained(client):
    response = client.get("/")
    assert response.status_code == 200 and "text/html" in response.headers["content-type"]
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assets = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', response.text)
    assert assets and all(a.startswith("/static/") or a.startswith("data:") for a in assets)
    for asset in assets:
        if asset.startswith("/static/"):
            assert client.get(asset).status_code == 200, asset
    static = ROOT / "whodid" / "service" / "static"
    for script in (static / "js").glob("*.js"):
        text = script.read_text(encoding="utf-8")
        for target in re.findall(r'from\s+"([^"]+)"', text):
            assert target.startswith("./") and (script.parent / target).is_file(), (script.name, target)
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", text), script.name
        assert "innerHTML" not in text, script.name
    assert "http" not in (static / "css" / "dashboard.css").read_text(encoding="utf-8")


def test_world_map_outlines_come_from_an_installed_package(client):
    body = client.get("/map/world").json()
    assert body["projection"]["name"] == "robinson" and body["viewBox"]
    if not body["available"]:
        pytest.skip(body.get("note", "no outlines"))
    assert len(body["countries"]) > 150
    codes = {c["a3"] for c in body["countries"]}
    assert {"FRA", "USA", "NER", "SYR", "BRA"} <= codes
    assert "site-packages" in body["source"] or "pygal" in body["source"]


# --- POST /code ------------------------------------------------------------------------------

def test_code_returns_the_records_whodid_code_writes(client):
    response = client.post("/code", json={"text": KERRY, "date": "2015-10-09", "id": "k1"})
    assert response.status_code == 200
    body = response.json()
    expected = [e.to_plover() for e in whodid.code(KERRY, date="2015-10-09", doc_id="k1")]
    assert body["events"] == expected
    consult = [e for e in body["events"] if e["event"] == "CONSULT"]
    assert consult and consult[0]["date"] == "2015-10-07"
    assert {a["code"] for a in consult[0]["actor"]} == {"USA"} and {r["code"] for r in consult[0]["recipient"]} == {"RUS"}
    assert body["document"]["text"] == KERRY


def test_code_reads_html_and_its_offsets_point_into_the_extracted_text(client):
    html = (EXAMPLES / "gaza_ceasefire_2021.html").read_text(encoding="utf-8")
    body = client.post("/code", json={"html": html}).json()
    text = body["document"]["text"]
    assert body["document"]["date"] == "2021-05-21" and len(body["events"]) > 5
    for event in body["events"]:
        span = event["event_text"]
        assert text[span["start"]:span["end"]] == span["text"]


def test_code_does_not_store_anything(client):
    before = client.get("/health").json()["store"]
    client.post("/code", json={"text": "Protesters clashed with police in Tunis on Monday.", "date": "2022-10-03"})
    after = client.get("/health").json()["store"]
    assert (after["documents"], after["mentions"]) == (before["documents"], before["mentions"])


@pytest.mark.parametrize("body, where", [
    ({}, "body"),
    ({"text": "   "}, "body"),
    ({"text": "a", "html": "<p>b</p>"}, "body"),
    ({"text": 5}, "body.text"),
    ({"text": "a", "extra": 1}, "body.extra"),
    ({"text": "Kerry met Lavrov.", "date": "2015-13-45"}, "body.date"),
])
def test_code_refuses_bad_bodies_with_clear_422s(client, body, where):
    error = error_of(client.post("/code", json=body), 422)
    assert error["message"].startswith(where)


def test_code_refuses_malformed_json(client):
    error = error_of(client.post("/code", content=b"{not json", headers={"content-type": "application/json"}), 422)
    assert "JSON" in error["message"]


# --- body size -------------------------------------------------------------------------------

def test_oversized_body_gets_413(client):
    error = error_of(client.post("/code", json={"text": "word " * 60_000}), 413)
    assert "limit" in error["message"]
    error_of(client.post("/ingest", json={"documents": [{"text": "word " * 60_000}]}, headers=AUTH), 413)


def test_oversized_body_without_content_length_gets_413(client):
    def chunks():
        yield b'{"text": "'
        for _ in range(50):
            yield b"x" * 10_000
        yield b'"}'

    error_of(client.post("/code", content=chunks(), headers={"content-type": "application/json"}), 413)


# --- POST /ingest ----------------------------------------------------------------------------

def test_ingest_needs_a_token(client):
    doc = {"documents": [{"text": KERRY, "date": "2015-10-09"}]}
    response = client.post("/ingest", json=doc)
    assert error_of(response, 401)["type"] == "unauthorized"
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert error_of(client.post("/ingest", json=doc, headers={"Authorization": "Bearer wrong"}), 403)["type"] == "forbidden"
    assert error_of(client.post("/ingest", json=doc, headers={"Authorization": f"Basic {TOKEN}"}), 401)


def test_ingest_is_refused_when_the_server_has_no_token(db, monkeypatch):
    monkeypatch.delenv("WHODID_TOKEN", raising=False)
    with TestClient(create_app(db, token=None)) as c:
        error = error_of(c.post("/ingest", json={"documents": [{"text": KERRY}]}, headers=AUTH), 403)
        assert error["type"] == "ingest_disabled" and "--token" in error["message"]
        assert c.get("/health").json()["ingest"].startswith("disabled")


def test_token_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("WHODID_TOKEN", "from-the-environment-123")
    with TestClient(create_app(tmp_path / "env.duckdb")) as c:
        doc = {"documents": [{"text": KERRY, "date": "2015-10-09"}]}
        assert c.post("/ingest", json=doc, headers=AUTH).status_code == 403
        assert c.post("/ingest", json=doc, headers={"Authorization": "Bearer from-the-environment-123"}).status_code == 200


def test_ingest_stores_and_skips_known_documents(tmp_path):
    path = tmp_path / "new.duckdb"
    with TestClient(create_app(path, token=TOKEN)) as c:
        assert c.get("/events").json() == {"events": [], "total": 0, "next": None}
        assert not path.exists()  # reading never creates the store
        doc = {"id": "kerry-1", "text": KERRY, "date": "2015-10-09", "url": "https://news.example/k1",
               "source": "news.example", "title": "Kerry calls Lavrov"}
        report = c.post("/ingest", json={"documents": [doc]}, headers=AUTH).json()
        assert (report["read"], report["added"], report["known"]) == (1, 1, 0) and report["mentions"] >= 1
        again = c.post("/ingest", json={"documents": [doc]}, headers=AUTH).json()
        assert (again["added"], again["known"]) == (0, 1)
        events = c.get("/events", params={"type": "CONSULT"}).json()
        assert events["total"] == 1 and events["events"][0]["actor_codes"] == ["USA"]
        document = c.get("/documents/kerry-1").json()
        assert document["title"] == "Kerry calls Lavrov" and document["text"] == KERRY
        error_of(c.post("/ingest", json={"documents": [{"text": KERRY, "date": "someday"}]}, headers=AUTH), 422)
        error_of(c.post("/ingest", json={"documents": []}, headers=AUTH), 422)


def test_reads_and_an_ingest_can_run_at_the_same_time(tmp_path):
    path = tmp_path / "busy.duckdb"
    store.ingest_documents([{"id": "k0", "text": KERRY, "date": "2015-10-09"}], db=str(path))
    with TestClient(create_app(path, token=TOKEN)) as c:
        statuses = []

        def read():
            for _ in range(15):
                statuses.append(c.get("/events", params={"limit": 5}).status_code)

        readers = [threading.Thread(target=read) for _ in range(3)]
        for t in readers:
            t.start()
        docs = [{"id": f"d{i}", "text": f"Turkey accused Russia of violating its airspace on day {i}.", "date": "2015-10-09"}
                for i in range(3)]
        assert c.post("/ingest", json={"documents": docs}, headers=AUTH).json()["added"] == 3
        for t in readers:
            t.join()
    assert set(statuses) == {200}


# --- GET /events ------------------------------------------------------------------------------

def test_events_page_through_everything_once(client):
    first = client.get("/events", params={"limit": 7}).json()
    assert set(first) == {"events", "total", "next"} and len(first["events"]) == 7 and first["next"]
    found, total = all_events(client, limit=7)
    ids = [e["event_id"] for e in found]
    assert len(ids) == total == len(set(ids)) == first["total"]
    dates = [e["date"] or "0000" for e in found]
    assert dates == sorted(dates, reverse=True)


def test_events_filters(client):
    everything = client.get("/events", params={"limit": 1}).json()["total"]
    assaults, n = all_events(client, type="ASSAULT", limit=100)
    assert 0 < n < everything and {e["event"] for e in assaults} == {"ASSAULT"}
    several, m = all_events(client, type="assault,ACCUSE", limit=100)
    assert m > n and {e["event"] for e in several} == {"ASSAULT", "ACCUSE"}
    conflict, _ = all_events(client, quad="4", limit=100)
    assert conflict and {e["quad_class"] for e in conflict} == {4}
    usa, _ = all_events(client, country="usa", limit=100)
    assert usa and all("USA" in e["actor_codes"] + e["recipient_codes"] or e["place_country"] == "USA" for e in usa)
    as_actor, _ = all_events(client, actor="USA", limit=100)
    assert as_actor and all("USA" in e["actor_codes"] for e in as_actor)
    to_russia, _ = all_events(client, recipient="RUS", limit=100)
    assert to_russia and all("RUS" in e["recipient_codes"] for e in to_russia)
    in_2015, _ = all_events(client, since="2015-01-01", until="2015-12-31", limit=100)
    assert in_2015 and all(e["date"].startswith("2015") for e in in_2015)
    assert {e["doc_id"] for e in in_2015} == {"syria_talks_2015"}
    none = client.get("/events", params={"since": "2030-01-01"}).json()
    assert none == {"events": [], "total": 0, "next": None}


def test_events_full_adds_the_plover_record(client):
    event = client.get("/events", params={"limit": 1, "full": "true"}).json()["events"][0]
    assert event["plover"]["event"] == event["event"] and event["plover"]["coder"]["name"] == "whodid"
    assert "plover" not in client.get("/events", params={"limit": 1}).json()["events"][0]


@pytest.mark.parametrize("params", [
    {"since": "2015-01-01' OR '1'='1"},
    {"until": "2015-10-09; DROP TABLE events; --"},
    {"actor": "USA' OR 1=1 --"},
    {"recipient": "RUS) OR (1=1"},
    {"country": "USA'); DELETE FROM events; --"},
    {"type": "ASSAULT' OR 'x'='x"},
    {"type": "ASSAULT;DROP TABLE events"},
    {"quad": "1 OR 1=1"},
    {"quad": "4); DROP TABLE events; --"},
    {"limit": "10; DROP TABLE events"},
    {"cursor": "' OR 1=1 --"},
    {"cursor": encode_cursor("2015-10-09", 1, "x' OR '1'='1")},
    {"since": "2016-01-01", "until": "2015-01-01"},
    {"country": "A" * 900},
])
@pytest.mark.parametrize("endpoint", ["/events", "/dyads", "/actors", "/timeline", "/places"])
def test_injection_looking_filters_are_refused_or_empty(client, endpoint, params):
    if "cursor" in params and endpoint != "/events":
        params = {**params, "since": "x' OR 1=1"}
    response = client.get(endpoint, params=params)
    assert response.status_code in (200, 400, 422), response.text
    if response.status_code == 200:
        body = response.json()
        assert body.get("events", []) == [] and body.get("dyads", []) == []
    else:
        error_of(response, response.status_code)


def test_the_store_is_intact_after_the_injection_attempts(client):
    assert client.get("/health").json()["store"]["documents"] == 5
    assert client.get("/events", params={"limit": 1}).json()["total"] > 20


def test_cursor_round_trip_and_tampering(client):
    assert decode_cursor(encode_cursor(None, 3, "e-1"))[1:] == (3, "e-1")
    for bad in ("abc", "!!!", encode_cursor("2015-10-09", 1, "e")[:-3] + "***"):
        assert error_of(client.get("/events", params={"cursor": bad}), 400)["type"] == "bad_cursor"


# --- aggregates and documents ------------------------------------------------------------------

def test_dyads(client):
    body = client.get("/dyads").json()
    assert body["total"] >= len(body["dyads"]) > 5
    pairs = {(d["actor"], d["recipient"]): d for d in body["dyads"]}
    usa_rus = pairs[("USA", "RUS")]
    assert usa_rus["events"] == sum(usa_rus["quad"].values()) and -10 <= usa_rus["mean_scale"] <= 10
    assert body["names"]["USA"] == "United States"
    consult = client.get("/dyads", params={"type": "CONSULT"}).json()["dyads"]
    assert consult and all(d["quad"]["1"] == d["events"] for d in consult)
    assert client.get("/dyads", params={"limit": 2}).json()["dyads"].__len__() == 2


def test_actors(client):
    actors = {a["code"]: a for a in client.get("/actors").json()["actors"]}
    assert {"USA", "RUS", "NER", "TUN", "ISR"} <= set(actors)
    usa = actors["USA"]
    assert usa["name"] == "United States" and usa["events"] >= max(usa["as_actor"], usa["as_recipient"]) > 0
    only_2015 = {a["code"] for a in client.get("/actors", params={"until": "2015-12-31"}).json()["actors"]}
    assert "RUS" in only_2015 and "NER" not in only_2015


def test_timeline(client):
    body = client.get("/timeline", params={"by": "month"}).json()
    assert body["by"] == "month" and body["periods"]
    assert all(p["period"].endswith("-01") and p["events"] == sum(p["quad"].values()) for p in body["periods"])
    total = client.get("/events", params={"limit": 1}).json()["total"]
    assert sum(p["events"] for p in body["periods"]) + body["undated"] == total
    assert client.get("/timeline", params={"since": "2015-10-01", "until": "2015-10-31"}).json()["by"] == "day"
    error_of(client.get("/timeline", params={"by": "year"}), 422)


def test_places(client):
    body = client.get("/places").json()
    assert body["places"], body
    for place in body["places"]:
        assert -90 <= place["lat"] <= 90 and -180 <= place["lon"] <= 180 and place["events"] >= 1
    assert any(p["place"] == "Damascus" for p in body["places"])


def test_documents_list_and_one_document_with_spans(client):
    listing = client.get("/documents").json()
    assert listing["total"] == 5 and {d["id"] for d in listing["documents"]} == set(DATES)
    doc = client.get("/documents/syria_talks_2015").json()
    assert doc["date"] == "2015-10-09" and doc["url"] == "https://news.example/syria_talks_2015"
    assert doc["events"] and doc["spans"]
    roles = {s["role"] for s in doc["spans"]}
    assert roles == {"actor", "recipient", "trigger"}
    for span in doc["spans"]:
        assert doc["text"][span["start"]:span["end"]] == span["text"]
        assert 0 <= span["event"] < len(doc["events"])
    by_key = client.get(f"/documents/{doc['key']}").json()
    assert by_key["id"] == "syria_talks_2015" and by_key["text"] == doc["text"]
    error = error_of(client.get("/documents/no-such-doc"), 404)
    assert "no-such-doc" in error["message"]
    error_of(client.get("/documents/x' OR '1'='1"), 404)


def test_unknown_paths_and_methods_are_json_errors(client):
    error_of(client.get("/nowhere"), 404)
    error_of(client.delete("/events"), 405)
    error_of(client.get("/events", params={"limit": 0}), 422)


# --- other stores --------------------------------------------------------------------------

def test_a_missing_store_reads_as_empty(tmp_path):
    path = tmp_path / "missing.duckdb"
    with TestClient(create_app(path, token="")) as c:
        assert c.get("/health").json()["store"]["exists"] is False
        for endpoint, key in (("/events", "events"), ("/dyads", "dyads"), ("/actors", "actors"),
                              ("/places", "places"), ("/documents", "documents")):
            assert c.get(endpoint).json()[key] == []
        error_of(c.get("/documents/anything"), 404)
    assert not path.exists()


def test_a_file_that_is_not_a_store_is_a_clear_503(tmp_path):
    path = tmp_path / "not-a-store.duckdb"
    path.write_text("hello")
    with TestClient(create_app(path)) as c:
        error = error_of(c.get("/events"), 503)
        assert "not a whodid store" in error["message"]
        assert c.get("/health").json()["store"]["readable"] is False


def test_serve_command_builds_a_localhost_app(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    import typer
    import uvicorn

    from whodid.service.cli import serve

    calls = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.update(app=app, **kw))
    monkeypatch.delenv("WHODID_TOKEN", raising=False)
    cli = typer.Typer()
    cli.command()(serve)
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "s.duckdb"), "--port", "8123"],
                                env={"WHODID_TOKEN": "env-token-abcdefgh"})
    assert result.exit_code == 0, result.output
    assert calls["host"] == "127.0.0.1" and calls["port"] == 8123
    state = calls["app"].state.whodid
    assert state.token == "env-token-abcdefgh" and state.db_path == tmp_path / "s.duckdb"
    with TestClient(calls["app"], base_url="http://localhost:8123") as c:
        assert c.get("/health").status_code == 200
    with TestClient(calls["app"], base_url="http://evil.example") as c:
        assert c.get("/health").status_code == 400  # Host header check (DNS rebinding)
