"""Parse a Daily-Papers-style listing: title, abstract, then an optional metadata block.

A listing is a run of blank-line separated blocks. Each paper is a one-line title, an
abstract paragraph and, usually, a metadata block such as::

      • 11 authors            (or an organisation line: "tencent Tencent")
    ·
    Nov 20, 2023 4            (date as printed, then upvotes; the year may be missing)

The page chrome at the top of the file ("new", "Subscribe", a listing date...) is skipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rag.corpus.records import CorpusError, Paper, clean_abstract, slugify

_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
_DATE = re.compile(rf"^(?P<date>(?:{_MONTHS})\s+\d{{1,2}}(?:,\s*(?P<year>\d{{4}}))?)(?:\s+(?P<upvotes>\d+))?$")
_AUTHORS = re.compile(r"^•\s*(\d+)\s+authors?$")
MIN_ABSTRACT_CHARS = 100
MAX_TITLE_CHARS = 400


@dataclass
class _Block:
    text: str
    line: int  # 1-based line where the block starts

    @property
    def lines(self) -> list[str]:
        return [ln.strip() for ln in self.text.splitlines()]


def parse_listing(path: str | Path, text: str | None = None) -> list[Paper]:
    """Every entry of one listing file, in order, duplicates included."""
    path = Path(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise CorpusError(str(path), None, f"not UTF-8 text ({exc.reason})") from exc
    blocks = _split_blocks(text)
    start = _first_entry(blocks)
    if start is None:
        raise CorpusError(str(path), None, "no paper found (expected a title line followed by an abstract)")
    papers, i = [], start
    while i < len(blocks):
        title, i = blocks[i], i + 1
        if _is_meta(title) or not _is_title(title):
            raise CorpusError(str(path), title.line, f"expected a paper title, found {title.text[:60]!r}")
        if i >= len(blocks) or not _is_abstract(blocks[i]):
            raise CorpusError(str(path), title.line, f"title {title.text[:60]!r} has no abstract after it")
        abstract, i = blocks[i], i + 1
        meta = {}
        if i < len(blocks) and _is_meta(blocks[i]):
            meta, i = _parse_meta(blocks[i], path), i + 1
        papers.append(_paper(title.text.strip(), abstract.text, meta, path.name))
    return papers


def _split_blocks(text: str) -> list[_Block]:
    blocks, current, start = [], [], 0
    for n, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if not current:
                start = n
            current.append(line)
        elif current:
            blocks.append(_Block("\n".join(current), start))
            current = []
    if current:
        blocks.append(_Block("\n".join(current), start))
    return blocks


def _first_entry(blocks: list[_Block]) -> int | None:
    """Index of the first title that an abstract follows; what comes before is page chrome."""
    for i in range(len(blocks) - 1):
        if _is_title(blocks[i]) and not _is_meta(blocks[i]) and _is_abstract(blocks[i + 1]):
            return i
    return None


def _is_title(block: _Block) -> bool:
    return "\n" not in block.text.strip() and len(block.text) <= MAX_TITLE_CHARS


def _is_abstract(block: _Block) -> bool:
    return len(block.text) >= MIN_ABSTRACT_CHARS and not _is_meta(block)


def _is_meta(block: _Block) -> bool:
    lines = block.lines
    return "·" in lines or bool(_DATE.match(lines[-1]) and len(lines) <= 3) or bool(_AUTHORS.match(lines[0]))


def _parse_meta(block: _Block, path: Path) -> dict:
    meta: dict = {}
    for offset, line in enumerate(block.lines):
        if line in ("·", ""):
            continue
        if m := _AUTHORS.match(line):
            meta["authors"] = int(m.group(1))
        elif m := _DATE.match(line):
            meta["date"] = m.group("date")
            meta["year"] = int(m.group("year")) if m.group("year") else None
            meta["upvotes"] = int(m.group("upvotes")) if m.group("upvotes") else None
        elif "org" not in meta and offset == 0:
            meta["org"] = _org_name(line)
        else:
            raise CorpusError(str(path), block.line + offset, f"unrecognised metadata line {line!r}")
    return meta


def _org_name(line: str) -> str:
    """'MicrosoftResearch Microsoft Research' -> 'Microsoft Research'; 'Korea University' stays.

    Organisation lines print the account handle, then the display name; the handle is
    dropped only when it visibly spells the display name.
    """
    handle, _, name = line.partition(" ")
    squash = lambda s: re.sub(r"[^a-z0-9]", "", s.lower())  # noqa: E731
    if name and squash(name) and squash(name) in squash(handle):
        return name.strip()
    return line


def _paper(title: str, abstract: str, meta: dict, source: str) -> Paper:
    return Paper(id=slugify(title), title=title, abstract=clean_abstract(abstract, title), sources=[source], **meta)
