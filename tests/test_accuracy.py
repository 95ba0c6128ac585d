"""Regression floors on whole gold sets, scored by `whodid eval`'s own code.

The floors sit below the figures in docs/accuracy.md, so they catch a change that breaks
coverage, not noise. The holdout sets were written by helpers that never saw the coder's code
or knowledge files; their first (blind) measurements are recorded in docs/accuracy.md.
"""

from pathlib import Path

import pytest

from whodid.eval import run_eval

from conftest import DATA

GSR = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "plover-gsr.jsonl"


def summary(path):
    return run_eval(path).summary()


def test_event_free_sentences_rarely_produce_an_event():
    assert summary(DATA / "event_free.jsonl")["false_alarm_rate"] <= 0.10


@pytest.mark.parametrize("name", ["dev_sentences.jsonl", "holdout_sentences.jsonl"])
def test_complete_sets_keep_precision_and_dyad_f1(name):
    result = summary(DATA / name)
    assert result["type_precision"] >= 0.80, result
    assert result["dyad_f1"] >= 0.75, result


@pytest.mark.parametrize("name", ["holdout2_sentences.jsonl", "holdout3_sentences.jsonl", "holdout4_sentences.jsonl",
                                  "holdout5_sentences.jsonl", "holdout6_sentences.jsonl", "holdout7_sentences.jsonl",
                                  "holdout8_sentences.jsonl", "holdout9_sentences.jsonl", "holdout10_sentences.jsonl",
                                  "holdout11_sentences.jsonl", "holdout12_sentences.jsonl"])
def test_harder_holdout_sets_keep_their_floors(name):
    result = summary(DATA / name)  # long multi-event wire sentences: lower floors, same role
    assert result["type_precision"] >= 0.75, result
    assert result["dyad_f1"] >= 0.60, result
    assert result["false_alarm_rate"] <= 0.15, result


@pytest.mark.skipif(not GSR.exists(), reason="../shared/gold is not beside the checkout")
def test_plover_gsr_recall_floor():
    result = summary(GSR)
    assert result["type_recall"] >= 0.82 and result["dyad_recall"] >= 0.65, result
