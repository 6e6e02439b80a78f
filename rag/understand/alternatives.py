"""Coordinated alternatives in a question's topic: "medicine or clinical data",
"calculators, OCR, search engines and the like". A paper needs only one of a group to match
(retrieve/coverage.py weighs them so)."""
from __future__ import annotations

import re

from rag.text import english_stop_words
from rag.understand.wording import FRAME_WORDS

_WIDER = {"other", "similar", "related"}  # "X or other Y": Y is the wider kind
_ARTICLES = {"the", "a", "an"}  # "finance or the stock market": the phrase after "or" starts after them
_TOKEN = re.compile(r"[A-Za-z0-9][\w\-']*|[,;:?!()\u2013\u2014]|\s-\s|\.(?=\s|$)")
# A word after these is a verb ("use LLMs to repair buggy or insecure code", "so they can understand
# audio or speech", "automatically repair bugs or ..."): it is what the papers do, not an alternative's word.
_MODALS = {"can", "could", "will", "would", "should", "must", "might", "may"}
# ... but "to" after these is a preposition: "applied to machine translation or speech recognition"
_TO_NOUN = {"similar", "due", "according", "close", "next", "prior", "relevant", "contrast", "addition",
            "approach", "approaches", "solution", "solutions", "answer", "answers", "attention", "access", "robust"}
# ... or after an object of these: "apply transformers to machine translation or speech recognition"
_TO_VERBS = re.compile(r"^(?:appl(?:y|ies|ying)|adapt|extend|transfer|compar|map|add|bring|introduc|generaliz|generalis)")
_OPEN_LIST = re.compile(r"^and the (?:like|rest)$|^etc$")
# "which papers VERB ...": the verb says what the papers do with the topic, it is not part of it
_PREDICATE = re.compile(r"\b(?:papers?|works?|methods?|studies|approaches|articles?)\s+(?:that\s+|which\s+)?([a-z]+)\b",
                        re.IGNORECASE)


def predicate_verb(text: str) -> str:
    """The verb right after "which papers" ("measure" in "which papers measure gender or racial
    bias?"), or ""."""
    m = _PREDICATE.search(text)
    return m[1] if m and m[1].lower() not in FRAME_WORDS and m[1].lower() not in english_stop_words() else ""


# "Which papers teach models to translate ...", "help agents to plan": the verb has the models do
# what the question is about, and names no topic of its own ("teach" scored Orca 2, "Teaching Small
# Language Models How to Reason", above the translation papers)
_CAUSATIVE = re.compile(r"\b(?:papers?|works?|methods?|studies|approaches|articles?)\s+(?:that\s+|which\s+)?"
                        r"(teach(?:es)?|help(?:s)?|enable(?:s)?|allow(?:s)?|encourage(?:s)?|push(?:es)?)\s+"
                        r"(?:[\w-]+\s+){1,4}?to\s+[a-z]+", re.IGNORECASE)


def causative_verb(text: str) -> str:
    """The verb of "which papers teach models to X?" ("teach"), or ""."""
    m = _CAUSATIVE.search(text)
    return m[1].lower() if m else ""


def leading_verb(text: str, groups: list[list[str]]) -> str:
    """The predicate verb when an alternative starts right after it ("measure" in "which
    papers measure gender or racial bias?"): the papers measure one of the alternatives, so the
    verb is neither part of the first nor a topic word of its own."""
    verb = predicate_verb(text)
    if verb and any(re.search(rf"\b{re.escape(verb)}\s+{re.escape(g[0])}", text) for g in groups):
        return verb
    return ""


