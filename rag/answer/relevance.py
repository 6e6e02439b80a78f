"""Is a retrieved paper relevant? One score in [0, 1] from two independent signals.

- coverage: the share of the question's content words (IDF-weighted) that the paper's
  title and abstract contain;
- dense: the cosine similarity of its best chunk to the question.
Retrieval rank alone cannot tell "the best of nothing" from a real match; these raw
signals can, which is what abstention and the list cut-off need.
"""
from __future__ import annotations

import math
from collections import Counter
from functools import cached_property

from rag.config import AnswerConfig
from rag.index.catalog import Catalog
from rag.retrieve.base import PaperHit
from rag.retrieve.understand import FRAME_WORDS, QueryPlan
from rag.text import terms

_FRAME_TERMS = set(terms(" ".join(FRAME_WORDS)))


class Relevance:
    def __init__(self, cfg: AnswerConfig, catalog: Catalog):
        self.cfg = cfg
        self.catalog = catalog

    @cached_property
    def _paper_terms(self) -> dict[str, set[str]]:
        return {pid: set(terms(p["title"] + " " + p.get("abstract", ""))) for pid, p in self.catalog.papers.items()}

    @cached_property
    def _df(self) -> Counter:
        df: Counter = Counter()
        for ts in self._paper_terms.values():
            df.update(ts)
        return df

    def idf(self, term: str) -> float:
        n = max(len(self.catalog), 1)
        return math.log(1 + (n - self._df.get(term, 0) + 0.5) / (self._df.get(term, 0) + 0.5))

    def query_terms(self, plan: QueryPlan) -> dict[str, float]:
        return {t: self.idf(t) for t in terms(plan.text) if t not in _FRAME_TERMS}

    def coverage(self, q: dict[str, float], hit: PaperHit) -> float:
        """Share of the query's weight the paper covers; weights are IDF squared, so a missing
        rare word (the one that names the topic) costs far more than a missing common one."""
        q = {t: w * w for t, w in q.items()}
        total = sum(q.values())
        if not total:
            return 0.0
        have = self._paper_terms.get(hit.paper_id) or set(terms(hit.title + " " + " ".join(c.text for c in hit.chunks)))
        return sum(w for t, w in q.items() if t in have) / total

    def score(self, q: dict[str, float], hit: PaperHit, dense_floor: float = 0.0) -> float:
        """dense_floor stands in for papers only BM25 found: their cosine is below every dense hit's."""
        cosine = hit.dense if hit.dense is not None else dense_floor
        dense = max(0.0, min(1.0, (cosine - 0.2) / 0.5))
        w = self.cfg.coverage_weight
        return w * self.coverage(q, hit) + (1 - w) * dense

    def select(self, plan: QueryPlan, hits: list[PaperHit]) -> list[PaperHit]:
        """The relevant papers, best first; empty when the corpus does not cover the question."""
        q = self.query_terms(plan)
        floor = min((h.dense for h in hits if h.dense is not None), default=0.0)
        scored = sorted(((self.score(q, h, floor), h) for h in hits), key=lambda x: -x[0])
        if not scored or scored[0][0] < self.cfg.min_relevance:
            return []
        best = scored[0][0]
        if not plan.asks_list:
            return [h for s, h in scored[:3] if s >= best * 0.9]
        # The absolute floor decides whether to answer at all; list members are judged against the best.
        keep = [h for s, h in scored if s >= best * self.cfg.list_cutoff]
        return keep[: self.cfg.max_list]
