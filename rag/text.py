"""Word-level helpers shared by the answer step: sentences, stemmed terms, numbers."""
from __future__ import annotations

from collections.abc import Iterator

import math
import os
import re
from functools import lru_cache
from importlib import resources

import Stemmer
from bm25s.stopwords import STOPWORDS_EN

_STEM = Stemmer.Stemmer("english")
_STOP = set(STOPWORDS_EN)  # the BM25 index's own list, so terms() splits text as the index does
_CAPITALS = re.compile(r"[A-Z][A-Z0-9]{2,}(?:-[A-Z0-9]+)*")  # "AIME", "AIME24", "MM-PRM"
_MIXED = re.compile(r"(?=.*[a-z])(?=.*\d)[a-z0-9]+")
_RUNS = re.compile(r"[a-z]+|\d+")
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\[\"'0-9])")


# Function words NLTK's list lacks: determiners, prepositions and adverbs that name no topic.
# As topic words they weighed like rare terms ("another": 9 papers, IDF 3.1, in "from one
# programming language to another").
_MORE_FUNCTION_WORDS = frozenset("""another several various every within among amongst across upon
whether also via toward towards onto throughout actually truly basically essentially simply merely
quite fairly somewhat""".split())


@lru_cache(maxsize=1)
def english_stop_words() -> frozenset[str]:
    """NLTK's English stop words (198), from the copy llama-index-core ships, and a few more
    function words. Read as a file: importing nltk to get them costs 1.8 s of start-up (it
    pulls scipy)."""
    path = resources.files("llama_index.core") / "_static/nltk_cache/corpora/stopwords/english"
    if path.is_file():
        return frozenset(path.read_text(encoding="utf-8").split()) | _MORE_FUNCTION_WORDS
    from llama_index.core.utils import globals_helper  # downloads into that folder when missing
    return frozenset(globals_helper.stopwords) | _MORE_FUNCTION_WORDS


# Inflections stripped to find a word's dictionary form: (suffix, what replaces it).
_INFLECTIONS = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""),
                ("ing", "e"), ("ly", ""), ("er", ""), ("ers", ""), ("est", ""))


@lru_cache(maxsize=1)
def _english() -> frozenset[str]:
    """Lower-case English words (GCIDE and Webster's 2nd, 300k+, from the `english-words` package)."""
    from english_words import get_english_words_set
    return frozenset(get_english_words_set(["gcide", "web2"], alpha=True, lower=True))


def is_english(word: str) -> bool:
    """Is this lower-case word, or its dictionary form, an English word? Tells a real word the
    corpus happens not to use ("contracts") from a typo ("halucination")."""
    words = _english()
    return word in words or any(word.endswith(suffix) and word[: -len(suffix)] + base in words
                                for suffix, base in _INFLECTIONS)


def zipf(word: str) -> float:
    """How often people write this word, on the Zipf scale (log10 per billion words, 0 when
    unseen; "model" 5.1, "codecs" 2.4), from wordfreq's large English list (web, subtitles,
    news, books up to 2021). It knows words the dictionaries predate ("codecs", "emoticons")."""
    from wordfreq import zipf_frequency
    return zipf_frequency(word, "en", wordlist="large")


def looks_foreign(text: str) -> bool:
    """Does the text look like it is not in English? Mostly letters outside the Latin script,
    or three words or more with no English function word ("which", "for", "the") and a third of
    them, two at least, in no English dictionary ("Quels articles utilisent GRPO ?"). Names and acronyms
    ("GRPO", "ReConcile") are left out of the count."""
    letters = [c for c in text if c.isalpha()]
    if letters and sum(not ("a" <= c.lower() <= "z") and not _latin_accented(c) for c in letters) > 0.3 * len(letters):
        return True
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", text) if not any(c.isupper() for c in w[1:])]
    if len(words) < 3 or set(words) & english_stop_words():
        return False
    return sum(not is_english(w) for w in words) >= max(len(words) / 3, 2)  # two at least: "naïve Bayes classifiers"


