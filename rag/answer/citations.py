"""Citations in model output: parse [n], drop numbers that are not sources, check support.

The support check is deterministic (no second LLM call). A cited sentence is supported
when it shares enough key terms with the abstracts it cites, or is close to one of their
sentences in embedding space, and every number it states appears in those abstracts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from rag.text import numbers, sentences, terms

_CITE = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
MIN_TERM_OVERLAP = 0.5
MIN_COSINE = 0.6


@dataclass
class CitedSentence:
    text: str                      # without its [n] marks
    cites: list[int]
    supported: bool = False
    best_evidence: dict[int, str] = field(default_factory=dict)


@dataclass
class CheckedAnswer:
    text: str                      # the answer with invalid citation numbers removed
    sentences: list[CitedSentence]
    invalid: list[int]             # numbers cited that are not sources

    @property
    def cited(self) -> list[int]:
        return sorted({n for s in self.sentences for n in s.cites})

    @property
    def unsupported(self) -> list[str]:
        return [s.text for s in self.sentences if not s.supported]


def parse(answer: str, valid: set[int]) -> CheckedAnswer:
    """Split into sentences with their citations; remove and report invalid numbers."""
    invalid: list[int] = []

    def keep_valid(m: re.Match) -> str:
        nums = [int(x) for x in re.split(r"\s*[,;]\s*", m[1])]
        good = [n for n in nums if n in valid]
        invalid.extend(n for n in nums if n not in valid)
        return "".join(f"[{n}]" for n in good)

    text = _CITE.sub(keep_valid, answer)
    parsed: list[CitedSentence] = []
    for sent in sentences(text):
        cites = sorted({int(n) for n in re.findall(r"\[(\d+)\]", sent)})
        plain = re.sub(r"\s+([.,;:!?])", r"\1", _CITE.sub("", sent)).strip()
        if parsed and cites and not terms(plain):
            # A citation block standing alone after a sentence ("... results. [2]") belongs to it.
            parsed[-1].cites = sorted(set(parsed[-1].cites + cites))
        elif plain:
            parsed.append(CitedSentence(plain, cites))
    return CheckedAnswer(text, parsed, sorted(set(invalid)))


def check_support(checked: CheckedAnswer, abstracts: dict[int, str], embed=None) -> None:
    """Mark each sentence supported or not, and pick the evidence sentence per citation.

    `embed` maps a list of texts to unit vectors (the index's embedding model); without it
    only term overlap and numbers are used.
    """
    for s in checked.sentences:
        if not s.cites:
            continue  # uncited sentences stay unsupported
        source_sents = {n: sentences(abstracts[n]) or [abstracts[n]] for n in s.cites if n in abstracts}
        pool = [x for sents in source_sents.values() for x in sents]
        want = set(terms(s.text))
        have = set(terms(" ".join(abstracts[n] for n in source_sents)))
        overlap = len(want & have) / len(want) if want else 0.0
        cos = _cosines(embed, s.text, pool) if embed and pool else np.zeros(len(pool))
        stated = numbers(s.text)
        numbers_ok = stated <= numbers(" ".join(abstracts[n] for n in source_sents))
        s.supported = numbers_ok and (overlap >= MIN_TERM_OVERLAP or (len(cos) > 0 and cos.max() >= MIN_COSINE))
        offset = 0
        for n, sents in source_sents.items():
            part = cos[offset: offset + len(sents)]
            lexical = [len(want & set(terms(x))) for x in sents]
            best = int(np.argmax(part)) if part.size and part.max() > 0 else int(np.argmax(lexical))
            s.best_evidence[n] = sents[best]
            offset += len(sents)


def _cosines(embed, text: str, pool: list[str]) -> np.ndarray:
    vecs = np.asarray(embed([text] + pool))
    return vecs[1:] @ vecs[0]
