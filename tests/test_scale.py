"""Client/server mode against a real `chroma run` on loopback, crash-safe ingest, questions
during an ingest."""
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest

from rag.answer.base import Answer
from rag.config import ChunkConfig
from rag.corpus import load_corpus
from rag.index.chunking import Chunker
from rag.index.store import StoreError
from rag.pipeline import Pipeline
from tests.conftest import ROOT, free_port, settings_for, start_server, wait_http, write_jsonl

sys.path.insert(0, str(ROOT / "eval"))
from bench_scale import merge_rows  # noqa: E402
from make_corpus import synthetic_papers  # noqa: E402


class ChromaServer:
    def __init__(self, folder, port):
        self.folder, self.port, self.proc = folder, port, None

    def start(self):
        log = self.folder.parent / f"chroma-{self.port}.log"
        self.proc = start_server(["chroma", "run", "--path", str(self.folder), "--host", "127.0.0.1",
                                  "--port", str(self.port)], log)
        wait_http(f"http://127.0.0.1:{self.port}/api/v2/heartbeat", self.proc, seconds=60, log=log)

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


@pytest.fixture
def chroma(tmp_path):
    server = ChromaServer(tmp_path / "chroma-data", free_port())
    server.start()
    yield server
    if server.proc.poll() is None:
        server.stop()


def test_http_mode_ingest_ask_stop_and_restart(tmp_path, small_papers, chroma):
    corpus = write_jsonl(tmp_path / "p.jsonl", small_papers)
    pipeline = Pipeline(settings_for(tmp_path / "local", RAG_INDEX__MODE="http", RAG_INDEX__PORT=str(chroma.port)))
    assert pipeline.ingest([str(corpus)], progress=False).added == 3
    assert pipeline.ingest([str(corpus)], progress=False).chunks_embedded == 0
    question = "How do robots fold laundry?"
    assert pipeline.ask(question).citations[0].title == "Teaching Robots to Fold Laundry"
    assert pipeline.stats()["index"] == f"http://127.0.0.1:{chroma.port}"

    chroma.stop()
    with pytest.raises(StoreError, match="is the server running"):
        pipeline.ask(question)
    chroma.start()
    assert pipeline.ask(question).citations[0].title == "Teaching Robots to Fold Laundry"


def test_http_mode_bm25_follows_changes_made_by_another_client(tmp_path, small_papers, chroma):
    corpus = write_jsonl(tmp_path / "p.jsonl", small_papers)
    env = dict(RAG_INDEX__MODE="http", RAG_INDEX__PORT=str(chroma.port))
    reader = Pipeline(settings_for(tmp_path / "reader", **env))
    writer = Pipeline(settings_for(tmp_path / "writer", **env))
    writer.ingest([str(corpus)], progress=False)
    assert reader.retrieve(reader.understand("tabular reasoning benchmark"), retriever="bm25")[0].title \
        == "A Benchmark of Tabular Reasoning"
    small_papers.append({"title": "Quokka Behaviour Study", "abstract": "We observe quokkas on Rottnest island."})
    write_jsonl(corpus, small_papers)
    writer.ingest([str(corpus)], progress=False)
    hits = reader.retrieve(reader.understand("quokkas Rottnest"), retriever="bm25")
    assert hits and hits[0].title == "Quokka Behaviour Study"


def _ingest_proc(corpus, index, batch="16"):
    env = {**os.environ, "RAG_INDEX__PATH": str(index), "RAG_INDEX__WRITE_BATCH": batch}
    return subprocess.Popen([sys.executable, "-m", "rag.cli", "ingest", "--corpus", str(corpus)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_progress(proc, at_least: int, timeout: float = 300) -> None:
    """Read tqdm's output until it reports `at_least` papers done."""
    buf, deadline = "", time.time() + timeout
    while time.time() < deadline:
        ch = proc.stderr.read(1)
        if not ch:
            raise AssertionError("ingest ended before the kill: " + buf[-500:])
        buf += ch
        done = [int(x.split("/")[0]) for x in buf.replace("\r", "\n").split() if "/" in x and x.split("/")[0].isdigit()]
        if done and max(done) >= at_least:
            return
    raise AssertionError("no progress: " + buf[-500:])


def test_kill_9_during_ingest_then_rerun_finishes_exactly_once(tmp_path):
    corpus = tmp_path / "synthetic.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in synthetic_papers(240, seed=1)) + "\n")
    index = tmp_path / "idx"
    proc = _ingest_proc(corpus, index)
    _wait_progress(proc, 40)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    pipeline = Pipeline(settings_for(index))
    report = pipeline.ingest([str(corpus)], progress=False)
    assert report.unchanged >= 40 and report.added == 240 - report.unchanged  # stored papers not embedded again
    got = pipeline.collection.get(include=["metadatas"])
    per_paper = Counter(m["paper_id"] for m in got["metadatas"])
    assert len(per_paper) == 240 and len(got["ids"]) == len(set(got["ids"]))
    chunker = Chunker(ChunkConfig())
    expected = {p.id: len(chunker.chunks(p)) for p in load_corpus([corpus])}
    assert dict(per_paper) == expected  # every paper whole, none duplicated


def test_questions_during_an_ingest_get_answers(tmp_path, small_papers):
    corpus = write_jsonl(tmp_path / "p.jsonl", small_papers)
    index = tmp_path / "idx"
    reader = Pipeline(settings_for(index))
    reader.ingest([str(corpus)], progress=False)
    big = tmp_path / "big.jsonl"
    big.write_text("\n".join(json.dumps(r) for r in synthetic_papers(150, seed=2)) + "\n")
    both = tmp_path / "both"
    both.mkdir()
    (both / "a.jsonl").write_text(corpus.read_text())
    (both / "b.jsonl").write_text(big.read_text())
    proc = _ingest_proc(both, index)
    answers, errors = [], []
    while proc.poll() is None and len(answers) < 40:
        try:
            answers.append(reader.ask("How do robots fold laundry?"))
        except Exception as exc:  # any error here is a failure of the test
            errors.append(repr(exc))
        time.sleep(0.2)
    proc.wait(timeout=600)
    assert proc.returncode == 0, proc.stderr.read()[-1000:]
    assert not errors and len(answers) >= 3
    assert all(isinstance(a, Answer) and a.citations[0].title == "Teaching Robots to Fold Laundry" for a in answers)
    assert reader.stats()["papers"] == 153  # and the reader sees the new state afterwards


def test_a_new_benchmark_row_updates_its_size_and_keeps_other_figures():
    previous = [{"papers": 100, "ingest_s": 5.0, "note": "fresh"}, {"papers": 1000, "ingest_s": 50.0, "note": ""}]
    rows = merge_rows(previous, [{"papers": 100, "readd_s": 1.0, "ingest_s": 4.0, "note": "re-add"}])
    assert rows[100] == {"papers": 100, "ingest_s": 4.0, "readd_s": 1.0, "note": "fresh; re-add"}
    assert rows[1000] == previous[1]
