"""Hostile requests against the service, in-process over a small store built from examples/.

1. A schemathesis run against the OpenAPI schema: requests generated from /openapi.json, valid
   and invalid (positive and negative generation), none of which may get a server error (5xx).
   MAX_EXAMPLES generated examples per operation (~100 in all) plus schemathesis 4's coverage
   cases (boundary values, wrong types, unsupported methods): about 700 requests, ~15 s. Skipped
   when schemathesis is not installed (`python3 -m pip install "schemathesis>=4.32,<5"`).
2. Requests schemathesis does not make (it sends valid Unicode and shallow JSON): lone
   surrogates, deeply nested JSON, NUL bytes, path traversal. Refused with a 4xx, never a 5xx.

tests/test_service.py covers the token, 413s and SQL-injection-looking filters.
"""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

from test_service import example_documents  # noqa: E402
from whodid import store  # noqa: E402
from whodid.service import create_app  # noqa: E402

try:
    import schemathesis
    from schemathesis.checks import not_a_server_error
except ImportError:  # optional: the generated run is skipped, the hand-written requests still run
    schemathesis = None

TOKEN = "fuzz-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
MAX_EXAMPLES = 9  # per operation; the schema has 11 operations
SENT: list[tuple[str, str, int]] = []


@pytest.fixture(scope="module")
def service_app(tmp_path_factory):
    db = tmp_path_factory.mktemp("fuzz") / "examples.duckdb"
    report = store.ingest_documents(example_documents(), db=str(db))
    assert report.added == 5 and not report.problems
    return create_app(db, token=TOKEN, max_body_bytes=200_000)


# --- 1. schemathesis ---------------------------------------------------------------------------------------------

if schemathesis is not None:
    @pytest.fixture(scope="module")
    def service_schema(service_app):
        loader = getattr(getattr(schemathesis, "openapi", None), "from_asgi", None) or schemathesis.from_asgi  # 4.x, 3.x
        return loader("/openapi.json", service_app)

    schema = (schemathesis.pytest.from_fixture("service_schema") if hasattr(schemathesis, "pytest")
              and hasattr(schemathesis.pytest, "from_fixture") else schemathesis.from_pytest_fixture("service_schema"))

    @schema.parametrize()
    @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    def test_no_server_errors(case):
        # POST /ingest gets the real token, so generated bodies reach the coder and the store (and
        # not only the 401/403 of the auth check, which tests/test_service.py covers).
        headers = AUTH if case.path == "/ingest" else None
        response = case.call_and_validate(headers=headers, checks=[not_a_server_error])
        SENT.append((case.method, case.path, response.status_code))
else:
    @pytest.mark.skip(reason='schemathesis is not installed: python3 -m pip install "schemathesis>=4.32,<5"')
    def test_no_server_errors():
        pass


def test_the_run_sent_requests_to_every_operation():
    """Runs after the schemathesis test (file order): it did exercise the whole API."""
    if not SENT:
        pytest.skip("the schemathesis test did not run (not installed, or deselected)")
    paths = {path for _, path, _ in SENT}
    assert {"/code", "/ingest", "/events", "/dyads", "/actors", "/documents/{doc_id}"} <= paths, paths
    assert all(status < 500 for _, _, status in SENT)
    assert 100 <= len(SENT) < 3000, len(SENT)


# --- 2. requests schemathesis does not make --------------------------------------------------------------------------

JSON = {"content-type": "application/json"}
NESTED = "[" * 90_000 + "]" * 90_000  # under the 200,000-byte body limit of this app


@pytest.mark.parametrize("method, url, body, headers, statuses", [
    # a lone UTF-16 surrogate is valid JSON but not valid Unicode: was a 500 (UnicodeEncodeError) on /code
    ("post", "/code", '{"text": "\\ud800 Kerry telephoned Lavrov on Wednesday."}', JSON, {422}),
    ("post", "/code", '{"html": "<p>\\udfff Kerry telephoned Lavrov.</p>"}', JSON, {422}),
    ("post", "/ingest", '{"documents": [{"text": "\\ud800 Kerry telephoned Lavrov."}]}', {**JSON, **AUTH}, {422}),
    ("post", "/ingest", '{"documents": [{"text": "Kerry telephoned Lavrov.", "url": "https://x.example/\\ud800"}]}',
     {**JSON, **AUTH}, {422}),
    ("post", "/code", NESTED, JSON, {400, 422}),  # RecursionError in the JSON parser
    ("post", "/ingest", '{"documents": ' + NESTED + "}", {**JSON, **AUTH}, {400, 422}),
    ("post", "/code", b'{"text": "caf\xe9 \xff"}', JSON, {400, 422}),  # not UTF-8
    ("post", "/code", '{"text": "Kerry telephoned Lavrov."}', {"content-type": "text/plain"}, {415, 422}),
    ("post", "/code", '{"text": "Kerry telephoned Lavrov.\\u0000", "date": "2015-10-09\\u0000"}', JSON, {200, 422}),
    ("get", "/events?actor=USA%00RUS", None, {}, {400}),
    ("get", "/events?actor=%ED%A0%80", None, {}, {400}),  # an encoded surrogate: not UTF-8
    ("get", "/static/..%2f..%2f..%2f..%2fetc%2fpasswd", None, {}, {404}),
    ("get", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd", None, {}, {404}),
    ("get", "/documents/..%2f..%2f..%2fetc%2fpasswd", None, {}, {404}),
    ("get", "/documents/%00", None, {}, {404}),
], ids=["surrogate-text", "surrogate-html", "surrogate-ingest", "surrogate-url", "nested-code", "nested-ingest",
        "latin1-body", "text-plain", "nul-in-body", "nul-in-filter", "surrogate-filter", "static-traversal",
        "static-dots", "document-traversal", "document-nul"])
def test_hostile_requests_get_a_4xx(service_app, method, url, body, headers, statuses):
    with TestClient(service_app, raise_server_exceptions=False) as client:
        kwargs = {"content": body.encode("utf-8", "surrogatepass") if isinstance(body, str) else body} if body else {}
        response = client.request(method.upper(), url, headers=headers, **kwargs)
        assert response.status_code in statuses, response.text
        if response.status_code >= 400:
            assert response.json()["error"]["status"] == response.status_code
        assert "root:" not in response.text
        health = client.get("/health").json()["store"]
        assert health["readable"] and health["documents"] >= 5
