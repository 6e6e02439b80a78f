"""HTML and text the page shows; everything from the corpus or a model is escaped."""
from __future__ import annotations

import html
import re

from llama_index.core.vector_stores import FilterOperator, MetadataFilter

from rag.answer.base import Answer, describe

_FOLLOW_UP = re.compile(r"\b(those|these|them|they|above|previous|of which)\b|^\s*(and|also|only)\b", re.I)
# "what do they have in common?", "compare them", "how do these differ?": the previous papers themselves
_COMPARED = re.compile(r"\b(?:in common|compar\w*|differ\w*|contrast\w*|similarit\w*|versus|vs\.?)", re.I)
COMPARED_MOST = 5  # papers of the previous answer a comparison of "them" is about
# "the first one", "the second paper", "the last of them", "paper [2]": one paper of the previous answer;
# "the first two", "the top 3", "both": the first few
_PLACES = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3,
           "fifth": 4, "5th": 4, "last": -1}
_ONE_OF_THEM = re.compile(rf"\bthe ({'|'.join(_PLACES)}) (?:one|paper|result|source|of them)\b"
                          r"|\b(?:paper|source|number|no\.?) ?\[?(\d{1,2})\]?(?!\d)|\[(\d{1,2})\]", re.I)
_FIRST_FEW = re.compile(r"\bthe (?:first|top) (two|three|four|five|2|3|4|5)\b(?! (?:authors?|upvotes?|years?))|\bboth\b", re.I)
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5}
# "this paper", "that one": the previous answer's paper, when it had one ("it" is in too many new questions)
_IT = re.compile(r"\b(?:this|that) (?:paper|one|work)\b", re.I)


def follow_up(question: str, previous: list[str]) -> tuple[list[str] | None, list[str] | None]:
    """(within, about): what a follow-up asks of the previous answer's papers (in citation
    order). About one when it names its place ("how many authors does the first one have?",
    "summarise [2]") or, after a one-paper answer, as "this paper"; about the first few for
    "compare the first two" ("both" after a two-paper answer), and the first five for "what do
    they have in common?"; within all of them for "which of those ..."; (None, None) for a new
    question."""
    if not previous:
        return None, None
    if m := _ONE_OF_THEM.search(question):
        place = _PLACES[m[1].lower()] if m[1] else int(m[2] or m[3]) - 1
        return (None, [previous[place]]) if -len(previous) <= place < len(previous) else (None, None)
    if m := _FIRST_FEW.search(question):
        n = 2 if not m[1] else int(_COUNTS.get(m[1].lower(), m[1]))
        return (None, previous[:n]) if n <= len(previous) and (m[1] or len(previous) == 2) else (None, None)
    if len(previous) == 1 and _IT.search(question):
        return None, previous
    if _FOLLOW_UP.search(question) and _COMPARED.search(question) and len(previous) >= 2:
        return None, previous[:COMPARED_MOST]
    return (previous, None) if _FOLLOW_UP.search(question) else (None, None)


def backend_choices(pipeline) -> list[tuple[str, str]]:
    """(label, value) pairs; unreachable backends stay selectable but are marked."""
    status = pipeline.backend_status()
    return [(name if not problem else f"{name} (unreachable)", name) for name, problem in status.items()]


def sidebar_filters(year_from, year_to, org) -> list[MetadataFilter]:
    out = []
    if year_from:
        out.append(MetadataFilter(key="year", value=int(year_from), operator=FilterOperator.GTE))
    if year_to:
        out.append(MetadataFilter(key="year", value=int(year_to), operator=FilterOperator.LTE))
    if org and org != "(any)":
        out.append(MetadataFilter(key="org", value=org))
    return out


def answer_html(answer: Answer) -> str:
    """The answer with [n] linked to its card and weakly supported sentences marked."""
    text = html.escape(answer.answer)
    for sentence in answer.unsupported_sentences:
        esc = html.escape(sentence.rstrip("."))
        text = text.replace(esc, f'<span class="weak" title="weakly supported by its sources">⚠ {esc}</span>', 1)
    text = re.sub(r"\[(\d+)\]", r'<a href="#src-\1">[\1]</a>', text)
    notes = []
    if answer.invalid_citations:
        notes.append(f"removed citations to missing sources {answer.invalid_citations}")
    if answer.uncited and not answer.abstained:
        notes.append("this answer cites no source")
    if notes:
        text += "\n\n<small>⚠ " + "; ".join(notes) + "</small>"
    read = f"<br>read as: {html.escape(answer.read_as)}" if answer.read_as else ""
    return text + f"\n\n<small>{html.escape(answer.backend)} · {answer.timings_ms.get('total', 0):.0f} ms{read}</small>"


def source_cards(answer: Answer, pipeline) -> str:
    if not answer.citations:
        return "<p>No sources.</p>"
    catalog = pipeline.searchers().catalog
    cards = []
    for c in answer.citations:
        meta = html.escape(describe(vars(c)))
        flag = ' <span class="weak">weak support</span>' if c.supported is False else ""
        abstract = html.escape(catalog.abstract(c.paper_id))
        cards.append(f'<div class="card" id="src-{c.n}"><b>[{c.n}] {html.escape(c.title)}</b>{flag}<br>'
                     f'<small>{meta}</small><br><mark>{html.escape(c.evidence)}</mark>'
                     f"<details><summary>Abstract</summary>{abstract}</details></div>")
    return "\n".join(cards)


def copy_text(answer: Answer) -> str:
    refs = [f"[{c.n}] {c.title}" + (f" ({c.date})" if c.date else "") for c in answer.citations]
    return answer.answer + ("\n\nReferences:\n" + "\n".join(refs) if refs else "")
