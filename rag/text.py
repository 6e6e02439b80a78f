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


def document_frequencies(texts) -> dict[str, int]:
    """term -> how many of the texts contain it; one text's terms are dropped once counted."""
    df: dict[str, int] = {}
    for text in texts:
        for t in set(terms(text)):
            df[t] = df.get(t, 0) + 1
    return df


def numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+(?:\.\d+)?%?", text))


_DEFINITION = re.compile(r"((?:[A-Za-z][\w-]*\s+){1,7})\(([A-Z][A-Za-z0-9-]{1,12})\)")


def mine_acronyms(texts) -> dict[str, str]:
    """Acronyms a corpus defines, 'Long Form Words (LFW)' -> {'LFW': 'long form words'}.

    Only definitions whose initials spell the acronym's capitals are kept.
    """
    found: dict[str, str] = {}
    for text in texts:
        for m in _DEFINITION.finditer(text):
            capitals = [c for c in m[2] if c.isupper()]
            words = m[1].split()[-len(capitals):]
            if len(words) == len(capitals) and [w[0].upper() for w in words] == capitals:
                found.setdefault(m[2], " ".join(words).lower())
    return found


def other_forms(text: str, acronyms: dict[str, str]) -> list[str]:
    """The other form of every acronym the text uses in one form only."""
    low = text.lower()
    extra = [long for short, long in acronyms.items()
             if re.search(rf"\b{re.escape(short)}\b", text) and long not in low]
    extra += [short for short, long in acronyms.items()
              if long in low and not re.search(rf"\b{re.escape(short)}\b", text)]
    return extra
