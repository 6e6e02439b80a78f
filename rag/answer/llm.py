"""LLM answer backends: fit the sources into the context, stream the reply, verify its citations."""
from __future__ import annotations

from collections.abc import Iterator

from rag.answer.base import Answer, Answerer, Citation, describe
from rag.answer.citations import CheckedAnswer, check_support, parse
from rag.answer.extractive import ExtractiveAnswerer
from rag.answer.relevance import Relevance
from rag.llm.base import ChatModel
from rag.prompts import cannot_answer, render_source, system_prompt, user_prompt
from rag.retrieve.base import PaperHit
from rag.understand.plan import QueryPlan

ANSWER_MARGIN = 64      # tokens kept free for chat-template overhead
MIN_TRIMMED_TOKENS = 48  # a source trimmed below this is dropped instead


class LLMAnswerer(Answerer):
    def __init__(self, model: ChatModel, relevance: Relevance, embed=None, screens: bool = False):
        """`screens`: the model is capable enough (`understands: true`) to be shown a list
        question's wider pool of candidates and to leave out those that do not match."""
        self.model = model
        self.name = model.name
        self.relevance = relevance
        self.computed = ExtractiveAnswerer(relevance.cfg, relevance)  # for answers counted over the listings
        self.embed = embed
        self.screens = screens

    # --- steps, each callable alone -------------------------------------------------
    def sources(self, plan: QueryPlan, hits: list[PaperHit]) -> list[PaperHit]:
        """The papers worth showing the model: relevant ones, best first ([] = abstain)."""
        return self.shown(plan, self.relevant(plan, hits))

    def relevant(self, plan: QueryPlan, hits: list[PaperHit]) -> list[PaperHit]:
        """Every relevant paper, best first; a list may find more than the model is shown."""
        chosen = self.relevance.select(plan, hits, screened=self._screened(plan))
        if plan.introduces and chosen and (first := self.computed.introducer(plan, [*chosen, *hits])):
            chosen = [first, *(h for h in chosen if h.paper_id != first.paper_id)]  # "which paper introduced HBPO?"
        return chosen

    def shown(self, plan: QueryPlan, relevant: list[PaperHit]) -> list[PaperHit]:
        most = self.relevance.cfg.max_list
        if self._screened(plan):
            return relevant[: plan.limit] if plan.limit else relevant
        return relevant[: min(most, plan.limit or most)]  # "give me three papers on X": three

    def _screened(self, plan: QueryPlan) -> bool:
        return self.screens and plan.asks_list  # then the model itself leaves papers out

    def messages(self, plan: QueryPlan, sources: list[PaperHit]) -> tuple[list[dict], list[PaperHit]]:
        """Chat messages with as many sources as fit; the best whole, the last possibly trimmed."""
        system = system_prompt()
        budget = (self.model.context_window - self.model.max_tokens - ANSWER_MARGIN
                  - self.model.count_tokens(system) - self.model.count_tokens(user_prompt([], plan.question)))
        rendered, used = [], []
        for n, hit in enumerate(sources, start=1):
            text = self.relevance.catalog.abstract(hit.paper_id) or " ".join(c.text for c in hit.chunks)
            block = render_source(n, hit.title, describe(hit.meta), text)
            cost = self.model.count_tokens(block)
            if cost > budget:
                block = self._trimmed(n, hit, text, budget)
                if block is None:
                    break
                cost = budget
            rendered.append(block)
            used.append(hit)
            budget -= cost
        return [{"role": "system", "content": system},
                {"role": "user", "content": user_prompt(rendered, plan.question)}], used

    def finish(self, plan: QueryPlan, text: str, used: list[PaperHit]) -> Answer:
        """Parse and verify the model's citations into an Answer."""
        text = text.strip()
        if _is_cannot_answer(text):
            return Answer.not_covered(plan.question, self.name)
        if not text:  # small models sometimes stop at once; say so rather than show nothing
            return Answer(plan.question, f"The {self.name} backend returned an empty reply. Ask again, or choose "
                          "another backend.", False, self.name, uncited=True)
        checked = parse(text, set(range(1, len(used) + 1)))
        abstracts = {n: self.relevance.catalog.abstract(h.paper_id) or h.title for n, h in enumerate(used, start=1)}
        check_support(checked, abstracts, self.embed)
        return self._answer(plan, checked, used)

    # --- the Answerer interface -----------------------------------------------------
    def stream(self, plan: QueryPlan, hits: list[PaperHit]) -> Iterator[str | Answer]:
        if (plan.metadata_only or plan.group_by or (plan.literal and plan.asks_list) or plan.similar_to
                or self.computed.introduced_by_none(plan, hits)):
            # Counted, grouped, sorted or averaged over the listings ("how many papers mention
            # X?", "papers on X by year"), or true of no paper ("which paper introduced GRPO?"):
            # a model shown a few of the papers would get it wrong.
            yield from self.computed.stream(plan, hits)
            return
        if plan.best_result and (results := self.computed.results_answer(plan, hits)):
            # Figures from abstracts that measure differently: quoted, not ranked (answer/results.py).
            yield results.answer
            yield results
            return
        relevant = self.relevant(plan, hits)
        if not relevant:  # abstain before calling the model
            yield cannot_answer()
            yield Answer.not_covered(plan.question, self.name)
            return
        messages, used = self.messages(plan, self.shown(plan, relevant))
        pieces = []
        for piece in self.model.stream(messages):
            pieces.append(piece)
            yield piece
        yield with_unshown(self.finish(plan, "".join(pieces), used), plan, relevant, used)

    def answer(self, plan: QueryPlan, hits: list[PaperHit]) -> Answer:
        *_, result = self.stream(plan, hits)
        return result

    # --- helpers --------------------------------------------------------------------
    def _trimmed(self, n: int, hit: PaperHit, text: str, budget: int) -> str | None:
        frame = self.model.count_tokens(render_source(n, hit.title, describe(hit.meta), ""))
        room = budget - frame
        if room < MIN_TRIMMED_TOKENS:
            return None
        words = text.split()
        # Shrink by the measured ratio until it fits; two or three rounds at most.
        while words and self.model.count_tokens(" ".join(words)) > room:
            words = words[: int(len(words) * room / self.model.count_tokens(" ".join(words)) * 0.95)]
        return render_source(n, hit.title, describe(hit.meta), " ".join(words) + " ...")

    def _answer(self, plan: QueryPlan, checked: CheckedAnswer, used: list[PaperHit]) -> Answer:
        citations = []
        for n in checked.cited:
            citing = [s for s in checked.sentences if n in s.cites]
            evidence = next((s.best_evidence[n] for s in citing if n in s.best_evidence), "")
            c = Citation.of(n, used[n - 1], evidence)
            c.supported = all(s.supported for s in citing)
            citations.append(c)
        return Answer(plan.question, checked.text, False, self.name, citations,
                      unsupported_sentences=checked.unsupported, invalid_citations=checked.invalid,
                      uncited=not checked.cited)


def with_unshown(answer: Answer, plan: QueryPlan, relevant: list[PaperHit], used: list[PaperHit]) -> Answer:
    """A list that found more papers than the model was shown (answer.max_list, or its context
    window) keeps them in `matched`, after the ones it cited: a follow-up's "those" are all of
    them. The shown papers it left out are not: the model judged those and passed them over."""
    if not plan.asks_list or answer.abstained or not answer.citations or len(relevant) <= len(used):
        return answer
    shown = {h.paper_id for h in used}
    answer.matched = [c.paper_id for c in answer.citations] + [h.paper_id for h in relevant if h.paper_id not in shown]
    return answer


def _is_cannot_answer(text: str) -> bool:
    norm = lambda s: " ".join(s.lower().replace(".", " ").split())  # noqa: E731
    return norm(cannot_answer()) in norm(text) and len(text) < len(cannot_answer()) * 2
