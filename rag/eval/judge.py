"""LLM-judged correctness: an optional, clearly labelled score from a capable backend.

Every other metric is computed from gold titles and phrases. This one asks a model whether
each answer states the main point of the question's gold `answer`; it is an LLM's opinion,
reported under its own key (`judged_correctness`) with the judge's name, never mixed in.
"""
from __future__ import annotations

import logging

from rag.llm.base import ChatModel, json_object
from rag.prompts import judge_prompt

log = logging.getLogger(__name__)


class Judge:
    def __init__(self, model: ChatModel):
        self.model = model
        self.name = model.name

    def grade(self, question: str, reference: str, answer: str) -> dict | None:
        """{"correct": bool | None, "reason": str}; None when there is no gold answer to judge
        against. `correct` is None when the reply is not the JSON asked for."""
        if not reference:
            return None
        reply = "".join(self.model.stream([{"role": "user", "content": judge_prompt(question, reference, answer)}]))
        try:
            verdict = json_object(reply)
            correct = verdict.get("correct")
            if not isinstance(correct, bool):
                raise ValueError("'correct' is not true or false")
        except ValueError as exc:
            log.warning("judge %s gave no usable verdict (%s)", self.name, exc)
            return {"correct": None, "reason": "the judge's reply was not a verdict"}
        return {"correct": correct, "reason": str(verdict.get("reason", ""))[:300]}
