"""The answer step: one interface, one implementation per backend."""
from __future__ import annotations

import re
from abc import ABC, abstractmethod
from calendar import day_name
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field

from rag.index.catalog import sort_value, title_length
from rag.prompts import cannot_answer
from rag.retrieve.base import PaperHit
from rag.understand.plan import QueryPlan


@dataclass
class Citation:
    n: int
    paper_id: str
    title: str
    date: str | None
    year: int | None
    org: str | None
    authors: int | None
    upvotes: int | None
    evidence: str
    supported: bool | None = None  # LLM backends: do the sentences citing this source hold up?

    @classmethod
    def of(cls, n: int, hit: PaperHit, evidence: str) -> Citation:
        m = hit.meta
        return cls(n, hit.paper_id, hit.title, m.get("date"), m.get("year"), m.get("org"), m.get("authors"),
                   m.get("upvotes"), evidence)


@dataclass
class Answer:
    question: str
    answer: str
    abstained: bool
    backend: str
    citations: list[Citation] = field(default_factory=list)
    retrieved: list[dict] = field(default_factory=list)
    timings_ms: dict = field(default_factory=dict)
    unsupported_sentences: list[str] = field(default_factory=list)
    invalid_citations: list[int] = field(default_factory=list)  # numbers cited that were not sources
    uncited: bool = False  # an answer (not an abstention) that cites nothing
    read_as: str = ""  # how the question was understood, when more than a topic (metadata.read_as)
    thread: list[str] = field(default_factory=list)  # the questions a next "what about ...?" goes back to
    # Every paper a list found, cited ones first, when it shows fewer (answer.max_list): what a
    # follow-up's "those" means ("which of those are from 2025?" after "23 papers mention GRPO")
    matched: list[str] = field(default_factory=list)
    # The plain abstention: the corpus does not cover the question (no paper passed the relevance
    # check, or the model found nothing in its sources). Other abstentions say more ("no paper
    # matches: the dated papers run from 2019 to 2025"); only this one gets the pipeline's hints.
    uncovered: bool = False
    topic: str = ""  # the question's topic in its words: what a later "which papers use it?" refers to

    @classmethod
    def not_covered(cls, question: str, backend: str) -> Answer:
        return cls(question, cannot_answer(), True, backend, uncovered=True)

    @classmethod
    def refused(cls, question: str, reason: str, backend: str, total_ms: float = 0.0) -> Answer:
        """A question that could not be asked as it is (a QuestionError: "papers posted on
        February 30, 2025"), as the eval tools record it: an abstention whose answer says why."""
        return cls(question, f"(not answered: {reason})", True, backend, timings_ms={"total": total_ms})

    def to_dict(self) -> dict:
        return asdict(self)


class Answerer(ABC):
    """Turns a question and its retrieved papers into a cited answer."""

    name: str

    @abstractmethod
    def answer(self, plan: QueryPlan, hits: list[PaperHit]) -> Answer: ...

    def stream(self, plan: QueryPlan, hits: list[PaperHit]) -> Iterator[str | Answer]:
        """Text pieces as they are produced, then the finished Answer last."""
        result = self.answer(plan, hits)
        yield result.answer
        yield result


# "Is there a paper from 2019 with more than 5 authors?", "are there any papers on X?", "any work on Y?",
# "do you have papers on Z?": asked whether such papers exist
_EXISTS = re.compile(r"^\s*(?:(?:and|so|but|then) )?(?:is there|are there|(?:is|are) any\b|any (?:papers?|works?|studies"
                     r"|articles?|research)\b|(?:do|does) (?:you|the (?:corpus|collection|index)) (?:have|hold|contain)\b)",
                     re.IGNORECASE)


def yes_if_asked(question: str, head: str) -> str:
    """A list's first line, opening with "Yes" when the question asked whether such papers
    exist: "Yes: 1 paper matches:" for "is there a paper from 2019 with more than 5 authors?"."""
    if not (_EXISTS.match(question) and head) or head.startswith(("Yes", "No")):
        return head
    return "Yes: " + (head[0].lower() + head[1:] if head[1:2].islower() else head)  # "Top 3", not "GRPO"


def figure(value: float) -> str:
    """A count or a statistic as an answer states it: whole numbers whole, 10 and more to one
    decimal, smaller ones to two significant digits (a mean of 7.43 authors: 7.4; 0.386
    upvotes per author: 0.39, not 0.4)."""
    if value == int(value):
        return str(int(value))
    return f"{value:.1f}" if abs(value) >= 10 else f"{value:.2g}"


def describe(m: dict, focus: str | None = None, only: bool = False) -> str:
    """A paper's metadata in words, the asked-about field first (answers, prompts, source cards);
    `only`: that field alone."""
    parts = {
        "date": (f"posted {m['date']}" + ("" if m.get("year") else " (the listing prints no year)"))
                if m.get("date") else "date not listed",
        "authors": f"{m['authors']} author{'s' if m['authors'] != 1 else ''}" if m.get("authors") else None,
        "org": m.get("org"),
        "upvotes": f"{m['upvotes']} upvote{'s' if m['upvotes'] != 1 else ''}" if m.get("upvotes") is not None else None,
    }
    if focus == "title_words":  # said only when sorted by it
        parts = {"title_words": f"{title_length(m.get('title') or '')} words in the title", **parts}
    if focus == "title_chars":
        parts = {"title_chars": f"{len(m.get('title') or '')} characters in the title", **parts}
    if focus == "abstract_words":  # said only when sorted or filtered by it
        words = m.get("abstract_words")
        parts = {focus: f"{words} words in the abstract" if words else "no abstract", **parts}
    if focus == "upvotes_per_author":
        ratio = sort_value(m, focus)
        parts = {focus: None if ratio is None else f"{figure(ratio)} upvote{'' if ratio == 1 else 's'} per author", **parts}
    if focus == "weekday":  # "what day of the week was LIMO posted?": said only when asked
        day = sort_value(m, "weekday")
        parts = {"weekday": f"posted on a {day_name[day - 1]} ({m['date']})" if day else
                 "day of the week unknown: " + parts["date"], **{k: v for k, v in parts.items() if k != "date"}}
    if focus in parts and not parts[focus]:  # asked for and missing: say so, first
        parts[focus] = {"authors": "author count not listed", "org": "organisation not listed",
                        "upvotes": "upvotes not listed",
                        "upvotes_per_author": "upvotes per author unknown (the listing lacks a count)"}[focus]
    order = [focus] + [k for k in parts if k != focus and not only] if focus in parts else list(parts)
    return ", ".join(parts[k] for k in order if parts.get(k))
