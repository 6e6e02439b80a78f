"""Every paper's metadata and full abstract, read from the index (not from the corpus files).

Built from the BM25 side's per-paper nodes, so it matches what can be retrieved; used for
metadata questions (filters and sorts over all papers) and for source cards.
"""
from __future__ import annotations

from calendar import monthrange
from collections import Counter
from collections.abc import Callable, Iterable

import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import numpy as np

from rag.corpus.records import paper_name
from rag.retrieve.base import PaperHit
from rag.retrieve.filters import matcher
from rag.text import english_stop_words, only_released, release_statement, sentences, stated_counts

FIELDS = ("paper_id", "title", "authors", "org", "date", "year", "upvotes", "sources")
# The most words a title's head (or a colon-less title) may have to be a name questions use:
# written capitalised, even a long one names that paper ("Right Question is Already Half the Answer").
_NAME_WORDS = 12


@dataclass
class Catalog:
    papers: dict[str, dict]
    # paper_id -> its BM25 record's serialised node, whose text is "title\nabstract"; parsed
    # only when an abstract is asked for, so 100k abstracts are not decoded at start-up.
    nodes: dict[str, str] = field(default_factory=dict)
    # paper_id -> the other form of the acronyms it uses ("GRPO" <-> "group relative policy
    # optimization"), as the BM25 side indexed them; matched as if the abstract said them.
    also: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_node_dicts(cls, chunks: list[dict]) -> Catalog:
        papers: dict[str, dict] = {}
        nodes: dict[str, str] = {}
        also: dict[str, str] = {}
        for c in chunks:
            if c.get("also"):
                also[c["paper_id"]] = c["also"]
            entry = papers.setdefault(c["paper_id"], {k: c[k] for k in FIELDS if k in c})
            if "abstract" in c:
                entry["abstract"] = c["abstract"]
            elif "_node_content" in c:
                nodes[c["paper_id"]] = c["_node_content"]
        return cls(papers, nodes, also)

    def __len__(self) -> int:
        return len(self.papers)

    def release_statement(self, paper_id: str) -> str | None:
        """The abstract's sentence saying its code, data or models are available, if any."""
        return self._releases.get(paper_id)

    @cached_property
    def _releases(self) -> dict[str, str]:
        """Paper id -> its release sentence, read from every abstract once per catalog (which is
        rebuilt when the index changes), not on every "which papers released code?"."""
        return {pid: s for pid in self.papers if (s := release_statement(self.abstract(pid)))}

    def abstract(self, paper_id: str) -> str:
        paper = self.papers.get(paper_id, {})
        if "abstract" in paper:
            return paper["abstract"]
        if paper_id not in self.nodes:
            return ""
        return json.loads(self.nodes[paper_id]).get("text", "").partition("\n")[2]

    def text(self, paper_id: str, abstract: str | None = None) -> str:
        """Title, abstract (or the given part of it) and the other forms of its acronyms: what a
        question's words are matched against."""
        paper = self.papers.get(paper_id, {})
        abstract = self.abstract(paper_id) if abstract is None else abstract
        return f"{paper.get('title', '')} {abstract} {self.also.get(paper_id, '')}"

    def counts_stated(self, kind: str) -> dict[str, list[tuple[str, list[float]]]]:
        """Paper id -> the sentences of its abstract that state counts of `kind` ("examples",
        "parameters" or "tokens"), each with those counts: read from every abstract once per catalog, not
        on every "which papers use fewer than 1,000 examples?"."""
        return self._counts[kind]

    @cached_property
    def _counts(self) -> dict[str, dict[str, list[tuple[str, list[float]]]]]:
        found: dict[str, dict[str, list[tuple[str, list[float]]]]] = {"examples": {}, "parameters": {}, "tokens": {}}
        for pid in self.papers:
            abstract = self.abstract(pid)
            kinds = [(kind, by_paper) for kind, by_paper in found.items() if stated_counts(abstract, kind)]
            for sentence in sentences(abstract) if kinds else []:  # most abstracts state none: not split
                for kind, by_paper in kinds:
                    if counts := stated_counts(sentence, kind):
                        by_paper.setdefault(pid, []).append((sentence, counts))
        return found

    def topical_text(self, paper_id: str) -> str:
        """text() without the sentences that only say code or data are available: "the code is
        at github.com/..." says where the code is, not that the paper is about code. A longer
        one with no link keeps its content ("we release three new datasets (medical, legal,
        security) that induce ...")."""
        if paper_id not in self._releases:
            return self.text(paper_id)
        return self.text(paper_id, " ".join(s for s in sentences(self.abstract(paper_id)) if not only_released(s)))

    @cached_property
    def short_names(self) -> frozenset[str]:
        """Coined names that open titles ("ReConcile: Round-Table ..." -> "ReConcile"): one word
        with a capital inside, a digit or a hyphen, so "Steering the Herd" is not taken for a
        name when a question uses those words; or two to `_NAME_WORDS` capitalised words, with
        small words between them ("Soft Thinking", "Skywork R1V2", "Adaptive Graph of
        Thoughts", "Right Question is Already Half the Answer"; a title without a colon whole,
        "Weak-to-Strong Reasoning"), which a question must then write capitalised. Plain
        capitalised heads ("Titans") are `plain_heads`."""
        out = set()
        for head in self._heads:
            words = head.split()
            if len(words) == 1 and re.search(r".[A-Z]|\d|-", head):
                out.add(head)
            elif 2 <= len(words) <= _NAME_WORDS and all(_capitalised(w) or (i and w in english_stop_words())
                                                        for i, w in enumerate(words)):
                out.add(head)
        return frozenset(out)

    @cached_property
    def plain_heads(self) -> frozenset[str]:
        """One plain capitalised word opening a title ("Titans: Learning to Memorize")."""
        return frozenset(h for h in self._heads if is_plain_name(h))

    def names(self, papers_using: Callable[[str], int]) -> frozenset[str]:
        """The short names, and the plain heads that at most one other paper uses as a word
        (`papers_using`: word -> papers): "Titans" is a name, but "Transformers: ..." must not
        make every question about transformers a question about that paper."""
        return self.short_names | {h for h in self.plain_heads if papers_using(h) <= 2}

    @cached_property
    def _heads(self) -> set[str]:
        return {head for head in self._by_head if head}

    def average(self, field: str, kind: str, filters=None) -> float | None:
        """The mean or median (or max or min) of a count over the papers passing `filters` that
        list it; None if none do."""
        values = self.listed(field, filters)
        return statistic(values, kind) if len(values) else None

    def span(self, field: str) -> tuple[float, float, int] | None:
        """The smallest and largest value of a numeric field, and how many papers list it; None if none does."""
        values = self.listed(field)
        return (float(values.min()), float(values.max()), len(values)) if len(values) else None

    def listed(self, field: str, filters=None) -> np.ndarray:
        """The values of a numeric field of the papers passing `filters` whose listings give it."""
        values = self._column(field)[self._matching(filters)]
        return values[~np.isnan(values)]

    def value_of(self, name: str, field: str) -> float | None:
        """A field of the paper whose title opens with `name` ("LIMO"), None if its listing lacks it."""
        pid = self.paper_named(name)
        return None if pid is None else sort_value(self.papers[pid], field)

    def paper_named(self, name: str) -> str | None:
        """The id of the paper whose title opens with `name` ("LIMO: Less is More ..."), or whose
        title, having no colon, is `name` ("Weak-to-Strong Reasoning")."""
        return self._by_head.get(name)

    @cached_property
    def _by_head(self) -> dict[str, str]:
        """Paper name (records.paper_name: the title's head, or a colon-less title) -> paper id,
        the first paper for a name two titles share; built once."""
        out: dict[str, str] = {}
        for pid, paper in self.papers.items():
            out.setdefault(paper_name(paper.get("title", "")), pid)
        return out

    def orgs(self) -> list[str]:
        return list(self._orgs)

    @cached_property
    def _orgs(self) -> list[str]:
        # Read on every question (query understanding): computed once per catalog, which is
        # rebuilt whenever the index changes.
        return sorted({p["org"] for p in self.papers.values() if p.get("org")})

    def select(self, filters=None, sort: str | None = None, descending: bool = True) -> list[PaperHit]:
        """Papers matching the filters, sorted by a metadata field (papers lacking it left out)."""
        rows, _ = self._columns
        picked = self._matching(filters)
        if sort:
            values = self._column(sort)[picked]
            picked = picked[~np.isnan(values)]
            values = values[~np.isnan(values)]
            order = np.argsort(-values if descending else values, kind="stable")
            picked = picked[order]
        return [_as_hit(rows[i]) for i in picked]

    def hit(self, paper_id: str) -> PaperHit:
        """One paper as a hit, for answers that find papers by their text rather than by retrieval."""
        return _as_hit(self.papers[paper_id])

    def ids(self, filters=None) -> list[str]:
        """The ids of the papers matching the filters, without building a hit for each."""
        return self._columns[1]["paper_id"][self._matching(filters)].tolist()

    def yearless(self, filters=None) -> list[str]:
        """The ids of the papers matching the filters whose listing prints no year."""
        rows = self._matching(filters)
        return self._columns[1]["paper_id"][rows[np.isnan(self._columns[1]["year"][rows])]].tolist()

    def _matching(self, filters) -> np.ndarray:
        """Row numbers of the papers the filters keep."""
        mask = self.mask(filters)
        if mask is None:  # a filter the columns cannot express: test each paper, its fields as the columns hold them
            keep, keys = matcher(filters), [f.key for f in filters.filters]
            mask = np.array([keep({k: _filter_value(p, k) for k in keys}) for p in self._columns[0]], dtype=bool)
        return np.flatnonzero(mask)

    def warm(self) -> None:
        """Build the metadata columns now rather than on the first metadata question."""
        _ = self._columns

    @cached_property
    def _columns(self) -> tuple[list[dict], dict[str, np.ndarray]]:
        """Metadata as arrays, so a filter over 100k papers is a few vector comparisons."""
        rows = list(self.papers.values())
        cols = {key: np.array([np.nan if (v := sort_value(r, key)) is None else v for r in rows], dtype=float)
                for key in _NUMERIC if key != "abstract_words"}
        cols["org"] = np.array([r.get("org") or "" for r in rows], dtype=object)
        cols["paper_id"] = np.array([r["paper_id"] for r in rows], dtype=object)
        return rows, cols

    def _column(self, key: str) -> np.ndarray | None:
        return self._abstract_lengths if key == "abstract_words" else self._columns[1].get(key)

    @cached_property
    def _abstract_lengths(self) -> np.ndarray:
        """Each abstract's length in words, in the columns' row order (nan for none): read from
        every abstract the first time a question asks ("the longest abstract"), not at start-up."""
        rows, _ = self._columns
        return np.array([float(n) if (n := length_in_words(self.abstract(r["paper_id"]))) else np.nan for r in rows])

    def with_abstract_lengths(self, hits: list[PaperHit]) -> list[PaperHit]:
        """The hits with their abstract's length in their metadata, where filters, sorts and
        answers read it (`sort_value`); for the questions that ask about it."""
        for hit in hits:
            hit.meta["abstract_words"] = self._abstract_length_of.get(hit.paper_id)
        return hits

    @cached_property
    def _abstract_length_of(self) -> dict[str, int]:
        rows, _ = self._columns
        return {r["paper_id"]: int(n) for r, n in zip(rows, self._abstract_lengths.tolist()) if not np.isnan(n)}

    def mask(self, filters) -> np.ndarray | None:
        """Rows the filters keep, computed on the numpy columns; None when they cannot be (an OR,
        an unknown key or operator), and select() falls back to the filter function."""
        rows, _ = self._columns
        mask = np.ones(len(rows), dtype=bool)
        if not filters:
            return mask
        if str(getattr(filters.condition, "value", filters.condition)).lower() != "and":
            return None
        for f in filters.filters:
            op = getattr(f, "operator", None)
            column = self._column(getattr(f, "key", None))
            test = _OPS.get(getattr(op, "value", None))
            if column is None or test is None or not _fits(f.key, f.value):
                return None
            with np.errstate(invalid="ignore"):
                mask &= test(column, f.value)
        return mask


