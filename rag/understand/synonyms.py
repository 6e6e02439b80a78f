"""A question's words no paper uses, read also as the nearest word the papers do use; and the
words of a question's word families that mean the same.

"Which papers are about self-driving cars?" abstained: "cars" is in no abstract, and an
unknown word marks a topic the corpus does not cover. The papers say "vehicles", and the
embedding model puts the two close (cosine 0.88). Such a word is swapped for its neighbour
in a second reading of the question (`QueryPlan.rephrased`, as an LLM's rephrasing is): the
retrievers search both, and a paper covers the question when it covers either reading.

Only a plain word in lower case (its first letter aside) is swapped: one in capitals ("SLAM",
"MIDI", "COVID-19") names something, and a compound ("machine-generated", "speech-to-speech")
loses its sense in its parts' neighbours. Measured over the 22 question sets at
`retrieval.synonym_cosine` 0.8: the
answerable questions' swaps are "cars" -> "vehicles" (0.88); the uncovered ones' swaps,
"photos" -> "images" (0.83) and "placement" -> "placing" (0.83), leave other unknown words
("crop", "chip") that still mark the topic uncovered. Below 0.8 come wrong neighbours:
"deepfake" -> "deepen" (0.75), "drug" -> "medicine" (0.75), "flight" -> "fly" (0.77).
"""
from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from rag.index.words import WordVectors


def synonyms(unknown: list[str], embed: Callable[[list[str]], np.ndarray], words: WordVectors | None,
             min_cosine: float) -> dict[str, str]:
    """Each plain unknown word -> the corpus word nearest it, when at least `min_cosine` near.
    The word is looked up in the singular and the plural, and the nearer reading counts: a lone
    word's vector moves with its number, and "car" is 0.7996 from "vehicles" where "cars" is 0.88
    ("which papers use a language model to drive a car?" abstained)."""
    plain = [w for w in unknown if w.isalpha() and w[1:].islower()]
    if not plain or words is None:
        return {}
    forms = [(w, f) for w in plain for f in number_forms(w.lower())]
    nearest: dict[str, tuple[str, float]] = {}
    for (word, _), vector in zip(forms, embed([f for _, f in forms])):
        near, cosine = words.nearest(vector)
        if cosine > nearest.get(word, ("", -1.0))[1]:
            nearest[word] = (near, cosine)
    return {w: near for w, (near, cosine) in nearest.items() if cosine >= min_cosine}


def number_forms(word: str) -> list[str]:
    """The word and its other number, by the plain English rule ("car" / "cars", "cars" / "car")."""
    return [word, word[:-1] if word.endswith("s") else word + "s"]


def reworded(text: str, swaps: dict[str, str], papers_using: Callable[[str], int]) -> str:
    """The text with each swapped word replaced by its neighbour, and its lower-case compounds
    no paper uses written apart: no abstract says "self-driving" either, though the papers on
    "self-driving vehicles" say "driving" (the compound alone, unswapped, is no reason for a
    second reading: "machine-generated text" is not "generated text")."""
    for word, near in swaps.items():
        text = re.sub(rf"(?<![\w-]){re.escape(word)}(?![\w-])", near, text)
    return re.sub(r"(?<![\w-])[a-z]+(?:-[a-z]+)+(?![\w-])",
                  lambda m: m[0] if papers_using(m[0]) else m[0].replace("-", " "), text)


def kin(words: dict[str, str], family: Callable[[str], list[str]], vectors: WordVectors | None,
        embed: Callable[[list[str]], np.ndarray], min_cosine: float) -> dict[str, frozenset[str]]:
    """Each question term (`words`: term -> the word asked) -> the other terms of its word family
    (TermCoverage.word_family) whose commonest word is at least `min_cosine` near the word
    asked: a paper with one of them covers the term. The stemmer keeps "finance" ("financ")
    apart from "financial" ("financi"), so "which papers use machine learning for finance?"
    missed the paper on financial reasoning. A family shares a head, not always a meaning, so
    only close ones count: with the embedding model, "finance" / "financial" 0.89, "medicine" /
    "medical" 0.86, "shorter" / "short" 0.82 against "electricity" / "electronic" 0.59,
    "physics" / "physical" 0.60, "compute" / "computer" 0.35."""
    if vectors is None:
        return {}
    asked = {}
    for term, word in words.items():
        others = {t: w for t in family(term) if t != term and t.isalpha() and (w := vectors.spelled(t))}
        if others:
            asked[term] = (word, others)
    unseen = sorted({word for word, _ in asked.values() if vectors.vector(word) is None})
    embedded = dict(zip(unseen, embed(unseen))) if unseen else {}
    found = {}
    for term, (word, others) in asked.items():
        vector = embedded[word] if word in embedded else vectors.vector(word)
        near = frozenset(t for t, w in others.items() if float(vectors.vector(w) @ vector) >= min_cosine)
        if near:
            found[term] = near
    return found
