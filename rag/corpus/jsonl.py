"""Load a user's own papers from JSONL: one object a line, `title` and `abstract` required."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from rag.corpus.records import CorpusError, Paper, clean_abstract, slugify

_INT_FIELDS = ("authors", "year", "upvotes")
_STR_FIELDS = ("org", "date", "id")


def iter_jsonl(path: str | Path, on_error: str = "raise", errors: list[str] | None = None) -> Iterator[Paper]:
    """Yield papers one line at a time (memory stays flat whatever the file size).

    on_error="raise" stops at the first bad record; "skip" leaves it out and appends the
    message to `errors`.
    """
    path = Path(path)
    with path.open(encoding="utf-8", errors="strict") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                yield _record(json.loads(line), path, n)
            except (json.JSONDecodeError, UnicodeDecodeError, CorpusError) as exc:
                err = exc if isinstance(exc, CorpusError) else CorpusError(str(path), n, f"not valid JSON ({exc})")
                if on_error == "raise":
                    raise err from exc
                if errors is not None:
                    errors.append(str(err))


def _record(obj: object, path: Path, line: int) -> Paper:
    if not isinstance(obj, dict):
        raise CorpusError(str(path), line, "expected a JSON object")
    fields = {}
    for name in ("title", "abstract"):
        value = obj.get(name)
        if not isinstance(value, str) or not value.strip():
            raise CorpusError(str(path), line, f"field {name!r} is required and must be non-empty text")
        fields[name] = value.strip()
    for name in _INT_FIELDS:
        value = obj.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise CorpusError(str(path), line, f"field {name!r} must be an integer, got {value!r}")
        fields[name] = value
    for name in _STR_FIELDS:
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            raise CorpusError(str(path), line, f"field {name!r} must be text, got {value!r}")
        fields[name] = value
    return Paper(
        id=fields["id"] or slugify(fields["title"]),
        title=fields["title"],
        abstract=clean_abstract(fields["abstract"], fields["title"]),
        authors=fields["authors"],
        org=fields["org"],
        date=fields["date"],
        year=fields["year"],
        upvotes=fields["upvotes"],
        sources=[path.name],
    )
