"""The offline default backend: no LLM; answers are sentences quoted from the abstracts.

- "Which papers ..." questions list every retrieved paper that clears an adaptive cut-off,
  each with the sentence that best shows why.
- Specific questions quote the sentences that best match, from the top paper(s).
- Metadata questions are answered from the listing's metadata (metadata.py).
Every statement carries an [n] citation; when nothing relevant was retrieved, it abstains.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace

from rag.answer.base import Answer, Answerer, Citation, describe, yes_if_asked
from rag.answer.metadata import FIELD_OF_SORT, MetadataAnswerer, share_of
from rag.answer.relevance import Relevance, in_question_order, is_named
from rag.answer.results import reported, spellings
from rag.config import AnswerConfig
from rag.corpus.records import introduces, paper_name
from rag.index.catalog import sort_value
from rag.retrieve.base import PaperHit
from rag.retrieve.coverage import QueryTerms
from rag.text import definition_of, has_phrase, initialisms, says_released, sentences, spelled_out_in, terms
from rag.understand.plan import QueryPlan
from rag.understand.rules import topic_words
from rag.understand.wording import YES_NO

NUMBER_BOOST = 1.5  # weight of a sentence with a number in it, for "how many ..." questions
DEFINITION_BOOST = 3.0  # weight of a sentence that defines the term "what is X?" asks about
CUE_BOOST = 4.0  # weight of a sentence of the kind asked for (_cue): finding fault, reporting a finding, an overview
# Of a named paper, a sentence of that kind (here, finding fault) counts this share of the question's heaviest word even
# when it shares no word: "what problem does Dyna-Mind address?" is answered by "However, their ...
# contrast sharply with their performance in long-horizon tasks", which does not name it
CUE_SHARE = 0.5
# A sentence reporting a finding, for "what are the main findings of Jigsaw-R1?" (plan.findings),
# counts as a fault does for "what are its limitations?": the question shares no word with
# "Firstly, we find that MLLMs ...", and the code link, which names the paper, was quoted instead
_FINDING = re.compile(r"\b(?:we (?:find|found|show|observe|demonstrate|reveal|discover|uncover|identify)"
                      r"|(?:results?|experiments?|findings?|analys[ie]s|evaluations?|studies) (?:also )?"
                      r"(?:show|demonstrate|reveal|indicate|suggest|confirm)|reveals?|(?:key )?findings?"
                      r"|firstly|secondly|thirdly|fourthly|finally|notably|surprisingly|outperforms?)\b", re.I)
_CRITIQUE = re.compile(r"\b(?:limitations?|limited|limits|drawbacks?|weakness(?:es)?|shortcomings?|fail(?:s|ed|ure|ures)?"
                       r"|struggl\w*|suffer\w*|underperform\w*|unstable|instability|collapse[sd]?|bias(?:es|ed)?"
                       r"|costly|expensive|overhead|inefficien\w*|lack(?:s|ing)?|insufficient|degrad\w*|hacking"
                       r"|however|remains? (?:a )?challeng\w*|challenges?|issues?|problems?|(?:largely )?(?:unexplored"
                       r"|underexplored|understudied)|scarce|scarcity)\b", re.I)
UNSAID_IDF = 1.0  # "does LIMO use X?": the words of X its abstract lacks are said, not the commonest ("use")
TITLE_WORD_WEIGHT = 0.3  # weight of the quoted paper's title words when quoting it for a question about it
# In a comparison, the weight of a word the quoted paper's abstract says at least REPEATED times: such
# words are how the question tells that paper from the other, not what it asks of both.
REPEATED, REPEATED_WEIGHT = 3, 0.5
SIMILAR_SHOWN = 5  # papers listed for "papers similar to X": a ranking, so a fixed number, not a cut-off
TITLES_MOST = 50  # titles listed for "just the titles": compact, so more than a list quotes (answer.max_list)
# A name as questions write one: with a digit, an inner capital or a capitalised hyphenated part
# ("Social-Chem-101", "GUI-R1", "EqMotion", "Seg-Zero"), or in capitals ("IMMO"), not a plain word.
_NAME = re.compile(r"(?<![\w-])(?=[\w-]*(?:\d|[a-z][A-Z]|-[A-Z])|[A-Z]{3})[A-Za-z][\w]*(?:-[\w]+)*(?![\w-])")
# A quantity, not a digit inside a name ("Claude 3", "GPT-4"): a percentage, a count with a
# unit (16k, 2M, 50x), a decimal, or a number of two digits or more.
_QUANTITY = re.compile(r"(?<![\w.-])(?:\d+(?:\.\d+)?\s?(?:%|x\b|[kKMB]\b)|\d+\.\d+(?![\w-])|\d{2,}(?:,\d{3})*(?![\w-]))")


LINK_WEIGHT = 0.2  # weight of a sentence that points to code or a web page
# A sentence that does nothing else ("Code: https://...", "The code and dataset are available at
# ...") is not quoted unless asked for: it names the paper, and filled a place among the quotes
# for "what are the main findings of DUMP?". A long one says more ("we develop Orca (... at https://...),
# a 13-billion parameter model ...") and keeps LINK_WEIGHT.
POINTER_WORDS = 14
_WEB = re.compile(r"https?://|\bwww\.|\bwebsite\b", re.I)  # a link sentence that releases nothing: a project page
_ASKS_LINK = set(terms("code github link url website repository available released"))
# A sentence opening with a pronoun that points back ("This causes broad misalignment",
# "They are trained with ...") says little without the one before it. "This paper" and the
# like name the paper itself, and "It is widely believed that ..." points at nothing.
_POINTS_BACK = re.compile(r"^(?:(?:This|These|Such)(?!\s+(?:paper|work|study|survey|article|report)\b)"
                          r"|It(?!\s+(?:is|was|remains|has been)\s+(?:\w+\s+){0,2}?(?:that|to|whether|if|how)\b)"
                          r"|They)\b")


class ExtractiveAnswerer(Answerer):
    name = "extractive"

    def __init__(self, cfg: AnswerConfig, relevance: Relevance):
        self.cfg = cfg
        self.relevance = relevance
        self.metadata = MetadataAnswerer(cfg, relevance)

    def answer(self, plan: QueryPlan, hits: list[PaperHit]) -> Answer:
        if plan.similar_to:
            return self._similar_answer(plan, hits)
        if (plan.metadata_only and not plan.about) or (plan.asks_field and hits and not (plan.sort and plan.text)):
            # ("summarise the first one" is about that paper's abstract, not its listing; "when was the
            # first paper on X posted?" is a field of the first of the papers on X, _sorted_answer)
            return self.metadata.answer(plan, hits)
        if plan.sort or plan.group_by:  # "the most upvoted paper on X", "papers on X by year": the papers on X
            return self._sorted_answer(plan, hits)
        if plan.best_result and (results := self.results_answer(plan, hits)):
            return results
        scored = self.relevance.select(plan, hits)
        if not scored:
            return self.abstain(plan)
        if plan.asks_list:
            return self._list_answer(plan, scored)
        if plan.whether_released:  # "does LIMO have code?", "is there code?" after one paper
            return self.release_answer(plan, scored)
        if plan.whole_abstract:  # "what is the abstract of LIMO?"
            return self.abstract_answer(plan, scored)
        if plan.introduces:  # "which paper introduced GRPO?"
            return self._introduced_answer(plan, scored, hits)
        return self._specific_answer(plan, scored)

    def results_answer(self, plan: QueryPlan, hits: list[PaperHit]) -> Answer | None:
        """"Which paper reports the highest AIME 2024 score?": each paper's figures on the
        benchmark, quoted, retrieval's order first (answer/results.py); None when no paper gives one."""
        terms_ = self.relevance.terms
        candidates = set().union(*(terms_.papers_mentioning(s, name=True) for s in spellings(plan.best_result)))
        order = {h.paper_id: i for i, h in enumerate(hits)}
        ranked = sorted(candidates, key=lambda pid: (order.get(pid, len(order)), pid))
        found = reported(self.relevance.catalog, ranked, plan.best_result)
        if not found:
            return None
        catalog, shown = self.relevance.catalog, found[: self.cfg.max_list]
        cites = [Citation.of(n, catalog.hit(pid), quote) for n, (pid, quote) in enumerate(shown, start=1)]
        more = f", {len(shown)} shown" if len(found) > len(shown) else ""
        papers = f"{len(found)} paper{'s' if len(found) != 1 else ''}"
        head = (f"{papers} report{'s' if len(found) == 1 else ''} results on {plan.best_result}{more}. "
                "The figures are quoted as each abstract gives them, not ranked: the papers test different models, "
                "with different metrics and settings.")
        lines = [f"- {c.title}: {c.evidence} [{c.n}]" for c in cites]
        return Answer(plan.question, head + "\n" + "\n".join(lines), False, self.name, cites,
                      matched=[pid for pid, _ in found] if more else [])

    def introducer(self, plan: QueryPlan, hits: list[PaperHit]) -> PaperHit | None:
        """The paper that introduces the term "which paper introduced X?" asks about: the one its
        title names, or one whose abstract says so ("we propose X")."""
        catalog = self.relevance.catalog
        return next((h for h in hits if introduces(plan.introduces, h.title, catalog.abstract(h.paper_id) or "")), None)

    def introduced_by_none(self, plan: QueryPlan, hits: list[PaperHit]) -> bool:
        """Is the term one that more than two papers mention and none introduces ("GRPO")? Then
        no paper is its origin here, and the best match must not be credited with it: its
        "AlphaDrive introduces four GRPO-based rewards" reads as GRPO's origin."""
        if not plan.introduces:
            return False
        first, using = self._origin(plan, hits)
        return first is None and len(using) > 2

    def _origin(self, plan: QueryPlan, hits: list[PaperHit]) -> tuple[PaperHit | None, frozenset[str]]:
        """The introducing paper among the hits (or None), and the papers that mention the term."""
        return self.introducer(plan, hits), self.relevance.terms.papers_mentioning(plan.introduces)

    def _introduced_answer(self, plan: QueryPlan, scored: list[PaperHit], hits: list[PaperHit]) -> Answer:
        """The introducing paper first; or, for a term many papers mention and none introduces,
        that said, with three of them as examples. (A term only one or two papers use is theirs.)"""
        first, using = self._origin(plan, [*scored, *hits])
        if first:
            return self._specific_answer(plan, [first, *(h for h in scored if h.paper_id != first.paper_id)])
        users = [h for h in hits if h.paper_id in using]
        if len(using) <= 2 or not users:
            return self._specific_answer(plan, scored)
        q = {t: self.relevance.terms.idf(t) for t in terms(plan.introduces)}
        cites = [Citation.of(n, h, " ".join(self.best_sentences(q, h, 1))) for n, h in enumerate(users[:3], start=1)]
        lines = [f"- {c.title}: {c.evidence} [{c.n}]" for c in cites]
        head = (f'No paper in the corpus says it introduces "{plan.introduces}"; {len(using)} papers mention it'
                f"{', for example' if len(using) > len(cites) else ''}:")
        return Answer(plan.question, head + "\n" + "\n".join(lines), False, self.name, cites)

    def _sorted_answer(self, plan: QueryPlan, hits: list[PaperHit]) -> Answer:
        """The papers on the topic in the asked order; a named paper whose listing lacks the
        field ("which is more recent, LIMO or Orca 2?", Orca 2 has no date) is said to be
        left out, not silently dropped."""
        relevant = self.relevance.select(plan, hits)
        answer = self.metadata.answer(plan, relevant, topical=True) if relevant else None
        unranked = [h for h in hits if plan.sort and is_named(h, plan.named)
                    and sort_value(h.meta, plan.sort) is None]
        if not unranked:
            return answer or self.abstain(plan)
        answer = answer or Answer(plan.question, "", False, self.name)
        notes = []
        for n, hit in enumerate(unranked, start=len(answer.citations) + 1):
            evidence = describe(hit.meta, FIELD_OF_SORT.get(plan.sort, plan.sort))
            answer.citations.append(Citation.of(n, hit, evidence))
            notes.append(f"{hit.title} is not ranked: {evidence} [{n}].")
        answer.answer = "\n".join(filter(None, [answer.answer, *notes]))
        return answer

    def abstain(self, plan: QueryPlan) -> Answer:
        return Answer.not_covered(plan.question, self.name)

    def none_besides(self, plan: QueryPlan, closest: list[PaperHit], most: int = 3) -> Answer:
        """"Any others?" when the papers already given are all that match: said so, with the next
        closest (up to `most`) quoted, as less certain."""
        given = f"the {len(plan.besides)} already given" if len(plan.besides) > 1 else "the one already given"
        head = f"No other paper in the corpus matches as well as {given}."
        if plan.metadata_only:
            head = f"No paper in the listings besides {given} meets these conditions."
        if not closest:
            return Answer(plan.question, head, False, self.name)
        listed = self._list_answer(plan, closest[:most])
        listed.answer = head + " The next closest, less certain:" + listed.answer[listed.answer.index("\n"):]
        return listed

    def _list_answer(self, plan: QueryPlan, members: list[PaperHit]) -> Answer:
        q = self.relevance.query_terms(plan)
        chosen = members[: min(self.cfg.max_list, plan.limit or self.cfg.max_list)]  # "give me three papers on X"
        lines, cites = [], []
        quotes = 2 if len(chosen) == 1 else 1  # a list of one is an answer about that paper
        spelled = initialisms(plan.question)
        for n, hit in enumerate(chosen, start=1):
            quoted = self.best_sentences(q, hit, quotes, numbers=plan.asks_number, spelled=spelled, cue=_cue(plan))
            if plan.releases:  # "which GRPO papers released code?": the topic, then the release
                quoted = list(dict.fromkeys([*quoted[:1], self.relevance.catalog.release_statement(hit.paper_id) or ""]))
            evidence = " ".join(filter(None, quoted))
            cites.append(Citation.of(n, hit, evidence))
            lines.append(f"- {hit.title}: {evidence} [{n}]")
        if len(members) > len(chosen):  # a count must not be the display limit
            why = "as asked" if plan.limit and len(chosen) == plan.limit else "answer.max_list"
            lines.append(f"({len(chosen)} of {len(members)} {'is' if len(chosen) == 1 else 'are'} listed, the most likely "
                         f"first; {why})")
        n = len(members)
        noun, verb = ("paper", "matches") if n == 1 else ("papers", "match")
        head = (f"{n} more {noun} {verb}, besides the {len(plan.besides)} already given:" if plan.besides  # "any others?"
                else f"{n} {noun} in the corpus {verb}:")
        if plan.share and plan.share_total is not None:  # "what fraction of the papers on agents were posted in 2025?"
            papers = f'papers mentioning "{plan.text}"' if plan.literal else "papers on the topic"
            head = share_of(len(members), max(plan.share_total, len(members)), papers) + ":"
        elif plan.share:  # "what fraction of papers use GRPO?"; of the 2025 papers, for "... of 2025 papers ..."
            catalog = self.relevance.catalog
            total = len(catalog.ids(plan.metadata_filters)) if plan.all_filters else len(catalog)
            papers = "papers meeting the question's other conditions" if plan.all_filters else "papers"
            head = share_of(len(members), total, papers) + ":"
        if plan.counts and not plan.literal and plan.text:
            # The list model's cut decides a topical count; the literal count tells how far a
            # broad topic ("reasoning") reaches past it. (Fewer is no news: every word, framing
            # ones like "study" too, must be in the text.)
            mention = len(self.relevance.mentioning(plan))
            if mention > len(members):
                head = head[:-1] + f' ({mention} mention{"s" if mention == 1 else ""} "{plan.text}"):'
        elif not (plan.literal or plan.besides or plan.share) and (name := _named_topic(plan)):
            # "which papers use GRPO?": the list model keeps the papers about it, and a paper
            # naming it once in passing ("RL algorithms like GRPO") is left out; how many name it is said
            mention = len(self.relevance.mentioning(replace(plan, text=name, alternatives=[])))
            if mention > len(members):
                head = head[:-1] + f' ({mention} name "{name}"; ask which mention it to list them all):'
        cut = len(members) > len(chosen) and not plan.limit  # by the display limit, not by the question
        return Answer(plan.question, yes_if_asked(plan.question, head) + "\n" + "\n".join(lines), False, self.name, cites,
                      matched=[h.paper_id for h in members] if cut else [])

    def _similar_answer(self, plan: QueryPlan, hits: list[PaperHit]) -> Answer:
        """The papers closest to the named one, each quoted where it shares the most rare words
        with that paper's abstract."""
        catalog, terms_ = self.relevance.catalog, self.relevance.terms
        pid = plan.similar_id
        if not pid or not hits:
            return self.abstain(plan)
        shared = {t: terms_.idf(t) for t in terms(catalog.text(pid))}
        chosen = hits[:SIMILAR_SHOWN]
        cites = [Citation.of(n, h, " ".join(self.best_sentences(shared, h, 1))) for n, h in enumerate(chosen, start=1)]
        lines = [f"- {c.title}: {c.evidence} [{c.n}]" for c in cites]
        head = (f"The {len(chosen)} paper{'s' if len(chosen) > 1 else ''} closest to {catalog.papers[pid]['title']}, "
                "by the embedding similarity of their abstracts:")
        return Answer(plan.question, head + "\n" + "\n".join(lines), False, self.name, cites)

    def abstract_answer(self, plan: QueryPlan, chosen: list[PaperHit]) -> Answer:
        """Each paper's abstract as the listing gives it: the one asked about, every one a
        follow-up points at ("the abstracts of the first two") or the question names."""
        shown = chosen[: max(1, len(plan.named), len(plan.about))]
        cites = [Citation.of(n, hit, self.relevance.catalog.abstract(hit.paper_id)) for n, hit in enumerate(shown, start=1)]
        parts = [f"{c.title} ({describe(hit.meta)}), abstract:\n{c.evidence} [{c.n}]" for c, hit in zip(cites, shown)]
        return Answer(plan.question, "\n\n".join(parts), False, self.name, cites)

    def release_answer(self, plan: QueryPlan, chosen: list[PaperHit]) -> Answer:
        """Whether each paper asked about says its code (data, models) is out: the sentence that
        says so, or that its abstract does not. The listings carry no other link."""
        cites, parts = [], []
        for n, hit in enumerate(chosen[: max(1, len(plan.about), len(plan.named))], start=1):
            said = self.relevance.catalog.release_statement(hit.paper_id)
            cites.append(Citation.of(n, hit, said or ""))
            parts.append(f"{hit.title}: {said} [{n}]" if said else
                         f"{hit.title}: its abstract does not say that its code, data or models are available, and the "
                         f"listing gives no link [{n}]")
        return Answer(plan.question, "\n".join(parts), False, self.name, cites)

    def titles_answer(self, plan: QueryPlan, hits: list[PaperHit]) -> Answer:
        """"Just the titles": the papers a follow-up points at (every one the previous answer
        found, those a long list did not show too), by title alone, in its order."""
        found = {h.paper_id: h for h in hits}
        papers = [found[pid] for pid in plan.about if pid in found]
        cites = [Citation.of(n, hit, hit.title) for n, hit in enumerate(papers[:TITLES_MOST], start=1)]
        head = f"{len(papers)} paper{'s' if len(papers) != 1 else ''}"
        if len(papers) > TITLES_MOST:
            head += f", the first {TITLES_MOST} shown ('any others?' gives more)"
        return Answer(plan.question, head + ":\n" + "\n".join(f"- {c.title} [{c.n}]" for c in cites), False, self.name,
                      cites)

    def _specific_answer(self, plan: QueryPlan, chosen: list[PaperHit]) -> Answer:
        if plan.compares and len(plan.named) > 1:  # "how does LIMO compare to Seg-Zero?": LIMO first
            chosen = in_question_order(plan.question, chosen)
        q = self.relevance.query_terms(plan)
        parts, cites = [], []
        spelled = initialisms(plan.question)
        for n, hit in enumerate(chosen[: max(3, len(plan.named), len(plan.about))], start=1):  # every one compared
            names = self._names_of(plan, hit)
            asked = _asked(q, hit, names)
            if plan.compares:
                asked = self._shared_asked(asked, hit)
            else:
                asked = _asked_for(plan.question, asked)
            its_name = set(terms(paper_name(hit.title))) | names  # "Jigsaw-R1", not the rest of its title ("jigsaw puzzles")
            whole = (is_named(hit, plan.named) and not plan.asks_number
                     and not any(w for t, w in asked.items() if t not in its_name))
            cue = _cue(plan) or (_OVERVIEW if whole else None)  # "what is Jigsaw-R1 about?": what it does
            share = CUE_SHARE * max(asked.values(), default=0.0) if cue and is_named(hit, plan.named) else 0.0
            quoted = self.best_sentences(asked, hit, _quotes(plan, n), numbers=plan.asks_number,
                                         defines=plan.defines or plan.introduces, spelled=spelled, cue=cue, share=share)
            cites.append(Citation.of(n, hit, " ".join(quoted)))
            parts.append(f"{hit.title}: " + " ".join(f"{s} [{n}]" for s in quoted))
        if plan.compares and (missing := self.relevance.missing(plan)):  # "compare LIMO and s1"
            parts.append("No paper in the corpus mentions " + " or ".join(f'"{w}"' for w in missing) + ".")
        elif YES_NO.match(plan.question) and len(plan.named) == 1 and chosen and is_named(chosen[0], plan.named):
            parts.insert(0, self._yes_no_lead(plan, q, chosen[0]))
        return Answer(plan.question, "\n".join(p for p in parts if p), False, self.name, cites)

    def _yes_no_lead(self, plan: QueryPlan, q: QueryTerms, hit: PaperHit) -> str:
        """What a yes/no question about one paper is answered with, before its quotes: which of
        the alternatives asked its abstract mentions ("does LIMO use RL or SFT?"), what it does
        not mention ("does LIMO use reinforcement learning?"), or what it mentions, said as a
        mention, not as a yes ("does Seg-Zero use GRPO?": a mention is not always a use); ''
        when it asks no topic word ("is LIMO good?")."""
        name = paper_name(hit.title)
        said, unsaid = self._either(plan, q, hit)
        if said and unsaid:
            return (f"The abstract of {name} mentions " + " and ".join(f'"{w}"' for w in said)
                    + " but not " + " or ".join(f'"{w}"' for w in unsaid) + ":")
        if absent := self._unsaid(plan, q, hit):  # first, as the answer; what it does say follows
            return f"The abstract of {name} does not mention " + " or ".join(f'"{w}"' for w in absent) + "."
        if said := self._said(plan, q, hit):
            return f"The abstract of {name} mentions " + " and ".join(f'"{w}"' for w in said) + ":"
        return ""

    def _either(self, plan: QueryPlan, q: QueryTerms, hit: PaperHit) -> tuple[list[str], list[str]]:
        """The question's alternatives ("RL or SFT") the paper's title and abstract have every
        word of, and those they lack one of."""
        have = self.relevance.terms.terms_of(hit, q)
        phrases = [p for group in plan.alternatives for p in group if terms(p, plan.names_in_capitals)]
        said = [p for p in phrases if set(terms(p, plan.names_in_capitals)) <= have]
        return said, [p for p in phrases if p not in said]

    def _names_of(self, plan: QueryPlan, hit: PaperHit) -> set[str]:
        """The terms of the names the question calls the paper by that it introduces
        ("Social-Chem-101" for Social Chemistry 101): like its title words, they say which
        paper is asked about, not what is asked of it ("GPT-4" in "how does LIMO compare with
        GPT-4?" is asked of it)."""
        abstract = self.relevance.catalog.abstract(hit.paper_id) or ""
        return {t for name in _NAME.findall(plan.question) if introduces(name, hit.title, abstract) for t in terms(name)}

    def _shared_asked(self, asked: dict[str, float], hit: PaperHit) -> dict[str, float]:
        """A comparison's words as they count in quoting one of its papers: those the paper's
        abstract repeats (`REPEATED`) at `REPEATED_WEIGHT`. "How do the pass@k findings differ
        between the paper asking whether RLVR creates reasoning beyond the base model and ...?"
        quoted the RLVR paper's sentences on RLVR (said 5 times) and now the one on pass@k. On
        the 15 comparisons with must-mention strings, recall 0.833 -> 0.9 (2 gained, none lost);
        on single facts it gained one and lost one, so it is not used there."""
        said = Counter(terms(self.relevance.catalog.abstract(hit.paper_id) or ""))
        return {t: w * REPEATED_WEIGHT if said[t] >= REPEATED else w for t, w in asked.items()}

    def _unsaid(self, plan: QueryPlan, q: QueryTerms, hit: PaperHit) -> list[str]:
        """The question's topic phrases, as it writes them, with a word the paper's title and
        abstract lack, of those that tell papers apart (IDF at least `UNSAID_IDF`), when its
        rarest is one: "does LIMO evaluate on AIME?" is answered by the sentence on AIME,
        whatever its verb."""
        runs, rarest_lacking = self._phrases(plan, q, hit)
        return list(dict.fromkeys(p for p, _, missing in runs if missing)) if rarest_lacking else []

    def _said(self, plan: QueryPlan, q: QueryTerms, hit: PaperHit) -> list[str]:
        """The question's topic phrases when the paper's title and abstract have every word of
        them: "does Seg-Zero use GRPO?" -> ["GRPO"]. Said as what the abstract mentions, not as a
        yes: a mention is not always a use ("unlike GRPO, ...")."""
        runs, _ = self._phrases(plan, q, hit)
        if not runs or any(lacks for _, lacks, _ in runs):
            return []
        # a phrase the abstract has in other order or apart ("understand music"): its words, each said
        text = self.relevance.catalog.text(hit.paper_id)
        return list(dict.fromkeys(w for p, _, _ in runs for w in ([p] if has_phrase(text, p) else p.split())))

    def _phrases(self, plan: QueryPlan, q: QueryTerms, hit: PaperHit) -> tuple[list[tuple[str, bool, bool]], bool]:
        """The question's topic phrases as it writes them, each with whether the paper lacks a
        word of it, and whether it lacks one that tells papers apart (`UNSAID_IDF`); and whether
        it lacks the question's rarest word."""
        have, named = self.relevance.terms.terms_of(hit, q), set(terms(paper_name(hit.title)))
        asked = {t: w for t, w in q.weights.items() if t not in named}
        rarest = max(asked, key=asked.get, default=None)
        missing = {t for t, w in asked.items() if w >= UNSAID_IDF and t not in have}
        # Each word with the topic words next to it, as the question writes them:
        # "reinforcement learning", not "reinforcement" (whose paper may well say "learning")
        # ... but not the verb right after the paper's name ("use" of "does LIMO use RL?")
        after = next((m for n in plan.named if (m := re.search(rf"{re.escape(n)}\s+(\w+)", plan.question))), None)
        runs, run, verb = [], [], after[1].lower() if after else ""
        for word in re.findall(r"[A-Za-z0-9][\w\-]*", plan.text) + [""]:
            found = set(terms(word, plan.names_in_capitals))
            if found and found <= asked.keys() and word.lower() != verb:
                run.append((word, bool(found - have), bool(found & missing)))
                continue
            if run:
                runs.append((" ".join(w for w, _, _ in run), any(x for _, x, _ in run), any(m for _, _, m in run)))
            run = []
        return runs, rarest is not None and rarest not in have

    def best_sentences(self, q: dict[str, float], hit: PaperHit, k: int, numbers: bool = False,
                       defines: str = "", spelled: dict[str, list[str]] | None = None,
                       cue: re.Pattern | None = None, share: float = 0.0) -> list[str]:
        """The k sentences of the paper's abstract sharing the most query weight, in text order.
        `numbers`: the question asks for a quantity, so sentences that state one count more.
        `defines`: the question asks what a term is, so a sentence that defines it counts more:
        "Group Relative Policy Optimization (GRPO)", "MM-PRM, a process reward model".
        `spelled`: acronyms the question spells out (text.initialisms): a sentence using one
        shares its words ("340 WSIs" for "how many whole-slide images"). `cue`: what the question
        asks for, drawbacks or findings (`_cue`), so a sentence finding fault ("however", "struggles")
        or reporting a finding ("we find", "results show") counts more; `share`: the weight such a
        sentence has even when it shares no word with the question."""
        sents = sentences(self.relevance.catalog.abstract(hit.paper_id) or " ".join(c.text for c in hit.chunks))
        if not sents:
            return [hit.title]
        boost = NUMBER_BOOST if numbers else 1.0
        # "Code is available at https://..." matches a paper's name and says nothing about it,
        # unless the question asks for code or a link.
        link = 1.0 if any(q.get(t) for t in _ASKS_LINK) else LINK_WEIGHT
        defining = definition_of(defines) if defines else None
        scored = [((_weight(q, s, spelled or {}) + (share if share and cue and cue.search(s) else 0.0))
                   / math.sqrt(1 + len(s) / 200)
                   * (boost if _QUANTITY.search(s) else 1.0) * (_pointing(s, link) if _WEB.search(s) or says_released(s) else 1.0)
                   * (DEFINITION_BOOST if defining and defining.search(s) else 1.0)
                   * (CUE_BOOST if cue and cue.search(s) else 1.0), -i, s)
                  for i, s in enumerate(sents)]
        ranked = sorted(scored, reverse=True)
        # A sentence sharing nothing with the question is no evidence, once one does share something
        top = [x for x in ranked[:k] if x[0] > 0] or ranked[:k]
        if numbers and not any(_QUANTITY.search(s) for *_, s in top):
            # "How many ...?" is not answered by a sentence without a number: the best one
            # that states a quantity and shares a word with the question takes the last place.
            stated = next((x for x in ranked[k:] if x[0] > 0 and _QUANTITY.search(x[2])), None)
            top = top[:-1] + [stated] if stated else top
        return with_antecedents([s for _, _, s in sorted(top, key=lambda x: -x[1])], sents)


