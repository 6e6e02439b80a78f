"""Benchmark the LLM backends: time to first token, generation speed, prompt size.

    python eval/bench_llm.py [--backends local,llamacpp] [--questions 8]

Every configured backend that is reachable right now is measured (extractive excluded) on the
first N answerable dev questions. Prints one JSON object per backend.
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
from importlib import resources


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--backends", help="comma-separated names (default: all reachable)")
    ap.add_argument("--questions", type=int, default=8)
    args = ap.parse_args()
    from rag.answer.base import Answer
    from rag.config import load_settings
    from rag.pipeline import Pipeline

    pipeline = Pipeline(load_settings())
    rows = [json.loads(line) for line in
            (resources.files("rag") / "data" / "dev_questions.jsonl").read_text().splitlines() if line]
    questions = [r["question"] for r in rows if r["type"] != "unanswerable"][: args.questions]
    status = pipeline.backend_status()
    names = args.backends.split(",") if args.backends else [n for n, p in status.items() if not p]
    for name in names:
        if pipeline.settings.backends[name].kind == "extractive":
            continue
        if status.get(name):
            print(json.dumps({"backend": name, "skipped": status[name]}))
            continue
        model = pipeline.chat_model(name)
        answerer = pipeline.answerer(name)
        ttft, tps, prompt_tokens = [], [], []
        for q in questions:
            plan = pipeline.understand(q)
            hits = pipeline.retrieve(plan)
            messages, _ = answerer.messages(plan, answerer.sources(plan, hits))
            prompt_tokens.append(sum(model.count_tokens(m["content"]) for m in messages))
            start, first, text = time.perf_counter(), None, ""
            for item in pipeline.ask_stream(q, backend=name):
                if isinstance(item, Answer):
                    break
                first = first or time.perf_counter()
                text += item
            end = time.perf_counter()
            if first:
                ttft.append((first - start) * 1000)
                if end > first:
                    tps.append(model.count_tokens(text) / (end - first))
        print(json.dumps({"backend": name, "questions": len(questions),
                          "ttft_ms_p50": round(statistics.median(ttft), 1) if ttft else None,
                          "tokens_per_s_p50": round(statistics.median(tps), 1) if tps else None,
                          "prompt_tokens_mean": round(statistics.fmean(prompt_tokens), 1)}))


if __name__ == "__main__":
    main()
