"""Dates in a question, as filters on the listing's printed date.

A day ("on Mar 10, 2025", "after 25 September 2025", "since 2025-09-25", "between Sep 1, 2025
and Sep 15, 2025"), a month ("in March 2024", "during May"), a range of dates ("between January
and March 2025", "from Nov 2024 to Feb 2025", "the first half of 2025", "Q3 2024", "the last
three months of 2025", "the last 30 days of 2025", "late 2024", "summer 2023", "the first week of
March 2025"), a range of months in any year ("between October and December"), and years ("from
2019", "2023 papers", "from 2020 or 2021", "before 2024", "between 2020 and 2022", "this year",
"last year", "before last year", "not from 2023"), months as bounds ("after June 2025"), and windows that end today
("last month", "the past year", "in the last 6 months"), and seasons counted from today ("last
spring", "this winter").

Days of the week too ("on a weekend", "on a Friday"), and a month's last days ("on the last day
of a month", "in the last week of a month").

Days and ranges filter `posted`, the printed date as a YYYYMMDD number; months filter
`month`; days of the week `weekday`; a month's last days `days_to_month_end`. All are derived
fields (index/catalog.py), applied after retrieval.
"""
from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from datetime import date, timedelta

from llama_index.core.vector_stores import FilterOperator, MetadataFilter

from rag.index.catalog import posted_value
from rag.text import english_stop_words
from rag.understand.wording import A_NUMBER, MONTH_NAMES, NUMBER, number

_YEAR = r"((?:19|20)\d{2})"
# A year, not a count that looks like one: "a context of 2000 tokens", "in 2048-token windows".
# A plural noun after it makes it a count; function words ending in "s" ("has", "was") do not, nor
# words ending in "ss", "us" or "is", which are no plurals, nor their verbs' "-sses" and "-uses"
# ("papers from 2019 discuss / focus on ...", "which paper from 2019 discusses ...?").
_NOT_COUNTED = sorted({w for w in english_stop_words() if w.endswith("s")}
                      | {"papers", "works", "articles", "entries", "onwards", "afterwards"})
_PLURAL_AFTER = rf"\s+(?!(?:{'|'.join(_NOT_COUNTED)})\b|[a-z]*(?:sses|uses)\b)[a-z]*[a-hj-rtv-z]s\b"
# After "from", "since", "before", "after", "until" or "during" it is a year whatever follows: "papers from
# 2025 outperforms GPT-4" (a verb typed with an "s" is no count); so it is after "published in" or "the
# paper in" ("which paper in 2025 improves GRPO?"), where "in 2000 steps" would be a count
_IN_A_YEAR = [f"{verb} in" for verb in ("published", "posted", "released", "written", "uploaded", "dated")] + [
    f"{noun} in" for noun in ("paper", "papers", "work", "works", "article", "articles", "one", "ones")]
_YEAR_AFTER = "|".join(rf"(?<=\b{p} \d{{4}})"
                       for p in ("from", "since", "before", "after", "until", "during", *_IN_A_YEAR))
_A_YEAR = _YEAR + rf"(?![\w-])(?:{_YEAR_AFTER}|(?!{_PLURAL_AFTER}))"
_MONTHS = "|".join(rf"{m[:3]}(?:{m[3:]})?" for m in MONTH_NAMES) + "|sept"
_PAPERS = r"(?:papers?|works?|articles?|entries|entry|ones?)"
_QUARTERS = "first|1st|second|2nd|third|3rd|fourth|4th|last|final"
# Seasons as the northern hemisphere's meteorological ones; the answer's "read as" line shows the months.
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
_SEASON_NAMES = "|".join(_SEASONS)
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": 4,
             "final": 4}
# The days of a month in words: "on the first of a month", "the twenty-first"
_UNITS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
_DAY_ORDINALS = [*_UNITS, "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
                 "seventeenth", "eighteenth", "nineteenth", "twentieth", *(f"twenty-{u}" for u in _UNITS), "thirtieth",
                 "thirty-first"]
# A bound's words and the kind of bound they set; a negated one keeps the date: "no later than" is "until"
_BOUND_KINDS = {"before": "before", "prior to": "before", "earlier than": "before", "after": "after",
                "later than": "after", "since": "since", "until": "until", "up to": "until", "no later than": "until",
                "not later than": "until", "not after": "until", "no earlier than": "since",
                "not earlier than": "since", "not before": "since"}
_NEGATED_BOUNDS = {w: FilterOperator.LTE if k == "until" else FilterOperator.GTE
                   for w, k in _BOUND_KINDS.items() if w.startswith("no")}
_MONTH_BOUNDS = "|".join(sorted(_BOUND_KINDS, key=len, reverse=True))
_YEAR_OPERATORS = {"before": FilterOperator.LT, "earlier than": FilterOperator.LT, "older than": FilterOperator.LT,
                   "prior to": FilterOperator.LT, "after": FilterOperator.GT, "later than": FilterOperator.GT,
                   "newer than": FilterOperator.GT, "more recent than": FilterOperator.GT,
                   "since": FilterOperator.GTE, "until": FilterOperator.LTE, **_NEGATED_BOUNDS}