# Asked nothing of a named paper but the paper ("tell me about Jigsaw-R1", "what is Jigsaw-R1
# about?"), the sentences saying what it does count as a finding does for its findings: the one
# sentence naming it, the code link, was quoted alone
_OVERVIEW = re.compile(r"\b(?:we (?:propose|introduce|present|develop|study|investigate|explore|provide)"
                       r"|this (?:paper|work|study)|in this (?:paper|work|study)"
                       r"|our (?:approach|method|framework|study|research|work))\b", re.I)


def _pointing(sentence: str, link: float) -> float:
    """The weight of a sentence pointing to code or a page: none when it does only that and the
    question does not ask for it (`POINTER_WORDS`)."""
    return 0.0 if link < 1 and len(sentence.split()) <= POINTER_WORDS else link


def _named_topic(plan: QueryPlan) -> str:
    """The topic when it is one name of a method, model or benchmark, in capitals or with a digit
    ("GRPO", "LoRA", "GPT-4", "GSM8K"; not a version, "Qwen2.5", which its head's words match too); '' otherwise."""
    words = topic_words(plan).split()
    return words[0] if len(words) == 1 and re.fullmatch(r"(?=(?:[\w-]*[A-Z]){2}|[\w-]*\d)[A-Za-z][\w\-]*\w", words[0]) else ""


