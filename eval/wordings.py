"""Ask every wording in a file and keep what each was read as, cited and answered; or compare two runs.

    python eval/wordings.py run [--wordings eval/wordings.txt] OUT.json
    python eval/wordings.py diff BEFORE.json AFTER.json

`eval/wordings.txt` holds the phrasings collected while probing how questions are read (one per
line, no gold answers): request verbs, typos, British spellings, metadata and date wordings,
comparisons, follow-ups. A change to understanding or answering is run on them before and after,
and every wording whose reading, citations or abstention moved is read by hand.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from tqdm import tqdm

from rag.answer.base import Answer
from rag.config import load_settings
from rag.pipeline import Pipeline, QuestionError


def run(pipeline: Pipeline, wordings: Path, out: Path) -> None:
    found = {}
    questions = [w for w in wordings.read_text(encoding="utf-8").splitlines() if w.strip()]
    for question in tqdm(questions, unit="q", disable=len(questions) < 50):
        try:
            answer = pipeline.ask(question)
        except QuestionError as exc:  # ("February 30, 2025"): what the chat would say
            answer = Answer.refused(question, str(exc), "none")
            answer.read_as = f"not asked: {exc}"
        found[question] = {"read_as": answer.read_as, "abstained": answer.abstained,
                           "cited": [c.title for c in answer.citations], "answer": answer.answer}
    out.write_text(json.dumps(found, indent=1), encoding="utf-8")


def diff(before: Path, after: Path) -> int:
    """Print each wording whose reading, citations or abstention differ; return how many."""
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (before, after))
    keys = ("read_as", "abstained", "cited")
    moved = [q for q in a if q in b and any(a[q][k] != b[q][k] for k in keys)]
    for q in moved:
        print(q)
        for label, run_ in (("before", a[q]), ("after ", b[q])):
            print(f"  {label}: {'abstained ' if run_['abstained'] else ''}{run_['read_as'] or ''} "
                  f"{[t[:50] for t in run_['cited']]}")
    print(f"{len(moved)} of {len(a)} differ")
    return len(moved)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--wordings", type=Path, default=Path(__file__).with_name("wordings.txt"))
    r.add_argument("out", type=Path)
    d = sub.add_parser("diff")
    d.add_argument("before", type=Path)
    d.add_argument("after", type=Path)
    args = ap.parse_args()
    if args.cmd == "run":
        run(Pipeline(load_settings()), args.wordings, args.out)
    else:
        diff(args.before, args.after)


if __name__ == "__main__":
    main()
