"""Papers -> llama-index nodes: abstracts split to fit the embedding model's window.

Sizes are counted with tiktoken (cl100k_base). WordPiece counts run higher than tiktoken's
for the same text, so the default chunk_size leaves headroom: every chunk of the shipped
corpus, title included, stays under the model's 256 WordPiece tokens (see the tests).
"""
from __future__ import annotations

from llama_index.core.node_parser import SentenceSplitter
from llama_index.core.schema import Document, MetadataMode, TextNode

from rag.config import ChunkConfig
from rag.corpus import Paper
from rag.text import sentences
from rag.tokens import tiktoken_encoder

# Metadata stored on every chunk (so Chroma can filter on it); only the title is embedded.
STORED_FIELDS = ("paper_id", "title", "authors", "org", "date", "year", "upvotes", "hash", "sources")
EMBEDDED_FIELDS = ("title",)


def paper_metadata(paper: Paper) -> dict:
    """Flat, Chroma-safe metadata: missing values are left out rather than stored as null."""
    meta = {
        "paper_id": paper.id, "title": paper.title, "authors": paper.authors, "org": paper.org,
        "date": paper.date, "year": paper.year, "upvotes": paper.upvotes,
        "hash": paper.content_hash(), "sources": ",".join(paper.sources),
    }
    return {k: v for k, v in meta.items() if v is not None}


class Chunker:
    kind = "chunks"

    def __init__(self, cfg: ChunkConfig):
        self.cfg = cfg
        self.splitter = SentenceSplitter(chunk_size=cfg.chunk_size, chunk_overlap=cfg.chunk_overlap,
                                         tokenizer=tiktoken_encoder(), include_prev_next_rel=False)

    def document(self, paper: Paper) -> Document:
        meta = paper_metadata(paper)
        embedded = EMBEDDED_FIELDS if self.cfg.embed_title else ()
        hidden = [k for k in meta if k not in embedded]
        return Document(text=paper.abstract, id_=paper.id, metadata=meta,
                        excluded_embed_metadata_keys=hidden, excluded_llm_metadata_keys=hidden,
                        metadata_template="{value}", text_template="{metadata_str}\n{content}")

    def chunks(self, paper: Paper) -> list[TextNode]:
        """The paper's chunks, with ids stable across runs: '<paper_id>#<n>'."""
        nodes = self.splitter.get_nodes_from_documents([self.document(paper)])
        for n, node in enumerate(nodes):
            node.id_ = chunk_id(paper.id, n)
            node.metadata["chunk"] = n
            if n == 0:  # the whole abstract rides on the first chunk, for source cards
                node.metadata["abstract"] = paper.abstract
            node.excluded_embed_metadata_keys += ["chunk", "abstract"]
            node.excluded_llm_metadata_keys += ["chunk", "abstract"]
        return nodes


def chunk_id(paper_id: str, n: int) -> str:
    return f"{paper_id}#{n}"


MAX_SENTENCES = 24  # title + sentences stored per paper; the shipped abstracts have at most 16


class Sentences:
    """Papers -> one node per sentence (the title first), for the sentence vectors that tell
    how closely a paper's best sentence matches a question: a finer signal than a 200-token
    chunk's, which the "which papers" list model reads (answer/relevance.py). Only the
    sentence is embedded; the ids are stable: '<paper_id>#s<n>'."""

    kind = "sentences"

    def chunks(self, paper: Paper) -> list[TextNode]:
        meta = {"paper_id": paper.id, "hash": paper.content_hash()}
        texts = [paper.title, *sentences(paper.abstract)][:MAX_SENTENCES]
        return [TextNode(id_=sentence_id(paper.id, n), text=text, metadata={**meta, "chunk": n},
                         excluded_embed_metadata_keys=[*meta, "chunk"], excluded_llm_metadata_keys=[*meta, "chunk"])
                for n, text in enumerate(texts) if text.strip()]


def sentence_id(paper_id: str, n: int) -> str:
    return f"{paper_id}#s{n}"


def paper_of_sentence(sid: str) -> str:
    return sid.rpartition("#s")[0]


def embed_text(node: TextNode) -> str:
    """Exactly the text the embedding model and BM25 see for a chunk."""
    return node.get_content(metadata_mode=MetadataMode.EMBED)
