"""Fit the "which papers" list membership model on a question set and print its weights.

    python eval/fit_list_model.py [--questions eval/dev_questions.jsonl eval/probe_questions.jsonl ...] [--l2 1.0]

Each "which papers" question with gold papers gives one row per retrieved paper (features
from `Relevance.list_features`; label: a relevant title or not; partial titles left out).
A plain L2-regularised logistic regression, in numpy. Leave-one-question-out citation
precision and recall are printed for several thresholds, to choose `list_threshold` on
questions the weights did not see; paste the printed block into config.yaml.
"""
from __future__ import annotations

import argparse

import numpy as np

from rag.config import load_settings
from rag.eval.harness import load_questions
from rag.pipeline import Pipeline

NAMES = ("fused", "coverage", "bm25_rank", "dense_gap", "sentence_gap")


def rows(pipeline: Pipeline, questions: list[dict]):
    relevance = pipeline.searchers().relevance
    for q in questions:
        plan = pipeline.understand(q["question"])
        if not plan.asks_list or plan.metadata_only or not q.get("relevant_titles"):
            continue
        hits = pipeline.retrieve(plan)
        relevant, partial = set(q["relevant_titles"]), set(q.get("partial_titles") or [])
        for hit, x in zip(hits, relevance.list_features(relevance.query_terms(plan), hits)):
            if hit.title not in partial:
                yield q["id"], x, float(hit.title in relevant), len(relevant)


def fit(X: np.ndarray, y: np.ndarray, l2: float, steps: int = 4000) -> np.ndarray:
    """Weights on the raw features, intercept last."""
    mu, sd = X.mean(0), X.std(0) + 1e-9
    Z = np.c_[(X - mu) / sd, np.ones(len(X))]
    w = np.zeros(Z.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-Z @ w))
        w -= (Z.T @ (p - y) + l2 * np.r_[w[:-1], 0]) / len(y)
    raw = w[:-1] / sd
    return np.r_[raw, w[-1] - (mu * raw).sum()]


def prob(w: np.ndarray, X: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-(X @ w[:-1] + w[-1])))


def leave_one_out(qid, X, y, n_rel, l2, thresholds):
    """Mean citation precision and recall per threshold, each question scored by weights fitted without it."""
    out = {t: ([], []) for t in thresholds}
    for q in sorted(set(qid)):
        test = qid == q
        p = prob(fit(X[~test], y[~test], l2), X[test])
        for t in thresholds:
            chosen = p >= t
            hits = (y[test] * chosen).sum()
            out[t][0].append(hits / chosen.sum() if chosen.sum() else 0.0)
            out[t][1].append(hits / n_rel[test][0])
    return {t: (float(np.mean(pr)), float(np.mean(rc))) for t, (pr, rc) in out.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", nargs="+", default=["eval/dev_questions.jsonl", "eval/probe_questions.jsonl"])
    ap.add_argument("--l2", type=float, default=1.0)
    args = ap.parse_args()
    pipeline = Pipeline(load_settings())
    data = list(rows(pipeline, [q for path in args.questions for q in load_questions(path)]))
    qid = np.array([d[0] for d in data])
    X = np.array([d[1] for d in data])
    y = np.array([d[2] for d in data])
    n_rel = np.array([d[3] for d in data])
    print(f"{len(set(qid))} questions, {len(y)} papers, {int(y.sum())} relevant")
    for t, (p, r) in leave_one_out(qid, X, y, n_rel, args.l2, (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5)).items():
        print(f"threshold {t:.2f}: leave-one-question-out citation precision {p:.2f}, recall {r:.2f}")
    w = fit(X, y, args.l2)
    print("  list_model:")
    for name, value in zip((*NAMES, "intercept"), (*w[:-1], w[-1])):
        print(f"    {name}: {value:.3f}")


if __name__ == "__main__":
    main()