def _cue(plan: QueryPlan) -> re.Pattern | None:
    """The kind of sentence the question asks a paper for: one finding fault or one reporting a finding."""
    return _CRITIQUE if plan.drawbacks else _FINDING if plan.findings else None


def with_antecedents(quoted: list[str], sents: list[str]) -> list[str]:
    """The quoted sentences in text order, each that points back (_POINTS_BACK) after the
    sentence before it in the abstract, when that one is not quoted already."""
    out = []
    for s in quoted:
        i = sents.index(s)
        if i and _POINTS_BACK.match(s) and sents[i - 1] not in out:
            out.append(sents[i - 1])
        out.append(s)
    return out


def _weight(q: dict[str, float], sentence: str, spelled: dict[str, list[str]]) -> float:
    """The query weight a sentence shares. Two kinds of words count at half weight: the names
    inside its longer hyphenated words ("Seg-Zero-7B achieves 57.5 on ReasonSeg" is about
    Seg-Zero, but a sentence naming Seg-Zero itself says more of it), and the words of the
    acronyms it uses that the question spells out ("340 WSIs" for "whole-slide images"; a
    sentence that spells out "graph neural network (GNN)" says more than one saying "GNN")."""
    found = set(terms(sentence))
    inside = spelled_out_in(sentence, spelled)
    for word in re.findall(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+){2,}", sentence):
        parts = word.split("-")
        inside.update(t[0] for i in range(2, len(parts)) if (t := terms("-".join(parts[:i]))))
    return sum(q.get(t, 0.0) for t in found) + 0.5 * sum(q.get(t, 0.0) for t in inside - found)


