"""The BM25 side of hybrid retrieval, kept consistent with the Chroma collection.

It is built from what the collection holds (so it works the same against a Chroma
server) and persisted next to the index with the collection revision it was built from;
when the collection's revision moves on, it is rebuilt.

The build streams: the collection is read a page at a time, each page's token ids are kept
as compact arrays and its node dicts go straight to disk. Going through llama-index's
`BM25Retriever.from_defaults` instead holds every node, its serialised copy and its string
tokens at once: 2.5 GB at 100k papers. The index is then bm25s's own (same tokenizer,
stemmer and stopwords as the retriever's) and is loaded back as a llama-index retriever.
"""
from __future__ import annotations

import json
import shutil
from array import array
from collections import Counter
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import bm25s
import Stemmer
from llama_index.core.schema import MetadataMode, TextNode
from llama_index.core.vector_stores.utils import node_to_metadata_dict
from llama_index.retrievers.bm25 import BM25Retriever

from rag.index.memory import release_free_memory
from rag.index.postings import Postings
from rag.text import Acronyms, document_frequencies, mine_acronyms, other_forms, year_forms

STAMP = "revision.json"
DF = "document_frequencies.json"  # the answer step's term statistics, built with the index
FORMAT = 11  # bump when what is indexed changes, so persisted indexes are rebuilt
TOKEN_PATTERN = r"(?u)\b\w\w+\b"  # BM25Retriever's default, which its queries use
PAGE = 5000


def paper_pages(col, page: int = PAGE) -> Iterator[list[dict]]:
    """Each paper's metadata (title, abstract, ...) from its first chunk, a page at a time."""
    offset = 0
    while True:
        got = col.get(where={"chunk": 0}, include=["metadatas"], limit=page, offset=offset)
        yield [{k: v for k, v in m.items() if not k.startswith(("_", "document_id", "doc_id", "ref_doc_id"))}
               for m in got["metadatas"]]
        if len(got["ids"]) < page:
            return
        offset += page


def paper_nodes(metas: list[dict], acronyms: Acronyms) -> list[TextNode]:
    """One node per paper, title + whole abstract.

    BM25 scores whole abstracts better than chunks: terms a question combines ("GRPO" and
    "multimodal") often sit in different chunks of the same abstract. Each paper is also
    indexed under the other form of the acronyms it uses ("GRPO" <-> "group relative policy
    optimization"), mined from definitions elsewhere in the corpus, and under the other spelling
    of a name with a year ("AIME24" <-> "AIME 2024"). The abstract is stored
    once, as the node's text (the catalog reads it from there).
    """
    nodes = []
    for m in metas:
        m = dict(m)
        abstract = m.pop("abstract", "")
        text = f"{m['title']}\n{abstract}"
        also = " ".join(other_forms(text, acronyms) + year_forms(text))
        nodes.append(TextNode(id_=m["paper_id"], text=text, metadata={**m, "also": also},
                              excluded_embed_metadata_keys=list(m), excluded_llm_metadata_keys=[*m, "also"]))
    return nodes


class _JsonLines:
    """A re-iterable view of a JSON-lines file, so bm25s can save a corpus it never holds."""

    def __init__(self, path: Path):
        self.path = path

    def __iter__(self):
        with self.path.open(encoding="utf-8") as f:
            for line in f:
                yield json.loads(line)


