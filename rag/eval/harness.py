"""Run a question set through one or more systems (retriever x backend) and write the results."""
from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from rag.answer.base import Answer
from rag.conversation import Conversation
from rag.eval.judge import Judge
from rag.eval.metrics import aggregate, score_question
from rag.pipeline import RETRIEVERS, Pipeline, QuestionError


@dataclass(frozen=True)
class System:
    retriever: str = "hybrid"
    backend: str | None = None

    @property
    def name(self) -> str:
        return self.retriever + (f"/{self.backend}" if self.backend else "")

    @classmethod
    def parse(cls, spec: str, default_backend: str | None = None) -> System:
        """'bm25', 'extractive', or 'dense/extractive'."""
        if "/" in spec:
            r, b = spec.split("/", 1)
            return cls(r, b)
        return cls(spec, default_backend) if spec in RETRIEVERS else cls("hybrid", spec)


def load_questions(path: str | Path) -> list[dict]:
    questions = []
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:  # a missing, unreadable or binary file: said, not a traceback
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise QuestionError(f"{path}: cannot read the question file ({reason})") from exc
    for n, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                q = json.loads(line)
            except json.JSONDecodeError as exc:
                raise QuestionError(f"{path}, line {n}: not valid JSON ({exc})") from exc
            if not isinstance(q, dict) or not q.get("question"):
                raise QuestionError(f"{path}, line {n}: a question record needs a 'question' field")
            if not isinstance(q.get("after", []), list):
                raise QuestionError(f"{path}, line {n}: 'after' must be a list of the questions asked before it")
            questions.append(q)
    return questions


def ask(pipeline: Pipeline, q: dict, system: System) -> dict:
    """The system's answer to a question record; a follow-up (`after`: the questions asked
    before it, in order) is asked in a conversation after them, as on the chat page."""
    chat = Conversation()
    for earlier in q.get("after") or []:
        list(chat.ask_stream(pipeline, earlier, backend=system.backend, retriever=system.retriever))
    started = time.perf_counter()
    try:
        *_, result = chat.ask_stream(pipeline, q["question"], backend=system.backend, retriever=system.retriever)
    except QuestionError as exc:  # "papers posted on February 30, 2025": said, as the chat says it; scored
        result = Answer.refused(q["question"], str(exc), system.backend or "none",  # as an abstention
                                round((time.perf_counter() - started) * 1000, 1))
    return result.to_dict()


def run_system(pipeline: Pipeline, questions: list[dict], system: System, progress: bool = True,
               judge: Judge | None = None) -> list[dict]:
    rows = []
    for q in tqdm(questions, desc=system.name, unit="q", disable=not progress):
        result = ask(pipeline, q, system)
        row = {"id": q.get("id"), "type": q.get("type", "untyped"), "system": system.name, "question": q["question"],
               **({"after": q["after"]} if q.get("after") else {}),
               "relevant": q.get("relevant_titles", []), "answer": result["answer"],
               "abstained": result["abstained"], "read_as": result["read_as"],
               "retrieved": [r["title"] for r in result["retrieved"]],
               "cited": [c["title"] for c in result["citations"]],
               "timings_ms": result["timings_ms"], "scores": score_question(q, result)}
        if judge and (verdict := judge.grade(q["question"], q.get("answer") or "", result["answer"])):
            row["judged"] = verdict
            if verdict["correct"] is not None:
                row["scores"]["judged_correct"] = float(verdict["correct"])
        rows.append(row)
    return rows


def summarise(rows: list[dict]) -> dict:
    by_type: dict[str, list[dict]] = {}
    for r in rows:
        by_type.setdefault(r["type"], []).append(r["scores"])
    return {"n_questions": len(rows), "overall": aggregate([r["scores"] for r in rows]),
            "by_type": {t: aggregate(s) for t, s in sorted(by_type.items())}}


def writable(out: Path) -> None:
    """The report folder, made if need be; a QuestionError, before any question is asked, when it
    cannot be written (a file of that name, a read-only place)."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / ".written").touch()
        (out / ".written").unlink()
    except OSError as exc:
        raise QuestionError(f"{out}: cannot write the report there ({exc.strerror or exc})") from None


def evaluate(pipeline: Pipeline, questions: list[dict], systems: list[System], out: Path,
             progress: bool = True, judge: Judge | None = None) -> dict:
    """`judge`: also grade each answer against the gold `answer` with an LLM (labelled as such)."""
    writable(out)
    pipeline.warm_up()  # latency figures are steady-state, not the first question's loading
    for system in systems:
        pipeline.retriever(system.retriever)
    all_rows, per_system = [], {}
    for system in systems:
        rows = run_system(pipeline, questions, system, progress, judge)
        all_rows += rows
        per_system[system.name] = summarise(rows)
    metrics = per_system[systems[0].name] if len(systems) == 1 else \
        {"n_questions": len(questions), "systems": per_system}
    if judge:
        metrics["judged_by"] = f"{judge.name} (LLM-judged against the gold answers; an opinion, not a gold metric)"
        verdicts = [r["judged"]["correct"] for r in all_rows if "judged" in r]
        metrics["judge_verdicts"] = {"usable": sum(v is not None for v in verdicts),
                                     "not_a_verdict": sum(v is None for v in verdicts)}
    (out / "metrics.json").write_text(json.dumps(metrics, indent=2))
    with (out / "results.jsonl").open("w") as fh:
        for row in all_rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    from rag.eval.report import write_report

    write_report(out, per_system, all_rows, judge.name if judge else None)
    return metrics