def date_filters(take: Callable, today: date) -> list[MetadataFilter]:
    """The question's date conditions. `take(pattern)` matches the lower-cased question and
    marks the match as used (rules.py); `today` is what "this year" and "the last 6 months"
    count from."""
    found = (_recent(take, today) or _days_and_months(take) or _days_of_months(take)) + _weekdays(take)
    take(_ANY_YEAR)  # "in May, whatever the year": a month alone is of any year already
    if any(f.key in ("posted", "year") for f in found):  # a day, a range of dates or "October 2025" holds the year
        return found
    return found + _years(take, today)


# Words saying a date part holds in every year; the first half or quarter "of any year" is read
# with its words (_days_and_months), before these are taken
_ANY_YEAR = (r",?\s*\b(?:(?:whatever|whichever|no matter) (?:the |which |what )?year(?: (?:it|they) (?:was|were|came out))?"
             r"|(?:regardless|irrespective) of (?:the )?year|(?:in|of|from) (?:any|every|all) years?"
             r"|(?:in|of|across) (?:all|every one of) the years|across (?:all )?years)\b")


# Holidays on a fixed day: (month, day)
_HOLIDAYS = {"christmas eve": (12, 24), "christmas": (12, 25), "new year's eve": (12, 31), "new year's": (1, 1),
             "valentine's": (2, 14), "halloween": (10, 31)}
_HOLIDAY = (r"(christmas eve|christmas|new year'?s eve|new year'?s|valentine'?s|halloween)(?: day)?")


def _holiday_name(said: str) -> str:
    return "new year's" if said == "new year" else said.replace("years", "year's").replace("valentines", "valentine's")


def _days_of_months(take: Callable) -> list[MetadataFilter]:
    """'On Christmas Day 2024': that day; 'on Christmas', 'on Halloween': that day of any year
    (`month` and `day_of_month`, which listings that print no year give too); 'on the 29th of a
    month', 'on the 1st': that day of any month."""
    if m := take(rf"\b(?:on |over |during )?{_HOLIDAY}(?: of)?(?: {_YEAR})?\b"):
        month, day = _HOLIDAYS[_holiday_name(m[1])]
        if m[2]:
            return [MetadataFilter(key="posted", value=int(m[2]) * 10000 + month * 100 + day)]
        return [MetadataFilter(key="month", value=month), MetadataFilter(key="day_of_month", value=day)]
    if m := take(r"\bon the (\d{1,2}(?:st|nd|rd|th)(?:(?:,| or| and|, or|, and) (?:the )?\d{1,2}(?:st|nd|rd|th))*)(?: days?)?"
                 r"(?: of (?:a|the|any|each|every) month)?\b"):  # "on the 1st or 15th of a month": either day
        days = sorted({int(d) for d in re.findall(r"\d+", m[1]) if 1 <= int(d) <= 31})
        return [MetadataFilter(key="day_of_month", value=days[0])] if len(days) == 1 else \
            [MetadataFilter(key="day_of_month", value=days, operator=FilterOperator.IN)] if days else []
    if m := take(rf"\bon the ({'|'.join(_DAY_ORDINALS)})(?: day)? of (?:a|the|any|each|every) month\b"):
        return [MetadataFilter(key="day_of_month", value=_DAY_ORDINALS.index(m[1]) + 1)]  # "on the first of a month"
    return _month_ends(take)


_A_MONTH = r"(?:a|the|any|each|every|their) month"


def _month_ends(take: Callable) -> list[MetadataFilter]:
    """'On the last day of a month', 'on a month's last day': `days_to_month_end` 0; 'in the last
    week of a month', 'the last 3 days of a month': fewer than 7 (3) days to go."""
    if take(rf"\bon (?:the (?:very )?(?:last|final) day of {_A_MONTH}|(?:a|the) month'?s (?:last|final) day)\b"):
        return [MetadataFilter(key="days_to_month_end", value=0)]
    if m := take(rf"\b(?:in|during|on|over) the (?:last|final) (?:({A_NUMBER}) days|(week)) of {_A_MONTH}\b"):
        days = 7 if m[2] else number(m[1])
        return [MetadataFilter(key="days_to_month_end", value=days - 1, operator=FilterOperator.LTE)] if days else []
    return []


_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekdays(take: Callable) -> list[MetadataFilter]:
    """'On a weekend', 'on weekdays', 'on a Friday', 'on Mondays or Tuesdays', 'on Mondays and on
    weekends': `weekday`, 1 for Monday to 7 for Sunday, known for listings that print a year."""
    names = "|".join(_DAY_NAMES)
    # (not "the weekend before Christmas 2024": one weekend, _window's)
    day = (rf"(?!the weekend (?:before|after|following|preceding)\b)(?:a |the )?"
           rf"(?:(?:{names})s?|weekends?|weekdays?|working days?|workdays?)")
    m = take(rf"\b(?:on|at|over|during) {day}(?:(?:,| or| and|, or|, and)(?: (?:on|at|over|during))? {day})*\b")
    if not m:
        return []
    days = {_DAY_NAMES.index(d) + 1 for d in re.findall(names, m[0])}
    days |= {6, 7} if re.search(r"\bweekends?\b", m[0]) else set()
    days |= {1, 2, 3, 4, 5} if re.search(r"\b(?:weekdays?|working days?|workdays?)\b", m[0]) else set()
    ordered = sorted(days)
    return [MetadataFilter(key="weekday", value=ordered[0])] if len(ordered) == 1 else [
        MetadataFilter(key="weekday", value=ordered, operator=FilterOperator.IN)]


