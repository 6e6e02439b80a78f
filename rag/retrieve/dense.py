"""Dense retrieval from Chroma through llama-index's vector index retriever."""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from llama_index.core import VectorStoreIndex
from llama_index.core.schema import QueryBundle
from llama_index.vector_stores.chroma import ChromaVectorStore

from rag.index.chunking import MAX_SENTENCES, chunk_id, paper_of_sentence, sentence_id
from rag.retrieve.base import PaperHit, Query, Retriever, group_by_paper

FEEDBACK_CHUNKS = 16  # chunks per paper read for feedback; a shipped abstract has 1-3
SENTENCE_PAGE = 200   # papers per read of sentence ids (x 24): one read of 32,766 ids or more fails in SQLite


class DenseRetriever(Retriever):
    def __init__(self, collection, embed_model, chunks_k: int, sentences=None):
        """`sentences`: the collection of the papers' sentence vectors (index/chunking.py: Sentences)."""
        self.collection = collection
        self.sentences = sentences
        self.index = VectorStoreIndex.from_vector_store(ChromaVectorStore(chroma_collection=collection),
                                                        embed_model=embed_model)
        self.embed_model = embed_model
        self.chunks_k = chunks_k
        # A question is embedded once, though feedback searches it twice (hybrid.py).
        self._embed = lru_cache(maxsize=256)(embed_model.get_query_embedding)

    def retrieve(self, query: Query, embedding: list[float] | None = None) -> list[PaperHit]:
        """`embedding`: search with this vector instead of the question's own."""
        retriever = self.index.as_retriever(similarity_top_k=self.chunks_k, filters=query.filters)
        bundle = QueryBundle(query.dense_text, embedding=embedding or self.query_vector(query.dense_text).tolist())
        hits = retriever.retrieve(bundle)
        for h in hits:  # llama-index reports exp(-cosine distance); turn it back into cosine
            h.score = 1.0 + math.log(max(h.score or 1e-9, 1e-9))
        return group_by_paper(hits, "dense")[: query.top_k]

    def query_vector(self, text: str) -> np.ndarray:
        return _unit(np.asarray(self._embed(text)))

    def paper_vector(self, paper_ids: list[str]) -> np.ndarray | None:
        """The unit mean of these papers' chunk vectors (their first 16 chunks), read back from
        Chroma; None if it has none. Read by chunk id, a key lookup: a `paper_id` filter scans
        the metadata (18 ms at 200k chunks, against 2-3 ms)."""
        ids = [chunk_id(pid, n) for pid in paper_ids for n in range(FEEDBACK_CHUNKS)]
        got = self.collection.get(ids=ids, include=["embeddings"])
        vectors = got.get("embeddings")
        if vectors is None or len(vectors) == 0:
            return None
        return _unit(np.mean(np.asarray(vectors, dtype=float), axis=0))

    def add_sentence_cosines(self, text: str, hits: list[PaperHit]) -> None:
        """Set each hit's `sentence`: the cosine of the question to its closest stored sentence
        (None for a paper with none stored). Read by sentence id, a key lookup, as above."""
        if self.sentences is None or not hits:
            return
        papers = list(dict.fromkeys(h.paper_id for h in hits))
        query = self.query_vector(text)
        best: dict[str, float] = {}
        for i in range(0, len(papers), SENTENCE_PAGE):  # Chroma's SQLite caps the ids of one call
            ids = [sentence_id(pid, n) for pid in papers[i:i + SENTENCE_PAGE] for n in range(MAX_SENTENCES)]
            got = self.sentences.get(ids=ids, include=["embeddings"])  # no metadata: 6 ms, not 25, for 30 papers
            vectors = got.get("embeddings")
            if vectors is None or len(vectors) == 0:
                continue
            for sid, cos in zip(got["ids"], np.asarray(vectors, dtype=float) @ query):
                pid = paper_of_sentence(sid)
                best[pid] = max(best.get(pid, -1.0), float(cos))
        for h in hits:
            h.sentence = best.get(h.paper_id)


def _unit(v: np.ndarray) -> np.ndarray:
    return v / max(float(np.linalg.norm(v)), 1e-12)
