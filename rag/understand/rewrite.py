"""Query understanding with an LLM, when the chosen backend is capable (`understands: true`).

The model turns the question into a small JSON search plan (prompts/understand.txt): the
topic in the words abstracts use, and any year range or organisation. The rule-based plan
stays the base: what the model adds is checked (years in range, organisations that exist
in the index) and merged; its rephrasing is searched alongside the user's own words. A
reply that is not the JSON asked for leaves the rule-based plan as it was; a backend that
is down or slow raises its BackendError at once (answering would fail the same way).
"""
from __future__ import annotations

import logging
import threading
from collections import OrderedDict

from llama_index.core.vector_stores import FilterOperator, MetadataFilter

from rag.llm.base import ChatModel, json_object
from rag.prompts import understand_prompt
from rag.understand.plan import QueryPlan

log = logging.getLogger(__name__)


class Readings:
    """The model's readings of the last questions it read. A question read twice in one turn
    costs one call: a follow-up tested with the abstracts quoted before the model answers it
    (`Pipeline.cited`) was read up to three times. A reply that is not the JSON asked for is
    kept as {} (the rule-based plan stands); a backend that fails raises, and nothing is kept."""

    def __init__(self, size: int = 64):
        self._found: OrderedDict[tuple[str, str], dict] = OrderedDict()
        self._lock = threading.Lock()  # the chat page answers several people at once
        self.size = size

    def of(self, model: ChatModel, question: str) -> dict:
        key = (model.name, question)
        with self._lock:
            if key in self._found:
                return self._found[key]
        reply = "".join(model.stream([{"role": "user", "content": understand_prompt(question)}]))
        try:
            found = json_object(reply)
        except ValueError as exc:
            log.warning("query understanding by %s failed (%s); using the rule-based plan", model.name, exc)
            found = {}
        with self._lock:
            self._found[key] = found
            while len(self._found) > self.size:
                self._found.popitem(last=False)
        return found


def rewrite(plan: QueryPlan, model: ChatModel, orgs: list[str], readings: Readings | None = None) -> QueryPlan:
    """The plan with what the model understood merged in; unchanged when the reply is unusable."""
    found = (readings or Readings()).of(model, plan.question)
    search = found.get("search")
    if isinstance(search, str) and search.strip() and not plan.metadata_only:
        plan.rephrased = " ".join(search.split())[:500]
    keys = {f.key for f in plan.filters}
    if "year" not in keys:
        plan.filters += _years(found.get("year_min"), found.get("year_max"))
    org = found.get("organisation")
    if "org" not in keys and isinstance(org, str):
        match = next((o for o in orgs if o.lower() == org.strip().lower()), None)
        if match:
            plan.filters.append(MetadataFilter(key="org", value=match))
    return plan


def _years(low, high) -> list[MetadataFilter]:
    ok = [y if isinstance(y, int) and 1900 <= y <= 2100 else None for y in (low, high)]
    out = []
    if ok[0] is not None:
        out.append(MetadataFilter(key="year", value=ok[0], operator=FilterOperator.GTE))
    if ok[1] is not None:
        out.append(MetadataFilter(key="year", value=ok[1], operator=FilterOperator.LTE))
    return out
