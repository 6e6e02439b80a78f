"""The query plan: what a question asks for, as the rest of the pipeline reads it.

Made by the rules (rules.py), possibly extended by an LLM (rewrite.py); read by retrieval
(which searches `search_text` under `stored_filters`), the catalog (metadata questions) and
the answerers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import timedelta

from llama_index.core.vector_stores import (
    FilterOperator,
    MetadataFilter,
    MetadataFilters,
)

from rag.index.catalog import posted_day, posted_value

# Not stored in the index: computed from "date", the title or the counts (index/catalog.py, sort_value).
# Sent to Chroma, a filter on one of them kept no chunk, and the dense side found nothing.
DERIVED_FIELDS = {"month", "quarter", "posted", "weekday", "day_of_month", "days_to_month_end", "title_words", "title_chars",
                  "abstract_words", "upvotes_per_author", "authors_parity", "upvotes_parity"}
# A bound as the rules write it, as a filter's operator
BOUND_OPS = {">": FilterOperator.GT, "<": FilterOperator.LT, ">=": FilterOperator.GTE, "<=": FilterOperator.LTE}
COUNT_FIELDS = ("authors", "upvotes")  # the listings' counts: compared, summed, averaged, ranked


# Relative.unit of "the same month as LIMO but in another (an earlier, a later) year": the year's comparison
_OTHER_YEAR = {"month of another year": FilterOperator.NE, "month of an earlier year": FilterOperator.LT,
               "month of a later year": FilterOperator.GT}


@dataclass(frozen=True)
class Relative:
    """A field compared with a value the question points to but does not give: another paper's
    ("more authors than LIMO", "posted the same month as LIMO") or an average of the papers
    ("above-average upvotes"), or the largest or smallest of a year's papers ("more upvotes
    than every 2023 paper"). The pipeline fills in `value` (and `ref_id`, the paper's id) from
    the catalog; `value` stays None when that paper's listing lacks the field, or no paper
    lists it to compare with."""
    field: str                  # "authors", "upvotes", "posted" (YYYYMMDD) or "org" (only "same")
    op: str                     # ">", "<", "same" (the same count, or the same `unit` of time), or
                                # "within" (posted at most `days` from the paper, either side), or "nearest"
                                # (within the smallest gap to another paper, `days` once the dates are known)
    ref: str                    # a paper's short name, or "mean" / "median" / "max" / "min" of papers
    unit: str = ""              # for "same" dates: "day", "weekday", "week", "month", "month of the year" (any year's),
                                # "month of another year" (also "an earlier", "a later") or "year"; "between" for one
                                # end of a range;
                                # for "within": "after" or "before" for one side only
    value: float | str | None = None  # a string for "org"
    ref_id: str = ""
    days: int = 0               # for "within" and "nearest" (-1: no other paper to be nearest; for a count, the gap in
                                # that count); for ">", "<",
                                # ">=" and "<=" on dates, the gap past the paper ("more than a year after LIMO")
    year: int | None = None     # for a statistic of papers: that year's ("the average 2025 paper"); None:
                                # those the question's own conditions keep
    factor: float = 1.0         # for "same", ">", "<", ">=", "<=" on a count: a multiple of the value ("at least
                                # twice as many authors as LIMO": >= 2 x LIMO's; "twice as many": 2 x LIMO's)
    given: bool = False         # `value` is the question's own, not a paper's: "closest to Dec 25, 2024" (`ref`
                                # is that day in words)
    ranked: TopOf | None = None  # the paper is the one a ranking puts first, unnamed in the question: "more upvotes
                                # than the paper with the most authors" (the pipeline puts its name in `ref`)
    tied: int = 1               # with `ranked`: how many papers share that first place (the first listed is taken)

    @property
    def in_other_year(self) -> bool:
        """"The same month as LIMO but in another (an earlier, a later) year"."""
        return self.unit in _OTHER_YEAR

    @property
    def of_papers(self) -> bool:
        """Compared with a statistic of the papers, not with one paper."""
        return self.ref in ("mean", "median", "max", "min")

    def filters(self) -> list[MetadataFilter]:
        """The condition as filters on the papers, once `value` is known ([] before)."""
        if self.value is None:
            return []
        v = self.value
        not_itself = [MetadataFilter(key="paper_id", value=self.ref_id, operator=FilterOperator.NE)] if self.ref_id else []
        if self.op == "same" and self.field != "posted":  # "the same number of authors as LIMO": the others
            if self.factor != 1:  # "twice as many authors as LIMO": 12 if LIMO has 6, and LIMO cannot be one
                return [MetadataFilter(key=self.field, value=v * self.factor)]
            return [MetadataFilter(key=self.field, value=v)] + not_itself
        if self.op == "nearest" and self.field != "posted":  # "an upvote count closest to 10": 10 +- the smallest gap
            return [MetadataFilter(key=self.field, value=v - self.days, operator=FilterOperator.GTE),
                    MetadataFilter(key=self.field, value=v + self.days, operator=FilterOperator.LTE)] + not_itself
        if self.op not in ("same", "within", "nearest"):
            op = BOUND_OPS
            if self.field == "posted" and self.days:  # "more than a year after LIMO": past that day
                gap = timedelta(days=self.days if self.op.startswith(">") else -self.days)
                return [MetadataFilter(key="posted", value=posted_value(posted_day(int(v)) + gap), operator=op[self.op])]
            # "no more upvotes than LIMO", "no later than LIMO": the others, as LIMO's own value passes
            others = not_itself if self.op in (">=", "<=") and self.factor == 1 else []
            return [MetadataFilter(key=self.field, value=v * self.factor if self.factor != 1 else v,
                                   operator=op[self.op])] + others
        day = int(v)
        if self.op in ("within", "nearest"):  # "posted within two weeks of LIMO": a window of calendar days around it
            posted = posted_day(day)
            ends = {"after": (1, self.days), "before": (-self.days, -1)}.get(self.unit, (-self.days, self.days))
            first, last = (posted_value(posted + timedelta(days=d)) for d in ends)
            same = [MetadataFilter(key="posted", value=first, operator=FilterOperator.GTE),
                    MetadataFilter(key="posted", value=last, operator=FilterOperator.LTE)]
        elif self.unit == "day":
            same = [MetadataFilter(key="posted", value=day)]
        elif self.unit == "weekday":  # 1 for Monday to 7 for Sunday, as catalog.py derives it
            same = [MetadataFilter(key="weekday", value=posted_day(day).isoweekday())]
        elif self.unit == "week":  # Monday to Sunday
            monday = posted_day(day) - timedelta(days=posted_day(day).weekday())
            same = [MetadataFilter(key="posted", value=posted_value(monday), operator=FilterOperator.GTE),
                    MetadataFilter(key="posted", value=posted_value(monday + timedelta(days=6)), operator=FilterOperator.LTE)]
        elif self.unit == "month of the year":  # the same month number, any year ("the same calendar month")
            same = [MetadataFilter(key="month", value=day // 100 % 100)]
        elif self.in_other_year:  # ... of another (an earlier, a later) year than the paper's, which is printed
            same = [MetadataFilter(key="month", value=day // 100 % 100),
                    MetadataFilter(key="year", value=day // 10000, operator=_OTHER_YEAR[self.unit]),
                    MetadataFilter(key="year", value=0, operator=FilterOperator.GT)]
        elif self.unit == "month":
            same = [MetadataFilter(key="posted", value=day // 100 * 100 + 1, operator=FilterOperator.GTE),
                    MetadataFilter(key="posted", value=day // 100 * 100 + 31, operator=FilterOperator.LTE)]
        else:
            same = [MetadataFilter(key="year", value=day // 10000)]
        return same + not_itself  # "posted the same day as LIMO": the others, not LIMO itself


@dataclass(frozen=True)
class TopOf:
    """The papers a statistic is taken over when a ranking picks them: "the average number of
    authors of the five most upvoted papers" -> TopOf("upvotes", True, 5); the statistic's own
    field is the plan's `sort`."""
    field: str         # "upvotes", "authors" or "posted"
    descending: bool
    n: int

    def in_words(self) -> str:
        """"the 5 most upvoted papers", "the 3 newest papers", "the 5 papers with the longest abstracts"."""
        words = {("upvotes", True): "most upvoted", ("upvotes", False): "least upvoted", ("posted", True): "newest",
                 ("posted", False): "oldest"}.get((self.field, self.descending))
        most = "longest" if self.descending else "shortest"
        with_ = ({"title_words": f"{most} title", "title_chars": f"{most} title",
                  "abstract_words": f"{most} abstract"}.get(self.field)
                 or f"{'most' if self.descending else 'fewest'} {self.field}")
        if self.n == 1:
            return f"the {words} paper" if words else f"the paper with the {with_}"
        if words:
            return f"the {self.n} {words} papers"
        return f"the {self.n} papers with the {with_}{'s' * with_.endswith(('title', 'abstract'))}"


