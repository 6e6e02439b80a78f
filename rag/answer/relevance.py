"""Is a retrieved paper relevant? Two questions, two scores.

Answer at all? One score in [0, 1] from two independent signals of the best paper:
- coverage: the share of the question's content words (IDF-weighted) that the paper's
  title and abstract contain; of alternatives ("A, B or C") one is enough;
- dense: the cosine similarity of its best chunk to the question.
Retrieval rank alone cannot tell "the best of nothing" from a real match; these raw
signals can.

Which papers make a list? A small logistic model over query-relative features (fused
score against the best, coverage, place in the dense and in the BM25 ranking), so the
cut-off adapts to each question. Its weights are in config (`answer.list_model`), fitted by
`eval/fit_list_model.py` on a question set.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from rag.config import AnswerConfig
from rag.index.catalog import Catalog
from rag.retrieve.base import PaperHit
from rag.retrieve.understand import FRAME_WORDS, QueryPlan
from rag.text import document_frequencies, terms

_FRAME_TERMS = set(terms(" ".join(FRAME_WORDS)))
RANK_CAP = 40  # a paper one retriever did not return counts as ranked here by it


@dataclass
class QueryTerms:
    weights: dict[str, float]          # content term -> IDF
    groups: list[list[set[str]]]       # alternatives: a paper needs the terms of one of each group
    rephrased: QueryTerms | None = None  # the LLM's rephrasing, matched as an alternative reading

    def readings(self) -> list[QueryTerms]:
        """The user's wording, and the LLM's rephrasing when there is one."""
        own = QueryTerms(self.weights, self.groups)
        return [own] if self.rephrased is None else [own, self.rephrased]

    def get(self, term: str, default: float = 0.0) -> float:
        if term in self.weights or self.rephrased is None:
            return self.weights.get(term, default)
        return self.rephrased.get(term, default)


class Relevance:
    def __init__(self, cfg: AnswerConfig, catalog: Catalog, df: dict[str, int] | None = None):
        """`df`: term -> papers containing it (saved with the BM25 side); computed here if not given."""
        self.cfg = cfg
        self.catalog = catalog
        self._df = df if df is not None else document_frequencies(self._text(pid) for pid in catalog.papers)
        # Term sets of the papers questions actually retrieve, not of the whole corpus.
        self.paper_terms = lru_cache(maxsize=4096)(lambda pid: frozenset(terms(self._text(pid))))

    def _text(self, paper_id: str) -> str:
        return self.catalog.papers.get(paper_id, {}).get("title", "") + " " + self.catalog.abstract(paper_id)

    def idf(self, term: str) -> float:
        n = max(len(self.catalog), 1)
        return math.log(1 + (n - self._df.get(term, 0) + 0.5) / (self._df.get(term, 0) + 0.5))

    def query_terms(self, plan: QueryPlan) -> QueryTerms:
        weights = {t: self.idf(t) for t in terms(plan.text) if t not in _FRAME_TERMS}
        groups = []
        for phrases in plan.alternatives:
            group = [set(terms(p)) & weights.keys() for p in phrases]
            if sum(1 for g in group if g) >= 2:
                groups.append([g for g in group if g])
        rephrased = None
        if plan.rephrased:
            rephrased = QueryTerms({t: self.idf(t) for t in terms(plan.rephrased) if t not in _FRAME_TERMS}, [])
        return QueryTerms(weights, groups, rephrased)

    def coverage(self, q: QueryTerms, hit: PaperHit) -> float:
        """Share of the query's weight the paper covers; weights are IDF squared, so a missing
        rare word (the one that names the topic) costs far more than a missing common one.
        A group of alternatives weighs as its heaviest member and counts as its best-covered one.
        With an LLM's rephrasing, the better of the two readings counts."""
        if q.rephrased is not None:
            return max(self.coverage(reading, hit) for reading in q.readings())
        have = self.paper_terms(hit.paper_id) if hit.paper_id in self.catalog.papers else \
            set(terms(hit.title + " " + " ".join(c.text for c in hit.chunks)))
        w2 = {t: w * w for t, w in q.weights.items()}
        grouped = {t for group in q.groups for alt in group for t in alt}
        got = sum(w for t, w in w2.items() if t not in grouped and t in have)
        total = sum(w for t, w in w2.items() if t not in grouped)
        for group in q.groups:
            weight = max(sum(w2[t] for t in alt) for alt in group)
            share = max(sum(w2[t] for t in alt if t in have) / (sum(w2[t] for t in alt) or 1.0) for alt in group)
            got, total = got + weight * share, total + weight
        return got / total if total else 0.0

    def score(self, q: QueryTerms, hit: PaperHit, dense_floor: float = 0.0) -> float:
        """dense_floor stands in for papers only BM25 found: their cosine is below every dense hit's."""
        cosine = hit.dense if hit.dense is not None else dense_floor
        dense = max(0.0, min(1.0, (cosine - 0.2) / 0.5))
        w = self.cfg.coverage_weight
        return w * self.coverage(q, hit) + (1 - w) * dense

    def select(self, plan: QueryPlan, hits: list[PaperHit]) -> list[PaperHit]:
        """The relevant papers, best first; empty when the corpus does not cover the question.

        Whether to answer is judged on the first `abstain_depth` hits; a list may draw on all.
        """
        q = self.query_terms(plan)
        judged = hits[: self.cfg.abstain_depth]
        floor = min((h.dense for h in judged if h.dense is not None), default=0.0)
        scored = sorted(((self.score(q, h, floor), h) for h in judged), key=lambda x: -x[0])
        if not scored or scored[0][0] < self.cfg.min_relevance:
            return []
        if not plan.asks_list:
            best = scored[0][0]
            return [h for s, h in scored[:3] if s >= best * 0.9]
        members = [h for p, h in sorted(zip(self.list_probabilities(q, hits), hits), key=lambda x: -x[0])
                   if p >= self.cfg.list_threshold]
        return members[: self.cfg.max_list] or [scored[0][1]]

    def list_features(self, q: QueryTerms, hits: list[PaperHit]) -> list[list[float]]:
        """Per hit: fused score / best, coverage, log(1 + dense rank), log(1 + BM25 rank)."""
        top = max((h.score for h in hits), default=0.0) or 1.0
        return [[h.score / top, self.coverage(q, h),
                 math.log1p(min(RANK_CAP, RANK_CAP if h.dense_rank is None else h.dense_rank)),
                 math.log1p(min(RANK_CAP, RANK_CAP if h.bm25_rank is None else h.bm25_rank))] for h in hits]

    def list_probabilities(self, q: QueryTerms, hits: list[PaperHit]) -> list[float]:
        m = self.cfg.list_model
        weights = (m.fused, m.coverage, m.dense_rank, m.bm25_rank)
        return [1 / (1 + math.exp(-(m.intercept + sum(w * x for w, x in zip(weights, row)))))
                for row in self.list_features(q, hits)]
