"""Fit the "which papers" list membership model on a question set and print its weights.

    python eval/fit_list_model.py [--questions eval/dev_questions.jsonl eval/probe_questions.jsonl ...] [--l2 1.0]
                                  [--by-set]

Each "which papers" question with gold papers gives one row per retrieved paper (features
from `Relevance.list_features`; label: a relevant title or not; partial titles left out).
A plain L2-regularised logistic regression, in numpy. Leave-one-question-out citation
precision and recall are printed for several thresholds, to choose `list_threshold` on
questions the weights did not see; paste the printed block into config.yaml.

`--by-set` holds out each question file in turn instead (the figures the reports quote as
"fitted on the other sets"), and also prints recall@5 / @10 of each list's retrieved papers
in the first-stage order and in the list model's (the order answers report), partial titles
keeping their places as the harness scores them.
"""
from __future__ import annotations

import argparse

import numpy as np

from rag.config import load_settings
from rag.eval.harness import load_questions
from rag.pipeline import Pipeline

NAMES = ("fused", "coverage", "bm25_rank", "dense_gap", "sentence_gap", "focus")


def rows(pipeline: Pipeline, questions: list[dict], partial: bool = False):
    """(question id, features, label, relevant count) per retrieved paper, in retrieval order;
    `partial`: partial titles too, labelled -1 (for ranking figures; never fitted on)."""
    relevance = pipeline.searchers().relevance
    for q in questions:
        plan = pipeline.understand(q["question"])
        if not plan.asks_list or plan.metadata_only or not q.get("relevant_titles"):
            continue
        hits = pipeline.retrieve(plan)
        relevant, partials = set(q["relevant_titles"]), set(q.get("partial_titles") or [])
        for hit, x in zip(hits, relevance.list_features(relevance.query_terms(plan), hits)):
            if hit.title not in partials:
                yield q["id"], x, float(hit.title in relevant), len(relevant)
            elif partial:
                yield q["id"], x, -1.0, len(relevant)


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
    """Mean citation precision and recall per threshold, each question scored by weights fitted
    without it: each question a set of its own."""
    return leave_one_set_out(qid, qid, X, y, n_rel, l2, thresholds)[0]


def leave_one_set_out(group, qid, X, y, n_rel, l2, thresholds, ks=(5, 10)):
    """Each set (`group`) scored by weights fitted on the others (rows labelled -1, partial
    titles, are never fitted on and count neither way). Returns the mean citation (precision,
    recall) per threshold, and recall@k per k of each question's rows in their given order
    (retrieval's) and in the model's."""
    p = np.zeros(len(y))
    for g in sorted(set(group)):
        test = group == g
        train = ~test & (y >= 0)
        p[test] = prob(fit(X[train], y[train], l2), X[test])
    cited = {t: ([], []) for t in thresholds}
    ranked = {k: ([], []) for k in ks}
    for q in dict.fromkeys(qid):
        rows_q = qid == q
        yq, pq, nq = y[rows_q], p[rows_q], n_rel[rows_q][0]
        for t in thresholds:
            chosen = (pq >= t) & (yq >= 0)
            hits = (yq * chosen).sum()
            cited[t][0].append(hits / chosen.sum() if chosen.sum() else 0.0)
            cited[t][1].append(hits / nq)
        by_model = yq[np.argsort(-pq, kind="stable")]
        for k in ks:
            ranked[k][0].append((yq[:k] == 1).sum() / nq)
            ranked[k][1].append((by_model[:k] == 1).sum() / nq)
    return ({t: (float(np.mean(a)), float(np.mean(b))) for t, (a, b) in cited.items()},
            {k: (float(np.mean(a)), float(np.mean(b))) for k, (a, b) in ranked.items()})


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", nargs="+", default=["eval/dev_questions.jsonl", "eval/probe_questions.jsonl"])
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--by-set", action="store_true", help="hold out each question file in turn")
    args = ap.parse_args()
    pipeline = Pipeline(load_settings())
    if args.by_set:
        by_set(pipeline, args.questions, args.l2)
        return
    # Ids repeat across sets ("A01"): a question is its file and its id.
    data = [(f"{path}:{d[0]}", *d[1:]) for path in args.questions for d in rows(pipeline, load_questions(path))]
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


def by_set(pipeline: Pipeline, paths: list[str], l2: float) -> None:
    data = [(path, f"{path}:{d[0]}", *d[1:]) for path in paths
            for d in rows(pipeline, load_questions(path), partial=True)]
    group, qid = np.array([d[0] for d in data]), np.array([d[1] for d in data])
    X, y, n_rel = np.array([d[2] for d in data]), np.array([d[3] for d in data]), np.array([d[4] for d in data])
    print(f"{len(paths)} sets, {len(set(qid))} questions, {int((y >= 0).sum())} papers, {int((y == 1).sum())} relevant")
    cited, ranked = leave_one_set_out(group, qid, X, y, n_rel, l2, (0.2, 0.25, 0.3, 0.35, 0.4))
    for t, (p, r) in cited.items():
        print(f"threshold {t:.2f}: leave-one-set-out citation precision {p:.3f}, recall {r:.3f}")
    for k, (first, model) in ranked.items():
        print(f"recall@{k}: first-stage order {first:.3f}, list model's order {model:.3f}")


if __name__ == "__main__":
    main()
