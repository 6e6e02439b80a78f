"""The plain baselines the default is measured against (the eval issue's table).

- `bm25-plain`: BM25 over title + abstract, one document per paper, nothing added;
- `dense-paper`: MiniLM over title + abstract, one vector per paper, no chunking (the model
  sees only the first 256 WordPiece tokens, as a plain setup would);
- `rrf-plain`: reciprocal-rank fusion of those two;
- `dense-top2`: llama-index's default, the 2 most similar chunks.
Built in memory from the catalog on first use; for measuring, not for serving.
"""
from __future__ import annotations

import numpy as np
from llama_index.core.schema import TextNode
from llama_index.retrievers.bm25 import BM25Retriever

from rag.config import RetrievalConfig
from rag.index.catalog import Catalog
from rag.retrieve.base import PaperHit, Query, Retriever
from rag.retrieve.dense import DenseRetriever
from rag.retrieve.filters import matcher
from rag.retrieve.hybrid import fuse
from rag.retrieve.sparse import SparseRetriever

BASELINES = ("bm25-plain", "dense-paper", "rrf-plain", "dense-top2")


def _text(catalog: Catalog, paper: dict) -> str:
    return f"{paper['title']}\n{catalog.abstract(paper['paper_id'])}"


class PaperDenseRetriever(Retriever):
    """One embedding per paper, cosine similarity in numpy."""

    def __init__(self, catalog: Catalog, embed_model):
        self.papers = list(catalog.papers.values())
        self.embed_model = embed_model
        vecs = np.asarray(embed_model.get_text_embedding_batch([_text(catalog, p) for p in self.papers]))
        self.matrix = vecs / np.linalg.norm(vecs, axis=1, keepdims=True)

    def retrieve(self, query: Query) -> list[PaperHit]:
        q = np.asarray(self.embed_model.get_query_embedding(query.text))
        sims = self.matrix @ (q / np.linalg.norm(q))
        hits, keep = [], matcher(query.filters)
        for i in np.argsort(-sims):
            paper = self.papers[i]
            if keep(paper):
                meta = {k: v for k, v in paper.items() if k != "abstract"}
                hits.append(PaperHit(paper["paper_id"], paper["title"], meta, score=float(sims[i]),
                                     dense=float(sims[i]), dense_rank=len(hits)))
            if len(hits) == query.top_k:
                break
        return hits


class RRFRetriever(Retriever):
    def __init__(self, dense: Retriever, sparse: Retriever, cfg: RetrievalConfig):
        self.dense, self.sparse = dense, sparse
        self.cfg = cfg.model_copy(update={"fusion": "reciprocal_rerank", "dense_weight": 0.5})

    def retrieve(self, query: Query) -> list[PaperHit]:
        wide = Query(query.text, query.filters, max(query.top_k, self.cfg.dense_k))
        return fuse(self.dense.retrieve(wide), self.sparse.retrieve(wide), self.cfg)[: query.top_k]


def build_baseline(name: str, catalog: Catalog, collection, embed_model, cfg: RetrievalConfig) -> Retriever:
    if name == "dense-top2":
        return DenseRetriever(collection, embed_model, 2)
    nodes = [TextNode(id_=p["paper_id"], text=_text(catalog, p), metadata={k: v for k, v in p.items() if k != "abstract"})
             for p in catalog.papers.values()]
    bm25 = SparseRetriever(BM25Retriever.from_defaults(nodes=nodes, similarity_top_k=cfg.bm25_k), cfg.bm25_k)
    if name == "bm25-plain":
        return bm25
    dense = PaperDenseRetriever(catalog, embed_model)
    if name == "dense-paper":
        return dense
    if name == "rrf-plain":
        return RRFRetriever(dense, bm25, cfg)
    raise ValueError(f"unknown baseline {name!r}")
