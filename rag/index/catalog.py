"""Every paper's metadata and full abstract, read from the index (not from the corpus files).

Built from the BM25 side's per-paper nodes, so it matches what can be retrieved; used for
metadata questions (filters and sorts over all papers) and for source cards.
"""
from __future__ import annotations

from dataclasses import dataclass

from rag.retrieve.base import PaperHit
from rag.retrieve.filters import matches

FIELDS = ("paper_id", "title", "authors", "org", "date", "year", "upvotes", "sources")


@dataclass
class Catalog:
    papers: dict[str, dict]

    @classmethod
    def from_node_dicts(cls, chunks: list[dict]) -> Catalog:
        papers: dict[str, dict] = {}
        for c in chunks:
            entry = papers.setdefault(c["paper_id"], {k: c[k] for k in FIELDS if k in c})
            if "abstract" in c:
                entry["abstract"] = c["abstract"]
        return cls(papers)

    def __len__(self) -> int:
        return len(self.papers)

    def abstract(self, paper_id: str) -> str:
        return self.papers.get(paper_id, {}).get("abstract", "")

    def orgs(self) -> list[str]:
        return sorted({p["org"] for p in self.papers.values() if p.get("org")})

    def select(self, filters=None, sort: str | None = None, descending: bool = True) -> list[PaperHit]:
        """Papers matching the filters, sorted by a metadata field (papers lacking it left out)."""
        rows = [p for p in self.papers.values() if matches(p, filters)]
        if sort:
            rows = sorted((p for p in rows if p.get(sort) is not None), key=lambda p: p[sort], reverse=descending)
        return [PaperHit(p["paper_id"], p["title"], {k: v for k, v in p.items() if k != "abstract"}, score=1.0)
                for p in rows]
