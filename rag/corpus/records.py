"""The paper record every later step works on, and the error a bad input raises."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from rag.text import sentences


class CorpusError(ValueError):
    """A corpus file that cannot be read; names the file and the line or record."""

    def __init__(self, path: str, line: int | None, reason: str):
        self.path, self.line, self.reason = path, line, reason
        where = f"{path}, line {line}" if line else path
        super().__init__(f"{where}: {reason}")


@dataclass
class Paper:
    id: str
    title: str
    abstract: str
    authors: int | None = None
    org: str | None = None
    date: str | None = None
    year: int | None = None
    upvotes: int | None = None
    sources: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    def content_hash(self) -> str:
        """Changes whenever anything stored for the paper changes (sources excluded)."""
        data = {k: v for k, v in self.to_dict().items() if k != "sources"}
        return hashlib.sha1(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def slugify(title: str, max_len: int = 80) -> str:
    """Stable id from a title; long titles keep a hash so different ones never collide."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "untitled"
    if len(slug) > max_len:
        digest = hashlib.sha1(title.encode()).hexdigest()[:8]
        slug = slug[: max_len - 9].rstrip("-") + "-" + digest
    return slug


def title_key(title: str) -> str:
    """What makes two entries the same paper: the title, ignoring case and spacing only.

    Punctuation and digits count, so "Orca" and "Orca 2" stay different papers.
    """
    return re.sub(r"\s+", " ", title).strip().lower()


def title_head(title: str) -> str:
    """What comes before a title's colon ("ReConcile" in "ReConcile: Round-Table ..."), or ''."""
    head, colon, _ = title.partition(":")
    return head.strip() if colon else ""


def paper_name(title: str) -> str:
    """What a question may call the paper by: its title's head, or the whole title when it has
    no colon ("Weak-to-Strong Reasoning")."""
    return title_head(title) or title.strip()


_LATEX_WRAPPERS = re.compile(r"\\(?:textit|textbf|emph|texttt|textsc|mathrm|mathbf|url|href)\{([^{}]*)\}")
_LATEX_ABBREVIATIONS = {"ie": "i.e.", "eg": "e.g.", "etal": "et al.", "etc": "etc.", "vs": "vs."}
# Macros authors define for their own method's name and forget to expand on arXiv.
_NAME_MACROS = {"name", "ours", "method", "model", "system", "approach", "ourmethod", "methodname", "modelname"}


@lru_cache(maxsize=8192)  # asked for each name-like word of a question x each judged paper
def introduces(term: str, title: str, abstract: str) -> bool:
    """Does the paper introduce the term? Its title names it ("LIMO: ..."), or a sentence of its
    abstract has "we" (or "this paper", or the paper's name) propose, introduce, present ... it,
    the term standing alone ("GRPO", not "GRPO-based")."""
    head = title_head(title)
    if head and head.lower() == term.lower():
        return True
    t = re.escape(term.strip()).replace(r"\ ", r"\s+")
    subject = r"we|this (?:paper|work|study)|our" + (f"|{re.escape(head)}" if head else "")
    # The verb is the subject's own (not "we developed CoAT, which introduces a synergy with
    # MCTS"), and the term is what it puts forward, not a thing it uses ("... using MCTS").
    own = r"(?:(?!\b(?:which|that|who)\b)[^.]){0,80}?"
    made = (r"(?:(?!\b(?:which|that|using|uses?|with|via|between|combin\w*|leverag\w*|such as|like|including|from"
            r"|extend\w*|improv\w*|outperform\w*|than)\b)[^.])")  # "we introduce SoftCoT++ to extend SoftCoT"
    # the term whole: "SoftCoT" is not introduced by "we introduce SoftCoT++"
    said = re.compile(rf"\b(?:{subject})\b{own}\b(?:propos|introduc|present|develop|design|curat|construct|coin)"
                      rf"\w*\b{made}{{0,80}}?(?<![\w-])(?P<term>{t})(?![\w+-])", re.I)
    # ... and it is what is put forward, not a kind of it: "we introduce memory-aware test-time
    # scaling" introduces no "test-time scaling"
    return any((m := said.search(s)) and "-" not in s[:m.start("term")].split()[-1] for s in sentences(abstract))


def clean_abstract(text: str, title: str = "") -> str:
    """Undo the LaTeX and layout leftovers the listings carry; meaning is kept. A macro for the
    paper's own name ("\\name achieves ...") becomes its title's head ("GUI-R1"), or "this method"
    when the title has none; other unknown macros ("\\collabvoyager") lose their backslash."""
    text = _LATEX_WRAPPERS.sub(r"\1", text)
    text = re.sub(r"\\([%&_#$])", r"\1", text)
    text = re.sub(r'\\"\{?\\?i\}?', "\u00ef", text)  # the i of na\"{\i}ve
    text = re.sub(r"\{\\([A-Za-z]+)\}|\\([A-Za-z]+)(?:\{\})?", lambda m: _macro(m[1] or m[2], title_head(title)), text)
    text = re.sub(r"(?<=[a-z.,;:)])(?=https?://)", " ", text)  # URLs glued to words
    text = re.sub(r"``|''", '"', text)
    return re.sub(r"\s+", " ", text).strip()


def _macro(name: str, head: str) -> str:
    if name.lower() in _LATEX_ABBREVIATIONS:
        return _LATEX_ABBREVIATIONS[name.lower()]
    if name.lower() in _NAME_MACROS:
        return head or "this method"
    return name


def merge(papers: list[Paper]) -> list[Paper]:
    """Merge copies of one paper field by field, keeping first-seen order."""
    merged: dict[str, Paper] = {}
    for paper in papers:
        key = title_key(paper.title)
        if key not in merged:
            merged[key] = Paper(**{**paper.to_dict(), "sources": list(paper.sources)})
        else:
            _merge_into(merged[key], paper)
    return list(merged.values())


def _merge_into(base: Paper, other: Paper) -> None:
    if _abstract_quality(other.abstract) > _abstract_quality(base.abstract):
        base.abstract = other.abstract
    for name in ("authors", "org"):
        if getattr(base, name) is None:
            setattr(base, name, getattr(other, name))
    # A dated copy that prints the year says more than one that does not.
    if other.date and (base.date is None or (base.year is None and other.year is not None)):
        base.date, base.year = other.date, other.year
    if other.upvotes is not None:
        base.upvotes = max(base.upvotes or 0, other.upvotes)
    base.sources += [s for s in other.sources if s not in base.sources]


def _abstract_quality(text: str) -> tuple[bool, int]:
    return (not text.rstrip().endswith("..."), len(text))
