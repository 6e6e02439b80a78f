"""The whole flow, each step a public method: ingest -> understand -> retrieve -> answer.

This is also the one place where components are built from config (embedding model,
Chroma, retrievers, answer backends); everything else receives them.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from functools import cached_property

from rag.answer.base import Answer, Answerer
from rag.answer.extractive import ExtractiveAnswerer
from rag.answer.relevance import Relevance
from rag.config import Settings, env_secret
from rag.corpus import load_corpus
from rag.index.bm25 import load_or_build
from rag.index.catalog import Catalog
from rag.index.chunking import Chunker
from rag.index.embeddings import build_embedding, embedding_id
from rag.index.ingest import Ingestor, IngestReport
from rag.index.store import connect, open_collection, revision
from rag.retrieve.base import PaperHit, Query, Retriever
from rag.retrieve.dense import DenseRetriever
from rag.retrieve.hybrid import HybridRetriever
from rag.retrieve.sparse import SparseRetriever
from rag.retrieve.understand import QueryPlan, understand
from rag.tokens import use_bundled_tiktoken_cache

RETRIEVERS = ("hybrid", "dense", "bm25")


class QuestionError(ValueError):
    """A question that cannot be asked as it is; the message says what to change."""


@dataclass
class _Searchers:
    revision: str
    catalog: Catalog
    sparse: SparseRetriever
    relevance: Relevance


class Pipeline:
    def __init__(self, settings: Settings):
        use_bundled_tiktoken_cache()
        self.settings = settings
        self._searchers: _Searchers | None = None

    # --- components -----------------------------------------------------------------
    @cached_property
    def embed_model(self):
        return build_embedding(self.settings.embedding, env_secret(self.settings.embedding.api_key_env))

    @cached_property
    def client(self):
        return connect(self.settings.index, env_secret(self.settings.index.auth_token_env))

    @cached_property
    def collection(self):
        return open_collection(self.client, self.settings.index, embedding_id(self.settings.embedding))

    @cached_property
    def dense(self) -> DenseRetriever:
        return DenseRetriever(self.collection, self.embed_model, self.settings.retrieval.dense_k)

    def searchers(self) -> _Searchers:
        """BM25, catalog and relevance, rebuilt when the collection has changed since."""
        rev = revision(self.collection)
        if self._searchers is None or self._searchers.revision != rev:
            bm25 = load_or_build(self.collection, self.settings.index.dir / "bm25" / self.settings.index.collection,
                                 self.settings.retrieval.bm25_k)
            if bm25 is None:
                raise QuestionError("the index is empty: run `rag ingest` first")
            catalog = Catalog.from_chunk_dicts(bm25.corpus)
            self._searchers = _Searchers(rev, catalog, SparseRetriever(bm25, self.settings.retrieval.bm25_k),
                                         Relevance(self.settings.answer, catalog))
        return self._searchers

    def retriever(self, kind: str = "hybrid") -> Retriever:
        if kind == "dense":
            return self.dense
        if kind == "bm25":
            return self.searchers().sparse
        if kind == "hybrid":
            return HybridRetriever(self.dense, self.searchers().sparse, self.settings.retrieval)
        raise ValueError(f"unknown retriever {kind!r}; choose one of {', '.join(RETRIEVERS)}")

    def answerer(self, backend: str | None = None) -> Answerer:
        name = backend or self.settings.answer.backend
        if name == "extractive":
            return ExtractiveAnswerer(self.settings.answer, self.searchers().relevance)
        raise QuestionError(f"unknown backend {name!r}; configured: extractive")

    # --- steps ----------------------------------------------------------------------
    def index_is_empty(self) -> bool:
        return self.collection.count() == 0

    def ingest(self, paths: list[str] | None = None, progress: bool = True) -> IngestReport:
        errors: list[str] = []
        papers = load_corpus(paths or self.settings.corpus.paths or None, self.settings.corpus.on_error, errors)
        ingestor = Ingestor(self.collection, self.embed_model, Chunker(self.settings.chunking),
                            max_batch=min(self.client.get_max_batch_size(), 512))
        report = ingestor.run(papers, progress=progress)
        report.errors = errors
        return report

    def check_question(self, question: str) -> str:
        question = " ".join((question or "").split())
        if not question:
            raise QuestionError("The question is empty: type what you want to know about the papers.")
        limit = self.settings.answer.max_question_chars
        if len(question) > limit:
            raise QuestionError(f"The question is {len(question):,} characters long; the limit is {limit:,} "
                                "(answer.max_question_chars). Ask something shorter.")
        return question

    def understand(self, question: str) -> QueryPlan:
        return understand(self.check_question(question), self.searchers().catalog.orgs())

    def retrieve(self, plan: QueryPlan, top_k: int | None = None, retriever: str = "hybrid") -> list[PaperHit]:
        top_k = top_k or self.settings.retrieval.top_k
        if plan.metadata_only:
            return self.searchers().catalog.select(plan.metadata_filters, plan.sort, plan.descending)
        return self.retriever(retriever).retrieve(Query(plan.text, plan.metadata_filters, top_k))

    def answer(self, plan: QueryPlan, hits: list[PaperHit], backend: str | None = None) -> Answer:
        return self.answerer(backend).answer(plan, hits)

    def ask(self, question: str, top_k: int | None = None, backend: str | None = None,
            retriever: str = "hybrid", extra_filters: list | None = None) -> Answer:
        t0 = time.perf_counter()
        plan = self.understand(question)
        plan.filters += extra_filters or []
        hits = self.retrieve(plan, top_k, retriever)
        t1 = time.perf_counter()
        result = self.answer(plan, hits, backend)
        t2 = time.perf_counter()
        result.retrieved = [{"paper_id": h.paper_id, "title": h.title} for h in hits]
        result.timings_ms = {"retrieve": round((t1 - t0) * 1000, 1), "answer": round((t2 - t1) * 1000, 1),
                             "total": round((t2 - t0) * 1000, 1)}
        return result

    def stats(self) -> dict:
        s = self.settings
        where = str(s.index.dir) if s.index.mode == "embedded" else f"http://{s.index.host}:{s.index.port}"
        chunks = self.collection.count()
        papers = len(self.searchers().catalog) if chunks else 0
        return {"papers": papers, "chunks": chunks, "index": where, "collection": s.index.collection,
                "embedding_model": embedding_id(s.embedding), "config": s.source}