def build(col, folder: Path, rev: str, page: int = PAGE) -> bool:
    """Build and persist the BM25 index of the collection into `folder`; False if it is empty."""
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    part = tmp.with_name(tmp.name + ".corpus.jsonl")
    texts = tmp.with_name(tmp.name + ".texts.tsv")
    try:
        tokenizer = bm25s.tokenization.Tokenizer(splitter=TOKEN_PATTERN, stopwords="en",
                                                 stemmer=Stemmer.Stemmer("english"))
        release_free_memory()  # an ingest's leftovers, before this build's peak
        ids, df = _tokenize(col, page, tokenizer, part, texts)
        release_free_memory()  # the pages read and tokenised, before bm25s builds its matrix
        if not ids:
            shutil.rmtree(tmp)
            return False
        bm25 = bm25s.BM25(corpus=_JsonLines(part))
        bm25.index((ids, tokenizer.get_vocab_dict()), show_progress=False)
        del ids
        BM25Retriever(existing_bm25=bm25, similarity_top_k=1).persist(str(tmp), show_progress=False)
        nodes = int(bm25.scores["num_docs"])
        del bm25
        release_free_memory()
        # The postings last, from the texts put aside: built beside the token ids, they were the
        # build's peak (about 140 MB more at 100k papers).
        Postings.build(_read_texts(texts)).save(tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        part.unlink(missing_ok=True)
        texts.unlink(missing_ok=True)
    (tmp / DF).write_text(json.dumps(df))
    (tmp / STAMP).write_text(json.dumps({"revision": rev, "format": FORMAT, "nodes": nodes}))
    # Swap in whole so a reader never sees half a folder.
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)
    return True


def _tokenize(col, page: int, tokenizer, corpus_file: Path, texts_file: Path) -> tuple[list[array], Counter]:
    """Token ids per paper (compact arrays) and term document frequencies; the node dicts the
    retriever returns go to `corpus_file` as they are made, and each paper's catalog text to
    `texts_file`, for the postings.

    The collection is read once: the acronyms need every abstract before any paper's node is
    made, so the papers are put aside on disk (beside `texts_file`) while they are mined, and
    the nodes are made from there."""
    papers = texts_file.with_name(texts_file.name + ".papers.jsonl")
    try:
        with papers.open("w", encoding="utf-8") as f:
            acronyms = mine_acronyms(_put_aside(paper_pages(col, page), f))
        ids: list[array] = []
        df: Counter = Counter()
        with corpus_file.open("w", encoding="utf-8") as out, texts_file.open("w", encoding="utf-8") as aside:
            for metas in _pages_of(papers, page):
                nodes = paper_nodes(metas, acronyms)
                texts = [n.get_content(metadata_mode=MetadataMode.EMBED) for n in nodes]
                ids += [array("I", doc) for doc in tokenizer.streaming_tokenize(texts)]
                df.update(document_frequencies(n.text for n in nodes))
                # One line per paper: its text's tabs and newlines become spaces (terms ignore them).
                aside.writelines(f"{n.node_id}\t{' '.join(_catalog_text(n).split())}\n" for n in nodes)
                out.writelines(json.dumps(node_to_metadata_dict(n) | {"node_id": n.node_id}) + "\n" for n in nodes)
    finally:
        papers.unlink(missing_ok=True)
    return ids, df


def _put_aside(pages: Iterator[list[dict]], f) -> Iterator[str]:
    """Each paper's abstract, its metadata written to `f` on the way."""
    for metas in pages:
        f.writelines(json.dumps(m) + "\n" for m in metas)
        yield from (m.get("abstract", "") for m in metas)


def _pages_of(path: Path, page: int) -> Iterator[list[dict]]:
    with path.open(encoding="utf-8") as f:
        while metas := [json.loads(line) for line in islice(f, page)]:
            yield metas


def _read_texts(path: Path) -> Iterator[tuple[str, str]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            pid, _, text = line.rstrip("\n").partition("\t")
            yield pid, text


def _catalog_text(node: TextNode) -> str:
    """What `Catalog.text` gives for the paper: title, abstract, the other forms of its acronyms."""
    title, _, abstract = node.text.partition("\n")
    return f"{title} {abstract} {node.metadata['also']}"


def load_or_build(col, folder: Path, top_k: int, rev: str) -> BM25Retriever | None:
    """The persisted BM25 index if it was built at revision `rev`, else a fresh one; None if empty."""
    stamp = folder / STAMP
    built = json.loads(stamp.read_text()) if stamp.is_file() else {}
    if not (built.get("revision") == rev and built.get("format") == FORMAT) and not build(col, folder, rev):
        return None
    retriever = BM25Retriever.from_persist_dir(str(folder), show_progress=False)
    retriever.similarity_top_k = min(top_k, len(retriever.corpus))
    return retriever


def load_document_frequencies(folder: Path) -> dict[str, int]:
    """term -> number of papers containing it, as saved by the last build."""
    return json.loads((folder / DF).read_text())