# A day: "Sep 25, 2025", "25 September 2025", "2025-09-25" (groups: month, day, year; day, month,
# year; year, month, day).
_DAY = (rf"(?:({_MONTHS})\.? (\d{{1,2}})(?:st|nd|rd|th)?,? {_YEAR}|(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({_MONTHS})\.?,? "
        rf"{_YEAR}|{_YEAR}-(\d{{2}})-(\d{{2}}))\b")
# Bounds on a day: "after Sep 25, 2025" leaves that day out, "since" and "on or after" keep it.
_DAY_OPERATORS = {"on": FilterOperator.EQ, "dated": FilterOperator.EQ, "before": FilterOperator.LT,
                  "prior to": FilterOperator.LT, "earlier than": FilterOperator.LT, "after": FilterOperator.GT,
                  "later than": FilterOperator.GT, "since": FilterOperator.GTE, "from": FilterOperator.EQ,
                  "on or after": FilterOperator.GTE, "on or before": FilterOperator.LTE, "until": FilterOperator.LTE,
                  "up to": FilterOperator.LTE, **_NEGATED_BOUNDS}


class NoSuchDay(ValueError):
    """A day the calendar does not have ("February 30, 2025", "2025-13-01"); the message says so."""


def _day(groups: tuple) -> int:
    """The YYYYMMDD number of a `_DAY` match from its groups (the first nine of the match's);
    NoSuchDay for a day the calendar does not have."""
    month, day, year, day2, month2, year2, year3, month3, day3 = groups[:9]
    if month:
        year, month, day = int(year), _month_number(month), int(day)
    elif month2:
        year, month, day = int(year2), _month_number(month2), int(day2)
    else:
        year, month, day = int(year3), int(month3), int(day3)
    try:
        date(year, month, day)
    except ValueError:
        said = f"{MONTH_NAMES[month - 1].capitalize()} {day}, {year}" if 1 <= month <= 12 else f"{year}-{month:02d}-{day:02d}"
        raise NoSuchDay(f"{said} is not a day of the calendar: check the date and ask again.") from None
    return year * 10000 + month * 100 + day