def _latin_accented(c: str) -> bool:
    return "\u00c0" <= c <= "\u024f"


_ABBREV = re.compile(r"(?:\bvs|\be\.g|\bi\.e|\bet al|\bcf|\bapprox|\bFig|\bEq|\bNo|\bresp)\.$", re.I)


def sentences(text: str) -> list[str]:
    """Sentences, not split after an abbreviation ("3K vs. 13M", "e.g. GPT-4")."""
    out: list[str] = []
    for piece in (s.strip() for s in _SENT.split(text)):
        if not piece:
            continue
        if out and _ABBREV.search(out[-1]):
            out[-1] += " " + piece
        else:
            out.append(piece)
    return out


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    return _STEM.stemWord(word)


def stem_once(word: str) -> str:
    """stem() without its cache, for many one-off words (a typo's candidate spellings)."""
    return _STEM.stemWord(word)


# British spellings written the American way, in questions and abstracts alike, so that
# "minimise" meets "minimize" and "behaviour" meets "behavior": the stemmer keeps them apart,
# and a question word no abstract uses reads as a topic the corpus does not cover. Both
# sides are rewritten the same way, so a non-word result ("exercise" -> "exercize") is harmless.
_BRITISH = (
    (re.compile(r"(\w{2,})is(e|es|ed|er|ers|ing|ation|ations)$"), r"\1iz\2"),  # optimise, organisation
    (re.compile(r"(\w{2,})ys(e|es|ed|ing)$"), r"\1yz\2"),                       # analyse
    (re.compile(r"(\w{2,})tre(s?)$"), r"\1ter\2"),                              # centre
    (re.compile(r"(\w{3,})our(s|ed|ing|ite|ites|able)?$"), r"\1or\2"),          # behaviour, colour
    (re.compile(r"(\w{3,})ogue(s?)$"), r"\1og\2"),                              # dialogue
    (re.compile(r"^(learn|spell|burn|dream|spoil)t$"), r"\1ed"),                 # learnt
    (re.compile(r"^programme(s?)$"), r"program\1"),
)


@lru_cache(maxsize=100_000)
def american(word: str) -> str:
    """A lower-case word in American spelling ("tokenise" -> "tokenize"); others unchanged."""
    for pattern, replacement in _BRITISH:
        new = pattern.sub(replacement, word)
        if new != word:
            return new
    return word


_RELEASE_LINK = re.compile(r"https?://|\bgithub\.(?:com|io)\b|\bhuggingface\.co\b|\b(?:on|at) github\b", re.I)
_RELEASE_VERB = re.compile(
    r"\bwe (?:will )?(?:publicly )?(?:release|open[- ]?source)\b"
    r"|\b(?:is|are|will be|has been|have been) (?:made )?(?:publicly |freely |fully |openly )?"
    r"(?:available|released|open[- ]?sourced)\b"
    r"|\bwe (?:will )?make\b[^.]{0,60}\bavailable\b|\bprovide\b[^.]{0,40}\bopen[- ]?source\b", re.I)
_RELEASED_THING = re.compile(r"\b(?:code|codes|implementation|models?|data|datasets?|weights|checkpoints|suite|benchmark|"
                             r"annotations|repository)\b", re.I)
_NOT_RELEASED = re.compile(r"\bnot\b|\black\b", re.I)


def says_released(sentence: str) -> bool:
    """Does the sentence say code, data or models are (or will be) available? A link, or a
    release verb near what it releases ("experiments on the MS-COCO dataset show ... when fewer
    training samples are available" releases nothing), not negated ("is not readily available"
    is no release)."""
    link = _RELEASE_LINK.search(sentence) is not None
    verbs = [] if link else list(_RELEASE_VERB.finditer(sentence))  # (most sentences have neither: one pass each)
    if not (link or verbs) or _NOT_RELEASED.search(sentence):
        return False
    if link:
        return _RELEASED_THING.search(sentence) is not None
    return any(_RELEASED_THING.search(sentence, max(0, v.start() - _NEAR), v.end() + _NEAR) for v in verbs)


