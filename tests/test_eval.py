from whodid.eval import dyad_match, score, type_match


def event(kind, actor, recipient, **extra):
    return {"event": kind, "actor": [{"code": c} for c in actor], "recipient": [{"code": c} for c in recipient],
            "event_text": {"text": "x"}, "coder": {"rule": "t"}, **extra}


def test_type_and_dyad_matching_rules():
    gold = {"event": "CONSULT", "alt": ["AGREE"], "actor": [{"code": "USA"}], "recipient": [{"code": "RUS"}]}
    assert type_match(gold, event("AGREE", [], []))
    assert not type_match(gold, event("ASSAULT", ["USA"], ["RUS"]))
    assert dyad_match(gold, event("CONSULT", ["USA", "FRA"], ["RUS"]))
    assert dyad_match(gold, event("CONSULT", ["RUS"], ["USA"])), "swap allowed when both sides intersect"
    assert not dyad_match(gold, event("CONSULT", ["USA"], [])), "recipient required when gold has one"
    assert dyad_match({"event": "PROTEST", "actor": [], "recipient": []}, event("PROTEST", ["KEN"], []))


def test_scores_on_a_small_complete_set():
    items = [
        {"id": "1", "complete": True, "events": [
            {"event": "ASSAULT", "actor": [{"code": "ISR", "sector": "MIL"}], "recipient": [{"code": "PSE"}], "date": "2021-05-13"}]},
        {"id": "2", "complete": True, "events": []},
        {"id": "3", "complete": True, "events": [
            {"event": "CONSULT", "actor": [{"code": "USA"}], "recipient": [{"code": "RUS"}]},
            {"event": "AGREE", "actor": [{"code": "USA"}], "recipient": [], "optional": True}]},
    ]
    system = {
        "1": [event("ASSAULT", ["ISR"], ["PSE"], date="2021-05-13", context=[]) | {
            "actor": [{"code": "ISR", "sector": "MIL"}], "recipient": [{"code": "PSE", "sector": None}]}],
        "2": [event("ACCUSE", ["USA"], [])],
        "3": [event("CONSULT", ["USA"], ["CHN"]), event("AGREE", ["USA"], []),
              event("ASSAULT", ["USA"], ["RUS"], context=["negation"])],
    }
    report = score(items, system)
    summary = report.summary()
    assert summary["type_recall"] == 1.0 and summary["dyad_recall"] == 0.5
    # four scored system events (the negated one is left out); the one matched to an optional gold costs nothing
    assert report.complete_system == 3
    assert summary["type_precision"] == round(2 / 3, 4)
    assert summary["false_alarm_rate"] == 1.0
    assert summary["sector_accuracy"] == 1.0 and summary["date_accuracy"] == 1.0
