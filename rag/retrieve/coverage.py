"""How much of a question's wording a paper contains: IDF-weighted term coverage.

A lexical, whole-abstract signal that neither retriever gives: BM25 ranks chunks by summed
term scores (one rare word can carry a paper), dense ranks by meaning. Coverage asks whether
*all* the question's topic words are there, so it tells "GRPO on a multimodal model" from
"GRPO" alone. Used to re-rank the retrieved pool (rerank.py) and by the answer step to judge
relevance (answer/relevance.py).
"""
from __future__ import annotations

import bisect
import math
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, reduce

import numpy as np

from rag.index.catalog import Catalog
from rag.index.postings import Postings
from rag.retrieve.base import PaperHit
from rag.text import (american, document_frequencies, english_stop_words, has_phrase, is_english, stem, stem_once,
                      terms, zipf)
from rag.understand.plan import QueryPlan
from rag.understand.wording import FRAME_STEMS, FRAME_WORDS, QUESTION_WORDS

# Words that phrase a question rather than name its topic: the framing words, and NLTK's
# English stop words (shipped with llama-index), which bm25s' 33-word list lacks ("about").
_FRAME_TERMS = set(terms(" ".join(FRAME_WORDS))) | {stem(w) for w in english_stop_words()}
_STOP_WORDS = english_stop_words()
# Words of the frame words' stems that frame a question as well ("what are the findings", "the
# kinds of", "discussions of"), as they did when every word of those stems was left out.
_FRAMING_TOO = {"findings", "discussion", "discussions", "researcher", "researchers", "namely", "likely", "solely",
                "merely", "overly", "interestingly", "kind", "kinds", "regard", "regarded", "existence", "appearance",
                "appearances", "concerns", "interest", "interests", "getting",
                # "what are the main / notable / popular approaches to X?": the adjective says which of X's papers,
                # not what they are about (a survey's "two main categories" carried "main" alone)
                "main", "major", "notable", "typical", "primary", "prominent", "representative", "important", "various",
                "popular",
                # "locate things in pictures", "buy things in online stores": a placeholder, not a topic (rare in
                # abstracts, so it weighed most: "things" 4.98 of 20.0 in "locate or segment things within pictures")
                "thing", "things", "something", "anything"}
# A frame word's regular forms frame a question too ("shows", "telling"); a word that only shares
# its stem names a topic: "relative" (in "group relative policy optimization", stemmed as "related"
# is), "credit" ("credit assignment"; "credited"), "relations", "relational".
_FRAME_FORMS = (FRAME_WORDS | _STOP_WORDS | _FRAMING_TOO
                | {f + end for f in FRAME_WORDS if len(f) > 2 for end in ("s", "es", "ed", "d", "ing")}
                | {f[:-1] + "ing" for f in FRAME_WORDS if len(f) > 3 and f.endswith("e")}
                | {w + "s" for w in _STOP_WORDS if len(w) > 2})  # "others"


def content_terms(text: str, names: bool | None = None) -> list[str]:
    """The text's terms (text.terms) but the framing's: a word that is a frame word or one's
    regular form, or a publishing verb in any form ("publish"), is left out; so is a part of a
    compound that is one ("post" of "post-hoc"), but a whole word is kept when only its stem is
    a frame word's."""
    names = re.search(r"[a-z]", text) is not None if names is None else names
    out = []
    for word in re.findall(r"[A-Za-z0-9][A-Za-z0-9\-]*", text):
        low = word.lower()
        if low in _FRAME_FORMS or stem(low) in FRAME_STEMS:
            continue
        found = terms(word, names)
        whole = found[:1] if low not in _STOP_WORDS and len(low) > 1 and "-" not in low else []
        out += whole + [t for t in found[len(whole):] if t not in _FRAME_TERMS]
    return out

