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
that mention X"), and requests for a list however worded ("anything on X?", "what work has
been done on X?", or the topic alone). Whatever is left is the topical part of the question,
sent to retrieval. Coordinated alternatives in the topic
("medicine or clinical data", "calculators, OCR, search engines and the like") are noted, so
a paper needs only one of them to match.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from bm25s.stopwords import STOPWORDS_EN
from llama_index.core.vector_stores import (
    FilterOperator,
    MetadataFilter,
    MetadataFilters,
)

from rag.index.catalog import is_plain_name
from rag.text import english_stop_words, is_english, stem

_NUM_WORDS = {"one": 1, "single": 1, "sole": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
              "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_NUM = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
_MOST = r"(?:most|largest|highest|greatest|biggest|longest|maximum|max)"
_LEAST = r"(?:fewest|least|smallest|lowest|shortest|minimum|min)"
_AUTH = r"(?:authors?|co-?authors?|contributors?|people|persons?|researchers?|writers?)"
_UP = r"(?:upvotes?|upvoted|votes?|likes?)"

STOP_WORDS = set(STOPWORDS_EN)
DERIVED_FIELDS = {"month", "posted"}  # not stored in the index; computed from "date" (index/catalog.py)
MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december"]

# Words that refer to the collection or phrase the question, not to a topic.
FRAME_WORDS = set("""which what who whose when where how many much is are was were the a an of in on
from to by for with and or any all there do does did list show give me tell find name papers paper
collection corpus listing listings listed entries entry articles article works work dates date
published posted released appear appears appeared credited written authored count number year years
date from between before after since until than more less at least most fewest single sole one only
has have had that this those these their its it has got get gets received receive receives came come
comes out uploaded submitted earned garnered drew dated available top counts organization organisation
organizations organisations research researches literature publications publication done anything
something looking look related relating regarding concerning say says tell exist exists tackle tackles
address addresses deal deals dealt cover covers interested mention mentions mentioned mentioning
discuss discusses discussed discussing breakdown distribution please thanks thank kindly read
let lets letting""".split())
# Verbs of putting a paper out, in any form ("publish", "releases"): framing, not topic.
_FRAME_STEMS = {stem(w) for w in ("published", "posted", "released", "appeared", "credited", "authored", "listed")}


@dataclass
class QueryPlan:
    question: str
    text: str                                   # topical part, for retrieval
    filters: list[MetadataFilter] = field(default_factory=list)
    sort: str | None = None                     # metadata field to rank by
    descending: bool = True
    limit: int | None = None                    # "the paper with the most ..." -> 1
    asks_list: bool = False                     # "which papers ...", "list ..."
    asks_field: str | None = None               # a field asked of one paper: date, authors, org, upvotes
    group_by: str | None = None                 # "which organisation posted the most papers?" -> "org"
    breakdown: bool = False                     # "how many papers per year?": every group's count
    statistic: str | None = None                # "the average number of authors" -> "mean" (of `sort`)
    counts: bool = False                        # "how many papers ...": the number of matching papers
    share: bool = False                         # "what fraction of papers ...": that number against all
    alternatives: list[list[str]] = field(default_factory=list)  # "A, B or C" -> [["A", "B", "C"]]
    rephrased: str = ""                         # the topic in abstracts' words, from an LLM (rewrite.py)
    named: set[str] = field(default_factory=set)  # papers' short names the question uses
    compares: bool = False                      # "X vs Y", "how do X and Y differ", "rank A, B and C"
    asks_number: bool = False                   # "how many ...", "by what margin ...": a quantity
    relative: tuple[str, str, str] | None = None  # "more authors than LIMO" -> ("authors", ">", "LIMO")
    similar_to: str | None = None               # "papers similar to LIMO" -> "LIMO": ranked by likeness to it
    literal: bool = False                       # "papers that mention X": every paper whose text has X's words
    phrases: list[str] = field(default_factory=list)  # quoted in the question: a literal list needs each as written
    phrasing: set[str] = field(default_factory=set)  # words no paper uses that barely carry meaning ("cope"): not topic

    @property
    def search_text(self) -> str:
        """What retrieval searches for: the user's words, plus the rephrasing when there is one."""
        return f"{self.text} {self.rephrased}".strip()

    @property
    def metadata_filters(self) -> MetadataFilters | None:
        """Every filter: for the catalog, which derives the fields the index does not store."""
        return MetadataFilters(filters=self.filters) if self.filters else None

    @property
    def stored_filters(self) -> MetadataFilters | None:
        """The filters on fields stored with each chunk, which Chroma can apply."""
        stored = [f for f in self.filters if f.key not in DERIVED_FIELDS and f.operator != FilterOperator.IS_EMPTY]
        return MetadataFilters(filters=stored) if stored else None

    @property
    def derived_filters(self) -> MetadataFilters | None:
        """The filters on fields derived from others (the month of a printed date), and "the
        field is missing", which Chroma cannot test: applied to the retrieved papers."""
        derived = [f for f in self.filters if f.key in DERIVED_FIELDS or f.operator == FilterOperator.IS_EMPTY]
        return MetadataFilters(filters=derived) if derived else None

    @property
    def metadata_only(self) -> bool:
        """Answerable from metadata alone: there is a filter or sort and no topic left."""
        return (bool(self.filters or self.sort or self.group_by or self.counts or self.relative)
                and not self.text and not self.similar_to)


def understand(question: str, orgs: list[str] = (), names: set[str] = frozenset(),
               today: date | None = None) -> QueryPlan:
    """The rule-based plan. `orgs`: organisations in the index; `names`: papers' coined short
    names ("ReConcile", "Seg-Zero"), so "which models take part in ReConcile?" is read as a
    question about one paper, not a request for a list of papers; `today`: what "this year"
    and "last year" count from."""
    q = " ".join(question.split())
    low = q.lower()
    plan = QueryPlan(question=q, text="")
    spans: list[tuple[int, int]] = []

    def take(pattern: str):
        m = re.search(pattern, low)
        if m:
            spans.append(m.span())
        return m

    _missing(plan, take)
    _present(plan, take)
    _month(plan, take)
    _years(plan, take, today or date.today())
    _authors(plan, take)
    _upvotes(plan, take)
    _organisation(plan, q, spans, orgs)
    _groups(plan, take, low)
    _statistics(plan, take)
    _dates_and_fields(plan, take)
    _list_request(plan, low, names)
    _relative(plan, take)
    _similar(plan, take)
    plan.asks_list = plan.asks_list or plan.counts  # "how many papers on X ...": the list says how many
    plan.asks_number = bool(_QUANTITY.search(low))
    plan.literal = bool(take(r"\bmention(?:s|ed|ing)?\b|\b(?:contain|use|include)s? the (?:words?|terms?|phrase)\b"))
    plan.asks_list = plan.asks_list or (plan.literal and not plan.named)
    # A quoted phrase in a request for papers is searched as written: 'papers on "world models"'.
    quoted = re.findall(r'"([^"]{2,80})"|“([^”]{2,80})”', q)  # (straight, curly) pairs
    plan.phrases = [text.strip() for pair in quoted for text in pair if text.strip()]
    plan.literal = plan.literal or bool(plan.phrases and plan.asks_list)
    # A literal list is searched for its topic words alone: with "papers" or "mention" in the
    # search, BM25 would return every paper, and each would be checked.
    topical_only = (plan.filters or plan.sort or plan.asks_field or plan.group_by or plan.counts or plan.literal
                    or plan.relative or plan.similar_to)
    plan.text = _topic(q, spans) if topical_only else q
    plan.alternatives = alternatives(_blank(q, spans))
    return plan


def _relative(plan: QueryPlan, take) -> None:
    """'More authors than LIMO', 'fewer upvotes than Titans', 'posted before Seg-Zero': a field
    compared with a named paper's (the pipeline reads that paper's value from the catalog)."""
    for name in sorted(plan.named, key=len, reverse=True):
        named = re.escape(name.lower())
        if m := take(rf"\b(more|fewer|less) ({_AUTH}|{_UP}) than (?:the )?{named}\b(?:'s| paper)?"):
            field = "upvotes" if re.match(_UP, m[2]) else "authors"
            plan.relative = (field, ">" if m[1] == "more" else "<", name)
        elif m := take(rf"\b(before|after|earlier than|later than|older than|newer than|more recent than) "
                       rf"(?:the )?{named}\b(?:'s| paper)?"):
            plan.relative = ("posted", ">" if m[1] in ("after", "later than", "newer than", "more recent than") else "<", name)
        if plan.relative:
            return


def _similar(plan: QueryPlan, take) -> None:
    """'Papers similar to LIMO', 'what else is like Seg-Zero?': a list of the papers closest to
    a named one (not "related to", which asks for a topic as often as for a paper)."""
    for name in sorted(plan.named, key=len, reverse=True):
        if take(rf"\b(?:similar to|like|resembling|akin to|in the vein of|along the lines of) (?:the )?"
                rf"{re.escape(name.lower())}\b(?:'s)?(?: paper)?"):
            plan.similar_to, plan.asks_list, plan.compares = name, True, False
            return


def _organisation(plan: QueryPlan, q: str, spans: list, orgs: list[str]) -> None:
    """An organisation of the index, as printed ("Microsoft Research"), spaced differently
    ("Tongyi Lab" for TongyiLab), or by a capitalised first word no other one shares
    ("Microsoft")."""
    low = q.lower()
    firsts = [o.split()[0] for o in orgs]
    for org in sorted(orgs, key=len, reverse=True):
        spaced = r"\s*".join(re.escape(c) for c in org.lower().replace(" ", ""))
        first = org.split()[0]
        m = re.search(rf"\b{spaced}\b", low)
        if not m and " " in org and len(first) >= 4 and firsts.count(first) == 1:
            m = re.search(rf"\b{re.escape(first)}\b", q)  # case-sensitive: a name, not a word
        if m:
            plan.filters.append(MetadataFilter(key="org", value=org))
            spans.append(m.span())
            return


def _dates_and_fields(plan: QueryPlan, take) -> None:
    """Newest/oldest sorts, "top N" of a sort, and questions about one field of one paper."""
    # Comparatives only in "which ... X or Y" ("which is more recent, X or Y?"): "compared
    # with earlier work" and "older than 2023" are not sorts.
    if m := take(r"\b(most recent(?:ly)?|latest|newest|oldest|earliest)\b|\bwhich\b[^?,]{0,30}\b(more recent|newer|older|earlier)\b(?! than)"):
        newest = ("most recent", "most recently", "latest", "newest", "more recent", "newer")
        plan.sort, plan.descending = "posted", (m[1] or m[2]) in newest
        plan.limit = _singular(plan.question)
    if not plan.group_by and take(r"\bwhen (?:was|were|did)\b|\b(?:what|which) (?:is the )?(?:year|date|month)\b"):
        plan.asks_field = "date"
    elif not plan.statistic and take(r"\bhow many " + _AUTH):
        plan.asks_field = "authors"
    elif take(r"\b(?:who|what) (?:are|were) the (?:authors|co-?authors)\b|\bwho (?:wrote|authored)\b|"
              r"\bnames? of the authors\b|\bwho (?:is|was) the (?:first |last |lead )?author\b|"
              r"\b(?:list|name|give me) the (?:authors|co-?authors)\b"):
        plan.asks_field = "author_names"  # the listings give a count only; the answer says so
    elif not plan.statistic and take(rf"\bhow many {_UP}|\bhow (?:popular|well[- ]liked) (?:is|was)\b"):
        plan.asks_field = "upvotes"
    elif not plan.group_by and take(r"\b(?:which|what) (?:organi[sz]ation|company|lab|institution)\b|"
              r"\bwho (?:posted|published|released|put out)\b"):
        plan.asks_field = "org"
    ranked = r"(?:most|least|fewest|newest|latest|oldest|earliest|highest|lowest|largest|smallest|recent)"
    if plan.sort and (m := take(rf"\btop {_NUM}\b|\b{_NUM} (?=(?:most |more )?{ranked}\b)")):
        plan.limit = _n(m[1] or m[2])  # "the top 3 most upvoted", "the three most recent"


_QUANTITY = re.compile(r"\bhow (?:many|much|large|big|long|far|fast|often|well)\b|\bby (?:what|how much)\b|"
                       r"\b(?:what|which) (?:share|percentage|percent|fraction|proportion|number|margin|ratio|"
                       r"score|accuracy|rate|size)\b|\brank\b[^?]*\bby\b|\bscores?\b|"
                       r"^(?:the )?(?:number|count|amount|share|percentage|fraction) of\b")


def _statistics(plan: QueryPlan, take) -> None:
    """'The average number of authors', 'median upvotes', 'how many papers ...'."""
    if m := take(rf"\b(average|mean|median|typical|total)(?: number of| count of| count)? ({_AUTH}|{_UP})\b|"
                 rf"\b(average|mean|median|typical|total) (author|upvote) counts?\b"):
        kind = (m[1] or m[3]).replace("average", "mean").replace("typical", "median")
        field = m[2] or m[4]
        plan.statistic, plan.sort = kind, "upvotes" if re.match(_UP, field) else "authors"
    elif m := take(rf"\bhow many ({_AUTH}|{_UP}) (?:does|do|did) (?:the |a |an )?(average|typical|usual|median|mean) "
                   r"(?:paper|listing|entry|work|article)\b"):  # "how many authors does the typical paper have?"
        plan.statistic = "mean" if m[2] in ("average", "mean") else "median"
        plan.sort = "upvotes" if re.match(_UP, m[1]) else "authors"
    elif take(r"\bhow many (?:papers|entries|works|articles)\b"):
        plan.counts = True
    elif take(r"\b(?:what|which) (?:fraction|share|percentage|proportion|percent|part) of (?:the |all )?"
              r"(?:papers|entries|works|articles|listings)\b"):
        plan.counts = plan.share = True


def _groups(plan: QueryPlan, take, low: str) -> None:
    """Papers grouped by organisation, year or month and counted: 'which organisation posted
    the most papers?', 'which year has the fewest papers?', 'how many papers per month?',
    'list the organisations'."""
    org = r"organi[sz]ations?|orgs?|compan(?:y|ies)|labs?|institutions?|groups?"
    group = rf"({org})|(years?)|(months?)"
    papers = r"(?:papers|works|articles|entries)"
    if m := take(rf"\bwho (?:posted|published|released|wrote|put out) the ({_MOST}|{_LEAST}) (?:number of )?{papers}\b"):
        plan.group_by, plan.descending = "org", not re.match(_LEAST, m[1])
    elif m := take(rf"\b(?:which|what) (?:{group})\b[^?]*?\b(?:the )?({_MOST}|{_LEAST}|more|fewer|less) "
                   rf"(?:number of )?{papers}\b"):
        plan.group_by = "org" if m[1] else "year" if m[2] else "month"
        plan.descending = not re.match(rf"{_LEAST}|fewer|less", m[4])
    elif (re.search(rf"\b{papers}|\bhow many\b|\bnumber\b|\bcounts?\b|\bbreakdown\b|\bdistribution\b", low)
          and (m := take(rf"\b(?:per|by|in each|for each) (?:{group})\b"))) or (
            m := take(rf"\b(?:list|show|name) (?:all )?(?:the )?({org})\b|\bwhich ({org}) are (?:there|in|listed)\b|"
                      r"\b(?:which|what) (?:organi[sz]ations|companies|labs|institutions)\b")):  # plural: every one
        plan.group_by = "year" if "year" in m[0] else "month" if "month" in m[0] else "org"
        plan.breakdown = True


def _list_request(plan: QueryPlan, low: str, names: set[str]) -> None:
    """Is a list of papers asked for? Also notes the papers named and whether they are compared."""
    plan.named = named_in(plan.question, names)
    plan.compares = bool(re.search(r"\b(?:vs\.?|versus|compar\w*|differ\w*|distinguish\w*|both|rank|between|contrast\w*|"
                                   r"in common|similarit\w*)\b", low)) or len(plan.named) >= 2
    # "work" as a noun ("what work exists on X?"), not the verb ("what budget does it work under?").
    asked = re.search(r"\b(which|what|list|name|find|show|give|summari[sz]e)\b[^?]*\b(papers|works|articles|methods|"
                      r"approaches|studies|models|ones|research|literature|publications|"
                      r"work(?= (?:on|about|that|which|in|has|have|exists?|is there|was done)\b))\b", low)
    plan.asks_list = bool(asked or low.startswith("list") or re.match(
        r"(?:papers|works|studies|articles)\b|(?:are there|is there|(?:do |does |did |are |is )?any)\b[^?]*\b(?:papers|works?|studies|articles|"
        r"research|literature|publications)\b", low) or (not plan.compares and _topic_request(low, plan.named)))
    if plan.limit == 1:
        plan.asks_list = False
    elif asked and asked[2] not in ("papers", "works", "articles", "studies") and (
            len(plan.named) == 1 or (plan.named and plan.compares)):
        # Things inside the named papers: "which models ... in ReConcile", "X vs Y: what
        # reward do their models get?" (a comparison cites each compared paper anyway).
        plan.asks_list = False


_ASKS = re.compile(r"(?:what|which|who|whose|when|where|why|how|is|are|was|were|do|does|did|can|could|should|"
                   r"would|will|has|have|had|explain|describe|summari[sz]e|compare|contrast|rank)\b")


def _topic_request(low: str, named: set[str]) -> bool:
    """A request for what the corpus has on a topic, not a question about one paper:
    "anything on X?", "I'm looking for work on X", "tell me about X", or the topic alone."""
    if named:
        return False
    if re.match(r"(?:anything|something|i'?m looking|i am looking|looking for|show me|give me|find me|"
                r"tell me about|what does the (?:corpus|collection) say|what do the papers say|where can i (?:read|find|learn)|"
                r"what (?:work|research) (?:has|have|is|exists?)|what has been done|what(?:'s| is) (?:out )?there|"
                r"what exists|what (?:do|does) (?:you|we|the (?:corpus|collection)) have)\b", low):
        return True
    return not _ASKS.match(low) and len(low.split()) <= 8  # a bare topic: "GRPO for vision"


_WIDER = {"other", "similar", "related"}  # "X or other Y": Y is the wider kind
_TOKEN = re.compile(r"[A-Za-z0-9][\w\-']*|[,;:?!()\u2013\u2014]|\s-\s|\.(?=\s|$)")
_OPEN_LIST = re.compile(r"^and the (?:like|rest)$|^etc$")


def named_in(question: str, names: set[str]) -> set[str]:
    """The papers' short names the question uses: possessive ("ReConcile's") and with a suffix
    after a hyphen ("Light-R1-32B", a model of the Light-R1 paper) included."""
    phrases = {n for n in names if " " in n and re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", question)}
    # "Orca" inside "Orca 2" names Orca 2, not Orca as well.
    longest_first = sorted(phrases, key=len, reverse=True)
    rest = re.sub("|".join(rf"(?<![\w-]){re.escape(n)}(?![\w-])" for n in longest_first), " ", question) if phrases else question
    tokens = [w.removesuffix("'s").removesuffix("’s").strip(".") for w in re.findall(r"[\w\-.'’]+", rest)]
    words = set(tokens)
    heads = {w[:i] for w in words for i, c in enumerate(w) if c == "-"}
    # A plain capitalised word ("Titans", "Orca") is a name after the question's first word only.
    plain = {w for w in words if w in names and is_plain_name(w) and w not in tokens[1:]}
    lower = _typed_names(names if isinstance(names, frozenset) else frozenset(names))
    typed = {lower[w.lower()] for w in words | heads if w.lower() in lower}
    return ((words | heads) & names) - plain | phrases | typed


@lru_cache(maxsize=4)
def _typed_names(names: frozenset[str]) -> dict[str, str]:
    """Lower-case form -> name, for names no English word is spelled like ("seg-zero",
    "tabfact", "think2sql", "vurf"); not "limo" or "smart", words as well as LIMO and SMART.
    Cached per name set (a frozenset keeps its hash): built once per index, not per question."""
    return {n.lower(): n for n in names
            if " " not in n and (re.search(r"[-\d]|[a-z][A-Z]", n) or not is_english(n.lower()))}


def alternatives(text: str, max_words: int = 2) -> list[list[str]]:
    """Phrases joined by "or" (or listed before "and the like"/"etc"), each group in text order.

    A phrase is up to `max_words` words, stopping at punctuation, stop words and framing
    words. The phrases before "or" are cut to the length of the one after it, so "robot
    control or manipulation" gives ["control", "manipulation"] and "robot" stays required.
    "X or other Y" names Y as the wider kind, so X is taken whole, with an abbreviation in
    brackets after it: "direct preference optimization (DPO) or other preference learning".
    """
    toks = _unbracket_before_wider([t.strip() for t in _TOKEN.findall(text)])
    groups = []
    for i, tok in enumerate(toks):
        low = tok.lower()
        if low == "or":
            wider = i + 1 < len(toks) and toks[i + 1].lower() in _WIDER
            right = _phrase(toks, i + 1 + wider, 1, max_words)
            width = 2 * max_words if wider else len(right)
        elif _OPEN_LIST.match(" ".join(toks[i:i + 3]).lower()) or low == "etc":
            right, width = [], max_words
        else:
            continue
        if low == "or" and not right:
            continue
        phrases = [right] if right else []
        j = i - 1 - (toks[i - 1] == "," if i else 0)
        while j >= 0:
            left = _phrase(toks, j, -1, width)
            if not left:
                break
            phrases.insert(0, left)
            j -= len(left)
            while j >= 0 and not _boundary(toks[j]):  # the rest of a longer phrase
                j -= 1
            if j < 0 or toks[j] != ",":
                break
            j -= 1
        if len(phrases) >= 2:
            groups.append([" ".join(p) for p in phrases])
    return groups


def _unbracket_before_wider(toks: list[str]) -> list[str]:
    """'X (DPO) or other Y' -> 'X DPO or other Y': the abbreviation belongs to X's phrase."""
    drop = set()
    for k in range(len(toks) - 4):
        if toks[k] == "(" and toks[k + 2] == ")" and toks[k + 3].lower() == "or" and toks[k + 4].lower() in _WIDER:
            drop |= {k, k + 2}
    return [t for k, t in enumerate(toks) if k not in drop]


def _phrase(toks: list[str], start: int, step: int, limit: int) -> list[str]:
    words, j = [], start
    while 0 <= j < len(toks) and len(words) < limit and not _boundary(toks[j]):
        words.append(toks[j])
        j += step
    return words if step > 0 else words[::-1]


def _boundary(tok: str) -> bool:
    low = tok.lower()
    return not tok[0].isalnum() or low in STOP_WORDS or low in FRAME_WORDS or low in ("e.g", "i.e", "via", "like", "such")


def _missing(plan: QueryPlan, take) -> None:
    """'Papers with no upvotes', 'without an organisation', 'no year printed': the field is absent."""
    fields = {"upvotes": r"upvotes?|votes?", "org": r"organi[sz]ations?|orgs?|affiliations?",
              "year": r"(?:posting )?dates?|years?", "authors": r"author counts?|number of authors|authors? listed"}
    for key, words in fields.items():
        if take(rf"\b(?:no|without(?: an?| any)?|missing(?: an?)?|lacking(?: an?)?) (?:{words})\b"):
            plan.filters.append(MetadataFilter(key=key, value=None, operator=FilterOperator.IS_EMPTY))


def _present(plan: QueryPlan, take) -> None:
    """'Papers with upvotes', 'which papers received votes?', 'with a known year': the field is
    listed (a lower bound every listed value meets; a listing without the field fails it)."""
    if take(rf"\b(?:with|have|has|having|received|receive|got|get|gets|getting|earned)(?: any| some)? {_UP}\b"):
        plan.filters.append(MetadataFilter(key="upvotes", value=0, operator=FilterOperator.GTE))
    if m := take(r"\b(?:with|have|has|having)(?: an?| the)? (?:known|listed|printed|given) (year|date)\b|"
                 r"\b(?:with|have|has|having) (?:an?|the) (year|date) (?:listed|printed|given)\b"):
        key, low = ("year", 0) if (m[1] or m[2]) == "year" else ("month", 1)
        plan.filters.append(MetadataFilter(key=key, value=low, operator=FilterOperator.GTE))


def _month(plan: QueryPlan, take) -> None:
    """'in March 2024', 'posted in Oct 2023', 'during May': the month, and the year if given;
    'on Mar 10, 2025': that day; 'between January and March 2025', 'from Nov 2024 to Feb 2025',
    'the first half of 2025', 'Q3 2024': a range of dates ("posted", the printed date as
    YYYYMMDD); 'between October and December': a range of months in any year."""
    names = "|".join(rf"{m[:3]}(?:{m[3:]})?" for m in MONTH_NAMES) + "|sept"
    year = r"((?:19|20)\d{2})"
    if m := take(rf"\b(?:on|dated) ({names})\.? (\d{{1,2}})(?:st|nd|rd|th)?,? {year}\b"):
        plan.filters.append(MetadataFilter(key="posted", value=int(m[3]) * 10000 + _month_number(m[1]) * 100 + int(m[2])))
    elif m := take(rf"\b(?:between|from) ({names})\.?(?: {year})? (?:and|to|through|until|till) ({names})\.?(?: {year})?\b"):
        first, last = _month_number(m[1]), _month_number(m[3])
        if m[2] or m[4]:  # "from Nov 2024 to Feb 2025"; "between January and March 2025"
            _posted_between(plan, int(m[2] or m[4]), first, int(m[4] or m[2]), last)
        else:  # wrapping past December too
            months = list(range(first, last + 1)) if first <= last else [*range(first, 13), *range(1, last + 1)]
            plan.filters.append(MetadataFilter(key="month", value=months, operator=FilterOperator.IN))
    elif m := take(rf"\b(?:the )?(?:(first|1st|second|2nd) half|(first|1st|second|2nd|third|3rd|fourth|4th|last) quarter"
                   rf"|q([1-4])|h([12])) (?:of )?{year}\b"):
        half = _ORDINALS.get(m[1] or "") or int(m[4] or 0)
        quarter = _ORDINALS.get(m[2] or "") or int(m[3] or 0)
        first, last = (6 * half - 5, 6 * half) if half else (3 * quarter - 2, 3 * quarter)
        _posted_between(plan, int(m[5]), first, int(m[5]), last)
    elif m := take(rf"\b(?:the )?(first|last) {_NUM} months (?:of )?{year}\b"):  # "the last three months of 2025"
        n = min(12, max(1, _n(m[2])))
        first, last = (1, n) if m[1] == "first" else (13 - n, 12)
        _posted_between(plan, int(m[3]), first, int(m[3]), last)
    elif m := take(rf"\b(?:in|during|from|posted in|published in) ({names})\.?(?: {year})?\b"):
        plan.filters.append(MetadataFilter(key="month", value=_month_number(m[1])))
        if m[2]:
            plan.filters.append(MetadataFilter(key="year", value=int(m[2])))


_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": 4}


def _posted_between(plan: QueryPlan, year1: int, month1: int, year2: int, month2: int) -> None:
    """From the first day of one month to the last of another (day 31 for every month: the
    bound is a YYYYMMDD number, not a calendar date)."""
    plan.filters += [MetadataFilter(key="posted", value=year1 * 10000 + month1 * 100 + 1, operator=FilterOperator.GTE),
                     MetadataFilter(key="posted", value=year2 * 10000 + month2 * 100 + 31, operator=FilterOperator.LTE)]


def _month_number(name: str) -> int:
    return [n[:3] for n in MONTH_NAMES].index(name[:3].lower()) + 1


def _years(plan: QueryPlan, take, today: date) -> None:
    if any(f.key == "posted" for f in plan.filters):  # a day or a range of dates already holds the year
        return
    year = r"((?:19|20)\d{2})"
    if m := take(r"\b(this|last) year'?s?\b"):  # "this year", "last year's papers"
        plan.filters.append(MetadataFilter(key="year", value=today.year - (m[1] != "this")))
    elif m := take(rf"\bbetween {year} and {year}\b"):
        plan.filters += [MetadataFilter(key="year", value=int(m[1]), operator=FilterOperator.GTE),
                         MetadataFilter(key="year", value=int(m[2]), operator=FilterOperator.LTE)]
    elif m := take(rf"\b(before|earlier than|older than|prior to|after|later than|newer than|more recent than|since) "
                   rf"(?:the year )?{year}\b"):
        op = {"before": FilterOperator.LT, "earlier than": FilterOperator.LT, "older than": FilterOperator.LT,
              "prior to": FilterOperator.LT, "after": FilterOperator.GT, "later than": FilterOperator.GT,
              "newer than": FilterOperator.GT, "more recent than": FilterOperator.GT, "since": FilterOperator.GTE}[m[1]]
        plan.filters.append(MetadataFilter(key="year", value=int(m[2]), operator=op))
    elif m := take(rf"\b(?:from|in|of|during|dated?|published in|posted in) {year},? (?:or|and) {year}\b"):
        plan.filters.append(MetadataFilter(key="year", value=[int(m[1]), int(m[2])], operator=FilterOperator.IN))
    elif m := take(rf"\b(?:from|in|of|during|dated?|published in|posted in) (?:the year )?{year}\b"):
        plan.filters.append(MetadataFilter(key="year", value=int(m[1])))
    elif m := take(rf"\b{year}(?= (?:papers?|works?|articles?|entries|entry|ones?)\b)"):  # "2023 papers"
        plan.filters.append(MetadataFilter(key="year", value=int(m[1])))


def _authors(plan: QueryPlan, take) -> None:
    if take(rf"\b(?:a |one )?(?:single|sole|one|lone) {_AUTH}\b|\bsingle-authored\b|\bsolo\b"):
        plan.filters.append(MetadataFilter(key="authors", value=1))
    elif not _count_filters(plan, take, "authors", _AUTH, _NUM):
        if m := take(rf"\b({_MOST}|{_LEAST})(?: number of| count of)? {_AUTH}\b"):  # "the longest author list"
            plan.sort, plan.descending = "authors", not re.match(_LEAST, m[1])
            plan.limit = _singular(plan.question)
        elif take(rf"\b(?:by|in order of|(?:sorted|ranked|ordered) by) (?:the )?(?:number of |count of )?{_AUTH}\b"
                  r"|\bby author count\b"):
            plan.sort, plan.descending = "authors", True
        elif m := take(rf"\bwhich\b[^?,]{{0,30}}\b(more|fewer|less) {_AUTH}\b(?! than)"):  # "which has more authors, X or Y?"
            plan.sort, plan.descending = "authors", m[1] == "more"


def _upvotes(plan: QueryPlan, take) -> None:
    """Counts and sorts of upvotes, which are the listings' measure of popularity."""
    if _count_filters(plan, take, "upvotes", _UP, _NUM):
        return
    if m := take(rf"\b({_MOST}|{_LEAST})(?: number of| count of)? {_UP}\b|\b(most|least) {_UP}\b|\b({_MOST}|{_LEAST})-voted\b"
                 rf"|\b(most|least) (?:popular|liked)\b|\b(?:upvoted|voted|liked) (?:the )?(most|least)\b"):
        word = next(g for g in m.groups() if g)
        plan.sort, plan.descending = "upvotes", not re.match(_LEAST, word)
        plan.limit = _singular(plan.question)
    elif take(rf"\b(?:by|in order of|(?:sorted|ranked|ordered) by) (?:the )?(?:number of |count of )?(?:{_UP}|popularity)\b"):
        plan.sort, plan.descending = "upvotes", True  # "the top 3 papers by upvotes"
    elif m := take(rf"\bwhich\b[^?,]{{0,30}}\b(more|fewer|less) (?:{_UP}|popular)\b(?! than)"):  # "which got more upvotes, X or Y?"
        plan.sort, plan.descending = "upvotes", m[1] == "more"


def _count_filters(plan: QueryPlan, take, key: str, noun: str, num: str) -> bool:
    """'between 5 and 10 authors', '10 or more', 'more than 10', 'at most 3', 'exactly 2'."""
    ops = FilterOperator
    if m := take(rf"\bbetween {num} and {num} {noun}\b"):
        plan.filters += [MetadataFilter(key=key, value=_n(m[1]), operator=ops.GTE),
                         MetadataFilter(key=key, value=_n(m[2]), operator=ops.LTE)]
    elif m := take(rf"\b{num} or (more|over|above|fewer|less|below) {noun}\b|\b{num}\+ {noun}\b"):
        n = _n(m[1] or m[3])
        op = ops.LTE if m[2] in ("fewer", "less", "below") else ops.GTE
        plan.filters.append(MetadataFilter(key=key, value=n, operator=op))
    elif m := take(rf"\b(?:more than|over|at least) {num} {noun}\b"):
        op = ops.GTE if "least" in m[0] else ops.GT
        plan.filters.append(MetadataFilter(key=key, value=_n(m[1]), operator=op))
    elif m := take(rf"\b(?:fewer than|less than|at most|under) {num} {noun}\b"):
        op = ops.LTE if "most" in m[0] else ops.LT
        plan.filters.append(MetadataFilter(key=key, value=_n(m[1]), operator=op))
    elif m := take(rf"\bexactly {num} {noun}\b|\b{num} {noun}\b"):
        plan.filters.append(MetadataFilter(key=key, value=_n(m[1] or m[2])))
    else:
        return False
    return True


def _singular(question: str) -> int | None:
    """'the paper with the most ...' asks for one; 'papers with the most ...' for a few."""
    low = question.lower()
    return 1 if re.search(r"\b(paper|work|article|entry)\b", low) and not re.search(r"\b(papers|works|articles|entries)\b", low) else None


def _n(word: str) -> int:
    return int(word) if word.isdigit() else _NUM_WORDS[word]


def _blank(question: str, spans: list[tuple[int, int]]) -> str:
    chars = list(question)
    for a, b in spans:
        chars[a:b] = [" "] * (b - a)
    return "".join(chars)


def _topic(question: str, spans: list[tuple[int, int]]) -> str:
    """The question without the metadata phrases and framing words; '' when nothing topical is left."""
    words = re.findall(r"[\w\-.]+", _blank(question, spans))
    # Compared as stems, so "publish" and "releases" are framing like "published" and "released".
    stop = english_stop_words()
    topical = [w for w in words if w.strip(".") and w.lower().strip(".") not in FRAME_WORDS
               and w.lower().strip(".") not in stop and stem(w.lower().strip(".")) not in _FRAME_STEMS]
    return " ".join(topical)
