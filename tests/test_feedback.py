"""Pseudo-relevance feedback on the dense side (retrieve/hybrid.py), on the real shipped index."""
from __future__ import annotations

from rag.pipeline import Pipeline
from rag.retrieve.base import PaperHit, Query
from rag.retrieve.hybrid import better_place
from tests.conftest import settings_for


def _hits(*ids: str) -> list[PaperHit]:
    return [PaperHit(pid, pid, {}, score=1.0 - i / 10, dense=0.5 - i / 100, dense_rank=i) for i, pid in enumerate(ids)]


def test_better_place_takes_each_papers_better_rank_and_keeps_the_first_scores():
    first, second = _hits("a", "b", "c", "d"), _hits("c", "e", "a", "f")
    merged = better_place(first, second)
    # a: 0 / 2, c: 2 / 0 -> both place 0, the first ranking's first; b: 1, e: 1 (second only), d: 3, f: 3
    assert [h.paper_id for h in merged] == ["a", "c", "b", "e", "d", "f"]
    by_id = {h.paper_id: h for h in merged}
    assert (by_id["c"].dense, by_id["c"].dense_rank) == (0.48, 2)  # the first search's, not the second's
    assert by_id["e"].dense is None and by_id["e"].dense_rank is None  # its cosine is to the moved vector


def test_a_papers_own_vector_finds_that_paper_first(shipped):
    dense = shipped.dense
    papers = shipped.searchers().catalog.papers
    for title in ("Seg-Zero", "DianJin-R1", "Titans"):
        pid = next(p for p, paper in papers.items() if paper["title"].startswith(title))
        vector = dense.paper_vector([pid])
        assert abs(float(vector @ vector) - 1.0) < 1e-6
        hits = dense.retrieve(Query("unused text", None, 5), embedding=vector.tolist())
        assert hits[0].paper_id == pid
    assert dense.paper_vector(["no-such-paper"]) is None


def test_feedback_finds_a_paper_that_states_the_topic_in_other_words(shipped, shipped_index):
    question = "Which papers give LLM agents a memory of their past experiences?"
    without = Pipeline(settings_for(shipped_index, RAG_RETRIEVAL__FEEDBACK_PAPERS="0"))
    titles = {p: [h.title for h in p.retrieve(p.understand(question))[:10]] for p in (shipped, without)}
    # Agent K's title shares no word with the question; its abstract speaks of "accumulated experience".
    found = [t for t in titles[shipped] if t.startswith("Large Language Models Orchestrating Structured Reasoning")]
    assert found and found[0] not in titles[without]
    # The feedback search adds to the first ranking; it does not replace it.
    assert len(set(titles[shipped]) & set(titles[without])) >= 7
