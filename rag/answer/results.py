"""The results papers report on a benchmark, for "which paper reports the highest AIME 2024 score?".

Abstracts print results in many ways, for different models, metrics and settings: "56.7%
(+40.0%) on AIME 2024", "AIME24 & 25 scores of 74.0 and 60.2", "AIME24, AIME25, and HMMT25.
... attains 90.6%, 86.4%, and 73.8% accuracy respectively". Reading one number per paper off
them would rank wrongly as often as not, and quoting the best-matching paper alone (as this
question was answered before) says it is the best when others report more. So each paper that
reports a figure on the benchmark is quoted where it does, and the answer says they are not
ranked. The benchmark is matched in its usual spellings: "AIME 2024", "AIME24", "AIME2024".
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from rag.index.catalog import Catalog
from rag.text import sentences

_YEAR = re.compile(r"^(.*?[A-Za-z])[\s\-']?(?:20)?(\d{2})$")  # "AIME 2024", "AIME-24", "AIME24"
_FIGURE = re.compile(r"(?<![\w.\-])\d+(?:\.\d+)?\s*%|(?<![\w.\-])\d+\.\d+(?![\w.])|(?<![\w.\-])\d{2,}(?![\w.%])")


def _with_year(name: str) -> tuple[str, str] | None:
    """("AIME", "24") for "AIME 2024" or "AIME24"; None for a name not ending in a year ("MATH-500")."""
    m = _YEAR.match(name)
    return (m[1], m[2]) if m and (name[-4:].startswith("20") or not name[-4:].isdigit()) else None


def name_pattern(name: str) -> re.Pattern:
    """The benchmark's name in the spellings abstracts use: a year as 2024 or 24, with or without
    a space or hyphen ("AIME 2024" = "AIME24" = "AIME-2024"); "MATH-500" = "MATH 500"."""
    if dated := _with_year(name):
        head, year = dated
        body = rf"{_loose(head)}[\s\-']?(?:20)?{year}"
    else:
        body = _loose(name)
    return re.compile(rf"(?<![\w\-]){body}(?![\w\-])", re.IGNORECASE)


def _loose(text: str) -> str:
    return r"[\s\-]?".join(re.escape(part) for part in re.split(r"[\s\-]+", text))


def spellings(name: str) -> list[str]:
    """The forms to look the benchmark up by (their words, any order): "AIME 2024" is also
    written "AIME 24" ("AIME24" has the same words)."""
    if dated := _with_year(name):
        head, year = dated
        return [f"{head} {year}", f"{head} 20{year}"]
    return [name]


def reported(catalog: Catalog, candidates: Iterable[str], name: str) -> list[tuple[str, str]]:
    """(paper id, quote) for each candidate whose abstract gives a figure on the benchmark: the
    sentence naming it, with the next one when only that gives the figures ("... AIME24 and
    AIME25. Specifically, X attains 90.6% and 86.4% respectively")."""
    pattern, found = name_pattern(name), []
    for pid in candidates:
        sents = sentences(catalog.abstract(pid) or "")
        for i, sent in enumerate(sents):
            if not pattern.search(sent):
                continue
            if _FIGURE.search(pattern.sub(" ", sent)):
                found.append((pid, sent))
                break
            if i + 1 < len(sents) and _FIGURE.search(sents[i + 1]):
                found.append((pid, f"{sent} {sents[i + 1]}"))
                break
    return found
