"""Is a retrieved paper relevant? Two questions, two scores.

Answer at all? One score in [0, 1] from two independent signals of the best paper:
- coverage: the share of the question's content words (IDF-weighted) that the paper's
  title and abstract contain; of alternatives ("A, B or C") one is enough;
- dense: the cosine similarity of its best chunk to the question.
Retrieval rank alone cannot tell "the best of nothing" from a real match; these raw
signals can.

Which papers make a list? A small logistic model over query-relative features (fused
score against the best, coverage, place in the BM25 ranking, cosine against the best, coverage
by the words a paper stresses), so the cut-off adapts to each question. Its weights are in
config (`answer.list_model`), fitted by `eval/fit_list_model.py` on a question set.
"""
from __future__ import annotations

import math
import re
from dataclasses import replace

from rag.config import AnswerConfig
from rag.corpus.records import introduces, paper_name
from rag.index.catalog import sort_value
from rag.retrieve.base import PaperHit
from rag.retrieve.coverage import QueryTerms, TermCoverage
from rag.text import definition_of, english_stop_words, has_phrase
from rag.understand.followup import with_topic
from rag.understand.plan import QueryPlan
from rag.understand.wording import YES_NO

RANK_CAP = 40  # a paper one retriever did not return counts as ranked here by it


STOP_WORDS = english_stop_words()
INTRODUCED_NAME_PAPERS = 3  # a word more papers use is a topic word, not a paper's coined name
DEFINER_DEPTH = 3  # "what is X?" is asked of the first of this many retrieved papers that defines X
# A near tie of retrieval's first paper, cited with it, is among this many first retrieved: over the
# 40 question sets this changed one answer (fresh16 W10, a wrong second paper gone), with 5 none
TIE_DEPTH = 3


