"""BM25 retrieval through llama-index's BM25Retriever, filtered like the dense side."""
from __future__ import annotations

import threading
from functools import cached_property

import bm25s
import numpy as np
from llama_index.core.schema import NodeWithScore, QueryBundle
from llama_index.core.vector_stores import MetadataFilters
from llama_index.core.vector_stores.utils import metadata_dict_to_node
from llama_index.retrievers.bm25 import BM25Retriever

from rag.retrieve.base import PaperHit, Query, Retriever, group_by_paper, public_meta
from rag.retrieve.filters import matcher


FULL = 100  # papers of a literal list built whole, with their text; those after carry metadata only
_STORED = {"_node_content", "_node_type", "document_id", "doc_id", "ref_doc_id", "node_id"}


def _metadata(row: dict) -> dict:
    """A stored node dict's metadata, as its node would carry it, without building the node."""
    return {k: v for k, v in row.items() if k not in _STORED}


class SparseRetriever(Retriever):
    def __init__(self, bm25: BM25Retriever, chunks_k: int):
        self.bm25 = bm25
        self.chunks_k = chunks_k
        self._lock = threading.Lock()  # BM25Retriever reads its top-k from an attribute

    def retrieve(self, query: Query) -> list[PaperHit]:
        hits = self._hits(query.text, query.filters, query.top_k)
        return group_by_paper(hits, "bm25")[: query.top_k]

    def ranked(self, text: str, papers: frozenset[str], filters: MetadataFilters | None = None) -> list[PaperHit]:
        """These papers (found otherwise, e.g. every paper with all of a question's words), in
        the order BM25 ranks them for the text; scored from the index's matrix, not by
        retrieving the whole corpus to find them in it."""
        if not papers:
            return []
        keep = matcher(filters)
        rows = [(score, row, _metadata(row)) for score, row in self._scored(text, papers)]
        rows = [r for r in rows if keep(r[2])] if filters else rows
        # Only the first papers are shown and quoted: the rest (14,691 for "GRPO" at 100k papers)
        # are counted, and building a node for each took 0.6 s.
        head = group_by_paper([NodeWithScore(node=metadata_dict_to_node(row), score=score)
                               for score, row, _ in rows[:FULL]], "bm25")
        tail = [PaperHit(meta["paper_id"], meta["title"], public_meta(meta), score=score, bm25=score, bm25_rank=n)
                for n, (score, _, meta) in enumerate(rows[FULL:], start=len(head))]
        return head + tail

    def best(self, text: str, papers: frozenset[str], most: int) -> frozenset[str]:
        """The `most` of these papers BM25 scores highest for the text (ids only)."""
        return frozenset(row["node_id"] for _, row in self._scored(text, papers)[:most])

    def _scored(self, text: str, papers: frozenset[str]) -> list[tuple[float, dict]]:
        """These papers' BM25 scores for the text and their stored rows, best first."""
        tokens = bm25s.tokenize(text, stemmer=self.bm25.stemmer, token_pattern=self.bm25.token_pattern,
                                return_ids=False, show_progress=False)[0]
        known = [t for t in tokens if t in self.bm25.bm25.vocab_dict]
        scores = self.bm25.bm25.get_scores(known) if known else np.zeros(len(self.bm25.corpus))
        # Ties in corpus order: `papers` is a set, whose order changes from run to run.
        places = sorted(i for pid in papers if (i := self._position.get(pid)) is not None)
        return sorted(((float(scores[i]), self.bm25.corpus[i]) for i in places), key=lambda x: -x[0])

    @cached_property
    def _position(self) -> dict[str, int]:
        """Paper id -> its place in the BM25 corpus (one node per paper)."""
        return {node["node_id"]: i for i, node in enumerate(self.bm25.corpus)}

    def _hits(self, text: str, filters: MetadataFilters | None, top_k: int):
        size = len(self.bm25.corpus)
        # With filters, look further down the ranking so enough matching chunks remain.
        with self._lock:
            self.bm25.similarity_top_k = min(size, max(self.chunks_k, top_k) if not filters else size)
            raw = self.bm25.retrieve(QueryBundle(text))
        hits = [h for h in raw if (h.score or 0) > 0]
        keep = matcher(filters)
        return [h for h in hits if keep(h.node.metadata)] if filters else hits
