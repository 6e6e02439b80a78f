"""The offline default backend: no LLM; answers are sentences quoted from the abstracts.

- "Which papers ..." questions list every retrieved paper that clears an adaptive cut-off,
  each with the sentence that best shows why.
- Specific questions quote the sentences that best match, from the top paper(s).
- Metadata questions are answered from the listing's metadata.
Every statement carries an [n] citation; when nothing relevant was retrieved, it abstains.
"""
from __future__ import annotations

import math
import re
import statistics

from rag.answer.base import Answer, Answerer, Citation, describe
from rag.answer.relevance import Relevance, top_with_ties
from rag.index.catalog import largest_groups, sort_value
from rag.config import AnswerConfig
from rag.prompts import cannot_answer
from rag.retrieve.base import PaperHit
from rag.retrieve.understand import QueryPlan
from rag.text import sentences, terms


FIELD_OF_SORT = {"posted": "date"}
FIELD_NAMES = {"authors": "author count", "upvotes": "upvote count"}
NUMBER_BOOST = 1.5  # weight of a sentence with a number in it, for "how many ..." questions
# A quantity, not a digit inside a name ("Claude 3", "GPT-4"): a percentage, a count with a
# unit (16k, 2M, 50x), a decimal, or a number of two digits or more.
_QUANTITY = re.compile(r"(?<![\w.-])(?:\d+(?:\.\d+)?\s?(?:%|x\b|[kKMB]\b)|\d+\.\d+(?![\w-])|\d{2,}(?:,\d{3})*(?![\w-]))")
SORT_WORDS = {("posted", True): "most recent first (papers whose listing prints no year are left out)",
              ("posted", False): "earliest first (papers whose listing prints no year are left out)"}


class ExtractiveAnswerer(Answerer):
    name = "extractive"

    def __init__(self, cfg: AnswerConfig, relevance: Relevance):
        self.cfg = cfg
        self.relevance = relevance

    def answer(self, plan: QueryPlan, hits: list[PaperHit]) -> Answer:
        if plan.metadata_only or (plan.asks_field and hits):
            return self._metadata_answer(plan, hits)
        if plan.sort:  # "the most upvoted paper on X": the papers on X, in that order
            relevant = self.relevance.select(plan, hits)
            return self._metadata_answer(plan, relevant, topical=True) if relevant else self.abstain(plan)
        scored = self.relevance.select(plan, hits)
        if not scored:
            return self.abstain(plan)
        if plan.asks_list:
            return self._list_answer(plan, scored)
        return self._specific_answer(plan, scored)

    def abstain(self, plan: QueryPlan) -> Answer:
        return Answer(plan.question, cannot_answer(), abstained=True, backend=self.name)

    def _list_answer(self, plan: QueryPlan, chosen: list[PaperHit]) -> Answer:
        q = self.relevance.query_terms(plan)
        lines, cites = [], []
        for n, hit in enumerate(chosen, start=1):
            evidence = self.best_sentences(q, hit, 1)[0]
            cites.append(Citation.of(n, hit, evidence))
            lines.append(f"- {hit.title}: {evidence} [{n}]")
        head = f"{len(chosen)} paper{'s' if len(chosen) > 1 else ''} in the corpus match{'es' if len(chosen) == 1 else ''}:"
        return Answer(plan.question, head + "\n" + "\n".join(lines), False, self.name, cites)

    def _specific_answer(self, plan: QueryPlan, chosen: list[PaperHit]) -> Answer:
        q = self.relevance.query_terms(plan)
        parts, cites = [], []
        for n, hit in enumerate(chosen[:3], start=1):
            quoted = self.best_sentences(q, hit, _quotes(plan, n), numbers=plan.asks_number)
            cites.append(Citation.of(n, hit, " ".join(quoted)))
            parts.append(f"{hit.title}: " + " ".join(f"{s} [{n}]" for s in quoted))
        return Answer(plan.question, "\n".join(parts), False, self.name, cites)

    def _metadata_answer(self, plan: QueryPlan, hits: list[PaperHit], topical: bool = False) -> Answer:
        if plan.group_by:  # "which organisation posted the most papers": that organisation's papers
            hits = largest_groups(hits, plan.group_by, plan.descending)
        if not hits:
            return Answer(plan.question, self._nothing_matches(plan), True, self.name)
        if plan.asks_field:
            hit = hits[0]
            evidence = describe(hit.meta, "authors" if plan.asks_field == "author_names" else plan.asks_field)
            note = " (the listings give the number of authors, not their names)" if plan.asks_field == "author_names" else ""
            return Answer(plan.question, f"{hit.title}: {evidence}{note} [1]", False, self.name,
                          [Citation.of(1, hit, evidence)])
        if plan.statistic:
            return self._statistic_answer(plan, hits)
        tied = top_with_ties(hits, plan.sort, plan.limit)
        # "The paper with the most X" names every paper tied for first; "the top 5" gives five
        # and says how many more tie with the fifth.
        chosen = (tied if plan.limit == 1 else hits[: plan.limit or len(hits)])[: self.cfg.max_list * 4]
        lines, cites = [], []
        for n, hit in enumerate(chosen, start=1):
            evidence = describe(hit.meta, FIELD_OF_SORT.get(plan.sort, plan.sort))
            cites.append(Citation.of(n, hit, evidence))
            lines.append(f"- {hit.title} ({evidence}) [{n}]")
        head = _metadata_head(plan, hits, chosen, topical)
        if len(tied) > len(chosen) and plan.limit:
            lines.append(f"({len(tied) - len(chosen)} more tie with the last: "
                         f"{'; '.join(h.title for h in tied[len(chosen):])})")
        elif not plan.limit and len(hits) > len(chosen):
            lines.append(f"(the first {len(chosen)} of {len(hits)} are listed)")
        return Answer(plan.question, head + ":\n" + "\n".join(lines), False, self.name, cites)

    def _nothing_matches(self, plan: QueryPlan) -> str:
        if plan.group_by:
            return "No paper's listing names an organisation, so papers cannot be counted by one."
        if plan.sort in FIELD_NAMES:  # papers match, but none lists the field to sort or average
            n = len(self.relevance.catalog.select(plan.metadata_filters))
            if n:
                return (f"{n} paper{'s' if n != 1 else ''} match{'es' if n == 1 else ''}, but "
                        f"{'its listing gives no' if n == 1 else 'none of their listings gives an'} {FIELD_NAMES[plan.sort]}.")
        return "No paper in the corpus matches those metadata conditions."

    def _statistic_answer(self, plan: QueryPlan, hits: list[PaperHit]) -> Answer:
        """Mean, median or total of a numeric field over the matching papers that list it; the
        papers at either end are cited."""
        known = [(v, h) for h in hits if (v := sort_value(h.meta, plan.sort)) is not None]
        if not known:
            return Answer(plan.question, self._nothing_matches(plan), True, self.name)
        values, hits = [v for v, _ in known], [h for _, h in known]
        value = {"mean": statistics.fmean, "median": statistics.median, "total": sum}[plan.statistic](values)
        shown = f"{value:.1f}" if value != int(value) else str(int(value))
        lo, hi = min(zip(values, hits), key=lambda x: x[0]), max(zip(values, hits), key=lambda x: x[0])
        cites = [Citation.of(1, hi[1], describe(hi[1].meta, plan.sort)), Citation.of(2, lo[1], describe(lo[1].meta, plan.sort))]
        text = (f"The {plan.statistic} {FIELD_NAMES[plan.sort]} over the {len(hits)} matching papers whose listing "
                f"gives one is {shown}. The most is {int(hi[0])} ({hi[1].title} [1]), the fewest {int(lo[0])} "
                f"({lo[1].title} [2]).")
        return Answer(plan.question, text, False, self.name, cites)

    def best_sentences(self, q: dict[str, float], hit: PaperHit, k: int, numbers: bool = False) -> list[str]:
        """The k sentences of the paper's abstract sharing the most query weight, in text order.
        `numbers`: the question asks for a quantity, so sentences that state one count more."""
        sents = sentences(self.relevance.catalog.abstract(hit.paper_id) or " ".join(c.text for c in hit.chunks))
        if not sents:
            return [hit.title]
        boost = NUMBER_BOOST if numbers else 1.0
        scored = [(sum(q.get(t, 0.0) for t in set(terms(s))) / math.sqrt(1 + len(s) / 200)
                   * (boost if _QUANTITY.search(s) else 1.0), -i, s) for i, s in enumerate(sents)]
        top = sorted(scored, reverse=True)[:k]
        return [s for _, _, s in sorted(top, key=lambda x: -x[1])]