_VARIANT_PREFIX = 7  # letters an unknown word must share with its corpus spelling (see variant)
_TYPO_LENGTH = 5     # shortest and longest unknown word read as a typo of a known one (see
_TYPO_MAX = 20       # fix_typos); a longer one is not a word: its 54 x length candidates cost time
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# English compound endings that say "of that kind" or "done that way" (o1-style, LLM-based),
# not a topic of their own
_OF_A_KIND = {"style", "like", "based", "level", "type", "driven", "oriented", "centric", "powered", "inspired"}
# How much more often (Zipf scale, a factor of 10 per unit) the intended word must be written
# than an unknown word for the latter to be a typo of it. Common misspellings sit 2.0-4.7 below
# their word ("seperate", "teh"), newer words the dictionary lacks 1.1-1.8 below their
# neighbour ("asics" / "basics", "emoticons" / "emotions").
_MISSPELT = 1.9
# A typo of a function word: 3 letters or more ("teh"), of a word at least this common (Zipf),
# and that much rarer than it ("wich" 2.8 against "with" 6.85 and "which" 6.3; the real word
# "wit", 4.0, is 2.9 below "with" and stays)
_FUNCTION_TYPO_LENGTH = 3
_FUNCTION_ZIPF = 5.5
_FUNCTION_MISSPELT = 3.0


@dataclass
class QueryTerms:
    weights: dict[str, float]          # content term -> IDF
    groups: list[list[set[str]]]       # alternatives: a paper needs the terms of one of each group
    rephrased: QueryTerms | None = None  # the LLM's rephrasing, matched as an alternative reading
    compounds: dict[str, str] = field(default_factory=dict)  # "vision-languag" -> "vision-language", as asked
    kin: dict[str, frozenset[str]] = field(default_factory=dict)  # term -> the other known terms of its family

    def readings(self) -> list[QueryTerms]:
        """The user's wording, and the LLM's rephrasing when there is one."""
        own = QueryTerms(self.weights, self.groups, compounds=self.compounds, kin=self.kin)
        return [own] if self.rephrased is None else [own, self.rephrased]

    def without(self, leave_out: frozenset[str]) -> QueryTerms:
        """The query without some of its terms (the verb of "which papers use GRPO?")."""
        return QueryTerms({t: w for t, w in self.weights.items() if t not in leave_out},
                          [[alt - leave_out for alt in group] for group in self.groups],
                          self.rephrased.without(leave_out) if self.rephrased is not None else None, self.compounds,
                          self.kin)

    def get(self, term: str, default: float = 0.0) -> float:
        if term in self.weights or self.rephrased is None:
            return self.weights.get(term, default)
        return self.rephrased.get(term, default)


_HYPHENATED = re.compile(r"[a-z]{2,}(?:-[a-z]{2,})+")  # "fine-tuning", not "gpt-4" or "r1-zero"


