"""Benchmark: cold ingest, unchanged re-ingest, and in-process `ask` latency (extractive).

    python eval/bench.py [--repeat 3]

Goals (2 cores): cold ingest < 30 s including model load; re-ingest < 3 s; ask p50 < 100 ms.
Prints one JSON object; nothing is asserted (speed goals live here, not in tests).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from importlib import resources


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3, help="passes over the dev questions")
    args = ap.parse_args()
    from rag.config import load_settings
    from rag.pipeline import Pipeline

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["RAG_INDEX__PATH"] = tmp
        settings = load_settings()
        t0 = time.perf_counter()
        pipeline = Pipeline(settings)
        _ = pipeline.embed_model  # model load counts towards cold ingest
        load_s = time.perf_counter() - t0
        report = pipeline.ingest(progress=False)
        cold_s = time.perf_counter() - t0

        t1 = time.perf_counter()
        again = Pipeline(settings).ingest(progress=False)
        reingest_s = time.perf_counter() - t1

        questions = [json.loads(line)["question"] for line in
                     (resources.files("rag") / "data" / "dev_questions.jsonl").read_text().splitlines() if line]
        pipeline.ask(questions[0])  # warm-up: BM25 load and first query
        totals = []
        for _ in range(args.repeat):
            for q in questions:
                totals.append(pipeline.ask(q).timings_ms["total"])
        cuts = statistics.quantiles(totals, n=100, method="inclusive")
        print(json.dumps({
            "papers": report.papers, "chunks": report.chunks_embedded, "sentences": report.sentences_embedded,
            "model_load_s": round(load_s, 2), "cold_ingest_s": round(cold_s, 2),
            "reingest_unchanged_s": round(reingest_s, 2), "reingest_embedded": again.chunks_embedded,
            "ask_ms_p50": round(cuts[49], 1), "ask_ms_p95": round(cuts[94], 1), "asks": len(totals),
        }, indent=2))


if __name__ == "__main__":
    main()
