"""Per-question scores and their aggregation. Paper identity is the title, as printed.

Recall and MRR come from llama-index's retrieval metrics. nDCG is computed here because
llama-index's NDCG normalises by every relevant paper rather than the best k, which
under-scores questions with more than k relevant papers.
"""
from __future__ import annotations

import math
import statistics

from llama_index.core.evaluation.retrieval.metrics import MRR, Recall

from rag.corpus import title_key

RETRIEVAL_KEYS = ("recall@5", "recall@10", "ndcg@10", "mrr")


def _keys(titles) -> list[str]:
    return [title_key(t) for t in titles]


def recall_at(retrieved: list[str], relevant: list[str], k: int) -> float:
    if not retrieved[:k]:
        return 0.0
    return Recall().compute(expected_ids=_keys(relevant), retrieved_ids=_keys(retrieved[:k])).score


def mrr(retrieved: list[str], relevant: list[str]) -> float:
    if not retrieved:
        return 0.0
    return MRR().compute(expected_ids=_keys(relevant), retrieved_ids=_keys(retrieved)).score


def ndcg_at(retrieved: list[str], relevant: list[str], k: int) -> float:
    rel = set(_keys(relevant))
    dcg = sum(1 / math.log2(i + 1) for i, t in enumerate(_keys(retrieved[:k]), start=1) if t in rel)
    idcg = sum(1 / math.log2(i + 1) for i in range(1, min(len(rel), k) + 1))
    return dcg / idcg if idcg else 0.0


def citation_scores(cited: list[str], relevant: list[str], partial: list[str]) -> tuple[float | None, float | None]:
    """(precision, recall); partial papers count neither for nor against."""
    rel, part = set(_keys(relevant)), set(_keys(partial))
    judged = [c for c in set(_keys(cited)) if c not in part]
    precision = (sum(c in rel for c in judged) / len(judged)) if judged else None
    recall = (len(rel & set(_keys(cited))) / len(rel)) if rel else None
    return precision, recall


def must_mention_recall(answer: str, phrases: list[str]) -> float | None:
    if not phrases:
        return None
    low = answer.lower()
    return sum(p.lower() in low for p in phrases) / len(phrases)


def score_question(q: dict, result: dict) -> dict:
    """Every metric that applies to one question, from its gold record and `rag ask --json` output."""
    retrieved = [r["title"] for r in result["retrieved"]]
    cited = [c["title"] for c in result["citations"]]
    relevant, partial = q.get("relevant_titles", []), q.get("partial_titles", [])
    unanswerable = q.get("type") == "unanswerable"
    s: dict = {"abstained": result["abstained"], "latency_ms": result["timings_ms"]["total"]}
    if relevant:
        s.update({"recall@5": recall_at(retrieved, relevant, 5), "recall@10": recall_at(retrieved, relevant, 10),
                  "ndcg@10": ndcg_at(retrieved, relevant, 10), "mrr": mrr(retrieved, relevant)})
        p, r = citation_scores(cited, relevant, partial)
        if p is not None or not result["abstained"]:
            s["citation_precision"] = p if p is not None else 0.0
        s["citation_recall"] = r
    if (m := must_mention_recall(result["answer"], q.get("must_mention", []))) is not None:
        s["must_mention_recall"] = m
    if unanswerable:
        s["abstain_correct"] = float(result["abstained"])
    else:
        s["false_abstain"] = float(result["abstained"])
    return s


def aggregate(scores: list[dict]) -> dict:
    out: dict = {"n": len(scores)}
    for key in (*RETRIEVAL_KEYS, "citation_precision", "citation_recall", "must_mention_recall"):
        vals = [s[key] for s in scores if s.get(key) is not None]
        if vals:
            out[key] = round(statistics.fmean(vals), 4)
    if vals := [s["abstain_correct"] for s in scores if "abstain_correct" in s]:
        out["abstain_accuracy"] = round(statistics.fmean(vals), 4)
    if vals := [s["false_abstain"] for s in scores if "false_abstain" in s]:
        out["false_abstain_rate"] = round(statistics.fmean(vals), 4)
    if vals := [s["judged_correct"] for s in scores if "judged_correct" in s]:  # only with --judge
        out["judged_correctness"] = round(statistics.fmean(vals), 4)
    lat = sorted(s["latency_ms"] for s in scores)
    if lat:
        cuts = statistics.quantiles(lat, n=100, method="inclusive") if len(lat) > 1 else lat * 99
        out["latency_ms_p50"] = round(cuts[49], 1)
        out["latency_ms_p95"] = round(cuts[94], 1)
    return out