def alternatives(text: str, max_words: int = 2) -> list[list[str]]:
    """Phrases joined by "or" (or listed before "and the like"/"etc"), each group in text order.

    A phrase is up to `max_words` words, stopping at punctuation, stop words and framing
    words. The phrases before "or" are cut to the length of the one after it, so "robot
    control or manipulation" gives ["control", "manipulation"] and "robot" stays required.
    "X or other Y" names Y as the wider kind, so X is taken whole, with an abbreviation in
    brackets after it: "direct preference optimization (DPO) or other preference learning",
    and Y with a relative clause after it: "jailbreaks or other attacks that make models
    misbehave". The verb after "which papers" ends the first phrase: "which papers measure
    gender or racial bias" gives ["gender", "racial bias"], not ["measure gender", ...].
    """
    toks = _unbracket_before_wider([t.strip() for t in _TOKEN.findall(text)])
    verb = predicate_verb(text)
    groups = []
    for i, tok in enumerate(toks):
        low = tok.lower()
        if low == "or":
            start = i + 1 + (i + 1 < len(toks) and toks[i + 1].lower() in _ARTICLES)
            wider = start < len(toks) and toks[start].lower() in _WIDER
            right = _phrase(toks, start + wider, 1, max_words)
            if wider:  # "jailbreaks or other attacks that make models misbehave": the clause says which attacks
                right += _clause(toks, start + wider + len(right))
            width = 2 * max_words if wider else len(right)
        elif _OPEN_LIST.match(" ".join(toks[i:i + 3]).lower()) or low == "etc":
            right, width = [], max_words
        else:
            continue
        if low == "or" and not right:
            continue
        phrases = [right] if right else []
        j = i - 1 - (toks[i - 1] == "," if i else 0)
        while j >= 0:
            left = _phrase(toks, j, -1, width, stop=verb)
            if not left:
                break
            phrases.insert(0, left)
            j -= len(left)
            while j >= 0 and not _boundary(toks[j]):  # the rest of a longer phrase
                j -= 1
            if j < 0 or toks[j] != ",":
                break
            j -= 1
        if len(phrases) == 2 and phrases[0] == [verb] and len(phrases[1]) > 1:
            # "which papers build or evaluate agents": two verbs sharing their object ("agents"),
            # which every paper must have
            phrases[1] = phrases[1][:1]
        if len(phrases) >= 2:
            groups.append([" ".join(p) for p in phrases])
    return groups


def _unbracket_before_wider(toks: list[str]) -> list[str]:
    """'X (DPO) or other Y' -> 'X DPO or other Y': the abbreviation belongs to X's phrase."""
    drop = set()
    for k in range(len(toks) - 4):
        if toks[k] == "(" and toks[k + 2] == ")" and toks[k + 3].lower() == "or" and toks[k + 4].lower() in _WIDER:
            drop |= {k, k + 2}
    return [t for k, t in enumerate(toks) if k not in drop]


def _phrase(toks: list[str], start: int, step: int, limit: int, stop: str = "") -> list[str]:
    words, j = [], start
    while 0 <= j < len(toks) and len(words) < limit and not _boundary(toks[j]) and not (words and toks[j] == stop):
        if words and step < 0 and _after_verb_marker(toks, j):
            break
        words.append(toks[j])
        j += step
    return words if step > 0 else words[::-1]


def _after_verb_marker(toks: list[str], j: int) -> bool:
    """Whether toks[j] is a verb by the word before it: "to" (not after a participle or a noun
    that takes "to"), a modal, or an adverb in -ly."""
    before = toks[j - 1].lower() if j else ""
    if before == "to":
        head = toks[j - 2].lower() if j > 1 else ""
        return not (head.endswith("ed") or head in _TO_NOUN or any(_TO_VERBS.match(t.lower()) for t in toks[max(0, j - 6):j]))
    return before in _MODALS or (before.endswith("ly") and len(before) > 4)


def _clause(toks: list[str], start: int) -> list[str]:
    """A relative clause ("that make models misbehave") starting at `start`, up to punctuation."""
    if start >= len(toks) or toks[start].lower() not in ("that", "which", "who"):
        return []
    end = start
    while end < len(toks) and toks[end][0].isalnum():
        end += 1
    return toks[start:end]


def _boundary(tok: str) -> bool:
    low = tok.lower()
    return (not tok[0].isalnum() or low in english_stop_words() or low in FRAME_WORDS
            or low in ("e.g", "i.e", "via", "like", "such"))
