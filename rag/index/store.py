"""The Chroma collection: embedded (PersistentClient) or client/server (HttpClient)."""
from __future__ import annotations

import uuid

import chromadb
import httpx
from chromadb.config import Settings as ChromaSettings
from chromadb.errors import ChromaError

from rag.config import IndexConfig


class StoreError(RuntimeError):
    """Chroma cannot be reached or the collection does not fit this config."""


# What a Chroma call raises when the store is down or refuses: turned into StoreError.
STORE_ERRORS = (httpx.HTTPError, ChromaError, ConnectionError)


def describe(cfg: IndexConfig) -> str:
    return f"http://{cfg.host}:{cfg.port}" if cfg.mode == "http" else str(cfg.dir)


def unreachable(cfg: IndexConfig, exc: Exception) -> StoreError:
    hint = (f"is the server running? `chroma run --path DIR --host {cfg.host} --port {cfg.port}`"
            if cfg.mode == "http" else "check the folder and its permissions")
    return StoreError(f"the Chroma index at {describe(cfg)} failed ({type(exc).__name__}: "
                      f"{str(exc).splitlines()[0][:160] if str(exc) else ''}); {hint}")


def connect(cfg: IndexConfig, auth_token: str | None = None):
    """A Chroma client for the configured mode; telemetry off (no outside calls)."""
    settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if cfg.mode == "http":
            headers = {"Authorization": f"Bearer {auth_token}"} if auth_token else None
            client = chromadb.HttpClient(host=cfg.host, port=cfg.port, ssl=cfg.ssl, headers=headers,
                                         settings=settings)
            client.heartbeat()
            return client
        cfg.dir.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(cfg.dir / "chroma"), settings=settings)
    except Exception as exc:  # chromadb raises many kinds here; all mean the same to a user
        raise unreachable(cfg, exc) from None


# The sentence vectors are read by id, never searched: a sparse HNSW graph is built for them
# (Chroma builds one for every collection). Adding 50k random vectors took 11 s instead of 43.
READ_BY_ID = {"hnsw:M": 4, "hnsw:construction_ef": 8}


def open_collection(client, cfg: IndexConfig, embedding_id: str, create: bool = True, name: str | None = None,
                    hnsw: dict | None = None):
    """The chunk collection (or another of the index, by `name`, created with `hnsw` settings);
    refuses one built with a different embedding model."""
    name = name or cfg.collection
    try:
        if create:
            col = client.get_or_create_collection(
                name, embedding_function=None,
                metadata={"hnsw:space": "cosine", **(hnsw or {}), "embedding": embedding_id, "revision": "new"})
        else:
            col = client.get_collection(name, embedding_function=None)
    except Exception as exc:
        if not create:
            return None
        raise StoreError(f"cannot open collection {name!r}: {exc}") from exc
    _set_search_breadth(col, cfg.ef_search)
    built_with = (col.metadata or {}).get("embedding")
    if built_with and built_with != embedding_id:
        raise StoreError(f"collection {name!r} was built with {built_with}, config asks for "
                         f"{embedding_id}: run `rag ingest --rebuild` or change index.collection")
    return col


def sentences_name(cfg: IndexConfig) -> str:
    """The collection of the papers' sentence vectors, beside the chunks' (index/chunking.py: Sentences)."""
    return f"{cfg.collection}-sentences"


def _set_search_breadth(col, ef_search: int) -> None:
    """Chroma's default ef_search (100) let a 510-chunk index miss near neighbours, and the
    misses differed from process to process; a wider search is exact at that size and
    stays cheap at 100k papers."""
    hnsw = (getattr(col, "configuration_json", None) or {}).get("hnsw") or {}
    if hnsw and hnsw.get("ef_search") != ef_search:
        col.modify(configuration={"hnsw": {"ef_search": ef_search}})


def revision(col, client=None) -> str:
    """The collection's revision; with a client, read afresh (another process may have ingested)."""
    meta = client.get_collection(col.name).metadata if client is not None else col.metadata
    return str((meta or {}).get("revision", ""))


def bump_revision(col) -> str:
    """Mark the collection changed; the BM25 side compares this to know it is stale."""
    rev = uuid.uuid4().hex
    meta = {k: v for k, v in (col.metadata or {}).items() if not k.startswith("hnsw:")}
    col.modify(metadata={**meta, "revision": rev})
    return rev


def stored_hashes(col, page: int = 5000) -> dict[str, str]:
    """paper_id -> content hash for every paper with chunks in the collection."""
    hashes: dict[str, str] = {}
    offset = 0
    while True:
        got = col.get(include=["metadatas"], limit=page, offset=offset)
        for meta in got["metadatas"]:
            hashes[meta["paper_id"]] = meta["hash"]
        if len(got["ids"]) < page:
            return hashes
        offset += page


def delete_papers(col, paper_ids: list[str], page: int = 500) -> None:
    """Every chunk of these papers, a page of ids per call (Chroma caps a filter's size)."""
    for i in range(0, len(paper_ids), page):
        col.delete(where={"paper_id": {"$in": paper_ids[i:i + page]}})
