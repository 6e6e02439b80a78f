"""The chat page: cited answers stream into a chat, sources appear as cards beside it.

The page calls the same Pipeline as the CLI. Errors become a readable chat message and the
typed question stays in the box. Follow-ups ("and which of those are from 2025?") are
answered within the previous answer's papers, or one of them ("how many authors does the
first one have?"); "what about 2024?" asks the previous question again for 2024. Each
visitor's page keeps its own Conversation (rag/conversation.py).
"""
from __future__ import annotations

import html
import logging
import os
import socket

from rag.answer.base import Answer
from rag.conversation import Conversation
from rag.index.store import StoreError
from rag.llm.base import BackendError
from rag.pipeline import Pipeline, QuestionError, internal_error
from rag.ui.render import (
    answer_html,
    backend_choices,
    copy_text,
    sidebar_filters,
    source_cards,
)

log = logging.getLogger(__name__)

EXAMPLES = ["What topics does the corpus cover?", "which papers use GRPO for vision?", "and which of those are from 2025?",
            "what about 2024?",
            "Which papers are credited to a single author?", "How many tables and statements are in TabFact?"]
CSS = """
.card {border:1px solid #ddd; border-radius:8px; padding:8px; margin-bottom:8px}
.card:target {border-color:#e67e22; box-shadow:0 0 0 2px #e67e22}
.weak {text-decoration: underline wavy #c0392b}
"""


def build_app(pipeline: Pipeline):
    import gradio as gr

    names = list(pipeline.settings.backends)
    orgs = ["(any)"] + pipeline.searchers().catalog.orgs()

    def respond(question, history, conversation, backend, top_k, year_from, year_to, org):
        history = list(history or [])
        history.append({"role": "user", "content": html.escape(question or "")})
        history.append({"role": "assistant", "content": ""})
        try:
            shown = ""
            for item in conversation.ask_stream(pipeline, question, top_k=int(top_k), backend=backend,
                                                extra_filters=sidebar_filters(year_from, year_to, org)):
                if isinstance(item, Answer):
                    history[-1]["content"] = answer_html(item)
                    yield history, source_cards(item, pipeline), copy_text(item), conversation, ""
                else:
                    shown += item
                    history[-1]["content"] = html.escape(shown)
                    yield history, gr.skip(), gr.skip(), conversation, gr.skip()
        except (QuestionError, BackendError, StoreError) as exc:
            history[-1]["content"] = f"⚠️ {html.escape(str(exc))}"
            yield history, gr.skip(), gr.skip(), conversation, question  # keep the typed question
        except Exception as exc:  # a bug: said in the chat, its traceback in the server's log, not on the page
            log.exception("answering %r failed", question)
            history[-1]["content"] = f"⚠️ {html.escape(internal_error(exc))}"
            yield history, gr.skip(), gr.skip(), conversation, question

    with gr.Blocks(title="papers-rag", analytics_enabled=False) as app:
        gr.Markdown("## papers-rag: ask the paper corpus")
        chat_state = gr.State(Conversation())  # copied for each visitor
        with gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(height=520, label="Answers", sanitize_html=True)
                box = gr.Textbox(label="Question", placeholder="which papers use GRPO for vision?")
                gr.Examples(EXAMPLES, inputs=box)
                copy = gr.Textbox(label="Answer with references (copy)", lines=3, interactive=False,
                                  buttons=["copy"])
            with gr.Column(scale=2):
                backend = gr.Dropdown(names, value=pipeline.settings.answer.backend, label="Backend")
                top_k = gr.Slider(1, 30, value=pipeline.settings.retrieval.top_k, step=1, label="Sources to retrieve")
                with gr.Row():
                    year_from = gr.Number(label="Year from (0 = any)", precision=0, value=None)
                    year_to = gr.Number(label="Year to (0 = any)", precision=0, value=None)
                org = gr.Dropdown(orgs, value="(any)", label="Organisation")
                sources = gr.HTML("<p>Sources appear here.</p>", label="Sources")
        box.submit(respond, [box, chat, chat_state, backend, top_k, year_from, year_to, org],
                   [chat, sources, copy, chat_state, box])
        # Reachability is checked when a page opens, not at start-up: the page is up sooner
        # and the marks are current.
        app.load(lambda: gr.update(choices=backend_choices(pipeline)), None, backend)
    return app


def check_address(host: str, port: int, insecure: bool = False, user: str | None = None,
                  password: str | None = None) -> None:
    """A QuestionError for an address the page cannot or should not be served on: one the network
    reaches with no login, or a port another program holds (Gradio raised a traceback)."""
    local = host in ("127.0.0.1", "localhost", "::1")
    if not local and not (user and password) and not insecure:
        raise QuestionError(f"serving on {host} exposes the page to the network: set RAG_UI_USER and "
                            "RAG_UI_PASSWORD, or pass --insecure")
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.bind((host, port))
    except OSError as exc:
        raise QuestionError(f"cannot serve on {host}:{port}: {exc.strerror or exc} (another program may hold the "
                            "port: pass --port)") from None


def serve(pipeline: Pipeline, host: str = "127.0.0.1", port: int = 7860, insecure: bool = False,
          user: str | None = None, password: str | None = None) -> None:
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    check_address(host, port, insecure, user, password)
    auth = (user, password) if user and password else None
    build_app(pipeline).queue(default_concurrency_limit=8).launch(
        server_name=host, server_port=port, auth=auth, show_error=False, css=CSS, footer_links=[])
