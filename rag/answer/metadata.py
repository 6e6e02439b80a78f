"""Answers computed from the listings' metadata: filters, sorts, ties, counts, averages and
counts by organisation. No model is needed and none is asked, whatever the backend: a model
shown a few of the matching papers would count or average them wrongly.
"""
from __future__ import annotations

import re
from calendar import day_name
from collections import Counter
from datetime import date, timedelta
from dataclasses import replace

from llama_index.core.vector_stores import FilterOperator, MetadataFilter, MetadataFilters

from rag.answer.base import Answer, Answerer, Citation, describe, figure, yes_if_asked
from rag.answer.overview import overview_answer
from rag.answer.relevance import Relevance, in_question_order, is_named
from rag.corpus.records import paper_name
from rag.config import AnswerConfig
from rag.index.catalog import (Catalog, every_group, group_counts, group_value, keep_matching, largest_groups, papers_by_group,
                               posted_day, posted_value, sort_value, statistic, value_at_place)
from rag.retrieve.base import PaperHit
from rag.retrieve.filters import matcher
from rag.text import DIGIT, terms
from rag.understand.alternatives import predicate_verb
from rag.understand.dates import day_in_words
from rag.understand.plan import COUNT_FIELDS, QueryPlan, Relative
from rag.understand.rules import topic_words, without_condition
from rag.understand.wording import MONTH_NAMES, PLACES, YES_NO, ordinal

FIELD_OF_SORT = {"posted": "date"}
FIELD_NAMES = {"authors": "author count", "upvotes": "upvote count", "upvotes_per_author": "upvote count per author",
               "abstract_words": "abstract length in words"}
# A length condition's part and unit: "has more than 120 characters in its title"
_LENGTHS = {"title_words": ("title", "word"), "title_chars": ("title", "character"), "abstract_words": ("abstract", "word")}
# What a statistic is of, where it is not a listed count: "the mean title length in characters"
MEASURED = {**FIELD_NAMES, **{key: f"{part} length in {unit}s" for key, (part, unit) in _LENGTHS.items()}}
# A statistic's unit: "3 authors on average", "from 172 words to 309"
_UNITS = {"upvotes": "upvote", "authors": "author", **{key: unit for key, (_, unit) in _LENGTHS.items()}}
GROUP_NAMES = {"org": "organisation", "year": "year", "month": "month", "quarter": "quarter", "weekday": "day of the week",
               "day": "day"}
_EXAMPLES = 3  # papers cited per group in a group total
NO_MATCH = "No paper in the corpus matches those metadata conditions."
_DATE_KEYS = ("year", "posted", "weekday")  # the filters a listing that prints no year cannot be judged on
_NO_DATE_STATISTIC = {
    "total": "Posting dates cannot be added up: ask for the median or the mean posting date, or for the first and the last.",
    "mode": 'The most common posting date is a count of papers by day: ask "which day had the most papers?".'}
# A sort in words, (descending, ascending); a date sort also says who is left out.
SORTED = {"upvotes": ("most upvotes first", "fewest upvotes first"),
          "authors": ("most authors first", "fewest authors first"),
          "posted": ("most recent first", "earliest first"),
          "title_words": ("longest title first", "shortest title first"),
          "title_chars": ("longest title first", "shortest title first"),
          "abstract_words": ("longest abstract first", "shortest abstract first"),
          "upvotes_per_author": ("most upvotes per author first", "fewest upvotes per author first")}
_UNSORTED = {"posted": "prints no year", "authors": "gives no author count", "upvotes": "gives no upvote count",
             "abstract_words": "has no abstract",
             "upvotes_per_author": "lacks the upvote or author count"}
SORT_WORDS = {(field, d): SORTED[field][not d] + (f" (papers whose listing {_UNSORTED[field]} are left out)"
                                                  if field in _UNSORTED else "")
              for field in SORTED for d in (True, False)}


