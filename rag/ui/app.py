"""The chat page: cited answers stream into a chat, sources appear as cards beside it.

The page calls the same Pipeline as the CLI; errors become a readable chat message and the
typed question stays in the box.
"""
from __future__ import annotations

import html
import os
import re

from llama_index.core.vector_stores import FilterOperator, MetadataFilter

from rag.pipeline import Pipeline, QuestionError

EXAMPLES = ["which papers use GRPO for vision?", "Which papers are credited to a single author?",
            "How many tables and statements are in TabFact?"]


def source_cards(answer) -> str:
    if not answer.citations:
        return "_No sources._"
    cards = []
    for c in answer.citations:
        meta = " · ".join(html.escape(str(x)) for x in (c.date, c.org, f"{c.authors} authors" if c.authors else None,
                                                         f"{c.upvotes} upvotes" if c.upvotes is not None else None) if x)
        cards.append(f'<div class="card" id="src-{c.n}"><b>[{c.n}] {html.escape(c.title)}</b><br>'
                     f'<small>{meta}</small><br><mark>{html.escape(c.evidence)}</mark></div>')
    return "\n".join(cards)


def link_citations(text: str) -> str:
    escaped = html.escape(text)
    return re.sub(r"\[(\d+)\]", r'<a href="#src-\1">[\1]</a>', escaped)


def year_filters(year_from, year_to) -> list[MetadataFilter]:
    out = []
    if year_from:
        out.append(MetadataFilter(key="year", value=int(year_from), operator=FilterOperator.GTE))
    if year_to:
        out.append(MetadataFilter(key="year", value=int(year_to), operator=FilterOperator.LTE))
    return out


def build_app(pipeline: Pipeline):
    import gradio as gr

    backends = ["extractive"]

    def respond(question, history, backend, top_k, year_from, year_to):
        history = list(history or [])
        try:
            result = pipeline.ask(question, top_k=int(top_k), backend=backend,
                                  extra_filters=year_filters(year_from, year_to))
        except (QuestionError, RuntimeError) as exc:
            history += [{"role": "user", "content": question or ""},
                        {"role": "assistant", "content": f"⚠️ {html.escape(str(exc))}"}]
            yield history, gr.update(), question  # keep the typed question
            return
        history += [{"role": "user", "content": html.escape(question)}, {"role": "assistant", "content": ""}]
        shown = ""
        for line in result.answer.splitlines(keepends=True):
            shown += line
            history[-1]["content"] = link_citations(shown)
            yield history, gr.update(), ""
        yield history, source_cards(result), ""

    with gr.Blocks(title="papers-rag", analytics_enabled=False) as app:
        gr.Markdown("## papers-rag: ask the paper corpus")
        with gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(height=520, label="Answers", sanitize_html=True)
                box = gr.Textbox(label="Question", placeholder="which papers use GRPO for vision?")
                gr.Examples(EXAMPLES, inputs=box)
            with gr.Column(scale=2):
                backend = gr.Dropdown(backends, value=backends[0], label="Backend")
                top_k = gr.Slider(1, 30, value=pipeline.settings.retrieval.top_k, step=1, label="Sources to retrieve")
                with gr.Row():
                    year_from = gr.Number(label="Year from", precision=0)
                    year_to = gr.Number(label="Year to", precision=0)
                sources = gr.HTML("_Sources appear here._", label="Sources")
        box.submit(respond, [box, chat, backend, top_k, year_from, year_to], [chat, sources, box])
    return app


def serve(pipeline: Pipeline, host: str = "127.0.0.1", port: int = 7860, insecure: bool = False,
          user: str | None = None, password: str | None = None) -> None:
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    local = host in ("127.0.0.1", "localhost", "::1")
    if not local and not (user and password) and not insecure:
        raise QuestionError(f"serving on {host} exposes the page to the network: set RAG_UI_USER and "
                            "RAG_UI_PASSWORD, or pass --insecure")
    auth = (user, password) if user and password else None
    build_app(pipeline).queue(default_concurrency_limit=4).launch(server_name=host, server_port=port, auth=auth,
                                                                 show_error=False)
