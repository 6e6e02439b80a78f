"""The words the papers use, as vectors: the corpus word nearest to one no paper uses.

"Which papers are about self-driving cars?" abstained: no abstract says "cars" (they say
"vehicles"), and a word no paper uses marks a topic the corpus does not cover. The embedding
model knows the two are near (cosine 0.88) where it sees no such neighbour for "poker" or
"protein" (0.55 and 0.41 at most). Each word at least `MIN_PAPERS` papers use is embedded
once, when the index's BM25 side is built, and saved beside it; understand/synonyms.py reads
a question's unknown words through it.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path

import numpy as np

from rag.text import american, english_stop_words, stem

FILE = "words.npz"
MIN_PAPERS = 2  # a word one paper uses is too often a name, a number or a typo
_WORD = re.compile(r"(?<![\w-])[A-Za-z]{3,}(?![\w-])")
_BATCH = 256


class WordVectors:
    def __init__(self, words: list[str], vectors: np.ndarray, most: int):
        self.words = words
        # Unit rows, saved as float16 (0.75 KB a word) but multiplied as float32: numpy has no fast
        # float16 product (20,000 words: 59 ms a question word against 8 ms).
        self.vectors = vectors.astype(np.float32)
        self.most = most  # the cap it was built with (retrieval.synonym_words)

    @classmethod
    def build(cls, texts: Iterable[str], embed: Callable[[list[str]], np.ndarray], most: int) -> WordVectors:
        """The `most` words the most papers use (lower case, letters only, no stop words)."""
        df: Counter = Counter()
        for text in texts:
            df.update({w.lower() for w in _WORD.findall(text)})
        stop = english_stop_words()
        words = [w for w, n in df.most_common() if n >= MIN_PAPERS and w not in stop][:most]
        vectors = np.vstack([embed(words[i:i + _BATCH]) for i in range(0, len(words), _BATCH)]) if words \
            else np.zeros((0, 1))
        return cls(words, vectors, most)

    def save(self, folder: Path) -> WordVectors:
        np.savez(folder / FILE, words=np.array(self.words), vectors=self.vectors.astype(np.float16), most=self.most)
        return self

    @classmethod
    def load(cls, folder: Path, most: int) -> WordVectors | None:
        """The saved vectors, or None when none were saved with this cap."""
        path = folder / FILE
        if not path.is_file():
            return None
        with np.load(path) as f:
            same = "most" in f.files and int(f["most"]) == most
            return cls(f["words"].tolist(), f["vectors"], most) if same else None

    def vector(self, word: str) -> np.ndarray | None:
        """The word's unit vector, when it is one of the words."""
        row = self._rows.get(word)
        return None if row is None else self.vectors[row]

    def spelled(self, term: str) -> str:
        """The commonest of the words whose term (rag.text.terms) is `term` ("financi" ->
        "financial"), or ""."""
        return self._spellings.get(term, "")

    @cached_property
    def _rows(self) -> dict[str, int]:
        return {w: i for i, w in enumerate(self.words)}

    @cached_property
    def _spellings(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for w in self.words:  # commonest first
            found.setdefault(stem(american(w)), w)
        return found

    def nearest(self, vector: np.ndarray) -> tuple[str, float]:
        """The word nearest to a unit vector, and its cosine; ("", 0.0) with no words."""
        if not self.words:
            return "", 0.0
        sims = self.vectors @ vector.astype(np.float32)
        best = int(np.argmax(sims))
        return self.words[best], float(sims[best])
