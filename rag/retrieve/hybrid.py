"""Hybrid retrieval: dense and BM25 papers fused into one ranking.

Fusion happens at the paper level, after each side has grouped its chunks, so a paper
whose best dense chunk and best BM25 chunk differ still gets credit from both. (llama-
index's QueryFusionRetriever fuses chunks and overwrites the raw scores, which the answer
step needs to judge whether anything relevant was found at all.)

With feedback (`with_feedback`: pseudo-relevance feedback, Rocchio's method), the dense
side searches a second time with the question's vector moved towards the best papers of a
first pass, and its ranking takes each paper at its better place of the two searches. A
paper that states the topic in other words than the question ("segmentation" for "vision")
is often close to papers that state it in the question's words. Keeping each paper's better
place, not the second search alone, stops one wrong first-pass paper from pulling the whole
ranking off topic.
"""
from __future__ import annotations

from dataclasses import replace

from rag.config import RetrievalConfig
from rag.retrieve.base import PaperHit, Query, Retriever
from rag.retrieve.dense import DenseRetriever
from rag.retrieve.sparse import SparseRetriever


class HybridRetriever(Retriever):
    def __init__(self, dense: DenseRetriever, sparse: SparseRetriever, cfg: RetrievalConfig):
        self.dense, self.sparse, self.cfg = dense, sparse, cfg

    def retrieve(self, query: Query) -> list[PaperHit]:
        """One fused ranking; with feedback, `Pipeline.search` calls the steps below itself."""
        return self.fused(*self.sides(query), query.top_k)

    def sides(self, query: Query) -> tuple[list[PaperHit], list[PaperHit]]:
        """Each retriever's own ranking, searched once; `fused` may combine them more than once."""
        wide = self._wide(query)
        return self.dense.retrieve(wide), self.sparse.retrieve(wide)

    def fused(self, dense: list[PaperHit], sparse: list[PaperHit], top_k: int) -> list[PaperHit]:
        # Fusion writes scores and merged chunks into the hits: it gets copies, so the sides
        # can be fused again after feedback.
        return fuse(_copies(dense), _copies(sparse), self.cfg)[:top_k]

    def with_feedback(self, query: Query, dense: list[PaperHit], feedback: list[str]) -> list[PaperHit]:
        """The dense ranking after a second search towards the feedback papers (see above)."""
        centroid = self.dense.paper_vector(feedback)
        if centroid is None:
            return dense
        w = self.cfg.feedback_weight
        moved = (1 - w) * self.dense.query_vector(query.dense_text) + w * centroid
        return better_place(dense, self.dense.retrieve(self._wide(query), embedding=moved.tolist()))

    def _wide(self, query: Query) -> Query:
        return replace(query, top_k=max(self.cfg.dense_k, query.top_k))


def _copies(hits: list[PaperHit]) -> list[PaperHit]:
    return [replace(h, chunks=list(h.chunks)) for h in hits]


def better_place(first: list[PaperHit], second: list[PaperHit]) -> list[PaperHit]:
    """Papers ordered by their better place in either ranking (ties: the first ranking's first).

    A paper keeps the first search's cosine and rank, and one only the second search found
    gets none: its cosine is to the moved vector, not to the question, so it says nothing
    about whether the corpus covers the question (answer/relevance.py reads these).
    """
    place1 = {h.paper_id: i for i, h in enumerate(first)}
    place2 = {h.paper_id: i for i, h in enumerate(second)}
    hits = {h.paper_id: h for h in second}
    for h in second:
        if h.paper_id not in place1:
            h.dense = h.dense_rank = None
    hits.update({h.paper_id: h for h in first})
    never = len(first) + len(second)
    return sorted(hits.values(), key=lambda h: (min(place1.get(h.paper_id, never), place2.get(h.paper_id, never)),
                                                place1.get(h.paper_id, never)))


def fuse(dense: list[PaperHit], sparse: list[PaperHit], cfg: RetrievalConfig) -> list[PaperHit]:
    scores: dict[str, float] = {}
    w = {"dense": cfg.dense_weight, "bm25": 1.0 - cfg.dense_weight}
    for kind, hits in (("dense", dense), ("bm25", sparse)):
        for rank, hit in enumerate(hits):
            if cfg.fusion == "reciprocal_rerank":
                s = 1.0 / (cfg.rrf_k + rank + 1)
            else:
                s = _normalised(hit.score, [h.score for h in hits], cfg.fusion == "dist_based_score")
            scores[hit.paper_id] = scores.get(hit.paper_id, 0.0) + w[kind] * s
    merged = _merge(dense, sparse)
    for pid, hit in merged.items():
        hit.score = scores[pid]
    return sorted(merged.values(), key=lambda h: h.score, reverse=True)


def _normalised(score: float, scores: list[float], dist_based: bool) -> float:
    if dist_based:
        mean = sum(scores) / len(scores)
        std = (sum((x - mean) ** 2 for x in scores) / len(scores)) ** 0.5
        lo, hi = mean - 3 * std, mean + 3 * std
    else:
        lo, hi = min(scores), max(scores)
    return 1.0 if hi == lo else (score - lo) / (hi - lo)


def _merge(dense: list[PaperHit], sparse: list[PaperHit]) -> dict[str, PaperHit]:
    """One hit per paper carrying both raw scores and the chunks from both sides."""
    merged: dict[str, PaperHit] = {h.paper_id: h for h in dense}
    for hit in sparse:
        if hit.paper_id in merged:
            base = merged[hit.paper_id]
            base.bm25, base.bm25_rank = hit.bm25, hit.bm25_rank
            seen = {c.chunk_id for c in base.chunks}
            base.chunks += [c for c in hit.chunks if c.chunk_id not in seen]
        else:
            merged[hit.paper_id] = hit
    return merged