class MetadataAnswerer(Answerer):
    name = "metadata"

    def __init__(self, cfg: AnswerConfig, relevance: Relevance):
        self.cfg = cfg
        self.relevance = relevance
        # Papers a list of the listings' papers shows (and a statistic lists, to be checked): more
        # than a topical list's `max_list`, since each is one line and all are known to match
        self.listed_most = cfg.max_list * 4

    def answer(self, plan: QueryPlan, hits: list[PaperHit], topical: bool = False) -> Answer:
        """`topical`: the hits are the papers on the question's topic ("the most upvoted paper on X")."""
        if plan.overview and hits:  # "what topics does the corpus cover?"
            terms, total = self.relevance.terms, max(len(self.relevance.catalog), 1)
            return overview_answer(plan, hits, lambda word: terms.papers_using(word) / total, self.name)
        if plan.group_by and plan.statistic and hits:  # "which organisation has the most upvotes?"
            return self._group_statistics(plan, hits, topical)
        if plan.breakdown and hits:  # "how many papers per year?"
            return self._breakdown(plan, hits, topical)
        if plan.group_by:  # "which organisation posted the most papers": that organisation's papers
            grouped = largest_groups(hits, plan.group_by, plan.descending, plan.place)
            if plan.place > 1 and hits and not grouped and (counts := group_counts(hits, plan.group_by)):
                values = list(counts.values())
                return Answer(plan.question, _no_such_place(plan, values, _groups_ranked(plan, len(values))), True, self.name)
            if topical and hits and not grouped:  # a broad topic: its list holds no paper with the field
                return self._by_mentions(plan, len(hits))
            hits = grouped
        unsorted = self._unsorted(plan, hits)  # "sort them by date": the previous answer's undated papers too
        if not hits and not unsorted:
            return Answer(plan.question, self._nothing_matches(plan), True, self.name)
        if plan.asks_field:
            return self._field_answer(plan, hits)
        if plan.statistic:
            if plan.among:  # "the average number of authors of the five most upvoted papers": those five
                return self._statistic_answer(plan, *_top_of(plan, hits, topical))
            return self._statistic_answer(plan, hits)
        ahead = []
        if plan.place > 1 and plan.sort:  # "the second most upvoted": the papers before that place are said, not cited
            ranked = [h for h in hits if sort_value(h.meta, plan.sort) is not None]
            value = value_at_place((sort_value(h.meta, plan.sort) for h in ranked), plan.place, plan.descending)
            if value is None:
                return Answer(plan.question, _too_few_ranked(plan, ranked), True, self.name)
            before = (lambda v: v > value) if plan.descending else (lambda v: v < value)
            ahead = [h for h in ranked if before(sort_value(h.meta, plan.sort))]
            hits = [h for h in ranked if not before(sort_value(h.meta, plan.sort))]
        tied = top_with_ties(hits, plan.sort, plan.limit)
        # "The paper with the most X" names every paper tied for first; "the top 5" gives five
        # and says how many more tie with the fifth.
        shown = self.cfg.max_list if plan.group_by else self.listed_most  # a group's papers are examples
        chosen = (tied if plan.limit == 1 else hits[: plan.limit or len(hits)])[:shown]
        lines, cites = [], []
        for n, hit in enumerate(chosen, start=1):
            evidence = describe(hit.meta, _focus(plan))
            said = self._sentence_asked(plan, hit)  # "which papers released code?": the sentence that says so
            evidence = f"{said} ({evidence})" if said else evidence
            cites.append(Citation.of(n, hit, evidence))
            lines.append(f"- {hit.title}: {evidence} [{n}]" if said else f"- {hit.title} ({evidence}) [{n}]")
        if unsorted:  # they follow the sorted ones, not dropped
            n, lacking = ("the one", "it") if len(unsorted) == 1 else (len(unsorted), "each")
            lines.append(f"(then {n} whose listing {_UNSORTED[plan.sort]}:)" if hits
                         else f"(no listing of them can be sorted: {lacking} {_UNSORTED[plan.sort]})")
            for hit in unsorted:
                cites.append(Citation.of(len(cites) + 1, hit, describe(hit.meta, _focus(plan))))
                lines.append(f"- {hit.title} ({cites[-1].evidence}) [{len(cites)}]")
        yearless = [] if topical else self.yearless(plan)
        head = _metadata_head(plan, hits + unsorted, chosen, topical, sorted_all=bool(unsorted), unknown=len(yearless))
        if ahead:
            field = FIELD_OF_SORT.get(plan.sort, plan.sort)
            before = "; ".join(f"{h.title} ({describe(h.meta, field, only=True)})" for h in ahead)
            lines.append(f"(ahead of {'it' if len(chosen) == 1 else 'them'}: {before})")
        if plan.share and not topical and not plan.group_by:  # "what fraction of papers have upvotes?"
            head = self._share(plan, len(hits))
        head = yes_if_asked(plan.question, head)
        matched = []
        if len(tied) > len(chosen) and plan.limit:
            lines.append(f"({len(tied) - len(chosen)} more tie with the last: "
                         f"{'; '.join(h.title for h in tied[len(chosen):])})")
        elif not plan.limit and len(hits) > len(chosen):
            lines.append(f"(the first {len(chosen)} of {len(hits)} are listed)")
            matched = [h.paper_id for h in hits]
        if yearless:
            if not plan.limit:
                lines.append(yearless_note(self.relevance.catalog, yearless, "more "))
            elif plan.sort in FIELD_NAMES and (contenders := self._contenders(plan, yearless, chosen[-1])):
                lines.append(yearless_note(self.relevance.catalog, contenders, "more ", "may rank here", plan.sort))
        if not topical and (orgless := self.orgless(plan)):
            lines.append(f"(not counted: {orgless} paper{'s' if orgless != 1 else ''} whose listing names no "
                         f"organisation, so it is not known whose {'they are' if orgless != 1 else 'it is'})")
        return Answer(plan.question, head + ":\n" + "\n".join(lines), False, self.name, cites, matched=matched)

    def _share(self, plan: QueryPlan, n: int) -> str:
        """'22 of the 217 papers (10%) match'; of the papers the question's subject names when it
        names some: 'what share of papers from 2025 have more than 5 authors?' is of the 36 from
        2025 ('22 of the 36 papers that were posted in 2025 (61%) match')."""
        catalog = self.relevance.catalog
        previous = [f for f in plan.filters if f.key == "paper_id"]
        if previous and not plan.share_of:  # "what share of them have upvotes?"
            return share_of(n, len(catalog.ids(MetadataFilters(filters=previous))), "papers of the previous answer")
        if not plan.share_of:
            return share_of(n, len(catalog))
        total = len(catalog.ids(MetadataFilters(filters=plan.share_of)))
        return share_of(n, total, "papers that " + _share_base_in_words(plan))

    def _undated(self, plan: QueryPlan, ids: list[str]) -> str:
        """'; 3 of their listings print no year' when a date condition found none of these papers:
        a listing with no year is not a paper from another year, so the reader is told."""
        if not (any(f.key in _DATE_KEYS for f in plan.filters)
                or any(r.field == "posted" for r in plan.relative)):
            return ""
        n = sum(not self.relevance.catalog.papers.get(pid, {}).get("year") for pid in ids)
        if not n:
            return ""
        said = "its listing prints" if len(ids) == 1 else f"the listings of all {n} print" if n == len(ids) else \
            f"{n} of their listings print{'s' * (n == 1)}"
        return f"; {said} no year"

    def yearless(self, plan: QueryPlan) -> list[str]:
        """The papers a year condition cannot judge: they meet every other condition, but their
        listing prints no year ("Sep 23"). A listing's missing year is not a different year, so
        the answer names them rather than count them in or leave them out unsaid."""
        dated = [f for f in plan.filters if f.key in _DATE_KEYS]
        if not dated or plan.relative or plan.text_conditions:
            return []
        if any(f.operator == FilterOperator.IS_EMPTY for f in dated):  # "papers that print no year": those very ones
            return []
        catalog = self.relevance.catalog
        rest = [f for f in plan.all_filters if f not in dated]
        undated = catalog.yearless(MetadataFilters(filters=rest) if rest else None)
        posted = [f for f in dated if f.key == "posted"]
        years = {int(f.value) // 10000 for f in posted}
        if len(years) > 1:  # "between May 2024 and March 2025": a day and month without a year say nothing
            return []
        days = [f for f in dated if f.key in ("posted", "weekday")]
        years |= {int(f.value) for f in dated if f.key == "year" and f.operator == FilterOperator.EQ} if days else set()
        if len(years) == 1:  # "the last week of September 2025", "on a Friday in 2025": a "Sep 26" listing may be from then
            year, keep = years.pop(), matcher(MetadataFilters(filters=days))
            undated = [pid for pid in undated if (day := sort_value({**catalog.papers[pid], "year": year}, "posted"))
                       and keep({"posted": day, "weekday": posted_day(day).isoweekday()})]
        return undated

    def orgless(self, plan: QueryPlan) -> int:
        """How many papers an organisation left out ("other than Tencent") cannot judge: they meet
        every other condition, but their listing names no organisation."""
        if not any(f.key == "org" and f.operator == FilterOperator.NIN for f in plan.filters):
            return 0
        rest = [f for f in plan.all_filters if f.key != "org"]
        keep = matcher(MetadataFilters(filters=rest) if rest else None)
        return sum(1 for meta in self.relevance.catalog.papers.values() if not meta.get("org") and keep(meta))

    def _sentence_asked(self, plan: QueryPlan, hit: PaperHit) -> str | None:
        """The abstract's sentence a text condition asked for: its release statement, or the count it states."""
        catalog = self.relevance.catalog
        if plan.releases:
            return catalog.release_statement(hit.paper_id)
        return plan.quantity.stated_in(catalog.counts_stated(plan.quantity.kind).get(hit.paper_id, [])) if plan.quantity else None

    def _unsorted(self, plan: QueryPlan, hits: list[PaperHit]) -> list[PaperHit]:
        """The previous answer's papers a whole sort of it ("sort them by date") cannot place:
        their listing lacks the field. Only for the papers of an answer, which the user has seen."""
        if not plan.sort or plan.limit or plan.sort not in _UNSORTED or not any(f.key == "paper_id" for f in plan.filters):
            return []
        placed = {h.paper_id for h in hits}
        return [h for h in self.relevance.catalog.select(plan.metadata_filters)
                if h.paper_id not in placed and sort_value(h.meta, plan.sort) is None]

    def _contenders(self, plan: QueryPlan, ids: list[str], last: PaperHit) -> list[str]:
        """Of the undated papers, those a top-N sort would rank with or above its `last` paper
        ("the most upvoted paper from 2025": a "May 21" listing with more upvotes may be one)."""
        bar = sort_value(last.meta, plan.sort)
        if bar is None:  # a baseline's unsorted hits (eval --compare): nothing to rank against
            return []
        papers = self.relevance.catalog.papers
        return [pid for pid in ids if (v := sort_value(papers[pid], plan.sort)) is not None
                and (v >= bar if plan.descending else v <= bar)]

    def _by_mentions(self, plan: QueryPlan, n: int) -> Answer:
        """No paper on the topic's list gives the field to group by (6 of the shipped 217 listings
        name an organisation): the groups of the papers that mention the topic's words instead,
        said as such, each paper cited."""
        what = GROUP_NAMES[plan.group_by]
        catalog = self.relevance.catalog
        mentioning = self.relevance.mentioning(plan)
        known = [pid for pid in mentioning if group_value(catalog.papers[pid], plan.group_by)]
        head = f"None of the {n} paper{'s' if n != 1 else ''} most on this topic has {_a(what)} in its listing"
        if not known:
            return Answer(plan.question, f"{head}, nor does any of the {len(mentioning)} that mention "
                          f'"{plan.text}", so they cannot be counted by {what}.', True, self.name)
        hits = catalog.select(MetadataFilters(filters=[MetadataFilter(key="paper_id", value=known, operator=FilterOperator.IN)]))
        counts = group_counts(hits, plan.group_by)
        order = sorted(counts, key=lambda g: (-counts[g], g) if plan.descending else (counts[g], g))
        cites, lines, field = [], [], FIELD_OF_SORT.get(plan.group_by, plan.group_by)
        for group in order:
            for hit in (h for h in hits if group_value(h.meta, plan.group_by) == group):
                cites.append(Citation.of(len(cites) + 1, hit, describe(hit.meta, field)))
                lines.append(f"- {group_name(plan.group_by, group)}: {hit.title} [{len(cites)}]")
        return Answer(plan.question, f'{head}. Of the {len(mentioning)} papers that mention "{plan.text}", '
                      f"{len(known)} give{'s' if len(known) == 1 else ''} one:\n" + "\n".join(lines), False, self.name, cites)

    def _breakdown(self, plan: QueryPlan, hits: list[PaperHit], topical: bool) -> Answer:
        """Every group's count, largest first (years and months in order), each with one of its
        papers cited as an example."""
        counts = group_counts(hits, plan.group_by)
        if not counts:
            return Answer(plan.question, self._nothing_matches(plan), True, self.name)
        if plan.group_sizes:  # "which organisations have more than two papers?"
            return self._groups_of_size(plan, hits, counts, topical)
        if plan.by_count:  # "rank the years by number of papers"
            sign = -1 if plan.descending else 1
            order = sorted(counts, key=lambda g: (sign * counts[g], g))
        elif plan.group_by == "org":  # largest first; years and months in their own order
            order = sorted(counts, key=lambda g: (-counts[g], g))
        else:
            order = sorted(counts)
        if plan.limit:  # "the top 2 organisations by number of papers": and any that tie with the second
            last = counts[order[min(plan.limit, len(order)) - 1]]
            order = [g for g in order if (counts[g] >= last if plan.descending else counts[g] <= last)]
        lines, cites = _group_lines(plan, hits, counts, order)
        grouped = set(order)  # "which of them has the most upvotes?" asks within every paper counted, not the examples
        matched = [h.paper_id for h in hits if group_value(h.meta, plan.group_by) in grouped]
        known = sum(counts.values())
        head = (f"{len(hits)} paper{'s' if len(hits) != 1 else ''} match{'es' if len(hits) == 1 else ''}"
                f"{' among the papers on the topic' if topical else ''}; by {GROUP_NAMES[plan.group_by]}, "
                f"{len(counts)} in all")
        if known < len(hits):
            head += f" ({len(hits) - known} whose listing {lacking(plan.group_by)} left out)"
        if plan.limit and plan.limit < len(counts):  # "the top 2 years by number of papers"
            tied = len(order) - plan.limit
            head += f"; the {'top' if plan.descending else 'bottom'} {plan.limit}"
            head += f" and {tied} tied with the last" if tied else ""
        if plan.gap and len(counts) == 2:  # "how many more papers in 2024 than in 2019?"
            head = _gap(plan, counts) + "; " + head
        return Answer(plan.question, head + ":\n" + "\n".join(lines), False, self.name, cites, matched=matched)

    def _groups_of_size(self, plan: QueryPlan, hits: list[PaperHit], counts: Counter, topical: bool) -> Answer:
        """The groups whose number of papers meets the question's condition, largest first, each
        with one paper cited; when none does, the largest group, so the reader sees why."""
        keep = matcher(MetadataFilters(filters=plan.group_sizes))
        kept = Counter({g: n for g, n in counts.items() if keep({"papers": n})})
        # "which months of 2025 had no papers?": the groups no paper falls in, where they can be listed
        empty = [g for g in every_group(plan.group_by, counts) if g not in counts] if keep({"papers": 0}) else []
        shown = kept if kept or empty else Counter(dict(counts.most_common(1)))  # none kept: the largest, to see why
        on_topic = " on the topic" if topical else ""
        lines, cites = _group_lines(plan, hits, shown, sorted(shown, key=lambda g: (-shown[g], str(g))), on_topic,
                                    each=_EXAMPLES)
        lines += [f"- {group_name(plan.group_by, g)}: no papers{on_topic}" for g in empty]
        what, size, known = GROUP_NAMES[plan.group_by], group_size_in_words(plan), sum(counts.values())
        unknown = f" ({len(hits) - known} papers whose listing {lacking(plan.group_by)} left out)" if known < len(hits) else ""
        if kept or empty:
            n = len(kept) + len(empty)
            head = f"{n} {what}{'s have' if n != 1 else ' has'} {size}{on_topic}{unknown}:"
        else:
            head = f"No {what} has {size}{on_topic}{unknown}; the largest:"
        # a year's empty month may hold a paper whose listing gives that month but no year
        catalog = self.relevance.catalog
        if plan.group_by in ("month", "quarter") and (
                yearless := [pid for pid in self.yearless(plan) if sort_value(catalog.papers[pid], plan.group_by) in empty]):
            lines.append(yearless_note(catalog, yearless))
        # "and which of those has the most upvotes?" asks within every paper of the groups kept, not the examples
        matched = [h.paper_id for h in hits if group_value(h.meta, plan.group_by) in kept]
        return Answer(plan.question, head + "\n" + "\n".join(lines), False, self.name, cites, matched=matched)

    def _group_statistics(self, plan: QueryPlan, hits: list[PaperHit], topical: bool) -> Answer:
        """Groups ranked by the sum (or mean, or median) of a field over their papers ("which
        organisation has the most upvotes?", "the average upvotes per organisation"), each with
        its papers cited; papers lacking the group or the field are left out, and the answer
        says how many."""
        papers_of = papers_by_group(hits, plan.group_by, plan.sort)
        if not papers_of:
            return Answer(plan.question, self._nothing_matches(plan), True, self.name)
        values = {g: statistic([v for v, _ in papers], plan.statistic) for g, papers in papers_of.items()}
        order = sorted(values, key=lambda g: (-values[g] if plan.descending else values[g], str(g)))
        unit = _UNITS[plan.sort]
        per = {"total": " in total", "mean": " on average", "median": " (median)", "mode": " (most common)"}[plan.statistic]
        if plan.statistic == "total":
            ranked = f"{'most' if plan.descending else 'fewest'} {unit}s in total"
        else:
            kind = "most-common" if plan.statistic == "mode" else plan.statistic
            ranked = f"{'highest' if plan.descending else 'lowest'} {kind} {MEASURED[plan.sort]}"
        left_out = (f"papers whose listing {lacking(plan.group_by)} or no {MEASURED[plan.sort]} "
                    f"are left out")
        topic = ", among the papers on the topic" if topical else ""

        def amount(group, how: str = per) -> str:
            value, n = values[group], len(papers_of[group])
            return f"{figure(value)} {unit}{'s' if value != 1 else ''}{how} over {n} paper{'s' if n != 1 else ''}"

        value = value_at_place((values[g] for g in order), plan.place, plan.descending)
        if plan.limit == 1 and value is None and order:  # "the fourth most upvotes" among three values
            text = _no_such_place(plan, [values[g] for g in order], _groups_ranked(plan, len(order)))
            return Answer(plan.question, text, True, self.name)
        if plan.limit == 1 and value is not None:  # "which organisation has the most upvotes?": that one
            top = [g for g in order if values[g] == value]  # ties share the place
            papers = [h for g in top for _, h in sorted(papers_of[g], key=lambda x: -x[0])][: self.cfg.max_list]
            cites = [Citation.of(i, h, describe(h.meta, plan.sort)) for i, h in enumerate(papers, start=1)]
            names = " and ".join(group_name(plan.group_by, g) for g in top)
            said = "" if plan.statistic == "total" else per  # "the most upvotes in total: 6 upvotes over 2 papers"
            head = (f"{names} {'has' if len(top) == 1 else 'share'} the {place_word(plan)}{ranked}{topic}: "
                    f"{amount(top[0], said)}{' each' if len(top) > 1 else ''} ({left_out})")
            lines = [f"- {c.title} ({c.evidence}) [{c.n}]" for c in cites]
            rest = [g for g in order if g not in top][:3]
            if rest:
                lines.append("(" + "; ".join(f"{group_name(plan.group_by, g)}: {amount(g)}" for g in rest) + ")")
            return Answer(plan.question, head + ":\n" + "\n".join(lines), False, self.name, cites)
        lines, cites = [], []
        shown = order[: min(plan.limit or self.cfg.max_list, self.cfg.max_list)]  # "the top 3 organisations"
        for group in shown:
            refs = []
            for _, h in sorted(papers_of[group], key=lambda x: -x[0])[:_EXAMPLES]:  # its largest papers as examples
                cites.append(Citation.of(len(cites) + 1, h, describe(h.meta, plan.sort)))
                refs.append(f"[{len(cites)}]")
            lines.append(f"- {group_name(plan.group_by, group)}: {amount(group)} "
                         f"({'e.g. ' if len(papers_of[group]) > len(refs) else ''}{''.join(refs)})")
        if plan.limit and (tied := [g for g in order[len(shown):] if values[g] == values[shown[-1]]]):
            ties = "; ".join(f"{group_name(plan.group_by, g)}: {amount(g)}" for g in tied)
            lines.append(f"({len(tied)} more tie{'s' if len(tied) == 1 else ''} with the last: {ties})")
        top = f"{'Top' if plan.descending else 'Bottom'} {len(shown)} by" if plan.limit else "By"
        head = f"{top} {GROUP_NAMES[plan.group_by]}, {ranked} first{topic} ({left_out})"
        return Answer(plan.question, head + ":\n" + "\n".join(lines), False, self.name, cites)

    def _field_answer(self, plan: QueryPlan, hits: list[PaperHit]) -> Answer:
        """One field of the paper asked about, of each named paper found ("how many authors
        do GUI-R1 and Seg-Zero have?"), or of each of a follow-up's papers ("when were they
        posted?", in the previous answer's order), with their sum when the question asks for it."""
        chosen, head = self._field_papers(plan, hits)
        if not chosen:  # (a plain baseline's follow-up that retrieved none of the previous papers)
            return Answer.not_covered(plan.question, self.name)
        several = head is not None
        field = "authors" if plan.asks_field == "author_names" else plan.asks_field
        note = " (the listings give the number of authors, not their names)" if plan.asks_field == "author_names" else ""
        lines, cites = [head] if several else [], []
        for n, hit in enumerate(chosen, start=1):
            evidence = describe(hit.meta, field)
            cites.append(Citation.of(n, hit, evidence))
            lines.append(f"{'- ' if several else ''}{hit.title}: {evidence}{note if len(chosen) == 1 else ''} [{n}]")
        if not several and plan.sort and chosen and chosen[0].meta.get(field) in (None, ""):
            lines += _first_listing(plan, hits, field, cites)
        if note and len(chosen) > 1:
            lines.append(note.strip(" ()").capitalize() + ".")
        if len(chosen) > 1 and field in FIELD_NAMES and plan.in_total:
            lines.append(_together(chosen, field))
        if plan.versus and len(chosen) == 2:
            expected = plan.gap_after if plan.versus == "gap" and field == "date" else ""
            # "how many days after Seg-Zero was LIMO posted?": LIMO's gap to Seg-Zero, and whether it was after
            pair = chosen[::-1] if expected else chosen
            lines = [_versus(plan.versus, field, *pair, expected, plan.gap_unit, plan.stand_ins), *lines]
        return Answer(plan.question, "\n".join(lines), False, self.name, cites)

    def _field_papers(self, plan: QueryPlan, hits: list[PaperHit]) -> tuple[list[PaperHit], str | None]:
        """The papers a field question is about, and the head of their list (None when they are
        given as asked: one paper, the papers it names, a follow-up's papers)."""
        named = [h for h in hits if is_named(h, plan.named)] if len(plan.named) > 1 else []
        previous = next((f.value for f in plan.filters if f.key == "paper_id"), None)
        if plan.asks_list and not named and not (previous and not plan.text):
            return self._field_list(plan, hits)
        if named:  # in the order the question names them, or its thread ("and in total?" after "... LIMO and Seg-Zero?")
            return in_question_order(" ".join([plan.as_named, *plan.earlier]), named), None
        if previous:
            # (a plain baseline retrieves without the follow-up's filter: only the previous papers count)
            kept = [h for h in hits if h.paper_id in previous]
            return (kept[:1] if plan.text else sorted(kept, key=lambda h: previous.index(h.paper_id))), None
        tied = top_with_ties(hits, plan.sort, plan.limit or 1) if plan.sort else []
        if len(tied) > (plan.limit or 1):  # "how many authors does the most upvoted paper on agents have?": each tied
            return tied[: self.listed_most], f"{len(tied)} papers tie for first place, {SORTED[plan.sort][not plan.descending]}:"
        return hits[:1], None

    def _field_list(self, plan: QueryPlan, hits: list[PaperHit]) -> tuple[list[PaperHit], str]:
        """"Which papers use GRPO, and when were they posted?": each paper on the topic; "the three
        most upvoted papers": those three; "which organisations posted papers on RL?": those that
        name one first."""
        found = self.relevance.select(plan, hits) if plan.text else hits
        if plan.asks_field == "org":
            found = sorted(found, key=lambda h: not h.meta.get("org"))
        top = plan.limit if plan.sort and plan.limit else None
        chosen = found[: min(top or self.listed_most, self.listed_most)]
        head = (_orgs_named(found) if plan.asks_field == "org"
                else f"Top {len(chosen)}, {SORT_WORDS[(plan.sort, plan.descending)]}:" if top
                else f"{len(chosen)} paper{'s' if len(chosen) != 1 else ''} match:")
        return chosen, head

    def _nothing_matches(self, plan: QueryPlan) -> str:
        if unlisted := unlisted_org(plan, self.relevance.catalog):
            return unlisted
        if plan.releases and not plan.filters and not plan.in_title and not plan.excluded:
            return "No paper's abstract says its code, data or models are available."
        verb = "mentions" if plan.excluded else "uses"
        mentioned = " or ".join(f'"{x}"' for x in plan.excluded or plan.avoided)
        if (plan.excluded or plan.avoided) and not plan.filters and not plan.in_title and not plan.text:
            return f"Every paper in the corpus {verb} {mentioned}."
        if (plan.excluded or plan.avoided) and [f.key for f in plan.filters] == ["paper_id"] and not plan.in_title:
            return f"Every paper of the previous answer {verb} {mentioned}."  # "which of them do not use GRPO?"
        if plan.unresolved:
            r = plan.unresolved[0]
            if r.of_papers:
                return f"No matching paper lists an {FIELD_NAMES[r.field]}, so there is nothing to compare with."
            dateless = r.field == "posted" and not self.relevance.catalog.papers.get(r.ref_id, {}).get("date")
            what = "date" if dateless else FIELD_WORDS[r.field]  # "posted": a date with no year, or none at all
            return f"The listing of {r.ref} gives no {what}, so no paper can be compared with it on that."
        same = next((r for r in plan.relative if r.op in ("same", "within", "nearest")), None)
        if same and len(plan.relative) == 1 and not plan.filters:  # "posted the same day as LIMO"
            return f"No {'other ' * (same.factor == 1)}paper {relative_in_words(same)}."
        if plan.in_title and not plan.filters:
            return f'No paper\'s title {"starts with" if plan.title_starts else "has"} {title_part(plan)}.'
        if plan.quantity and not plan.filters:  # "more than 1 billion tokens"
            return f"No paper's abstract states {plan.quantity.in_words()}."
        within = next((f for f in plan.filters if f.key == "paper_id"), None)
        if within and not plan.text and not plan.in_title and not plan.excluded and not plan.avoided:  # "any from 2024?"
            conditions = conditions_in_words(replace(plan, filters=[f for f in plan.filters if f is not within]))
            if conditions:
                return f"None of the previous answer's papers ({len(within.value)}) {' and '.join(conditions)}" + \
                    self._undated(plan, within.value) + "."
        matching = len(self.relevance.catalog.select(plan.metadata_filters))
        if plan.group_by and matching:
            return f"No matching paper's listing gives {_a(GROUP_NAMES[plan.group_by])}, so papers cannot be counted by one."
        if plan.sort in FIELD_NAMES and matching:  # papers match, but none lists the field to sort or average
            n = matching
            return (f"{n} paper{'s' if n != 1 else ''} match{'es' if n == 1 else ''}, but "
                    f"{'its listing gives no' if n == 1 else 'none of their listings gives an'} {FIELD_NAMES[plan.sort]}.")
        if outside := self._outside_range(plan):  # it says how many listings print no year
            return outside
        if yearless := self.yearless(plan):
            return f"{NO_MATCH} {yearless_note(self.relevance.catalog, yearless)}"
        return NO_MATCH

    def _outside_range(self, plan: QueryPlan) -> str | None:
        """A date or a count that alone matches nothing ("posted last month", "more than 20
        upvotes"): say what the listings give, and how many give nothing."""
        catalog = self.relevance.catalog
        dated = [f for f in plan.filters if f.key in ("year", "posted")]
        if dated and not catalog.ids(MetadataFilters(filters=dated)) and (span := catalog.span("posted")) \
                and _beyond(dated, span[0], span[1]):  # not "on Sep 28, 2025", a day between two papers'
            first, last, n = span
            return (f"{NO_MATCH} Its dated papers were posted between {posted_date(first)} and {posted_date(last)}"
                    f"{_unlisted(n, len(catalog), 'print no year')}.")
        for f in plan.filters:
            counted = f.key in FIELD_NAMES or f.key in ("title_words", "title_chars")
            if not counted or catalog.ids(MetadataFilters(filters=[f])) or not (span := catalog.span(f.key)):
                continue
            low, high, n = span
            if f.key in _LENGTHS:  # "abstracts shorter than 100 words"
                part, unit = _LENGTHS[f.key]
                return (f"{NO_MATCH} Its {part}s are {low:g} to {high:g} {unit}s long"
                        f"{_unlisted(n, len(catalog), 'have none')}.")
            return (f"{NO_MATCH} Its listings give {FIELD_NAMES[f.key]}s from {low:g} to {high:g}"
                    f"{_unlisted(n, len(catalog), 'give none')}.")
        return None

    def _statistic_answer(self, plan: QueryPlan, hits: list[PaperHit], scope: str = "") -> Answer:
        """Mean, median or total of a numeric field over the matching papers that list it: each
        of them listed and cited, as many as a metadata list shows (`listed_most`), so the figure
        can be checked; beyond that, those at either end. `scope`: those papers in words, when a
        ranking picked them ("the 5 most upvoted papers")."""
        known = [(v, h) for h in hits if (v := sort_value(h.meta, plan.sort)) is not None]
        if not known and scope and hits:  # "the average upvotes of the newest paper", whose listing gives none
            several = len(hits) > 1
            return Answer(plan.question, f"The listing{'s' if several else ''} of {scope} give{'' if several else 's'} no "
                          f"{FIELD_NAMES[plan.sort]}.", True, self.name)
        if not known:
            return Answer(plan.question, self._nothing_matches(plan), True, self.name)
        if plan.statistic == "range":
            return self._range_answer(plan, known, scope)
        if plan.sort == "posted":  # ("and the total?", "the most common?" after "the median posting date")
            return self._date_statistic(plan, known, scope) if plan.statistic in ("mean", "median") else Answer(
                plan.question, _NO_DATE_STATISTIC.get(plan.statistic, _NO_DATE_STATISTIC["total"]), True, self.name)
        if plan.statistic == "mode":
            return self._mode_answer(plan, known, scope)
        values, hits = [v for v, _ in known], [h for _, h in known]
        value = statistic(values, plan.statistic)
        shown = figure(value)
        lo, hi = min(zip(values, hits), key=lambda x: x[0]), max(zip(values, hits), key=lambda x: x[0])
        field = MEASURED[plan.sort]
        if len(hits) == 1:
            cites = [Citation.of(1, hi[1], describe(hi[1].meta, plan.sort))]
            if plan.among and plan.among.n == 1:  # "the average upvotes of the newest paper": its own count
                text = f"{scope[0].upper()}{scope[1:]} is {hi[1].title} ({cites[0].evidence}) [1]."
            else:
                text = (f"Of {scope}, only one gives an {field}" if scope else
                        f"Only one matching paper's listing gives an {field}") + f": {shown} ({hi[1].title} [1])."
            return Answer(plan.question, text, False, self.name, cites)
        over = [h.paper_id for h in hits]  # what "which of them ...?" and "and the median?" ask within
        scope = scope or f"the {len(hits)} matching papers whose listings give one"
        head = f"The {plan.statistic} {field} over {scope} is {shown}."
        if len(hits) <= self.listed_most:  # each with its count, so the figure can be checked against them
            ranked = sorted(zip(values, hits), key=lambda x: -x[0])
            cites = [Citation.of(n, h, describe(h.meta, plan.sort)) for n, (_, h) in enumerate(ranked, start=1)]
            same = f" Every one of them gives {figure(hi[0])}." if lo[0] == hi[0] else ""
            lines = [f"- {c.title} ({c.evidence}) [{c.n}]" for c in cites]
            return Answer(plan.question, "\n".join([head + same, *lines]), False, self.name, cites, matched=over)
        if lo[0] == hi[0]:  # every paper gives the same count: no most and fewest to name (one paper twice)
            cites = [Citation.of(n, h, describe(h.meta, plan.sort)) for n, h in enumerate(hits[:3], start=1)]
            named = "; ".join(f"{c.title} [{c.n}]" for c in cites) + ("; ..." if len(hits) > 3 else "")
            return Answer(plan.question, f"{head} Every one of them gives {figure(hi[0])} ({named}).", False, self.name, cites,
                          matched=over)
        cites = [Citation.of(1, hi[1], describe(hi[1].meta, plan.sort)), Citation.of(2, lo[1], describe(lo[1].meta, plan.sort))]
        text = f"{head} The most is {figure(hi[0])} ({hi[1].title} [1]), the fewest {figure(lo[0])} ({lo[1].title} [2])."
        return Answer(plan.question, text, False, self.name, cites, matched=over)

    def _date_statistic(self, plan: QueryPlan, known: list[tuple[float, PaperHit]], scope: str) -> Answer:
        """"The median posting date", "the average publication year": the mean or median of the
        dated papers' days, with the first and the last posted cited, so the spread is seen."""
        known = sorted(known, key=lambda x: x[0])  # YYYYMMDD values sort by date
        middle = date.fromordinal(round(statistic([posted_day(v).toordinal() for v, _ in known], plan.statistic)))
        (first, oldest), (last, newest) = known[0], known[-1]
        cites = [Citation.of(1, oldest, describe(oldest.meta, "date"))]
        if newest is not oldest:
            cites.append(Citation.of(2, newest, describe(newest.meta, "date")))
        over = scope or f"the {len(known)} matching papers whose listings print a year"
        text = (f"The {plan.statistic} posting date over {over} is {posted_date(posted_value(middle), short=False)}. "
                f"The first was posted {posted_date(first)} ({oldest.title} [1])"
                + (f", the last {posted_date(last)} ({newest.title} [2])." if len(cites) > 1 else "."))
        return Answer(plan.question, text, False, self.name, cites, matched=[h.paper_id for _, h in known])

    def _mode_answer(self, plan: QueryPlan, known: list[tuple[float, PaperHit]], scope: str) -> Answer:
        """"The most common number of authors": the count the most matching papers give (every
        one tied for that), its papers cited, and the next most common, so the lead can be judged."""
        counts = Counter(v for v, _ in known)
        ranked = sorted(counts, key=lambda v: (-counts[v], v))
        top = [v for v in ranked if counts[v] == counts[ranked[0]]]
        field, n = FIELD_NAMES[plan.sort], counts[top[0]]
        values = " and ".join(figure(v) for v in top)
        over = f"over {scope or f'the {len(known)} matching papers whose listings give one'}"
        head = (f"The most common {field} {over} is {values}, given by {n} paper{'s' if n != 1 else ''}" if len(top) == 1
                else f"{len(top)} {field}s are the most common {over}: {values}, given by {n} papers each")
        rest = [v for v in ranked if v not in top]
        head += f"; next, {figure(rest[0])} ({counts[rest[0]]} paper{'s' if counts[rest[0]] != 1 else ''})." if rest else "."
        papers = [h for v, h in known if v in top][: self.listed_most]
        cites = [Citation.of(i, h, describe(h.meta, plan.sort)) for i, h in enumerate(papers, start=1)]
        return Answer(plan.question, "\n".join([head, *(f"- {c.title} ({c.evidence}) [{c.n}]" for c in cites)]), False,
                      self.name, cites, matched=[h.paper_id for _, h in known])

    def _range_answer(self, plan: QueryPlan, known: list[tuple[float, PaperHit]], scope: str) -> Answer:
        """"What period do the papers span?", "the range of author counts": the first and the last
        (the fewest and the most), each cited, and how many listings give no such value."""
        (lo, first), (hi, last) = min(known, key=lambda x: x[0]), max(known, key=lambda x: x[0])
        cites = [Citation.of(1, first, describe(first.meta, plan.sort))]
        if first is not last:
            cites.append(Citation.of(2, last, describe(last.meta, plan.sort)))
        # A sort leaves out the listings without the field: they are counted from the catalog.
        matching = len(self.relevance.catalog.ids(plan.metadata_filters)) if plan.metadata_only and not plan.among \
            else len(known)
        if plan.sort == "posted":
            days = (posted_day(hi) - posted_day(lo)).days
            text = (f"The dated papers{'' if plan.metadata_only else ' on the topic'} were posted between "
                    f"{posted_date(lo)} ({first.title} [1]) and {posted_date(hi)} ({last.title} [{len(cites)}]), "
                    f"{days} day{'s' if days != 1 else ''}{_roughly(days, plan.gap_unit)} apart")
            lacking = "print no year"
        else:
            unit = _UNITS[plan.sort]
            text = (f"From {lo:g} {unit}{'s' if lo != 1 else ''} ({first.title} [1]) to {hi:g} ({last.title} "
                    f"[{len(cites)}]), a range of {hi - lo:g}, over "
                    f"{scope or f'the {len(known)} matching papers whose listings give {_a(MEASURED[plan.sort])}'}")
            lacking = "give none"
        return Answer(plan.question, text + _unlisted(len(known), matching, lacking) + ".", False, self.name, cites)


def _top_of(plan: QueryPlan, hits: list[PaperHit], topical: bool) -> tuple[list[PaperHit], str]:
    """The papers `plan.among` picks for a statistic ("the 5 most upvoted papers"; of the
    topic's papers when `topical`), and them in words: papers tied with the last of them are
    left out, and the answer says so, and how many of them lack the statistic's field."""
    top = plan.among
    ranked = sorted((h for h in hits if sort_value(h.meta, top.field) is not None),
                    key=lambda h: sort_value(h.meta, top.field), reverse=top.descending)
    chosen = ranked[:top.n]
    words = top.in_words() + (" on the topic" if topical else " of those that match" if plan.filters or plan.relative else "")
    if len(chosen) < top.n:
        words += f" (only {len(chosen)} listings give a value to rank by)"
    notes = []
    if chosen and (tied := sum(sort_value(h.meta, top.field) == sort_value(chosen[-1].meta, top.field)
                               for h in ranked[top.n:])):
        notes.append(f"{tied} more tie{'s' if tied == 1 else ''} with the last of them, left out")
    if top.n > 1 and (lacking := sum(sort_value(h.meta, plan.sort) is None for h in chosen)):
        notes.append(f"{lacking} of them give{'s' if lacking == 1 else ''} no {FIELD_NAMES[plan.sort]}")
    return chosen, words + (f" ({'; '.join(notes)})" if notes else "")


def _together(hits: list[PaperHit], field: str) -> str:
    """The sum of a count over the papers; when some listings lack it, what the others give
    is a lower bound ("at least 6 authors: Med-R1's listing gives no count")."""
    given = {h.paper_id: sort_value(h.meta, field) for h in hits}
    values = [v for v in given.values() if v is not None]
    unit = "authors" if field == "authors" else "upvotes"
    if len(values) == len(hits):
        return f"Together: {sum(values):g} {unit}."
    if not values:
        return f"No total: none of these listings gives an {FIELD_NAMES[field]}."
    missing = [paper_name(h.title) for h in hits if given[h.paper_id] is None]
    whose = ", ".join(missing)
    return (f"Together: at least {sum(values):g} {unit} ({whose}'s listing gives no {FIELD_NAMES[field]})."
            if len(missing) == 1 else
            f"Together: at least {sum(values):g} {unit} (the listings of {whose} give no {FIELD_NAMES[field]}).")


def unlisted_org(plan: QueryPlan, catalog: Catalog) -> str:
    """For "papers from Google" when no listing names Google: which organisations the listings
    do name; '' when the question names none or only listed ones."""
    unknown = next((f.value for f in plan.filters  # a known organisation or several (IN) are not unknown
                    if f.key == "org" and isinstance(f.value, str) and f.value and f.value not in catalog.orgs()), None)
    if not unknown:
        return ""
    named = sum(1 for p in catalog.papers.values() if p.get("org"))
    # "Papers by Hinton" may mean an author, which no listing names either.
    authors = " (nor does any give author names)" if re.search(r"\bby\b", plan.question, re.I) else ""
    return (f"No paper's listing names {unknown} as its organisation{authors}. The listings name one for "
            f"{named} of the {len(catalog)} papers: {', '.join(catalog.orgs()) or 'none'}.")


PLACE_NAMES = {n: word for word, n in PLACES.items() if word.isalpha()}  # 2 -> "second"


def place_word(plan: QueryPlan) -> str:
    """"second " for "the second most papers"; "" for the first."""
    return f"{PLACE_NAMES[plan.place]} " if plan.place in PLACE_NAMES else ""


def _beyond(dated: list[MetadataFilter], first: float, last: float) -> bool:
    """Do the date conditions ask for days wholly before `first` or after `last` (YYYYMMDD)?
    A list of years ("from 2020 or 2021") or "not from 2023" counts as beyond."""
    low, high = 0, 99999999
    for f in dated:
        op, v = f.operator, f.value
        if not isinstance(v, int):
            return True
        begins, ends = (v * 10000 + 101, v * 10000 + 1231) if f.key == "year" else (v, v)
        if op == FilterOperator.EQ:
            low, high = max(low, begins), min(high, ends)
        elif op in (FilterOperator.GT, FilterOperator.GTE):
            low = max(low, ends + 1 if op == FilterOperator.GT else begins)
        elif op in (FilterOperator.LT, FilterOperator.LTE):
            high = min(high, begins - 1 if op == FilterOperator.LT else ends)
        else:
            return True
    return high < first or low > last


def _no_such_place(plan: QueryPlan, values: list, ranked: str) -> str:
    """'There is no fifth place: the 4 years ranked hold 3 places, ties sharing one.' (`ranked`:
    what the values belong to, "4 years ranked")."""
    places = len(set(values))
    return (f"There is no {PLACE_NAMES[plan.place]} place: the {ranked} hold {places} place{'s' if places != 1 else ''}"
            f"{', ties sharing one' if places < len(values) else ''}.")


def _gap(plan: QueryPlan, counts: Counter) -> str:
    """Two groups' difference in papers: "2024 has 9 more papers than 2019 (11 against 2)", or,
    asked "how many fewer", "2019 has 9 fewer papers than 2024 (2 against 11)"."""
    (big, n), (small, m) = counts.most_common(2)
    big, small = group_name(plan.group_by, big), group_name(plan.group_by, small)
    papers = f"paper{'s' if n - m != 1 else ''}"
    if n == m:
        return f"{big} and {small} have the same number of papers, {n} each"
    if not plan.descending:
        return f"{small} has {n - m} fewer {papers} than {big} ({m} against {n})"
    return f"{big} has {n - m} more {papers} than {small} ({n} against {m})"


def _groups_ranked(plan: QueryPlan, n: int) -> str:
    """'4 organisations ranked', '7 days of the week ranked'."""
    kind = GROUP_NAMES[plan.group_by]
    return f"{n} {kind if n == 1 else kind.replace('day', 'days', 1) if kind.startswith('day ') else kind + 's'} ranked"


def _too_few_ranked(plan: QueryPlan, ranked: list[PaperHit]) -> str:
    """'Only 1 matching paper gives an upvote count: ...', for a place past the last ranked paper."""
    n, field = len(ranked), FIELD_NAMES.get(plan.sort, "date with a year")
    values = [sort_value(h.meta, plan.sort) for h in ranked]
    if len(set(values)) < n:  # ties share a place (value_at_place)
        return _no_such_place(plan, values, f"{n} matching papers that give {_a(field)}")
    named = "; ".join(h.title for h in ranked)
    return (f"There is no {PLACE_NAMES[plan.place]} place: only {n} matching paper{'s' if n != 1 else ''} "
            f"give{'s' if n == 1 else ''} {_a(field)}" + (f" ({named})." if named else "."))


def yearless_note(catalog: Catalog, ids: list[str], more: str = "", may: str = "may match", field: str = "",
                  shown: int = 5) -> str:
    """'(2 more papers may match; their listings print no year: A (Sep 23); B (Sep 30))', with
    each paper's `field` too when given; past `shown` papers only how many."""
    n = len(ids)
    what = f"({n} {more}paper{'s' if n != 1 else ''} {may}; {'their listings print' if n != 1 else 'its listing prints'}"
    if n > shown:
        return f"{what} no year, so they are not counted)"
    papers = [catalog.papers[pid] for pid in ids]
    said = [", ".join(filter(None, [p.get("date"), field and describe(p, field, only=True)])) for p in papers]
    return f"{what} no year: " + "; ".join(f"{p['title']} ({x})" if x else p["title"] for p, x in zip(papers, said)) + ")"


def _unlisted(n: int, total: int, verb: str) -> str:
    """' (35 of the 217 listings give none)', or nothing when every listing gives the field."""
    return f" ({total - n} of the {total} listings {verb})" if n < total else ""


def none_on_topic(plan: QueryPlan, members: list[PaperHit], catalog: Catalog, shown: int = 5) -> Answer:
    """The topic is covered, but no paper on it meets the question's conditions ("papers on GRPO
    with more than 20 upvotes"): said so, with the topic's first papers and their metadata, so
    the reader sees why, rather than "the corpus does not cover this". An organisation no
    listing names is said so first ("papers from Meta on reasoning")."""
    n = len(members)
    focus = FIELD_OF_SORT.get(plan.sort, plan.sort) or next((f.key for f in plan.all_filters if f.key in FIELD_WORDS), None)
    cites = [Citation.of(i, h, describe(h.meta, focus)) for i, h in enumerate(members[:shown], start=1)]
    lines = [f"- {c.title} ({c.evidence}) [{c.n}]" for c in cites]
    conditions = conditions_in_words(plan)
    said = [f'mentions "{x}"' for x in plan.excluded] + [f'uses "{x}"' for x in plan.avoided]
    if plan.compares and len(plan.named) >= 2 and n == len(plan.named):  # "which came first, Orca or Orca 2?"
        head = f"None of the {n} papers named {' and '.join(conditions)}:"
    elif len(said) == len(conditions):  # only what papers must not do: not "no paper ... does not use X"
        head = f"Every paper on this topic {' or '.join(said)}: the corpus has {n} on it"
    else:
        head = f"No paper on this topic {' and '.join(conditions)}: the corpus has {n} on it"
    if not head.endswith(":"):
        head += f"; the {shown} most likely:" if n > shown else ":"
    if unlisted := unlisted_org(plan, catalog):
        head = f"{unlisted}\n{head}"
    return Answer(plan.question, head + "\n" + "\n".join(lines), False, MetadataAnswerer.name, cites)


# the field a filter is on, as describe() names it
_FIELD_OF_FILTER = {"year": "date", "month": "date", "posted": "date", "day_of_month": "date", "days_to_month_end": "date",
                    "weekday": "weekday"}


def _focus(plan: QueryPlan) -> str | None:
    """The field each listed paper's metadata leads with: the sort's, or the length a condition
    is on ("titles longer than 120 characters": each title's length is said)."""
    return FIELD_OF_SORT.get(plan.sort, plan.sort) or next((f.key for f in plan.all_filters if f.key in _LENGTHS), None)


def yes_or_no(plan: QueryPlan, catalog: Catalog) -> Answer | None:
    """"Is LIMO from 2025?", "does TabFact have more than 5 authors?": one named paper's listing
    against the question's conditions, yes or no with the fields that decide it (they quoted the
    abstract, or said no paper on "LIMO" was posted in 2024). None for any other question: one
    on a topic, one naming several papers (answered by comparing them), or one asking more of
    the paper than its listing."""
    conditions = [f for f in plan.all_filters if f.key != "paper_id"]  # (a follow-up's paper is chosen by id)
    if not (YES_NO.match(plan.question) and conditions) or \
            plan.sort or plan.statistic or plan.group_by or plan.counts or plan.text_conditions:
        return None
    if len(plan.named) == 1 and not plan.about:
        name = next(iter(plan.named))
        pid = catalog.paper_named(name)
    elif len(plan.about) == 1 and not plan.named:  # "is it from 2025?" after a one-paper answer
        pid = plan.about[0]
        name = paper_name(catalog.papers[pid]["title"])
    else:
        return None
    if pid is None or set(terms(plan.text)) - set(terms(name)):
        return None
    hit = catalog.hit(pid)
    keys = [f.key for f in conditions]
    evidence = describe(hit.meta, _FIELD_OF_FILTER.get(keys[0], keys[0]))
    cite = [Citation.of(1, hit, evidence)]
    if any(sort_value(hit.meta, k) is None and not hit.meta.get(k) for k in keys):
        what = "date" if any(_FIELD_OF_FILTER.get(k) == "date" for k in keys) else FIELD_WORDS.get(keys[0], keys[0])
        return Answer(plan.question, f"The listing of {name} gives no {what}, so this cannot be told: {evidence} [1].",
                      False, MetadataAnswerer.name, cite)
    if keep_matching([hit], plan.metadata_filters):
        said = conditions_in_words(replace(plan, filters=[f for f in plan.filters if f.key != "paper_id"]))
        return Answer(plan.question, f"Yes: {name} {' and '.join(said)} ({evidence}) [1].",
                      False, MetadataAnswerer.name, cite)
    return Answer(plan.question, f"No. {name}'s listing: {evidence} [1].", False, MetadataAnswerer.name, cite)


FIELD_WORDS = {**FIELD_NAMES, "org": "organisation", "year": "year", "month": "date", "date": "date",
               "posted": "dated year"}
_COUNT_WORDS = {"==": "", ">": "more than ", ">=": "at least ", "<": "fewer than ", "<=": "at most ", "!=": "other than "}
_YEAR_WORDS = {"==": "in {}", ">": "after {}", ">=": "in {} or later", "<": "before {}", "<=": "in {} or earlier"}


def conditions_in_words(plan: QueryPlan) -> list[str]:
    """The plan's filters and sort as what a paper must do: ["was posted in March 2023", "has
    more than 20 upvotes"]; a sort or an average needs the field to be listed at all."""
    filters = list(plan.filters)
    month = next((f for f in filters if f.key == "month" and f.operator.value == "=="), None)
    year = next((f for f in filters if f.key == "year" and f.operator.value == "=="), None)
    words = []
    if month and year:  # "posted in March 2023", not "in March and in 2023"
        words.append(f"was posted in {MONTH_NAMES[month.value - 1].capitalize()} {year.value}")
        filters = [f for f in filters if f is not month and f is not year]
    day = next((f for f in filters if f.key == "day_of_month" and f.operator.value == "=="), None)
    if month and day and not year:  # "on Christmas": a day of any year
        words.append(f"was posted on {MONTH_NAMES[month.value - 1].capitalize()} {day.value} (any year)")
        filters = [f for f in filters if f is not month and f is not day]
    start = next((f for f in filters if f.key == "posted" and f.operator.value == ">=" and f.value % 100 == 1), None)
    end = next((f for f in filters if f.key == "posted" and f.operator.value == "<=" and f.value % 100 == 31), None)
    if start and end:  # whole months: "from Nov 2024 to Feb 2025"; "last month" is one
        one = start.value // 100 == end.value // 100
        words.append(f"was posted in {_month_year(start.value)}" if one else
                     f"was posted between {_month_year(start.value)} and {_month_year(end.value)}")
        filters = [f for f in filters if f is not start and f is not end]
    if any(f.key == "org" and f.operator == FilterOperator.NIN for f in filters):  # "other than Tencent": listed, so unsaid
        filters = [f for f in filters if not (f.key == "org" and f.operator == FilterOperator.NE and f.value == "")]
    words += [_condition(f) for f in filters]
    words += [relative_in_words(r) for r in plan.relative]
    words += [f'does not mention "{x}"' for x in plan.excluded]
    words += [f'does not use "{x}"' for x in plan.avoided]
    words += [" and ".join(f'mentions "{x}"' for x in plan.required)] if plan.required else []
    words += [f'mentions "{plan.version}"'] if plan.version else []
    words += ["says its code, data or models are available"] if plan.releases else []
    return words + ([sort_condition(plan)] if plan.sort in FIELD_NAMES or plan.sort == "posted" else [])


def sort_condition(plan: QueryPlan) -> str:
    """What a paper needs to be ranked by the plan's sort: the field listed at all."""
    return "lists a date with a year" if plan.sort == "posted" else f"lists an {FIELD_NAMES.get(plan.sort, plan.sort)}"


def read_as(plan: QueryPlan) -> str:
    """How the question was understood, in words, when more than a topic was read from it:
    'a paper on "GRPO" that was posted in 2025, most upvotes first, top 3'. Shown with the
    answer, so a misread condition can be seen and the question reworded; '' for a question
    that is a topic alone. An "it" read as the last topic is said first."""
    return ", ".join(filter(None, [f'"it" read as "{plan.it}"' if plan.it else "", _read_as(plan)]))


def _read_as(plan: QueryPlan) -> str:
    swapped = ", ".join(f'"{w}", a word no paper uses, also read as "{near}"' for w, near in plan.synonyms.items())
    if plan.everything and not (plan.filters or plan.sort or plan.group_by or plan.counts):
        return "every paper in the corpus"
    if not (plan.filters or plan.relative or plan.sort or plan.group_by or plan.counts or plan.similar_to
            or (plan.rephrased and not swapped) or plan.literal or plan.text_conditions or plan.overview
            or plan.best_result or plan.without):
        return swapped
    if plan.best_result:  # "which paper reports the highest AIME 2024 score?"
        return f'the results papers report on "{plan.best_result}", quoted, not ranked'
    if plan.about:  # "how many authors does the first one have?"
        papers = "the paper" if len(plan.about) == 1 else f"the {len(plan.about)} papers"
        return f"a question about {papers} of the previous answer it refers to" + (f', on "{plan.text}"' if plan.text else "")
    if plan.overview:  # "what topics do the 2025 papers cover?"
        conditions = conditions_in_words(plan)
        return "the phrases most shared by titles, over every paper" + (" that " + " and ".join(conditions) if conditions else "")
    subject = f"a paper like {plan.similar_to}" if plan.similar_to else "a paper"
    # A question that is a topic alone keeps its wording: its topic words are said
    topic = "" if plan.similar_to else topic_words(plan) if plan.text == plan.question else plan.text
    if plan.without:  # what it does without is said as a condition, not as topic words
        topic = topic_words(replace(plan, text=without_condition(plan.text)))
        topic = "" if topic.lower() == predicate_verb(plan.question).lower() else topic  # ("which papers learn without ...")
    if plan.required:  # "(on agents) mention both GRPO and DPO": the mentions are said as conditions, not also as the topic
        said = {t for x in plan.required for t in terms(x)}
        verb = predicate_verb(plan.question).lower()  # "use" in "which papers use both ...?"
        topic = " ".join(w for w in topic.split() if terms(w) and not set(terms(w)) <= said and w.lower() not in ("both", verb))
    if topic:
        subject += f' {"mentioning" if plan.literal else "on"} "{topic}"'
    # A sort's "lists a date" condition is said by the sort itself; "lists an organisation" is not.
    conditions = [c for c in conditions_in_words(plan) if not (plan.sort and c == sort_condition(plan))]
    if plan.in_title:
        conditions.append(f"starts its title with {title_part(plan)}" if plan.title_starts
                          else f"has {title_part(plan)} in its title")
    if plan.citing and (plan.citing_id or plan.named):
        conditions.append(f"is not {plan.citing} itself (the listings record no citations)")
    elif plan.citing:  # a name no paper introduces ("which papers cite GRPO?"): every paper naming it
        subject += " (the listings record no citations)"
    conditions += [f"states {plan.quantity.in_words()} in its abstract"] if plan.quantity else []
    if plan.without:  # (Pipeline.text_conditions)
        named = " or ".join(f'"{x}"' for x in plan.without)
        conditions.append(f"says it does without {named} (or if none does, does not mention it)")
    parts = [subject + (" that " + " and ".join(conditions) if conditions else "")]
    if plan.statistic and plan.group_by:  # "which organisation has the most upvotes?"
        parts.append(f"the {plan.statistic} {MEASURED.get(plan.sort, plan.sort)} of each {GROUP_NAMES[plan.group_by]}, "
                     f"{'most' if plan.descending else 'fewest'} first")
        if plan.limit:  # "which organisation has the most upvotes?": the one at the top
            parts.append(f"the {PLACE_NAMES.get(plan.place, 'first')} one")
        return ", ".join(parts)
    if plan.statistic == "range":
        parts.append("the first and the last date" if plan.sort == "posted" else
                     f"the shortest and the longest {' in '.join(_LENGTHS[plan.sort])}s" if plan.sort in _LENGTHS else
                     f"the fewest and the most {FIELD_NAMES[plan.sort].split()[0]}s")
    elif plan.statistic:
        parts.append(f"the {plan.statistic} {MEASURED.get(plan.sort, 'posting date' if plan.sort == 'posted' else plan.sort)}"
                     + (f" over {plan.among.in_words()}" if plan.among else ""))
    elif plan.sort:
        parts.append(SORTED[plan.sort][not plan.descending])
    if plan.place > 1 and plan.sort:
        parts.append(f"in {PLACE_NAMES[plan.place]} place")
    elif plan.limit:
        parts.append(f"top {plan.limit}")
    if plan.group_by and plan.group_sizes:
        parts.append(f"counted by {GROUP_NAMES[plan.group_by]}, those with {group_size_in_words(plan)}")
    elif plan.group_by:
        parts.append(f"counted by {GROUP_NAMES[plan.group_by]}" + ("" if plan.breakdown and not plan.by_count else
                                                                    f", {'most' if plan.descending else 'fewest'} first"))
        if plan.place in PLACE_NAMES and not plan.breakdown:  # "which year has the second most papers?"
            parts.append(f"the {PLACE_NAMES[plan.place]}")
    elif plan.counts:
        # "What fraction of 2025 papers use GRPO?": of the 2025 papers; with no topic, of all.
        within = plan.all_filters and not plan.metadata_only
        if plan.share and plan.share_topic and not plan.metadata_only:  # "of the papers on agents, what fraction ...?"
            parts.append("as a share of the papers on the topic")
        elif plan.share and any(f.key == "paper_id" for f in plan.filters) and not plan.share_of:
            parts.append("as a share of the papers of the previous answer")  # "what share of them have upvotes?"
        elif plan.share and plan.metadata_only and plan.share_of:  # "what share of papers from 2025 have upvotes?"
            parts.append("as a share of the papers that " + _share_base_in_words(plan))
        else:
            parts.append(("as a share of the papers meeting the other conditions" if within else "as a share of all papers")
                         if plan.share else "counted")
    if swapped:
        parts.append(swapped)
    elif plan.rephrased:
        parts.append(f'also searched as "{plan.rephrased}"')
    return ", ".join(parts)


def relative_in_words(r: Relative) -> str:
    """"has more authors than LIMO (6)", "was posted the same month as LIMO (February 2025)",
    "has more upvotes than the mean (2.6)", "has more upvotes than RT-2 (3), the paper with the
    most authors"."""
    said = _relative_said(r)
    if not r.ranked or r.value is None:
        return said
    if r.tied > 1:  # "the paper with the fewest upvotes" when nine have one
        return f"{said}, the first listed of the {r.tied} papers tied as {r.ranked.in_words()}"
    return f"{said}, {r.ranked.in_words()}"


def _relative_said(r: Relative) -> str:
    than = (r.ref if not r.of_papers else f"every {r.year or 'other'} paper" if r.ref in ("max", "min")
            else f"the {r.ref} of the {r.year} papers" if r.year else f"the {r.ref}")
    if r.field == "org":
        return f"is from the same organisation as {than}" + (f" ({r.value})" if r.value else "")
    if r.field in _LENGTHS:  # "has a title longer than the mean (12.4 words)"
        part, unit = _LENGTHS[r.field]
        known = "" if r.value is None else f" ({figure(r.value)} {unit}s)"
        return f"has {'an' if part == 'abstract' else 'a'} {part} {'longer' if r.op == '>' else 'shorter'} than {than}{known}"
    if r.value is None or r.given:  # ("closest to December 25, 2024": the day is what it is compared with)
        known = ""
    elif r.field != "posted":
        known = f" ({figure(r.value)})"
    else:
        day = int(r.value)
        date = (MONTH_NAMES[day // 100 % 100 - 1].capitalize() if r.unit == "month of the year"
                else _month_year(day) if r.unit == "month" or r.in_other_year else day // 10000 if r.unit == "year"
                else f"a {posted_day(day):%A}" if r.unit == "weekday" else posted_date(day, short=False))
        known = f" ({date})"
    if r.field == "posted" and r.op == "within":
        return f"was posted within {_gap_in_words(r.days)} {r.unit or 'of'} {than}{known}"
    if r.op == "nearest" and r.field != "posted":  # "has the upvote count closest to 10, 1 away"
        apart = f", {figure(r.days)} away" if r.value is not None and r.days > 0 else ""
        return f"has the {FIELD_NAMES[r.field]} closest to {than}{known}{apart}"
    if r.field == "posted" and r.op == "nearest":
        apart = ("" if r.value is None or r.days < 0 else " on the same day" if not r.days
                 else f", {r.days} day{'s' * (r.days > 1)} apart")
        return f"was posted closest to {than}{known}{apart}"
    if r.field == "posted":
        if r.in_other_year:  # "..., in an earlier year"
            return f"was posted in the same month as {than}{known}, in {r.unit.removeprefix('month of ')}"
        when = f"the same {r.unit} as" if r.op == "same" else "after" if r.op.startswith(">") else "before"
        if r.days and r.op != "same":  # "more than a year after LIMO"
            when = f"{'more than' if len(r.op) == 1 else 'at least'} {_gap_in_words(r.days)} {when}"
        elif r.op in (">=", "<="):  # "no later than LIMO"
            when = f"on or {when}"
        return f"was posted {when} {than}{known}"
    unit = {"authors": "authors", "upvotes_per_author": "upvotes per author"}.get(r.field, "upvotes")
    if r.factor != 1:  # "has at least twice as many authors as LIMO (6)"
        bound = {"same": "", ">": "more than ", ">=": "at least ", "<": "fewer than ", "<=": "at most "}[r.op]
        times = {2: "twice", 0.5: "half"}.get(r.factor, f"{figure(r.factor)} times")
        return f"has {bound}{times} as many {unit} as {than}{known}"
    if r.op == "same":
        return f"has the same number of {unit} as {than}{known}"
    if r.op in (">=", "<="):  # "no more upvotes than LIMO"
        return f"has at {'least' if r.op == '>=' else 'most'} as many {unit} as {than}{known}"
    return f"has {'more' if r.op == '>' else 'fewer'} {unit} than {than}{known}"


def _gap_in_words(days: int) -> str:
    """"a year", "6 months", "2 weeks", "10 days": a gap as the question gave it (30-day months, 365-day years)."""
    for size, unit in ((365, "year"), (30, "month"), (7, "week"), (1, "day")):
        if days % size == 0:
            n = days // size
            return f"a {unit}" if n == 1 else f"{n} {unit}s"
    return f"{days} days"


def _first_listing(plan: QueryPlan, ranked: list[PaperHit], field: str, cites: list[Citation]) -> list[str]:
    """"Which organisation posted the earliest paper?" when the earliest names none: the first
    of the papers whose listing does give it, cited after it."""
    listing = [h for h in ranked if h.meta.get(field) not in (None, "")]
    if not listing:
        return []
    hit, n = listing[0], len(cites) + 1
    cites.append(Citation.of(n, hit, describe(hit.meta, field)))
    order = SORTED[plan.sort][not plan.descending].removesuffix(" first")
    which = f"the {order}" if plan.sort == "posted" else f"the one with the {order}"
    both = f"{_a(FIELD_WORDS.get(field, field))} and {_a(_SORT_NOUN[plan.sort])}"
    if len(listing) == 1:
        return [f"Only one paper's listing gives both {both}: {hit.title}: {cites[-1].evidence} [{n}]"]
    return [f"Of the {len(listing)} papers whose listing gives both {both}, {which} is {hit.title}: {cites[-1].evidence} [{n}]"]


# What a listing must give to be ranked by a sort (the counts as FIELD_NAMES names them)
_SORT_NOUN = {**FIELD_NAMES, "posted": "year", "title_words": "title", "title_chars": "title", "abstract_words": "abstract",
              "upvotes_per_author": "upvote and author count"}


def _a(noun: str) -> str:
    """The noun with its indefinite article: "an organisation", "a year"."""
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def _versus(asked: str, field: str, first: PaperHit, second: PaperHit, expected: str = "", unit: str = "",
            stand_ins: dict[str, str] | None = None) -> str:
    """Two papers' field set against each other, the first as the question names it: the gap
    ("Seg-Zero was posted 32 days after LIMO."), led by "Yes" or "No" when the question asks
    whether the first has the larger (">") or smaller ("<") value ("is Seg-Zero older than LIMO?").
    `expected`: the direction a gap was asked in ("how many days after ..."), said to be wrong
    when it is ("LIMO was posted 32 days before Seg-Zero, not after it."); `unit`: the one the gap
    is asked in ("how many weeks ...": "weeks"); `stand_ins`: a paper's name -> the ranking the question
    points at it with, said after the name ("Coconut (the most upvoted paper)")."""
    key = "posted" if field == "date" else field
    a, b = sort_value(first.meta, key), sort_value(second.meta, key)
    x, y = (f"{n} ({stand_ins[n]})" if n in (stand_ins or {}) else n
            for n in (paper_name(first.title), paper_name(second.title)))
    if a is None or b is None:
        whose, meta = (x, first.meta) if a is None else (y, second.meta)
        what = ("year" if meta.get("date") else "date") if field == "date" else FIELD_NAMES[field]
        return f"The listing of {whose} gives no {what}, so the two cannot be compared on it."
    if asked.startswith("same"):  # "are LIMO and Seg-Zero from the same month?"
        return _same(field, asked.removeprefix("same").strip(), x, a, y, b)
    if field == "date":
        days = (posted_day(a) - posted_day(b)).days
        gap = (f"{x} was posted {abs(days)} day{'s' * (abs(days) != 1)}{_roughly(abs(days), unit)} "
               f"{'after' if days > 0 else 'before'} {y}" if days else f"{x} and {y} were posted the same day")
        later = expected in ("after", "later")
        if days and expected and (days > 0) != later:
            gap += f", not {'after' if later else 'before'} it"
    else:
        unit = "author" if field == "authors" else "upvote"
        n = abs(a - b)
        gap = (f"{x} has {n:g} {'more' if a > b else 'fewer'} {unit}{'s' * (n != 1)} than {y} ({a:g} against {b:g})"
               if a != b else f"{x} and {y} have the same number of {unit}s ({a:g})")
    if asked == "gap":
        return gap + "."
    return f"{'Yes' if (a > b if asked == '>' else a < b) else 'No'}: {gap}."


def _same(field: str, unit: str, x: str, a: float, y: str, b: float) -> str:
    """Yes or no, two papers' dates in the same day, week, month or year (`unit`), or their
    counts equal, with each one's: "No: LIMO was posted in February 2025, Seg-Zero in March 2025."."""
    if field != "date":
        noun = "author" if field == "authors" else "upvote"
        if a == b:
            return f"Yes: {x} and {y} both have {a:g} {noun}{'s' * (a != 1)}."
        return f"No: {x} has {a:g} {noun}{'s' * (a != 1)}, {y} {b:g}."
    p, q = _in_period(a, unit), _in_period(b, unit)
    if p == q:
        return f"Yes: {x} and {y} were both posted {p}."
    return f"No: {x} was posted {p}, {y} {q}."


def _in_period(posted: float, unit: str) -> str:
    """A posting day's day, week (its Monday), month or year in words: "in February 2025"."""
    day = posted_day(posted)
    if unit == "day":
        return f"on {posted_date(posted, short=False)}"
    if unit == "week":
        return f"in the week of {posted_date(posted_value(day - timedelta(days=day.weekday())), short=False)}"
    return f"in {_month_year(posted)}" if unit == "month" else f"in {day.year}"


def _orgs_named(papers: list[PaperHit]) -> str:
    """The head of "which organisations posted papers on X?": how many of the papers name one, and which."""
    counts = Counter(h.meta["org"] for h in papers if h.meta.get("org"))
    n = len(papers)
    if not counts:
        return f"None of the {n} papers on the topic names an organisation in its listing:"
    orgs = ", ".join(f"{org} ({k})" for org, k in counts.most_common())
    named = sum(counts.values())
    noun = f"paper{'s' if n != 1 else ''}"
    return f"{named} of the {n} {noun} on the topic name{'s' if named == 1 else ''} an organisation: {orgs}:"


def _roughly(days: int, unit: str = "") -> str:
    """A long gap also in weeks, months or years ("how many months separate RT-2 and LIMO?"),
    in the `unit` the question asks for when it asks for one ("how many weeks apart ...")."""
    if unit == "weeks":
        return f" ({figure(days / 7)} weeks)"
    if unit == "months":
        return f" (about {round(days / 30.44)} months)"
    if days >= 730 or unit == "years":
        return f" (about {figure(days / 365.25)} years)"
    if days >= 60:
        return f" (about {round(days / 30.44)} months)"
    return f" ({figure(days / 7)} weeks)" if days >= 14 else ""


def _month_year(posted: int) -> str:
    """20241101 -> "November 2024"."""
    return f"{MONTH_NAMES[posted // 100 % 100 - 1].capitalize()} {posted // 10000}"


def _condition(f) -> str:
    op, v, key = f.operator.value, f.value, f.key
    values = v if isinstance(v, list) else [v]
    if op == "is_empty":
        what = FIELD_WORDS.get(key, key)
        return f"is listed without a{'n' if what[0] in 'aeiou' else ''} {what}"
    if key == "paper_id":
        return "is among the papers of the previous answer"
    if op == "!=" and v == "":
        return f"lists a{'n' if FIELD_WORDS.get(key, key)[0] in 'aeiou' else ''} {FIELD_WORDS.get(key, key)}"
    if op == ">=" and (key, v) in (("upvotes", 0), ("year", 0), ("month", 1), ("authors", 1)):  # the field is listed
        return {"upvotes": "lists an upvote count", "year": "lists a year", "month": "lists a date",
                "authors": "lists an author count"}[key]
    if key == "year" and op in ("in", "nin"):
        return f"was posted {'in' if op == 'in' else 'outside'} {' or '.join(map(str, values))}"
    if key == "year" and op == "!=":  # Chroma's and the catalog's "not equal" pass listings without the field
        return f"was not posted in {v} (listings without a year included)"
    if key == "year" and op in _YEAR_WORDS:
        return "was posted " + _YEAR_WORDS[op].format(v)
    if key == "month":
        names = [MONTH_NAMES[m - 1].capitalize() for m in values]
        months = ", ".join(names[:-1]) + " or " + names[-1] if len(names) > 2 else " or ".join(names)
        if op in ("!=", "nin"):  # as for a year: "not equal" passes listings without the field
            return f"was not posted in {months} (listings without a date included)"
        return f"was posted in {months}"
    if key == "day_of_month" and op in ("==", "in"):  # "on the 1st or 15th of a month"
        days = [ordinal(d) for d in values]
        return f"was posted on the {', '.join(days[:-1]) + ' or ' + days[-1] if len(days) > 1 else days[0]} of a month"
    if key == "days_to_month_end" and op in ("==", "<="):
        return ("was posted on the last day of a month" if v == 0 else
                f"was posted in the last {v + 1} days of a month")
    if key == "weekday":
        days = "on a weekday" if values == [1, 2, 3, 4, 5] else "on a " + " or ".join(day_name[d - 1] for d in values)
        return f"was posted {'not ' if op in ('!=', 'nin') else ''}{days}"
    if key == "posted" and op in ("==", ">=", "<=", ">", "<"):
        when = {"==": "on ", ">=": "on or after ", "<=": "on or before ", ">": "after ", "<": "before "}[op]
        return f"was posted {when}{posted_date(v, short=False)}"
    if key == "org" and op == "nin":  # with a listed organisation (conditions_in_words)
        return "is from an organisation other than " + " or ".join(map(str, values))
    if key == "org":
        return ("is not" if op == "!=" else "is") + " from " + " or ".join(map(str, values))
    if key in ("authors_parity", "upvotes_parity") and op == "==":
        return f"has an {'odd' if v == 1 else 'even'} number of {key.removesuffix('_parity')}"
    if key in _LENGTHS and op in _COUNT_WORDS:
        part, unit = _LENGTHS[key]
        return f"has {_COUNT_WORDS[op]}{v} {unit}{'' if v == 1 else 's'} in its {part}"
    if key == "upvotes_per_author" and v == 1 and op in ("==", ">", "<", ">=", "<="):  # "more upvotes than authors"
        return {"==": "has as many upvotes as authors", ">": "has more upvotes than authors",
                "<": "has fewer upvotes than authors", ">=": "has at least as many upvotes as authors",
                "<=": "has at most as many upvotes as authors"}[op]
    if key == "upvotes_per_author" and op in _COUNT_WORDS:
        return f"has {_COUNT_WORDS[op]}{figure(v)} upvotes per author"
    if key in COUNT_FIELDS and op in _COUNT_WORDS:
        unit = {"authors": "author", "upvotes": "upvote"}[key]
        return f"has {_COUNT_WORDS[op]}{v} {unit}{'' if v == 1 else 's'}"
    return f"has {key} {op} {v}"


def _group_lines(plan: QueryPlan, hits: list[PaperHit], counts: Counter, order: list,
                 suffix: str = "", each: int = 1) -> tuple[list[str], list[Citation]]:
    """One line per group in `order` with its count, citing its first paper as an example, or
    its first `each` papers ("which days had more than one paper?": the papers are the point)."""
    examples: dict = {}
    for h in hits:  # the first papers of each group, in one pass over the hits
        examples.setdefault(group_value(h.meta, plan.group_by), []).append(h)
    lines, cites = [], []
    field = FIELD_OF_SORT.get(plan.group_by, plan.group_by)
    for group in order:
        shown = examples[group][:each]
        refs = []
        for example in shown:
            cites.append(Citation.of(len(cites) + 1, example, describe(example.meta, field)))
            refs.append(f"{example.title} [{len(cites)}]")
        lines.append(f"- {group_name(plan.group_by, group)}: {counts[group]} paper{'s' if counts[group] != 1 else ''}"
                     f"{suffix} ({'e.g. ' if counts[group] > len(shown) else ''}{'; '.join(refs)})")
    return lines, cites


def group_size_in_words(plan: QueryPlan) -> str:
    """"more than 2 papers", "at least 3 and at most 5 papers", "1 paper", "no papers"."""
    if [(f.operator.value, f.value) for f in plan.group_sizes] == [("==", 0)]:
        return "no papers"
    bounds = " and ".join(_COUNT_WORDS[f.operator.value] + str(f.value) for f in plan.group_sizes)
    return f"{bounds} paper{'' if plan.group_sizes[-1].value == 1 else 's'}"


_PLURAL_VERBS = {"was": "were", "is": "are", "has": "have", "does": "do", "lists": "list", "says": "say",
                 "mentions": "mention", "uses": "use", "prints": "print", "gives": "give", "states": "state"}


def _of_several(condition: str) -> str:
    """A condition said of one paper, said of several: "was posted in 2025" -> "were posted in 2025"."""
    verb, _, rest = condition.partition(" ")
    return f"{_PLURAL_VERBS.get(verb, verb)} {rest}"


def _share_base_in_words(plan: QueryPlan) -> str:
    """The papers a share is of (QueryPlan.share_of): "were posted in 2025"."""
    return " and ".join(map(_of_several, conditions_in_words(QueryPlan(question="", text="", filters=plan.share_of))))


def share_of(n: int, total: int, papers: str = "papers") -> str:
    """"35 of the 217 papers (16%) match", "9 of the 36 papers that were posted in 2025 (25%) match"."""
    return f"{n} of the {total} {papers} ({100 * n / max(total, 1):.0f}%) match{'es' if n == 1 else ''}"


def _metadata_head(plan: QueryPlan, hits: list[PaperHit], chosen: list[PaperHit], topical: bool,
                   sorted_all: bool = False, unknown: int = 0) -> str:
    """The line above a metadata answer's list: how many matched, or what the top is.
    `sorted_all`: the papers a sort cannot place are listed after it, not left out. `unknown`:
    how many papers a year condition cannot judge (their listings print no year)."""
    beside = _next_to(plan, len(chosen))
    if beside:
        head = beside
    elif plan.group_by:
        groups = [group_name(plan.group_by, g) for g in sorted({group_value(h.meta, plan.group_by) for h in hits})]
        named = groups[0] if len(groups) == 1 else ", ".join(groups[:-1]) + " and " + groups[-1]
        each = len(hits) // len(groups)
        given = {"org": "names an organisation", "month": "prints a date"}.get(plan.group_by, "prints a year")
        verb = "posted" if plan.group_by == "org" else "had" if len(groups) > 1 else "has"
        head = (f"{named} {verb} the {place_word(plan)}{'most' if plan.descending else 'fewest'} papers among those whose "
                f"listing {given}: {each}{' each' if len(groups) > 1 else ''}")
    elif plan.place > 1 and plan.sort:
        place = PLACE_NAMES[plan.place]
        head = f"In {place} place" if len(chosen) == 1 else f"{len(chosen)} papers tie for {place} place"
    elif not plan.limit:
        head = f"{len(hits)} paper{'s' if len(hits) != 1 else ''} match{'es' if len(hits) == 1 else ''}"
        previous = next((f.value for f in plan.filters if f.key == "paper_id"), None)
        if plan.counts and isinstance(previous, list) and len(previous) > 1:  # "how many of them are from 2025?"
            head = f"{len(hits)} of the {len(previous)} papers of the previous answer match{'es' if len(hits) == 1 else ''}"
            if plan.all_of:  # "are they all from 2025?"
                head = _all_of_head(head, len(previous), len(hits), unknown)
    elif len(chosen) == 1:
        head = "Top match"
    else:
        head = f"{len(chosen)} papers tie for first place" if len(chosen) > plan.limit else f"Top {len(chosen)}"
    if topical:  # "which has more upvotes, LIMO or Seg-Zero?": the papers named, not a topic's
        papers = "the papers named" if plan.compares and len(plan.named) >= 2 else "the papers on the topic"
        head = f"Among {papers}: {head}" if plan.group_by else f"{head} among {papers}"
    if plan.sort and not beside:
        head += ", " + (SORTED[plan.sort][not plan.descending] if sorted_all else SORT_WORDS[(plan.sort, plan.descending)])
    if plan.unmeasured:  # "the best paper": said to be the upvotes' ranking, not a judgment of merit
        head = f'The listings do not measure "{plan.unmeasured}"; upvotes are the nearest they give.\n{head}'
    return head


def _all_of_head(head: str, previous: int, matching: int, unknown: int) -> str:
    """"Are they all from 2025?": yes when every paper of the previous answer matches; not known
    when every other one's listing prints no year (`unknown` of them); else no."""
    rest = previous - matching
    if not rest:
        return f"Yes: all {previous} papers of the previous answer match"
    if rest != unknown:
        return "No: " + head
    others = "the listing of the other one prints" if rest == 1 else f"the listings of the other {rest} print"
    return f"Not known: {head}, and {others} no year"


def _next_to(plan: QueryPlan, n: int) -> str:
    """"Posted just before LIMO (Feb 5, 2025)": the head for the `n` papers (more than one when
    posted the same day) nearest before or after a named one ("which paper was posted just
    before LIMO?"); '' for another question."""
    if plan.sort != "posted" or plan.limit != 1 or plan.place != 1 or plan.group_by or len(plan.relative) != 1 or not n:
        return ""
    other = plan.relative[0]
    if other.field != "posted" or other.op not in ("<", ">") or other.of_papers or other.value is None or other.unit \
            or (other.op == "<") != plan.descending:
        return ""
    same_day = f"{n} papers, posted the same day, " if n > 1 else ""
    return (f"{same_day}{'Posted' if n == 1 else 'posted'} just {'before' if other.op == '<' else 'after'} {other.ref} "
            f"({posted_date(other.value)}; listings that print no year are left out)")


def top_with_ties(hits: list[PaperHit], key: str | None, n: int | None) -> list[PaperHit]:
    """The first n sorted hits, and any after them that tie with the last ("the paper with the
    fewest authors" when three have one author each: all three). The caller decides whether
    to cite the tied ones or only mention them."""
    if n is None or key is None or len(hits) <= n:
        return hits[:n] if n else hits
    last = sort_value(hits[n - 1].meta, key)
    end = n
    while end < len(hits) and last is not None and sort_value(hits[end].meta, key) == last:
        end += 1
    return hits[:end]


def lacking(key: str) -> str:
    """What a listing outside every group lacks: "gives no organisation"; a day of the week needs the year."""
    return "prints no year" if key in ("weekday", "day") else f"gives no {GROUP_NAMES[key]}"


def group_name(key: str, value) -> str:
    if key == "month":
        return MONTH_NAMES[value - 1].capitalize()
    if key == "quarter":  # "Q4 (October to December)"
        return f"Q{value} ({MONTH_NAMES[3 * value - 3].capitalize()} to {MONTH_NAMES[3 * value - 1].capitalize()})"
    if key == "weekday":
        return day_name[value - 1]
    return posted_date(value) if key == "day" else str(value)


def posted_date(value: float, short: bool = True) -> str:
    """A "posted" value (YYYYMMDD) as a date: "Apr 18, 2019" as the listings print it, or
    with the month in full."""
    return day_in_words(int(value), short)


def title_part(plan: QueryPlan) -> str:
    """What the title is asked to have, as said: '"survey"', '"?"', or "a digit"."""
    return plan.in_title if plan.in_title == DIGIT else f'"{plan.in_title}"'