def _asked(q: QueryTerms, hit: PaperHit, names: set[str] = frozenset()) -> dict[str, float]:
    """The question's words as they count in choosing what to quote from a paper it asks about:
    the words of the paper's title at `TITLE_WORD_WEIGHT`. They describe the paper, which
    retrieval has found; the rest is what is asked. "How much did the study of RL for
    reasoning in small LLMs spend on training?" quoted the sentence that repeats the title's
    words ("Our study investigates ... RL ... in small LLMs") and now the one with the cost
    ("using only 7,000 samples and a $42 training cost"). Leaving title words out altogether
    (session 13) lost quotes whose asked words are in the title too."""
    weights = {**(q.rephrased.weights if q.rephrased else {}), **q.weights}
    title = set(terms(hit.title)) | names
    # A hyphenated title name counts once: "DianJin-R1" is asked as "dianjin-r1", "dianjin" and
    # "r1", and the three together outweighed "datasets" in "what datasets does DianJin-R1 use?".
    parts = {p for t in title & set(weights) if "-" in t for p in terms(t.replace("-", " "))}
    return {t: 0.0 if t in parts else w * TITLE_WORD_WEIGHT if t in title else w for t, w in weights.items()}


# "What benchmark does X put together?", "which kind of analysis does X use?": the noun naming what is
# asked for, whose sentence answers; the paper's own words ("generalist biomedical AI") only find it
_WHAT_NOUN = re.compile(r"^\s*(?:what|which)\s+(?:(?:kind|type|sort)s?\s+of\s+)?(?:[a-z][\w-]*\s+){0,3}?"
                        r"([a-z][\w-]*)\s+(?:does|did|do|is|are|was|were|has|have|had)\b", re.I)


def _asked_for(question: str, asked: dict[str, float]) -> dict[str, float]:
    """The asked weights with the noun of "what <noun> does ...?" as heavy as the heaviest word."""
    m = _WHAT_NOUN.match(question)
    noun = set(terms(m[1])) & asked.keys() if m else set()
    top = max(asked.values(), default=0.0)
    return {t: max(w, top) if t in noun else w for t, w in asked.items()}


def _quotes(plan: QueryPlan, n: int) -> int:
    """Sentences to quote from the n-th cited paper: two from the first, one from the others;
    one more from each compared paper, and from the first when the question asks two things
    ("how often ..., and what happened ...?") or for its findings (an abstract lists several)."""
    two_parts = len(re.findall(r"[?]|,? and (?:what|how|why|which|when|who|does|do|did|is|are)\b", plan.question)) >= 2
    return (2 if n == 1 or plan.compares else 1) + (1 if plan.compares or (n == 1 and (two_parts or plan.findings)) else 0)