_NUMERIC = ("year", "authors", "upvotes", "posted", "month", "quarter", "day_of_month", "days_to_month_end", "weekday",
            "title_words", "title_chars", "abstract_words", "upvotes_per_author", "authors_parity", "upvotes_parity")
_MONTHS = {m: n for n, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}


def _as_hit(meta: dict) -> PaperHit:
    return PaperHit(meta["paper_id"], meta["title"], {k: v for k, v in meta.items() if k != "abstract"}, score=1.0)


def statistic(values, kind: str) -> float:
    """The mean, median, total, max, min or mode of some values: one definition for the answers
    that state them and for the conditions that compare with them ("more upvotes than the
    average"). Of several values equally common, the mode is the smallest."""
    if kind == "mode":
        counts = Counter(values)
        return float(min(v for v, n in counts.items() if n == max(counts.values())))
    return float({"mean": np.mean, "median": np.median, "total": np.sum, "max": np.max, "min": np.min}[kind](values))


def title_length(title: str) -> int:
    """A title's length in words ("LIMO: Less is More for Reasoning": 6)."""
    return length_in_words(title)


def length_in_words(text: str) -> int:
    """Words, counted as a reader would: "Qwen2.5-32B" and "o1's" are one each, ":" none."""
    return len(re.findall(r"[\w][\w\-'.]*", text))


