"""BM25 retrieval through llama-index's BM25Retriever, filtered like the dense side."""
from __future__ import annotations

import threading

from llama_index.core.schema import QueryBundle
from llama_index.core.vector_stores import MetadataFilters
from llama_index.retrievers.bm25 import BM25Retriever

from rag.retrieve.base import PaperHit, Query, Retriever, group_by_paper
from rag.retrieve.filters import matcher


class SparseRetriever(Retriever):
    def __init__(self, bm25: BM25Retriever, chunks_k: int):
        self.bm25 = bm25
        self.chunks_k = chunks_k
        self._lock = threading.Lock()  # BM25Retriever reads its top-k from an attribute

    def retrieve(self, query: Query) -> list[PaperHit]:
        hits = self._hits(query.text, query.filters, query.top_k)
        return group_by_paper(hits, "bm25")[: query.top_k]

    def _hits(self, text: str, filters: MetadataFilters | None, top_k: int):
        size = len(self.bm25.corpus)
        # With filters, look further down the ranking so enough matching chunks remain.
        with self._lock:
            self.bm25.similarity_top_k = min(size, max(self.chunks_k, top_k) if not filters else size)
            raw = self.bm25.retrieve(QueryBundle(text))
        hits = [h for h in raw if (h.score or 0) > 0]
        keep = matcher(filters)
        return [h for h in hits if keep(h.node.metadata)] if filters else hits
