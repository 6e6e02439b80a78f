"""The BM25 side of hybrid retrieval, kept consistent with the Chroma collection.

It is built from what the collection holds (so it works the same against a Chroma
server) and persisted next to the index with the collection revision it was built from;
when the collection's revision moves on, it is rebuilt.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from llama_index.core.schema import TextNode
from llama_index.core.vector_stores.utils import metadata_dict_to_node
from llama_index.retrievers.bm25 import BM25Retriever

from rag.index.store import revision

STAMP = "revision.json"


def all_nodes(col, page: int = 5000) -> list[TextNode]:
    nodes: list[TextNode] = []
    offset = 0
    while True:
        got = col.get(include=["documents", "metadatas"], limit=page, offset=offset)
        for doc, meta in zip(got["documents"], got["metadatas"]):
            nodes.append(metadata_dict_to_node(meta, text=doc))
        if len(got["ids"]) < page:
            return nodes
        offset += page


def load_or_build(col, folder: Path, top_k: int) -> BM25Retriever | None:
    """The persisted BM25 index if it matches the collection, else a fresh one; None if empty."""
    rev = revision(col)
    stamp = folder / STAMP
    if stamp.is_file() and json.loads(stamp.read_text()).get("revision") == rev:
        retriever = BM25Retriever.from_persist_dir(str(folder))
        retriever.similarity_top_k = top_k
        return retriever
    nodes = all_nodes(col)
    if not nodes:
        return None
    retriever = BM25Retriever.from_defaults(nodes=nodes, similarity_top_k=min(top_k, len(nodes)))
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    retriever.persist(str(tmp))
    (tmp / STAMP).write_text(json.dumps({"revision": rev, "nodes": len(nodes)}))
    # Swap in whole so a reader never sees half a folder.
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)
    return retriever