_NEAR = 60  # characters either side of a release verb that what it releases is named within


def only_released(sentence: str) -> bool:
    """A release sentence and nothing more: one with a link, or of at most 12 words ("Code,
    data, and models will be fully open-sourced.")."""
    return says_released(sentence) and (_RELEASE_LINK.search(sentence) is not None or len(sentence.split()) <= 12)


# A count of things a paper trains or tests on, stated as a number a few words before the noun:
# "817 curated training samples", "17k long CoT training samples", "10,000 multimodal math problems"
COUNT_NOUNS = r"(?:examples?|samples?|problems?|questions?|instances?|data points?|demonstrations?|pairs?|prompts?)"
# A word between a count and its noun is no function word ("over 90 percent on problems" counts no problems)
_NOT_FUNCTION = r"(?!(?:of|in|on|at|to|from|by|for|than|and|or|the|a|an|with)\b)"
_STATED_COUNT = re.compile(r"(?<![\w.,\-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s?([kKM]|thousand|million)\b|\b)(?!\s?%)"
                           rf"(?:[\s-]+(?!(?:are|is|was|were|be)\b){_NOT_FUNCTION}"
                           rf"[A-Za-z][\w-]*){{0,3}}?[\s-]+{COUNT_NOUNS}\b")
# A model's size: "Qwen2.5-32B", "a 7B model", "1.5 billion parameters"
_MODEL_SIZE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s?(?:(B)\b|(billion|million) parameters\b)")
# A count of tokens: "1.5B tokens", "100 billion tokens", "2T tokens"
_TOKEN_COUNT = re.compile(r"(?<![\w.,\-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?([kKMBT]|thousand|million|billion|trillion)?\b"
                          rf"(?:[\s-]+{_NOT_FUNCTION}[A-Za-z][\w-]*)?[\s-]+tokens\b")
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "billion": 1e9, "t": 1e12, "trillion": 1e12}


def scaled(number: str, suffix: str | None = None) -> float:
    """"1,000" -> 1000.0, ("17", "k") -> 17000.0, ("1.5", "trillion") -> 1.5e12; the suffix in either case."""
    return float(number.replace(",", "")) * _SCALE.get((suffix or "").lower(), 1)


# A count stated as a ceiling: "tiny LLMs with 1 billion parameters or fewer", "under 1,000 examples"
_CEILING_BEFORE = re.compile(r"\b(?:under|below|fewer than|less than|sub)[\s-]$", re.I)
_CEILING_AFTER = re.compile(r"^ (?:or (?:fewer|less|smaller|below)|and (?:below|under|fewer|less|smaller))\b", re.I)


def stated_counts(sentence: str, kind: str) -> list[float]:
    """The counts the sentence states of `kind`: "examples" (samples, problems, ...),
    "parameters" (model sizes) or "tokens". A year ("AIME 2024 math problems") is no count. A
    ceiling ("1 billion parameters or fewer") counts as just under its number, so it meets
    "fewer than 1 billion" and not "at least 1 billion"."""
    pattern = {"parameters": _MODEL_SIZE, "tokens": _TOKEN_COUNT}.get(kind, _STATED_COUNT)
    found = []
    for m in pattern.finditer(sentence):
        value = scaled(m[1], (m[2] or m[3]) if kind == "parameters" else m[2])
        if kind == "examples" and not m[2] and "," not in m[1] and 1900 <= value <= 2099 and value == int(value):
            continue
        ceiling = _CEILING_BEFORE.search(sentence[max(0, m.start() - 12):m.start()]) or _CEILING_AFTER.match(sentence[m.end():])
        found.append(math.nextafter(value, 0) if ceiling else value)
    return found


def release_statement(abstract: str) -> str | None:
    """The abstract's sentence that says its code, data or models are available, the first with
    a link if any has one; or None."""
    said = [s for s in sentences(abstract) if says_released(s)]
    return next((s for s in said if _RELEASE_LINK.search(s)), said[0] if said else None)