def sort_value(meta: dict, key: str) -> float | None:
    """A metadata field as a number to sort or filter by. Two are derived from the printed date:
    "month" (1-12), and "posted", the date as YYYYMMDD, known only when the listing printed a
    year ("Oct 20, 2023"; "May 15" has none, and none is made up); and "weekday", 1 for
    Monday to 7 for Sunday (ISO; never 0, so a known day is never falsy), known when "posted" is.
    And "day_of_month" (1-31), known whenever a date is; "title_words" and "title_chars", a title's
    length in words and in characters; "upvotes_per_author", known when both
    counts are; "authors_parity" and "upvotes_parity", 1 for an odd count and 2 for an even one."""
    if key == "title_words":  # "which paper has the longest title?"
        return float(title_length(meta.get("title") or ""))
    if key == "title_chars":  # "a title longer than 120 characters", spaces and marks included
        return float(len(meta.get("title") or ""))
    if key == "upvotes_per_author":  # "the most upvotes per author"
        upvotes, authors = meta.get("upvotes"), meta.get("authors")
        return None if upvotes is None or not authors else upvotes / authors
    if key in ("authors_parity", "upvotes_parity"):  # "an odd number of authors": 1 odd, 2 even (never a falsy 0)
        count = meta.get(key.removesuffix("_parity"))
        return None if count is None else 2 - count % 2
    if key == "weekday":
        posted = sort_value(meta, "posted")
        return None if posted is None else posted_day(posted).isoweekday()
    if key == "days_to_month_end":  # 0 on a month's last day
        return _days_to_month_end(meta)
    if key == "quarter":  # 1-4, known whenever the month is
        month = sort_value(meta, "month")
        return None if month is None else (month - 1) // 3 + 1
    if key not in ("posted", "month", "day_of_month"):
        return meta.get(key)
    date, year = meta.get("date") or "", meta.get("year")
    parts = date.replace(",", " ").split()
    if len(parts) < 2 or parts[0][:3].lower() not in _MONTHS or not parts[1].isdigit():
        return None
    month = _MONTHS[parts[0][:3].lower()]
    if key == "month":  # known even when no year is printed
        return month
    if key == "day_of_month":  # so is the day
        return int(parts[1])
    return year * 10000 + month * 100 + int(parts[1]) if year else None


