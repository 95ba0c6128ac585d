"""Scale-out on Dask: the same pipeline, run on the partitions of JSONL or Parquet input.

Each partition is coded by `pipeline.run` inside a Dask worker (the model and knowledge
load once per worker process) and written as a Parquet file of flat event rows with the
full PLOVER record in the `record` column. `whodid code --engine dask` uses a local
cluster, or the scheduler given with `--scheduler tcp://host:8786`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ..pipeline import Settings

COLUMNS = {"id": "string", "doc_id": "string", "date": "string", "event": "string", "mode": "string",
           "quad_code": "int64", "event_scale": "float64", "cameo": "string", "actor_codes": "string",
           "recipient_codes": "string", "record": "string"}


def _rows(records: list[dict]) -> pd.DataFrame:
    rows = [{"id": r["id"], "doc_id": r["doc_id"], "date": r["date"], "event": r["event"], "mode": r["mode"],
             "quad_code": r["quad_code"], "event_scale": r["event_scale"], "cameo": r["cameo"],
             "actor_codes": ";".join(e["code"] or "" for e in r["actor"]),
             "recipient_codes": ";".join(e["code"] or "" for e in r["recipient"]),
             "record": json.dumps(r, ensure_ascii=False, sort_keys=True)} for r in records]
    return pd.DataFrame(rows, columns=list(COLUMNS)).astype(COLUMNS)


def code_records(records: list[dict], settings: Settings) -> pd.DataFrame:
    """Code a partition of input records (dicts with id, text or html, date...)."""
    from ..ingest.readers import InputProblem, record_to_document
    from ..pipeline import run

    items = []
    for number, record in enumerate(records, 1):
        try:
            items.append(record_to_document(record, f"record {record.get('id', number)}", f"doc-{number}", None))
        except (ValueError, TypeError) as exc:
            items.append(InputProblem(str(record.get("id", number)), str(exc)))
    coded = [e.to_plover() for outcome in run(items, settings) for e in outcome.events]
    return _rows(coded)


def _parse_lines(lines: list[str]) -> list[dict]:
    records = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError:
            continue  # reported by the local reader; a cluster run skips malformed lines
        if isinstance(value, dict):
            records.append(value)
    return records


def run_dask(inputs: list[Path], output: Path, settings: Settings, scheduler: str | None = None,
             workers: int = 2, blocksize: str = "8MB") -> int:
    """Code JSONL or Parquet inputs on a Dask cluster into Parquet partitions under `output`."""
    import dask.bag as bag
    import dask.dataframe as dd
    from dask.distributed import Client, LocalCluster

    jsonl = [str(p) for p in inputs if p.suffix.lower() in {".jsonl", ".ndjson"}]
    parquet = [str(p) for p in inputs if p.suffix.lower() == ".parquet" or p.is_dir()]
    if not jsonl and not parquet:
        raise ValueError("the dask engine reads .jsonl or .parquet inputs")
    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                  dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        meta = pd.DataFrame({name: pd.Series(dtype=kind) for name, kind in COLUMNS.items()})
        frames = []
        if jsonl:
            records = bag.read_text(jsonl, blocksize=blocksize).map_partitions(_parse_lines)
            frames.append(dd.from_delayed([_delayed_code(part, settings) for part in records.to_delayed()], meta=meta))
        for path in parquet:
            frame = dd.read_parquet(path)
            frames.append(frame.map_partitions(lambda df: code_records(df.to_dict("records"), settings), meta=meta))
        result = dd.concat(frames) if len(frames) > 1 else frames[0]
        output.mkdir(parents=True, exist_ok=True)
        result.to_parquet(str(output), write_index=False)
        return int(dd.read_parquet(str(output)).shape[0].compute())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _delayed_code(partition, settings):
    import dask

    return dask.delayed(lambda records: code_records(list(records), settings))(partition)
