"""Every metric on small hand-made cases with known values."""
import math

import pytest

from rag.eval.metrics import aggregate, citation_scores, mrr, must_mention_recall, ndcg_at, recall_at, score_question

REL = ["A", "B", "C", "D"]


def test_recall_at_k():
    assert recall_at(["A", "x", "B", "y", "z", "C"], REL, 5) == 0.5
    assert recall_at(["A", "x", "B", "y", "z", "C"], REL, 10) == 0.75
    assert recall_at([], REL, 5) == 0.0


def test_mrr():
    assert mrr(["x", "y", "B"], REL) == pytest.approx(1 / 3)
    assert mrr(["x"], REL) == 0.0


def test_ndcg_normalises_by_the_best_k_not_all_relevant():
    assert ndcg_at(["A", "B"], ["A", "B", "C"], 2) == pytest.approx(1.0)
    expected = (1 / math.log2(3)) / (1 + 1 / math.log2(3))
    assert ndcg_at(["x", "A"], ["A", "B"], 2) == pytest.approx(expected)


def test_titles_match_ignoring_case_and_spacing():
    assert recall_at(["orca  2: teaching"], ["Orca 2: Teaching"], 5) == 1.0
    assert recall_at(["Orca: x"], ["Orca 2: x"], 5) == 0.0


def test_citation_scores_ignore_partial():
    p, r = citation_scores(["A", "B", "P", "x"], ["A", "B", "C"], ["P"])
    assert p == pytest.approx(2 / 3) and r == pytest.approx(2 / 3)
    assert citation_scores([], ["A"], []) == (None, 0.0)


def test_must_mention():
    assert must_mention_recall("It has 16K tables and 118k statements", ["16k", "118k", "Wiki"]) == pytest.approx(2 / 3)
    assert must_mention_recall("x", []) is None


def _result(retrieved, cited, abstained=False, ms=10.0, answer="ans"):
    return {"retrieved": [{"title": t} for t in retrieved], "citations": [{"title": t} for t in cited],
            "abstained": abstained, "timings_ms": {"total": ms}, "answer": answer}


def test_aggregate_abstention_and_latency():
    un = {"type": "unanswerable", "relevant_titles": []}
    ok = {"type": "topical_list", "relevant_titles": ["A"]}
    scores = [score_question(un, _result(["x"], [], True, 10)), score_question(un, _result(["x"], ["x"], False, 20)),
              score_question(ok, _result(["A"], ["A"], False, 30)), score_question(ok, _result(["A"], [], True, 40))]
    agg = aggregate(scores)
    assert agg["abstain_accuracy"] == 0.5 and agg["false_abstain_rate"] == 0.5
    assert agg["latency_ms_p50"] == 25.0 and agg["recall@10"] == 1.0
    assert agg["citation_recall"] == 0.5
