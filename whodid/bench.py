"""Throughput benchmark: whodid's full path against plain spaCy on the same texts, in one run.

    python -m whodid.bench [--docs N] [--no-select]

The corpus is built from the project's own example articles: their paragraphs are
shuffled into N documents of about 600 words (a deterministic seed), so the text is
realistic news prose with captions and boilerplate, and the run is repeatable.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def corpus(n_docs: int, words_per_doc: int = 600, seed: int = 7) -> list[str]:
    from .ingest.readers import read_inputs
    from .document import Document

    paragraphs = []
    for item in read_inputs([EXAMPLES]):
        if isinstance(item, Document):
            paragraphs += [p.strip() for p in item.text.split("\n") if p.strip()]
    if not paragraphs:
        raise SystemExit(f"no example articles found in {EXAMPLES}")
    rng = random.Random(seed)
    docs = []
    for _ in range(n_docs):
        chosen, words = [], 0
        while words < words_per_doc:
            paragraph = rng.choice(paragraphs)
            chosen.append(paragraph)
            words += len(paragraph.split())
        docs.append("\n\n".join(chosen))
    return docs


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(n_docs: int, select: bool) -> dict:
    from .nlp import load_model
    from .pipeline import Settings, run as run_pipeline, to_document

    texts = corpus(n_docs)
    words = sum(len(t.split()) for t in texts)
    nlp = load_model()
    list(nlp.pipe(texts[:5]))  # warm up both paths
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    spacy_seconds = time.perf_counter() - start
    settings = Settings(select_sentences=select)
    list(run_pipeline([to_document(t, "2020-01-01", f"w{i}") for i, t in enumerate(texts[:5])], settings))
    start = time.perf_counter()
    events = 0
    for outcome in run_pipeline((to_document(t, "2020-01-01", f"d{i}") for i, t in enumerate(texts)), settings):
        events += len(outcome.events)
    whodid_seconds = time.perf_counter() - start
    return {"docs": n_docs, "words": words, "events": events,
            "spacy_docs_s": n_docs / spacy_seconds, "spacy_words_s": words / spacy_seconds,
            "whodid_docs_s": n_docs / whodid_seconds, "whodid_words_s": words / whodid_seconds,
            "ratio": spacy_seconds / whodid_seconds, "peak_mb": peak_mb()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--no-select", action="store_true", help="parse every sentence (no cheap trigger filter)")
    args = parser.parse_args()
    result = run(args.docs, not args.no_select)
    print(f"corpus: {result['docs']} docs, {result['words']:,} words; whodid found {result['events']:,} events")
    print(f"plain spaCy (all components): {result['spacy_docs_s']:.2f} docs/s, {result['spacy_words_s']:,.0f} words/s")
    print(f"whodid end to end:            {result['whodid_docs_s']:.2f} docs/s, {result['whodid_words_s']:,.0f} words/s")
    print(f"ratio whodid/spaCy: {result['ratio']:.2f}x   peak memory: {result['peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