def terms(text: str, names: bool | None = None) -> list[str]:
    """Lower-cased, stemmed content words in American spelling (hyphenated names kept whole
    as well as split). A word in capitals is a name and is not stemmed ("AIME" is not "aim"),
    unless the whole text is in capitals; `names`: the text is a name ("AIME 2024"), or not."""
    out = []
    names = re.search(r"[a-z]", text) is not None if names is None else names
    for word in re.findall(r"[A-Za-z0-9][A-Za-z0-9\-]*", text):
        low = word.lower()
        parts = [low] + (low.split("-") if "-" in low else [])
        # Letters and digits run together are also read apart: "AIME2024" matches "AIME 2024".
        parts += [run for p in parts if _MIXED.fullmatch(p) for run in _RUNS.findall(p)]
        keep = names and _CAPITALS.fullmatch(word) is not None
        out += [p if keep else stem(american(p)) for p in parts if p and p not in _STOP and len(p) > 1]
    return out


def document_frequencies(texts) -> dict[str, int]:
    """term -> how many of the texts contain it; one text's terms are dropped once counted."""
    df: dict[str, int] = {}
    for text in texts:
        for t in set(terms(text)):
            df[t] = df.get(t, 0) + 1
    return df


def numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+(?:\.\d+)?%?", text))


# A definition is "Long Form Words (LFW)". The acronym in brackets is found first and the
# words before it read from a short window: one regex over the whole text that tries 1-7
# words at every position took 3.5 s per 2,000 abstracts, minutes at 100k.
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9-]{1,12})\)")
_WORDS_BEFORE = re.compile(r"((?:[A-Za-z][\w-]*\s+){1,7})$")
_WINDOW = 240  # characters before the bracket; 7 words fit


class Acronyms(dict):
    """acronym -> long form, with one compiled pattern that finds every acronym a text uses."""

    def __init__(self, found: dict[str, str] | None = None):
        super().__init__(found or {})
        alternatives = "|".join(sorted(map(re.escape, self), key=len, reverse=True))
        # A lookahead so overlapping uses are all found: "R-MCTS" also uses "MCTS".
        self.pattern = re.compile(rf"(?=\b({alternatives})\b)") if self else None

    def used_in(self, text: str) -> set[str]:
        return set(self.pattern.findall(text)) if self.pattern else set()


def mine_acronyms(texts) -> Acronyms:
    """Acronyms a corpus defines, 'Long Form Words (LFW)' -> {'LFW': 'long form words'}.

    Only definitions whose initials spell the acronym's capitals are kept.
    """
    found: dict[str, str] = {}
    for text in texts:
        for m in _ACRONYM.finditer(text):
            before = _WORDS_BEFORE.search(text[max(0, m.start() - _WINDOW):m.start()])
            capitals = [c for c in m[1] if c.isupper()]
            words = before[1].split()[-len(capitals):] if before else []
            if len(words) == len(capitals) and [w[0].upper() for w in words] == capitals:
                found.setdefault(m[1], " ".join(words).lower())
    return Acronyms(found)


def other_forms(text: str, acronyms: Acronyms) -> list[str]:
    """The other form of every acronym the text uses in one form only."""
    low, used = text.lower(), acronyms.used_in(text)
    extra = [long for short, long in acronyms.items() if short in used and long not in low]
    extra += [short for short, long in acronyms.items() if long in low and short not in used]
    return extra


# A benchmark or venue and its year, written in full or short: "AIME 2024" / "AIME24", "AMC 2023" / "AMC23"
_NAME_FULL_YEAR = re.compile(r"\b([A-Z]{2,8})[ -](20[0-3]\d)\b")
# (not hyphened: "COVID-19" is no year)
_NAME_SHORT_YEAR = re.compile(r"\b([A-Z]{2,8})([0-3]\d)\b")


