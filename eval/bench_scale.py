"""Scale benchmark on synthetic corpora (eval/make_corpus.py).

    python eval/bench_scale.py --sizes 1000,10000 [--http-sizes 1000] [--out eval/reports/DATE]
    python eval/bench_scale.py --index DIR --corpus FILE [--ingest | --readd N] --http-sizes N [--note TEXT] [--out ...]

For each size N: raw embedding throughput of the model alone on a sample of the same chunk
texts (the ceiling), `rag ingest` throughput and peak RSS (a subprocess, measured with
wait4), hybrid retrieval latency p50/p95 in-process, `rag ask` and `rag serve` start-up times with
the index present, and, for --http-sizes, the same retrieval latency against `chroma run`.
`--readd N` instead times an incremental ingest into the existing index (its last N papers
taken out, then `rag ingest`), with its peak RSS.
Goals: ingest >= 80 % of raw embedding throughput; peak RSS < 2 GB; p95 < 150 ms.
Writes scale.json and scale.png into --out.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from make_corpus import synthetic_papers  # noqa: E402

QUESTIONS = ["which papers use GRPO for vision?", "How many tables and statements are in TabFact?",
             "reinforcement learning for reasoning in small models", "Which papers are credited to a single author?",
             "long-context retrieval with multi-hop questions", "agents that browse the web",
             "distilling chain of thought into smaller students", "How well do LLMs play chess?",
             "How many papers mention GRPO?", "How many papers are about reinforcement learning?"]


def run_timed(args: list[str], env: dict) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in MB (of the process tree's largest member) and stderr tail."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    err = proc.stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{args} failed: {err[-1500:]}")
    return time.perf_counter() - t0, usage.ru_maxrss // 1024, err[-300:]


def raw_embedding_rate(corpus: Path, sample: int = 400, runs: int = 2, skip: int = 0, step: int = 1) -> float:
    """Papers per second for the embedding model alone, on the same chunk and sentence texts; the best of
    `runs`, so a moment of other load does not lower the ceiling the ingest is held to.
    `skip` starts the sample further into the file, for an ingest that resumed there; `step`
    takes every step-th paper from there, to spread the sample over a long run."""
    from rag.config import load_settings
    from rag.corpus import load_corpus
    from rag.index.chunking import Chunker, Sentences, embed_text
    from rag.index.embeddings import build_embedding

    settings = load_settings()
    papers = load_corpus([corpus])[skip::step][:sample]
    # What `rag ingest` embeds: the chunks, then (since session 16) each paper's title and sentences.
    texts = [embed_text(n) for chunker in (Chunker(settings.chunking), Sentences()) for p in papers
             for n in chunker.chunks(p)]
    model = build_embedding(settings.embedding)
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        model.get_text_embedding_batch(texts)
        best = min(best, time.perf_counter() - t0)
    return len(papers) / best


def pipeline_with(env_overrides: dict):
    from rag.config import load_settings
    from rag.pipeline import Pipeline

    saved = dict(os.environ)
    os.environ.update(env_overrides)
    try:
        settings = load_settings()
    finally:  # later subprocesses must not inherit these
        os.environ.clear()
        os.environ.update(saved)
    return Pipeline(settings)


def latency(env_overrides: dict) -> dict:
    pipeline = pipeline_with(env_overrides)
    pipeline.ask(QUESTIONS[0])  # warm-up: BM25 load
    times = [pipeline.ask(q).timings_ms["retrieve"] for _ in range(5) for q in QUESTIONS]
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return {"retrieve_ms_p50": round(cuts[49], 1), "retrieve_ms_p95": round(cuts[94], 1)}


def serve_ready_s(env: dict) -> tuple[float, int]:
    """Seconds from `rag serve` to the page answering (index already built), and the server's
    peak RSS in MB by then (it has loaded BM25, the catalog and the model while starting)."""
    port = free_port()
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "rag.cli", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while proc.poll() is None:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
                ready = round(time.perf_counter() - t0, 2)
                time.sleep(5)  # the warm-up may still be finishing beside the page
                return ready, _peak_rss_mb(proc.pid)
            except OSError:
                time.sleep(0.1)
        raise SystemExit("rag serve exited")
    finally:
        proc.terminate()
        proc.wait()


def _peak_rss_mb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM"))) // 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def one_size(n: int, work: Path, http: bool) -> dict:
    corpus = work / f"synthetic-{n}.jsonl"
    with corpus.open("w") as fh:
        for record in synthetic_papers(n, seed=n):
            fh.write(json.dumps(record) + "\n")
    index = work / f"index-{n}"
    env = {**os.environ, "RAG_INDEX__PATH": str(index)}
    return {"papers": n, **measure_ingest(index, corpus, env), **measure_index(index, corpus, env, http)}


def measure_ingest(index: Path, corpus: Path, env: dict) -> dict:
    """`rag ingest` of the whole corpus against the model's own rate on the same texts."""
    n = sum(1 for _ in corpus.open())
    raw = raw_embedding_rate(corpus)
    env = {**env, "RAG_INDEX__PATH": str(index)}
    wall, rss, _ = run_timed([sys.executable, "-m", "rag.cli", "ingest", "--corpus", str(corpus)], env)
    return {"raw_embed_papers_per_s": round(raw, 1), "ingest_papers_per_s": round(n / wall, 1),
            "ingest_vs_raw": round(n / wall / raw, 3), "ingest_s": round(wall, 1), "ingest_peak_rss_mb": rss}


