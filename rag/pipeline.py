"""The whole flow, each step a public method: ingest -> understand -> retrieve -> answer.

This is also the one place where components are built from config (embedding model,
Chroma, retrievers, answer backends); everything else receives them.
"""
from __future__ import annotations

import copy
import re
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cached_property, reduce
from pathlib import Path

import numpy as np
from llama_index.core.vector_stores import FilterOperator, MetadataFilter, MetadataFilters

from rag.answer.base import Answer, Answerer
from rag.answer.extractive import ExtractiveAnswerer
from rag.answer.llm import LLMAnswerer
from rag.answer.metadata import GROUP_NAMES, none_on_topic, read_as, yes_or_no
from rag.answer.relevance import Relevance
from rag.config import Secrets, Settings
from rag.corpus import CorpusStream, default_corpus_paths
from rag.corpus.records import introduces, paper_name
from rag.index.bm25 import load_document_frequencies, load_or_build
from rag.index.catalog import (Catalog, by_group_size, by_group_statistic, ends_first, keep_matching, posted_day,
                               sort_value)
from rag.index.chunking import Chunker, Sentences
from rag.index.embeddings import build_embedding, embedding_id
from rag.index.ingest import Ingestor, IngestReport
from rag.index.postings import Postings
from rag.index.words import WordVectors
from rag.index.store import (
    READ_BY_ID,
    STORE_ERRORS,
    connect,
    describe,
    open_collection,
    revision,
    sentences_name,
    unreachable,
)
from rag.llm import ChatModel, build_chat_model
from rag.prompts import check_all as check_prompts
from rag.prompts import no_topic, not_english
from rag.retrieve.base import PaperHit, Query, Retriever
from rag.retrieve.baselines import BASELINES, build_baseline
from rag.retrieve.coverage import TermCoverage
from rag.retrieve.dense import DenseRetriever
from rag.retrieve.hybrid import HybridRetriever
from rag.retrieve.rerank import CoverageReranker
from rag.retrieve.sparse import SparseRetriever
from rag.text import has_phrase, is_english, looks_foreign, only_negated, says_without, terms, title_has, zipf
from rag.tokens import use_bundled_tiktoken_cache
from rag.understand.alternatives import predicate_verb
from rag.understand.dates import NoSuchDay
from rag.understand.followup import (BENCHMARK_NEEDED, COUNT_NEEDED, applied, asks_both, asks_for_papers, asks_similar,
                                     asks_top, bare_best, bare_count, bare_statistic, bare_superlative, both_topics,
                                     closest_again, count_of_what, form_alone, more_question, new_topic, of_the_groups,
                                     on_benchmark, ranked_by, ranked_place,
                                     refinement, replaces, said_as_ranking, says_closest, statistic_question, thread,
                                     with_conditions, with_count_field, with_superlative_field, with_topic)
from rag.understand.phrasing import phrasing_words
from rag.understand.plan import COUNT_FIELDS, QueryPlan, Relative, TopOf, in_order
from rag.understand.rewrite import Readings, rewrite
from rag.understand.rules import (asks_citing, benchmark_named, cited_name, cites, named_in, questions_in, ranked_references,
                                  topic_words, understand, without_condition)
from rag.understand.synonyms import kin, reworded, synonyms
from rag.understand.wording import FRAME_WORDS, answer_form

RETRIEVERS = ("hybrid", "dense", "bm25", *BASELINES)

# The most common posting date is the day with the most papers (a count by day, not a statistic of dates)
MOST_COMMON_DATE = "What is the most common posting date?"
# "And than Seg-Zero?", "what about against Orca 2?": the last comparison of two papers, with another second paper
_AGAINST_ANOTHER = re.compile(r"^\s*(?:and|what about|how about)\s+(?:than|to|with|against|vs\.?|versus)\s+(.+?)\s*[?.!]*\s*$",
                              re.I)


def dates_mode(plan: QueryPlan) -> bool:
    """Is this the mode of the posting dates ("what about the most common?" after the median
    date), which is asked as MOST_COMMON_DATE?"""
    return plan.sort == "posted" and plan.statistic == "mode"


def picks_from(plan: QueryPlan) -> bool:
    """Does a follow-up on the previous answer's papers pick the top of them ("which is the most
    recent?"), or state a figure or a grouping of them ("what period do they span?", "which day
    were most of them posted?"), with no condition of its own? It reads those papers without
    narrowing them, so the next "those" ("and which has the most authors?") are still all of
    them, not the ones cited. A condition on the groups' sizes ("which of them had more than 20
    papers?") narrows them to the papers of the groups kept."""
    return bool((plan.sort and plan.limit or plan.statistic or plan.group_by) and not plan.relative
                and not plan.group_sizes and all(f.key == "paper_id" for f in plan.filters))


def _ms(a: float, b: float) -> float:
    return round((b - a) * 1000, 1)


# Papers checked for whether a question's topic is central to them (Pipeline.central): the ones
# BM25 ranks first of those with every topic word, so a broad topic costs a bounded time (a
# paper's terms take 0.9 ms to read the first time: at most 0.23 s). The shipped corpus has 217
# papers; at 100 "which organisation published the most papers on reasoning?" missed Tencent's 2.
CENTRAL_MOST = 250


class QuestionError(ValueError):
    """A question that cannot be asked as it is; the message says what to change."""


def internal_error(exc: Exception) -> str:
    """What the chat says when answering failed for a reason of the program's own (a bug)."""
    return (f"answering this question failed inside papers-rag ({type(exc).__name__}); the chat goes on. "
            "Ask it in other words, or report it with the question.")


@dataclass
class _Searchers:
    revision: str
    catalog: Catalog
    sparse: SparseRetriever
    reranker: CoverageReranker
    relevance: Relevance
    names: frozenset[str]  # papers' short names questions may use (understand.named_in)
    words: WordVectors | None  # the corpus's words as vectors (understand/synonyms.py); None when off


