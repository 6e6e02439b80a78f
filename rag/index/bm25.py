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
from llama_index.retrievers.bm25 import BM25Retriever

from rag.text import document_frequencies, mine_acronyms, other_forms

STAMP = "revision.json"
DF = "document_frequencies.json"  # the answer step's term statistics, built with the index
FORMAT = 5  # bump when what is indexed changes, so persisted indexes are rebuilt


def paper_nodes(col, page: int = 5000) -> list[TextNode]:
    """One node per paper, title + whole abstract, from the metadata its first chunk carries.

    BM25 scores whole abstracts better than chunks: terms a question combines ("GRPO" and
    "multimodal") often sit in different chunks of the same abstract.
    """
    metas: list[dict] = []
    offset = 0
    while True:
        got = col.get(where={"chunk": 0}, include=["metadatas"], limit=page, offset=offset)
        metas += [{k: v for k, v in m.items() if not k.startswith(("_", "document_id", "doc_id", "ref_doc_id"))}
                  for m in got["metadatas"]]
        if len(got["ids"]) < page:
            break
        offset += page
    # Each paper is also indexed under the other form of the acronyms it uses ("GRPO" <->
    # "group relative policy optimization"), mined from definitions elsewhere in the corpus.
    # The abstract is stored once, as the node's text (the catalog reads it from there): at
    # 100k papers a copy in the metadata as well tripled the saved corpus, to 580 MB.
    acronyms = mine_acronyms(m.get("abstract", "") for m in metas)
    nodes = []
    for m in metas:
        abstract = m.pop("abstract", "")
        text = f"{m['title']}\n{abstract}"
        also = " ".join(other_forms(text, acronyms))
        nodes.append(TextNode(id_=m["paper_id"], text=text, metadata={**m, "also": also},
                              excluded_embed_metadata_keys=list(m), excluded_llm_metadata_keys=[*m, "also"]))
    return nodes


def load_or_build(col, folder: Path, top_k: int, rev: str) -> BM25Retriever | None:
    """The persisted BM25 index if it was built at revision `rev`, else a fresh one; None if empty."""
    stamp = folder / STAMP
    built = json.loads(stamp.read_text()) if stamp.is_file() else {}
    if built.get("revision") == rev and built.get("format") == FORMAT:
        retriever = BM25Retriever.from_persist_dir(str(folder), show_progress=False)
        retriever.similarity_top_k = top_k
        return retriever
    nodes = paper_nodes(col)
    if not nodes:
        return None
    try:
        retriever = BM25Retriever.from_defaults(nodes=nodes, similarity_top_k=min(top_k, len(nodes)))
    except ValueError:  # bm25s cannot index a corpus without a single word of two letters or more
        return None
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    retriever.persist(str(tmp), show_progress=False)
    # Computed here, once per revision: at 100k papers it takes about 40 s, too long for start-up.
    df = document_frequencies(n.text for n in nodes)
    (tmp / DF).write_text(json.dumps(df))
    (tmp / STAMP).write_text(json.dumps({"revision": rev, "format": FORMAT, "nodes": len(nodes)}))
    # Swap in whole so a reader never sees half a folder.
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)
    return retriever


def load_document_frequencies(folder: Path) -> dict[str, int]:
    """term -> number of papers containing it, as saved by the last build."""
    return json.loads((folder / DF).read_text())