def year_forms(text: str) -> list[str]:
    """The other spelling of each name-and-year the text writes one way only: "AIME24" ->
    "AIME 2024", "AIME 2024" -> "AIME24", so a question in either form finds it."""
    full = {f"{n} {y}" for n, y in _NAME_FULL_YEAR.findall(text)}
    short = {f"{n}{y}" for n, y in _NAME_SHORT_YEAR.findall(text)}
    other = {f"{n}{y[2:]}" for n, y in (f.split() for f in full)} | {f"{s[:-2]} 20{s[-2:]}" for s in short}
    return sorted(other - full - short)


def initialisms(text: str, longest: int = 5) -> dict[str, list[str]]:
    """The acronyms the text's runs of 2-5 content words would make, each with the run's terms:
    "whole-slide images" -> {"WSI": ["whole", "slide", "imag"]}. An abstract need not define
    an acronym it uses ("340 WSIs collected from other centers"); a question spelling it out
    is asking about it. Runs with a stop word in them make none ("as input" is no "AI")."""
    words = re.findall(r"[A-Za-z]+", text)
    found: dict[str, list[str]] = {}
    for n in range(2, longest + 1):
        for i in range(len(words) - n + 1):
            run = words[i:i + n]
            if not any(w.lower() in _STOP for w in run):
                found.setdefault("".join(w[0] for w in run).upper(), terms(" ".join(run)))
    return found


def spelled_out_in(sentence: str, spelled: dict[str, list[str]]) -> set[str]:
    """The terms of the acronyms in the sentence (plural or not: "WSIs") that `spelled` spells out."""
    return {t for a in _INITIALISM.findall(sentence) for t in spelled.get(a, [])}


_INITIALISM = re.compile(r"\b([A-Z]{2,5})s?\b")  # the capitals of "WSIs" are "WSI"


def has_phrase(text: str, phrase: str) -> bool:
    """Does the text have the phrase's words in a row? Case, hyphens and a plural -s aside:
    "world model" is in "World-Models", not in "a model of the world"."""
    pattern = _phrase_pattern(phrase)
    return pattern is not None and pattern.search(text.lower()) is not None


def _phrase_pattern(phrase: str) -> re.Pattern | None:
    words = [w[:-1] if w.endswith("s") and not w.endswith("ss") else w for w in re.findall(r"[\w.+]+", phrase.lower())]
    pattern = r"[\s\-]+".join(re.escape(w) + r"(?:e?s)?" for w in words)
    return re.compile(rf"(?<![\w]){pattern}(?![\w])") if words else None


# `in_title` for any digit: "which titles contain a number?" (not a word to find)
DIGIT = "a digit"


def title_has(title: str, wanted: str, at_start: bool = False) -> bool:
    """Does the title have the words (has_phrase), the punctuation mark ("?") or a digit (DIGIT), at
    its start if asked?"""
    if wanted == DIGIT:
        return bool(re.match(r"\d", title) if at_start else re.search(r"\d", title))
    if not re.search(r"\w", wanted):
        return title.startswith(wanted) if at_start else wanted in title
    if not at_start:
        return has_phrase(title, wanted)
    pattern = _phrase_pattern(wanted)
    return pattern is not None and pattern.match(title.lower()) is not None


# Words that say a paper does without what follows them: "without RL", "no reward model",
# "neither ... nor reward models", "eliminating the need for labels", "unlike RL methods".
_DOING_WITHOUT = frozenset(stem(w) for w in """without no not never nor neither instead rather free avoid
eliminate bypass remove dispense obviate unlike""".split())
# ... as written, for a first test on the raw text
_DOING_WITHOUT_WRITTEN = re.compile(r"\b(?:without|no|not|never|nor|neither|instead|rather|free|avoid\w*|eliminat\w*"
                                    r"|bypass\w*|remov\w*|dispens\w*|obviat\w*|unlike|\w*n't)\b")