def measure_readd(index: Path, corpus: Path, n: int, env: dict) -> dict:
    """The last `n` papers of the corpus taken out of the index, then `rag ingest` timed: an
    incremental ingest, which embeds only those but rebuilds the BM25 side over everything."""
    from rag.corpus import load_corpus
    from rag.index.store import delete_papers

    ids = [p.id for p in load_corpus([corpus])[-n:]]
    overrides = {k: v for k, v in env.items() if k.startswith("RAG_")} | {"RAG_INDEX__PATH": str(index)}
    delete_papers(pipeline_with(overrides).collection, ids)
    env = {**env, "RAG_INDEX__PATH": str(index)}
    wall, rss, _ = run_timed([sys.executable, "-m", "rag.cli", "ingest", "--corpus", str(corpus)], env)
    return {"readd_papers": n, "readd_s": round(wall, 1), "readd_peak_rss_mb": rss}


def measure_index(index: Path, corpus: Path, env: dict, http: bool) -> dict:
    """Start-up, serving memory and retrieval latency against an index that already exists."""
    n = sum(1 for _ in corpus.open())
    env = {**env, "RAG_INDEX__PATH": str(index), "RAG_CORPUS__PATHS": json.dumps([str(corpus)])}
    ask_s, ask_rss, _ = run_timed([sys.executable, "-m", "rag.cli", "ask", QUESTIONS[1]], env)
    row = {"rag_ask_wall_s": round(ask_s, 2), "ask_peak_rss_mb": ask_rss}
    row["serve_page_ready_s"], row["serve_peak_rss_mb"] = serve_ready_s(env)
    extra = {k: v for k, v in env.items() if k.startswith("RAG_") and k not in ("RAG_CORPUS__PATHS",)}
    row["embedded"] = latency({**extra, "RAG_INDEX__MODE": "embedded"})
    if http:
        port = free_port()
        server = subprocess.Popen(["chroma", "run", "--path", str(index / "chroma"), "--host", "127.0.0.1",
                                   "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(200):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            row["http"] = latency({**extra, "RAG_INDEX__PATH": str(index.parent / f"http-local-{n}"),
                                   "RAG_INDEX__MODE": "http", "RAG_INDEX__PORT": str(port)})
        finally:
            server.terminate()
    return row


def plot(rows: list[dict], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
    # A share of the model's own rate, not papers/s: rows may differ in embedding config (see "note").
    measured = [r for r in rows if "ingest_vs_raw" in r]
    a.plot([r["papers"] for r in measured], [r["ingest_vs_raw"] for r in measured], marker="o", label="rag ingest")
    for r in measured:
        if r.get("note"):
            a.annotate("see note", (r["papers"], r["ingest_vs_raw"]), textcoords="offset points", xytext=(-60, 6))
    a.axhline(0.8, color="grey", linestyle="--", label="goal 0.8")
    # A log axis needs points: a run of --readd alone into a new --out has none to plot.
    a.set(xscale="log" if measured else "linear", xlabel="papers", ylabel="ingest / model alone",
          title="Ingest throughput vs the model's")
    if measured:
        a.legend()
    plotted = False
    for mode in ("embedded", "http"):
        pts = [(r["papers"], r[mode]["retrieve_ms_p95"]) for r in rows if mode in r]
        if pts:
            b.plot(*zip(*pts), marker="o", label=f"{mode} p95")
            plotted = True
    b.set(xscale="log" if plotted else "linear", xlabel="papers", ylabel="ms", title="Hybrid retrieval latency")
    if plotted:
        b.legend()
    fig.tight_layout()
    fig.savefig(out / "scale.png", dpi=110)


def merge_rows(previous: list[dict], new: list[dict]) -> dict[int, dict]:
    """A new measurement at a size updates that size's row; figures it did not take are kept."""
    rows = {r["papers"]: r for r in previous}
    for r in new:
        old = rows.get(r["papers"], {})
        notes = dict.fromkeys(n for n in (old.get("note"), r.get("note")) if n)
        rows[r["papers"]] = {**old, **r, "note": "; ".join(notes)}
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--http-sizes", default="1000")
    ap.add_argument("--out", default="eval/out")
    ap.add_argument("--index", help="measure this existing index (no ingest) instead of --sizes")
    ap.add_argument("--corpus", help="with --index: the corpus file it was built from")
    ap.add_argument("--note", default="", help="with --index: how the index was built, kept in the row")
    ap.add_argument("--ingest", action="store_true", help="with --index: ingest --corpus into it first, timed")
    ap.add_argument("--readd", type=int, default=0,
                    help="with --index: take the corpus's last N papers out of the index and time re-ingesting them")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    http = {int(x) for x in args.http_sizes.split(",") if x}
    rows = []
    if args.index:
        corpus = Path(args.corpus)
        n = sum(1 for _ in corpus.open())
        index, env = Path(args.index), dict(os.environ)
        if args.readd:  # on its own: the serving figures are taken on an index left as built
            rows.append({"papers": n, "note": args.note, **measure_readd(index, corpus, args.readd, env)})
        else:
            ingest = measure_ingest(index, corpus, env) if args.ingest else {}
            rows.append({"papers": n, "note": args.note, **ingest, **measure_index(index, corpus, env, n in http)})
        print(json.dumps(rows[-1]), flush=True)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            for n in (int(x) for x in args.sizes.split(",")):
                rows.append(one_size(n, Path(tmp), n in http))
                print(json.dumps(rows[-1]), flush=True)
    previous = json.loads((out / "scale.json").read_text()) if (out / "scale.json").exists() else []
    rows = sorted(merge_rows(previous, rows).values(), key=lambda r: r["papers"])
    (out / "scale.json").write_text(json.dumps(rows, indent=2))
    plot(rows, out)


if __name__ == "__main__":
    main()