class Pipeline:
    def __init__(self, settings: Settings, secrets: Secrets | None = None):
        use_bundled_tiktoken_cache()
        self.settings = settings
        self.secrets = secrets or Secrets.from_env(settings)  # read now, at start-up, not mid-question
        self._searchers: _Searchers | None = None
        self._chat_models: dict[str, ChatModel] = {}
        self._baselines: dict[str, Retriever] = {}
        self._rebuild_lock = threading.Lock()
        self._question = threading.local()  # per-thread state of the question being answered
        self._readings = Readings()  # the models' readings of recent questions (one call for a question read twice)
        self._last_thread: tuple[tuple, QueryPlan] | None = None  # (thread, backend, revision) and its plan
        check_prompts()

    # --- components -----------------------------------------------------------------
    @cached_property
    def embed_model(self):
        return build_embedding(self.settings.embedding, self.secrets.get(self.settings.embedding.api_key_env))

    @cached_property
    def client(self):
        return connect(self.settings.index, self.secrets.get(self.settings.index.auth_token_env))

    @cached_property
    def collection(self):
        return open_collection(self.client, self.settings.index, embedding_id(self.settings.embedding))

    @cached_property
    def sentences(self):
        """The sentence vectors' collection; None when `index.sentences` is off."""
        if not self.settings.index.sentences:
            return None
        return open_collection(self.client, self.settings.index, embedding_id(self.settings.embedding),
                               name=sentences_name(self.settings.index), hnsw=READ_BY_ID)

    @property
    def bm25_folder(self) -> Path:
        """Where the BM25 side, term statistics and postings of the collection are kept."""
        return self.settings.index.dir / "bm25" / self.settings.index.collection

    @cached_property
    def dense(self) -> DenseRetriever:
        return DenseRetriever(self.collection, self.embed_model, self.settings.retrieval.dense_k, self.sentences)

    def searchers(self) -> _Searchers:
        """BM25, catalog and relevance, rebuilt when the collection has changed since.

        Inside `ask_stream` the set checked at the start of the question is reused, so a
        question costs one revision read, not one per step.
        """
        if pinned := getattr(self._question, "searchers", None):
            return pinned
        rev = revision(self.collection, self.client)
        if self._searchers is not None and self._searchers.revision == rev:
            return self._searchers
        with self._rebuild_lock:  # concurrent page sessions must not rebuild the same files at once
            if self._searchers is not None and self._searchers.revision == rev:
                return self._searchers
            folder = self.bm25_folder
            bm25 = load_or_build(self.collection, folder, self.settings.retrieval.bm25_k, rev)
            if bm25 is None:
                raise QuestionError("the index is empty: run `rag ingest` first")
            catalog = Catalog.from_node_dicts(bm25.corpus)
            coverage = TermCoverage(catalog, load_document_frequencies(folder), Postings.load(folder))
            names = catalog.names(coverage.papers_using)  # once per index, not per question
            self._searchers = _Searchers(rev, catalog, SparseRetriever(bm25, self.settings.retrieval.bm25_k),
                                         CoverageReranker(coverage, self.settings.retrieval.rerank_coverage),
                                         Relevance(self.settings.answer, coverage), names,
                                         self.word_vectors(folder, catalog))
        return self._searchers

    def word_vectors(self, folder: Path, catalog: Catalog) -> WordVectors | None:
        """Saved in the BM25 folder, so built again whenever it is (a new revision)."""
        most = self.settings.retrieval.synonym_words
        if not most:
            return None
        return WordVectors.load(folder, most) or WordVectors.build(
            (catalog.text(pid) for pid in catalog.papers), self.embed_texts, most).save(folder)

    def retriever(self, kind: str = "hybrid") -> Retriever:
        if kind == "dense":
            return self.dense
        if kind == "bm25":
            return self.searchers().sparse
        if kind == "hybrid":
            return HybridRetriever(self.dense, self.searchers().sparse, self.settings.retrieval)
        if kind in BASELINES:  # built once, in memory, for measuring
            if kind not in self._baselines:
                self._baselines[kind] = build_baseline(kind, self.searchers().catalog, self.collection,
                                                       self.embed_model, self.settings.retrieval)
            return self._baselines[kind]
        raise ValueError(f"unknown retriever {kind!r}; choose one of {', '.join(RETRIEVERS)}")

    def chat_model(self, name: str) -> ChatModel:
        """Built once per backend name (a local model loads its weights once)."""
        if name not in self._chat_models:
            cfg = self.settings.backends[name]
            self._chat_models[name] = build_chat_model(name, cfg, self.secrets.get(cfg.api_key_env))
        return self._chat_models[name]

    def answerer(self, backend: str | None = None) -> Answerer:
        name = backend or self.settings.answer.backend
        if name not in self.settings.backends:
            raise QuestionError(f"unknown backend {name!r}; configured: {', '.join(self.settings.backends)}")
        relevance = self.searchers().relevance
        if self.settings.backends[name].kind == "extractive":
            return self.extractive()
        return LLMAnswerer(self.chat_model(name), relevance, embed=self.embed_texts,
                           screens=self.settings.backends[name].understands)

    def extractive(self) -> ExtractiveAnswerer:
        """The answerer with no model: the default, and what answers some questions whatever the
        backend (an abstract as it is, "no other paper")."""
        return ExtractiveAnswerer(self.settings.answer, self.searchers().relevance)

    def embed_texts(self, texts: list[str]):
        """Unit vectors for short texts (the citation support check)."""
        vecs = np.asarray(self.embed_model.get_text_embedding_batch(texts))
        return vecs / np.clip(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12, None)

    def backend_status(self) -> dict[str, str]:
        """name -> '' when usable now, else why not."""
        status = {}
        for name, cfg in self.settings.backends.items():
            status[name] = "" if cfg.kind == "extractive" else self.chat_model(name).check()
        return status

    def warm_up(self) -> None:
        """Load what the first question would otherwise pay for: BM25, catalog, term statistics, model."""
        self.searchers().relevance.terms.idf("model")
        _ = self.searchers().relevance.terms.vocabulary  # sorted once, for unknown words' spellings
        is_english("warm")  # the dictionary that tells typos from real words (0.2 s)
        zipf("warm")  # and the word frequencies that tell typos from newer words (0.1 s)
        self.searchers().catalog.warm()
        self.embed_model.get_query_embedding("warm up")
        # One search: the first loads Chroma's HNSW index and builds llama-index's vector-store
        # wrapper, about 0.5 s that the first question paid (dev A05: 358 ms, then 30-130 ms).
        self.retrieve(self.understand("reasoning"))

    # --- steps ----------------------------------------------------------------------
    def index_is_empty(self) -> bool:
        """True also for an index built before sentence vectors were stored: ingesting then
        embeds only the sentences."""
        return self.collection.count() == 0 or (self.sentences is not None and self.sentences.count() == 0)

    def ingest(self, paths: list[str] | None = None, progress: bool = True, rebuild: bool = False) -> IngestReport:
        """Index the corpus (only what changed is embedded); `rebuild`: the index deleted first,
        once the corpus is known to hold papers (a bad corpus leaves the index as it was)."""
        errors: list[str] = []
        corpus = CorpusStream(paths or self.settings.corpus.paths or default_corpus_paths(),
                              self.settings.corpus.on_error, errors)
        if rebuild:
            corpus.scan()  # raises on a bad or empty corpus before anything is deleted
            self.delete_index()
        try:
            batch = min(self.client.get_max_batch_size(), self.settings.index.write_batch)
            chunks = Ingestor(self.collection, self.embed_model, Chunker(self.settings.chunking), batch
                              ).run(corpus, progress=progress)
            sentences = (Ingestor(self.sentences, self.embed_model, Sentences(), batch).run(corpus, progress=progress)
                         if self.sentences is not None else None)
        except STORE_ERRORS as exc:
            raise unreachable(self.settings.index, exc) from None
        report = IngestReport.of(chunks, sentences, errors)
        if (report.added or report.updated or report.deleted) and self.collection.count():
            self.searchers()  # build and persist the BM25 side now, so the next `rag ask` starts fast
        return report

    def delete_index(self) -> None:
        """Delete the index: its collections (whatever model built them) and its BM25 side."""
        cfg = self.settings.index
        try:
            names = {c if isinstance(c, str) else c.name for c in self.client.list_collections()}
            for name in (cfg.collection, sentences_name(cfg)):
                if name in names:
                    self.client.delete_collection(name)
        except STORE_ERRORS as exc:
            raise unreachable(cfg, exc) from None
        shutil.rmtree(self.bm25_folder, ignore_errors=True)
        for built in ("collection", "sentences", "dense"):  # opened afresh on next use
            self.__dict__.pop(built, None)
        self._searchers = None

    def check_question(self, question: str) -> str:
        """The question cleaned of control characters and terminal escapes, or a QuestionError."""
        question = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|[\x00-\x1f\x7f]", " ", question or "")
        question = " ".join(question.split())
        if not question:
            raise QuestionError("The question is empty: type what you want to know about the papers.")
        limit = self.settings.answer.max_question_chars
        if len(question) > limit:
            raise QuestionError(f"The question is {len(question):,} characters long; the limit is {limit:,} "
                                "(answer.max_question_chars). Ask something shorter.")
        return question

    def understand(self, question: str, backend: str | None = None, filtered: bool = False,
                   refers_back: bool = False, earlier: list[str] | None = None) -> QueryPlan:
        """Rules first; then, when the backend is capable (`understands: true`), the LLM's reading.
        `filtered`: the caller adds filters of its own (a follow-up's papers, the page's years);
        `refers_back`: a follow-up on papers the caller chose (understand/followup.py);
        `earlier`: the conversation's questions a "what about 2024?" goes back to (`refined`)."""
        bare = not refers_back and (bare_superlative(question) or bare_statistic(question))
        asked = question
        if earlier and (bare or form_alone(question)) and (
                changed := applied(self.thread_plan(earlier, backend), question)) is not None:
            # "and the fewest?" after "which paper has the most authors?": the ranking's other end (it was the
            # fewest of the one paper given); "what about the median?" after an average: the same papers' median;
            # "and in weeks?" after a gap in days: the same gap
            if not dates_mode(changed):
                return self.asked_again(changed, question, earlier)
            question = MOST_COMMON_DATE
        if len(earlier or []) >= 2 and asks_both(question) and (
                both := both_topics(question, self.thread_plan(earlier[:-1], backend), self.thread_plan(earlier, backend))):
            return self.understand(both, backend, filtered=filtered)  # "which mention both?": the last two topics
        if earlier and (again := self.against_another(question, earlier)):
            # "and than Seg-Zero?" after "is LIMO older than Orca 2?": "is LIMO older than Seg-Zero?" (the answer is
            # to that question), of those two papers, not within the previous answer's (`earlier` set: asked again)
            plan = self.understand(again, backend, filtered=filtered)
            plan.earlier = list(earlier)
            return plan
        if earlier and not refers_back and said_as_ranking(question) and (
                changed := self.reranked(self.thread_plan(earlier, backend), question)):
            return self.asked_again(changed, question, earlier)  # "and the least upvoted one?" after the top 2025 paper
        if earlier and not refinement(question) and (
                worded := with_count_field(question, self.counted_field(earlier, sorted_by=True))):
            question = worded  # "which of them have more than 20?" after "... the most authors?": 20 authors
        if earlier and says_closest(question) and (worded := closest_again(question, self.thread_plan(earlier, backend))):
            question = worded  # "and closest to Seg-Zero?" after "... posted closest in time to LIMO?": in time too
        if refers_back and earlier and (worded := self.in_full(question, earlier, backend)):
            if isinstance(worded, QueryPlan):
                return worded
            question = worded
        elif refinement(question) or ranked_place(question) or (refers_back and earlier):
            if plan := self.refined(question, earlier or [], backend):
                return plan
        plan = self.read(question, filtered, refers_back)
        plan.question = asked
        name = backend or self.settings.answer.backend
        if name in self.settings.backends and self.settings.backends[name].understands:
            plan = rewrite(plan, self.chat_model(name), self.searchers().catalog.orgs(), self._readings)
        plan.phrasing = self.phrasing(plan)
        if not plan.metadata_only:
            self.read_kin(plan)
        if not plan.rephrased and not plan.metadata_only:
            self.read_synonyms(plan)
        if plan.similar_to:
            plan.similar_id = self.searchers().catalog.paper_named(plan.similar_to) or ""
        self.read_citing(plan)
        return plan

    def in_full(self, question: str, earlier: list[str], backend: str | None = None) -> str | QueryPlan:
        """A follow-up on the papers just given that leaves its field, statistic or benchmark to the
        thread, in the words that say it: "and the fewest?" after "which of them has the most
        authors?" is "and the fewest authors?"; "and the median?" after "what is their average
        number of authors?" (or a ranking by it), "what is the median number of authors?"; "which one scores highest?"
        after "which papers evaluate on AIME?", "... on AIME?" (with no benchmark to go on, a plan
        that says to name one); "which of them has the most upvotes?" after papers counted by
        organisation, "which organisation has the most upvotes?". '' for another question."""
        last = self.read(earlier[-1], True)
        if last.group_by and last.breakdown and (grouped := of_the_groups(question, GROUP_NAMES[last.group_by])):
            return grouped  # "which of them has the most upvotes?" after papers counted by organisation: which organisation
        if bare_superlative(question):
            return with_superlative_field(question, last.sort or "")
        if kind := bare_statistic(question):
            thread = self.thread_plan(earlier, backend)
            if thread.statistic and thread.sort == "posted":  # after "the median posting date": "and the mean?"
                changed = replace(thread, statistic=kind)
                return MOST_COMMON_DATE if dates_mode(changed) else self.asked_again(changed, question, earlier)
            if not (thread.statistic or thread.text or thread.group_by) and thread.sort in COUNT_FIELDS and thread.limit:
                # "and the median?" after "which 2024 papers have the most upvotes?" (its top paper): of the papers
                # ranked, not of the one given
                return self.asked_again(replace(thread, statistic=kind, limit=None, place=1), question, earlier)
            if thread.statistic or thread.sort in COUNT_FIELDS:  # (a ranking by a count)
                return statistic_question(kind, thread.sort)
            if len(counted := {f.key for f in thread.filters if f.key in COUNT_FIELDS}) == 1:
                return statistic_question(kind, counted.pop())  # "what is the average?" after "which of them have upvotes?"
            return QueryPlan(question=question, text="", cannot=COUNT_NEEDED)  # ("the newest papers", then "the median?")
        if bare_best(question):
            benchmark = benchmark_named(earlier[0])
            return on_benchmark(question, benchmark) if benchmark else QueryPlan(question=question, text="",
                                                                                 cannot=BENCHMARK_NEEDED)
        return ""

    def read_citing(self, plan: QueryPlan) -> None:
        """The paper a "which papers cite X?" leaves out: the one named X, or the one that
        introduces X when X is a name no title carries ("Coconut": "we introduce a new paradigm
        Coconut"). Papers naming such a name are read as citing it only when one introduces it."""
        catalog = self.searchers().catalog
        if plan.citing:
            plan.citing_id = catalog.paper_named(plan.citing) or ""
        elif name := cited_name(plan):
            # A name no paper introduces is cited by every paper that names it ("which papers cite
            # GRPO?", once read as the topic "cite GRPO"); "build on" or "extend" it stays a topic
            introducer = self.introducer_of(name)
            if introducer or asks_citing(plan.question):
                cites(plan, name)
                plan.citing_id = introducer

    def names_in(self, text: str) -> set[str]:
        """The papers' short names the text uses ("LIMO")."""
        return named_in(text, self.searchers().names)

    def name_of(self, paper_id: str) -> str | None:
        """The name questions can call a paper by ("LIMO"; a title with no colon, whole), or None."""
        searchers = self.searchers()
        name = paper_name(searchers.catalog.papers.get(paper_id, {}).get("title", ""))
        return name if name in searchers.names and searchers.catalog.paper_named(name) == paper_id else None

    def title_of(self, paper_id: str) -> str:
        """A paper's title as its listing prints it, or ''."""
        return self.searchers().catalog.papers.get(paper_id, {}).get("title", "")

    def posted_of(self, paper_id: str) -> float | None:
        """A paper's posting date as YYYYMMDD, or None when its listing prints no year."""
        return sort_value(self.searchers().catalog.papers.get(paper_id, {}), "posted")

    def org_of(self, paper_id: str) -> str:
        """The organisation a paper's listing names, or ''."""
        return self.searchers().catalog.papers.get(paper_id, {}).get("org") or ""

    def introducer_of(self, name: str) -> str:
        """The id of the paper that introduces the name ("we propose X"), or ''."""
        searchers = self.searchers()
        catalog = searchers.catalog
        return next((pid for pid in sorted(searchers.relevance.terms.papers_mentioning(name, name=True))
                     if introduces(name, catalog.papers[pid]["title"], catalog.abstract(pid) or "")), "")

    def read(self, question: str, filtered: bool = False, refers_back: bool = False) -> QueryPlan:
        """The rules' reading alone, with no LLM: a follow-up's conditions ("papers from 2024")
        need no more, and cost no model call."""
        searchers = self.searchers()
        checked = self.check_question(question)
        fixed = searchers.relevance.terms.fix_wording(checked)
        try:
            plan = understand(fixed, searchers.catalog.orgs(), searchers.names, filtered=filtered, refers_back=refers_back)
        except NoSuchDay as exc:  # "papers posted on February 30, 2025"
            raise QuestionError(str(exc)) from None
        if not (plan.versus or refers_back):
            plan = self.ranked_pair(fixed, plan, filtered)
        plan.question = checked  # answers quote what the user typed
        plan.relative = in_order([self.resolve(r, plan) for r in plan.relative])
        return plan

    def refined(self, question: str, earlier: list[str], backend: str | None = None) -> QueryPlan | None:
        """"What about 2024?" after "which papers use GRPO for vision?" (and any follow-ups that
        only narrowed it, "which of those are from 2025?"): the thread's question (`thread_plan`)
        with this one's conditions in place of the same fields'. "What about DPO?" after a list:
        the same list of DPO. None when the question is not such a follow-up, or names a topic
        after a question about one paper ("what is GRPO?": "what about DPO?" is a new question).
        With no earlier question, the conditions alone ("what about 2024?": the papers from 2024).
        A follow-up that narrows ("and from Tencent?") is one only when it sets a field the
        thread already set: "and from 2024?" after "... posted in 2025?" means 2024 instead,
        since none of the 2025 papers can be from 2024."""
        if earlier and ranked_by(question) and (changed := applied(self.thread_plan(earlier, backend), question)) is not None:
            # "What about upvotes?" after "which paper has the most authors?": the same ranking by that count;
            # "and of authors?" after "what is the median number of upvotes?" (they abstained, or listed)
            return self.asked_again(changed, question, earlier)
        if (place := ranked_place(question)) and earlier:
            # "And the second?" after "which organisation has the most upvotes?": the same ranking, that place
            if (ranking := self.ranking(earlier, backend)) is None:
                return None
            return self.asked_again(replace(ranking, place=place), question, earlier)
        asks_again = bool(refinement(question))
        if count := bare_count(question):
            # "what about more than 1?" after "... more than 5 upvotes?": 1 upvote, the thread's field
            if not (field := self.counted_field(earlier)):
                return QueryPlan(question=question, text="", cannot=count_of_what(count))
            conditions = self.conditions(f"what about {count} {field}?")
        else:
            conditions = self.conditions(question)
        if conditions is None:
            if not (asks_again and earlier and new_topic(question)):
                return None
            thread = self.thread_plan(earlier, backend)
            if not (thread.asks_list or thread.sort or thread.counts):
                return None
            plan = with_conditions(self.on_topic(new_topic(question), thread, backend), thread)
            plan.counts = plan.counts or thread.counts  # "how many ...?", then "what about agents?": counted too
        elif not earlier:
            return replace(conditions, question=question) if asks_again else None
        else:
            narrowed = [c for later in earlier[1:] if (c := self.conditions(later))]
            # Whether a narrowing follow-up swaps a field is the rules' to say: the full reading of
            # the thread (with a capable backend, a model call) is made only when it does. After a
            # statistic ("what is the average number of upvotes?"), "and in 2024?" asks it again of
            # 2024's papers (not for the papers it cited from 2024).
            first = self.read(earlier[0], True)
            again = first.statistic and not asks_for_papers(question)  # (not "which of them have more than 20 authors?")
            so_far = reduce(with_conditions, narrowed, first)
            if not asks_again and not again and (not replaces(so_far, conditions) or self.overlap(so_far, conditions)):
                return None
            plan = with_conditions(self.thread_plan(earlier, backend), conditions)
        return self.asked_again(plan, question, earlier)

    def overlap(self, plan: QueryPlan, conditions: QueryPlan) -> bool:
        """Can a paper meet both the thread's conditions and a follow-up's on the same field? "Which
        of those are from 2025?" after "which papers were posted the same month as LIMO?" asks within
        those papers (Feb 2025); "and from 2024?" after "... posted in 2025?" can only mean 2024 instead."""
        both = [*plan.all_filters, *conditions.all_filters]
        return bool(both) and bool(self.searchers().catalog.ids(MetadataFilters(filters=both)))

    def asked_again(self, plan: QueryPlan, question: str, earlier: list[str]) -> QueryPlan:
        """A thread's plan (changed) as the follow-up `question` asks it, after `earlier`: its
        comparisons with named papers resolved again, and the sum or the unit it asks for ("and in
        weeks?") in place of the thread's."""
        plan = replace(plan, question=question, earlier=list(earlier), **answer_form(question))
        plan.relative = in_order([self.resolve(r, plan) for r in plan.relative])
        return plan

    def more(self, question: str, again: str, earlier: list[str], backend: str | None = None) -> QueryPlan:
        """"Any others?" after a list: the thread's question (`thread_plan`) as a list; "any others
        on RL?", "any more from 2024?": what "what about RL?" or "what about 2024?" would ask;
        "which other papers use RL?": "which papers use RL?" (`more_question` gives `again`). The
        caller leaves out the papers already given (QueryPlan.besides)."""
        if again or not earlier:
            plan = self.understand(again or question, backend, earlier=earlier)
        else:
            plan = self.thread_plan(earlier, backend)
            plan.earlier = list(earlier)
        plan.question = question
        plan.asks_list = plan.asks_list or not (plan.metadata_only or plan.sort or plan.group_by)
        return plan

    def counted_field(self, earlier: list[str], sorted_by: bool = False) -> str:
        """The count field ("upvotes", "authors") the thread's last condition on one was about, or
        (`sorted_by`) failing that the one its last question sorts or averages by; ''."""
        for question in reversed(earlier):
            if fields := [f.key for f in self.read(question, True).filters if f.key in COUNT_FIELDS]:
                return fields[-1]
        last = self.read(earlier[-1], True).sort if sorted_by else None
        return last if last in COUNT_FIELDS else ""

    def ranking(self, earlier: list[str], backend: str | None = None) -> QueryPlan | None:
        """The thread's plan when it asks for the top of a ranking ("which paper has the most
        upvotes?", "which organisation posted the most papers?"), else None."""
        plan = self.thread_plan(earlier, backend) if earlier else None
        return plan if plan is not None and asks_top(plan) else None

    def thread_plan(self, earlier: list[str], backend: str | None = None) -> QueryPlan:
        """What a conversation's thread asks: its first question, read as with any filter, each
        later one's conditions in place of the same fields' ("which of those are from 2025?"),
        and a later "what about DPO?" its topic in place of the thread's. Read once per thread,
        backend and index revision ("and the second?" asks it twice, Conversation then
        `refined`; with a rewriting LLM, a model call each); a copy each time, since callers
        add to a plan's lists."""
        key = (tuple(earlier), backend, self.searchers().revision)
        if (last := self._last_thread) is None or last[0] != key:  # (one tuple: threads swap it whole)
            last = self._last_thread = (key, self._read_thread(earlier, backend))
        return copy.deepcopy(last[1])

    def _read_thread(self, earlier: list[str], backend: str | None = None) -> QueryPlan:
        plan = self.understand(earlier[0], backend, filtered=True)
        for i, later in enumerate(earlier[1:], start=1):
            if worded := closest_again(later, plan):
                later = worded  # "and closest to Seg-Zero?" after "... closest in time to LIMO?", as `understand` read it
            # "and the fewest?", "and the median?", "what about upvotes?", "and the least upvoted one?"
            if (changed := applied(plan, later) or self.reranked(plan, later)) is not None:
                plan = changed
            elif conditions := self.conditions(later) or self.bare_conditions(later, earlier[:i]):
                plan = with_conditions(plan, conditions)
            elif topic := new_topic(later):
                plan = with_conditions(self.on_topic(topic, plan, backend), plan)
        return plan

    def against_another(self, question: str, earlier: list[str]) -> str:
        """"And than Seg-Zero?" after "is LIMO older than Orca 2?": the last question with the paper
        it named last swapped for the one named now ("is LIMO older than Seg-Zero?"), when that
        question set two papers against each other and the new one is a paper's name; '' otherwise."""
        m = _AGAINST_ANOTHER.match(question)
        other = m[1] if m else ""
        if not other or not (other in self.searchers().names or self.introducer_of(other)):
            return ""
        last = earlier[-1]
        if _AGAINST_ANOTHER.match(last) and len(earlier) > 1:  # "and than RT-2?" after "and than Seg-Zero?"
            last = self.against_another(last, earlier[:-1]) or last
        plan = self.read(last, True)
        if not plan.versus:
            return ""
        said = [plan.stand_ins.get(name, name) for name in plan.named]
        at, words = max(((last.lower().rfind(w.lower()), w) for w in said), default=(-1, ""))
        return last[:at] + other + last[at + len(words):] if at >= 0 else ""

    def reranked(self, thread: QueryPlan, question: str) -> QueryPlan | None:
        """"And the least upvoted one?", "and the oldest one?" after the top paper of a ranking ("what is
        the most upvoted paper from 2025?"): the thread's papers ranked as the question asks, its
        conditions kept (it was the least of the one paper given, or of every paper). Only a ranking
        said as a follow-up ("and ...", "what about ...", "... one?"); None otherwise."""
        if not (said_as_ranking(question) and asks_top(thread) and not thread.group_by):
            return None
        alone = self.read(question, True)
        if not alone.sort or alone.text or alone.filters or alone.relative:
            return None
        return replace(thread, sort=alone.sort, descending=alone.descending, limit=alone.limit or thread.limit, place=1)

    def bare_conditions(self, question: str, earlier: list[str]) -> QueryPlan | None:
        """"And fewer than 5?", "what about more than 1?" after "... more than 10 authors?": the
        count on the field the thread last set a count on, as `understand` and `refined` read it
        when it is asked; None for any other question."""
        if (count := bare_count(question)) and (field := self.counted_field(earlier)):
            return self.conditions(f"what about {count} {field}?")
        if worded := with_count_field(question, self.counted_field(earlier, sorted_by=True)):
            return self.conditions(worded)
        return None

    def on_topic(self, topic: str, thread: QueryPlan, backend: str | None = None) -> QueryPlan:
        """The thread's list question asked of the topic a "what about ...?" names: in its own
        words, the topic swapped ("which papers deal with robotics?"), when they hold it whole."""
        old = topic_words(thread)
        asked = thread.question.replace(old, topic, 1) if old and old in thread.question else ""
        return self.understand(asked or f"Which papers are about {topic}?", backend, filtered=True)

    def conditions(self, question: str) -> QueryPlan | None:
        """The first reading of a follow-up that states conditions on the listings and no topic:
        a "what about ...?" (understand/followup.py `refinement`), or the question itself.
        Past the first, readings are guesses: "what about DPO?" is not "papers from DPO", so an
        organisation they name must be a listed one."""
        readings = refinement(question) or [question]
        orgs = set(self.searchers().catalog.orgs())
        for i, reading in enumerate(readings):
            plan = self.read(reading, refers_back=reading == question)
            guessed = [f.value for f in plan.filters if f.key == "org"] if i else []
            if not plan.text and (plan.filters or plan.relative or plan.sort) and set(guessed) <= orgs:
                return plan
        return None

    def resolve(self, relative: Relative, plan: QueryPlan) -> Relative:
        """A relative condition with the value it compares against, from the listings: LIMO's
        author count for "more authors than LIMO"; for "above-average upvotes", the mean over
        the papers that meet the question's metadata conditions (its topic aside); for "more
        upvotes than every 2023 paper", the most of the 2023 papers."""
        catalog = self.searchers().catalog
        if relative.of_papers:
            among = [MetadataFilter(key="year", value=relative.year)] if relative.year else plan.filters
            stated = MetadataFilters(filters=among) if among else None
            return replace(relative, value=catalog.average(relative.field, relative.ref, stated))
        if relative.ranked:  # "than the paper with the most authors"
            resolved = self.ranked_paper(relative)
        elif relative.given:
            resolved = relative
        else:
            resolved = replace(relative, value=catalog.value_of(relative.ref, relative.field),
                               ref_id=catalog.paper_named(relative.ref) or "")
        if relative.op != "nearest" or resolved.value is None:
            return resolved
        # "posted closest to LIMO": within the smallest gap to another dated paper that meets the
        # question's other conditions ("which of them came out closest to LIMO?": of the previous answer);
        # "closest to Dec 25, 2024": to that day
        # ("an upvote count closest to 10": to that count)
        itself = [MetadataFilter(key="paper_id", value=resolved.ref_id, operator=FilterOperator.NE)] if resolved.ref_id else []
        others = MetadataFilters(filters=[*plan.filters, *itself])
        values = catalog.listed(relative.field, others)
        gaps = ([abs((posted_day(v) - posted_day(resolved.value)).days) for v in values] if relative.field == "posted"
                else [abs(v - resolved.value) for v in values])
        return replace(resolved, days=min(gaps) if gaps else -1)  # -1: no other paper lists it, an empty window

    def ranked_paper(self, relative: Relative) -> Relative:
        """The comparison with the paper its ranking puts first ("the most upvoted paper"; of those
        tied, the first listed, and the answer says how many tie), with that paper's short name
        and value. Unresolved (`value` None) when no paper lists the field ranked by."""
        top = self.top_paper(relative.ranked)
        if top is None:
            return replace(relative, ref=relative.ranked.in_words())
        paper = self.searchers().catalog.papers[top[0]]
        return replace(relative, ref=paper_name(paper["title"]), ref_id=top[0], value=sort_value(paper, relative.field),
                       tied=top[1])

    def top_paper(self, top: TopOf) -> tuple[str, int] | None:
        """The id of the paper a ranking of all the papers puts first (of those tied, the first
        listed) and how many tie; None when no paper lists the field ranked by."""
        catalog = self.searchers().catalog
        best = catalog.average(top.field, "max" if top.descending else "min")
        if best is None:
            return None
        tied = catalog.ids(MetadataFilters(filters=[MetadataFilter(key=top.field, value=best)]))
        return tied[0], len(tied)

    def ranked_pair(self, question: str, plan: QueryPlan, filtered: bool = False) -> QueryPlan:
        """"How many days after the oldest paper was LIMO posted?", "is LIMO older than the most
        upvoted paper?", "is LIMO older than Coconut?": two papers set against each other, one or
        both pointed at by a ranking of all the papers or by a name no title carries that one
        abstract introduces. Read with that paper's name in their place when that reading sets two
        papers against each other; else (or when papers tie for first) as read (`plan`)."""
        refs: list[tuple[tuple[int, int], str]] = []
        for span, ranking in ranked_references(question):
            top = self.top_paper(ranking)
            if top is None or top[1] > 1:
                return plan
            refs.append((span, top[0]))
        if len(plan.named) + len(refs) == 1:  # the second paper by a name an abstract introduces ("is LIMO older than Coconut?")
            refs += self.introduced_names(question, plan)
        if not refs or len(plan.named) + len(refs) < 2 or len({pid for _, pid in refs}) < len(refs):
            return plan  # (one paper twice: "is Coconut older than the most upvoted paper?", it is that paper)
        searchers = self.searchers()
        text, stand_ins = question, {}
        for (start, end), pid in sorted(refs, reverse=True):
            name = paper_name(searchers.catalog.papers[pid]["title"])
            said = re.sub(r"^The\b", "the", question[start:end])  # "(the oldest paper)", "(Coconut)"
            text, stand_ins[name] = text[:start] + name + text[end:], said
        paired = understand(text, searchers.catalog.orgs(), searchers.names | set(stand_ins), filtered=filtered)
        # "is LIMO older than the most upvoted paper?"; "which has more upvotes, LIMO or the oldest paper?" (papers
        # ranked, as "... LIMO or Seg-Zero?" is, unless the ranking was read as a comparison's: "which papers have
        # more upvotes than the oldest paper?")
        among_named = paired.sort and len(paired.named) >= 2 and not any(r.ranked for r in plan.relative)
        if not (set(stand_ins) <= paired.named and (paired.versus or among_named)):
            return plan
        paired.stand_ins = stand_ins
        return paired

    def introduced_names(self, question: str, plan: QueryPlan) -> list[tuple[tuple[int, int], str]]:
        """Where the question names a paper by a name no title carries but its abstract introduces
        ("Coconut": "we introduce a new paradigm Coconut"), and that paper's id; only for a paper
        questions can name by its title (`name_of`), and not one the question names already."""
        names = self.searchers().names
        found = []
        for m in re.finditer(r"(?<![\w-])[A-Z][\w+-]*[\w+]", question):
            if m[0] in names or m[0].lower() in FRAME_WORDS:
                continue
            pid = self.introducer_of(m[0])
            if pid and (name := self.name_of(pid)) and name not in plan.named:
                found.append((m.span(), pid))
        return found

    def phrasing(self, plan: QueryPlan) -> set[str]:
        """The question's words no paper uses that barely change its meaning ("cope", "spend"),
        so they do not count as an uncovered topic (understand/phrasing.py)."""
        if plan.metadata_only:
            return set()
        coverage = self.searchers().relevance.terms
        words = phrasing_words(plan.text, coverage.unknown_words(plan.text), self.embed_texts,
                               self.settings.retrieval.phrasing_shift)
        # Only while the rest still names a topic: without "ponder", "which papers make
        # reasoning models ponder less?" would list papers on reasoning models at large.
        return words if words and coverage.names_a_topic(plan.text, words) else set()

    def read_synonyms(self, plan: QueryPlan) -> None:
        """Words no paper uses ("cars") also read as the nearest word papers use ("vehicles")."""
        searchers = self.searchers()
        plan.synonyms = synonyms(searchers.relevance.missing(plan), self.embed_texts, searchers.words,
                                 self.settings.retrieval.synonym_cosine)
        if plan.synonyms:
            plan.rephrased = reworded(plan.text, plan.synonyms, searchers.relevance.terms.papers_using)

    def read_kin(self, plan: QueryPlan) -> None:
        """Words of the question's word families that mean the same ("financial" of "finance")."""
        searchers = self.searchers()
        coverage = searchers.relevance.terms
        plan.kin = kin(coverage.asked_words(plan.text), coverage.word_family, searchers.words, self.embed_texts,
                       self.settings.retrieval.synonym_cosine)

    def retrieve(self, plan: QueryPlan, top_k: int | None = None, retriever: str = "hybrid") -> list[PaperHit]:
        plan.retriever = retriever
        hits = self.pool(plan, top_k, retriever)
        if plan.without and retriever == "hybrid" and not self.searchers().relevance.select(self.judged(plan, hits), hits):
            # None of the papers that say they do without it, or never mention it, is on the topic
            # ("generate images without diffusion"): the question is read as a topic alone, and
            # "read as" no longer gives the condition
            plan.without = []
            hits = self.pool(plan, top_k, retriever)
        return hits

    def judged(self, plan: QueryPlan, hits: list[PaperHit]) -> QueryPlan:
        """What the papers kept for "... without X" are judged on-topic by. Those that say they do
        without it have its words, which alone make a paper look on the topic ("learn ... without
        human labels" is not thereby "learn visual representations"): their topic is judged apart
        from the condition. Those that never mention it are judged on the whole question."""
        coverage = self.searchers().relevance.terms
        saying = frozenset().union(*(coverage.papers_mentioning(x, plan.names_in_capitals) for x in plan.without))
        if not any(h.paper_id in saying for h in hits):
            return plan
        return replace(plan, text=without_condition(plan.text), rephrased="")

    def pool(self, plan: QueryPlan, top_k: int | None = None, retriever: str = "hybrid") -> list[PaperHit]:
        """The ranked papers with what the list model reads of each (answer/relevance.py), their
        sentence closest to the question; "papers that mention X" lists every paper with X's
        words, without the model (thousands of them at 10k papers)."""
        hits = self.ranked(plan, top_k, retriever)
        if (plan.asks_list or plan.sort) and not (plan.metadata_only or plan.literal):
            self.dense.add_sentence_cosines(self.dense_text(plan, retriever), hits)
        return hits

    def search_text(self, plan: QueryPlan, retriever: str = "hybrid") -> str:
        """What the retrievers search with: the question as it is for the plain baselines; else
        its topic and wording with typos fixed and other spellings added (coverage.respelled)."""
        if retriever in BASELINES:
            return plan.question
        return self.searchers().relevance.terms.respelled(plan.search_text)

    def dense_text(self, plan: QueryPlan, retriever: str = "hybrid") -> str:
        """What the dense side embeds: the same, without the spellings added for BM25, which
        would move the vector (coverage.in_american)."""
        if retriever in BASELINES:
            return plan.question
        return self.searchers().relevance.terms.in_american(plan.search_text)

    def ranked(self, plan: QueryPlan, top_k: int | None = None, retriever: str = "hybrid") -> list[PaperHit]:
        """The retrieved papers, ranked (`retrieve` adds their closest sentences for a list)."""
        top_k = top_k or self.settings.retrieval.top_k
        if plan.asks_list or plan.sort:  # the list's adaptive cut-off, not top_k, decides how many are cited
            top_k = max(top_k, self.settings.answer.list_pool)
        if retriever in BASELINES:  # plain: the whole question, no filters or sorts understood
            return self.retriever(retriever).retrieve(Query(self.search_text(plan, retriever), None, top_k))
        if plan.unresolved or plan.cannot:  # "fewer upvotes than Titans", whose listing gives none; "who wrote ..."
            return []
        if plan.similar_to:
            return self.similar(plan, top_k)
        if plan.metadata_only:
            # "the mean upvotes of the 5 newest papers": ranked by date, the papers without upvotes too
            sort, descending = ((plan.among.field, plan.among.descending) if plan.among and plan.statistic
                                else (plan.sort, plan.descending))
            listed = self.searchers().catalog.select(plan.metadata_filters, sort, descending)
            if plan.measures_abstracts:
                listed = self.searchers().catalog.with_abstract_lengths(listed)
            hits = self.text_conditions(listed, plan)
            if plan.group_by and plan.statistic and plan.sort:  # "which year has the most authors on average?"
                return by_group_statistic(hits, plan.group_by, plan.sort, plan.statistic, plan.descending)
            if plan.statistic == "range" and not plan.among and not plan.group_by:  # "the first and the last": those
                return ends_first(hits, plan.sort)
            if plan.statistic == "mode" and plan.sort in COUNT_FIELDS and not plan.group_by:
                return by_group_size(hits, plan.sort)  # "the most common number of authors": those papers first
            return by_group_size(hits, plan.group_by, plan.descending) if plan.group_by else hits
        if plan.derived_filters:  # fields the index does not store: filter a wider pool here
            top_k = max(top_k, self.settings.retrieval.rerank_pool * 2)
        text, meaning = self.search_text(plan, retriever), self.dense_text(plan, retriever)
        if plan.literal and retriever == "hybrid":  # "papers that mention X": every paper with X's words
            covering = self.searchers().relevance.terms.papers_covering(self.searchers().relevance.query_terms(plan))
            hits = self.searchers().sparse.ranked(text, covering, plan.stored_filters)
        elif retriever != "hybrid":  # each side alone, as it ranks
            hits = self.retriever(retriever).retrieve(Query(text, plan.stored_filters, top_k, meaning))
        else:
            hits = self.search(plan, Query(text, plan.stored_filters, max(top_k, self.settings.retrieval.rerank_pool),
                                           meaning))
            hits = hits[:top_k]
            if plan.asks_list or plan.sort or plan.group_by:  # "which papers use RL?", "the newest papers on
                # RL", "RL papers by year": all the papers the topic is central to, not only the pool's
                hits += self.central(plan, hits)
            elif plan.named:
                hits = self.unretrieved_named(plan, hits) + hits
        if plan.measures_abstracts:
            hits = self.searchers().catalog.with_abstract_lengths(hits)
        return self.text_conditions(keep_matching(hits, plan.derived_filters), plan)

    def central(self, plan: QueryPlan, hits: list[PaperHit]) -> list[PaperHit]:
        """The papers the question's topic is central to (coverage.papers_about, kept in
        `plan.central` for the answer step) that meet its filters and are not among the hits."""
        searchers = self.searchers()
        coverage = searchers.relevance.terms
        verb = frozenset(terms(predicate_verb(plan.question)))  # "which papers use GRPO?": the topic is GRPO
        asked = searchers.relevance.query_terms(plan)
        topic = asked.without(verb)
        if sum(topic.weights.values()) < sum(asked.weights.values()) / 2:  # "which papers align models?": the
            topic = asked  # verb weighs more than the rest, which alone ("models") every paper says twice
        candidates = coverage.papers_covering(topic)
        if len(candidates) > CENTRAL_MOST:  # tens of thousands say "reinforcement learning" at 100k papers
            candidates = searchers.sparse.best(self.search_text(plan), candidates, CENTRAL_MOST)
        plan.central = coverage.papers_about(topic, candidates)
        return self.added_hits(plan, plan.central - {h.paper_id for h in hits})

    def unretrieved_named(self, plan: QueryPlan, hits: list[PaperHit]) -> list[PaperHit]:
        """The papers a question about papers names by their title's head that retrieval did not
        find (and that meet its filters): "what model size does Reasoning Under 1 Billion
        target?" retrieved other small-model papers, its title's words being common ones."""
        catalog = self.searchers().catalog
        have = {h.paper_id for h in hits}
        return self.added_hits(plan, {pid for name in plan.named if (pid := catalog.paper_named(name)) and pid not in have})

    def added_hits(self, plan: QueryPlan, ids: set[str] | frozenset[str]) -> list[PaperHit]:
        """Papers found outside retrieval, as hits (in id order), those that meet the question's filters."""
        catalog = self.searchers().catalog
        if ids and plan.all_filters:
            ids = set(ids) & set(catalog.ids(plan.metadata_filters))
        return [catalog.hit(pid) for pid in sorted(ids)]

    def text_conditions(self, hits: list[PaperHit], plan: QueryPlan) -> list[PaperHit]:
        """The hits that meet the question's conditions on the papers' text, which no index
        field holds: words in the title ("survey"), topics it excludes ("but not about vision"),
        does without ("that don't use RL") or needs together ("both GRPO and curricula"), a model
        version as written ("Qwen2.5"), an abstract saying its code or data are available ("which
        papers released code?"), a count it states ("fewer than 1,000 examples"), not being the
        paper the question asks about ("which papers cite LIMO?"), and saying it does without
        something ("reasoning without fine-tuning"), or if none does, not mentioning it."""
        coverage, catalog = self.searchers().relevance.terms, self.searchers().catalog

        def mentioning(phrase: str) -> frozenset[str]:  # "do not mention AIME": not "aim"
            return coverage.papers_mentioning(phrase, plan.names_in_capitals)

        def written(hit: PaperHit) -> str:  # title and abstract as sentences, for what they say of a phrase
            return f"{hit.title}. {catalog.abstract(hit.paper_id)}"

        if plan.in_title:
            hits = [h for h in hits if title_has(h.title, plan.in_title, plan.title_starts)]
        if plan.excluded:  # "but not medicine": nor "medical"
            excluded = frozenset().union(*(coverage.papers_mentioning(x, plan.names_in_capitals, kin=True)
                                           for x in plan.excluded))
            hits = [h for h in hits if h.paper_id not in excluded]
        if plan.avoided:  # "agent papers that don't use RL": those that mention it only to say they do without it
            avoided = [(x, mentioning(x)) for x in plan.avoided]
            hits = [h for h in hits if not any(h.paper_id in ids and not only_negated(written(h), x) for x, ids in avoided)]
        if plan.without:  # "reasoning without fine-tuning": the papers that say they do without it, or if
            # none does, those that do not mention it (with its words searched for, few are left, which
            # suits a list that is a guess: the topic alone would list every paper on reasoning)
            saying = [h for h in hits if any(says_without(written(h), x) for x in plan.without)]
            using = frozenset().union(*map(mentioning, plan.without))
            hits = saying or [h for h in hits if h.paper_id not in using]
        if plan.required:  # "both GRPO and curriculum learning": each part mentioned
            both = frozenset.intersection(*(mentioning(x) for x in plan.required))
            hits = [h for h in hits if h.paper_id in both]
        if plan.version:  # "which papers fine-tune Qwen2.5?": written as asked, not "Qwen2-VL"
            hits = [h for h in hits if has_phrase(catalog.text(h.paper_id), plan.version)]
        if plan.releases and not plan.whether_released:  # ("does LIMO have code?" asks whether it has)
            hits = [h for h in hits if catalog.release_statement(h.paper_id)]
        if plan.quantity:  # "fewer than 1,000 training examples": an abstract that states such a count
            counted = catalog.counts_stated(plan.quantity.kind)
            hits = [h for h in hits if plan.quantity.stated_in(counted.get(h.paper_id, []))]
        if plan.citing:  # "which papers cite LIMO?": the others
            hits = [h for h in hits if h.paper_id != plan.citing_id]
        return hits

    def similar(self, plan: QueryPlan, top_k: int) -> list[PaperHit]:
        """"Papers similar to LIMO": the dense side searched with that paper's own vector (the
        mean of its chunks), the paper itself left out, the question's filters kept."""
        pid = plan.similar_id
        vector = self.dense.paper_vector([pid]) if pid else None
        if vector is None:
            return []
        hits = self.dense.retrieve(Query(plan.question, plan.stored_filters, top_k + 1), embedding=vector.tolist())
        return keep_matching([h for h in hits if h.paper_id != pid], plan.derived_filters)[:top_k]

    def search(self, plan: QueryPlan, query: Query) -> list[PaperHit]:
        """The default retrieval: fused, re-ranked by coverage, then once more with feedback
        from the best papers of that ranking (retrieve/hybrid.py says why)."""
        hybrid, reranker = self.retriever("hybrid"), self.searchers().reranker
        dense, sparse = hybrid.sides(query)  # each searched once, fused twice
        hits = reranker.rerank(plan, hybrid.fused(dense, sparse, query.top_k))
        if (n := self.settings.retrieval.feedback_papers) and hits:
            dense = hybrid.with_feedback(query, dense, [h.paper_id for h in hits[:n]])
            hits = reranker.rerank(plan, hybrid.fused(dense, sparse, query.top_k))
        return hits

    def answer(self, plan: QueryPlan, hits: list[PaperHit], backend: str | None = None) -> Answer:
        return self.decided(plan, hits, backend) or self.answerer(backend).answer(plan, hits)

    def decided(self, plan: QueryPlan, hits: list[PaperHit], backend: str | None = None) -> Answer | None:
        """The answers settled before the answerer: a yes or no on one named paper's listing
        (yes_or_no), what the listings cannot tell, no other paper naming the one a question
        cites, no paper having every part asked for together, no paper meeting a topical
        question's conditions (none_meeting). None otherwise, and the answerer answers."""
        if said := yes_or_no(plan, self.searchers().catalog):  # "is LIMO from 2025?"
            return said
        if plan.besides:  # "any others?"
            return self.beyond(plan, hits, backend)
        if plan.cannot:  # "who wrote the most papers?": the listings hold no author names
            return Answer(plan.question, plan.cannot, True, "metadata")
        if plan.whole_abstract and not plan.asks_list:  # "what is the abstract of LIMO?": as it is, whatever the backend
            return self.extractive().answer(plan, hits)
        if plan.titles_only and plan.about:  # "just the titles": whatever the backend
            return self.extractive().titles_answer(plan, hits)
        if plan.citing and not self.searchers().relevance.select(plan, hits):  # no other abstract names it
            other = " other" if plan.citing_id or plan.named else ""
            return Answer(plan.question, f"No{other} paper's abstract names {plan.citing} (the listings record no "
                          "citations, so papers are found by the name in their abstracts).", True, "metadata")
        if plan.required and not self.searchers().relevance.select(plan, hits) and (said := self._unpaired(plan)):
            return Answer(plan.question, said, True, "metadata")  # "use PPO and test on GSM8K": no paper has both
        return self.none_meeting(plan, hits, backend)

    def beyond(self, plan: QueryPlan, hits: list[PaperHit], backend: str | None = None) -> Answer | None:
        """"Any others?": the papers that answer the question besides those already given; when
        none is left, an answer saying so, with the next closest papers. None when the question
        itself goes unanswered (the usual answer then says why)."""
        relevance = self.searchers().relevance
        members = hits if plan.metadata_only else relevance.select(plan, hits)
        if not members:
            return None
        given = set(plan.besides)
        if others := [h for h in members if h.paper_id not in given]:
            if plan.metadata_only:
                return self.answerer(backend).answer(plan, others)
            return self.answerer(backend).answer(replace(plan, about=[h.paper_id for h in others]), others)
        seen = {h.paper_id for h in members} | given
        closest = [] if plan.metadata_only or not plan.asks_list else \
            [h for p, h in relevance.by_list_probability(relevance.query_terms(plan), hits)
             if h.paper_id not in seen and p >= self.settings.answer.closest_threshold]
        return self.extractive().none_besides(plan, closest)

    def none_meeting(self, plan: QueryPlan, hits: list[PaperHit], backend: str | None = None) -> Answer | None:
        """When no paper meets a topical question's conditions (filters, or a field to sort or
        average by) but the topic itself is covered: an answer saying so, instead of "the corpus
        does not cover this". None otherwise."""
        if plan.metadata_only or plan.group_by or plan.asks_field or not (plan.all_filters or plan.sort or plan.excluded
                                                                          or plan.avoided or plan.releases):
            return None
        relevance = self.searchers().relevance
        if relevance.select(plan, hits):
            return None
        # (a paper the conditions compare with is not the topic: "the GRPO paper posted closest to LIMO")
        topic = replace(plan, filters=[], relative=[], sort=None, statistic=None, limit=None, excluded=[], avoided=[],
                        releases=False, named=plan.named - {r.ref for r in plan.relative})
        members = relevance.select(topic, self.retrieve(topic))
        if not members:
            return None
        plan.relative = self.nearest_among(plan, members)  # (in place: the answer's "read as" says the gap)
        meeting = self.text_conditions(keep_matching(members, plan.metadata_filters), plan)
        if meeting and not plan.sort:  # on the topic and meeting the conditions, but judged too far from the
            # question once the papers that fail them were gone: those, rather than "every paper on it fails"
            return self.answerer(backend).answer(replace(plan, about=[h.paper_id for h in meeting]), meeting)
        return none_on_topic(plan, members, self.searchers().catalog)

    def topic_size(self, plan: QueryPlan, retriever: str = "hybrid") -> int:
        """How many papers are on the question's topic, whatever its other conditions: what "what
        fraction of the papers on agents were posted in 2025?" is a share of."""
        topic = replace(plan, filters=[f for f in plan.filters if f.key == "paper_id"], relative=[], sort=None,
                        statistic=None, limit=None, share=False, share_topic=False)
        return len(self.searchers().relevance.select(topic, self.retrieve(topic, retriever=retriever)))

    def nearest_among(self, plan: QueryPlan, members: list[PaperHit]) -> list[Relative]:
        """The plan's conditions with its "posted closest to LIMO" (or to a day) measured among the
        papers on its topic that meet its other conditions, not among every paper: "which GRPO paper
        was posted closest to LIMO?" is within the smallest gap a GRPO paper has (a paper on anything
        else was nearer, so none on GRPO was within it)."""
        nearest = next((r for r in plan.relative if r.op == "nearest" and r.value is not None), None)
        if nearest is None:
            return plan.relative
        rest = replace(plan, relative=[r for r in plan.relative if r is not nearest])
        days = [abs((posted_day(v) - posted_day(nearest.value)).days) for h in keep_matching(members, rest.metadata_filters)
                if h.paper_id != nearest.ref_id and (v := sort_value(h.meta, "posted")) is not None]
        return [replace(r, days=min(days)) if r is nearest and days else r for r in plan.relative]

    def _unpaired(self, plan: QueryPlan) -> str:
        """'No paper in the corpus mentions both "PPO" and "GSM8K" (5 mention "PPO", 4 "GSM8K").',
        or '' when some paper mentions every part a list asks for together."""
        coverage = self.searchers().relevance.terms
        each = [coverage.papers_mentioning(x, plan.names_in_capitals) for x in plan.required]
        if frozenset.intersection(*each):
            return ""
        counts = [f'{len(ids)} "{x}"' for x, ids in zip(plan.required, each)]
        named = " and ".join(f'"{x}"' for x in plan.required)
        return f"No paper in the corpus mentions both {named} ({counts[0].replace(' ', ' mention ', 1)}, {counts[1]})."

    def ask(self, question: str, top_k: int | None = None, backend: str | None = None,
            retriever: str = "hybrid", extra_filters: list | None = None, within: list[str] | None = None,
            about: list[str] | None = None, earlier: list[str] | None = None, topic: str = "",
            besides: list[str] | None = None) -> Answer:
        *_, result = self.ask_stream(question, top_k, backend, retriever, extra_filters, within, about, earlier, topic,
                                     besides)
        return result

    def cited(self, question: str, **options) -> list[str]:
        """The papers the answer step with no model (`extractive`) cites for the question, with
        the same reading as `ask_stream` (its options): what a follow-up can test before a
        model writes anything ("and which ...?" widens when none of the papers just given is on it)."""
        *_, result = self.ask_stream(question, quoting=True, **options)
        return [c.paper_id for c in result.citations]

    def ask_stream(self, question: str, top_k: int | None = None, backend: str | None = None,
                   retriever: str = "hybrid", extra_filters: list | None = None,
                   within: list[str] | None = None, about: list[str] | None = None,
                   earlier: list[str] | None = None, topic: str = "",
                   besides: list[str] | None = None, quoting: bool = False) -> Iterator[str | Answer]:
        """Answer text pieces as they are produced, then the finished Answer (with timings).

        `within` restricts the question to those papers (a follow-up on a previous answer);
        `about` names the papers it asks about ("how many authors does the first one have?",
        "compare the first two"), which are then answered from, whatever its words;
        `earlier`: the questions a "what about 2024?" asks again (`refined`);
        `topic`: the last topic asked about, which a new question's "it" stands for ("which
        papers use it?" after "what is KeyChain?"; `Answer.topic` gives it);
        `besides`: the papers already given, for "any others?" (`more`), which are left out;
        `quoting`: answered by quoting the abstracts whatever the backend (`cited`); the backend
        still reads the question.
        """
        t0 = time.perf_counter()
        question, *others = questions_in(question)  # "Which papers use GRPO? Which use PPO?": the first, and a note
        within = about or within
        again = more_question(question) if besides else None  # "any others?": '', the thread's question again
        # "which of those came out before it?" after "which papers are like LIMO?": "before LIMO" (not for a question
        # about papers of the answer: "what does it propose?" is about the one paper given)
        asked = with_topic(question, topic) if not (about or besides) else ""
        try:
            self._question.searchers = self.searchers()
            if again is not None:
                plan = self.more(question, again, earlier or [], backend)
            else:
                plan = self.understand(asked or question, backend, filtered=bool(extra_filters or within),
                                       refers_back=bool(within), earlier=earlier)
            plan.besides = list(besides or [])
            if asked:
                plan.question, plan.it = question, topic
            plan.filters += extra_filters or []
            if within and not plan.earlier:  # (not "and from 2024?" read as 2024 in place of 2025)
                self.follow_up(plan, within, about)
            answerer = self.extractive() if quoting else self.answerer(backend)
            hits = self.retrieve(plan, top_k, retriever)
            if plan.share_topic and not plan.metadata_only:  # "what fraction of the papers on agents ...?"
                plan.share_total = self.topic_size(plan, retriever)
            nothing = self.decided(plan, hits, backend) if retriever == "hybrid" else None
        except STORE_ERRORS as exc:
            raise unreachable(self.settings.index, exc) from None
        finally:
            self._question.searchers = None
        t1 = time.perf_counter()
        first = None
        for item in [nothing.answer, nothing] if nothing else answerer.stream(plan, hits):
            if isinstance(item, Answer):
                item.read_as = read_as(plan)
                if item.abstained and (why := self.why_not_answered(question, plan, item)):  # streamed too, then kept
                    yield " " + why
                    item.answer += " " + why
                if others:
                    rest = "the other on its own" if len(others) == 1 else "the others one at a time"
                    note = f"\n\n(This answers the first of {len(others) + 1} questions; ask {rest}: {' '.join(others)})"
                    yield note
                    item.answer += note
                t2 = time.perf_counter()
                shown = self.shown(plan, hits, retriever)[: top_k or self.settings.retrieval.top_k]
                item.retrieved = [{"paper_id": h.paper_id, "title": h.title} for h in shown]
                # (asked of the last topic, the question keeps it; after "which papers are like LIMO?", "it" is LIMO)
                item.topic = plan.it or topic_words(plan) or plan.similar_to
                item.thread = (earlier or []) if again == "" else \
                    thread(again or asked or question, plan, earlier or [], narrowed=within is not None, about=bool(about))
                if within and not about and picks_from(plan):
                    item.matched = list(dict.fromkeys([c.paper_id for c in item.citations] + list(within)))
                item.timings_ms = {"retrieve": _ms(t0, t1), "answer": _ms(t1, t2), "total": _ms(t0, t2),
                                   "first_token": _ms(t0, first or t2)}
                yield item
            else:
                first = first or time.perf_counter()
                yield item

    def why_not_answered(self, question: str, plan: QueryPlan, answer: Answer) -> str:
        """What an abstention adds when the question itself is the likely reason: it is not in
        English, or, when the answer is the plain "the corpus does not cover this" and nothing
        was read but a topic (`answer.read_as` empty), it names no topic ("which papers?"); else ""."""
        if looks_foreign(question):
            return not_english()
        plain = answer.uncovered and not answer.read_as and not plan.about
        if plain and not self.searchers().relevance.query_terms(plan).weights:
            return no_topic()
        return ""

    def follow_up(self, plan: QueryPlan, within: list[str], about: list[str] | None) -> None:
        """A follow-up on the previous answer's papers: asked within them (a list of those that
        match), about some of them (answered from those), or, for "papers similar to the first
        one", for the papers most like it (the paper itself left out)."""
        if about and len(about) == 1 and asks_similar(plan.question):
            plan.similar_to, plan.similar_id = self.searchers().catalog.papers[about[0]]["title"], about[0]
            plan.asks_list = True
            return
        plan.filters.append(MetadataFilter(key="paper_id", value=list(within), operator=FilterOperator.IN))
        # "which of them came out closest to LIMO?": the nearest of them
        plan.relative = [self.resolve(r, plan) if r.op == "nearest" else r for r in plan.relative]
        plan.asks_list = not about
        plan.about = list(about or [])

    def shown(self, plan: QueryPlan, hits: list[PaperHit], retriever: str = "hybrid") -> list[PaperHit]:
        """The retrieved papers as reported (the top of them; a list's wider pool stays internal).
        A "which papers" list is ranked by the list model, the order its members are cited in:
        it reads each paper's closest sentence, which the first-stage ranking does not. Over
        the 134 lists of sixteen sets, each set ranked by a model fitted on the other fifteen,
        recall@10 went from 0.927 to 0.934 and recall@5 from 0.842 to 0.856
        (`eval/fit_list_model.py --by-set`). Whether to answer is still judged on the
        first-stage ranking (answer/relevance.py)."""
        if not plan.asks_list or plan.sort or plan.metadata_only or plan.literal or retriever in BASELINES:
            return hits
        relevance = self.searchers().relevance
        return [h for _, h in relevance.by_list_probability(relevance.query_terms(plan), hits)]

    def stats(self) -> dict:
        s = self.settings
        where = describe(s.index)
        chunks = self.collection.count()
        papers = len(self.searchers().catalog) if chunks else 0
        sentences = self.sentences.count() if self.sentences is not None else "off"
        return {"papers": papers, "chunks": chunks, "sentences": sentences, "index": where,
                "collection": s.index.collection, "embedding_model": embedding_id(s.embedding), "config": s.source}