@dataclass(frozen=True)
class Quantity:
    """A count a paper's abstract must state: "fewer than 1,000 training examples" ->
    ("<", 1000, "examples"); "models larger than 30B" -> (">", 3e10, "parameters")."""
    op: str        # ">", "<", ">=" or "<="
    value: float
    kind: str      # "examples" (samples, problems, data points, ...), "parameters" or "tokens"
    stage: str = ""  # "train" or "test" when the question says so ("training examples"): the sentence must too

    def in_words(self) -> str:
        """"fewer than 1,000 training examples", "more than 30 billion parameters"."""
        op = {">": "more than", "<": "fewer than", ">=": "at least", "<=": "at most"}[self.op]
        v = self.value
        amount = next((f"{v / scale:g} {word}" for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
                       if v >= scale), f"{v:,.0f}")
        stage = {"train": "training ", "test": "test ", "evaluat": "evaluation "}.get(self.stage, "")
        return f"{op} {amount} {stage}{self.kind}"

    def holds(self, value: float) -> bool:
        return {">": value > self.value, "<": value < self.value, ">=": value >= self.value,
                "<=": value <= self.value}[self.op]

    def stated_in(self, counted: list[tuple[str, list[float]]]) -> str | None:
        """Of a paper's sentences with their counts of `kind` (Catalog.counts_stated), the first
        whose count meets the condition, or None."""
        return next((s for s, counts in counted if any(map(self.holds, counts))
                     and (not self.stage or re.search(rf"\b{self.stage}", s, re.I))), None)