def _quotes(plan: QueryPlan, n: int) -> int:
    """Sentences to quote from the n-th cited paper: two from the first, one from the others;
    one more from each compared paper, and from the first when the question asks two things
    ("how often ..., and what happened ...?")."""
    two_parts = len(re.findall(r"[?]|,? and (?:what|how|why|which|when|who|does|do|did|is|are)\b", plan.question)) >= 2
    return (2 if n == 1 or plan.compares else 1) + (1 if plan.compares or (n == 1 and two_parts) else 0)


def _metadata_head(plan: QueryPlan, hits: list[PaperHit], chosen: list[PaperHit], topical: bool) -> str:
    """The line above a metadata answer's list: how many matched, or what the top is."""
    if plan.group_by:
        groups = sorted({h.meta[plan.group_by] for h in hits})
        named = groups[0] if len(groups) == 1 else ", ".join(groups[:-1]) + " and " + groups[-1]
        each = len(hits) // len(groups)
        head = (f"{named} posted the {'most' if plan.descending else 'fewest'} papers among those whose "
                f"listing names an organisation: {each}{' each' if len(groups) > 1 else ''}")
    elif not plan.limit:
        head = f"{len(hits)} paper{'s' if len(hits) != 1 else ''} match{'es' if len(hits) == 1 else ''}"
    elif len(chosen) == 1:
        head = "Top match"
    else:
        head = f"{len(chosen)} papers tie for the top" if len(chosen) > plan.limit else f"Top {len(chosen)}"
    if topical:
        head += " among the papers on the topic"
    if plan.sort:
        head += ", " + SORT_WORDS.get((plan.sort, plan.descending), f"by {'most' if plan.descending else 'fewest'} {plan.sort}")
    return head
