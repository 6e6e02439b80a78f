"""Word-level helpers shared by the answer step: sentences, stemmed terms, numbers."""
from __future__ import annotations

import re
from functools import lru_cache

import Stemmer
from bm25s.stopwords import STOPWORDS_EN

_STEM = Stemmer.Stemmer("english")
_STOP = set(STOPWORDS_EN)
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\[\"'0-9])")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENT.split(text) if s.strip()]


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    return _STEM.stemWord(word)


def terms(text: str) -> list[str]:
    """Lower-cased, stemmed content words (hyphenated names kept whole as well as split)."""
    out = []
    for word in re.findall(r"[A-Za-z0-9][A-Za-z0-9\-]*", text.lower()):
        parts = [word] + (word.split("-") if "-" in word else [])
        out += [_stem(p) for p in parts if p and p not in _STOP and len(p) > 1]
    return out


def numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+(?:\.\d+)?%?", text))
