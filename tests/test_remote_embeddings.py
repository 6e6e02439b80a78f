"""Embeddings from an OpenAI-compatible server (embedding.kind: openai with base_url): a real
llama.cpp server on loopback serving the SmolLM2 file's mean-pooled hidden states (576
dimensions), under a model name OpenAI does not have."""
import os
import subprocess
import sys

import pytest

from rag.config import load_settings
from rag.index.embeddings import build_embedding
from rag.llm.base import BackendError
from rag.pipeline import Pipeline
from tests.conftest import ROOT, free_port, settings_for, smollm2_server, write_jsonl

MODEL = "smollm2-135m-instruct"  # any name: the server serves one model whatever it is called


@pytest.fixture(scope="module")
def embedding_server(tmp_path_factory):
    entry = [sys.executable, str(ROOT / "tests" / "embedding_server.py")]
    with smollm2_server(tmp_path_factory, entry, "--embedding", "true", "--n_ctx", "2048") as url:
        yield url


def remote_env(url: str) -> dict:
    return {"RAG_EMBEDDING__KIND": "openai", "RAG_EMBEDDING__BASE_URL": url, "RAG_EMBEDDING__MODEL": MODEL,
            "RAG_EMBEDDING__BATCH_SIZE": "16"}


@pytest.fixture(scope="module")
def remote_index(embedding_server, tmp_path_factory):
    """The three small papers indexed with the server's vectors, no API key set."""
    folder = tmp_path_factory.mktemp("remote-index")
    corpus = write_jsonl(folder / "papers.jsonl", [
        {"title": "Teaching Robots to Fold Laundry", "abstract": "We train a robot policy to fold towels and shirts "
         "from 200 demonstrations. The policy reaches 91% success on unseen garments.", "year": 2024},
        {"title": "Sparse Attention for Long Documents", "abstract": "We propose a sparse attention pattern that "
         "scales linearly with sequence length and matches dense attention on long-document QA."},
        {"title": "A Benchmark of Tabular Reasoning", "abstract": "We release 5k tables with 40k questions that "
         "require numerical reasoning over rows and columns; GPT-4 reaches 62% accuracy."}])
    saved = os.environ.pop("OPENAI_API_KEY", None)
    try:
        pipeline = Pipeline(settings_for(folder / "index", **remote_env(embedding_server)))
        assert pipeline.ingest([str(corpus)], progress=False).added == 3
    finally:
        if saved is not None:
            os.environ["OPENAI_API_KEY"] = saved
    return folder / "index", pipeline


def test_a_server_model_openai_does_not_have_indexes_and_answers(remote_index):
    _, pipeline = remote_index
    stored = pipeline.collection.get(limit=1, include=["embeddings"])["embeddings"]
    assert len(stored[0]) == 576  # the server's vectors, not the bundled 384-dimension model's
    assert pipeline.stats()["embedding_model"].startswith(f"openai:{MODEL}:")
    answer = pipeline.ask("Which paper teaches a robot to fold laundry?")
    assert [c.title for c in answer.citations][:1] == ["Teaching Robots to Fold Laundry"]
    dense = pipeline.retrieve(pipeline.understand("robot folding towels and shirts"), retriever="dense")
    assert dense and all(h.dense is not None for h in dense)  # the question was embedded by the server


def test_a_stopped_embedding_server_is_a_clear_error(remote_index):
    index_dir, _ = remote_index
    down = Pipeline(settings_for(index_dir, **remote_env(f"http://127.0.0.1:{free_port()}/v1")))
    with pytest.raises(BackendError, match=r"embedding server \(http://127\.0\.0\.1:\d+/v1\) is unreachable"):
        down.ask("Which paper teaches a robot to fold laundry?")


def test_a_stopped_embedding_server_fails_the_cli_without_a_traceback(remote_index, tmp_path):
    index_dir, _ = remote_index
    env = {**os.environ, "RAG_INDEX__PATH": str(index_dir), **remote_env(f"http://127.0.0.1:{free_port()}/v1")}
    proc = subprocess.run([sys.executable, "-m", "rag.cli", "ask", "Which paper folds laundry?"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith("error: the embedding server")


def test_a_404_names_the_model_and_the_address(embedding_server, monkeypatch):
    monkeypatch.setenv("RAG_EMBEDDING__KIND", "openai")
    monkeypatch.setenv("RAG_EMBEDDING__MODEL", MODEL)
    monkeypatch.setenv("RAG_EMBEDDING__BASE_URL", embedding_server.replace("/v1", "/nowhere"))
    model = build_embedding(load_settings(ROOT / "config.yaml").embedding)
    with pytest.raises(BackendError, match=f"has no model '{MODEL}'.*base_url"):
        model.get_query_embedding("fold laundry")


def test_hosted_openai_embeddings_without_a_key_say_which_variable(monkeypatch):
    monkeypatch.setenv("RAG_EMBEDDING__KIND", "openai")
    monkeypatch.delenv("RAG_EMBEDDING__BASE_URL", raising=False)
    with pytest.raises(BackendError, match=r"need an API key: set \$OPENAI_API_KEY"):
        build_embedding(load_settings(ROOT / "config.yaml").embedding, api_key=None)


def test_a_server_that_never_replies_times_out_as_configured(monkeypatch):
    # A socket that accepts connections and never answers: the client gives up after
    # embedding.timeout_s, with no retries, and says which setting to raise.
    import socket
    import time
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        monkeypatch.setenv("RAG_EMBEDDING__KIND", "openai")
        monkeypatch.setenv("RAG_EMBEDDING__MODEL", MODEL)
        monkeypatch.setenv("RAG_EMBEDDING__BASE_URL", f"http://127.0.0.1:{silent.getsockname()[1]}/v1")
        monkeypatch.setenv("RAG_EMBEDDING__TIMEOUT_S", "0.5")
        monkeypatch.setenv("RAG_EMBEDDING__MAX_RETRIES", "0")
        model = build_embedding(load_settings(ROOT / "config.yaml").embedding)
        start = time.monotonic()
        with pytest.raises(BackendError, match=r"timed out after 0\.5 s: .*embedding\.timeout_s"):
            model.get_query_embedding("fold laundry")
        assert time.monotonic() - start < 10  # one attempt, not the default 60 s with retries
