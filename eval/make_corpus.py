"""Make a synthetic corpus of N papers from the shipped abstracts, for scale benchmarks.

    python eval/make_corpus.py N OUT.jsonl [--seed 0]

Reproducible for a given seed: each paper recombines sentences from random shipped abstracts
and words from random titles, with varied metadata (authors or organisation, date, year,
upvotes). Written line by line, so memory stays flat for any N.
"""
from __future__ import annotations

import argparse
import json
import random

from rag.corpus import load_corpus
from rag.text import sentences

MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def synthetic_papers(n: int, seed: int = 0):
    rng = random.Random(seed)
    papers = load_corpus()
    pool = [s for p in papers for s in sentences(p.abstract)]
    words = [w for p in papers for w in p.title.replace(":", "").split()]
    orgs = sorted({p.org for p in papers if p.org}) + ["Example University", "Acme Research"]
    for i in range(n):
        title = " ".join(rng.choice(words) for _ in range(rng.randint(4, 11))) + f" ({i})"
        abstract = " ".join(rng.choice(pool) for _ in range(rng.randint(5, 11)))
        year = rng.choice([None, 2019, 2021, 2022, 2023, 2024, 2025])
        day, month = rng.randint(1, 28), rng.choice(MONTHS)
        record = {"title": title, "abstract": abstract, "date": f"{month} {day}" + (f", {year}" if year else ""),
                  "year": year, "upvotes": rng.choice([None, rng.randint(0, 300)])}
        if rng.random() < 0.2:
            record["org"] = rng.choice(orgs)
        else:
            record["authors"] = rng.randint(1, 40)
        yield record


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    with open(args.out, "w", encoding="utf-8") as fh:
        for record in synthetic_papers(args.n, args.seed):
            fh.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    main()
