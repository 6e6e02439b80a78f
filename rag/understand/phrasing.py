"""Which of a question's unknown words are phrasing, not topic?

A word no paper uses gets the highest IDF, and so marks a topic the corpus does not cover
("poker", "drones"). But a question can also use a common verb no abstract happens to use:
"how models cope with long inputs", "papers that spend more compute at test time". Left in,
such a word outweighs the rest of the question and the answer abstains.

The embedding model tells them apart: leaving out "poker" changes what "which papers teach
LLMs to play poker?" means (1 - cosine 0.17); leaving out "cope" hardly changes the question
(0.01). The unknown words are judged together, so two words that say the same thing ("smart
contracts on blockchains") cannot each hide behind the other. Measured over the dev, probe and
both fresh sets: answerable questions' unknown words moved the embedding by 0.037 at most
("misbehave"), uncovered questions' by 0.059 at least ("board" in "the board game Go"). The
threshold (`retrieval.phrasing_shift`, 0.03) sits lower, between "spend" (0.023) and "cook" in
"use LLMs to cook recipes" (0.034), where a known word in another sense ("training recipe")
makes the unknown one look redundant: such a question must still abstain.
"""
from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np


def phrasing_words(text: str, unknown: list[str], embed: Callable[[list[str]], np.ndarray],
                   max_shift: float) -> set[str]:
    """The unknown words, when leaving all of them out moves the text's embedding (unit
    vectors from `embed`) by less than `max_shift` (1 - cosine); else none."""
    if not unknown or max_shift <= 0:
        return set()
    pattern = r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in unknown) + r")(?![\w-])"
    rest = " ".join(re.sub(pattern, " ", text).split())
    if not rest:
        return set()
    whole, without = embed([text, rest])
    return set(unknown) if 1.0 - float(whole @ without) < max_shift else set()
