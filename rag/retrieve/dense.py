"""Dense retrieval from Chroma through llama-index's vector index retriever."""
from __future__ import annotations

import math

from llama_index.core import VectorStoreIndex
from llama_index.core.schema import QueryBundle
from llama_index.vector_stores.chroma import ChromaVectorStore

from rag.retrieve.base import PaperHit, Query, Retriever, group_by_paper


class DenseRetriever(Retriever):
    def __init__(self, collection, embed_model, chunks_k: int):
        self.index = VectorStoreIndex.from_vector_store(ChromaVectorStore(chroma_collection=collection),
                                                        embed_model=embed_model)
        self.embed_model = embed_model
        self.chunks_k = chunks_k

    def retrieve(self, query: Query, embedding: list[float] | None = None) -> list[PaperHit]:
        retriever = self.index.as_retriever(similarity_top_k=self.chunks_k, filters=query.filters)
        bundle = QueryBundle(query.text, embedding=embedding or self.embed_model.get_query_embedding(query.text))
        hits = retriever.retrieve(bundle)
        for h in hits:  # llama-index reports exp(-cosine distance); turn it back into cosine
            h.score = 1.0 + math.log(max(h.score or 1e-9, 1e-9))
        return group_by_paper(hits, "dense")[: query.top_k]
