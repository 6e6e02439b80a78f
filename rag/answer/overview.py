"""What the corpus is about, for "what topics does the corpus cover?": the phrases its titles
repeat, each with how many papers use it and one of them cited.

Titles name what a paper is about in a few words, so a phrase several titles share is a
topic of the collection ("reinforcement learning", "multimodal reasoning", "survey"). Single
words are kept only when they can name a topic on their own: a compound or an acronym
("chain-of-thought", "GRPO"), or a word most abstracts do not use and that is no -ing or -ed
form ("advancing", "reasoning" and "enhanced" say how, not what). A phrase inside a longer
one that most of its titles share ("language models" in "large language models") is said by
the longer one. Clustering the paper vectors was tried instead: the clusters' names came out
as "neural, lack, graph".
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable

from rag.answer.base import Answer, Citation
from rag.retrieve.base import PaperHit
from rag.text import english_stop_words, stem
from rag.understand.plan import QueryPlan

PHRASES = 12        # phrases shown
MIN_PAPERS = 3      # a phrase fewer titles share is no topic of the collection
_COMMON = 0.3       # a single word in this share of the papers or more names no topic
_INSIDE = 0.6       # a phrase whose titles are mostly those of a longer one is left to it


def title_phrases(hits: list[PaperHit], share_using: Callable[[str], float],
                  most: int = PHRASES) -> list[tuple[str, list[PaperHit]]]:
    """The phrases of one to three words most titles share, with their papers, most first.
    `share_using`: word -> share of the corpus's papers that use it."""
    stop = english_stop_words()
    papers: dict[str, list[PaperHit]] = defaultdict(list)
    forms: dict[str, Counter] = defaultdict(Counter)
    for hit in hits:
        for phrase in _phrases(hit.title, stop, share_using):
            key = " ".join(stem(w) for w in phrase.split())  # "agent" and "agents" are one
            papers[key].append(hit)
            forms[key][phrase] += 1
    shared = [k for k, v in papers.items() if len(v) >= MIN_PAPERS]
    kept: list[str] = []
    for key in sorted(shared, key=lambda k: (-len(k.split()), -len(papers[k]))):  # longest first
        if not any(f" {key} " in f" {longer} " and len(papers[longer]) >= _INSIDE * len(papers[key]) for longer in kept):
            kept.append(key)
    kept.sort(key=lambda k: -len(papers[k]))
    return [(forms[k].most_common(1)[0][0], papers[k]) for k in kept[:most]]


def _phrases(title: str, stop: set[str], share_using: Callable[[str], float]) -> set[str]:
    """The title's phrases of one to three words, within its parts (not across a colon), with
    no stop word at either end."""
    found = set()
    for part in re.split(r"[:?!,;()]", title):
        words = re.findall(r"[A-Za-z][\w\-]*", part)
        for n in (1, 2, 3):
            for i in range(len(words) - n + 1):
                gram = words[i:i + n]
                low = [w.lower() for w in gram]
                if low[0] in stop or low[-1] in stop or (n == 1 and not _names_a_topic(gram[0], share_using)):
                    continue
                found.add(" ".join(low))
    return found


def _names_a_topic(word: str, share_using: Callable[[str], float]) -> bool:
    low = word.lower()
    if "-" in word or (len(word) > 1 and word.isupper()):
        return True
    return not low.endswith(("ing", "ed")) and share_using(low) < _COMMON


def overview_answer(plan: QueryPlan, hits: list[PaperHit], share_using: Callable[[str], float], name: str) -> Answer:
    """The papers' count and years, then their recurring title phrases, each citing its most
    upvoted paper as an example."""
    years = sorted(y for h in hits if (y := h.meta.get("year")))
    head = f"{len(hits)} papers match" if plan.all_filters else f"The corpus has {len(hits)} papers"
    if years and years[0] != years[-1]:
        head += f"; the {len(years)} whose listing prints a year are from {years[0]} to {years[-1]}"
    phrases = title_phrases(hits, share_using)
    if not phrases:
        return Answer(plan.question, head + ". No phrase recurs in their titles.", False, name)
    lines, cites = [], []
    for n, (phrase, papers) in enumerate(phrases, start=1):
        example = max(papers, key=lambda h: h.meta.get("upvotes") or 0)
        cites.append(Citation.of(n, example, f'its title has "{phrase}"'))
        lines.append(f"- {phrase}: {len(papers)} papers, e.g. {example.title} [{n}]")
    text = head + ". The phrases their titles share most, with how many papers use each:\n" + "\n".join(lines)
    return Answer(plan.question, text, False, name, cites)
