"""report.md, the printed summary table, and PNG plots."""
from __future__ import annotations

from pathlib import Path

COLUMNS = ("recall@5", "recall@10", "ndcg@10", "mrr", "citation_precision", "citation_recall",
           "must_mention_recall", "abstain_accuracy", "false_abstain_rate", "latency_ms_p50", "latency_ms_p95")


def table(per_system: dict) -> str:
    judged = any("judged_correctness" in m["overall"] for m in per_system.values())
    columns = COLUMNS + ("judged_correctness",) if judged else COLUMNS
    head = "| system | block | n | " + " | ".join(columns) + " |"
    lines = [head, "|" + "---|" * (len(columns) + 3)]
    for name, m in per_system.items():
        for block, vals in [("overall", m["overall"]), *m["by_type"].items()]:
            cells = [_fmt(vals.get(c)) for c in columns]
            lines.append(f"| {name} | {block} | {vals['n']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _fmt(v) -> str:
    return "" if v is None else (f"{v:.3f}" if isinstance(v, float) and v <= 1 else str(v))


def write_report(out: Path, per_system: dict, rows: list[dict], judge: str | None = None) -> None:
    plots = _plots(out, per_system, rows)
    text = ["# Evaluation report", "", table(per_system), ""]
    if judge:
        text += [f"`judged_correctness` is LLM-judged: `{judge}` read each answer and the question's gold "
                 "answer and said whether the answer states its main point. It is a model's opinion, not "
                 "a gold metric; every other column is computed from gold titles and phrases.", ""]
    text += [f"![{p.stem}]({p.name})" for p in plots]
    misses = [r for r in rows if r["scores"].get("recall@10", 1) < 1 or r["scores"].get("abstain_correct") == 0.0
              or r["scores"].get("false_abstain") == 1.0]
    if misses:
        text += ["", "## Questions below full marks", ""]
        text += [f"- `{r['system']}` {r['id']} ({r['type']}): recall@10={r['scores'].get('recall@10', '-')}, "
                 f"abstained={r['abstained']}" for r in misses]
    (out / "report.md").write_text("\n".join(text) + "\n")


def _plots(out: Path, per_system: dict, rows: list[dict]) -> list[Path]:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return []
    from rag.eval.metrics import recall_at

    paths = []
    fig, ax = plt.subplots(figsize=(6, 4))
    ks = list(range(1, 11))
    for name in per_system:
        sys_rows = [r for r in rows if r["system"] == name and "recall@10" in r["scores"]]
        if not sys_rows:
            continue
        curve = [sum(recall_at(r["retrieved"], r["relevant"], k) for r in sys_rows) / len(sys_rows) for k in ks]
        ax.plot(ks, curve, marker=".", label=name)
    ax.set(xlabel="k (papers)", ylabel="recall@k", title="Recall@k by system", ylim=(0, 1.02))
    ax.legend()
    paths.append(_save(fig, out / "recall_at_k.png"))

    fig, ax = plt.subplots(figsize=(9, 4))
    names = list(per_system)
    types = sorted({t for m in per_system.values() for t in m["by_type"]})
    width = 0.8 / max(len(names), 1)
    for i, name in enumerate(names):
        vals = [per_system[name]["by_type"].get(t, {}).get("recall@10", per_system[name]["by_type"].get(t, {})
                .get("abstain_accuracy", 0)) for t in types]
        ax.bar([x + i * width for x in range(len(types))], vals, width, label=name)
    ax.set_xticks([x + width * (len(names) - 1) / 2 for x in range(len(types))], types, rotation=20)
    ax.set(ylabel="recall@10 (abstain accuracy for unanswerable)", title="By question type", ylim=(0, 1.05))
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
    paths.append(_save(fig, out / "by_type.png"))

    fig, ax = plt.subplots(figsize=(6, 4))
    for name in names:
        ax.hist([r["timings_ms"]["total"] for r in rows if r["system"] == name], bins=20, alpha=0.6, label=name)
    ax.set(xlabel="latency per question (ms)", ylabel="questions", title="Latency")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
    paths.append(_save(fig, out / "latency.png"))
    return paths


def _save(fig, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=110, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return path
