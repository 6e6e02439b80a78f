"""Incremental ingest: embed only new or changed papers, delete removed ones.

The corpus is streamed (`CorpusStream`): ids and hashes first, then only the papers to
embed, in batches sized to Chroma's max batch; memory does not grow with the abstracts.

Crash safety: a paper's chunks always go to Chroma in one `add` call, so a paper is either
wholly stored or absent; a rerun after a crash finds what is missing by its hash and
re-embeds only that. A changed paper is deleted then re-added, so a crash in between
leaves it absent, never half-old.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from llama_index.core.schema import TextNode
from llama_index.vector_stores.chroma import ChromaVectorStore
from tqdm import tqdm

from rag.corpus import CorpusStream, Paper
from rag.index.chunking import Chunker, Sentences, embed_text
from rag.index.store import bump_revision, delete_papers, stored_hashes


@dataclass
class SyncReport:
    """One collection brought in step with the corpus: what changed, and the vectors written."""
    papers: int = 0
    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    embedded: int = 0


@dataclass
class IngestReport(SyncReport):
    """An ingest: the chunk collection's run (its changes, and its vectors as `chunks_embedded`),
    the vectors written to the sentence collection, and the corpus's records left out."""
    sentences_embedded: int = 0
    errors: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, chunks: SyncReport, sentences: SyncReport | None, errors: list[str]) -> IngestReport:
        return cls(**asdict(chunks), sentences_embedded=sentences.embedded if sentences else 0, errors=errors)

    @property
    def chunks_embedded(self) -> int:
        return self.embedded

    def summary(self) -> str:
        return (f"{self.papers} papers: {self.added} added, {self.updated} updated, {self.deleted} deleted, "
                f"{self.unchanged} unchanged; {self.chunks_embedded} chunks and {self.sentences_embedded} "
                "sentences embedded")


@dataclass
class IngestPlan:
    new: list[str]
    changed: list[str]
    removed: list[str]
    unchanged: int

    @property
    def empty(self) -> bool:
        return not (self.new or self.changed or self.removed)


def plan(hashes: dict[str, str], stored: dict[str, str], delete_missing: bool = True) -> IngestPlan:
    """Compare the corpus (id -> hash) with what the collection holds; ids only."""
    new = [pid for pid in hashes if pid not in stored]
    changed = [pid for pid, h in hashes.items() if pid in stored and stored[pid] != h]
    removed = [pid for pid in stored if pid not in hashes] if delete_missing else []
    return IngestPlan(new, changed, removed, len(hashes) - len(new) - len(changed))


class Ingestor:
    """Keeps one collection in step with the corpus: the chunks (a `Chunker`), or the
    sentences (`Sentences`), each planned from its own stored hashes, so a crash between the
    two leaves nothing the next run does not find."""

    def __init__(self, collection, embed_model, chunker: Chunker | Sentences, max_batch: int):
        self.collection = collection
        self.store = ChromaVectorStore(chroma_collection=collection)
        self.embed_model = embed_model
        self.chunker = chunker
        self.max_batch = max_batch

    def run(self, corpus: CorpusStream, progress: bool = True, delete_missing: bool = True) -> SyncReport:
        hashes = corpus.scan()  # reads and checks every record before anything is written
        todo = plan(hashes, stored_hashes(self.collection), delete_missing)
        report = SyncReport(papers=len(hashes), added=len(todo.new), updated=len(todo.changed),
                            deleted=len(todo.removed), unchanged=todo.unchanged)
        if todo.empty:
            return report
        bump_revision(self.collection)
        delete_papers(self.collection, todo.removed + todo.changed)  # changed ones are re-added below
        bar = tqdm(total=len(todo.new) + len(todo.changed), unit="paper", desc=f"Embedding {self.chunker.kind}",
                   disable=not progress, dynamic_ncols=True)
        for batch in self._batches(corpus.papers(set(todo.new) | set(todo.changed))):
            report.embedded += self._write(batch)
            bar.update(len({n.metadata["paper_id"] for n in batch}))
        bar.close()
        bump_revision(self.collection)
        return report

    def _batches(self, papers: Iterable[Paper]) -> Iterable[list[TextNode]]:
        """Chunks grouped so no paper is split across two Chroma writes."""
        batch: list[TextNode] = []
        for paper in papers:
            nodes = self.chunker.chunks(paper)
            if batch and len(batch) + len(nodes) > self.max_batch:
                yield batch
                batch = []
            batch += nodes
        if batch:
            yield batch

    def _write(self, nodes: list[TextNode]) -> int:
        vectors = self.embed_model.get_text_embedding_batch([embed_text(n) for n in nodes])
        for node, vec in zip(nodes, vectors):
            node.embedding = vec
        self.store.add(nodes)
        return len(nodes)
