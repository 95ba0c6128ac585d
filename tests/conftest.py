import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


def needs_shared(*parts: str):
    path = SHARED.joinpath(*parts)
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is not available (../shared is optional)")


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def code():
    import whodid

    def run(text, date=None, **kwargs):
        return [e.to_plover() for e in whodid.code(text, date=date, **kwargs)]

    return run


def only(events, event_type):
    found = [e for e in events if e["event"] == event_type]
    assert found, f"no {event_type} event among {[e['event'] for e in events]}"
    return found[0]


def codes(entities):
    return {e["code"] for e in entities}
