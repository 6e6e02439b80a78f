"""HTML and text the page shows; everything from the corpus or a model is escaped."""
from __future__ import annotations

import html
import re

from llama_index.core.vector_stores import FilterOperator, MetadataFilter

from rag.answer.base import Answer, describe

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
