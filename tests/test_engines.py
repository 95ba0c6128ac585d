import json

from typer.testing import CliRunner

from whodid.cli import app
from whodid.engines.pool import run_pool
from whodid.ingest.readers import InputProblem
from whodid.pipeline import Settings, run, to_document

TEXTS = [
    "Russian warplanes bombed rebel positions near Idlib on Tuesday.",
    "Kerry telephoned Lavrov on Saturday.",
    "Police arrested dozens of protesters in Tunis.",
    "The weather was mild.",
    "France recalled its ambassador to Mali.",
]


def records(outcomes):
    return [[e.to_plover() for e in o.events] if o.doc else str(o.problem) for o in outcomes]


def test_pool_gives_the_same_records_in_the_same_order():
    docs = [to_document(t, "2015-10-09", f"d{i}") for i, t in enumerate(TEXTS)]
    items = docs[:2] + [InputProblem("bad.txt", "empty document")] + docs[2:]
    single = records(run(list(items), Settings()))
    pooled = records(run_pool(list(items), Settings(), workers=2, chunk_size=2))
    assert pooled == single
    assert pooled[2] == "bad.txt: empty document"


def test_cli_workers_option(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": t, "date": "2015-10-09"}) + "\n"
                            for i, t in enumerate(TEXTS)), encoding="utf-8")
    one = CliRunner().invoke(app, ["code", str(path), "-q"])
    two = CliRunner().invoke(app, ["code", str(path), "-q", "--workers", "2"])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout and one.stdout.strip()


def test_dask_local_cluster_gives_the_same_records(tmp_path):
    import pandas as pd

    from whodid.engines.dask_engine import run_dask

    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": t, "date": "2015-10-09"}) + "\n"
                            for i, t in enumerate(TEXTS * 4)), encoding="utf-8")
    local = sorted(json.dumps(e.to_plover(), sort_keys=True, ensure_ascii=False)
                   for o in run([to_document(t, "2015-10-09", f"d{i}") for i, t in enumerate(TEXTS * 4)], Settings())
                   for e in o.events)
    count = run_dask([path], tmp_path / "out", Settings(), workers=2, blocksize="300B")
    frame = pd.read_parquet(tmp_path / "out")
    assert count == len(local) > 0
    assert sorted(frame["record"]) == local
    assert len(list((tmp_path / "out").glob("*.parquet"))) > 1, "input was split into several partitions"


def test_a_document_that_takes_too_long_is_skipped_not_fatal(monkeypatch):
    import time

    import whodid.pipeline as pipeline

    real = pipeline.code_document

    def slow(doc, *args, **kwargs):
        if doc.id == "slow":
            time.sleep(5)
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(pipeline, "code_document", slow)
    docs = [to_document(TEXTS[0], "2015-10-09", "slow"), to_document(TEXTS[1], "2015-10-09", "fast")]
    outcomes = list(run(docs, Settings(doc_seconds=0.5)))
    assert outcomes[0].problem is not None and "longer than 0.5 s" in outcomes[0].problem.reason
    assert outcomes[1].events, "the next document is still coded"