def in_order(relatives: list[Relative]) -> list[Relative]:
    """"Posted between Seg-Zero and LIMO" names the later paper first: once both dates are
    known, the range's ends are swapped so that it runs from the earlier to the later."""
    ends = [r for r in relatives if r.unit == "between"]
    if len(ends) != 2 or None in (ends[0].value, ends[1].value) or ends[0].value <= ends[1].value:
        return relatives
    after, before = ends
    swapped = {id(after): replace(after, ref=before.ref, value=before.value, ref_id=before.ref_id),
               id(before): replace(before, ref=after.ref, value=after.value, ref_id=after.ref_id)}
    return [swapped.get(id(r), r) for r in relatives]


@dataclass
class QueryPlan:
    question: str
    text: str                                   # topical part, for retrieval
    filters: list[MetadataFilter] = field(default_factory=list)
    sort: str | None = None                     # metadata field to rank by
    descending: bool = True
    limit: int | None = None                    # "the paper with the most ..." -> 1
    place: int = 1                              # "the second most upvoted" -> 2: the sort's place the limit starts at
    asks_list: bool = False                     # "which papers ...", "list ..."
    asks_field: str | None = None               # a field asked of one paper: date, authors, org, upvotes
    versus: str = ""                            # two named papers' `asks_field` set against each other: "gap"
                                                # ("how many more authors does X have than Y?"), or a yes/no on
                                                # whether the first named has the larger (">") or smaller ("<") one
    in_total: bool = False                      # "... and what is their total?": the several papers' field summed
    gap_unit: str = ""                          # "how many weeks apart ...": "weeks", "months" or "years", the unit
                                                # a gap between dates is said in
    gap_after: str = ""                         # "how many days after Seg-Zero was LIMO posted?" -> "after": the
                                                # direction a gap is asked in ("after", "later", "before", ...)
    unmeasured: str = ""                        # "which is the best paper?" -> "best": a merit the listings do not
                                                # measure; ranked by upvotes, the nearest they give, and said so
    group_by: str | None = None                 # "which organisation posted the most papers?" -> "org"
    breakdown: bool = False                     # "how many papers per year?": every group's count
    by_count: bool = False                      # "rank the years by number of papers": a breakdown by count, not in
                                                # the groups' own order
    group_sizes: list[MetadataFilter] = field(default_factory=list)  # "organisations with more than 2 papers"
    gap: bool = False                           # "how many more papers in 2024 than in 2019?": groups set against
                                                # each other, so two groups' difference heads the answer
    statistic: str | None = None                # "the average number of authors" -> "mean" (of `sort`)
    among: TopOf | None = None                  # "... of the five most upvoted papers": the papers it is taken over
    counts: bool = False                        # "how many papers ...": the number of matching papers
    share: bool = False                         # "what fraction of papers ...": that number against all
    all_of: bool = False                        # "are they all from 2025?": the number, yes when it is every one
    share_of: list[MetadataFilter] = field(default_factory=list)  # ... or against these: "of papers from 2025"
    share_topic: bool = False                   # ... or against the papers on the topic: "of the papers on agents,
                                                # what fraction were posted in 2025?" (the subject holds the topic)
    share_total: int | None = None              # how many papers that is (the pipeline counts them)
    alternatives: list[list[str]] = field(default_factory=list)  # "A, B or C" -> [["A", "B", "C"]]
    rephrased: str = ""                         # the topic in abstracts' words, from an LLM (rewrite.py)
    synonyms: dict[str, str] = field(default_factory=dict)  # "cars" -> "vehicles": words no paper uses, also read
                                                # as the nearest word papers use (synonyms.py); in `rephrased`
    kin: dict[str, frozenset[str]] = field(default_factory=dict)  # "financ" -> {"financi"}: terms of a word family
                                                # that mean the same (synonyms.kin); a paper with one covers the term
    named: set[str] = field(default_factory=set)  # papers' short names the question uses
    stand_ins: dict[str, str] = field(default_factory=dict)  # a name in `named` -> the ranking the question points at
                                                # that paper with instead ("the oldest paper"; Pipeline.ranked_pair)
    compares: bool = False                      # "X vs Y", "how do X and Y differ", "rank A, B and C"
    asks_number: bool = False                   # "how many ...", "by what margin ...": a quantity
    relative: list[Relative] = field(default_factory=list)  # "more authors than LIMO", "above-average upvotes"
    similar_to: str | None = None               # "papers similar to LIMO" -> "LIMO": ranked by likeness to it
    similar_id: str = ""                        # that paper's id, once found in the catalog (Pipeline.understand)
    in_title: str = ""                          # "papers with 'survey' in the title" -> "survey"; a mark: "?"
    title_starts: bool = False                  # the title starts with `in_title` ("titles starting with ...")
    literal: bool = False                       # "papers that mention X": every paper whose text has X's words
    phrases: list[str] = field(default_factory=list)  # quoted in the question: a literal list needs each as written
    phrasing: set[str] = field(default_factory=set)  # words no paper uses that barely carry meaning ("cope"): not topic
    verb: str = ""                              # "which papers measure A or B" -> "measure": framing, not topic
    excluded: list[str] = field(default_factory=list)  # "GRPO but not about vision" -> ["vision"]: left out
    avoided: list[str] = field(default_factory=list)   # "agent papers that don't use RL" -> ["RL"]: left out
                                                # unless they only say they do without it ("RL-free", "without RL")
    quantity: Quantity | None = None            # "fewer than 1,000 training examples": a count the abstract states
    without: list[str] = field(default_factory=list)   # "reasoning without fine-tuning" -> ["fine-tuning"]: the papers
                                                # on the topic that say they do without it, or that never mention it
    required: list[str] = field(default_factory=list)  # "both GRPO and curricula" -> ["GRPO", "curricula"]: each mentioned
    version: str = ""                           # "which papers fine-tune Qwen2.5?" -> "Qwen2.5": each listed paper
                                                # writes it as asked (its words alone are in "Qwen2-VL" too)
    releases: bool = False                      # "papers that released code": the abstract says so
    defines: str = ""                           # "what is GRPO?" -> "GRPO": a sentence defining it is quoted first
    drawbacks: bool = False                     # "what are the limitations of GRPO?": sentences finding fault count more
    findings: bool = False                      # "what are the main findings of Jigsaw-R1?": sentences reporting a
                                                # finding ("we find", "results show", "Firstly, ...") count more
    whole_abstract: bool = False                # "what is the abstract of LIMO?", "show the full abstract": as it is
    titles_only: bool = False                   # "just the titles": the previous answer's papers, by title
    introduces: str = ""                        # "which paper introduced GRPO?" -> "GRPO": the paper that says it does
    best_result: str = ""                       # "which paper reports the highest AIME 2024 score?" -> "AIME 2024":
                                                # the results papers report on it, quoted, not ranked (answer/results.py)
    citing: str = ""                            # "which papers cite LIMO?" -> "LIMO": the others that name it
    citing_id: str = ""                         # the paper it is, or that introduces it ("Coconut"), once found
                                                # (Pipeline.understand): left out of the papers citing it
    cannot: str = ""                            # why the listings cannot answer it ("who wrote the most papers?")
    overview: bool = False                      # "what topics does the corpus cover?": the titles' recurring phrases
    everything: bool = False                    # "list all papers": the whole collection, no condition
    about: list[str] = field(default_factory=list)  # paper ids a follow-up is about ("the first one"), chosen by the caller
    earlier: list[str] = field(default_factory=list)  # "what about 2024?": the conversation's questions it asks again
    besides: list[str] = field(default_factory=list)  # "any others?": ids of the papers already given, left out
    it: str = ""                                # "which papers use it?" after "what is KeyChain?" -> "KeyChain":
                                                # the last topic, read in place of the question's "it"
    central: frozenset[str] = frozenset()       # ids of the papers its topic is central to, found beyond the
                                                # retrieved pool (Pipeline.central): members of a list or sort
    retriever: str = "hybrid"                   # whose papers the answer reads (Pipeline.retrieve): tests calibrated
                                                # on the default's pool apply to it alone (Relevance.faint)

    @property
    def as_named(self) -> str:
        """The question with each ranking that stands for a paper ("the oldest paper") replaced by
        its name, the order the papers are named in."""
        text = self.question
        for name, words in self.stand_ins.items():
            text = re.sub(re.escape(words), name, text, flags=re.I)
        return text

    @property
    def names_in_capitals(self) -> bool:
        """Is a word in capitals a name ("AIME", not the stem "aim")? Yes, unless the whole
        question is in capitals: "WHICH PAPERS USE GRPO FOR VISION?"."""
        return re.search(r"[a-z]", self.question) is not None

    @property
    def not_topic(self) -> frozenset[str]:
        """The question's words that name no topic: its phrasing words, and the verb before
        its alternatives."""
        return frozenset(self.phrasing | ({self.verb} if self.verb else set()))

    @property
    def search_text(self) -> str:
        """What retrieval searches for: the user's words, plus the rephrasing when there is one."""
        return f"{self.text} {self.rephrased}".strip()

    @property
    def all_filters(self) -> list[MetadataFilter]:
        """The filters the question states, and those its relative conditions resolved to."""
        return self.filters + [f for r in self.relative for f in r.filters()]

    @property
    def measures_abstracts(self) -> bool:
        """Sorted, filtered or asked by the abstracts' length ("the longest abstract", "how long is
        LIMO's abstract?"), which the papers' metadata holds only when added (Catalog.with_abstract_lengths)."""
        among = self.among.field if self.among else None  # "the mean upvotes of the 5 longest abstracts"
        return "abstract_words" in (self.sort, among, self.asks_field, *(f.key for f in self.all_filters))

    @property
    def unresolved(self) -> list[Relative]:
        """Relative conditions with nothing to compare against: no paper can meet them."""
        return [r for r in self.relative if r.value is None]

    @property
    def metadata_filters(self) -> MetadataFilters | None:
        """Every filter: for the catalog, which derives the fields the index does not store."""
        return MetadataFilters(filters=self.all_filters) if self.all_filters else None

    @property
    def stored_filters(self) -> MetadataFilters | None:
        """The filters on fields stored with each chunk, which Chroma can apply."""
        stored = [f for f in self.all_filters if not after_retrieval(f)]
        return MetadataFilters(filters=stored) if stored else None

    @property
    def derived_filters(self) -> MetadataFilters | None:
        """The filters Chroma cannot apply, applied to the retrieved papers (after_retrieval)."""
        derived = [f for f in self.all_filters if after_retrieval(f)]
        return MetadataFilters(filters=derived) if derived else None

    @property
    def text_conditions(self) -> bool:
        """Conditions on the papers' text that no index field holds: title words, excluded or
        avoided topics, topics that must both be there, a model version, a release of code or data, not being
        the paper cited (checked after retrieval, `Pipeline.text_conditions`)."""
        return bool(self.in_title or self.excluded or self.avoided or self.required or self.version or self.releases
                    or self.citing or self.quantity)

    @property
    def whether_released(self) -> bool:
        """"Does LIMO have code?", "is there code?" after one paper: whether the paper asked about
        says its code is out (its code sentence, or that it has none), not papers filtered by it."""
        return self.releases and not self.asks_list and (bool(self.about) or not self.metadata_only)

    @property
    def metadata_only(self) -> bool:
        """Answerable from metadata alone: there is a filter or sort and no topic left."""
        return (bool(self.filters or self.sort or self.group_by or self.counts or self.relative or self.text_conditions
                     or self.overview or self.everything) and not self.text and not self.similar_to)


def after_retrieval(f: MetadataFilter) -> bool:
    """Is this a filter Chroma cannot apply? Fields derived from others (the month of a printed
    date), and whether a field is listed at all: Chroma has no test for a missing key, and its
    "not equal" passes chunks that lack the key."""
    return (f.key in DERIVED_FIELDS or f.operator == FilterOperator.IS_EMPTY
            or (f.operator == FilterOperator.NE and f.value == ""))