def _negated_near(low: str, heads: list[str]) -> bool:
    """Is there a negation among the six words before a word starting with one of the heads
    (stems as written, lower case), or "-free" right after one? Every text in which
    `_negated_mentions` can find the phrase negated passes; most texts fail at once."""
    for head in heads:
        at = low.find(head)
        while at != -1:
            if _DOING_WITHOUT_WRITTEN.search(" ".join(low[max(0, at - 100):at].split()[-6:])) or \
                    re.match(r"\S*-free\b", low[at:at + 60]):
                return True
            at = low.find(head, at + 1)
    return False


def only_negated(text: str, phrase: str, window: int = 5) -> bool:
    """Does the text name the phrase only to say it does without it? Each sentence with all
    the phrase's words has a negation among the `window` words before the first of them
    ("does not require a reward model", "without RL") or "-free" on one ("reward-model-free")."""
    said = False
    for negated in _negated_mentions(text, phrase, window):  # (a generator: the first plain mention decides)
        if not negated:
            return False
        said = True
    return said


def says_without(text: str, phrase: str, window: int = 5) -> bool:
    """Does some sentence of the text say it does without the phrase ("without any fine-tuning",
    "nor ... reward models"), whatever the others say ("prior methods rely on reward models")?"""
    return any(_negated_mentions(text, phrase, window))


def _negated_mentions(text: str, phrase: str, window: int) -> Iterator[bool]:
    """For each sentence with all the phrase's words, in turn, whether a negation comes among
    the `window` words before the first of them, or "-free" on one; none if no sentence has
    them, or if no negation is near any of them (decided before a word is stemmed)."""
    # Capitals kept, as in the text's sentences ("AIME", not "aim"); a hyphened word by its parts
    # ("human-labelled" is said by "human labeling")
    wanted = {t for t in terms(phrase, True) if "-" not in t} or set(terms(phrase, True))
    # Each word's stem as written ("reinforc" of "reinforcement") finds the sentences that may have
    # the phrase, and a text with no negation near any is decided before a word is stemmed
    heads = [os.path.commonprefix([w.lower(), stem(american(w.lower()))]) for w in re.findall(r"[A-Za-z0-9]+", phrase)]
    if not wanted or not _negated_near(text.lower(), [h for h in heads if h]):
        return
    for sentence in sentences(text):
        if not all(head in sentence.lower() for head in heads) or not wanted <= set(terms(sentence)):
            continue
        words = re.findall(r"[A-Za-z0-9][\w\-']*", sentence)
        found = [set(terms(w, True)) & wanted for w in words]
        first = next(i for i, f in enumerate(found) if f)
        before = words[max(0, first - window):first]
        negated = bool({stem(w.lower()) for w in before} & _DOING_WITHOUT) or any(w.lower().endswith("n't") for w in before)
        yield negated or any(w.lower().endswith("-free") for w in words[first:first + len(wanted) + 1])


@lru_cache(maxsize=256)
def definition_of(term: str, strict: bool = False) -> re.Pattern:
    """A sentence that defines the term: its acronym spelled out before it in brackets ("...
    Optimization (GRPO)"), the term before a bracket, or in apposition ("MM-PRM, a process reward
    model") or with "is / are / refers to" after it. `strict`: only the last, which says what
    the term is ("Test-Time Scaling (TTS) refers to ..."); a term before a bracket may be the
    end of a longer name ("memory-aware test-time scaling (MaTTS)")."""
    t = re.escape(term.strip()).replace(r"\ ", r"\s+")
    plural = r"s?" if not term.endswith("s") else ""
    says = rf"\b{t}{plural}\s*(?:\([^)]{{1,20}}\)\s*)?(?:is|are|refers to)\b"
    if strict:
        return re.compile(says, re.I)
    # "... paradigm, abbreviated as RLAD", "(RLAD for short)"
    named = rf"\b(?:abbreviated|shortened)(?:\s+as)?\s+{t}{plural}\b|\b{t}{plural}\s+for\s+short\b"
    return re.compile(rf"\(\s*{t}{plural}\s*\)|\b{t}{plural}\s*\(|,\s*(?:an?|the)\s+{t}{plural}\b"
                      rf"|\b{t}{plural},\s*an?\s|{says}|{named}", re.I)