def day_in_words(day: int, short: bool = False) -> str:
    """20241225 -> "December 25, 2024" (`short`: "Dec 25, 2024", as the listings print it)."""
    month = MONTH_NAMES[day // 100 % 100 - 1].capitalize()
    return f"{month[:3] if short else month} {day % 100}, {day // 10000}"




def _uncaptured(pattern: str) -> str:
    return re.sub(r"\((?!\?)", "(?:", pattern)


# A holiday of a year: "Christmas 2024", and "New Year 2025" (its day, said without "'s", only with a year)
_HOLIDAY_OF_YEAR = rf"(?:{_HOLIDAY}|(new year)) {_YEAR}"


# The start, middle or end of a year or a month, as a day: "closest to the middle of 2024" is Jul 1, 2024;
# "the end of March 2025" Mar 31, 2025 (as a period, "the middle of 2024" is May to August: _days_and_months)
_EDGE_OF = rf"(?:the )?(start|beginning|middle|end) of (?:({_MONTHS})\.? )?{_YEAR}|mid-?({_MONTHS})?\.?[- ]?{_YEAR}"


# "The first Monday of 2025", "the last Friday in March 2025": that day (_nth_weekday)
_NTH_WEEKDAY = (rf"(?:the )?(first|1st|second|2nd|third|3rd|fourth|4th|last|final) ({'|'.join(_DAY_NAMES)}) (?:of|in) "
                rf"(?:({_MONTHS})\.? )?{_YEAR}")


def _a_day(name: str) -> str:
    """A day, a holiday of a year, the edge of a year or month or a weekday of one ("Mar 9, 2025",
    "Christmas 2024", "the end of 2024", "the first Monday of 2025") as the group `name` (_day_or_holiday)."""
    return (rf"(?P<{name}>{_uncaptured(_DAY)}|{_uncaptured(_HOLIDAY_OF_YEAR)}|{_uncaptured(_EDGE_OF)}"
            rf"|{_uncaptured(_NTH_WEEKDAY)})")


# "Which paper was posted closest to Dec 25, 2024?", "... nearest to New Year 2025?": a day the papers are
# compared with (day_of)
NEAREST_DAY = (rf"\b(?:(?:posted|published|released|came out|appeared|dated) )?(?:the )?(?:closest|nearest)"
               rf" (?:in time )?to (?:the )?{_a_day('near')}")


def day_of(m: re.Match) -> int:
    """The YYYYMMDD number of the day a NEAREST_DAY match gives."""
    return posted_value(_day_or_holiday(m["near"]))


# "The week before Christmas 2024", "the 10 days after Mar 9, 2025", "within 3 days of Christmas 2024",
# "the week of Dec 25, 2024", "the weekend after Mar 9, 2025": a window next to a day, around it, its week,
# or the weekend next to it
_WINDOW = (rf"\b(?:(?:in|during|within|over) )?the (?:(?P<n>{A_NUMBER}) )?(?P<unit>days?|weeks?|fortnight)"
           rf" (?P<side>before|after|leading up to|following|preceding) {_a_day('day')}"
           rf"|\bwithin (?:(?P<n2>{A_NUMBER}|a|an) )?(?P<unit2>days?|weeks?|fortnight) (?:of|from|around) {_a_day('day2')}"
           rf"|\b(?:(?:in|during) )?the (?P<week>week) of {_a_day('day3')}"
           rf"|\b(?:(?:on|over|during|in) )?the (?P<weekend>weekend) (?P<side2>before|after|following|preceding)"
           rf" {_a_day('day4')}"
           # (not "around the middle of 2025": that is a period, May to August)
           rf"|\b(?P<around>around|about|near|close to) (?!(?:the )?(?:start|beginning|middle|end) of|mid){_a_day('day5')}"
           rf"|\b(?:in |during )?the (?P<runup>run-up|lead-up|run up|lead up|days leading up) to {_a_day('day6')}")
# "Around Christmas 2024" is the week either side of it; "in the run-up to" it, the two weeks before it
AROUND_DAYS, RUN_UP_DAYS = 7, 14


def _window(take: Callable) -> list[MetadataFilter]:
    """The days before or after a day, that day left out: "the week before Christmas 2024" is
    Dec 18-24, 2024; the days either side of it ("within 3 days of"; "around" it, a week either
    side: it was the day itself); its week, Monday to Sunday; "the weekend before Christmas 2024",
    Dec 21-22, 2024 (it was every weekend before it); "the run-up to" it, the two weeks before it."""
    if not (m := take(_WINDOW)):
        return []
    when = _day_or_holiday(m["day"] or m["day2"] or m["day3"] or m["day4"] or m["day5"] or m["day6"])
    if m["around"]:
        first, last = when - timedelta(days=AROUND_DAYS), when + timedelta(days=AROUND_DAYS)
    elif m["runup"]:
        first, last = when - timedelta(days=RUN_UP_DAYS), when - timedelta(days=1)
    elif m["weekend"]:  # the Saturday and Sunday next to the day, on that side of it
        if m["side2"] in ("before", "preceding"):
            last = when - timedelta(days=when.isoweekday() % 7 or 7)  # the Sunday before
            first = last - timedelta(days=1)
        else:
            first = when + timedelta(days=(6 - when.isoweekday()) % 7 or 7)  # the Saturday after
            last = first + timedelta(days=1)
    elif m["week"]:
        first = when - timedelta(days=when.weekday())
        last = first + timedelta(days=6)
    else:
        n = m["n"] or m["n2"]
        days = (number(n) if n and n not in ("a", "an") else 1) * {"d": 1, "w": 7, "f": 14}[(m["unit"] or m["unit2"])[0]]
        if m["unit2"]:
            first, last = when - timedelta(days=days), when + timedelta(days=days)
        elif m["side"] in ("before", "leading up to", "preceding"):
            first, last = when - timedelta(days=days), when - timedelta(days=1)
        else:
            first, last = when + timedelta(days=1), when + timedelta(days=days)
    return [MetadataFilter(key="posted", value=posted_value(first), operator=FilterOperator.GTE),
            MetadataFilter(key="posted", value=posted_value(last), operator=FilterOperator.LTE)]


def _day_or_holiday(said: str) -> date:
    if day := re.match(_DAY, said):
        then = _day(day.groups())
        return date(then // 10000, then // 100 % 100, then % 100)
    if holiday := re.match(_HOLIDAY_OF_YEAR, said):
        month, day_of_month = _HOLIDAYS[_holiday_name(holiday[1] or holiday[2])]
        return date(int(holiday[3]), month, day_of_month)
    if nth := re.match(_NTH_WEEKDAY, said):
        return _nth_weekday(nth)
    return _edge_day(re.match(_EDGE_OF, said))


def _nth_weekday(m: re.Match) -> date:
    """The day a _NTH_WEEKDAY match gives: the first (second, ..., last) such weekday of the month,
    or of the year when no month is said."""
    year, weekday = int(m[4]), _DAY_NAMES.index(m[2])
    first_month, last_month = (_month_number(m[3]),) * 2 if m[3] else (1, 12)
    if m[1] in ("last", "final"):
        day = date(year, last_month, monthrange(year, last_month)[1])
        return day - timedelta(days=(day.weekday() - weekday) % 7)
    day = date(year, first_month, 1)
    return day + timedelta(days=(weekday - day.weekday()) % 7 + 7 * (_ORDINALS[m[1]] - 1))


def _edge_day(m: re.Match) -> date:
    """The day an _EDGE_OF match gives: a year's Jan 1, Jul 1 or Dec 31; a month's 1st, 15th or last."""
    edge, said_month, year = (m[1], m[2], m[3]) if m[3] else ("middle", m[4], m[5])
    year = int(year)
    if said_month:
        month = _month_number(said_month)
        return date(year, month, {"middle": 15, "end": monthrange(year, month)[1]}.get(edge, 1))
    return {"middle": date(year, 7, 1), "end": date(year, 12, 31)}.get(edge, date(year, 1, 1))


def _days_and_months(take: Callable) -> list[MetadataFilter]:
    if window := _window(take):
        return window
    # a day or a holiday of a year: "between Christmas 2024 and Jan 10, 2025" (both days kept)
    if m := take(rf"\b(?:between|from) {_a_day('first')} (?:and|to|through|until|till) {_a_day('last')}"):
        first, last = sorted(posted_value(_day_or_holiday(m[end])) for end in ("first", "last"))
        return [MetadataFilter(key="posted", value=first, operator=FilterOperator.GTE),
                MetadataFilter(key="posted", value=last, operator=FilterOperator.LTE)]
    bounds = "|".join(sorted(_DAY_OPERATORS, key=len, reverse=True))  # "on or after" before "on"
    if m := take(rf"\b(?P<bound>{bounds}) {_a_day('day')}(?P<later> onwards?| on(?=\s*(?:[?.!,;]|$))| and later| or later)?"):
        # "from Sep 1, 2025 on", "before Christmas 2024"
        op = FilterOperator.GTE if m["later"] else _DAY_OPERATORS[m["bound"]]
        return [MetadataFilter(key="posted", value=posted_value(_day_or_holiday(m["day"])), operator=op)]
    if m := take(rf"\b(?:between|from) ({_MONTHS})\.?(?: {_YEAR})? (?:and|to|through|until|till) ({_MONTHS})\.?(?: {_YEAR})?\b"):
        first, last = _month_number(m[1]), _month_number(m[3])
        if m[2] or m[4]:  # "from Nov 2024 to Feb 2025"; "between January and March 2025"
            return _posted_between(int(m[2] or m[4]), first, int(m[4] or m[2]), last)
        # wrapping past December too
        months = list(range(first, last + 1)) if first <= last else [*range(first, 13), *range(1, last + 1)]
        return [MetadataFilter(key="month", value=months, operator=FilterOperator.IN)]
    if m := take(rf"\b(?:the )?(?:(first|1st|second|2nd) half|({_QUARTERS}) quarter|q([1-4])|h([12])) (?:of )?{_YEAR}\b"):
        first, last = _months_of_part(m)
        return _posted_between(int(m[5]), first, int(m[5]), last)
    # of any year: "in Q3", "the final quarter", "the second half of the year"
    if m := take(rf"\b(?:the )?(?:(first|1st|second|2nd) half (?=of (?:the|a|any) year)|({_QUARTERS}) quarter|q([1-4])"
                 rf"|h([12]))(?: of (?:the|a|any) year)?\b"):
        first, last = _months_of_part(m)
        return [MetadataFilter(key="month", value=list(range(first, last + 1)), operator=FilterOperator.IN)]
    # ("the summer months of 2025": "months" is no topic)
    if m := take(rf"\b(?:the )?({_SEASON_NAMES})(?: months)? (?:of )?{_YEAR}\b"):  # "summer 2023": June to August
        first, last = _SEASONS[m[1]]
        return _posted_between(int(m[2]) - (first > last), first, int(m[2]), last)  # winter 2024: Dec 2023-Feb 2024
    if m := take(rf"\b(?:in|during|over|from) (?:the )?({_SEASON_NAMES})(?: months)?\b"):  # "in the spring": of any year
        first, last = _SEASONS[m[1]]
        return [MetadataFilter(key="month", value=[(first + i - 1) % 12 + 1 for i in range(3)], operator=FilterOperator.IN)]
    if m := take(rf"\b(?:(early|mid|late)[- ](?:in )?|(?:at |in |from |by |towards? |around )?the (beginning|start|middle|end)"
                 rf" of ){_YEAR}\b"):  # "late 2024", "the end of 2024": its last four months
        first = {"early": 1, "beginning": 1, "start": 1, "mid": 5, "middle": 5}.get(m[1] or m[2], 9)
        return _posted_between(int(m[3]), first, int(m[3]), first + 3)
    if m := take(rf"\b(?:the |in the |during the )?(first|1st|second|2nd|third|3rd|fourth|4th|last|final) week of "
                 rf"(?:({_MONTHS})\.? )?{_YEAR}\b"):  # "the first week of March 2025": days 1-7; the last: from the 25th
        # of a year: of its first month ("the first week of 2025"), or the last of its last
        last = m[1] in ("last", "final")
        month_number = _month_number(m[2]) if m[2] else 12 if last else 1
        start = 25 if last else 7 * _ORDINALS[m[1]] - 6
        month = int(m[3]) * 10000 + month_number * 100
        return [MetadataFilter(key="posted", value=month + start, operator=FilterOperator.GTE),
                MetadataFilter(key="posted", value=month + min(start + 6, monthrange(int(m[3]), month_number)[1]),
                               operator=FilterOperator.LTE)]
    # "the first half of December 2024": days 1-15; the second: from the 16th
    if m := take(rf"\b(?:the |in the |during the )?(first|1st|second|2nd|latter) half of ({_MONTHS})\.? {_YEAR}\b"):
        year, month = int(m[3]), _month_number(m[2])
        first, last = (1, 15) if m[1] in ("first", "1st") else (16, monthrange(year, month)[1])
        return [MetadataFilter(key="posted", value=year * 10000 + month * 100 + first, operator=FilterOperator.GTE),
                MetadataFilter(key="posted", value=year * 10000 + month * 100 + last, operator=FilterOperator.LTE)]
    # "early / mid / late September 2025", "the end of September 2025": days 1-10, 11-20, 21 on
    if m := take(rf"\b(?:(early|mid|late)[- ]|(?:at |in |from |by |towards? )?the (beginning|start|middle|end) of )"
                 rf"({_MONTHS})\.? {_YEAR}\b"):
        part = {"early": 0, "beginning": 0, "start": 0, "mid": 1, "middle": 1}.get(m[1] or m[2], 2)
        year, month = int(m[4]), _month_number(m[3])
        first, last = (1, 10) if part == 0 else (11, 20) if part == 1 else (21, monthrange(year, month)[1])
        return [MetadataFilter(key="posted", value=year * 10000 + month * 100 + first, operator=FilterOperator.GTE),
                MetadataFilter(key="posted", value=year * 10000 + month * 100 + last, operator=FilterOperator.LTE)]
    if m := take(rf"\b(?:the )?(first|last) {NUMBER} (days|weeks) (?:of )?(?:({_MONTHS})\.? )?{_YEAR}\b"):
        # "the last 30 days of 2025", "the first two weeks of March 2025": counted from its first or last day
        year, month = int(m[5]), _month_number(m[4]) if m[4] else None
        start = date(year, month or 1, 1)
        end = date(year, month, monthrange(year, month)[1]) if month else date(year, 12, 31)
        span = timedelta(days=max(1, number(m[2])) * (7 if m[3] == "weeks" else 1) - 1)
        first, last = (start, min(end, start + span)) if m[1] == "first" else (max(start, end - span), end)
        return [MetadataFilter(key="posted", value=posted_value(first), operator=FilterOperator.GTE),
                MetadataFilter(key="posted", value=posted_value(last), operator=FilterOperator.LTE)]
    if m := take(rf"\b(?:the )?(first|last) {NUMBER} months (?:of )?{_YEAR}\b"):  # "the last three months of 2025"
        n = min(12, max(1, number(m[2])))
        first, last = (1, n) if m[1] == "first" else (13 - n, 12)
        return _posted_between(int(m[3]), first, int(m[3]), last)
    if m := take(rf"\b({_MONTH_BOUNDS}) ({_MONTHS})\.? {_YEAR}\b"):
        # "before March 2024": before its first day; "since May 2025": from it; "after June 2025" and
        # "until June 2025": from July, or before it
        kind, year, month = _BOUND_KINDS[m[1]], int(m[3]), _month_number(m[2])
        if kind in ("after", "until"):
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        op = FilterOperator.LT if kind in ("before", "until") else FilterOperator.GTE
        return [MetadataFilter(key="posted", value=year * 10000 + month * 100 + 1, operator=op)]
    # "may" ends the clause or is followed by a word no verb is ("after May with more than 3 upvotes"), not the modal
    if m := take(rf"\b({_MONTH_BOUNDS}) (?!may\b(?!\s*(?:[?.!,;]|$|(?:with|and|or|on|about|from|that|which|having|by|for"
                 rf"|among|of)\b)))({_MONTHS})\b(?!\.? ?\d)"):
        # "before March", of any year (within a year's papers, "and before March?" after "... in 2025?"):
        # the months before it; "after June": those after; "since May": from it; "until May": up to it
        kind, month = _BOUND_KINDS[m[1]], _month_number(m[2])
        months = {"before": range(1, month), "until": range(1, month + 1), "after": range(month + 1, 13),
                  "since": range(month, 13)}[kind]
        return [MetadataFilter(key="month", value=list(months), operator=FilterOperator.IN)] if months else []
    if m := take(rf"\b(?:not|never) (?:(?:posted|published|released) )?(?:in|during|from) ({_MONTHS})\b"):
        return [MetadataFilter(key="month", value=_month_number(m[1]), operator=FilterOperator.NE)]  # "2025 but not October"
    # "in January, March or May 2025": any of them ("and" too: a paper is posted in one month)
    if m := take(rf"\b(?:in|during|from|posted in|published in) ((?:{_MONTHS})\.?(?:, (?:{_MONTHS})\.?)+,? (?:or|and) "
                 rf"(?:{_MONTHS})\.?)(?:,? {_YEAR})?\b"):
        months = sorted({_month_number(x) for x in re.findall(rf"\b(?:{_MONTHS})\b", m[1], re.I)})
        return [MetadataFilter(key="month", value=months, operator=FilterOperator.IN)] + \
            ([MetadataFilter(key="year", value=int(m[2]))] if m[2] else [])
    # "in an odd-numbered month", "in even months": every other month
    if m := take(r"\b(?:in|during|from) (?:an? |the )?(odd|even)(?:[- ]numbered)? months?\b"):
        return [MetadataFilter(key="month", value=list(range(1 if m[1] == "odd" else 2, 13, 2)), operator=FilterOperator.IN)]
    # "in March or April 2025", "March or April?": either month ("may or may not" is no month); "more in
    # March 2025 than in April 2025": the two set against each other, so either month again
    if m := take(rf"\b(?:(?:in|during|from|posted in|published in) |(?!may\b))({_MONTHS})\.?(?:,? (?P<first>\d{{4}}))?"
                 rf" (?:or|than|versus|vs\.?|compared (?:with|to))(?: in| during| from)? ({_MONTHS})\.?(?:,? {_YEAR})?\b"):
        months = [MetadataFilter(key="month", value=sorted({_month_number(m[1]), _month_number(m[3])}),
                                 operator=FilterOperator.IN)]
        year = m[4] or m["first"]
        return months + ([MetadataFilter(key="year", value=int(year))] if year else [])
    if m := take(rf"\b(?:in|during|from|posted in|published in) ({_MONTHS})\.?(?: {_YEAR})?\b"):
        month = [MetadataFilter(key="month", value=_month_number(m[1]))]
        return month + ([MetadataFilter(key="year", value=int(m[2]))] if m[2] else [])
    # "the October 2025 papers": a month and its year, no preposition ("what may 2025 bring?" is no date)
    if m := take(rf"\b(?!may\b)({_MONTHS})\.? {_YEAR}\b"):
        return [MetadataFilter(key="month", value=_month_number(m[1])), MetadataFilter(key="year", value=int(m[2]))]
    # "the October papers", "March's papers": a month of any year before the word for papers
    if m := take(rf"\b({_MONTHS})(?:\.|'s)?(?= {_PAPERS}\b)"):
        return [MetadataFilter(key="month", value=_month_number(m[1]))]
    return []


def _recent(take: Callable, today: date) -> list[MetadataFilter]:
    """'Last month', 'this month', 'the past year', 'in the last 6 months', 'over the past two
    years': a window that ends today (the printed date as YYYYMMDD, from the same day N
    months back)."""
    if m := take(r"\b(this|last|previous) month'?s?\b(?! or)"):
        back = 0 if m[1] == "this" else 1
        year, month = _months_back(today, back)
        return _posted_between(year, month, year, month)
    if take(r"\b(?:this|the current) week'?s?\b"):  # since Monday, as "this month" is the calendar month
        monday = date.fromordinal(today.toordinal() - today.weekday())
        return [MetadataFilter(key="posted", value=posted_value(monday),
                               operator=FilterOperator.GTE)]
    if m := take(r"\b(this|last|previous) quarter'?s?\b(?! of)"):  # the calendar quarter, as "last month" is
        year, month = _months_back(today, 0 if m[1] == "this" else 3)
        first = month - (month - 1) % 3
        return _posted_between(year, first, year, first + 2)
    if m := take(rf"\b(this|last|previous) ({_SEASON_NAMES})'?s?\b"):  # "last spring", "this winter"
        first, last = _SEASONS[m[2]]
        end = _season_end_year(today, first, last, m[1] == "this")
        return _posted_between(end - (first > last), first, end, last)
    if m := take(rf"\b(?:(?P<bound>at least|more than|over|less than|under|at most|no more than|up to) "
                 rf"(?P<n>{A_NUMBER}|a|an) (?P<unit>days?|weeks?|months?|years?) (?:old|ago)"
                 rf"|(?P<than>older|younger|newer) than (?P<n2>{A_NUMBER}|a|an) (?P<unit2>days?|weeks?|months?|years?))\b"):
        # an age counted back from today: "at least a year old" (or "more than a year ago") was posted a
        # year ago or earlier
        n = m["n"] or m["n2"]
        n = 1 if n in ("a", "an") else number(n)
        then = _back(today, n, m["unit"] or m["unit2"])
        older = m["bound"] in ("at least", "more than", "over") or m["than"] == "older"
        strict = m["bound"] in ("more than", "over", "less than", "under") or bool(m["than"])
        op = {(True, True): FilterOperator.LT, (True, False): FilterOperator.LTE,
              (False, True): FilterOperator.GT, (False, False): FilterOperator.GTE}[(older, strict)]
        return [MetadataFilter(key="posted", value=posted_value(then), operator=op)]
    # "Last year" alone is the calendar year (_years), as "last month" is the calendar month;
    # "the past years" says no span; "the last three months of 2025" is a quarter (_days_and_months).
    if m := take(rf"\b(?:the |in the |within the |over the |during the )?(?:last|past|previous) "
                 rf"(?:(?P<n>{NUMBER}|a|an|few|couple of) (?P<units>months|years|weeks|days)|"
                 rf"(?<!last )(?P<unit>month|year|week|day))\b(?! of )"):
        n = {"a": 1, "an": 1, "few": 3, "couple of": 2, None: 1}.get(m["n"]) or number(m["n"])
        return [MetadataFilter(key="posted", value=posted_value(_back(today, n, m["units"] or m["unit"])),
                               operator=FilterOperator.GTE)]
    return []


def _season_end_year(today: date, first: int, last: int, this: bool) -> int:
    """The year a season ends in. "Last spring" is the latest spring that has ended (in May
    2026, the spring of 2025). "This summer" is the current year's; "this winter" the one under
    way, or else the coming one (in November 2026, December 2026 to February 2027)."""
    if this:
        return today.year + (first > last and today.month > last)
    return today.year if today.month > last else today.year - 1


def _back(today: date, n: int, unit: str) -> date:
    """The day `n` days, weeks, months or years before today (a month back from the 31st: the 28th)."""
    unit = unit.rstrip("s")
    if unit in ("week", "day"):
        return date.fromordinal(today.toordinal() - n * (7 if unit == "week" else 1))
    year, month = _months_back(today, n * (12 if unit == "year" else 1))
    return date(year, month, min(today.day, 28))


def _months_back(today: date, n: int) -> tuple[int, int]:
    months = today.year * 12 + today.month - 1 - n
    return months // 12, months % 12 + 1


def _posted_between(year1: int, month1: int, year2: int, month2: int) -> list[MetadataFilter]:
    """From the first day of one month to the last of another (day 31 for every month: the
    bound is a YYYYMMDD number, not a calendar date)."""
    return [MetadataFilter(key="posted", value=year1 * 10000 + month1 * 100 + 1, operator=FilterOperator.GTE),
            MetadataFilter(key="posted", value=year2 * 10000 + month2 * 100 + 31, operator=FilterOperator.LTE)]


def _months_of_part(m: re.Match) -> tuple[int, int]:
    """The first and last month of the half (groups 1, 4) or quarter (2, 3) of a year matched."""
    half = _ORDINALS.get(m[1] or "") or int(m[4] or 0)
    quarter = _ORDINALS.get(m[2] or "") or int(m[3] or 0)
    return (6 * half - 5, 6 * half) if half else (3 * quarter - 2, 3 * quarter)


def _month_number(name: str) -> int:
    return [n[:3] for n in MONTH_NAMES].index(name[:3].lower()) + 1


def _years(take: Callable, today: date) -> list[MetadataFilter]:
    # "the year before last", "two years ago": a calendar year counted back, as "last year" is
    if m := take(rf"\b(?:the )?year before (?:last(?: year)?|the last one)\b|\b(?P<n>{A_NUMBER}|a|an) years? ago\b"):
        back = 2 if not m["n"] else 1 if m["n"] in ("a", "an") else number(m["n"])
        return [MetadataFilter(key="year", value=today.year - back)]
    if m := take(r"\b(before|since|after) (this|last) year\b"):  # "before last year": earlier than it
        op = {"before": FilterOperator.LT, "since": FilterOperator.GTE, "after": FilterOperator.GT}[m[1]]
        return [MetadataFilter(key="year", value=today.year - (m[2] != "this"), operator=op)]
    if m := take(r"\b(this|last) year'?s?\b"):  # "this year", "last year's papers"
        return [MetadataFilter(key="year", value=today.year - (m[1] != "this"))]
    if m := take(rf"\bbetween {_YEAR} and {_A_YEAR}|\b(?:from |in )?{_YEAR}(?: to | through | until |\s*[-\u2013]\s*)"
                 rf"{_A_YEAR}"):  # in either order; "from 2023 to 2025", "2023-2025"
        first, last = sorted((int(m[1] or m[3]), int(m[2] or m[4])))
        return [MetadataFilter(key="year", value=first, operator=FilterOperator.GTE),
                MetadataFilter(key="year", value=last, operator=FilterOperator.LTE)]
    if m := take(r"\b(?:(?:in|from|during|of) )?the ((?:19|20)\d)0'?s\b"):  # "the 2020s": 2020 to 2029
        return [MetadataFilter(key="year", value=int(m[1]) * 10, operator=FilterOperator.GTE),
                MetadataFilter(key="year", value=int(m[1]) * 10 + 9, operator=FilterOperator.LTE)]
    if m := take(rf"\b({'|'.join(_YEAR_OPERATORS)}) (?:the year )?{_A_YEAR}"):
        return [MetadataFilter(key="year", value=int(m[2]), operator=_YEAR_OPERATORS[m[1]])]
    if m := take(rf"\b(?:from |in |since )?{_YEAR} (onwards?|on(?=\s*(?:[?.,!]|$))|and (?:later|after)|or later"
                 rf"|or (?:earlier|before)|and (?:earlier|before))"):
        later = not m[2].endswith(("earlier", "before"))  # "from 2023 onwards", "2022 or earlier"
        return [MetadataFilter(key="year", value=int(m[1]), operator=FilterOperator.GTE if later else FilterOperator.LTE)]
    if m := take(rf"\b(?:not|never) (?:from|in|of|during|dated?|published in|posted in) (?:the year )?{_A_YEAR}"):
        return [MetadataFilter(key="year", value=int(m[1]), operator=FilterOperator.NE)]  # "not from 2023"
    if m := take(rf"\b(?:from|in|of|for|during|dated?|published in|posted in) {_YEAR},? (?:or|and) {_A_YEAR}"):
        return [MetadataFilter(key="year", value=[int(m[1]), int(m[2])], operator=FilterOperator.IN)]
    if m := take(rf"\b(?:from|in|of|for|during|dated?|published in|posted in) (?:the year )?{_A_YEAR}"):  # "for 2024"
        return [MetadataFilter(key="year", value=int(m[1]))]
    # "2023 papers"; with words between, after a determiner: "the 2024 most upvoted papers", "which 2024 agent
    # papers", not "AIME 2024 math papers" (a benchmark's year)
    if m := take(rf"\b{_YEAR}(?= {_PAPERS}\b)|(?:(?<=\bthe )|(?<=\bwhich )|(?<=\bwhat )|(?<=\bany )|(?<=\ball ))"
                 rf"{_YEAR}(?= (?:[a-z][\w-]* ){{1,2}}{_PAPERS}\b)"):
        return [MetadataFilter(key="year", value=int(m[1] or m[2]))]
    if m := take(rf"^\s*(?:(?:papers?|works?|articles?) )?{_YEAR}\s*[?.!]*\s*$"):  # "2025?", "papers 2024"
        return [MetadataFilter(key="year", value=int(m[1]))]
    return []