class TermCoverage:
    def __init__(self, catalog: Catalog, df: dict[str, int] | None = None, postings: Postings | None = None):
        """`df`: term -> papers containing it; `postings`: term -> those papers (both saved with
        the BM25 side); computed here from the catalog if not given."""
        self.catalog = catalog
        self._df = df if df is not None else document_frequencies(catalog.text(pid) for pid in catalog.papers)
        self._postings = postings
        # Term sets of the papers questions actually retrieve, not of the whole corpus.
        # in the text's order; a release sentence's "code" is no topic
        self._term_list = lru_cache(maxsize=4096)(lambda pid: terms(self.catalog.topical_text(pid)))
        self.paper_terms = lru_cache(maxsize=4096)(lambda pid: frozenset(self._term_list(pid)))
        self.title_terms = lru_cache(maxsize=4096)(lambda pid: frozenset(terms(self.catalog.papers[pid]["title"])))
        self._stressed = lru_cache(maxsize=4096)(self._stressed_terms)
        self._typo = lru_cache(maxsize=10_000)(self._intended)
        self._spaced = lru_cache(maxsize=10_000)(self._written_apart)
        self._query_terms = lru_cache(maxsize=256)(self._build_query_terms)

    @cached_property
    def postings(self) -> Postings:
        return self._postings or Postings.build((pid, self.catalog.text(pid)) for pid in self.catalog.papers)

    @cached_property
    def vocabulary(self) -> list[str]:
        return sorted(self._df)

    def variant(self, term: str) -> str:
        """The corpus's spelling of a word it does not use in this form, or the word itself.

        The stemmer leaves irregular and British forms apart ("curricula" / "curriculum",
        "recognise" / "recognize") or an acronym from its plural ("PRMs" / "PRM"). A known word
        sharing the first 7 letters and at least 0.75 of the longer word's letters, or differing
        by a final "s", stands in for it. Compounds ("ARC-AGI") are left as they
        are: an unknown name is what marks a question the corpus does not cover.
        """
        if term in self._df or "-" in term:
            return term
        # The stemmer leaves an acronym's plural whole ("PRMs", "LSTMs"): its singular, or the
        # other way round, is the same word.
        for other in (term[:-1] if term.endswith("s") else None, term + "s"):
            if other and other in self._df:
                return other
        if len(term) < _VARIANT_PREFIX:
            return term
        best, best_key = term, (0, 0)
        for known in self._starting_with(term[:_VARIANT_PREFIX]):  # the known words with the same head
            shared = len(os.path.commonprefix([term, known]))
            if "-" not in known and shared >= 0.75 * max(len(term), len(known)):
                key = (shared, self._df[known])
                best, best_key = (known, key) if key > best_key else (best, best_key)
        return best

    def fix_typos(self, text: str) -> str:
        """The text with each word no paper uses and no English dictionary lists replaced by
        the word one letter away (inserted, deleted, changed or two swapped) that most papers
        use: "halucination" -> "hallucination", "knowlege" -> "knowledge". A real word the
        corpus lacks ("drones", "contracts") is kept, as is a word with no such neighbour
        ("blockchain"): an unknown word is what marks an uncovered topic. Words of 5 letters
        or more only, but for typos of function words ("wich", "teh": _function_word)."""
        return re.sub(r"(?<![A-Za-z0-9])[A-Za-z]{%d,%d}(?![A-Za-z0-9])" % (_FUNCTION_TYPO_LENGTH, _TYPO_MAX),
                      lambda m: self._typo(m[0]), text)

    def _intended(self, word: str) -> str:
        low = word.lower()
        found = terms(low)
        if not found or found[0] in self._df:
            return word
        if word[1:].islower() and (function := _function_word(low)):  # "wich papers ...": "which", not a topic word
            return function  # (not in capitals: "ORE" names something)
        if len(low) < _TYPO_LENGTH or is_english(low):
            return word
        # A word only one paper uses is no better a guess than the typo itself: 2 or more.
        # Of those, a written word ("efficient", not the "effectent" of the commoner stem
        # "effect"), then the most papers, then the most written ("multimodal", not "multimode").
        known = [((is_english(edit) or z > 0), self._df[s], z, edit) for edit in sorted(_one_edit(low))
                 if self._df.get(s := stem_once(edit), 0) >= 2 and edit not in _STOP_WORDS and (z := zipf(edit)) >= 0]
        if not known:
            return word
        intended = max(known)[-1]
        # A misspelling is written far less often than the word it misspells ("knowlege" 1.9,
        # "knowledge" 5.0 on the Zipf scale); a word newer than the dictionaries is not
        # ("codecs" 2.4, "codes" 4.2). Kept, it marks a topic the corpus may not cover.
        seen = zipf(low)
        return intended if not seen or zipf(intended) - seen >= _MISSPELT else word

    def corpus_spelling(self, text: str) -> str:
        """The question's topic words as the papers spell them: typos fixed (fix_typos), and a
        hyphenated word no paper writes that way but some paper writes as separate words
        ("data-science": Agent K's abstract says "data science") written apart. A compound
        no paper has either way ("ARC-AGI") stays whole: an unknown name marks a topic the
        corpus does not cover."""
        return re.sub(r"(?<![\w\-])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+(?![\w\-])", lambda m: self._spaced(m[0]),
                      self.fix_typos(text))

    def _written_apart(self, word: str, most: int = 200) -> str:
        found = terms(word)
        if not found or self._df.get(found[0]):
            return word
        # "o1-style", "GPT-4-level": a compound of a known name and a word that only says "of
        # that kind" is the name; as an unknown whole it would mark an uncovered topic.
        head, _, last = word.rpartition("-")
        if last.lower() in _OF_A_KIND and (named := [t for t in terms(head) if "-" not in t]) \
                and all(self._df.get(self.variant(t)) for t in named):
            return head
        parts = [self.variant(t) for t in found[1:] if "-" not in t]
        if len(parts) < 2 or not all(t in self._df for t in parts):
            return word
        apart = word.replace("-", " ")
        candidates = self.postings.paper_ids(self.postings.with_all(parts)[:most])  # bounded at scale
        return apart if any(has_phrase(self.catalog.text(pid), apart) for pid in candidates) else word

    def fix_wording(self, text: str) -> str:
        """Typos in a question's own wording ("how mnay papers", "papers wiht more than 10
        authors", "the most upvotd"): a word of 4 letters or more that no paper uses and no
        English dictionary lists becomes the framing or metadata word one letter away, so the
        rules read the question. Topic words are fix_typos's (from the corpus)."""
        def fixed(m: re.Match) -> str:
            low = m[0].lower()
            if is_english(low) or low in QUESTION_WORDS or self._df.get(stem_once(low), 0):
                return m[0]
            near = sorted(_one_edit(low) & QUESTION_WORDS)
            return near[0] if near else m[0]
        return re.sub(r"(?<![A-Za-z0-9\-])[a-z]{4,12}(?![A-Za-z0-9\-])", fixed, text)

    def respelled(self, text: str) -> str:
        """The text with, for the retrievers, its typos fixed, and the American spelling of its
        British words and the corpus's spelling of its unknown words added (BM25 stems the
        added forms as it stems the abstracts)."""
        text = self.corpus_spelling(text)
        words = dict.fromkeys(w.lower() for w in re.findall(r"[A-Za-z][A-Za-z\-]*", text))
        us = [a for w in words if (a := american(w)) != w]
        return " ".join([text, *us, *self._variants(text)])

    def in_american(self, text: str) -> str:
        """The text as the dense side embeds it: as `respelled`, but with its British words
        replaced by their American spelling rather than followed by it, so that "minimise" and
        "minimize" make the same vector."""
        text = re.sub(r"(?<!\w)[A-Za-z]+(?!\w)", lambda m: _american_as_written(m[0]), self.corpus_spelling(text))
        return " ".join([text, *self._variants(text)])

    def _variants(self, text: str) -> list[str]:
        return [v for t in dict.fromkeys(terms(text)) if (v := self.variant(t)) != t]

    def papers_mentioning(self, phrase: str, name: bool | None = None, kin: bool = False) -> frozenset[str]:
        """The papers that use every content word of the phrase (in the corpus's spellings);
        `name`: the phrase is a name, its capitals kept even when all are ("AIME 2024"); `kin`:
        or a word of the same family ("medicine": "medical" too; `word_family`)."""
        def having(words: set[str]) -> np.ndarray:
            if not kin:
                return self.postings.with_all(words)
            families = [reduce(np.union1d, map(self.postings.with_term, self.word_family(w))) for w in words]
            return reduce(lambda a, b: np.intersect1d(a, b, assume_unique=True), families)

        spelt = [reduce(np.union1d, map(having, ways)) for ways in self._spellings(phrase, name)]
        return self.postings.paper_ids(reduce(lambda a, b: np.intersect1d(a, b, assume_unique=True), spelt)
                                       if spelt else np.empty(0, np.int32))

    def _spellings(self, phrase: str, name: bool | None) -> list[list[set[str]]]:
        """Each content word of the phrase as the sets of terms that say it: "fine-tuning" is
        said by its parts or as one word ("finetune"), and "finetuning" also as "fine-tuning"."""
        out = []
        for word in re.findall(r"[A-Za-z0-9][A-Za-z0-9\-]*", phrase):
            said = {self.variant(t) for t in content_terms(word, name)}
            if not said:
                continue
            low = word.lower()
            if _HYPHENATED.fullmatch(low):
                other = stem(american(low.replace("-", "")))
            else:
                other = self._hyphenated.get(next(iter(said))) if len(said) == 1 else None
            out.append([said, {other}] if other and other in self._df and other not in said else [said])
        return out

    @cached_property
    def _hyphenated(self) -> dict[str, str]:
        """A hyphenated term written as one word -> the term ("finetun" -> "fine-tun")."""
        return {t.replace("-", ""): t for t in self._df if _HYPHENATED.fullmatch(t)}

    def word_family(self, term: str) -> list[str]:
        """The known terms that begin with the stem, or that it begins with less its last two
        letters, five or more: "medicin": "medic" (of "medical"); "vision": "vision-languag". A stem shorter than six
        letters, capitalised or compound is its own family ("drive" is not "driven", "RL" not "RLHF")."""
        if len(term) < 6 or not term.isalpha() or not term.islower():
            return [term]
        shorter = {term[:n] for n in range(max(5, len(term) - 2), len(term)) if term[:n] in self._df}
        return sorted({term, *shorter, *self._starting_with(term)})

    def asked_words(self, text: str) -> dict[str, str]:
        """A question's plain lower-case words of five letters or more, by their terms in the
        corpus's spelling: those whose families (word_family) may hold the same word."""
        return {self.variant(t): w for w in re.findall(r"(?<![\w-])[a-z]{5,}(?![\w-])", text) for t in terms(w)}

    def _starting_with(self, head: str) -> list[str]:
        """The known terms that begin with the head, from the sorted vocabulary."""
        vocab = self.vocabulary
        start = bisect.bisect_left(vocab, head)
        end = start
        while end < len(vocab) and vocab[end].startswith(head):
            end += 1
        return vocab[start:end]

    def papers_covering(self, q: QueryTerms) -> frozenset[str]:
        """The papers whose coverage of the query is 1: they have every word outside the groups
        of alternatives and every word of one alternative of each group (with an LLM's
        rephrasing, by either reading). From the postings, not by testing each paper."""
        if q.rephrased is not None:
            return frozenset().union(*(self.papers_covering(reading) for reading in q.readings()))
        grouped = {t for group in q.groups for alt in group for t in alt}
        ungrouped = [t for t in q.weights if t not in grouped]
        needed = [self.postings.with_all(ungrouped)] if ungrouped else []
        needed += [reduce(np.union1d, (self.postings.with_all(alt) for alt in group)) for group in q.groups]
        if not needed:
            return frozenset()
        return self.postings.paper_ids(reduce(lambda a, b: np.intersect1d(a, b, assume_unique=True), needed))

    def papers_about(self, q: QueryTerms, candidates: frozenset[str]) -> frozenset[str]:
        """Of the candidates (papers with all the topic's words, papers_covering), those the
        topic is central to, not mentioned in passing: their title has all its words, or their
        text says it at least twice (either reading's). "The most recent papers on
        reinforcement learning" are among the 81 that say it, and retrieval's first 30 held
        neither the two newest nor LoongRL, whose title says it."""
        readings = q.readings()
        return frozenset(pid for pid in candidates if any(self._central(r, pid) for r in readings))

    def _central(self, q: QueryTerms, pid: str) -> bool:
        if not q.weights:
            return False
        return self.covered(q, self.title_terms(pid)) >= 1.0 or self._said_twice(q, pid)

    def _said_twice(self, q: QueryTerms, pid: str) -> bool:
        """Does the paper say the topic twice: its words in the question's order ("world models"
        twice, not "world" twice and "models" twice), or, with alternatives, each word twice?"""
        if not q.groups and not self._may_say_twice(q, pid):
            return False
        said = self._term_list(pid)
        if q.groups:
            counts = Counter(said)
            return self.covered(q, frozenset(t for t in q.weights if counts[t] >= 2)) >= 1.0
        run = list(q.weights)
        n = len(run)
        return sum(said[i:i + n] == run for i in range(len(said) - n + 1)) >= 2

    def _may_say_twice(self, q: QueryTerms, pid: str) -> bool:
        """A quick test before stemming the whole text (0.3-0.9 ms a paper): each topic term's first
        three letters, which begin the words it stems from, are in the lower-cased text twice."""
        text = self.catalog.text(pid).lower()
        return all(text.count(t[:3]) >= 2 for t in q.weights)

    def papers_using(self, word: str) -> int:
        """How many papers use the word (in any form the stemmer gives it)."""
        found = terms(word)
        return self._df.get(found[0], 0) if found else 0

    def idf(self, term: str) -> float:
        n = max(len(self.catalog), 1)
        return math.log(1 + (n - self._df.get(term, 0) + 0.5) / (self._df.get(term, 0) + 0.5))

    def unknown_words(self, text: str) -> list[str]:
        """The words of the text (typos fixed) that no paper uses in any spelling, each once."""
        words = re.findall(r"[A-Za-z0-9][\w\-]*", self.corpus_spelling(text))
        return [w for w in dict.fromkeys(words)
                if (found := content_terms(w))
                and not any(self._df.get(self.variant(t)) for t in found)]

    def names_a_topic(self, text: str, without: set[str] = frozenset()) -> bool:
        """Is one of the text's words (leaving out `without`) one that fewer than a fifth of
        the papers use? "reasoning models" alone names no topic here; "test time" does."""
        skip = {t for w in without for t in terms(w)}
        found = self._weights(self.corpus_spelling(text))
        return any(0 < self._df.get(t, 0) < len(self.catalog) / 5 for t in found if t not in skip)

    def query_terms(self, plan: QueryPlan) -> QueryTerms:
        """The plan's topic words, weighted. Built once per wording and shared by the re-ranker,
        the relevance check and the answer, so callers must not change it."""
        return self._query_terms(plan.text, tuple(map(tuple, plan.alternatives)), plan.not_topic, plan.rephrased,
                                 plan.names_in_capitals,  # "papers that mention AIME24": not "aim"
                                 tuple(sorted(plan.kin.items())))

    def _build_query_terms(self, text: str, alternatives: tuple[tuple[str, ...], ...], phrasing: frozenset[str],
                           rephrased: str, names: bool = True,
                           kin: tuple[tuple[str, frozenset[str]], ...] = ()) -> QueryTerms:
        # Phrasing words ("how models cope with ...") are not topic words: with the top IDF of
        # a word no paper uses, one would outweigh the rest of the question.
        skip = {t for w in phrasing for t in terms(w)}
        text = _joined_names(text) if names else text
        weights = {t: w for t, w in self._weights(self.corpus_spelling(text), names).items() if t not in skip}
        groups = []
        for phrases in alternatives:
            # A word no paper uses cannot tell papers apart: "web browsers" is matched as "web"
            # when no abstract says "browsers", or the alternative could never be met in full.
            group = [{self.variant(t) for t in terms(self.corpus_spelling(p), names)} & weights.keys() for p in phrases]
            # ... but only when every alternative keeps a word papers use: in "filter spam or
            # phishing emails" the second keeps none, and "filter" alone would stand for the group.
            known = all(any(t in self._df for t in alt) for alt in group if alt)
            for alt in group:
                unused = {t for t in alt if t not in self._df}
                if known and unused and unused != alt:
                    alt -= unused
                    for t in unused:
                        weights.pop(t, None)
            if sum(1 for g in group if g) >= 2:
                groups.append([g for g in group if g])
        reading = None
        if rephrased:  # its alternatives are the question's, where it keeps their words ("locate or segment")
            again = self._weights(rephrased)
            reading = QueryTerms(again, [g for g in groups if all(alt <= again.keys() for alt in g)],
                                 compounds=_compounds(rephrased))
        return QueryTerms(weights, groups, reading, _compounds(self.corpus_spelling(text)),
                          {t: near for t, near in kin if t in weights})

    def _weights(self, text: str, names: bool | None = None) -> dict[str, float]:
        """Content term (in the corpus's spelling) -> IDF."""
        found = (self.variant(t) for t in content_terms(text, names))
        return {t: self.idf(t) for t in found}

    def coverage(self, q: QueryTerms, hit: PaperHit) -> float:
        """Share of the query's weight the paper covers; weights are IDF squared, so a missing
        rare word (the one that names the topic) costs far more than a missing common one.
        A group of alternatives weighs as its heaviest member and counts as its best-covered one.
        With an LLM's rephrasing, the better of the two readings counts."""
        return self.covered(q, self.terms_of(hit, q))

    def focus(self, q: QueryTerms, hit: PaperHit) -> float:
        """Coverage counting only the terms a paper stresses: those its text says at least twice,
        or its title says. A topic word comes back in a paper about it; a word of the question's
        phrasing, rare as it may be, is said once in passing: "explore possible reasoning steps"
        weighs "possible" above "MCTS", and a paper saying "possible" once covers it as fully as
        one built on MCTS."""
        if hit.paper_id not in self.catalog.papers:
            return self.coverage(q, hit)
        return self.covered(q, self._stressed(hit.paper_id))

    def _stressed_terms(self, pid: str) -> frozenset[str]:
        said = Counter(self._term_list(pid))
        return frozenset(t for t, n in said.items() if n >= 2) | self.title_terms(pid)

    def terms_of(self, hit: PaperHit, q: QueryTerms | None = None) -> frozenset[str]:
        """The paper's terms; with a question, also its hyphenated words that the paper writes
        apart: "vision language models" has the question's "vision-language"."""
        if hit.paper_id in self.catalog.papers:
            have, text = self.paper_terms(hit.paper_id), self.catalog.text(hit.paper_id)
        else:
            text = hit.title + " " + " ".join(c.text for c in hit.chunks)
            have = frozenset(terms(text))
        asked = {} if q is None else {c: w for r in q.readings() for c, w in r.compounds.items() if c not in have}
        apart = {c for c, word in asked.items() if has_phrase(text, word)}
        return have | apart if apart else have

    def covered(self, q: QueryTerms, have: set[str] | frozenset[str]) -> float:
        """Coverage of the query by a set of terms (one paper's, or several papers' together)."""
        if q.rephrased is not None:
            return max(self.covered(reading, have) for reading in q.readings())
        w2 = {t: w * w for t, w in q.weights.items()}
        grouped = {t for group in q.groups for alt in group for t in alt}
        kin = q.kin
        has = {t for t in w2 if t in have or (t in kin and not have.isdisjoint(kin[t]))}
        got = sum(w for t, w in w2.items() if t not in grouped and t in has)
        total = sum(w for t, w in w2.items() if t not in grouped)
        for group in q.groups:
            weight = max(sum(w2[t] for t in alt) for alt in group)
            share = max(sum(w2[t] for t in alt if t in has) / (sum(w2[t] for t in alt) or 1.0) for alt in group)
            got, total = got + weight * share, total + weight
        return got / total if total else 0.0