def _days_to_month_end(meta: dict) -> int | None:
    """The days left in the month after the printed date: known when the year is, or, without
    one, for any month but February (Feb 28 is its last day in three years of four)."""
    month, day = sort_value(meta, "month"), sort_value(meta, "day_of_month")
    if month is None or day is None:
        return None
    year = meta.get("year")
    if not year and month == 2 and day < 29:
        return None
    return monthrange(year or 2000, month)[1] - day  # 2000, a leap year: a yearless Feb 29 ends its month


def posted_value(day: date) -> int:
    """A calendar date as a "posted" value (YYYYMMDD); posted_day reads one back."""
    return day.year * 10000 + day.month * 100 + day.day


def posted_day(posted: float) -> date:
    """A "posted" value (YYYYMMDD) as a calendar date."""
    day = int(posted)
    return date(day // 10000, day // 100 % 100, day % 100)


def _fits(key: str, value) -> bool:
    """Numbers for the numeric columns, text for the others (anything else goes the slow way)."""
    values = value if isinstance(value, list) else [value]
    kind = (int, float) if key in _NUMERIC else str
    return bool(values) and all(isinstance(v, kind) and not isinstance(v, bool) for v in values)


_OPS = {
    "==": lambda c, v: c == v, "!=": lambda c, v: c != v, ">": lambda c, v: c > v, ">=": lambda c, v: c >= v,
    "<": lambda c, v: c < v, "<=": lambda c, v: c <= v,
    "in": lambda c, v: np.isin(c, list(v)), "nin": lambda c, v: ~np.isin(c, list(v)),
}


def _capitalised(word: str) -> bool:
    return word[0].isupper() or word[0].isdigit()


def is_plain_name(name: str) -> bool:
    """One capitalised word with no capital inside, digit or hyphen: "Titans", not "ReConcile"."""
    return " " not in name and name[:1].isupper() and not re.search(r".[A-Z]|\d|-", name)


def group_value(meta: dict, key: str):
    """The group a paper falls in: its organisation, year, month (1-12), quarter (1-4), day of the week (1-7)
    or day (YYYYMMDD, of listings that print a year); None when unknown."""
    value = (sort_value(meta, "posted" if key == "day" else key) if key in ("month", "quarter", "weekday", "day")
             else meta.get(key))
    return int(value) if isinstance(value, float) else value


def every_group(key: str, counts: Counter) -> list:
    """The groups a field can fall in, for listing those no paper falls in: months 1-12, days of
    the week 1-7, quarters 1-4, the years from the first to the last that papers fall in; none for
    organisations and days."""
    if key == "month":
        return list(range(1, 13))
    if key == "quarter":
        return list(range(1, 5))
    if key == "weekday":
        return list(range(1, 8))
    return list(range(min(counts), max(counts) + 1)) if key == "year" and counts else []


def group_counts(hits: list[PaperHit], key: str) -> Counter:
    return Counter(v for h in hits if (v := group_value(h.meta, key)))


def largest_groups(hits: list[PaperHit], key: str, most: bool = True, place: int = 1) -> list[PaperHit]:
    """The papers of the group(s) with the most (or fewest) papers, grouped by "org", "year",
    "month", "weekday" or "day"; papers without the field are left out. Ties keep every tied
    group. `place`: the group(s) at that place instead ("the second most papers", value_at_place);
    none when there are fewer."""
    counts = group_counts(hits, key)
    size = value_at_place(counts.values(), place, most)
    return [] if size is None else [h for h in hits if (v := group_value(h.meta, key)) and counts[v] == size]


def value_at_place(values: Iterable[float], place: int, most: bool = True) -> float | None:
    """The value that holds a place, largest first when `most`; None when there are fewer. Ties
    share a place and the next value takes the next one (upvotes 7, 6, 6, 5: second place is
    6, held by two papers, and third is 5), so every place names a value no earlier one has."""
    distinct = sorted(set(values), reverse=most)
    return distinct[place - 1] if len(distinct) >= place else None


def by_group_size(hits: list[PaperHit], key: str, most: bool = True) -> list[PaperHit]:
    """Papers ordered by the size of their group (largest first when `most`), those without
    the field last: the retrieval order for "which organisation posted the most papers?"."""
    counts = group_counts(hits, key)
    sign = -1 if most else 1
    return sorted(hits, key=lambda h: (not group_value(h.meta, key), sign * counts[group_value(h.meta, key)]))


def ends_first(hits: list[PaperHit], key: str) -> list[PaperHit]:
    """Papers sorted by a field with its two ends first, the first and the last that give it, then
    the rest as they were: the retrieval order for a range ("how many weeks apart were the first
    and the last 2025 papers posted?" cites those two)."""
    known = [(v, h) for h in hits if (v := sort_value(h.meta, key)) is not None]
    if len(known) < 3:
        return hits
    low, high = min(v for v, _ in known), max(v for v, _ in known)
    # of papers tied at an end, the first in the given order (the one the range's answer names)
    ends = [next(h for v, h in known if v == low), next(h for v, h in known if v == high)]
    return ends + [h for h in hits if h is not ends[0] and h is not ends[1]]


def papers_by_group(hits: list[PaperHit], key: str, field: str) -> dict:
    """Group value -> [(the field's value, paper), ...] for the papers whose listing gives both
    ("which organisation has the most upvotes?" sums each organisation's)."""
    papers_of: dict = {}
    for h in hits:
        if (g := group_value(h.meta, key)) and (v := sort_value(h.meta, field)) is not None:
            papers_of.setdefault(g, []).append((v, h))
    return papers_of


def by_group_statistic(hits: list[PaperHit], key: str, field: str, kind: str, most: bool = True) -> list[PaperHit]:
    """Papers ordered by their group's statistic of a field (highest first when `most`), those
    without the group or the field last: the retrieval order for "which year's papers have the
    most authors on average?", whose answer cites the top group's papers."""
    of_group = {g: statistic([v for v, _ in papers], kind) for g, papers in papers_by_group(hits, key, field).items()}
    sign = -1 if most else 1

    def place(h: PaperHit) -> tuple:
        g = group_value(h.meta, key)
        known = g in of_group and sort_value(h.meta, field) is not None
        return (not known, sign * of_group[g] if known else 0, str(g))
    return sorted(hits, key=place)


def keep_matching(hits: list[PaperHit], filters) -> list[PaperHit]:
    """The hits whose derived fields ("month") pass the filters; all of them when there are none."""
    if not filters:
        return hits
    keep = matcher(filters)
    return [h for h in hits if keep({f.key: _filter_value(h.meta, f.key) for f in filters.filters})]


def _filter_value(meta: dict, key: str):
    """The field as filters compare it: a number for the numeric fields; for the others ("org"),
    blank when the listing lacks it, as in the catalog's columns (llama-index's "not equal"
    passes a missing value)."""
    value = sort_value(meta, key)
    return "" if value is None and key not in _NUMERIC else value
