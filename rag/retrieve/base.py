"""What a retriever returns: papers, ranked, each with its best chunks."""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from llama_index.core.schema import NodeWithScore
from llama_index.core.vector_stores import MetadataFilters


@dataclass
class ChunkHit:
    chunk_id: str
    text: str
    score: float


@dataclass
class PaperHit:
    paper_id: str
    title: str
    meta: dict
    score: float = 0.0           # the ranking score (fused for hybrid)
    dense: float | None = None   # best chunk cosine similarity, raw
    bm25: float | None = None    # best chunk BM25 score, raw
    dense_rank: int | None = None  # place in the dense ranking (0 = first); None = not found by it
    bm25_rank: int | None = None   # place in the BM25 ranking
    sentence: float | None = None  # cosine of the question to the paper's closest sentence (title included)
    chunks: list[ChunkHit] = field(default_factory=list)


@dataclass
class Query:
    text: str
    filters: MetadataFilters | None = None
    top_k: int = 10
    meaning: str = ""  # what the dense side embeds, when not `text`: the words without the forms added for BM25

    @property
    def dense_text(self) -> str:
        return self.meaning or self.text


class Retriever(ABC):
    """Question in, papers out; implementations differ only in how they score."""

    @abstractmethod
    def retrieve(self, query: Query) -> list[PaperHit]: ...


def group_by_paper(hits: list[NodeWithScore], kind: str) -> list[PaperHit]:
    """Chunks -> papers, a paper scored by its best chunk; order by that score."""
    papers: dict[str, PaperHit] = {}
    for hit in sorted(hits, key=lambda h: h.score or 0.0, reverse=True):
        meta = hit.node.metadata
        pid = meta["paper_id"]
        paper = papers.get(pid)
        if paper is None:
            paper = papers[pid] = PaperHit(pid, meta["title"], public_meta(meta), score=hit.score or 0.0)
            setattr(paper, kind, hit.score or 0.0)
            setattr(paper, kind + "_rank", len(papers) - 1)
        paper.chunks.append(ChunkHit(hit.node.node_id, hit.node.get_content(), hit.score or 0.0))
    return list(papers.values())


def public_meta(meta: dict) -> dict:
    return {k: v for k, v in meta.items() if k not in ("chunk", "hash", "abstract") and not k.startswith("_")}