def _american_as_written(word: str) -> str:
    """The word's American spelling, capitalised as written ("Behaviour" -> "Behavior"), when that
    is an English word. `american` rewrites for stems, both sides alike, and so also turns
    "supervised" into "supervized"; the dense side's text must stay words the model knows."""
    us = american(word.lower())
    if us == word.lower() or not is_english(us):
        return word
    return us.capitalize() if word[:1].isupper() else us


# "Mixture of Experts", "Theory of Mind": a name in capitals joined by "of" is one term, as if
# written "Mixture-of-Experts" (its words apart are in papers on other things: "mixtures of
# tokens", "experts' cognition"); not "Which of These" (a function word first)
_NAME_OF = re.compile(r"\b([A-Z][a-z]+) of ([A-Z][a-z]+)\b")


def _joined_names(text: str) -> str:
    return _NAME_OF.sub(lambda m: m[0] if m[1].lower() in english_stop_words() else f"{m[1]}-of-{m[2]}", text)


def _compounds(text: str) -> dict[str, str]:
    """The text's hyphenated words, by their term: "vision-languag" -> "vision-language"."""
    return {found[0]: word for word in re.findall(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+", text)
            if (found := terms(word)) and "-" in found[0]}


def _function_word(word: str) -> str | None:
    """The common function word ("which", "the", "their") one letter away from a word no paper
    uses, when the word is written far less often than it: "wich" (Zipf 2.8; "with" 6.85,
    "which" 6.3: either is no topic word), "teh", "thier". Such a typo is not a topic word:
    kept, it marked the question uncovered ("wich papers are about autonomus driving?" abstained)."""
    near = [(zipf(edit), edit) for edit in _one_edit(word) if edit in _STOP_WORDS and zipf(edit) >= _FUNCTION_ZIPF]
    if not near:
        return None
    seen, (known, intended) = zipf(word), max(near)
    return intended if known - seen >= _FUNCTION_MISSPELT else None


def _one_edit(word: str) -> set[str]:
    """Every string one letter away from the word: deleted, swapped with the next, changed, inserted."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return ({a + b[1:] for a, b in splits if b} | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
            | {a + c + b[1:] for a, b in splits if b for c in _LETTERS} | {a + c + b for a, b in splits for c in _LETTERS})
