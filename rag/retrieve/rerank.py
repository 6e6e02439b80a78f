"""Re-ranking the retrieved pool with signals the first-stage retrievers do not have."""
from __future__ import annotations

from abc import ABC, abstractmethod

from rag.retrieve.base import PaperHit
from rag.retrieve.coverage import TermCoverage
from rag.understand.plan import QueryPlan


class Reranker(ABC):
    @abstractmethod
    def rerank(self, plan: QueryPlan, hits: list[PaperHit]) -> list[PaperHit]: ...


class CoverageReranker(Reranker):
    """score = fused score / best fused score + weight x term coverage.

    Fusion rewards papers either retriever likes; a paper that matches one rare word of the
    question (a method's name) can outrank one that matches all of it. Adding coverage
    lifts papers that contain every part of the topic. On the dev set (weight 0.3, pool 40)
    topical_list recall@10 went from 0.861 to 0.886; single_fact MRR stayed at 1.0.
    """

    def __init__(self, coverage: TermCoverage, weight: float):
        self.coverage, self.weight = coverage, weight

    def rerank(self, plan: QueryPlan, hits: list[PaperHit]) -> list[PaperHit]:
        if not hits or self.weight <= 0:
            return hits
        q = self.coverage.query_terms(plan)
        top = max(h.score for h in hits) or 1.0
        for h in hits:
            h.score = h.score / top + self.weight * self.coverage.coverage(q, h)
        return sorted(hits, key=lambda h: h.score, reverse=True)
