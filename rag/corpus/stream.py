"""A corpus read in passes and never held whole, for ingesting files of any size.

1. `scan()` reads every record once, validating all of them (so a bad record stops the
   ingest before anything is written) and keeping only each paper's id and content hash.
   Copies of one paper (the same title twice) are the exception: when there are any, a
   second read keeps just those records, to merge them field by field as `load_corpus`
   would. (The first read cannot keep them: a copy is only known as one when it is met
   again, and holding every record in case would hold the whole corpus.)
2. `papers(ids)` reads the files again and yields just the papers to embed.
Memory grows with the number of papers (an id and a hash each, about 200 bytes), not with
the size of their abstracts.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from rag.corpus.records import CorpusError, Paper, merge, title_key


class CorpusStream:
    def __init__(self, paths: list[str | Path], on_error: str = "raise", errors: list[str] | None = None):
        self.paths, self.on_error, self.errors = paths, on_error, errors
        self._passes = 0
        self._merged: dict[str, Paper] = {}   # title key -> the merged copies
        self._hashes: dict[str, str] | None = None  # scan's result: an ingest asks for it once per collection

    def _entries(self) -> Iterator[Paper]:
        from rag.corpus import iter_entries  # the package imports this module

        sink = self.errors if self._passes == 0 else None  # report skipped records once
        self._passes += 1
        return iter_entries(self.paths, self.on_error, sink)

    def scan(self) -> dict[str, str]:
        """paper id -> content hash for every paper, in corpus order; read once, however often
        asked (the chunks' and the sentences' ingests, and a rebuild's check, all ask)."""
        if self._hashes is not None:
            return self._hashes
        first: dict[str, tuple[str, str]] = {}  # title key -> (id, hash) of its first entry
        copies: set[str] = set()
        for entry in self._entries():
            key = title_key(entry.title)
            if key in first:
                copies.add(key)
            else:
                first[key] = (entry.id, entry.content_hash())
        if copies:
            self._merged = {title_key(p.title): p for p in merge(e for e in self._entries() if title_key(e.title) in copies)}
        hashes: dict[str, str] = {}
        owner: dict[str, str] = {}
        for key, (pid, digest) in first.items():
            if key in self._merged:
                pid, digest = self._merged[key].id, self._merged[key].content_hash()
            if pid in hashes:
                raise CorpusError("corpus", None, f"two different papers share the id {pid!r}: {owner[pid]!r} and {key!r}")
            hashes[pid], owner[pid] = digest, key
        if not hashes:  # a corpus of nothing would delete every indexed paper: refused, the index kept
            raise CorpusError(", ".join(map(str, self.paths)) or "corpus", None,
                              "no paper found (a listing .txt or .jsonl file holds them); the index is left as it was")
        self._hashes = hashes
        return hashes

    def papers(self, ids: set[str]) -> Iterator[Paper]:
        """The papers with these ids (after `scan`), each once."""
        for entry in self._entries():
            if entry.id in ids and title_key(entry.title) not in self._merged:
                yield entry
        for paper in self._merged.values():
            if paper.id in ids:
                yield paper
