"""Corpus: listing files and JSONL in, merged paper records out."""
from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from rag.corpus.jsonl import iter_jsonl
from rag.corpus.listing import parse_listing
from rag.corpus.records import CorpusError, Paper, merge, slugify, title_key
from rag.corpus.stream import CorpusStream

__all__ = ["CorpusError", "CorpusStream", "Paper", "load_corpus", "load_entries", "iter_entries",
           "default_corpus_paths", "slugify", "title_key"]


def default_corpus_paths() -> list[Path]:
    """The four listings shipped inside the package."""
    folder = resources.files("rag") / "data" / "corpus"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


def corpus_files(paths: list[str | Path]) -> list[Path]:
    """Expand folders into their .txt and .jsonl files."""
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(f for f in p.iterdir() if f.suffix in (".txt", ".jsonl"))
        elif p.exists():
            files.append(p)
        else:
            raise CorpusError(str(p), None, "no such file or folder")
    return files


def iter_entries(paths: list[str | Path], on_error: str = "raise",
                 errors: list[str] | None = None) -> Iterator[Paper]:
    """Every entry of every file, before de-duplication; JSONL is read a line at a time."""
    for f in corpus_files(paths):
        if f.suffix == ".jsonl":
            yield from iter_jsonl(f, on_error=on_error, errors=errors)
        else:
            try:
                yield from parse_listing(f)
            except CorpusError as exc:
                if on_error == "raise":
                    raise
                if errors is not None:
                    errors.append(str(exc))


def load_entries(paths: list[str | Path], on_error: str = "raise", errors: list[str] | None = None) -> list[Paper]:
    return list(iter_entries(paths, on_error, errors))


def load_corpus(paths: list[str | Path] | None = None, on_error: str = "raise",
                errors: list[str] | None = None) -> list[Paper]:
    """Unique papers with metadata merged across copies; the shipped listings by default."""
    entries = load_entries(paths or default_corpus_paths(), on_error=on_error, errors=errors)
    papers = merge(entries)
    _check_unique_ids(papers)
    return papers


def _check_unique_ids(papers: list[Paper]) -> None:
    seen: dict[str, Paper] = {}
    for p in papers:
        if p.id in seen:
            raise CorpusError(",".join(p.sources), None, f"two different papers share the id {p.id!r}: "
                              f"{seen[p.id].title!r} and {p.title!r}")
        seen[p.id] = p