class Relevance:
    def __init__(self, cfg: AnswerConfig, terms: TermCoverage):
        self.cfg = cfg
        self.terms = terms
        self.catalog = terms.catalog  # abstracts, for the answerers' evidence
        # The last list ranked: the answer step and the reported ranking (Pipeline.shown) ask for
        # the same question's, which is computed once. Matched by identity, so never stale.
        self._last_ranked: tuple[QueryTerms, list[PaperHit], list[tuple[float, PaperHit]]] | None = None

    def query_terms(self, plan: QueryPlan) -> QueryTerms:
        return self.terms.query_terms(plan)

    def coverage(self, q: QueryTerms, hit: PaperHit) -> float:
        return self.terms.coverage(q, hit)

    def score(self, q: QueryTerms, hit: PaperHit, dense_floor: float = 0.0) -> float:
        """dense_floor stands in for papers only BM25 found: their cosine is below every dense hit's."""
        return self._combined(self.coverage(q, hit), _cosine(hit, dense_floor))

    def _combined(self, coverage: float, cosine: float) -> float:
        dense = max(0.0, min(1.0, (cosine - 0.2) / 0.5))
        w = self.cfg.coverage_weight
        return w * coverage + (1 - w) * dense

    def answerable(self, plan: QueryPlan, q: QueryTerms, scored: list[tuple[float, PaperHit]], floor: float,
                   chosen: list[PaperHit] | None = None) -> bool:
        """Does the corpus cover the question? The best paper's score decides; for a comparison,
        the `chosen` papers together, since each covers only its own part of the question."""
        best = max(s for s, _ in scored)
        if plan.compares and chosen:
            have = set().union(*(self.terms.terms_of(h, q) for h in chosen))
            best = max(best, self._combined(self.terms.covered(q, have), _cosine(scored[0][1], floor)))
            # "Compare LIMO and s1", s1 in no paper: the answer is about LIMO, and says no paper mentions s1.
            if any(is_named(h, plan.named) for h in chosen) and self.missing(plan):
                return True
        # "Does Seg-Zero mention SAM2?", SAM2 in no paper: then Seg-Zero does not, which the answer says
        # (not "is LIMO older than GPT-4?": set against what is no paper here, it still abstains)
        if chosen and len(plan.named) == 1 and YES_NO.match(plan.question) and is_named(chosen[0], plan.named) \
                and self.missing(plan) and not re.search(r"\bthan\b", plan.question, re.I):
            return True
        return best >= self.cfg.min_relevance

    def faint(self, plan: QueryPlan, q: QueryTerms, hits: list[PaperHit]) -> bool:
        """Two weak signals do not add up to an answer: no retrieved paper near the question's meaning
        (every cosine under `faint_cosine`) and none of the judged covering most of its words
        (`faint_coverage`). "Which papers generate music with diffusion models?" finds SALMONN for
        "music" (coverage 0.58, cosine 0.26), which the combined bar lets through. Over the 47
        question sets this region held 92 uncovered topics and 4 answerable lists, all 4 abstained
        already by that bar. Asked of lists only: "what does the name SPIN stand for?" has no such
        neighbours and is answered. Of the hybrid's papers only, which the thresholds were chosen
        on: a plain baseline's pool misses the near papers the hybrid finds, so its best cosine is
        lower for an answerable list too (under this test plain BM25 abstained on 29 more of them)."""
        if plan.retriever != "hybrid":
            return False
        cosines = [h.dense for h in hits if h.dense is not None]
        if not cosines:  # no dense side to judge by ("papers that mention X"): the bar alone
            return False
        return (max(cosines) < self.cfg.faint_cosine
                and max(self.coverage(q, h) for h in hits[: self.cfg.abstain_depth]) < self.cfg.faint_coverage)

    def standout(self, scored: list[tuple[float, PaperHit]], floor: float) -> PaperHit | None:
        """The one paper whose meaning stands clear of the rest, when the question's words are not
        its words: its dense cosine at least `standout_cosine` and ahead of the next paper's by
        `standout_margin`. "Which papers curb degenerate, self-repeating output from text
        generators?" shares few words with the paper on repetitions in neural text generation
        (coverage 0.22, under the relevance bar), but its cosine, 0.56, leads the next by 0.12.
        Uncovered topics have no such lead: their nearest papers are near each other too."""
        ranked = sorted((h for _, h in scored), key=lambda h: -_cosine(h, floor))
        if len(ranked) < 2:
            return None
        first, second = _cosine(ranked[0], floor), _cosine(ranked[1], floor)
        return ranked[0] if first >= self.cfg.standout_cosine and first - second >= self.cfg.standout_margin else None

    def named(self, plan: QueryPlan, hits: list[PaperHit], first: PaperHit | None = None) -> set[str]:
        """The ids of the hits a comparison or a question about one paper names: by short name
        (`plan.named`), and those whose abstracts introduce a name the question uses that
        no title carries. "How does Coconut differ from Soft Thinking?" compares the Soft
        Thinking paper with the one that says "we introduce a new paradigm Coconut", not with
        another that mentions both; "what is CompA-R?" asks about GAMA, which proposes CompA-R,
        not about the CompA paper its head names (Light-R1-32B, introduced by Light-R1, stays
        Light-R1's). Outside comparisons a name only displaces a head: "what accuracy does
        Chameleon reach on ScienceQA?" is about Chameleon, not also about ScienceQA's paper;
        or, with no head named, marks retrieval's `first` paper as the one asked about when that
        paper introduces it: "how many problems are in TabMWP?" asks the paper that presents
        TabMWP, not also Chameleon, which is tested on it."""
        heads = {h.paper_id: paper_name(h.title) for h in hits}
        named = {pid for pid, head in heads.items() if head in plan.named}
        for word in self._coined(plan):
            paper = next((h for h in hits if introduces(word, h.title, self.catalog.abstract(h.paper_id) or "")), None)
            if paper is None:
                continue
            head = next((n for n in plan.named if word.startswith(n + "-")), None)
            if head is None:
                alone = not plan.named and first is not None and paper.paper_id == first.paper_id
                named |= {paper.paper_id} if plan.compares or alone else set()
            elif paper_name(paper.title) != head:
                named = {pid for pid in named if heads[pid] != head} | {paper.paper_id}
        return named

    def _coined(self, plan: QueryPlan) -> list[str]:
        """The question's names no title carries: capitalised words after its first, outside the
        names it uses, that at most `INTRODUCED_NAME_PAPERS` papers use ("Policy" in "Diffusion
        Policy" is a word many papers use, not a name); and hyphenated ones whose head is a
        name ("CompA-R")."""
        asked = with_topic(plan.question, plan.it) or plan.question  # "how does it compare with X?": "it" is the topic
        rest = asked
        for name in sorted(plan.named, key=len, reverse=True):
            rest = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", " ", rest)
        words = re.findall(r"(?<![\w-])[A-Z][\w-]*", rest)[1 if rest.strip()[:1].isupper() else 0:]
        suffixed = [w for w in re.findall(r"(?<![\w-])[A-Za-z][\w]*(?:-[\w]+)+", asked)
                    if w not in plan.named and any(w.startswith(n + "-") for n in plan.named)]
        return [w for w in dict.fromkeys(words + suffixed) if w.lower() not in STOP_WORDS
                and 0 < self.terms.papers_using(w) <= INTRODUCED_NAME_PAPERS]

    def missing(self, plan: QueryPlan) -> list[str]:
        """The question's topic words that no paper uses."""
        return [w for w in self.terms.unknown_words(plan.text) if w not in plan.not_topic]

    def select(self, plan: QueryPlan, hits: list[PaperHit], screened: bool = False) -> list[PaperHit]:
        """The relevant papers, best first; empty when the corpus does not cover the question.

        Whether to answer is judged on the first `abstain_depth` hits; a list may draw on all.
        `screened`: a capable model reads the list's candidates and leaves out those that do
        not match, so every paper the list model gives at least `screen_threshold` is kept.
        """
        if plan.about:  # the caller chose the papers ("the first one"): they are the answer, whatever its words
            found = {h.paper_id: h for h in hits}
            return [found[pid] for pid in plan.about if pid in found]
        q = self.query_terms(plan)
        judged = hits[: self.cfg.abstain_depth]
        floor = min((h.dense for h in judged if h.dense is not None), default=0.0)
        scored = sorted(((self.score(q, h, floor), h) for h in judged), key=lambda x: -x[0])
        if not scored:
            return []
        chosen = None
        if not plan.asks_list and not plan.sort and not plan.group_by:
            first = self.first(plan, hits)
            named = self.named(plan, [h for _, h in scored], first=first)
            scored = named_first(scored, named)
            by_retrieval = not plan.named and not plan.compares
            if by_retrieval:
                scored = retrieved_first(scored, first)
            # Only a comparison cites papers for the parts of the question the best one lacks: a
            # question about one paper cites that paper (and near ties). On the probe set, the
            # complements of non-comparisons were all wrong (4 of 4).
            # A comparison of papers it names (and that were found) is about those: "which is
            # better on MATH, LIMO or Orca 2?" does not also cite a third paper that uses "MATH".
            found = sum(h.paper_id in named for _, h in scored)
            chosen = self.complementary(q, scored, complements=plan.compares and found < 2, named=named,
                                        ties_of_first=by_retrieval, tie_pool={h.paper_id for h in hits[:TIE_DEPTH]})
        # (the faint test is of a list over the whole corpus: conditions leave few papers, none near)
        faint = plan.asks_list and not plan.all_filters and self.faint(plan, q, hits)
        if not self.answerable(plan, q, scored, floor, chosen) or faint:
            lone = None if plan.literal else self.standout(scored, floor)
            return [lone] if lone else []
        if plan.literal and plan.asks_list:  # "papers that mention X": those whose text has all of X's words
            covering = self.terms.papers_covering(q)
            return [h for h in hits if h.paper_id in covering
                    and all(has_phrase(self.catalog.text(h.paper_id), p) for p in plan.phrases)]
        if plan.sort:  # "the most upvoted paper on X": every paper on X, then in that order
            # "Which has more authors, Seg-Zero or VLM-R1?": those two, not MT-R1-Zero, whose
            # words ("R1", "Zero") make it a member of the topic "Seg-Zero VLM-R1". A name an
            # abstract introduces counts too: "LIMO or Coconut" is LIMO and the Coconut paper,
            # not also SoftCoT++, which mentions Coconut.
            ids = self.named(replace(plan, compares=True), hits)
            named = [h for h in hits if h.paper_id in ids] if len(ids) >= 2 else []
            return sort_hits(named or self._members(q, hits, self.cfg.list_threshold, plan.central), plan.sort,
                             plan.descending)
        if chosen is not None:
            return chosen
        members = self._members(q, hits, self.cfg.screen_threshold if screened else self.cfg.list_threshold,
                                plan.central)
        return members or [scored[0][1]]  # the answerers decide how many to show (answer.max_list)

    def first(self, plan: QueryPlan, hits: list[PaperHit]) -> PaperHit:
        """The paper a question about one paper is about, when it names none: retrieval's first;
        for "what is X?", the first of the top `DEFINER_DEPTH` whose abstract defines X ("Test-Time
        Scaling (TTS) refers to ..."), not one that only uses it ("memory-aware test-time scaling");
        for a question using a name no title carries (`_coined`) that retrieval's first paper never
        uses, the paper introducing it, or else the first that uses it: "what does HICRA stand for?"
        (dense retrieval, blind to the new word, put a paper on "long-standing" challenges first)."""
        if plan.defines:
            defining = definition_of(plan.defines, strict=True)
            if definer := next((h for h in hits[:DEFINER_DEPTH] if defining.search(self.catalog.text(h.paper_id))), None):
                return definer
        for word in self._coined(plan):
            using = self.terms.papers_mentioning(word, name=True)
            if hits[0].paper_id in using:
                break
            paper = (next((h for h in hits if introduces(word, h.title, self.catalog.abstract(h.paper_id) or "")), None)
                     or next((h for h in hits if h.paper_id in using), None))
            if paper is not None:
                return paper
        return hits[0]

    def _members(self, q: QueryTerms, hits: list[PaperHit], threshold: float,
                 central: frozenset[str] = frozenset()) -> list[PaperHit]:
        """Hits the list model gives at least `threshold`, most probable first; then the hits
        among the `central` papers (QueryPlan.central), whatever their probability."""
        members = [h for p, h in self.by_list_probability(q, hits) if p >= threshold]
        if extra := central - {h.paper_id for h in members}:
            members += [h for h in hits if h.paper_id in extra]
        return members

    def by_list_probability(self, q: QueryTerms, hits: list[PaperHit]) -> list[tuple[float, PaperHit]]:
        """(probability, hit) pairs, most probable first: the order a list cites and reports."""
        last = self._last_ranked
        if last is not None and last[0] is q and last[1] is hits:
            return last[2]
        ranked = sorted(zip(self.list_probabilities(q, hits), hits), key=lambda x: -x[0])
        self._last_ranked = (q, hits, ranked)
        return ranked

    def complementary(self, q: QueryTerms, scored: list[tuple[float, PaperHit]], most: int = 3,
                      complements: bool = True, named: set[str] = frozenset(),
                      ties_of_first: bool = False, tie_pool: set[str] | None = None) -> list[PaperHit]:
        """The best paper, those nearly as good, and those that cover words of the question the
        chosen ones do not: "how do X and Y differ?" needs X's paper and Y's paper, each of
        which covers only its half of the question. A complement must itself score at least
        `complement_floor` of the best (on dev + probe comparisons the wrong ones scored 0.25
        and 0.45 of it, the right ones 0.58 or more). Every paper the question names (`named`, ids) is chosen:
        "how do CompA and GAMA differ?" cites CompA even though GAMA's abstract names CompA too.
        `ties_of_first`: near ties are those within a tenth of the first paper's score, not of
        the best score (the first is retrieval's, see retrieved_first); and, with `tie_pool` (ids),
        only those among retrieval's first few: a paper retrieval ranks ninth is no tie of its
        first for scoring alike on a word or two ("which paper shows that negative samples alone
        help RL?" also cited StateAct for "alone")."""
        best, first = max(s for s, _ in scored), scored[0][0]
        most = max(most, len(named))
        chosen = [scored[0][1]]
        have = set(self.terms.terms_of(chosen[0], q))
        covered = self.terms.covered(q, have)
        for s, h in scored[1:]:
            if len(chosen) == most:
                break
            with_it = self.terms.covered(q, have | self.terms.terms_of(h, q))
            adds = with_it - covered >= self.cfg.complement_gain and s >= best * self.cfg.complement_floor
            named_it = h.paper_id in named
            # A question about a named paper is about that one: a near tie it does not name
            # ("CompA" in GAMA's abstract) is not cited.
            tie = (abs(s - first) <= first * 0.1 and (tie_pool is None or h.paper_id in tie_pool) if ties_of_first
                   else s >= best * 0.9)
            near = tie and (complements or not named)
            if near or (complements and adds) or named_it:
                chosen.append(h)
                have |= self.terms.terms_of(h, q)
                covered = with_it
        return chosen

    def mentioning(self, plan: QueryPlan) -> frozenset[str]:
        """The papers meeting the plan's conditions that use every word of its topic: the literal
        count beside a topical one ("how many papers about reasoning ..."), by the same test as
        "how many papers mention X?" (`select` on a literal plan)."""
        covering = self.terms.papers_covering(self.query_terms(plan))
        if not plan.metadata_filters:
            return covering
        return frozenset(pid for pid in self.catalog.ids(plan.metadata_filters) if pid in covering)

    def list_features(self, q: QueryTerms, hits: list[PaperHit]) -> list[list[float]]:
        """Per hit: fused score / best, coverage, log(1 + BM25 rank), cosine minus the best
        cosine (a paper only BM25 found: the lowest dense hit's), and the same gap for the
        paper's closest sentence. The dense side enters as a gap, not as a rank: it tells
        "second, far behind" from "second, nearly as close" (with the gap in, a dense-rank
        weight fitted to zero). The sentence gap is the finer of the two: a 200-token chunk
        that mentions the topic once is as close as its other sentences make it; over the 128
        lists of fifteen question sets, held out a set at a time, it raised citation precision
        and recall together (eval/reports/2026-11-23, session 16). Last, coverage by the words
        the paper says twice or in its title (TermCoverage.focus): held out a set at a time over
        the 169 lists of 24 sets, precision at equal recall rose 0.767 -> 0.783
        (eval/reports/2026-12-05, session 23)."""
        top = max((h.score for h in hits), default=0.0) or 1.0
        cosines = [h.dense for h in hits if h.dense is not None]
        best, floor = max(cosines, default=0.0), min(cosines, default=0.0)
        closest = [h.sentence for h in hits if h.sentence is not None]
        best_s, floor_s = max(closest, default=0.0), min(closest, default=0.0)
        rows = []
        for h in hits:
            dense_gap = _cosine(h, floor) - best
            # No sentence vectors in the index (`index.sentences: false`): the chunk's gap stands in.
            sentence_gap = ((floor_s if h.sentence is None else h.sentence) - best_s) if closest else dense_gap
            rows.append([h.score / top, self.coverage(q, h),
                         math.log1p(min(RANK_CAP, RANK_CAP if h.bm25_rank is None else h.bm25_rank)),
                         dense_gap, sentence_gap, self.terms.focus(q, h)])
        return rows

    def list_probabilities(self, q: QueryTerms, hits: list[PaperHit]) -> list[float]:
        m = self.cfg.list_model
        weights = (m.fused, m.coverage, m.bm25_rank, m.dense_gap, m.sentence_gap, m.focus)
        return [1 / (1 + math.exp(-(m.intercept + sum(w * x for w, x in zip(weights, row)))))
                for row in self.list_features(q, hits)]


