"""Query understanding without an LLM: turn metadata wording into filters and sorts.

Recognised: years ("from 2019", "2023 papers", "from 2020 or 2021", "before 2024", "between
2020 and 2022"), months ("posted in March 2024", "in May"), author counts ("single author",
"10 or more authors", "between 5 and 10 authors", "the most authors"), upvotes ("most
upvoted", "the three most upvoted"), dates ("the most recent", "the oldest"), counts and
statistics ("how many papers ...", "the average number of authors", "which organisation posted
the most papers", "which year has the most papers", "how many papers per month"), "this year"
and "last year", organisations named in the index, questions about one field of a paper
("when was X posted?", "who posted X?"), questions for a quantity ("how many ...", "by what
margin"), papers named by their short names ("ReConcile", or "seg-zero" typed in lower case),
comparisons of named papers ("which has more authors, X or Y?"), literal requests ("papers
that mention X"), words asked of titles ("papers with 'survey' in the title"), and requests
for a list however worded ("anything on X?", "what work has been done on X?", or the topic
alone). Whatever is left is the topical part of the question,
sent to retrieval. Dates are read in dates.py; coordinated alternatives in the topic
("medicine or clinical data") in alternatives.py.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import lru_cache

from llama_index.core.vector_stores import FilterOperator, MetadataFilter

from rag.index.catalog import is_plain_name
from rag.text import COUNT_NOUNS, DIGIT, english_stop_words, is_english, scaled, stem
from rag.understand.alternatives import alternatives, causative_verb, leading_verb, predicate_verb
from rag.understand.dates import NEAREST_DAY, date_filters, day_in_words, day_of
from rag.understand.followup import REFERENCE, several_places
from rag.understand.plan import BOUND_OPS, COUNT_FIELDS, Quantity, QueryPlan, Relative, TopOf
from rag.understand.wording import (A_NUMBER, ABSTRACT_ALONE, AUTHORS, CODE_ALONE, COUNTED_FIELD, EXCLUDE_VERBS, FIELD_ALONE,
                                     FRAME_STEMS, FRAME_WORDS, GROUP_WORDS, IN_TOTAL, LEAST, LIKENESS, MOST, NUMBER,
                                     NUMBER_WORDS, ORG_WORDS, PER_AUTHOR, PLACES, RANKED, TITLES_ONLY, UPVOTES, WHOLE_ABSTRACT,
                                     answer_form, field_of, number)


def understand(question: str, orgs: list[str] = (), names: set[str] = frozenset(),
               today: date | None = None, filtered: bool = False, refers_back: bool = False,
               ranked_refs: bool = True) -> QueryPlan:
    """The rule-based plan. `orgs`: organisations in the index; `names`: papers' coined short
    names ("ReConcile", "Seg-Zero"), so "which models take part in ReConcile?" is read as a
    question about one paper, not a request for a list of papers; `today`: what "this year"
    and "last year" count from; `filtered`: the caller adds filters of its own (a follow-up's
    papers, the chat page's year range), so the topic is read as in any filtered question;
    `refers_back`: it is a follow-up on papers the caller chose (followup.py), whose words
    pointing at them ("the first one", "both") name no topic; `ranked_refs`: "than the most
    upvoted paper" may stand for that paper (off: read as a ranking, as any other words)."""
    q = " ".join(question.split())
    q = re.sub(r"(?i)\bw/(o)?(?=\s)", lambda m: "without" if m[1] else "with", q)  # "papers w/ code", "w/o RL"
    q = re.sub(rf"(?i)\bprecisely(?= (?:{A_NUMBER}|as|the same|equal)\b)", "exactly", q)  # "precisely 7 authors"
    # "How old is LIMO?", "how old are the 2019 papers?": when they were posted (were the topic "old")
    q = re.sub(r"(?i)^how old (?:is|was) (.+?)\s*\?*$", r"When was \1 posted?", q)
    q = re.sub(r"(?i)^how old (?:are|were) (.+?)\s*\?*$", r"When were \1 posted?", q)
    # "how many papers does the collection contain?": as "... have?" (was the topic "contain")
    q = re.sub(r"(?i)\b((?:does|do) (?:the|this|your|our) (?:corpus|collection|index|dataset|library)) "
               r"(?:contain|hold|include|comprise)\b", r"\1 have", q)
    # "the most-upvoted paper", "the longest-titled paper": as written apart (they were topics)
    q = re.sub(r"(?i)\b(most|least)-(upvoted|recent|popular|liked|voted|cited)\b", r"\1 \2", q)
    q = re.sub(r"(?i)\b(longest|shortest)-(titled|abstract)\b", lambda m: f"{m[1]} {m[2].replace('titled', 'title')}", q)
    low = q.lower()
    plan = QueryPlan(question=q, text="", **answer_form(q))
    spans: list[tuple[int, int]] = []

    def take(pattern: str):
        m = re.search(pattern, low)
        if m:
            spans.append(m.span())
        return m

    if refers_back:  # "how many authors does the first one have?", "compare the first and the third": the
        # caller has chosen those papers; blanked, so no later rule reads "one like" in "the first one like?"
        # as 1 upvote, nor "first" as an order
        places = [m for m, _, _ in several_places(low)]
        spans.extend(m.span() for m in places)
        for m in filter(None, [take(REFERENCE), *places]):
            low = _blank(low, [m.span()])
    plan.named = named_in(q, names)
    low = _without_numbered_names(low, plan.named)
    if m := take(NEAREST_DAY):  # "posted closest to Dec 25, 2024": compared with that day, blanked so that no
        # date rule reads "december 2024" in "25 December 2024" as the papers' month
        day = day_of(m)
        plan.relative.append(Relative("posted", "nearest", day_in_words(day), value=day, given=True))
        low = _blank(low, [m.span()])
    if m := take(rf"\b(?:(?:number|count) of )?{COUNTED_FIELD}(?: counts?)? (?:is |are |was )?(?:the )?(?:closest|nearest) to "
                 rf"{NUMBER}\b(?! {COUNTED_FIELD})|\b(?:closest|nearest) to {NUMBER} {COUNTED_FIELD}"):
        # "an upvote count closest to 10", "closest to 10 authors": within the smallest gap any paper has to it
        n = number(m[2] or m[4])
        plan.relative.append(Relative(field_of(m[1] or m[5]), "nearest", str(n), value=n, given=True))
        low = _blank(low, [m.span()])  # not also "10 upvotes" exactly
    if m := take(rf"(?:\b(?:(?:more|fewer|less) than|at (?:least|most)|over|under|exactly) )?(?<![\w-])-\d+ {COUNTED_FIELD}"):
        # "papers with -5 authors" (was a paper on "-" with 5 authors): said, and read no further
        plan.cannot = f"A count cannot be negative: \"{m[0]}\" matches no paper. Ask for a count of 0 or more."
        low = _blank(low, [m.span()])
    if ranked_refs and (m := _RANKED_PAPER.search(low)):  # "more upvotes than the paper with the most authors": it stands in
        # for a name, blanked so that no sort reads "the most authors" as the question's own ranking
        spans.append(m.span("ref"))
        ranked_ref = _ranked_ref(m)
        low = low[:m.start("ref")] + STAND_IN.ljust(m.end("ref") - m.start("ref")) + low[m.end("ref"):]
    else:
        ranked_ref = None
    ranked = _read_conditions(plan, take, q, spans, orgs, today or date.today())
    if plan.share and plan.filters:
        plan.share_of, plan.share_topic = _share_base(plan, q, orgs, names, today)
    asking = _read_request(plan, take, q, spans, names, ranked_ref)
    if ranked_ref and not any(r.ranked for r in plan.relative):
        # no comparison took it ("as popular as the most upvoted paper"): read as if it stood for no paper
        return understand(question, orgs, names, today, filtered, refers_back, ranked_refs=False)
    _top_of(plan, ranked)  # after the request: "which 5 papers ..." gives the number
    if FIELD_ALONE.match(q) and not (plan.named or refers_back):
        plan.cannot = ('Which paper\'s? Name the paper ("how many authors does LIMO have?"), or, after an answer, '
                       'say which of its papers ("the second one").')
    if plan.titles_only and not refers_back:
        plan.cannot = ('Titles of which papers? Ask for papers first ("which papers use GRPO?"), then for '
                       '"just the titles".')
    if plan.whole_abstract and not (plan.named or refers_back) and ABSTRACT_ALONE.match(q):
        plan.cannot = ('Which paper\'s abstract? Name the paper ("what is the abstract of LIMO?"), or, after an '
                       'answer, say which of its papers ("the abstract of the second one").')
    _read_topic(plan, q, spans, asking, filtered)
    if plan.counts and not (plan.text or filtered or plan.all_filters or plan.relative or plan.sort or plan.group_by
                            or plan.statistic or plan.named or plan.text_conditions or plan.literal):
        # "how many papers are there?": all of them, so counted by year, not listed 60 at a time
        plan.group_by, plan.breakdown = "year", True
    rest = _blank(q, spans)
    plan.alternatives = alternatives(rest)
    plan.verb = leading_verb(rest, plan.alternatives) or causative_verb(rest)
    _names_ranked(plan)
    return plan


def _names_ranked(plan: QueryPlan) -> None:
    """"Which of LIMO, Seg-Zero and RT-2 has the most upvotes?", "which of LIMO and Seg-Zero has
    more upvotes?": a ranking or a statistic of the papers named. A topic of nothing but their
    names, however joined, is read as "LIMO or Seg-Zero or RT-2", as "which has more upvotes,
    LIMO or Seg-Zero?" is: "and" asked for a paper on all of them (none), and a topic left
    empty ranked every paper."""
    if len(plan.named) < 2 or not (plan.sort or plan.statistic):
        return
    rest = plan.text
    for name in plan.named:
        rest = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", " ", rest, flags=re.IGNORECASE)
    if re.sub(r"\b(?:and|or|of|between|both|either)\b|[,;:]", " ", rest.lower()).strip():
        return  # other topic words: "the most upvoted paper on LIMO and Seg-Zero's data"
    low = plan.question.lower()
    names = sorted(plan.named, key=lambda name: low.find(name.lower()))
    plan.text, plan.alternatives = " or ".join(names), [names]


# "What share of papers from 2025 have upvotes?": the papers it is a share of, before the verb
_SHARE_SUBJECT = re.compile(r"\b(?:fraction|share|percentage|proportion|percent|part) of (?:the |all )?(.+?)\s+"
                            r"(?:have|has|had|are|were|is|was|got|get|gets|received?|list|lists|came|come)\b", re.I)


def _share_base(plan: QueryPlan, q: str, orgs: list[str], names: set[str], today: date | None) -> tuple[list, bool]:
    """Of the share question's conditions, those its subject states: "papers from 2025" in
    "what share of papers from 2025 have upvotes?" (the share is of the 2025 papers); and
    whether the subject is the papers on a topic, with no condition ("what fraction of the
    papers on agents were posted in 2025?": of those on agents, not of the 2025 papers)."""
    m = _SHARE_SUBJECT.search(q)
    if not m:
        return [], False
    subject = understand(m[1], orgs, names, today)
    return [f for f in plan.filters if f in subject.filters], bool(subject.text.strip()) and not subject.filters


def _read_conditions(plan: QueryPlan, take, q: str, spans: list[tuple[int, int]], orgs: list[str],
                     today: date) -> tuple[str | None, bool]:
    """The metadata the question asks about: conditions on fields, groups, statistics, sorts.
    Returns the ranking read before a statistic took `sort` for its own field (_top_of)."""
    _in_title(plan, take)
    _missing(plan, take)
    _shown_field(plan, take)
    _present(plan, take)
    compared = _years_compared(plan, take, q.lower())
    # the years compared are one condition (each year a group), not also each a filter of its own
    plan.filters += [f for f in date_filters(take, today) if not (compared and f.key == "year")]
    if any(f.key in ("posted", "year", "month") for f in plan.filters):  # "new papers this week": the date says how new
        take(r"\b(?:new|newer|recent|fresh)(?= (?:papers?|works?|articles?|listings?)\b)")
    _counts_compared(plan, take)
    _parity(plan, take)
    _authors(plan, take)
    _upvotes(plan, take)
    _organisation(plan, q, spans, orgs)
    _groups(plan, take, q.lower())
    ranked = (plan.sort, plan.descending)  # "the five most upvoted papers", read before a statistic takes `sort`
    _statistics(plan, take)
    if plan.statistic:  # "the average number of upvotes per paper for each year": the mean says it
        take(r"\bper (?:paper|article|listing|entry|work)\b")
    compared = compared or _orgs_compared(plan, q.lower()) or _months_compared(plan, q.lower())
    if compared:  # "which year had more papers, 2023 or 2024?": each of those groups, not the top one
        _groups_compared(plan, take, q.lower(), compared)
    _dates_and_fields(plan, take)
    _sort_order(plan, take)
    _place(plan, take)
    return ranked


def _top_of(plan: QueryPlan, ranked: tuple[str | None, bool]) -> None:
    """"The average number of authors of the five most upvoted papers": a ranking with a number,
    read before the statistic took `sort` for its own field, picks the papers. (A date ranking
    read after it, "the total upvotes of the 3 newest papers", _dates_and_fields puts there itself.)"""
    if not plan.statistic or plan.group_by or plan.among or (plan.limit or 0) < 2:
        return
    field, descending = ranked
    if field:
        plan.among = TopOf(field, descending, plan.limit)
        plan.limit = None


_YEAR = r"(?:19|20)\d{2}"
# "2023 or 2024", "in 2025 than in 2024", "2024 compared with 2025", "2024 vs 2025"
_YEARS_SET_AGAINST = re.compile(
    rf"\b(?:in |from |during )?({_YEAR})(?:'s)?,?(?: (?:has|have|had|saw|sees|got|gets))? "  # "2025 has than 2023"
    rf"(?:or|than|versus|vs\.?|compared (?:with|to)|against|and) "
    rf"(?:in |from |during |with |to )?({_YEAR})\b")
# What sets the years against each other: asking which year; more or fewer papers; a statistic
# higher or lower; a comparison. Not "more than 5 upvotes", a count condition.
_HIGHER = r"(higher|lower|larger|smaller|bigger|more|fewer|less)\b(?! than \d)"
_YEARS_CUE = re.compile(r"\b(?:which|what) (?:years?|months?)\b.*?\b(more|fewer|less|most|fewest|higher|lower|larger|smaller|"
                        r"bigger)\b"
                        r"|\b(more|fewer|less)\b(?! than \d)(?: \w+){0,2} (?:papers|works|articles)\b"
                        rf"|\b(?:average|mean|median|total)\b.*?\b{_HIGHER}|\b{_HIGHER}.*?\b(?:average|mean|median|total)\b"
                        r"|\b(compare[sd]?|comparison|versus|vs\.?|difference)\b")


def _years_compared(plan: QueryPlan, take, low: str) -> str:
    """"Which year had more papers, 2023 or 2024?", "did more papers come out in 2024 or 2025?",
    "is the average number of authors higher in 2024 or in 2025?": the years set against each
    other, as groups (each year's count or statistic), not papers of either year. Not a range
    ("between 2023 and 2024"), nor papers compared with a year's ("more upvotes than every 2023
    paper"), nor a question about named papers. Returns the comparison word ("more", "fewer"),
    or '' when the question compares no years."""
    m = _YEARS_SET_AGAINST.search(low)
    cue = _YEARS_CUE.search(low)
    if not m or not cue or m[1] == m[2] or plan.named or re.search(rf"\bbetween (?:{_YEAR}) and\b", low) or \
            re.search(rf"\b(?:every|any|all|each|the average|the mean|the median|the typical) (?:other )?{_YEAR}\b", low):
        return ""
    word = _comparison_word(cue)
    take(re.escape(m[0]))
    plan.filters.append(MetadataFilter(key="year", value=sorted({int(m[1]), int(m[2])}), operator=FilterOperator.IN))
    # the comparison's own words name no topic ("which year had more papers", "higher in")
    take(rf"\b(?:which|what) years?\b|\b(?:did|do|were|was|are|is) (?:there )?{re.escape(word)}\b"
         rf"|\b{re.escape(word)}(?: papers?)?\b|\b(?:come|came|get|got|posted|published|released)(?: out)?\b")
    return "fewer" if word in _FEWER else "more"


_FEWER = ("fewer", "less", "fewest", "lower", "smaller")


def _comparison_word(cue: re.Match) -> str:
    """The word a comparison cue (_YEARS_CUE) turns on: "more", "fewest", "compared", ..."""
    return next(g for g in cue.groups() if g)


def _orgs_compared(plan: QueryPlan, low: str) -> str:
    """"Does Tencent or Microsoft Research have more upvotes?", "which organisation has more
    papers, Tencent or TongyiLab?": the organisations named set against each other; '' if not."""
    named = [f for f in plan.filters if f.key == "org" and f.operator == FilterOperator.IN]
    cue = re.search(rf"\b(?:more|fewer|less|higher|lower)\b(?! than \d)(?: \w+)?? (?:{UPVOTES}|{AUTHORS}|papers|works)\b"
                    r"|\b(?:compare[sd]?|comparison|versus|vs\.?)\b", low)
    if not named or not cue or plan.named:
        return ""
    return "fewer" if cue[0].split()[0] in _FEWER else "more"


def _months_compared(plan: QueryPlan, low: str) -> str:
    """"Were more papers posted in March or April 2025?", "which month had more papers in 2025,
    March or April?": the months named set against each other; '' if not."""
    if not any(f.key == "month" and f.operator == FilterOperator.IN and len(f.value) == 2 for f in plan.filters):
        return ""
    cue = _YEARS_CUE.search(low)  # the same cues as for years
    if not cue or plan.named:
        return ""
    return "fewer" if _comparison_word(cue) in _FEWER else "more"


def _groups_compared(plan: QueryPlan, take, low: str, compared: str) -> None:
    """The groups a comparison names ("2023 or 2024", "Tencent or TongyiLab"), each with its
    number of papers, or its mean, median or total of a field the question names: "more authors
    on average" is the mean, "more upvotes" with no statistic the total."""
    named = {f.key for f in plan.filters if f.operator == FilterOperator.IN}  # the groups named: "2023 or 2024"
    plan.group_by = "year" if "year" in named else "month" if "month" in named else "org"
    plan.limit, plan.descending = None, compared != "fewer"
    if plan.statistic is None and (m := re.search(rf"\b({UPVOTES}|{AUTHORS})\b", low)):
        plan.sort = "upvotes" if re.match(UPVOTES, m[1]) else "authors"
        plan.statistic = ("median" if re.search(r"\b(?:median|typical(?:ly)?)\b", low) else
                          "mean" if re.search(r"\b(?:average|mean|on average)\b", low) else "total")
        for said in (rf"\b{re.escape(m[1])}\b", r"\b(?:on average|in total)\b",
                     r"\b(?:the )?(?:average|mean|median|total)(?: number of)?\b"):
            take(said)
    plan.breakdown = plan.by_count = plan.statistic is None
    plan.gap = plan.by_count  # "which year had more papers, 2023 or 2024?": by how many, first
    take(r"\b(?:more|fewer|less)(?= (?:papers|works|articles)\b)")  # the comparison's word names no topic


def _read_request(plan: QueryPlan, take, q: str, spans: list[tuple[int, int]], names: set[str],
                  ranked_ref: TopOf | None = None) -> bool:
    """What kind of answer is asked for: a list, a count, one paper, a comparison, a literal
    match, an overview; and conditions on the papers' text. True for a request wording whose
    verb names no topic ("explain X", "can you recommend papers on X")."""
    low = q.lower()
    _exclusions(plan, q, spans)
    plan.releases = (take(_RELEASES) is not None or _where_code(take)
                     or (CODE_ALONE.match(q) is not None and take(r"^.*$") is not None))
    plan.quantity = _quantity(take, plan.named)
    plan.overview = take(_OVERVIEW) is not None
    plan.everything = take(_EVERYTHING) is not None
    plan.asks_list = plan.asks_list or plan.everything
    if plan.overview:  # "the most popular topic": topics by their number of papers, not papers by upvotes
        plan.sort, plan.limit = None, None
    _not_in_listings(plan, q, spans, take)
    _wanted(plan, take)
    _list_request(plan, low)
    if plan.releases and re.search(r"\b(?:any|some) (?:paper|work|study)\b", low):  # "does any paper on X release code?"
        plan.asks_list = True
    _both(plan, q, spans)
    asking = _asking(plan, take)
    plan.drawbacks = take(_DRAWBACKS) is not None or _problem_asked(take)
    plan.findings = not plan.drawbacks and _findings_asked(take)
    # "what is the main idea of Coconut?": the paper as a whole, as "what is Coconut about?" asks; its words name no topic
    asking = take(_GIST) is not None or asking
    plan.whole_abstract = take(WHOLE_ABSTRACT) is not None and plan.asks_field != "abstract_words"
    plan.titles_only = take(TITLES_ONLY.pattern) is not None  # the whole question: no topic is left
    if m := _DEFINES.match(q):
        plan.defines = " ".join(re.sub(_GIST, " ", m[1], flags=re.I).split())  # "the main idea of Coconut": Coconut
    # Not "the best ... upvotes" (a sort on the listings), nor "which has the best score on AIME
    # 2024, LIMO or Light-R1?" (a comparison of those two).
    if not plan.sort and not plan.compares and (m := _BEST_RESULT.search(q)):
        plan.best_result, plan.defines = next(g for g in m.groups() if g), ""
    if m := _INTRODUCED.match(q):
        plan.introduces = next(g for g in m.groups() if g)
    if not _versus(plan, take):
        _relative(plan, take, ranked_ref)
    _similar(plan, take)
    plan.asks_list = plan.asks_list or plan.counts  # "how many papers on X ...": the list says how many
    plan.asks_number = bool(_QUANTITY.search(low))
    not_negated = r"(?<!n't )(?<!not )(?<!never )(?<!without )"  # "don't mention X" is an exclusion
    # "... mentioned in the corpus" frames the question; "papers that mention X" asks for the words
    plan.literal = bool(take(not_negated + r"\bmention(?:s|ed|ing)?\b(?! (?:in|by) (?:the |this )?(?:corpus|collection|"
                             r"papers|literature|abstracts|listings)\b)"
                             r"|\b(?:contain|use|include)s? the (?:words?|terms?|phrase)\b"))
    plan.asks_list = plan.asks_list or (plan.literal and not plan.named)
    # "does Seg-Zero mention SAM?" asks about Seg-Zero, answered with what its abstract says or lacks
    # (as a list of the papers with both names, none, it was not answered)
    plan.literal = plan.literal and (plan.asks_list or not plan.named)
    if plan.literal:  # "papers that mention GRPO in their abstract": where the words are looked for, no topic
        take(r"\b(?:in|within) (?:the|their|its|his|her) (?:abstracts?|summar(?:y|ies)|texts?)\b")
    _citing(plan, take, low)
    # A quoted phrase in a request for papers is searched as written: 'papers on "world models"'.
    quoted = re.findall(r'"([^"]{2,80})"|“([^”]{2,80})”', q)  # (straight, curly) pairs
    plan.phrases = [text.strip() for pair in quoted for text in pair if text.strip()]
    # "Mention Qwen2.5": the version as written; its words alone ("qwen2") are in "Qwen2-VL" too.
    # One version only: "Llama-3.1 or GPT-3.5" would need either, and phrases are all needed.
    versions = _VERSIONED.findall(q)
    if plan.literal and len(versions) == 1 and versions[0] not in plan.phrases:
        plan.phrases.append(versions[0])
    elif plan.asks_list and len(versions) == 1 and not plan.phrases:  # "which papers fine-tune Qwen2.5?"
        plan.version = versions[0]
    plan.literal = plan.literal or bool(plan.phrases and plan.asks_list)
    if not plan.excluded and not plan.named:
        _avoided(plan, q, spans)
    if plan.asks_list and not plan.avoided and not plan.named:
        _done_without(plan, q)
    return asking


def _read_topic(plan: QueryPlan, q: str, spans: list[tuple[int, int]], asking: bool, filtered: bool) -> None:
    """The topical part, for retrieval: the question without what the other steps read. A
    question that is a topic alone keeps its own wording."""
    # A literal list is searched for its topic words alone: with "papers" or "mention" in the
    # search, BM25 would return every paper, and each would be checked.
    topical_only = (filtered or plan.filters or plan.sort or plan.asks_field or plan.group_by or plan.counts
                    or plan.literal or plan.relative or plan.similar_to or plan.text_conditions or plan.overview
                    or plan.limit or plan.everything)
    plan.text = _topic(q, spans) if topical_only else " ".join(_blank(q, spans).split()) if asking else q
    if plan.citing:  # the name is what the abstracts must have
        cites(plan, plan.citing)


# "What topics does the corpus cover?", "what is this collection about?", "give me an overview
# of the papers": the whole question asks what the papers are about, with no topic of its own.
_COLLECTION = r"(?:the |this |these |your )?(?:\d{4} )?(?:corpus|collection|library|index|papers|dataset)"
_OVERVIEW = (rf"^(?:(?:what|which) (?:main |major |key )?(?:topics|subjects|themes|areas|fields|research areas|kinds of papers)"
             rf" (?:(?:does|do) {_COLLECTION} (?:cover|contain|include|span|deal with)"
             rf"|(?:are|is) (?:covered )?(?:in|by) {_COLLECTION}|(?:are|is) there)"
             rf"|what(?:'s| is| are) (?:in )?{_COLLECTION}(?: about)?|what does {_COLLECTION} (?:cover|contain|hold)"
             rf"|(?:give me |show me )?an? (?:overview|summary) of {_COLLECTION}|summari[sz]e {_COLLECTION}"
             # "what are the most common topics in 2025?", "what's the most popular topic?"
             rf"|(?:what|which)(?:'s| is| are| was| were)? (?:the )?(?:most (?:common|popular|frequent)|main|top|dominant)"
             rf" (?:topics?|subjects?|themes?|research areas?)(?: (?:in|of|among) (?:{_COLLECTION}|\d{{4}}))?"
             rf"|(?:what|which) (?:topics?|subjects?|themes?) (?:has|have) the most papers(?: in \d{{4}})?"
             # "what are the main trends in 2025?", "what are the research trends in the corpus?"
             rf"|(?:what|which)(?:'s| is| are| were)? (?:the )?(?:(?:main|major|key|big|current|recent|latest|emerging) )?"
             rf"(?:research )?trends(?: (?:in|of|among|across) (?:{_COLLECTION}|\d{{4}}))?"
             # "which topics are most common in 2025?"
             rf"|(?:what|which) (?:topics?|subjects?|themes?|research areas?) (?:are|is|were|was) (?:the )?"
             rf"(?:most (?:common|popular|frequent)|dominant)(?: (?:in|of|among) (?:{_COLLECTION}|\d{{4}}))?"
             # "what is the topic of most papers?", "what are most papers about?"
             rf"|what(?:'s| is| are) (?:the )?(?:topics?|subjects?|themes?) of most (?:of the )?papers"
             rf"|what are most (?:of the )?papers about|(?:what|which) (?:topics?|subjects?) do most papers"
             rf" (?:cover|share|address|deal with))\s*[?.!]*$")

# "List all papers", "show me every paper in the corpus", "which papers do you have?": the whole
# collection (it abstained: no topic and no condition); any condition or order makes it a filter or sort
_EVERYTHING = (rf"^(?:please |can you |could you )?(?:list|show(?: me)?|give me|display|print|name)(?: all| every| each)"
               rf"(?: one)?(?: of)?(?: the)? (?:papers?|entries|listings|works|articles)(?: (?:in|of) {_COLLECTION})?\s*[?.!]*$"
               rf"|^(?:what|which) papers (?:are (?:there )?in {_COLLECTION}|do you have)\s*[?.!]*$")

# Questions only author names could answer, which the listings do not give: "who wrote the
# most papers?", "the most prolific authors", "which papers did Yann LeCun write?".
_BY_AUTHOR = (r"\bwho (?:wrote|authored|has written|co-?authored) the (?:most|fewest|largest number of) (?:papers|works)\b"
              r"|\b(?:which|what) (?:authors?|researchers?|people|persons?) (?:has|have|wrote|authored|published) the most\b"
              r"|\b(?:which|what) (?:authors?|researchers?|names?) (?:appears?|occurs?|recurs?|shows? up|comes? up)\b"
              r"|\bmost (?:prolific|frequent|common|productive) (?:authors?|researchers?|co-?authors?)\b"
              r"|\bauthors? (?:with|of) the most papers\b")
# "The most cited paper", "how many citations does LIMO have": the listings count upvotes, not
# citations ("which papers cite LIMO?" is answered from the abstracts that name it: _citing).
_BY_CITATIONS = (r"\b(?:most|least|highly|frequently|often|widely|heavily) cited\b|\bcitation (?:counts?|numbers?)\b"
                 r"|\b(?:number|count) of citations\b|\bhow many (?:citations|times\b[^?]*\bcited)\b"
                 r"|\b(?:the )?(?:most|fewest|more|fewer|highest number of|largest number of) citations\b")
# Where a paper was published, and when it was revised: the listings give neither.
_VENUES = r"NeurIPS|NIPS|ICML|ICLR|ACL|EMNLP|NAACL|COLING|CVPR|ICCV|ECCV|AAAI|IJCAI|KDD|SIGIR|WWW|TMLR|JMLR|Nature|Science"
_BY_VENUE = re.compile(rf"\b(?i:which|what) (?i:venues?|conferences?|journals?)\b|\b(?i:peer[- ]reviewed)\b"
                       # "where was LIMO published?", not "where is its code published?"
                       r"|\b(?i:where) (?i:was|were|is|are|did|does|do)\b(?![^?]*\b(?i:code|data|datasets?|weights|models?"
                       r"|implementation)\b)[^?]{0,60}?\b(?i:published|presented|accepted|appear|appeared|publish)\b"
                       rf"|\b(?i:accepted|presented|published|appeared|papers?) (?i:at|to|in) (?:{_VENUES})\b")
# ("how is knowledge updated in LLMs?" is a topic)
_BY_UPDATE = (r"\b(?:were|was|been|got|get|gets|being) (?:recently |last )?(?:updated|revised)\b"
              r"|\b(?:recently|last) (?:updated|revised)\b|\blatest versions?\b|\blast modified\b")
# "Which papers come from China?", "which country posted the most papers?" (not "traffic in China",
# a topic; not "Korea University", an organisation of the listings, read before)
_COUNTRIES = (r"china|the (?:us|usa|uk|united states|united kingdom)|us|usa|uk|united states|united kingdom|europe|asia|korea"
              r"|south korea|japan|germany|france|canada|india|singapore|israel|switzerland|taiwan|hong kong|australia")
_BY_COUNTRY = (rf"\b(?:papers?|works?|articles?|authors?|research)(?: (?:that |which )?(?:are|were|is|was|come|comes|came"
               rf"|coming|originate|originated))? (?:from|based in|located in|written in)"
               rf" (?:{_COUNTRIES})\b(?! (?:university|institute|lab))|\b(?:which|what) countr(?:y|ies)\b")
_BY_PERSON = re.compile(r"\b(?i:which|what) (?i:papers|works) (?i:did|has|have) [A-Z][a-z]+ [A-Z][\w\-]+ "
                        r"(?i:write|written|author|authored|co-?authored)\b")  # case-sensitive: a person's name


def _not_in_listings(plan: QueryPlan, q: str, spans: list[tuple[int, int]], take) -> None:
    """A question only author names, citation counts, venues, countries or revision dates could answer:
    said to be one, rather than read as a topic.
    A name the listings give as an organisation ("which papers did Microsoft Research write?")
    is that organisation's."""
    if any(f.key == "org" for f in plan.filters):
        return
    person = _BY_PERSON.search(q)
    if person:
        spans.append(person.span())
    if take(_BY_AUTHOR) or person:
        plan.cannot = ("The listings give each paper's number of authors, not their names, so papers cannot be "
                       "found or counted by author.")
    elif take(_BY_CITATIONS):
        plan.cannot = ("The listings record no citation counts, so papers cannot be ranked or counted by citations; "
                       "they give upvotes, which can be ranked (\"the most upvoted papers\").")
    elif m := _BY_VENUE.search(q):
        spans.append(m.span())
        plan.cannot = ("The listings record no venue or acceptance decision, only each paper's title, abstract, "
                       "number of authors, organisation, posting date and upvotes.")
    elif take(_BY_COUNTRY):
        plan.cannot = ("The listings record no country or location, only an organisation for a few papers, so papers "
                       "cannot be found or counted by country (\"which organisations are there?\" lists those named).")
    elif take(_BY_UPDATE):
        plan.cannot = ("The listings give when each paper was posted, not when it was revised; \"the most recent "
                       "papers\" lists them by posting date.")


_REQUEST = (r"\b(?:(?:can|could|would) you |please )?(?:recommend|suggest)(?: me)?(?= (?:a |an |some |any |the |a few |\d+ )?"
            r"(?:good |useful |key |important |relevant |introductory )?(?:papers?|works?|articles?|reads?|readings?)\b)"
            r"|\bwhat (?:should|could|can) i read\b"
            # "what's new in October 2025?": the papers of a date, "new" no topic word
            r"|^(?:so |and )?what(?:'s| is| was) (?:new|out)\b(?= (?:in |from |since )?(?:the )?(?:\d{4}|jan|feb|mar|apr|may"
            r"|jun|jul|aug|sep|oct|nov|dec|this|last|past|recent))")
# "Which paper should I read first to understand GRPO?": the one that says what it is (_DEFINES)
_READ_FIRST = (r"(?:which|what) paper (?:should|do|would|could) (?:i|we|you) (?:read|start with)(?: first)?"
               r" (?:to (?:understand|learn(?: about)?|get into)|on|about|for)")
_IMPERATIVE = (r"^(?:please |(?:can|could|would) you )?(?:explain|describe|summari[sz]e|define|outline"
               r"|give (?:me )?an? (?:overview|summary|explanation|definition) of)\b(?: (?:to me|briefly|in short))?"
               rf"|^{_READ_FIRST}\b")
# "What are the limitations of GRPO?", "the drawbacks of RLHF", "where does CoT fall short?"
_DRAWBACKS = (r"\b(?:the |its |their |main |key |known )*(?:limitations?|drawbacks?|weakness(?:es)?|shortcomings?|downsides?"
              r"|disadvantages?|pitfalls?|failure modes?|criticisms?)(?: (?:of|with|in|for))?\b"
              # not "datasets of math problems": the problems of something
              r"|\b(?:the |its |their |main |key |known )+(?:problems|issues) (?:of|with)\b"
              r"|\b(?:where|when|why) (?:does|do|did) \S+(?: \S+)? (?:fail|struggle|fall short|break down)\b")
# "What problem does Dyna-Mind address?", "which gap does LIMO fill?": what falls short before it,
# as its abstract says ("However, ...", "... struggle with ..."); the name is left as the topic
_PROBLEM = (r"\b(?:what|which) (?:problems?|issues?|gaps?|challenges?|limitations?|shortcomings?)"
            r"(?= (?:does|do|did|is|are) (?:[\w\-]+ ){1,4}?(?:address|solve|tackle|target|fix|overcome|fill|close|"
            r"attack|deal with|aim(?:ed)? (?:to|at))\w*\b)")


# "What are the main findings of Jigsaw-R1?", "what were the key results of LIMO?", "what did
# Jigsaw-R1 find?": what the paper reports, as its abstract says; the name is left as the topic
_FINDINGS = (r"\b(?:what|which) (?:are|were|is|was) (?:the |its |their )?(?:main |key |major |principal |central "
             r"|most important )?(?:findings?|results?|conclusions?|contributions?|takeaways?|insights?)(?: (?:of|from|in)\b)?"
             r"(?! (?:on|for)\b)")
_FOUND = r"(?:find|conclude|show|discover|report|reveal|observe|learn)"
# The whole of a paper asked for in other words than "what is X about?"; no topic words
_GIST = (r"\b(?:the |its )?(?:main|key|core|central|basic|big|general|overall|underlying) (?:idea|concept|point)s?"
         r"(?: (?:of|behind|in)\b)?|\b(?:the )?gist(?: of\b)?|\bin a nutshell\b")


def _findings_asked(take) -> bool:
    """"What are the main findings of Jigsaw-R1?" or "what did Jigsaw-R1 find?": its question
    words taken (no topic), so its name alone is the topic (plan.findings)."""
    if take(_FINDINGS):
        return True
    if not take(rf"\bwhat (?:did|does|do)\b(?= (?:[\w\-.]+ ){{1,5}}?{_FOUND}\s*[?.!]*\s*$)"):
        return False
    take(rf"\b{_FOUND}(?=\s*[?.!]*\s*$)")
    return True


def _problem_asked(take) -> bool:
    """"What problem does Dyna-Mind address?": its question words and verb taken (no topic), so
    its name alone is the topic, and the answer quotes what falls short (plan.drawbacks)."""
    if not take(_PROBLEM):
        return False
    take(r"\b(?:address|solve|tackle|target|fix|overcome|fill|close|attack|deal with|aim(?:ed)? (?:to|at))\w*\b"
         r"(?= *(?:[?.!]|$| (?:in|for|with|by)\b))")
    return True


# "What is GRPO?", "what are process reward models?", "what does HBPO stand for?", "define X".
_DEFINES = re.compile(r"(?i:what(?:'s|\u2019s| is| are) (?!new\b)(?:an? |the )?|what does |what do |define |explain "
                      # "which paper should I read first to understand GRPO?": the one that says what it is
                      rf"|{_READ_FIRST} )"
                      r"([\w][\w\- ]{1,40}?)(?i: stand for| mean| about| short for| an? (?:abbreviation|acronym) (?:of|for))?"
                      r"\s*[?.!]*$")


# "Which paper reports the highest AIME 2024 score?", "the best accuracy on MATH-500", "state of
# the art on GSM8K": a result papers report on a benchmark, named as written (a capital or a digit).
_BENCHMARK = r"([A-Z][\w.@&+\-]*[A-Z0-9][\w.@&+\-]*(?:[ \-](?:20)?\d{2}\b)?)"
_SUPERLATIVE_RESULT = r"(?i:highest|best|top|strongest|lowest|leading|state[- ]of[- ]the[- ]art|sota)"
_RESULT_WORD = r"(?i:scores?|accuracy|accuracies|results?|performance|pass@\d+|success rates?|win rates?)"
_BEST_RESULT = re.compile(
    rf"\b{_SUPERLATIVE_RESULT} {_BENCHMARK} {_RESULT_WORD}\b"
    rf"|\b{_SUPERLATIVE_RESULT}(?: (?:[\w@\-]+ ){{0,2}}?{_RESULT_WORD})? (?i:on|in|for|at) (?:the )?{_BENCHMARK}")

_BENCHMARK_NAMED = re.compile(rf"\b(?i:on|in|at)\s+(?:the\s+)?{_BENCHMARK}")


def benchmark_named(question: str) -> str:
    """The benchmark a question names after "on", "in" or "at" ("which papers evaluate on AIME?": "AIME"); ''."""
    m = _BENCHMARK_NAMED.search(question)
    return m[1] if m else ""


_VERSIONED = re.compile(r"\b[A-Za-z][\w\-]*?\d\.\d+[\w\-]*")  # "Qwen2.5", "Llama-3.1", "GPT-3.5-turbo"


# "Which paper introduced GRPO?", "who proposed X?", "where does X come from?": the paper that
# introduces the term, if the corpus has it (answer/extractive.py checks).
_INTRODUCED = re.compile(
    r"(?i:(?:which|what) (?:paper|work|article|study)(?: first)? (?:introduced|introduces|proposed|proposes|presented"
    r"|invented|coined|came up with) |who (?:first )?(?:introduced|proposed|invented|coined|came up with) )"
    r"(?i:the )?(?i:(?:term|name|idea|concept|notion|method|technique) )?([\w][\w\- ]{1,40}?)\s*\??$"
    r"|(?i:where (?:does|do) )([\w][\w\- ]{1,40}?)(?i: come from)\s*\??$")


# "Give me three papers on X", "list 5 papers about agents", "top 3 papers on GRPO", "name two
# studies that ...": that many, the most likely first. The number names no topic ("five" is
# in SwarmBench's abstract).
_COUNT = rf"\d{{1,3}}|{NUMBER_WORDS}"  # not 4 digits: "list 2025 papers on X"
_HOW_MANY = rf"({_COUNT})"
# ... "name a paper on X": one
_WANTED = (rf"\b(?:(?:give|show|list|find|name|suggest|recommend|get|pick)(?: me)?(?: the)?(?: top| best)? |top )"
           rf"({_COUNT}|an?)(?= (?:\w+ )?(?:papers?|works?|articles?|stud(?:y|ies)|publications?|surveys?|reviews?"
           rf"|benchmarks?|methods?|approaches)\b)"
           rf"|\b(?:which|what)(?: are| would be| were)?(?: some| the)? {_HOW_MANY}(?= (?:\w+ )?(?:papers|works|articles"
           rf"|studies|publications)\b)")  # "what are three papers on X?", "which two surveys ..."


def _wanted(plan: QueryPlan, take) -> None:
    if m := take(_WANTED):
        plan.limit = 1 if m[1] in ("a", "an") else number(m[1] or m[2]) or None


def _asking(plan: QueryPlan, take) -> bool:
    """Request wordings, whose verbs name no topic: "can you recommend papers on X?", "what
    should I read to learn about X?" (a list; "recommend" found the recommender papers), and
    "explain / describe X" ("explain" outweighed "GRPO" in "Explain GRPO")."""
    if take(_REQUEST):
        plan.asks_list = True
        take(r"\bto (?:start|begin|get started)(?: learning| reading)?\b|\bto (?:learn|read) (?:more )?about\b")
        return True
    return take(_IMPERATIVE) is not None


_QUOTE_OPEN, _QUOTE_CLOSE = "[\"'\u201c\u2018]?", "[\"'\u201d\u2019]?"
_WORD_OF = r"(?:the |a )?(?:words? |term |phrase |string )?"


def _in_title(plan: QueryPlan, take) -> None:
    """'Papers with "survey" in the title', 'whose titles mention agents', 'how many papers
    have R1 in their title?': the papers whose title has those words (a list, or a count)."""
    if _title_length(plan, take):
        return
    phrase = r"([\w][\w\-. ]{0,40}?)"
    if m := take(rf"\b(?:with|having|has|have|contain(?:s|ing)?|includ(?:e|es|ing)|us(?:e|es|ing)|mention(?:s|ing)?) {_WORD_OF}"
                 rf"{_QUOTE_OPEN}{phrase}{_QUOTE_CLOSE} in (?:the |their |its )?titles?\b"):
        plan.in_title = m[1]
    elif m := take(rf"\btitles? (?:contains?|containing|includes?|including|mentions?|mentioning|has|have|with|using|uses?) "
                   rf"{_WORD_OF}{_QUOTE_OPEN}{phrase}{_QUOTE_CLOSE}(?: in (?:them|it))?"
                   rf"(?=\s*(?:[?.,!]|$|and\b|from\b|posted\b|in \d))"):
        plan.in_title = m[1]
    elif m := take(rf"\btitles? (?:that )?(?:starts?|starting|begins?|beginning|opens?|opening) with "
                   rf"{_WORD_OF}{_QUOTE_OPEN}{phrase}{_QUOTE_CLOSE}(?=\s*(?:[?.,!]|$|and\b|from\b|posted\b|in \d))"):
        plan.in_title, plan.title_starts = m[1], True
    if plan.in_title:
        # "the word number", '"number"': that word, not a digit
        quoted = m is not None and re.search(r"\b(?:words?|term|phrase|string)\b|[\"'\u201c\u2018]", m[0])
        plan.in_title = plan.in_title if quoted else _MARKS.get(plan.in_title.strip(), plan.in_title)
        plan.asks_list = True


def _title_length(plan: QueryPlan, take) -> bool:
    """'Titles with more than 15 words', 'a title longer than 12 words', 'a one-word title': a
    condition on `title_words`; 'a title longer than 120 characters' one on `title_chars`;
    'abstracts shorter than 100 words' one on `abstract_words` ("abstract" said next to the
    length: "abstract reasoning" is a topic)."""
    if m := re.search(rf"\btitles?\b|\babstracts?\b(?=(?: \w+){{0,4}} (?:{NUMBER}|longer|shorter)\b"
                      rf"|(?: lengths?)? (?:above|below)\b)|\b{NUMBER}[- ]word abstracts?\b"
                      rf"|\b(?:above|below|longer|shorter)[- ](?:than[- ])?(?:the )?(?:average|mean|median|typical|usual)"
                      rf"[- ]abstracts?\b", plan.question, re.I):
        key, part = ("abstract_words", "abstracts?") if "abstract" in m[0].lower() else ("title_words", "titles?")
    else:
        return False
    unit = "words?"
    if key == "title_words" and re.search(rf"\b{NUMBER}[- ]?{_CHARACTERS}", plan.question, re.I):
        key, unit = "title_chars", _CHARACTERS
    if relative := _length_against_average(part, take):  # "an above-average title length"
        plan.relative.append(replace(relative, field=_length_key(part, take)))
        take(rf"\b(?:(?:with|have|has|having|whose) )?(?:an? |their |its )?{part}\b")
        plan.asks_list = True
        return True
    if m := take(rf"\b({NUMBER})[- ]word {part}\b"):
        found = [MetadataFilter(key=key, value=number(m[1]))]
    elif m := take(rf"\b(longer|shorter) than {NUMBER} {unit}\b"):
        op = FilterOperator.GT if m[1] == "longer" else FilterOperator.LT
        found = [MetadataFilter(key=key, value=number(m[2]), operator=op)]
    else:
        found = count_conditions(take, key, rf"{unit}(?: long)?")
    if found:
        take(rf"\b(?:(?:with|have|has|having|whose) )?(?:an? |their |its )?{part}(?: (?:with|of|that (?:has|have|is|are)|having|"
             r"is|are|containing))?\b")
        plan.filters += found
        plan.asks_list = True
    return bool(found)


def _length_against_average(part: str, take) -> Relative | None:
    """'An above-average title length', 'a title length below the median', 'titles longer than
    average': a length compared with the papers' mean (median); its field is the caller's."""
    average = r"(?:the )?(average|mean|median|typical|usual)"
    singular = part.removesuffix("s?")
    if not (m := take(rf"\b(?:an? )?(above|below)[- ]{average}[- ]{singular} lengths?\b"
                      rf"|\b(?:an? )?{singular} lengths? (above|below) {average}\b"
                      rf"|\b(longer|shorter)[- ]than[- ]{average}(?:[- ](?:one|{part}))?\b")):
        return None
    side = m[1] or m[3] or m[5]
    return Relative("", ">" if side in ("above", "longer") else "<", _average(m[2] or m[4] or m[6]))


# A title's length in characters: "longer than 120 characters", "the longest title in characters"
_CHARACTERS = r"(?:characters?|chars?|letters?)\b"


def _length_key(part: str, take, characters: bool = False) -> str:
    """The field of a length the question names: an abstract's in words; a title's in characters
    when it says so (`characters`, or "in characters" after it), else in words."""
    if part.startswith("abstract"):
        return "abstract_words"
    return "title_chars" if characters or take(r"\bin characters\b") else "title_words"

# Punctuation asked for by name: "which papers have a question mark in the title?"
_MARKS = {"question mark": "?", "question marks": "?", "colon": ":", "colons": ":", "exclamation mark": "!",
          "exclamation point": "!", "comma": ",", "commas": ",", "hyphen": "-", "hyphens": "-", "dash": "-",
          **dict.fromkeys(("digit", "digits", "number", "numbers", "numeral", "numerals"), DIGIT)}


# "More upvotes than the paper with the most authors", "posted before the most upvoted paper", "the
# same month as the earliest paper": compared with the paper a ranking puts first, which the question
# does not name. Only after a comparison's word ("who posted the most upvoted paper?" is a ranking), and only
# of all the papers.
_RANKED_REF = (
    rf"(?P<ref>the (?:(?:paper|one|work|article) (?:with|that has|that got|having) the "
    rf"(?P<most>{MOST}|{LEAST}) (?:number of )?(?P<field>{UPVOTES}|{AUTHORS})"
    rf"|(?P<most2>most|least)[- ](?:upvoted|popular|liked) (?:paper|one|work|article)"
    rf"|(?P<date>earliest|oldest|first|newest|latest|most recent|last)(?: posted| dated)? (?:paper|one|work|article)))\b"
    # not a ranking of some papers ("the oldest paper on agents", "... from 2024"): only of all of them
    r"(?!(?: \w+)? (?:on|about|in|from|of|that|which|who|using|for|by|with)\b"
    r"|(?: \w+)? (?:posted|published|released)\b(?!\s*[?.!]*\s*$))")  # "... was the newest paper posted?" is all
_RANKED_PAPER = re.compile(rf"\b(?:than|as|before|after) {_RANKED_REF}")
STAND_IN = "rankedpaper"  # the name the reference is read as, in place of its words


def ranked_references(question: str) -> list[tuple[tuple[int, int], TopOf]]:
    """Where the question points at a paper by a ranking of all the papers ("the oldest paper",
    "the paper with the most authors"), and the ranking: "how many days after the oldest paper
    was LIMO posted?" sets two papers against each other, one of them unnamed."""
    return [(m.span("ref"), _ranked_ref(m)) for m in re.finditer(rf"\b{_RANKED_REF}", question.lower())]


def _ranked_ref(m: re.Match) -> TopOf:
    if m["date"]:
        return TopOf("posted", m["date"] in ("newest", "latest", "most recent", "last"), 1)
    if m["most2"]:
        return TopOf("upvotes", m["most2"] == "most", 1)
    return TopOf(field_of(m["field"]), re.fullmatch(MOST, m["most"]) is not None, 1)


def _relative(plan: QueryPlan, take, ranked_ref: TopOf | None = None) -> None:
    """'More authors than LIMO', 'fewer upvotes than Titans', 'posted before Seg-Zero', 'the
    same month as LIMO', 'posted closest to LIMO', 'from the same organisation as LoongRL',
    'above-average upvotes', 'more upvotes than every 2023 paper': a field compared with a
    named paper's or with a statistic of the papers (the pipeline reads the value from the
    catalog). Several may be asked at once. `ranked_ref`: the question compares with the paper
    a ranking puts first ("than the most upvoted paper"), read in its place as `STAND_IN`."""
    names = sorted(plan.named, key=len, reverse=True) + [STAND_IN] * (ranked_ref is not None)
    for name in names:
        named = rf"(?:the )?{re.escape(name.lower())}\b(?:'s| paper)?"
        if len(plan.named) == 1 and re.search(rf"{named}.*\b(?:it|that one|that paper|this paper)\b", plan.question, re.I):
            # "posted after LIMO with more upvotes than it": the one paper named is "it"
            named = rf"(?:{named}|\bit\b|\bthat one\b|\bthat paper\b|\bthis paper\b)"
        if multiple := _multiple(take, named, name):
            plan.relative.append(multiple)
        elif m := take(rf"\b(no |not )?(more|fewer|less) {COUNTED_FIELD} than {named}"):
            # "no more upvotes than LIMO": at most LIMO's
            plan.relative.append(Relative(field_of(m[3]), _op(m[2], negated=bool(m[1])), name))
        # "within two weeks of LIMO", "around the same time as LIMO"; one side: "in the week
        # after LIMO", "(came out) the week before LIMO", "less than a month before Seg-Zero"
        def span(i: int) -> str:  # "two weeks", "the first month", "10 days"
            return (rf"(?:(?:the )?(?:first |last |following |next )?(?P<n{i}>{NUMBER}|a|an) )?"
                    rf"(?P<unit{i}>days?|weeks?|months?{'|years?' * (i == 3)})")
        if m := take(rf"\b(?:(?:(?:with)?in|from|during|over) |(?=the ))(?:the )?(?:first |following |next )?{span(1)} "
                     rf"(?P<side1>of|from|around|after|before) {named}"
                     rf"|\b(?:less than|at most|no more than|up to) {span(2)} (?P<side2>after|before|(?:apart )?from|of) {named}"
                     rf"|\b(?:at |from )?(?:around|about|roughly) the same time as {named}"):
            n, unit, side = (m["n1"] or m["n2"]), (m["unit1"] or m["unit2"]), (m["side1"] or m["side2"])
            days = {"day": 1, "week": 7, "month": 30}[unit.rstrip("s")] if unit else 30
            count = 1 if n in (None, "a", "an") else number(n)
            plan.relative.append(Relative("posted", "within", name, side if side in ("after", "before") else "",
                                          days=count * days))
        elif m := take(rf"\b(?P<bound>more than|at least|no less than|longer than) {span(3)} "
                       rf"(?P<side3>after|later than|before|earlier than) {named}"):
            # "more than a year after LIMO", "at least 6 months before Seg-Zero": past that gap from it
            days = {"day": 1, "week": 7, "month": 30, "year": 365}[m["unit3"].rstrip("s")]
            count = 1 if m["n3"] in (None, "a", "an") else number(m["n3"])
            later, strict = m["side3"] in ("after", "later than"), m["bound"] in ("more than", "longer than")
            op = (">" if later else "<") + ("" if strict else "=")
            plan.relative.append(Relative("posted", op, name, days=count * days))
        elif take(rf"\b(?:posted|published|released|came out|appeared|dated) (?:the )?(?:closest|nearest) (?:in time )?to {named}"
                  rf"|\b(?:closest|nearest) (?:in time|in date) to {named}|\b(?:closest|nearest) to {named} in (?:time|date)\b"):
            # "which paper was posted closest to LIMO?": within the smallest gap any paper has to it
            plan.relative.append(Relative("posted", "nearest", name))
        elif m := take(rf"\b(?:(?:number|count) of )?{COUNTED_FIELD}(?: counts?)? (?:is |are |was )?(?:the )?(?:closest|nearest) "
                       rf"to {named}(?: (?:number|count)| {COUNTED_FIELD}(?: counts?)?)?"
                       rf"|\b(?:closest|nearest) to {named} (?:in |by )?(?:(?:the )?(?:number|count) of )?{COUNTED_FIELD}"):
            # "the paper whose number of authors is closest to LIMO's", "closest to LIMO in upvotes"
            plan.relative.append(Relative(field_of(m[1] or m[3]), "nearest", name))
        elif m := take(rf"\b(?:(right|just|immediately|directly) |(?P<keeps>no |not |on or ))?(before|after|earlier than"
                       rf"|later than|older than|newer than|more recent than) {named}"):
            later = m[3] in ("after", "later than", "newer than", "more recent than")
            # "no later than LIMO" is "on or before LIMO", "not before" is "on or after": LIMO's day kept
            later = later != (m["keeps"] in ("no ", "not "))
            plan.relative.append(Relative("posted", (">" if later else "<") + "=" * bool(m["keeps"]), name))
            if m[1]:  # "right after LIMO": the nearest one
                plan.sort, plan.descending, plan.limit = "posted", not later, 1
        if m := take(rf"\b(?:on |in |during )?the same (?P<of_year>(?:calendar )?month of the year|calendar month)"
                     rf" as {named}(?: (?:in|of) any year)?"
                     rf"|\b(?:on |in |during )?the same month as {named},?(?P<other> (?:but |yet )?(?:in|from|of)"
                     rf" (?:another|a different|other|different|any other|an? (?P<side>earlier|later)|(?P<sides>earlier|later))"
                     rf" years?)"
                     rf"|\b(?:on |in |during )?the same (?P<unit>day of the week|weekday|day|date|week|month|year) as {named}"
                     rf"(?P<any_year> (?:in|of) any year)?"):
            # "the same month as LIMO but in another (an earlier) year": LIMO's February of other years; "the same
            # month of the year as LIMO", "... in any year": any February
            side = {"earlier": "an earlier", "later": "a later"}.get(m["side"] or m["sides"], "another")
            unit = (f"month of {side} year" if m["other"] else "month of the year" if m["of_year"] or m["any_year"]
                    else {"date": "day", "day of the week": "weekday"}.get(m["unit"], m["unit"]))  # "weekday": a Wednesday
            plan.relative.append(Relative("posted", "same", name, unit))
        # "the same number of authors as LIMO", "(exactly) as many upvotes as LIMO"
        same = r"(?:(?:exactly|just) )?(?:the same (?:number of |count of )?|as many )"
        if not multiple and (m := take(rf"\b{same}{COUNTED_FIELD} as {named}"
                     rf"|\bshares? (?:an? |the |their |its )?(?:same )?(?:number of |count of )?{COUNTED_FIELD} with {named}"
                     rf"|\b(?:(?:exactly|just|equally) )?as (popular|upvoted|liked) as {named}")):
            # "share an author count with LIMO"; "as popular as the most upvoted paper": as many upvotes
            plan.relative.append(Relative("upvotes" if m[3] else field_of(m[1] or m[2]), "same", name))
        org = r"(?:organi[sz]ation|org|company|lab|institution|affiliation)"
        if take(rf"\b(?:from|by|at|of) the same {org} as {named}"
                rf"|\bshares? (?:an? |the |their |its )?(?:same )?{org} with {named}"):
            plan.relative.append(Relative("org", "same", name))  # "papers from the same organisation as LoongRL"
        # "... but fewer upvotes", "posted the same month as LIMO but with more upvotes": the same
        # paper's, left unsaid or said again ("more authors than LIMO but fewer upvotes than it")
        if any(r.ref == name for r in plan.relative) and (
                m := take(rf"\b(?:but|and|yet|with|while having)(?: (?:have|has|had|got|get|gets|with))? (more|fewer|less)"
                          rf" {COUNTED_FIELD}\b(?: than {named})?(?! than)")) and (
                relative := Relative(field_of(m[2]), _op(m[1]), name)) not in plan.relative:
            plan.relative.append(relative)
    plan.relative = [replace(r, ref="", ranked=ranked_ref) if r.ref == STAND_IN else r for r in plan.relative]
    dated = r"(?:posted|published|released|came out|appeared|uploaded|dated|written)"
    if len(plan.named) >= 2 and (m := take(rf"\b{dated} between (.+?) and (.+?)(?=[?.!,;]|$| (?:about|on|that|which)\b)")):
        # "posted between LIMO and Seg-Zero": after the one, before the other (ordered once known);
        # not "the difference between Orca and Orca 2"
        first, second = (next((n for n in plan.named if n.lower() == w.strip().lower()), None) for w in (m[1], m[2]))
        if first and second:
            plan.relative += [Relative("posted", ">", first, "between"), Relative("posted", "<", second, "between")]
    # "the average 2025 paper", "the 2024 average"
    average = r"(?:the )?(?:(?:19|20)\d{2} )?(average|mean|median|typical|usual)(?: \d{4})?(?: paper| one)?"
    more = r"(more|higher|greater|fewer|less|lower|smaller)"
    # "more than twice the median number of authors" (not "what is twice the median ...?", a figure asked)
    if not re.match(r"\s*what(?:'s| is| was)\b", plan.question, re.I) and (multiple := _multiple_of_average(take)):
        plan.relative.append(multiple)
    elif m := take(rf"\b{more} {COUNTED_FIELD} than {_EVERY_PAPER}"):
        # "more upvotes than every 2023 paper": than the most of them; "fewer ... than any": the least
        op = _op(m[1])
        _compare_with_papers(plan, Relative(field_of(m[2]), op, "max" if op == ">" else "min", year=_year_in(m[0])))
    elif m := take(rf"\b{more} {COUNTED_FIELD} than {average}\b"):  # "more upvotes than the average paper"
        _compare_with_papers(plan, Relative(field_of(m[2]), _op(m[1]), _average(m[3]), year=_year_in(m[0])))
    elif m := take(rf"\b{more} than {average} (?:number of |count of )?{COUNTED_FIELD}"):  # "higher than average upvotes"
        plan.relative.append(Relative(field_of(m[3]), _op(m[1]), _average(m[2])))
    elif m := take(rf"\b(above|below)[- ]{average} (?:number of )?{COUNTED_FIELD}|\b{COUNTED_FIELD} (above|below) {average}\b"):
        # "above-average upvotes", "an upvote count below the median"
        side, stat, words = (m[1], m[2], m[3]) if m[1] else (m[5], m[6], m[4])
        plan.relative.append(Relative(field_of(words), ">" if side == "above" else "<", _average(stat)))


# "Every 2023 paper", "any other paper", "all the papers from 2024": the papers a count is compared with
_EVERY_PAPER = (r"(?:every|any|each|all(?: of)?(?: the)?)(?: other)? (?:(?:19|20)\d{2} (?:papers?|ones?)\b"
                r"|(?:papers?|ones?)\b(?: (?:from|of|in|posted in) (?:19|20)\d{2}\b)?)")


def _year_in(text: str) -> int | None:
    m = re.search(r"\b(?:19|20)\d{2}\b", text)
    return int(m[0]) if m else None


def _compare_with_papers(plan: QueryPlan, relative: Relative) -> None:
    """A count compared with a statistic of some papers. A year said once is the year of the
    papers compared with, not a condition on those listed: "which papers have more upvotes
    than every 2023 paper?" lists papers of any year ("which 2023 papers have more upvotes than
    the average 2023 paper?" keeps both)."""
    plan.relative.append(relative)
    if relative.year and len(re.findall(rf"\b{relative.year}\b", plan.question)) == 1:
        plan.filters = [f for f in plan.filters if not (f.key == "year" and f.value == relative.year)]


def _average(word: str) -> str:
    return "median" if word in ("median", "typical", "usual") else "mean"


# The bound a multiple is asked with; alone, "twice as many" means that many, as "exactly twice" does
_BOUND = {"exactly": "same", "just": "same", "more than": ">", "over": ">", "above": ">", "at least": ">=",
          "no fewer than": ">=", "no less than": ">=", "fewer than": "<", "less than": "<", "under": "<", "below": "<",
          "at most": "<=", "no more than": "<="}


def _times(k: int) -> str:
    """"twice", "three times", "half": a multiple of another paper's count (groups `mult<k>`, `n<k>`)."""
    return rf"(?P<mult{k}>twice|double|half|(?P<n{k}>{NUMBER}|\d+(?:\.\d+)?) times)"


def _multiple(take, named: str, name: str) -> Relative | None:
    """"(At least / more than) twice as many authors as LIMO", "half as many upvotes as LIMO",
    "three times more upvotes than LIMO": the count against a multiple of the paper's."""
    bound = "|".join(sorted(_BOUND, key=len, reverse=True))
    m = take(rf"\b(?:(?P<bound>{bound}) )?{_times(1)} (?:as many {COUNTED_FIELD} as|the (?:number of |count of )?"
             rf"{COUNTED_FIELD} (?:of|as)) {named}"
             rf"|\b{_times(2)} (?P<dir>more|fewer|less) {COUNTED_FIELD} than {named}")
    if not m:
        return None
    mult, n = (m["mult1"], m["n1"]) if m["mult1"] else (m["mult2"], m["n2"])
    if m["dir"]:
        op = ">" if m["dir"] == "more" else "<"
    else:
        op = _BOUND[m["bound"]] if m["bound"] else "same"
    return Relative(field_of(re.search(COUNTED_FIELD, m[0])[0]), op, name, factor=_factor(mult, n))


def _multiple_of_average(take) -> Relative | None:
    """"More than twice the median number of authors", "at least three times the average
    upvotes": the count against a multiple of the papers' statistic (alone, "twice" is exactly)."""
    bound = "|".join(sorted(_BOUND, key=len, reverse=True))
    m = take(rf"\b(?:(?P<bound>{bound}) )?{_times(1)} (?:the )?(?P<stat>average|mean|median|typical|usual)"
             rf" (?:number of |count of )?{COUNTED_FIELD}")
    if not m:
        return None
    op = _BOUND[m["bound"]] if m["bound"] else "same"
    return Relative(field_of(re.search(COUNTED_FIELD, m[0])[0]), op, _average(m["stat"]), factor=_factor(m["mult1"], m["n1"]))


def _factor(mult: str, n: str | None) -> float:
    """A _times match's multiple: "twice" 2, "half" 0.5, "three times" 3."""
    return {"twice": 2.0, "double": 2.0, "half": 0.5}.get(mult) or float(number(n) if n.isalpha() else n)


def _op(word: str, negated: bool = False) -> str:
    """"more" -> ">", "fewer" -> "<"; negated ("no more than"): the other side, the value itself kept ("<=")."""
    more = word in ("more", "higher", "greater")
    return ("<=" if more else ">=") if negated else (">" if more else "<")


def _versus(plan: QueryPlan, take) -> bool:
    """Two named papers' field set against each other: "how many more authors does Seg-Zero have
    than LIMO?", "how many days after LIMO was Seg-Zero posted?" (the gap), "is Seg-Zero older
    than LIMO?", "did LIMO come out before Seg-Zero?" (yes or no, and the gap). Not a filter of
    the other papers, as "which papers are older than LIMO?" is."""
    if len(plan.named) < 2 or plan.asks_field == "abstract_words":  # "how long are the abstracts of A and B?"
        return False
    earlier = r"older|earlier|before|sooner"
    if m := take(rf"\bhow many (more|fewer|less) {COUNTED_FIELD}\b|\b(?:the )?difference in {COUNTED_FIELD}\b"
                 rf"|\bhow many (?:more |fewer )?{COUNTED_FIELD} (?:more|fewer|less)\b"):
        plan.asks_field, plan.versus = field_of(m[2] or m[3] or m[4]), "gap"
    elif take(r"\bhow (?:many (?:days|weeks|months|years)|long|much (?:later|earlier|sooner))\b"
              r"|\bhow far apart\b|\b(?:time|days?) between\b"):
        plan.asks_field, plan.versus = "date", "gap"
    elif take(rf"\b(?:{earlier}|after|later|newer) or (?:{earlier}|after|later|newer)(?: than)?\b"):
        plan.asks_field, plan.versus = "date", "gap"  # "was LIMO posted before or after Seg-Zero?": no yes or no
    elif m := take(rf"\b(?:more|fewer|less) or (?:more|fewer|less) {COUNTED_FIELD}(?: than)?\b"):
        plan.asks_field, plan.versus = field_of(m[1]), "gap"  # "does LIMO have more or fewer authors than Seg-Zero?"
    elif m := take(rf"^(?:is|was|are|were) [^?]*?\b(newer|more recent|later|{earlier}) than\b"
                   rf"|^(?:did|does|was|is) [^?]*?\b(?:come out|appear|get posted|posted|released|published|go up)"
                   rf" ({earlier}|after|later than) "):
        word = m[1] or m[2]
        plan.asks_field, plan.versus = "date", "<" if re.match(earlier, word) else ">"
    elif m := take(rf"^(?:does|did|do|has) [^?]*?\bhave (more|fewer|less) {COUNTED_FIELD} than\b"):
        plan.asks_field, plan.versus = field_of(m[2]), ">" if m[1] == "more" else "<"
    elif m := take(r"^(?:is|was) [^?]*?\b(more|less) (?:upvoted|popular|liked) than\b"):  # "is LIMO more upvoted than X?"
        plan.asks_field, plan.versus = "upvotes", ">" if m[1] == "more" else "<"
    elif m := take(r"^(?:are|were|is|was|did|do|does) [^?]*?\bthe same (day|date|week|month|year)\b"):
        # "are LIMO and Seg-Zero from the same month?", "was Seg-Zero posted in the same year as LIMO?"
        plan.asks_field, plan.versus = "date", "same " + m[1].replace("date", "day")
    elif m := take(rf"^(?:do|did|does|have|has|are|were|is|was) [^?]*?\b(?:the same|equal|as many) (?:number of |count of )?"
                   rf"{COUNTED_FIELD}\b"):
        plan.asks_field, plan.versus = field_of(m[1]), "same"  # "do LIMO and Seg-Zero have the same number of authors?"
    else:
        return False
    plan.asks_list = False
    return True


_CITING = (r"\b(?:cite[sd]?|citing|references?|referencing|build(?:s|ing)? (?:up)?on|built (?:up)?on|extend(?:s|ing)?"
           r"|mention(?:s|ed|ing)?|discuss(?:es|ing)?|compare(?:s|d)? (?:(?:it|them)sel(?:f|ves) )?(?:to|with|against))")


def _citing(plan: QueryPlan, take, low: str) -> None:
    """'Which papers cite LIMO?', 'what builds on Seg-Zero?', 'which papers mention Soft
    Thinking?': the listings record no citations, so these are the other papers whose
    abstracts name that paper. Only a request for papers naming one: "how does LIMO compare
    with Orca 2?" and "does LIMO mention Orca 2?" are about the two papers."""
    asks_papers = re.search(rf"\b(?:papers?|works?|studies|articles|ones)\b"
                            rf"|^(?:what|which|who|anything)(?: else)? {_CITING}", low)  # "who else builds on LIMO?"
    if len(plan.named) != 1 or not asks_papers:
        return
    name = next(iter(plan.named))
    if take(rf"{_CITING} (?:the )?{re.escape(name.lower())}\b(?:'s)?(?: paper| work| method| model)?"):
        cites(plan, name)


# "Which papers cite / build on / extend Coconut?": a name no title carries, which some paper
# introduces (the caller checks that); not "mention", which asks for every paper using the name.
_CITES_NAME = re.compile(r"(?:\b(?:papers?|works?|studies|articles|ones)\b.*?|^(?i:what|which|who)(?: else)? )"
                         r"\b(?:cite[sd]?|citing|references?|referencing"
                         r"|build(?:s|ing)? (?:up)?on|built (?:up)?on|extend(?:s|ing)?) (?:the )?"
                         r"([A-Z][\w\-+.]*[A-Za-z0-9])(?:'s)?(?: paper| work| method| model)?\s*[?.!]*$")


def cited_name(plan: QueryPlan) -> str:
    """The name a request for papers citing it ends on, when the rules read no paper's name there
    ("which papers cite Coconut?"); ''."""
    m = _CITES_NAME.search(plan.question)
    return m[1] if m and not plan.citing and not plan.named and not plan.filters else ""


def asks_citing(question: str) -> bool:
    """Does the request say "cite" or "reference" (not "build on" or "extend", which read a name
    no paper introduces as a topic)?"""
    return re.search(r"\b(?:cite[sd]?|citing|references?|referencing)\b", question, re.I) is not None


def cites(plan: QueryPlan, name: str) -> None:
    """Read the plan as a request for the papers other than `name`'s that name it."""
    plan.citing, plan.literal, plan.asks_list, plan.compares = name, True, True, False
    plan.text, plan.phrases = name, [name]


def _similar(plan: QueryPlan, take) -> None:
    """'Papers similar to LIMO', 'what else is like Seg-Zero?', 'the papers most related to
    LIMO': a list of the papers closest to a named one (not "related to" alone, which asks for
    a topic as often as for a paper)."""
    for name in sorted(plan.named, key=len, reverse=True):
        if any(r.op == "nearest" and r.ref == name for r in plan.relative):
            continue  # "posted closest to LIMO": in time (_relative)
        if take(rf"\b{LIKENESS} (?:the )?{re.escape(name.lower())}\b(?:'s)?(?: paper)?"):
            plan.similar_to, plan.asks_list, plan.compares = name, True, False
            return


_NAME = r"([A-Z][\w&.\-]*(?: [A-Z][\w&.\-]*){0,3})"  # case-sensitive: a capitalised name
# An organisation's people, who stand for it: "by Tencent researchers", "Tencent's team"
_STAFF = r"(?:researchers|scientists|engineers|authors|people|employees|staff|teams?|groups?|labs?)"
_OTHER_ORG = re.compile(  # wordings that ask who posted the papers; the name is then no topic
    rf"(?i:\b(?:papers?|works?|articles?|entries|entry|anything) (?:are |were |is |was )?(?:from|by) (?:the )?){_NAME}"
    rf"(?i:(?: {_STAFF})?)"
    rf"(?=\s*(?:[?.!,]|$|(?i:on|about|in|regarding|concerning|related to|that|which|with)\b))"
    rf"|(?i:\b(?:did|has|have) (?:the )?){_NAME}(?i:(?:'s)?(?: {_STAFF})? (?:publish|post|release|put out))")


_ORG_STAFF = re.compile(rf"(?:'s|’s)?\s+{_STAFF}\b")
_STAFF_OF = re.compile(rf"\b{_STAFF} (?:from|at|of|in|with)\s+(?:the )?$")
_ORG_EXCLUDED = re.compile(  # what comes just before an organisation the question leaves out
    r"(?:\b(?:from|by|at) (?:an? |any |some )?(?:organi[sz]ation|org|company|lab|institution)s? )?"
    r"\b(?:other than|except(?: for)?|besides|apart from|aside from|excluding|outside(?: of)?|but not|"
    r"not (?:\w+ )?(?:by|from|at)|non-?)\s*(?:the )?$")


# Names an organisation goes by that its printed name does not contain
ORG_ALIASES = {"MSR": "Microsoft Research", "MS Research": "Microsoft Research", "Tongyi": "TongyiLab"}


def _organisation(plan: QueryPlan, q: str, spans: list, orgs: list[str]) -> None:
    """An organisation of the index, as printed ("Microsoft Research"), spaced differently
    ("Tongyi Lab" for TongyiLab), by a capitalised first word no other one shares
    ("Microsoft"), or by a name it goes by (ORG_ALIASES: "MSR")."""
    low = q.lower()
    firsts = [o.split()[0] for o in orgs]
    found = []  # "papers by Tencent and Microsoft": either
    for org in sorted(orgs, key=len, reverse=True):
        spaced = r"\s*".join(re.escape(c) for c in org.lower().replace(" ", ""))
        first = org.split()[0]
        m = re.search(rf"\b{spaced}\b", low)
        if not m and " " in org and len(first) >= 4 and firsts.count(first) == 1:
            m = re.search(rf"\b{re.escape(first)}\b", q)  # case-sensitive: a name, not a word
        for alias in (a for a, named in ORG_ALIASES.items() if not m and named.lower() == org.lower()):
            m = re.search(rf"\b{re.escape(alias)}\b", q)  # "MSR": as written, a name
        if m and not any(a <= m.start() < b for a, b in spans):
            found.append(org)
            staff = _ORG_STAFF.match(low, m.end())  # its people: no topic
            before = _STAFF_OF.search(low[:m.start()])  # "by teams from Tencent"
            spans.append((before.start() if before else m.start(), staff.end() if staff else m.end()))
    if found and (left_out := _ORG_EXCLUDED.search(low[:min(a for a, _ in spans[-len(found):])])):
        # "from an organisation other than Tencent", "not posted by Tencent": those a listing
        # names, but not it (a paper with no organisation listed is not known to be another's)
        spans.append(left_out.span())
        plan.filters += [MetadataFilter(key="org", value="", operator=FilterOperator.NE),
                         MetadataFilter(key="org", value=sorted(found), operator=FilterOperator.NIN)]
    elif found:
        plan.filters.append(MetadataFilter(key="org", value=found[0]) if len(found) == 1 else
                            MetadataFilter(key="org", value=sorted(found), operator=FilterOperator.IN))
    if found:
        if m := re.search(r"\b(?:been )?work(?:ing|s)? on\b(?=\s*[?.!]?$)", low):  # "what is Tencent working on?"
            spans.append(m.span())
        return
    # An organisation no listing names ("papers from Google", "what did the DeepSeek team
    # publish?"): a filter nothing passes, so the answer says no listing names it, rather than
    # citing papers that mention Google in their abstracts.
    if (m := _OTHER_ORG.search(q)) and not any(a <= m.start(m.lastindex) < b for a, b in spans):  # not "from January"
        plan.filters.append(MetadataFilter(key="org", value=m[m.lastindex]))
        spans.append(m.span())


_SORT_VERB = r"\b(?:sort|sorted|order|ordered|rank|ranked|list|listed)\b"
_POSTED_ORDER = r"\b(?:posted|published|released|came(?: out)?|appeared)\b (first|earlier|earliest|later|last|most recently)\b"


# "How long is the abstract of LIMO?", "how many words does LIMO's abstract have?", "the length of
# its abstract": that paper's abstract in words (asks_field "abstract_words"), not the abstract itself
_ABSTRACT_LENGTH = (r"\bhow (?:long|many words)\b(?=[^?]{0,60}\babstracts?\b)"
                    r"|\b(?:what(?:'s| is) )?the (?:length|word count) of (?=[^?]{0,40}\babstracts?\b)")


def _dates_and_fields(plan: QueryPlan, take) -> None:
    """Newest/oldest sorts, "top N" of a sort, and questions about one field of one paper. A
    date ranking after a statistic picks the papers it is over ("the mean upvotes of the five
    newest papers", `plan.among`); the statistic keeps its field."""
    measured = (plan.sort, plan.descending) if plan.statistic else None
    dates_ranged = measured is not None and measured[0] == "posted"  # "the first and the last paper": a range's ends
    # Comparatives only in "which ... X or Y" ("which is more recent, X or Y?"): "compared
    # with earlier work" and "older than 2023" are not sorts.
    # ("the earliest and latest posting date" is a range, read already); not "which earlier rulings"
    if dates_ranged:
        pass
    elif m := take(r"\b(most recent(?:ly)?|least recent(?:ly)?|latest|newest|oldest|earliest)\b(?: first\b)?"
                   r"|\b(?:which|who)\b[^?,]{0,30}\b(more recent|newer|older|earlier)\b"
                   r"(?=\s*(?:[?,:;.!]|$|(?:or|of|between|among|in)\b))"):
        newest = ("most recent", "most recently", "latest", "newest", "more recent", "newer")
        plan.sort, plan.descending = "posted", (m[1] or m[2]) in newest
        plan.limit = _singular(plan.question)
    elif not (plan.group_by and plan.statistic) and (  # ("which year has the longest abstracts?": _groups)
            m := take(rf"\b(?:the )?(?:{NUMBER} )?(longest|shortest) (?:paper )?(titles?|abstracts?)\b"
                   rf"|\b(titles?|abstracts?) (?:is |are |was |were )?(?:the )?(longest|shortest)\b"  # "the longest title"
                   rf"|\b(?:which|who)\b[^?,]{{0,30}}?\b(?:a |the )?(longer|shorter) (titles?|abstracts?)\b(?! than)")):
        # "which has a longer title, LIMO or Seg-Zero?" (was the two abstracts quoted)
        plan.sort = "abstract_words" if (m[3] or m[4] or m[7]).startswith("abstract") else "title_words"
        if plan.sort == "title_words" and take(rf"\b(?:in|by)(?: (?:the )?number of)? {_CHARACTERS}"):
            plan.sort = "title_chars"  # "the longest title in characters"
        plan.descending = (m[2] or m[5] or m[6]) in ("longest", "longer")
        # a comparison shows each paper named with its length, as "which has more authors, X or Y?" does
        plan.limit = None if m[6] else number(m[1]) if m[1] else _singular(plan.question)
    elif take(r"^\s*(?:so,? )?what(?:'?s| is)(?: anything)? new(?: (?:here|in (?:the|this|your) (?:corpus|collection|index)))?"
              r"\s*[?.!]*\s*$"):  # no topic: the newest papers ("what's new in GUI agents?" is a topic)
        plan.sort, plan.descending = "posted", True
    elif m := take(rf"\b(first|last)(?: (?!{_YEAR}\b){NUMBER})? (?:papers?|ones?|works?|entries|entry|articles?)"
                   r"(?:(?= (?:on|about) [^?,.]{1,60}? (?:to be |that (?:was|were) )?(?:posted|published|released|uploaded"
                   r"|added)\b)| (?:to be |that (?:was|were) )?(?:posted|published|released|uploaded|added)\b)"):
        # "which were the first two papers posted in 2025?", "the last paper published in 2023",
        # "when was the first paper on chain-of-thought posted?" (its topic kept)
        plan.sort, plan.descending = "posted", m[1] == "last"
        plan.limit = number(m[2]) if m[2] else _singular(plan.question)
    elif re.search(rf"\b(?:which|who|what)\b[^?,]{{0,60}}{_POSTED_ORDER}", plan.question.lower()) and (
            m := take(_POSTED_ORDER)):
        # "which was posted first, Orca or Orca 2?"; only the order words are taken: "which paper
        # about agents was posted first?" keeps its topic
        plan.sort, plan.descending = "posted", m[1] in ("later", "last", "most recently")
        plan.limit = _singular(plan.question)
    elif m := take(rf"\b{_SORT_VERB}(?:(?!{_SORT_VERB})[^?]){{0,20}}?\bby (?:the |their )?"  # the verb nearest "by":
                   # not "list the surveys sorted by date", whose "surveys" is the topic
                   r"(?:posting |publication |release )?(?:date|recency|time|year|month)\b"
                   r"(?:,? (oldest|earliest|newest|latest) first)?"
                   r"|\bin (reverse )?chronological order\b"):  # "sort them by date", "in chronological order"
        oldest = m[1] in ("oldest", "earliest") or ("chronological" in m[0] and not m[2])
        if not (plan.group_by and re.search(r"\b(?:year|month)\b", m[0])):  # "list the papers by year": grouped
            plan.sort, plan.descending = "posted", not oldest
    if plan.sort == "posted" and plan.descending:  # "what's new in the latest papers?": the newest, no topic "new"
        take(r"^\s*(?:so,? )?what(?:'?s| is)(?: anything)? new(?: in)?\b")
    if not plan.group_by and not plan.statistic and not plan.sort and take(_ABSTRACT_LENGTH):
        # "how long is the abstract of LIMO?" (it showed the abstract), "how many words does LIMO's abstract have?"
        take(r"\b(?:the |its |their )?abstracts?\b(?: (?:of|for)\b)?|'s abstracts?\b|\b(?:have|has|contains?)(?=\s*[?.!]*$)")
        plan.asks_field = "abstract_words"
    elif not plan.group_by and take(r"\b(?:what|which) (?:is the )?(?:day of the week|weekday)\b"):
        plan.asks_field = "weekday"  # "what day of the week was LIMO posted?"
    elif not plan.group_by and plan.statistic != "range" and take(
            r"\bwhen (?:was|were|did)\b|(?<!no matter )\b(?:what|which) (?:is the )?(?:year|date|month|day)\b"):
        plan.asks_field = "date"
    elif not plan.statistic and take(r"\bhow many " + AUTHORS):
        plan.asks_field = "authors"
    elif take(r"\b(?:who|what) (?:are|were) the (?:authors|co-?authors)\b|\bwho (?:wrote|authored)\b|"
              r"\bwho (?:else )?(?:worked|collaborated) on\b|"
              r"\bnames? of the authors\b|\bwho (?:is|was) the (?:first |last |lead )?author\b|"
              r"\b(?:list|name|give me) the (?:authors|co-?authors)\b"):
        plan.asks_field = "author_names"  # the listings give a count only; the answer says so
    elif not plan.statistic and take(rf"\bhow many {PER_AUTHOR}"):
        plan.asks_field = "upvotes_per_author"  # "how many upvotes per author do they have?"
    elif not plan.statistic and take(rf"\bhow many {UPVOTES}|\bhow (?:popular|well[- ]liked) (?:is|was)\b"):
        plan.asks_field = "upvotes"
    elif not plan.statistic and (m := take(rf"\bwhat(?:'s| is| was| are| were) (?:the )?(?:(upvote counts?|numbers? of "
                                           rf"upvotes|{UPVOTES})|(author counts?|numbers? of authors|{AUTHORS}))"
                                           r"(?= (?:of|for|on)\b)")):
        plan.asks_field = "upvotes" if m[1] else "authors"  # "what is the upvote count of Seg-Zero?"
    elif m := take(rf"\bcompare (?:the )?(?:({UPVOTES}|popularity)|(author counts?|numbers? of authors|{AUTHORS})"
                   r"|((?:posting |publication )?dates?))\b(?: of)?"):  # "compare the upvotes of LIMO and Seg-Zero"
        plan.asks_field = "upvotes" if m[1] else "authors" if m[2] else "date"
    elif not plan.group_by and take(r"\b(?:which|what) (?:organi[sz]ation|company|lab|institution)\b|"
              r"\bwho (?:posted|published|released|put out)\b"):
        plan.asks_field = "org"
    if plan.asks_field in COUNT_FIELDS:  # "how many authors do they have in total?": a sum, no topic
        take(rf"\b{IN_TOTAL}\b")
    # (a year is not a number of papers: "the earliest 2025 paper" is one paper, of 2025)
    if plan.sort and (m := take(rf"\btop (?!{_YEAR}\b){NUMBER}\b|\b(?!{_YEAR}\b){NUMBER} (?=(?:most |more )?{RANKED}\b"
                                rf"|(?:papers|works|ones|articles) (?:with|having|that (?:have|got)) (?:the )?{RANKED}\b)"
                                rf"|\b(?:latest|newest|oldest|earliest) (?!{_YEAR}\b){NUMBER}(?= (?:papers?|ones|works)\b)")):
        plan.limit = number(m[1] or m[2] or m[3])  # "the top 3 most upvoted", "the three most recent", "the latest 5 papers"
    if plan.sort and (plan.limit or 0) >= 2:  # "compare the two most upvoted papers": those, side by side (no topic)
        take(r"^\s*(?:please\s+|now\s+)?(?:compare|contrast)\b")
    if measured and plan.sort != measured[0]:  # "the range of upvotes of the 5 newest papers"
        plan.among = TopOf(plan.sort, plan.descending, plan.limit or 1)
        (plan.sort, plan.descending), plan.limit = measured, None


# A field asked of several papers: "the audio papers", "papers on X ... they", "their dates"
_OF_SEVERAL = re.compile(r"\bpapers\b|\bworks\b|\bstudies\b|\barticles\b|\bthey\b|\btheir\b|\bthem\b")

_QUANTITY = re.compile(r"\bhow (?:many|much|large|big|long|far|fast|often|well)\b|\bby (?:what|how much)\b|"
                       # "what F1@3 gain", not "which papers study number theory"
                       r"\b(?:what|which) (?:(?!papers\b|works\b|studies\b|articles\b)[\w@.\-]+ ){0,2}?(?:share|"
                       r"percentage|percent|fraction|proportion|number|margin|ratio|score|accuracy|rate|size|gain|"
                       r"improvement|speed-?up|increase|reduction|drop)\b"
                       r"|\brank\b[^?]*\bby\b|\bscores?\b|"
                       r"^(?:the )?(?:number|count|amount|share|percentage|fraction) of\b")


def _statistics(plan: QueryPlan, take) -> None:
    """'The average number of authors', 'median upvotes', 'how many papers ...'."""
    # Not "more than the average number of upvotes", "above-average upvotes" or "twice the median
    # number of authors" (_relative).
    compared = (r"(?<!than )(?<!than the )(?<!above )(?<!below )(?<!above-)(?<!below-)(?<!above the )(?<!below the )"
                r"(?<!twice the )(?<!times the )(?<!half the )(?<!double the )")
    if m := take(rf"{compared}\b(average|mean|median|typical|total|sum)(?: number of| count of| count| of(?: the)?)? "
                 rf"({PER_AUTHOR}|{AUTHORS}|{UPVOTES})\b"
                 rf"|{compared}\b(average|mean|median|typical|total) (author|upvote) counts?\b"):
        kind = (m[1] or m[3]).replace("average", "mean").replace("typical", "median").replace("sum", "total")
        plan.statistic, plan.sort = kind, field_of(m[2] or m[4])
    elif m := take(rf"\b(?:most (?:common|frequent|usual)|commonest|modal)(?: number of| count of)? ({AUTHORS}|{UPVOTES})\b"
                   rf"|\b(?:most (?:common|frequent|usual)|commonest|modal) (author|upvote) counts?\b"
                   rf"|\bmode of (?:the |their )?(?:number of |count of )?({AUTHORS}|{UPVOTES}|author counts?|upvote counts?)"):
        # "the most common number of authors": the count the most papers give
        plan.statistic, plan.sort = "mode", field_of(m[1] or m[2] or m[3])
    elif m := take(rf"{compared}\b(average|mean|median|typical|total) "
                   r"(?:length of (?:the |an? |their )?(abstract|title)s?|(abstract|title) lengths?"
                   r"|(?:number|count) of (words|characters) (?:in|of) (?:the |an? |their )?(abstract|title)s?)\b"
                   r"(?: in (words|characters))?"):
        # "the average abstract length", "the median number of words in the abstracts", "the mean
        # title length in characters" (an abstract's length is in words alone)
        plan.statistic = m[1].replace("average", "mean").replace("typical", "median")
        plan.sort = _length_key(m[2] or m[3] or m[5], take, characters="characters" in (m[4], m[6]))
    elif m := take(rf"{compared}(?<!after the )(?<!before the )\b(average|mean|median|typical) "
                   r"(?:posting |publication |release )?(?:date|year|day)s?\b"):
        # "the median posting date", "the average publication year": of the dated papers' days
        plan.statistic, plan.sort = m[1].replace("average", "mean").replace("typical", "median"), "posted"
    elif m := take(rf"\b(?:range|spread|span) of (?:the |their |its )?(?:number of |count of )?"
                   rf"({AUTHORS}|{UPVOTES}|author counts?|upvote counts?)\b"):
        # "the range of author counts": the fewest and the most
        plan.statistic, plan.sort = "range", "upvotes" if re.match(rf"{UPVOTES}|upvote", m[1]) else "authors"
    elif m := take(r"\b(?:range|spread) of (?:the |their )?(?:(abstract|title) lengths?|lengths? of (?:the |their )?"
                   r"(abstract|title)s)|\b(?:the )?shortest and (?:the )?longest (abstract|title)s?\b"):
        # "the range of abstract lengths", "the shortest and longest title": the shortest and the longest
        plan.statistic, plan.sort = "range", _length_key(m[1] or m[2] or m[3], take)
    elif take(r"\b(?:date range|range of (?:the )?(?:posting |publication )?dates|time span)(?: (?:of|in|for) "
              r"(?:the |these |those )?(?:\d{4} )?(?:dated )?(?:collection|corpus|papers|listings|index)\b| *[?.!]*$)"
              r"|\b(?:the )?(?:earliest|first|oldest) and (?:the )?(?:latest|last|newest|most recent)"
              r"(?: (?:posting|publication))? dates?\b"  # "the earliest and latest posting date"
              # "how many weeks apart were the first and the last 2025 papers posted?"
              rf"|\b(?:the )?(?:earliest|first|oldest) and (?:the )?(?:latest|last|newest|most recent)"
              rf"(?= (?:{_YEAR} )?(?:dated )?(?:papers?|ones?|works?|entries|listings?|articles?)\b)"
              r"|\bwhat (?:time )?(?:period|span"
              r"|range|dates|years) (?:do|does|did) (?:the )?(?:\d{4} )?(?:papers|listings|collection|corpus|they|these|those)\b"
              r"(?=[^?]*\b(?:span|cover)\b)"):
        # "what period do the papers (on GRPO) span?": the first and last dates
        plan.statistic, plan.sort = "range", "posted"
        take(r"\b(?:span|cover)\s*[?.!]*\s*$")
        take(r"\bhow (?:many (?:days|weeks|months|years)|long|much time|far)\b")  # the range's length is asked
        take(r"\b(?:apart|passed|elapsed|went by|separated?|separates|lie|lay|between)\b")
    elif m := take(rf"\bhow many ({AUTHORS}|{UPVOTES}) (?:does|do|did) (?:the |a |an )?(average|typical|usual|median|mean) "
                   r"(?:(?:\d{4} )?(?:paper|listing|entry|work|article)\b|(?=(?:[\w\-]+ ){0,3}?(?:paper|survey)\b))"):
        # "how many authors does the typical paper have?"; "... the average agent paper ...": on the topic
        plan.statistic = "mean" if m[2] in ("average", "mean") else "median"
        plan.sort = "upvotes" if re.match(UPVOTES, m[1]) else "authors"
    elif m := take(rf"\bhow many ({AUTHORS}|{UPVOTES}) (?:do|did|have|got) (?:all |the |all the )"
                   r"(?:papers|entries|works|articles|listings)\b"):  # "how many upvotes do all papers have?"
        plan.statistic, plan.sort = "total", "upvotes" if re.match(UPVOTES, m[1]) else "authors"
    elif m := take(rf"\bhow many ({AUTHORS}|{UPVOTES})\b(?=(?: (?:do|does|did) (?:[\w\-]+ ){{0,5}}?"
                   r"(?:papers|entries|works|articles|listings|corpus|collection|they|these|those)\b[^?]*?)?"
                   rf" ({IN_TOTAL}|on average|typically|on median)\b)"):
        # "how many upvotes do the 2025 papers have altogether?": a sum over the matching papers;
        # "... on average": their mean ("how many upvotes do LIMO and Seg-Zero have in total?"
        # is a field of named papers)
        plan.statistic = {"on average": "mean", "typically": "median", "on median": "median"}.get(m[2], "total")
        plan.sort = "upvotes" if re.match(UPVOTES, m[1]) else "authors"
    elif take(r"\bhow many (?:papers|entries|works|articles)\b|\bhow many of (?:them|those|these)\b"
              r"|\b(?:the )?(?:total )?number of (?:papers|entries|works|articles)\b"
              # "how many 2025 papers ...", "how many Tencent papers", "how many GRPO papers": the words between are
              # read by the other rules, or are the topic
              rf"|\bhow many(?= (?:(?!(?:{AUTHORS}|{UPVOTES}|do|does|did|are|were|is|was|of|in|on)\b)[\w\-]+ ){{1,3}}?"
              r"(?:papers|entries|works|articles)\b)"
              r"|\bhow many of (?:all )?the(?= (?:[\w\-]+ ){0,3}?(?:papers|entries|works|articles)\b)"  # "of the 2025 papers"
              # "how many surveys are there?": papers of a kind, the kind the topic ("how many
              # benchmarks does LIMO use?" stays a question about LIMO)
              r"|\bhow many(?= (?:surveys|benchmarks|datasets|position papers|reviews) "
              r"(?:are there|exist|are in|(?:does|do) the (?:corpus|collection|index) (?:have|hold|contain)"
              r"|(?:are )?in the (?:corpus|collection|index)"
              r"|(?:were|are|was|got|have been) (?:posted|published|released|uploaded|added|listed|from|dated))\b)"):
        plan.counts = True
    elif take(r"\b(?:what|which) (?:fraction|share|percentage|proportion|percent|part) of (?:the |all )?(?:\d{4} )?"
              r"(?:papers|entries|works|articles|listings)\b|\b(?:what|which) (?:fraction|share|percentage|proportion"
              r"|percent|part) of (?:the |all )?(?=(?:[\w\-]+ ){1,3}(?:papers|entries|works|articles|listings)\b)"
              r"|\b(?:what|which) (?:fraction|share|percentage|proportion|percent|part) of (?:them|those|these)\b"):
        plan.counts = plan.share = True  # "what share of Tencent papers ...": "Tencent" read by the other rules
    elif take(r"^\s*(?:(?:and|so)\s+)?(?:(?:are|were|do|did|have|had) (?:they|these|those)(?: papers)? all"
              r"|(?:are|were|do|did|have|had) all (?:of )?(?:them|these|those)(?: papers)?)\b"):
        plan.counts = plan.all_of = True  # "are they all from 2025?": how many of them are, led by yes or no
    elif plan.sort in ("authors", "upvotes") and (m := take(r"\b(?:their|the(?:ir)? combined) (total|sum|average|mean|median)"
                                                           r"(?= *[?.!]*$| (?:of them|between them|together)\b)")):
        # "which 5 papers have the most authors, and what is their total?": of the ranking's field
        plan.statistic = m[1].replace("average", "mean").replace("sum", "total")
    if plan.counts:  # "how many papers use GRPO?": the topic is GRPO, and its literal count is of "GRPO"
        take(r"(?<=papers )(?:that |which )?(?:use|uses|apply|applies|employ|employs|adopt|adopts|leverage|leverages)\b")
    if plan.counts or plan.statistic == "total":  # "how many papers are there in total?": not a topic word
        take(rf"\b{IN_TOTAL}\b")
    if plan.statistic in ("mean", "median"):
        take(r"\b(?:on average|typically|on median)\b")


def _groups(plan: QueryPlan, take, low: str) -> None:
    """Papers grouped by organisation, year or month and counted: 'which organisation posted
    the most papers?', 'which year has the fewest papers?', 'how many papers per month?',
    'list the organisations'; or summed: 'which organisation has the most upvotes?'."""
    org = ORG_WORDS
    group = rf"({org})|(years?)|(months?|quarters?|days? of the week|weekdays?|days?|dates?)"
    papers = r"(?:papers|works|articles|entries)"
    asked = re.search(rf"\b(?:which|what) (?:{group})\b", low)
    other = rf"(?:an)?other (?:{papers}|paper|work|article|entry|ones?)"
    # ("were Orca and LIMO posted in the same year?" asks it of the two named: _versus)
    pair = len(plan.named) >= 2 and re.match(r"\s*(?:are|were|is|was|did|do|does)\b", low)
    if not pair and (m := take(rf"\b(?:(?:on|in) the same (day|date|month|year)(?: as {other}|(?!\s+as\b|\s+of the year\b))"
                 rf"|share (?:a|the|their) (?:posting )?(day|date|month|year)(?: with {other})?)\b")):
        # "which papers were posted on the same day as another paper?": the days with two papers or more
        word = m[1] or m[2]
        plan.group_by = {"date": "day"}.get(word, word)
        plan.breakdown, plan.group_sizes = True, [MetadataFilter(key="papers", value=2, operator=FilterOperator.GTE)]
    elif asked and (sizes := count_conditions(take, "papers", r"(?:papers?|works?|articles?|entries|entry)")
                  or ([MetadataFilter(key="papers", value=0)] if take(rf"\bno {papers}\b") else [])):
        # "which organisations have more than two papers?": every group of that size
        take(re.escape(asked[0]))
        plan.group_by = _group_key(asked[1], asked[2], asked[3])
        plan.breakdown, plan.group_sizes = True, sizes
    elif m := take(rf"\b(?:which|what) (?:{group})\b[^?]*?\b(?:the )?(?:({MOST}|{LEAST}) )?(average|mean|median|typical"
                   rf"|total|sum|combined)(?: number of| count of)? ({AUTHORS}|{UPVOTES})\b"):
        # "which organisation has the highest average upvotes?": the groups by their mean ("the highest total
        # upvotes": their sum)
        plan.group_by = _group_key(m[1], m[2], m[3])
        plan.statistic = ("median" if m[5] in ("median", "typical") else "total" if m[5] in ("total", "sum", "combined")
                          else "mean")
        plan.sort, plan.descending = "upvotes" if re.match(UPVOTES, m[6]) else "authors", not (m[4] and re.match(LEAST, m[4]))
        plan.limit = _one_group(m[0]) if m[4] else None
    elif m := take(rf"\b(average|mean|median|typical|total|sum)(?: number of| count of)? ({AUTHORS}|{UPVOTES}) (?:per|by|"
                   rf"for each|of each|in each|across(?: the)?) (?:{group})\b"):
        # "the average upvotes per organisation": every group, by its statistic
        plan.group_by = _group_key(m[3], m[4], m[5])
        plan.statistic = {"average": "mean", "typical": "median", "sum": "total"}.get(m[1], m[1])
        plan.sort, plan.descending, plan.limit = "upvotes" if re.match(UPVOTES, m[2]) else "authors", True, None
    elif m := take(rf"\bhow many ({AUTHORS}|{UPVOTES}) (?:does|do|did) (?:each|every) (?:{group})\b(?: (?:have|get|got|"
                   rf"receive|collect)\b)?(?: ({IN_TOTAL}|on average|typically))?"):
        # "how many upvotes does each organisation have in total?"
        plan.group_by = _group_key(m[2], m[3], m[4])
        plan.statistic = {"on average": "mean", "typically": "median"}.get(m[5], "total")
        plan.sort, plan.descending, plan.limit = "upvotes" if re.match(UPVOTES, m[1]) else "authors", True, None
    elif (length := re.search(r"\b(longest|shortest) (title|abstract)s\b", low)) and (
            m := take(rf"\b(?:which|what) (?:{group})\b(?![^?]*\b(?:papers?|works?|articles?|entries|entry) (?:with|that|"
                      r"which|having)\b)")):
        # "which year has the longest abstracts (on average)?": the groups by their papers' mean
        # length (it listed papers by length); lengths are not added up
        take(length.re.pattern)
        plan.group_by, plan.limit = _group_key(m[1], m[2], m[3]), _one_group(m[0])
        plan.sort = _length_key(length[2], take)
        plan.descending = length[1] == "longest"
        plan.statistic = "median" if take(r"\b(?:typically|on median)\b") else "mean"
        take(r"\bon average\b")
    elif plan.sort in COUNT_FIELDS and plan.limit != 1 and (
            m := take(rf"\b(?:which|what) (?:{group})\b(?![^?]*\b(?:papers?|works?|articles?|entries|entry) (?:with|that|"
                      r"which|having)\b)")):
        # "which organisation has the most upvotes (in total / on average)?": the groups by their sum
        # (or mean) of the field (not "which organisation posted the paper with the most upvotes?",
        # one paper's field); the one group at the top, or every group for "which organisations"
        plan.group_by = _group_key(m[1], m[2], m[3])
        average = take(r"\b(?:on average|typically|per (?:paper|article|work|entry))\b")  # "upvotes per paper": the mean
        plan.statistic = ("median" if average[0] == "typically" else "mean") if average else "total"
        plan.limit = _one_group(m[0])
        take(rf"\b{IN_TOTAL}\b")
    elif m := take(rf"\b(?:(?:rank|sort|order|list|arrange)(?:ed)? (?:the |all )?(?:all )?|(?:the )?(?:top|bottom) {A_NUMBER} )"
                   rf"(?:{group})(?: (?:of|in|from) \d{{4}})? by (?:the |their )?"
                   rf"(?:(?:total |average |mean |median )?(?:number of |count of )?({papers}|{UPVOTES}|{AUTHORS})"
                   rf"|how many {papers}(?: (?:they|it|each) (?:have|has|posted))?)(?: counts?)?\b"):
        # "rank the organisations by number of papers", "sort the years by upvotes": every group, by
        # its paper count or its total (or mean) of the field
        plan.group_by = _group_key(m[1], m[2], m[3])
        field = m[4] or "papers"
        if not re.fullmatch(papers, field):
            plan.sort = "upvotes" if re.match(UPVOTES, field) else "authors"
            plan.statistic = "mean" if re.search(r"\b(?:average|mean)\b", m[0]) else \
                "median" if "median" in m[0] else "total"
        plan.breakdown = plan.by_count = plan.statistic is None
        plan.descending = not take(r"\b(?:ascending|fewest first|least first|smallest first)\b")
        if top := re.search(rf"\b(top|bottom) {NUMBER}", m[0]):  # "the top 3 organisations by upvotes": the first three
            plan.limit, plan.descending = number(top[2]), top[1] == "top"
    elif m := take(rf"\bwho (?:posted|published|released|put out) the ({MOST}|{LEAST}) (?:number of )?{papers}\b"):
        plan.group_by, plan.descending = "org", not re.match(LEAST, m[1])
    elif take(rf"\bhow many(?: {papers})? (?:did|does|do|has|have) (?:each|every|they each)(?: one| of them)? "
              r"(?:post|publish|release|put out)(?:ed)?\b"):
        # "how many papers did each post?" (after "which organisations posted papers?"): who posts is an
        # organisation (it was every paper, counted by year)
        plan.group_by, plan.breakdown = "org", True
    elif m := take(rf"\b(?:which|what) (?:{group})\b[^?]*?\b(?:the )?({MOST}|{LEAST}|more|fewer|less)"
                   rf"(?: (?:number of )?(?:{papers}|of (?:them|those|these))\b|(?=\s*[?.!]*\s*$))"):
        # "which year has the most papers?", "... the most?" (after "group them by year")
        plan.group_by = _group_key(m[1], m[2], m[3])
        plan.descending = not re.match(rf"{LEAST}|fewer|less", m[4])
    elif m := take(rf"\b(?:which|what) (?:{group})\b[^?]*?\b(?:the )?(most|least) (?:common|frequent|often|frequently"
                   rf"|prolific|active|productive)\b"):
        # "which organisation is most common?", "which year is the most frequent?": by number of papers
        plan.group_by = _group_key(m[1], m[2], m[3])
        plan.descending = m[4] == "most"
    elif m := take(rf"\b(most|least) (?:common|frequent|usual|popular) (?:posting |publication )?(?:{group})\b"):
        # "what is the most common posting month?": the month with the most papers
        plan.group_by = _group_key(m[2], m[3], m[4])
        plan.descending = m[1] == "most"
    elif m := take(rf"\b(?:the )?(busiest|quietest|slowest) (?:{group})\b|\b(?:which|what) (?:{group})\b[^?]*?\b(?:the )?"
                   rf"(busiest|quietest|slowest)\b"):
        # "the busiest month of 2025", "which year was the quietest?": by number of papers
        word = m[1] or m[8]
        plan.group_by = _group_key(*(m.groups()[1:4] if m[1] else m.groups()[4:7]))
        plan.descending = word == "busiest"
    elif (re.search(rf"\b{papers}|\bhow many\b|\bnumber\b|\bcounts?\b|\bbreakdown\b|\bdistribution\b"
                    r"|\b(?:group|split|count)\b|\bbreak (?:them |these |those )?down\b", low)
          and not _sorted_by(low)
          and (m := take(rf"\b(?:per|by|in each|for each|each|from which|from what|in which) (?:{group})\b"))) or (
            m := take(rf"\b(?:list|show|name) (?:all )?(?:the )?({org})\b"
                      rf"|\b(?:which|what) ({org}) are (?:there|in|listed|represented|present|included|named)\b|"
                      rf"\bhow many (?:distinct |different |unique )?({org})\b|"
                      r"\b(?:which|what) (?:organi[sz]ations|companies|labs|institutions)\b")):  # plural: every one
        said = m[0]
        # "papers sorted by organisation", "group them by month": no topic
        take(r"\b(?:sorted|ordered|grouped|arranged|group|split|count)(?=(?: them| these| those)? by\b)")
        if take(r"\b(?:break|broken)\b(?=(?: \w+){0,2}? down\b)"):  # "break them down by year"
            take(r"\bdown\b")
        plan.group_by = ("year" if "year" in said else "month" if "month" in said else "quarter" if "quarter" in said
                         else "weekday" if "week" in said
                         else "day" if re.search(r"\b(?:days?|dates?)\b", said) else "org")
        plan.breakdown = True


def _sorted_by(low: str) -> bool:
    """"Papers on agents sorted by year", "list the 2025 papers by date": an order asked for, not
    papers counted by group ("how many papers by year?"; "list the papers by year" is grouped)."""
    if re.search(r"\bhow many\b|\bnumber of\b|\bcounts?\b|\bbreakdown\b|\bdistribution\b|\bper\b", low):
        return False
    return bool(re.search(r"\b(?:sort|sorted|order|ordered|rank|ranked|arranged?)\b[^?]{0,20}\bby (?:the |their )?"
                          r"(?:posting |publication )?(?:dates?|days?|years?|months?)\b"
                          r"|\b(?:list|show)\b[^?]{0,40}\bby (?:the |their )?(?:posting |publication )?dates?\b", low))


def _group_key(org: str | None, year: str | None, other: str | None) -> str:
    """The field a group is read by, from the `group` pattern's three alternatives."""
    if org or year:
        return "org" if org else "year"
    if other.startswith(("month", "quarter")):
        return other.rstrip("s")
    return "weekday" if "week" in other else "day"


def _one_group(asked: str) -> int | None:
    """"Which organisation has the most ...": one group (1); "which organisations": all of them (None)."""
    return None if re.search(r"\b(?:organi[sz]ations|orgs|companies|labs|institutions|groups|years|months|weekdays|days"
                             r"|dates)\b", asked) else 1


# One paper described as the subject: "... is the premise-oriented data augmentation framework evaluated?"
_ONE_DESCRIBED = re.compile(r"\b(?:is|was|does|did|has)\s+the\s+(?:[\w-]+\s+){0,6}?(?:paper|survey|framework|method|approach|"
                            r"system|study|technique|algorithm|pipeline)\b")


def _list_request(plan: QueryPlan, low: str) -> None:
    """Is a list of papers asked for? Also notes whether the papers named are compared."""
    plan.compares = bool(re.search(r"\b(?:vs\.?|versus|compar\w*|differ\w*|distinguish\w*|both|rank|between|contrast\w*|"
                                   r"in common|similarit\w*)\b", low)) or len(plan.named) >= 2 or _another_paper(low, plan.named)
    # "work" as a noun ("what work exists on X?"), not the verb ("what budget does it work under?").
    asked = re.search(r"\b(which|what|list|name|find|show|give|summari[sz]e|point me to|recommend|suggest)\b[^?]*\b"
                      r"(papers|works|articles|methods|surveys|"
                      r"benchmarks|datasets|frameworks|techniques|algorithms|systems|"
                      r"approaches|studies|models|ones|research|literature|publications|titles|"
                      r"work(?= (?:on|about|that|which|in|has|have|exists?|is there|was done)\b))\b", low)
    plan.asks_list = bool(asked or low.startswith("list") or re.match(
        r"(?:papers|works|studies|articles)\b"
        # "how do papers select demonstrations?": across papers
        r"|how (?:do|did|have) (?:the |other |different |existing )?(?:papers|works|studies|methods|approaches)\b"
        r"|(?:are there|is there|(?:do |does |did |are |is )?any"
        # "do you have any papers on X?", "could you point me to work on X?"
        r"|(?:do|can|could|would) (?:you|we|i) (?:have|know|find|see|recommend|suggest|point me to)\b)[^?]*\b"
        r"(?:papers|works?|studies|articles|research|literature|publications)\b", low)
        # "is there anything in the corpus about world models?" (not "... about LIMO's data?", one paper's)
        # ... "is anything in the collection about X?", "does anything cover X?"
        or (not plan.named and re.match(r"(?:is there|is|(?:do|can|could) you (?:have|find|see)) (?:anything|something)"
                                        r"(?: (?:in|from) (?:the|this|your) (?:corpus|collection|listings|index))?"
                                        r" (?:about|on|regarding|related to|concerning|dealing with)\b"
                                        r"|(?:does|do) (?:anything|any of (?:them|these|the papers))"
                                        r" (?:cover|address|deal with|tackle)\b", low))
        or (not plan.compares and _topic_request(low, plan.named)))
    if plan.asks_field and not plan.named and _OF_SEVERAL.search(low):
        plan.asks_list = True  # "how many upvotes do the audio papers have?": each paper on the topic
    if plan.limit == 1 and (plan.sort or not re.search(_WANTED, low)):  # "which paper has the most upvotes?"
        plan.asks_list = False  # ... is about one; "name a paper on X" is a list of one, its most likely
    elif asked and asked[2] not in ("papers", "works", "articles", "studies") and (
            len(plan.named) == 1 or (plan.named and plan.compares) or _ONE_DESCRIBED.search(low)):
        # Things inside the named papers: "which models ... in ReConcile", "X vs Y: what
        # reward do their models get?" (a comparison cites each compared paper anyway); or
        # inside one paper described: "on which benchmarks is the premise-oriented framework evaluated?"
        plan.asks_list = False


def _another_paper(low: str, named: set[str]) -> bool:
    """A named paper and one described ("how do AGoT and the Hypergraph-of-Thought paper ..."):
    two papers, so both are cited. Not "the LoongRL paper" naming the same one again."""
    described = re.findall(r"\b(?:and|or|with) the ([\w\-]+(?: [\w\-]+){0,3}) (?:paper|study|survey)\b", low)
    return bool(named) and any(not any(n.lower() in d for n in named) for d in described)


_ASKS = re.compile(r"(?:what|which|who|whose|when|where|why|how|is|are|was|were|do|does|did|can|could|should|"
                   r"would|will|has|have|had|explain|describe|summari[sz]e|define|outline|compare|contrast|rank)\b")


def questions_in(text: str) -> list[str]:
    """The questions a text asks one after another ("Which papers use GRPO? Which use PPO?"),
    or the text alone: each part ends with "?" and opens as a question or request does."""
    parts = [p for p in re.split(r"(?<=\?)\s+", text.strip()) if p]
    opens = [_ASKS.match(p.lower()) or re.match(r"(?:list|name|give|show|find)\b", p.lower()) for p in parts]
    return parts if len(parts) > 1 and all(p.endswith("?") for p in parts) and all(opens) else [text]


def _topic_request(low: str, named: set[str]) -> bool:
    """A request for what the corpus has on a topic, not a question about one paper:
    "anything on X?", "I'm looking for work on X", "tell me about X", or the topic alone."""
    if named:
        return False
    if re.match(r"(?:anything|something|i'?m looking|i am looking|looking for|show me|give me|find me|"
                r"tell me about|what does the (?:corpus|collection) say|what do the papers say|where can i (?:read|find|learn)|"
                r"what (?:work|research) (?:has|have|is|exists?)|what(?: has|'s) been (?:done|published|written|proposed)|"
                r"what(?:'s| is) (?:out )?there|what(?:'s| is) new\b|"
                r"what exists|what (?:do|does) (?:you|we|the (?:corpus|collection)) have)\b", low):
        return True
    return not _ASKS.match(low) and len(low.split()) <= 8  # a bare topic: "GRPO for vision"


def named_in(question: str, names: set[str]) -> set[str]:
    """The papers' short names the question uses: possessive ("ReConcile's") and with a suffix
    after a hyphen ("Light-R1-32B", a model of the Light-R1 paper) included."""
    names = names if isinstance(names, frozenset) else frozenset(names)
    # Only the names whose first word the question has are tested: 100k papers have many names.
    candidates = [n for first, group in _by_first_word(names).items() if first in question for n in group]
    phrases = {n for n in candidates if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", question)}
    # "Orca" inside "Orca 2" names Orca 2, not Orca as well.
    longest_first = sorted(phrases, key=len, reverse=True)
    rest = re.sub("|".join(rf"(?<![\w-]){re.escape(n)}(?![\w-])" for n in longest_first), " ", question) if phrases else question
    tokens = [w.removesuffix("'s").removesuffix("’s").strip(".") for w in re.findall(r"[\w\-.'’]+(?:\+\+)?", rest)]  # "SoftCoT++"
    words = set(tokens)
    heads = {w[:i] for w in words for i, c in enumerate(w) if c == "-"}
    # A plain capitalised word ("Titans", "Orca") is a name after the question's first word only.
    plain = {w for w in words if w in names and is_plain_name(w) and w not in tokens[1:]}
    lower = _typed_names(names)
    typed = {lower[w.lower()] for w in words | heads if w.lower() in lower}
    return ((words | heads) & names) - plain | phrases | typed


def _without_numbered_names(low: str, named: set[str]) -> str:
    """The lowered question with a name it uses (`named`) that ends in a number blanked where a
    count word follows, so no condition reads "2 authors" in "what did the Orca 2 authors find?"
    (a question about Orca 2, not about papers with 2 authors), or in "the RT-2 authors"."""
    for name in named:
        if name[-1].isdigit():
            low = re.sub(rf"(?<![\w-]){re.escape(name.lower())}(?=\s+(?:{AUTHORS}|{UPVOTES})\b)",
                         lambda m: " " * len(m[0]), low)
    return low


@lru_cache(maxsize=4)
def _by_first_word(names: frozenset[str]) -> dict[str, list[str]]:
    """The names of more than one word, by their first word."""
    out: dict[str, list[str]] = {}
    for name in names:
        if " " in name:
            out.setdefault(name.split()[0], []).append(name)
    return out


@lru_cache(maxsize=4)
def _typed_names(names: frozenset[str]) -> dict[str, str]:
    """Lower-case form -> name, for names no English word is spelled like ("seg-zero",
    "tabfact", "think2sql", "vurf"); not "limo" or "smart", words as well as LIMO and SMART.
    Cached per name set (a frozenset keeps its hash): built once per index, not per question."""
    return {n.lower(): n for n in names
            if " " not in n and (re.search(r"[-\d]|[a-z][A-Z]", n) or not is_english(n.lower()))}


# "don't have", "does not list", "didn't give": before a field, its absence
_LACKS = (r"(?:do|does|did)(?: not|n't) (?:have|list|give|show|name|print|get|receive)(?: an?| any| the| their)?"
          r"|(?:has|have) no")


def _missing(plan: QueryPlan, take) -> None:
    """'Papers with no upvotes', 'without an organisation', 'no year printed', 'that don't
    have an organisation listed': the field is absent. No date is no month and day either
    ("May 15" is a date without a year), hence "month"."""
    fields = {"upvotes": r"upvotes?|votes?|upvote counts?", "org": r"organi[sz]ations?|orgs?|affiliations?",
              "month": r"(?:posting |publication )?dates?", "year": r"years?",
              "authors": r"author counts?|number of authors|authors?"}
    either = "|".join(f"(?P<{key}>{words})" for key, words in fields.items())
    if m := take(rf"\bneither (?:an? |any )?(?:{either}) nor (?:an? |any )?(?:{either.replace('?P<', '?P<also_')})\b"):
        # "papers that list neither an organisation nor upvotes"
        for key in fields:
            if m[key] or m["also_" + key]:
                plan.filters.append(MetadataFilter(key=key, value=None, operator=FilterOperator.IS_EMPTY))
    for key, words in fields.items():
        if take(rf"\b(?:{_LACKS}|(?:(?:prints?|lists?|gives?|shows?|names?) )?no|without(?: an?| any)?|missing(?: an?)?"
                rf"|lacking(?: an?)?) (?:(?:listed|known|given|printed|stated) )?(?:{words})"
                rf"(?: (?:listed|given|printed|shown|named|known))?(?: at all)?\b"):
            plan.filters.append(MetadataFilter(key=key, value=None, operator=FilterOperator.IS_EMPTY))


_DIRECTION = r"(?:ascending|descending|increasing|decreasing)"
_ORDERED_BY = rf"\b(?:by|in (?:{_DIRECTION} )?order of|(?:sorted|ranked|ordered) by) (?:the )?(?:number of |count of )?"


def _sort_order(plan: QueryPlan, take) -> None:
    """The words around a sort found above are order words, not topic words: "..., highest
    first", "most upvoted first", "in descending order", a leading "rank" or "sort"."""
    if not plan.sort:
        return
    if not plan.statistic and not plan.group_by:  # "the two papers with the most authors combined"
        take(rf"\b{IN_TOTAL}\b")
    if m := take(rf"\bin ({_DIRECTION}) order\b"):
        plan.descending = m[1] in ("descending", "decreasing")
    if m := take(rf"(?:,\s*)?\b(?:({MOST}|{LEAST}|most|fewest|least) )?first\b(?=\s*(?:[?.!,;)]|$))"):
        if m[1]:
            plan.descending = not re.match(LEAST, m[1])
    take(r"^(?:please )?(?:rank|sort|order|arrange)\b")
    take(r"\b(?:of all time|ever)\b(?=\s*[?.!]*\s*$)")  # "the most upvoted papers of all time": of all the papers


# The excluded topic: up to six words, ending at punctuation or where a condition begins.
_EXCLUDED = (r"([a-z0-9][\w\-]*(?: [a-z0-9][\w\-]*){0,5}?)(?=\s*(?:[?.!,;]|$|\b(?:and|but|that|which|from|posted|"
             r"published|since|before|after|in \d{4}|are|is|were|was|have|has|"
             # "which papers apart from LIMO use GRPO?": the verb after the excluded name starts the topic
             r"uses?|stud(?:y|ies)|proposes?|appl(?:y|ies)|trains?|do|does|did)\b))")
_NOT_ABOUT = re.compile(
    r"(?:,?\s*\b(?:but|and) )?\b(?:(?:that|which) (?:are|is) )?(?:not (?:about|on|related to|concerning|involving)"
    r"|(?<=but )not(?! only\b| (?:in|from|posted|published|before|after|by|with|more|fewer|less)\b)"  # not a date
    r"|(?:excluding|except(?: for)?)(?: the| those| these)?(?: (?:papers|ones))?(?: (?:about|on|using|with))?"
    # "exclude the ones about math", "leave out those on agents" (a follow-up's: of the list just given)
    rf"|^\s*(?:now\s+|please\s+)?{EXCLUDE_VERBS}(?: the| those| these| any)?"
    r"(?: (?:papers|ones))?(?: (?:about|on|that are about|which are about))?"
    # (not "a week apart from LIMO", a time span: _relative)
    r"|(?<!week )(?<!weeks )(?<!day )(?<!days )(?<!month )(?<!months )apart from(?: (?:those|papers|ones))?"
    r"(?: (?:about|on))?) " + _EXCLUDED)
# "Papers on RL that don't mention math": not mentioning is about the words, whatever the topic.
_NOT_MENTIONING = re.compile(r"\b(?:(?:do|does|did)(?: not|n't) mention|never mentions?|without mentioning) " + _EXCLUDED)
# "Papers on agents that are not surveys", "non-survey papers on X": surveys say what they are ("A Survey
# on ...", "in this survey"), so those that use the word are left out (not "not benchmarks": most use that)
_NOT_SURVEYS = re.compile(r"(?:(?:\b(?:that|which) )?\b(?:(?:are|is)(?: not|n't)|not)(?: an?)? |\bnon-?)(survey|review)s?\b")
_USES = (r"(?:uses?|make use of|stud(?:y|ies)|involves?|discuss(?:es)?|covers?|apply|applies|address(?:es)?"
         r"|rel(?:y|ies) on|needs?|requires?|employs?|includes?|considers?|targets?|reports?"
         r"|(?:evaluates?|tests?|trains?|experiments?|focus(?:es)?|benchmarks?) (?:on|with))")
_USING = (r"(?:using|making use of|relying on|needing|requiring|employing|applying|involving|including|considering"
          r"|targeting|reporting|(?:evaluating|testing|training|experimenting|focusing|benchmarking) (?:on|with))")
_NOT_USING = re.compile(rf"\b(?:(?:(?:do|does|did)(?: not|n'?t)|never) {_USES}|uses? no|(?:are|is)(?: not|n'?t) {_USING}"
                        rf"|without {_USING}(?: any)?) " + _EXCLUDED)
_NEITHER = re.compile(rf"\bneither (?:{_USES} )?([a-z0-9][\w\-]*(?: [a-z0-9][\w\-]*){{0,5}}?),? nor (?:{_USES} )?"
                      + _EXCLUDED)
# What is left of a topic that only names the kind of work asked for: "which methods do not use
# a reward model?" asks for the methods that do without one, which their abstracts name.
_KINDS_OF_WORK = {"method", "methods", "approach", "approaches", "technique", "techniques", "model", "models",
                  "system", "systems", "framework", "frameworks", "algorithm", "algorithms"}


# "Which papers released code?", "with code on GitHub", "share their data": papers whose
# abstract says so. Data and models need a determiner ("release their datasets"): "papers that
# release datasets of math problems" is a topic.
_DETERMINERS = r"(?: (?:its|their|the|all|any|public|publicly|open[- ]source|source|training))*"
# ... and "code" must end the phrase: "papers that have code generation results" are on a topic.
_PHRASE_END = r"(?=\s*(?:[?.!,;]|$|(?:and|or|that|which|from|in|on|for|to|about|posted|published|are|were|is|was|with)\b))"
_CODE = r"(?:code|codes|implementations?)(?:(?:,| and| or) (?:the |their )?(?:data|datasets?|models?|weights|checkpoints))*"
# "Papers with code" is a release, "papers that work with code" a topic.
_NOT_AFTER_VERB = "".join(rf"(?<!\b{v} )" for v in ("work", "works", "working", "deal", "deals", "dealing", "help",
                                                     "helps", "interact", "interacts", "reason", "reasons", "cope"))
# "Where can I find the code for CVLNM?", "where is the CVLNM code?": whether it is out, and where
_WHERE_CODE = (r"\bwhere (?:is|are|can (?:i|we|one) (?:find|get|download|see)|do (?:i|we) (?:find|get)) (?:the |its |their )?"
               r"(?:(?:code|implementation|repo(?:sitory)?)(?: (?:for|of))?\b"
               r"|(?=(?:[\w\-]+ ){1,3}(?:code|implementation|repo(?:sitory)?)\s*[?.!]*$))")


def _where_code(take) -> bool:
    """"Where is the CVLNM code?": the code asked for (its words taken), the name left as the topic."""
    if not (m := take(_WHERE_CODE)):
        return False
    if not m[0].rstrip().endswith(("code", "implementation", "repo", "repository", "for", "of")):
        # "where is the CVLNM code?": the match stopped before the name; the code word ends the question
        take(r"\b(?:code|implementation|repo(?:sitory)?)(?=\s*[?.!]*$)")
    return True


_RELEASES = re.compile(
    rf"\b(?:release[sd]?|releasing|share[sd]?|sharing|provide[sd]?|providing|publish(?:es|ed)?|open[- ]?source[sd]?)"
    rf"{_DETERMINERS} {_CODE}{_PHRASE_END}"
    rf"|\b(?:release[sd]?|releasing|share[sd]?|sharing|open[- ]?source[sd]?) (?:its|their|all)(?: training)?"
    rf" (?:data|datasets|models|weights|checkpoints)\b"
    rf"|\b(?:{_NOT_AFTER_VERB}with|have|has|having){_DETERMINERS} {_CODE}"
    rf"(?: (?:available|public|publicly available|released|online))?(?: on github)?{_PHRASE_END}"
    rf"|\b(?:code|codes|implementations?) (?:is |are |was |were )?(?:publicly |openly )?"
    rf"(?:(?:available|released)(?: on github)?|on github)\b"
    rf"|\bon github\b|\bgithub (?:repos?|repositor(?:y|ies)|links?)\b")


_QUANTITY_OPS = {"fewer than": "<", "less than": "<", "under": "<", "below": "<", "smaller than": "<", "at most": "<=",
                 "no more than": "<=", "up to": "<=", "more than": ">", "over": ">", "above": ">", "greater than": ">",
                 "larger than": ">", "bigger than": ">", "at least": ">="}
_QUANTITY_OP = "|".join(sorted(_QUANTITY_OPS, key=len, reverse=True))
# the verb and object before the count, which name no topic: "train (models) on", "use"
_QUANTITY_LEAD = (r"(?:(?:models?|llms?|methods?) (?:are |is |were |was )?)?"
                  r"(?:(?:use|uses|using|train|trains|trained|training|fine-tunes?|learn|learns|need|needs|require|requires"
                  r"|study|studies|studying|evaluate|evaluates|evaluating)"
                  r"(?: (?:on|with|from|only))? )?"
                  r"(?:(?:a |an )?(?:(?:small |tiny )?(?:language )?models?|llms?|lms?) )?(?:with )?")


def _quantity(take, named: set[str]) -> Quantity | None:
    """'Fewer than 1,000 training examples', 'models larger than 30B': a count the papers'
    abstracts must state (Quantity), read from their text after retrieval. Not in a paper's
    name the question uses ("Reasoning Under 1 Billion")."""
    # "a million", "a thousand": one of the scale that follows
    number = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|an?(?= (?:thousand|million|billion|trillion)\b))"
    if any(re.search(rf"\b(?:{_QUANTITY_OP}) \d", name.lower()) for name in named):
        return None
    if m := take(rf"\b{_QUANTITY_LEAD}({_QUANTITY_OP}) {number}\s?(k|thousand|m|million)?\b"
                 rf"(?: (?!(?:percent|of|on|in|at|for|to|the|a|an|and|or)\b)[a-z][\w-]*){{0,2}}? "
                 rf"({COUNT_NOUNS})\b"):
        stage = next((s for s in ("train", "test", "evaluat") if s in m[0]), "")  # "trained on", "training examples"
        return Quantity(_QUANTITY_OPS[m[1]], scaled(_one(m[2]), m[3]), "examples", stage)
    if m := take(rf"\b{_QUANTITY_LEAD}({_QUANTITY_OP}) {number}\s?(k|thousand|m|million|b|billion|t|trillion)?\b"
                 r"(?: [a-z][\w-]*)? tokens\b"):  # "trained on more than 1 trillion tokens"
        return Quantity(_QUANTITY_OPS[m[1]], scaled(_one(m[2]), m[3]), "tokens")
    if m := take(rf"\b{_QUANTITY_LEAD}({_QUANTITY_OP}) {number}\s?(b|billion)\b(?: parameters)?"):
        return Quantity(_QUANTITY_OPS[m[1]], scaled(_one(m[2]), m[3]), "parameters")
    return None


def _one(number: str) -> str:
    return "1" if number in ("a", "an") else number


# "Which papers use both GRPO and curriculum learning?": up to four words, "and", the second part
_BOTH = re.compile(r"\bboth ([a-z0-9][\w\-]*(?: [a-z0-9][\w\-]*){0,3}?) and " + _EXCLUDED)


# Two names in two clauses joined by "and": "use GRPO and evaluate on MathVista". A name has two
# capitals or a capital and a digit ("GRPO", "MathVista", "GSM8K"), as typed.
_NAME = r"(?:[A-Z][\w.\-]*[A-Z0-9][\w.\-]*)"
_NAMES_JOINED = re.compile(
    rf"\b(?i:use|uses|using|apply|applies|applying|train|trains|trained|fine-tunes?|build on|builds on|extend|extends)"
    rf" (?:(?:a |an |the )?(?i:model|models) )?(?:(?i:with|on) )?({_NAME}) (?i:and) (?:(?i:\w+) ){{0,3}}?"
    rf"(?i:on|with|in|using|against) (?:the )?({_NAME})\b")


def _both(plan: QueryPlan, q: str, spans: list[tuple[int, int]]) -> None:
    """A list of papers with both of two things: each paper must mention each (its words stay the
    topic, so retrieval looks for them): "both X and Y", or two names in two clauses ("use GRPO
    and evaluate on MathVista"). Not papers named ("do both LIMO and s1 use SFT?")."""
    if not plan.asks_list or plan.named:
        return
    if (m := _BOTH.search(q.lower())) and any(a <= m.start() < b for a, b in spans):  # fields (_present)
        plan.compares = False
    elif m:
        plan.required = [q[m.start(1):m.end(1)], q[m.start(2):m.end(2)]]
        plan.compares = False  # "both" compares nothing here
    elif (m := _NAMES_JOINED.search(q)) and m[1].lower() != m[2].lower():
        plan.required = [m[1], m[2]]


def _exclusions(plan: QueryPlan, q: str, spans: list[tuple[int, int]]) -> None:
    """"GRPO papers, but not about vision", "agents excluding robotics": the papers that mention
    the excluded words are left out. "Methods that do not use a reward model" stays a topic,
    since such papers name what they avoid; only a question with no other topic ("which papers
    don't use RL?") is read as an exclusion (see `understand`). Not mentioning X ("papers on RL
    that don't mention math") is always one: it is about the words."""
    for pattern in (_NOT_ABOUT, _NOT_MENTIONING, _NOT_SURVEYS):
        for m in pattern.finditer(q.lower()):
            plan.excluded += re.split(r",? or |, ", q[m.start(1):m.end(1)])  # "not about vision or video": either
            spans.append(m.span())


def _avoided(plan: QueryPlan, q: str, spans: list[tuple[int, int]]) -> None:
    """"Which papers don't use RL?", "agent papers that neither use RL nor study math": the
    papers that do without it, which leaves out those that use it but not those that say they
    do without it ("an RL-free method"; `Pipeline.text_conditions`). What is left of the question
    is its topic; one that only names a kind of work stays whole ("which methods do not use a
    reward model?": such methods name what they avoid)."""
    low = q.lower()
    m = _NEITHER.search(low) or _NOT_USING.search(low)
    if m is None or any(a <= m.start() < b for a, b in spans):  # "neither an organisation nor upvotes": fields (_missing)
        return
    rest = _topic(q, [*spans, m.span()])
    if rest and (not plan.asks_list or set(rest.lower().split()) <= _KINDS_OF_WORK):
        return
    named = [q[m.start(g):m.end(g)] for g in range(1, m.re.groups + 1) if m[g]]
    if re.search(r"\b(?:mentions?|mentioning|names?|naming|says?) $", low[:m.start()]):
        plan.excluded += named  # "papers that mention neither GRPO nor PPO": not even to say they do without
    else:
        plan.avoided += named
    spans.append(m.span())
    plan.asks_list = True


# "Which papers improve reasoning without (any) fine-tuning?", "... without the need for labels", "with no labels"
_WITHOUT = re.compile(r"\b(?:without|(?:with|using|needing|requiring) (?:no|zero))"
                      r" (?:(?:any|the|a|an|additional|extra|further) )*"
                      r"(?:(?:the )?need(?:ing)? (?:for|of) (?:(?:any|additional|extra) )?)?" + _EXCLUDED)


def _done_without(plan: QueryPlan, q: str) -> None:
    """"Which papers improve reasoning without fine-tuning?": those on the topic that say they do
    without it ("without any fine-tuning"), or if none does, that never mention it
    (`Pipeline.text_conditions`). The words stay the topic, since those papers name what they do
    without; "without X or Y": either."""
    if m := _WITHOUT.search(q.lower()):
        plan.without = [x for x in re.split(r",? or |, ", q[m.start(1):m.end(1)]) if x]


def without_condition(text: str) -> str:
    """The words of a question bar its "without ..." condition: what the papers it asks for are
    about ("learn visual representations" of "... without human labels")."""
    return " ".join(re.sub(_WITHOUT.pattern, " ", text, flags=re.I).split())


# "... with their upvotes", "along with their dates": a field to show beside each paper, not a
# condition that it be listed ("papers with upvotes")
_SHOWN_FIELD = re.compile(rf"\b(?:with|and|along with|together with|including|plus) their (?:(upvote counts?|{UPVOTES})"
                          rf"|(author counts?|numbers? of authors|{AUTHORS})|((?:posting |publication )?dates?|years?)"
                          r"|(organi[sz]ations?|affiliations?))\b")


def _shown_field(plan: QueryPlan, take) -> None:
    if m := take(_SHOWN_FIELD):
        plan.asks_field = "upvotes" if m[1] else "authors" if m[2] else "date" if m[3] else "org"


def _present(plan: QueryPlan, take) -> None:
    """'Papers with upvotes', 'which papers received votes?', 'with a known year', 'with an
    organisation listed': the field is listed (a lower bound every listed value meets, or for
    the organisation "not blank"; a listing without the field fails either). Not a field
    `_missing` found absent: "papers that don't have upvotes" have none."""
    read = {f.key for f in plan.filters if f.operator == FilterOperator.IS_EMPTY}  # absent (or read below)

    def listed(key: str, pattern: str):  # not a field to show ("with their upvotes", _shown_field)
        return key not in read and key != plan.asks_field and take(pattern)

    org, votes = r"(?:organi[sz]ation|org|affiliation|institution)s?", rf"(?:upvote counts?|{UPVOTES})"
    if not read & {"org", "upvotes"} and take(rf"\bboth (?:an? |any )?(?:{org}|{votes}) and (?:an? |any )?(?:{org}|{votes})"
                                              rf"(?: (?:listed|given|printed|shown|named|known))?(?: at all)?\b"):
        # "papers that have both an organisation and upvotes"
        plan.filters += [MetadataFilter(key="org", value="", operator=FilterOperator.NE),
                         MetadataFilter(key="upvotes", value=0, operator=FilterOperator.GTE)]
        read |= {"org", "upvotes"}

    if listed("upvotes", rf"\b(?:with|have|has|having|received|receive|got|get|gets|getting|earned)"
                         rf"(?: any| some| an?| their)? (?:upvote counts?|{UPVOTES})(?: (?:listed|given|printed|shown))?\b"
                         rf"(?! (?:counts? )?(?:is |of )?(?:more|over|above|greater|higher|at|fewer|less|under|below|lower"
                         rf"|smaller|exactly|equal)\b)"  # "an upvote count above 5": a bound (count_conditions)
                         # "... more than 8 authors and an upvote count": a second condition, ending the phrase
                         rf"|\band(?: any| some| an?) (?:upvote counts?|{UPVOTES})(?: (?:listed|given|printed|shown))?"
                         rf"(?=\s*(?:[?.!,;]|$|(?:and|or|that|which|from|in|posted|published|with)\b))"
                         rf"|(?:(?<=papers )|(?<=those )|(?<=these )|(?<=ones )|(?<=them )|(?<=they ))(?:that |which )?"
                         rf"(?:list|give|show)"
                         rf"(?: an?| any| their)? (?:{UPVOTES}|upvote counts?)\b"):  # "which of those list upvotes?"
        plan.filters.append(MetadataFilter(key="upvotes", value=0, operator=FilterOperator.GTE))
    # "what percentage of papers list an author count?", "papers with a known number of authors"
    if listed("authors", r"\b(?:with|have|has|having)(?: an?| any| their)? (?:known |listed )?"
                         r"(?:author counts?|number of authors)(?: (?:listed|given|printed|shown))?\b"
                         r"(?! (?:counts? )?(?:is |of )?(?:more|over|above|greater|higher|at"
                         r"|fewer|less|under|below|lower|smaller|exactly|equal)\b)"
                         r"|(?:(?<=papers )|(?<=those )|(?<=these )|(?<=ones )|(?<=them )|(?<=they ))(?:that |which )?"
                         r"(?:list|give|show)(?: an?| any| their)? (?:author counts?|number of authors)\b"):
        plan.filters.append(MetadataFilter(key="authors", value=1, operator=FilterOperator.GTE))
    if m := listed("year", r"\b(?:with|have|has|having)(?: an?| the)? (?:known|listed|printed|given) (year|date)\b|"
                           r"\b(?:with|have|has|having) (?:an?|the) (year|date) (?:listed|printed|given)\b|"
                           # "what fraction of the papers list a year?"
                           r"(?:(?<=papers )|(?<=those )|(?<=these )|(?<=ones )|(?<=that )|(?<=which )|(?<=them )|(?<=they ))"
                           r"(?:lists?|gives?|prints?|shows?)(?: an?| the| their| its)? (year|date)s?\b"):
        key, low = ("year", 0) if (m[1] or m[2] or m[3]) == "year" else ("month", 1)
        plan.filters.append(MetadataFilter(key=key, value=low, operator=FilterOperator.GTE))
    if listed("org", r"\b(?:with|have|has|having|lists?|listing|names?|naming|gives?|giving|and(?= an? | any | some ))"
                     r"(?: an?| the| any| some)? "
                     r"(?:known |listed |printed |given )?(?:organi[sz]ation|org|affiliation|institution)s?"
                     r"(?: (?:listed|printed|given|named|known))?\b"):
        plan.filters.append(MetadataFilter(key="org", value="", operator=FilterOperator.NE))


def _place(plan: QueryPlan, take) -> None:
    """"The second most upvoted paper", "the third-oldest": a place in the sort, not a topic word."""
    if (plan.sort or plan.group_by) and (m := take(rf"\b({'|'.join(PLACES)})[- ](?={RANKED}\b)")):
        plan.place = PLACES[m[1]]


def _counts_compared(plan: QueryPlan, take) -> None:
    """'More upvotes than authors', 'fewer authors than upvotes', 'as many upvotes as authors',
    'at least as many upvotes as authors', 'no more authors than upvotes': the two counts of a
    paper against each other, as upvotes per author against 1; "(at least) three times as many
    authors as upvotes": against a third."""
    if _count_multiple(plan, take):
        return
    if m := take(rf"\b((?:no )?(?:more|fewer|less)) ({UPVOTES}|{AUTHORS}) than (?:(?:its|their|the) )?(?:number of )?"
                 rf"({UPVOTES}|{AUTHORS})\b"
                 rf"|\b(?:(?:exactly|just) )?((?:at (?:least|most) )?as many|the same number of) ({UPVOTES}|{AUTHORS}) as "
                 r"(?:(?:its|their) )?"
                 rf"(?:number of )?({UPVOTES}|{AUTHORS})\b"
                 rf"|\b(?:number of )?({UPVOTES}|{AUTHORS}) (?:equal to|the same as|matching) (?:(?:its|their|the) )?"
                 rf"(?:number of )?({UPVOTES}|{AUTHORS})\b"):
        # "upvotes equal to their number of authors" is "as many upvotes as authors"
        word, first, second = (m[1], m[2], m[3]) if m[1] else (m[4], m[5], m[6]) if m[4] else ("as many", m[7], m[8])
        if field_of(first) == field_of(second):
            return
        # "at least as many" is "no fewer", "at most as many" is "no more": the negation of the
        # strict comparison, so the equal counts are in
        word = {"at least as many": "no fewer", "at most as many": "no more"}.get(word, word)
        negated = word.startswith("no ")
        more_upvotes = (word.removeprefix("no ") == "more") == (field_of(first) == "upvotes")
        if word in ("as many", "the same number of"):
            op = FilterOperator.EQ
        elif negated:
            op = FilterOperator.LTE if more_upvotes else FilterOperator.GTE
        else:
            op = FilterOperator.GT if more_upvotes else FilterOperator.LT
        plan.filters.append(MetadataFilter(key="upvotes_per_author", value=1, operator=op))


def _count_multiple(plan: QueryPlan, take) -> bool:
    """"Twice as many upvotes as authors" (exactly, as with a named paper's count: `_multiple`),
    "at least three times as many authors as upvotes": upvotes per author against the multiple
    (authors >= 3 x upvotes is upvotes per author <= 1/3)."""
    bound = "|".join(sorted(_BOUND, key=len, reverse=True))
    m = take(rf"\b(?:(?P<bound>{bound}) )?{_times(1)} as many (?P<first>{UPVOTES}|{AUTHORS}) as (?:(?:its|their) )?"
             rf"(?:number of )?(?P<second>{UPVOTES}|{AUTHORS})\b")
    if not m or field_of(m["first"]) == field_of(m["second"]):
        return False
    factor = {"twice": 2.0, "double": 2.0, "half": 0.5}.get(m["mult1"]) or float(number(m["n1"]) if m["n1"].isalpha()
                                                                                else m["n1"])
    op = _BOUND[m["bound"]] if m["bound"] else "same"
    if field_of(m["first"]) == "authors":  # authors against upvotes: the ratio's other way round
        factor, op = 1 / factor, {">": "<", "<": ">", ">=": "<=", "<=": ">="}.get(op, op)
    plan.filters.append(MetadataFilter(key="upvotes_per_author", value=factor, operator={"same": FilterOperator.EQ,
                                                                                        **BOUND_OPS}[op]))
    return True


def _parity(plan: QueryPlan, take) -> None:
    """"An odd number of authors", "an even upvote count": the count's parity (a derived field)."""
    if m := take(rf"\b(?:an? )?(odd|even)(?:-numbered)? (?:number|count) of ({AUTHORS}|{UPVOTES})\b"
                 rf"|\b(?:an? )?(odd|even) (author|upvote) counts?\b"):
        field = field_of(m[2] or m[4])
        plan.filters.append(MetadataFilter(key=f"{field}_parity", value=1 if (m[1] or m[3]) == "odd" else 2))


def _authors(plan: QueryPlan, take) -> None:
    if take(rf"\b(?:(?:exactly|just|only) )?(?:a |one )?(?:single|sole|one|lone) {AUTHORS}(?: alone| on (?:their|his|her) own)?\b"
            rf"|\b(?:single|sole|solo|one)-author(?:ed)?\b|\bsolo\b"):  # "written by one person alone"
        plan.filters.append(MetadataFilter(key="authors", value=1))
    elif not _count_filters(plan, take, "authors", AUTHORS, NUMBER):
        if m := take(rf"\b({MOST}|{LEAST})(?: number of| count of)? {AUTHORS}\b"  # "the longest author list"
                     rf"|\b({MOST}|{LEAST}) (?:author |research )?(?:teams?|collaborations?|author lists?)\b(?! of\b)"):
            plan.sort, plan.descending = "authors", not re.match(LEAST, m[1] or m[2])
            plan.limit = _extreme(plan.question)
        # "by researchers" alone names who wrote them, not their number: "papers by researchers at Microsoft"
        elif take(rf"\b(?:in (?:{_DIRECTION} )?order of|(?:sorted|ranked|ordered) by) (?:the )?(?:number of |count of )?"
                  rf"{AUTHORS}\b"
                  rf"|\bby (?:the )?(?:number of |count of ){AUTHORS}\b|\bby (?:the )?authors?\b(?! (?:from|at|of|in|with)\b)"
                  r"|\bby author count\b"):
            plan.sort, plan.descending = "authors", True
        elif m := take(rf"\b(?:which|who)\b[^?,]{{0,30}}\b(more|fewer|less) {AUTHORS}\b(?! than)"):
            # "which has more authors, X or Y?"
            plan.sort, plan.descending = "authors", m[1] == "more"


# "The best paper", "the most influential papers", "the 3 top-rated papers on agents": a merit no
# listing gives. Not "the top 3 papers on agents" (the most relevant), nor "the best papers for an
# introduction" (the most suited), nor a question that says what to rank by ("... by date"). "The most
# cited" is said to be unanswerable (_BY_CITATIONS): the listings count no citations
_UNMEASURED = re.compile(r"^(?!.*\bby (?:upvotes|votes|popularity|date|authors|year|number)\b).*?"
                         r"\b(best|greatest|top[- ]rated|most (?:important|influential|impactful|significant|notable|"
                         r"prominent|interesting|promising))(?: (?:\d+|two|three|four|five|ten))?"
                         r" (?:papers?|works?|studies|study|articles?)\b(?! (?:for|to) )")


def _upvotes(plan: QueryPlan, take) -> None:
    """Counts and sorts of upvotes, which are the listings' measure of popularity."""
    if _count_filters(plan, take, "upvotes", UPVOTES, NUMBER):
        return
    if m := take(rf"\b({MOST}|{LEAST})(?: number of| count of)? {PER_AUTHOR}\b"):
        # "the most upvotes per author": upvotes over author count, a derived field (catalog.sort_value)
        plan.sort, plan.descending = "upvotes_per_author", not re.match(LEAST, m[1])
        plan.limit = _extreme(plan.question)
    elif take(rf"{_ORDERED_BY}{PER_AUTHOR}\b"):
        plan.sort, plan.descending = "upvotes_per_author", True  # "sorted by upvotes per author"
    elif m := take(rf"\b({MOST}|{LEAST})(?: number of| count of)? {UPVOTES}\b|\b(most|least) {UPVOTES}\b"
                   rf"|\b({MOST}|{LEAST})-voted\b|\b(most|least) (?:popular|liked)\b"
                   rf"|\b(?:upvoted|voted|liked) (?:the )?(most|least)\b"):
        word = next(g for g in m.groups() if g)
        plan.sort, plan.descending = "upvotes", not re.match(LEAST, word)
        plan.limit = _extreme(plan.question)
    elif m := take(rf"\b(?:the )?runner(s)?[- ]up (?:in|by|for|on) (?:the )?"
                   rf"(?:{UPVOTES}|popularity|upvote (?:counts?|rankings?))\b"):
        plan.sort, plan.descending, plan.place = "upvotes", True, 2  # "the runner-up in upvotes": the second most upvoted
        plan.limit = None if m[1] else 1
    elif take(rf"{_ORDERED_BY}(?:{UPVOTES}|popularity)\b"
              r"|^\s*(?:what(?:'s| is| are)\s+)?(?:the\s+)?trending\b(?: papers?| now| right now)?"):
        plan.sort, plan.descending = "upvotes", True  # "the top 3 papers by upvotes"; "what's trending?": the upvotes say
    elif m := take(rf"\b(?:which|who)\b[^?,]{{0,30}}\b(more|fewer|less) (?:{UPVOTES}|popular)\b(?! than)"
                   r"(?! (?:per|for each|an?) author)"):
        # "which got more upvotes, X or Y?"
        plan.sort, plan.descending = "upvotes", m[1] == "more"
    elif m := take(_UNMEASURED):
        # "which is the best paper on RL?": the listings measure no merit, and upvotes come nearest
        plan.sort, plan.descending, plan.unmeasured = "upvotes", True, m[1]
        plan.limit = _singular(plan.question)


def _count_filters(plan: QueryPlan, take, key: str, noun: str, num: str) -> bool:
    """'between 5 and 10 authors', '10 or more', 'more than 10', 'at most 3', 'exactly 2'."""
    found = count_conditions(take, key, noun, num)
    plan.filters += found
    return bool(found)


def count_conditions(take, key: str, noun: str, num: str = NUMBER) -> list[MetadataFilter]:
    """The conditions on a count ("more than 10 authors") as filters on `key`; [] if none."""
    ops = FilterOperator
    if m := take(rf"(?:\b(?:somewhere )?between {num} and {num} {noun}\b|\b(?:from )?{num}(?: to |\s*[-\u2013]\s*){num} {noun}\b)"
                 r"(?:,?\s*(?:both )?inclusive(?:ly)?\b|,? both included\b)?"):
        # in either order; "3 to 5 upvotes", "3-5 upvotes" too; "(both) inclusive" says what "between" does
        low, high = sorted((number(m[1] or m[3]), number(m[2] or m[4])))
        return [MetadataFilter(key=key, value=low, operator=ops.GTE), MetadataFilter(key=key, value=high, operator=ops.LTE)]
    if m := take(rf"\b(at least|more than|over) {num} (?:but|and) (no more than|at most|fewer than|less than|under) {num} "
                 rf"{noun}\b"):
        # "at least 5 but no more than 10 authors": both bounds on the noun said last
        low = ops.GTE if m[1] == "at least" else ops.GT
        high = ops.LTE if m[3] in ("no more than", "at most") else ops.LT
        return [MetadataFilter(key=key, value=number(m[2]), operator=low),
                MetadataFilter(key=key, value=number(m[4]), operator=high)]
    # "10 or more authors", "10+ authors", "10 authors or more"
    if m := take(rf"\b{num} or (more|over|above|fewer|less|below) {noun}\b|\b{num}\+ {noun}\b"
                 rf"|\b{num} {noun} or (more|over|above|higher|greater|fewer|less|below|lower)\b"):
        op = ops.LTE if (m[2] or m[5]) in ("fewer", "less", "below", "lower") else ops.GTE
        found = [MetadataFilter(key=key, value=number(m[1] or m[3] or m[4]), operator=op)]
    # "an author count over 20", "whose upvote count is at least 5", "a number of authors above 10"
    elif m := take(rf"\b(?:(?:{noun}) counts?|numbers? of (?:{noun}))(?: (?:is|are|was|were|of))? (more than|over|above|greater "
                   rf"than|higher than|at least|fewer than|less than|under|below|lower than|smaller than|at most|exactly"
                   rf"|equal to) {num}\b"):
        op = {"at least": ops.GTE, "at most": ops.LTE, "exactly": ops.EQ, "equal to": ops.EQ}.get(
            m[1], ops.GT if m[1] in ("more than", "over", "above", "greater than", "higher than") else ops.LT)
        found = [MetadataFilter(key=key, value=number(m[2]), operator=op)]
    elif m := take(rf"\bno (?:more than|fewer than|less than) {num} {noun}\b"):  # "no more than 3": at most 3
        found = [MetadataFilter(key=key, value=number(m[1]), operator=ops.LTE if "more" in m[0] else ops.GTE)]
    elif m := take(rf"\b(?:more than|over|at least) {num} {noun}\b"):
        found = [MetadataFilter(key=key, value=number(m[1]), operator=ops.GTE if "least" in m[0] else ops.GT)]
    elif m := take(rf"\b(?:fewer than|less than|at most|under) {num} {noun}\b"):
        found = [MetadataFilter(key=key, value=number(m[1]), operator=ops.LTE if "most" in m[0] else ops.LT)]
    elif m := take(rf"\b(?:exactly|roughly|approximately|about|around) {num} {noun}\b|\b{num} {noun}\b"):
        found = [MetadataFilter(key=key, value=number(m[1] or m[2]))]
    elif m := take(rf"\b(single|one|double|two|triple|three)[- ]digit (?:numbers? of |counts? of )?{noun}(?: counts?)?\b"
                   rf"|\b{noun} (?:counts? )?in (?:the )?(single|double|triple) digits\b"):
        # "double-digit author counts": 10 to 99
        digits = {"single": 1, "one": 1, "double": 2, "two": 2, "triple": 3, "three": 3}[m[1] or m[2]]
        found = [MetadataFilter(key=key, value=10 ** (digits - 1) if digits > 1 else 0, operator=ops.GTE),
                 MetadataFilter(key=key, value=10 ** digits - 1, operator=ops.LTE)]
    else:
        return []
    # "at least 10 authors and at most 20": the second bound, with no noun of its own, is on the same field
    if m := take(rf"\b(?:and|but) (at most|fewer than|less than|under|at least|more than|over) {num}\b(?!\s*[a-z])"):
        op = {"at most": ops.LTE, "at least": ops.GTE, "more than": ops.GT, "over": ops.GT,
              "fewer than": ops.LT, "less than": ops.LT, "under": ops.LT}[m[1]]
        found.append(MetadataFilter(key=key, value=number(m[2]), operator=op))
    return found


def _singular(question: str) -> int | None:
    """'the paper with the most ...', 'which one ...', 'which of these has the most ...' ask for
    one; 'papers with the most ...' for a few. A singular verb right after "which" asks for one
    whatever names the papers: "of the papers from 2024, which has the most authors?"."""
    low = question.lower()
    if re.search(r"\bwhich one\b|\bwhich of (?:these|those|them)(?: papers)? (?:has|is|was|got|received|came|appeared)\b"
                 # "which of LIMO, Seg-Zero and RT-2 is the oldest?", "which of the papers on RL has the most authors?"
                 r"|\bwhich of [^?]{1,80}? (?:has|is|was|got|received|came|appeared)\b"
                 # "which survey has", not "which organisation has" (a group: _groups)
                 rf"|\b(?:which|what) (?:(?!(?:{GROUP_WORDS})\b)(?:[a-z][\w-]*[^s\W]|\w+ss) )?"
                 r"(?:has|had|got|gets|received|receives)\b"
                 # "which is the most recent survey?", "of the papers from Tencent, which is the least recent?"
                 r"|(?:^|, )(?:(?:and|so|but|then) )?(?:which|what)(?:'s| is| was) the\b"
                 # "what was posted last?", "and which was posted first?"
                 r"|(?:^|, )(?:(?:and|so|but|then) )?(?:which|what) (?:was|came|got|appeared)\b", low):
        return 1
    if re.fullmatch(r"\s*(?:and|so|but|then|what about|how about)?\s*the [\w\- ]+?\s*[?.!]*\s*", low) and \
            not re.search(r"\b(?:ones|papers|works|articles|entries)\b", low):  # "and the oldest?", not "the newest ones?"
        return 1
    one = re.search(r"(?<!\bper )\b(paper|work|article|entry)\b", low)  # ("upvotes per paper" is no one paper)
    return 1 if one and not re.search(r"\b(papers|works|articles|entries)\b", low) else None


def _extreme(question: str) -> int | None:
    """A superlative said of the papers' own count asks for the papers at the extreme, ties and
    all: "which 2023 papers have the fewest authors?" (the two with 4, not all sixteen sorted).
    "The most upvoted papers on agents" is a ranking, given whole."""
    if (one := _singular(question)) is not None:
        return one
    low = question.lower()
    if re.search(rf"\b(?:which|what|each) (?:{GROUP_WORDS})\b|\b(?:{GROUP_WORDS})'s?\b", low):
        return None  # "which organisation's papers received the most upvotes?": a group's, not papers' own
    have = r"(?:have|has|had|got|get|gets|received|receive|with|having)"
    return 1 if re.search(rf"\b{have} (?:the )?(?:{MOST}|{LEAST})\b", low) else None


def _blank(question: str, spans: list[tuple[int, int]]) -> str:
    chars = list(question)
    for a, b in spans:
        chars[a:b] = [" "] * (b - a)
    return "".join(chars)


def topic_words(plan: QueryPlan) -> str:
    """The question's topic in its own words ("GRPO" for "what is GRPO?", "test-time scaling"
    for "tell me about test-time scaling"); '' for a question on the listings alone or about
    papers of the previous answer."""
    if plan.metadata_only or plan.about:  # ("what does it propose?" is about the paper just given)
        return ""
    topic = plan.defines or plan.introduces or plan.best_result or _topic(plan.text, [])
    verb = predicate_verb(plan.question)  # "which papers use GRPO for vision?": "GRPO for vision"
    return topic[len(verb):].strip() if verb and topic.lower().startswith(verb.lower() + " ") else topic


def _topic(question: str, spans: list[tuple[int, int]]) -> str:
    """The question without the metadata phrases and framing words; '' when nothing topical is left."""
    words = re.findall(r"[\w\-.]+", _blank(question, spans))
    # Compared as stems, so "publish" and "releases" are framing like "published" and "released".
    stop = english_stop_words()
    low = [w.lower().strip(".") for w in words]
    kept = [bool(w) and w not in FRAME_WORDS and w not in stop and stem(w) not in FRAME_STEMS for w in low]
    # A stop word between two topic words is part of the phrase: "chain of thought", "theory of mind".
    joins = [0 < i < len(low) - 1 and kept[i - 1] and kept[i + 1] and w in stop
             for i, w in enumerate(low)]
    return " ".join(w for w, keep, join in zip(words, kept, joins) if keep or join)