def sort_hits(hits: list[PaperHit], key: str, descending: bool) -> list[PaperHit]:
    """Papers with the field, ordered by it; those whose listing lacks it are left out."""
    known = [(v, h) for h in hits if (v := sort_value(h.meta, key)) is not None]
    return [h for _, h in sorted(known, key=lambda x: -x[0] if descending else x[0])]


def named_first(scored: list[tuple[float, PaperHit]], named: set[str]) -> list[tuple[float, PaperHit]]:
    """The papers the question names (their ids, `Relevance.named`) first, then the rest, each
    by score: "what do Soft Thinking and Coconut have in common?" is about the Soft Thinking
    paper even when another abstract uses the words "soft thinking" more."""
    if not named:
        return scored
    return sorted(scored, key=lambda x: (x[1].paper_id not in named, -x[0]))


def retrieved_first(scored: list[tuple[float, PaperHit]], top: PaperHit) -> list[tuple[float, PaperHit]]:
    """Retrieval's first paper first, then the rest by score: a question about one paper it
    describes ("what budget does the small-LLM RL study work under?") is about the paper
    retrieval ranks first, even when another scores higher on a rare word of what is asked
    ("budget"). On the 52 single facts of the question sets, retrieval's first was the right
    paper 52 times, the highest score 51."""
    return sorted(scored, key=lambda x: (x[1].paper_id != top.paper_id, -x[0]))


def is_named(hit: PaperHit, names: set[str]) -> bool:
    """Is this one of the papers the question names by their short names ("LIMO")?"""
    return paper_name(hit.title) in names


def in_question_order(question: str, hits: list[PaperHit]) -> list[PaperHit]:
    """The papers in the order the question names them by their short names ("how does LIMO
    compare to Seg-Zero?": LIMO first), any it does not name after them, as they were."""
    low = question.lower()  # ("seg-zero" typed in lower case too)

    def place(hit: PaperHit) -> int:
        at = low.find(paper_name(hit.title).lower())
        return at if at >= 0 else len(low)
    return sorted(hits, key=place)


def _cosine(hit: PaperHit, floor: float) -> float:
    """The hit's dense cosine; `floor` for a paper only BM25 found (below every dense hit's)."""
    return hit.dense if hit.dense is not None else floor
