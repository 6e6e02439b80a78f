"""Relevance: coverage with alternatives, the list membership model and its fitter (hand-made cases)."""
import math
from dataclasses import replace

import numpy as np
import pytest

from rag.answer.relevance import Relevance
from rag.config import AnswerConfig, ListModel
from rag.index.catalog import Catalog
from rag.retrieve.base import PaperHit
from rag.retrieve.coverage import QueryTerms, TermCoverage
from rag.retrieve.rerank import CoverageReranker
from rag.text import american, is_english, terms, zipf
from rag.understand.rules import understand
from tests.conftest import eval_script

PAPERS = {
    "med": "A model for medicine: diagnosis from records.",
    "clin": "Learning from clinical data at scale.",
    "both": "Clinical data and medicine together.",
    "none": "Robots stacking blocks.",
}


def relevance(**answer) -> Relevance:
    catalog = Catalog({pid: {"paper_id": pid, "title": pid, "abstract": text} for pid, text in PAPERS.items()})
    return Relevance(AnswerConfig(**answer), TermCoverage(catalog))


def catalog_of(abstracts: dict[str, str]) -> Catalog:
    """Papers whose ids are their titles."""
    return Catalog({pid: {"paper_id": pid, "title": pid, "abstract": text} for pid, text in abstracts.items()})


def hit(pid, score=1.0, dense_rank=None, bm25_rank=None):
    return PaperHit(pid, pid, {}, score=score, dense_rank=dense_rank, bm25_rank=bm25_rank)


def test_one_alternative_covers_its_group():
    rel = relevance()
    q = rel.query_terms(understand("Which papers are on medicine or clinical data?"))
    assert q.groups and rel.coverage(q, hit("med")) == 1.0
    assert rel.coverage(q, hit("both")) == 1.0
    assert rel.coverage(q, hit("none")) == 0.0
    # Half of the two-word alternative: its share of that alternative's weight.
    w = {t: v * v for t, v in q.weights.items()}
    assert math.isclose(rel.coverage(q, hit("clin")), 1.0)
    partial = QueryTerms(q.weights, [[{"medicin"}, {"clinic", "data"}]])
    clin_only = PaperHit("x", "x", {}, chunks=[])
    rel.terms.catalog.papers["x"] = {"paper_id": "x", "title": "x", "abstract": "clinical notes"}
    share = w["clinic"] / (w["clinic"] + w["data"])
    group = max(w["medicin"], w["clinic"] + w["data"])
    assert math.isclose(rel.coverage(partial, clin_only), share * group / group)


def test_an_open_list_marker_is_no_topic_word():
    # "etc" and "the like" end a list of examples; as words, "etc" would outweigh "medicine".
    rel = relevance()
    for question in ["Which papers are on medicine, clinical data etc?", "Which papers are on medicine and the like?"]:
        q = rel.query_terms(understand(question))
        assert not {"etc", "like"} & set(q.weights) and "medicin" in q.weights


def test_kin_terms_cover_the_term_they_stand_for():
    rel = relevance()
    q = rel.query_terms(understand("Which papers are on medicine and clinical data?"))
    kin = QueryTerms(q.weights, q.groups, kin={"medicin": frozenset({"med"})})
    assert rel.coverage(kin, hit("med")) == rel.coverage(q, hit("med"))  # has the word itself: as before
    rel.terms.catalog.papers["y"] = {"paper_id": "y", "title": "y", "abstract": "med notes clinical data"}
    assert math.isclose(rel.coverage(q, hit("y")), 2 / 3) and rel.coverage(kin, hit("y")) == 1.0


def test_without_alternatives_every_word_counts():
    rel = relevance()
    q = rel.query_terms(understand("Which papers are on medicine and clinical data?"))
    assert not q.groups and rel.coverage(q, hit("med")) < 0.6 and rel.coverage(q, hit("both")) == 1.0


def test_list_model_probabilities_follow_the_weights():
    model = ListModel(intercept=-2.0, fused=3.0, coverage=2.0, bm25_rank=-0.5)
    rel = relevance(list_model=model)
    q = rel.query_terms(understand("Which papers are on medicine or clinical data?"))
    hits = [hit("both", 1.0, 0, 0), hit("none", 0.5, None, None)]
    p = rel.list_probabilities(q, hits)
    z = -2.0 + 3.0 * 1.0 + 2.0 * 1.0 - 0.5 * math.log1p(0)
    assert math.isclose(p[0], 1 / (1 + math.exp(-z)))
    z = -2.0 + 3.0 * 0.5 + 0.0 - 0.5 * math.log1p(40)  # unretrieved ranks count as 40
    assert math.isclose(p[1], 1 / (1 + math.exp(-z)))


def test_dense_gap_feature_measures_each_cosine_against_the_best():
    rel = relevance(list_model=ListModel(dense_gap=10.0))
    q = rel.query_terms(understand("Which papers are on medicine or clinical data?"))
    hits = [PaperHit("med", "med", {}, score=1.0, dense=0.6, dense_rank=0),
            PaperHit("clin", "clin", {}, score=0.9, dense=0.45, dense_rank=1),
            PaperHit("none", "none", {}, score=0.8, bm25_rank=0)]  # only BM25 found it
    gaps = [row[3] for row in rel.list_features(q, hits)]
    assert gaps == [0.0, pytest.approx(-0.15), pytest.approx(-0.15)]  # BM25-only: the lowest dense hit's
    p = rel.list_probabilities(q, hits)
    assert math.isclose(p[1], 1 / (1 + math.exp(-(10.0 * -0.15))))




def test_sentence_gap_feature_measures_each_closest_sentence_against_the_best():
    rel = relevance(list_model=ListModel(sentence_gap=10.0))
    q = rel.query_terms(understand("Which papers are on medicine or clinical data?"))
    hits = [PaperHit("med", "med", {}, score=1.0, dense=0.6, dense_rank=0, sentence=0.5),
            PaperHit("clin", "clin", {}, score=0.9, dense=0.45, dense_rank=1, sentence=0.7),
            PaperHit("none", "none", {}, score=0.8, bm25_rank=0)]  # no sentence stored: the lowest known
    gaps = [row[4] for row in rel.list_features(q, hits)]
    assert gaps == [pytest.approx(-0.2), 0.0, pytest.approx(-0.2)]
    p = rel.list_probabilities(q, hits)
    assert math.isclose(p[1], 0.5) and math.isclose(p[0], 1 / (1 + math.exp(2.0)))
    # An index without sentence vectors: each paper's chunk-cosine gap stands in.
    for h in hits:
        h.sentence = None
    assert [row[4] for row in rel.list_features(q, hits)] == [row[3] for row in rel.list_features(q, hits)]
def test_focus_counts_only_the_words_a_paper_stresses():
    """A word of the question said once in passing covers nothing here; a word said twice, or
    in the title, does."""
    catalog = catalog_of({
        "MCTS for planning": "We plan moves with MCTS. It searches.",
        "passing": "It is possible to plan moves. A possible future, searched with MCTS.",
        "once": "Sampling possible moves with MCTS.",
        **{f"other {i}": "Robots stacking blocks." for i in range(3)},
    })
    coverage = TermCoverage(catalog)
    rel = Relevance(AnswerConfig(list_model=ListModel(focus=10.0)), coverage)
    q = rel.query_terms(understand("Which papers are on MCTS for possible moves?"))
    hits = [hit(pid) for pid in catalog.papers]
    focus = {h.paper_id: coverage.focus(q, h) for h in hits}
    assert coverage.coverage(q, hits[2]) == 1.0 and focus["once"] == 0.0  # every word said, none twice
    w = {t: v * v for t, v in q.weights.items()}
    assert math.isclose(focus["MCTS for planning"], w["mcts"] / sum(w.values()))  # its title's word
    assert math.isclose(focus["passing"], w["possibl"] / sum(w.values()))  # "possible" twice, the rest once
    assert [row[5] for row in rel.list_features(q, hits)] == [focus[h.paper_id] for h in hits]
    p = rel.list_probabilities(q, hits)
    assert p[0] > 0.5 and p[1] > 0.5 and p[2] == 0.5


def test_select_lists_papers_above_the_threshold_best_first():
    model = ListModel(intercept=-3.0, fused=2.0, coverage=4.0)
    rel = relevance(list_model=model, list_threshold=0.5, min_relevance=0.1)
    plan = understand("Which papers are on medicine or clinical data?")
    hits = [hit("none", 1.0, 0, 0), hit("clin", 0.9, 1, 1), hit("med", 0.8, 2, 2)]
    chosen = [h.paper_id for h in rel.select(plan, hits)]
    assert chosen == ["clin", "med"]  # "none" covers nothing: p = sigmoid(-1) < 0.5


def test_select_abstains_on_the_judged_top_only():
    rel = relevance(list_model=ListModel(intercept=5.0), abstain_depth=1, min_relevance=0.5)
    plan = understand("Which papers are on medicine or clinical data?")
    # The one covering paper sits below the judged depth, so the question is not answered.
    assert rel.select(plan, [hit("none", 1.0, 0, 0), hit("med", 0.9, 1, 1)]) == []
    rel = relevance(list_model=ListModel(intercept=5.0), abstain_depth=2, min_relevance=0.5)
    assert {h.paper_id for h in rel.select(plan, [hit("none", 1.0, 0, 0), hit("med", 0.9, 1, 1)])} == {"none", "med"}


def dense_hit(pid, cosine):
    return PaperHit(pid, pid, {}, score=cosine, dense=cosine, dense_rank=0, bm25_rank=0)


def test_a_paper_whose_meaning_stands_out_answers_under_the_relevance_bar():
    # No paper shares the question's words; "none" is far nearer by meaning than the rest.
    rel = relevance(list_model=ListModel(intercept=-5.0), min_relevance=0.9, standout_cosine=0.4, standout_margin=0.1)
    plan = understand("Which papers make machines pile up cubes?")
    hits = [dense_hit("med", 0.30), dense_hit("none", 0.55), dense_hit("clin", 0.28)]
    assert [h.paper_id for h in rel.select(plan, hits)] == ["none"]
    # a lead under the margin, or a cosine under the floor, is no answer
    assert rel.select(plan, [dense_hit("med", 0.50), dense_hit("none", 0.55), dense_hit("clin", 0.28)]) == []
    assert rel.select(plan, [dense_hit("med", 0.20), dense_hit("none", 0.35), dense_hit("clin", 0.18)]) == []
    # "papers that mention X" is about words: meaning does not make a paper mention them
    assert rel.select(understand("Which papers mention cubes?"), hits) == []


def test_a_list_with_only_faint_meaning_and_part_of_its_words_is_not_answered():
    # each paper has half of the question's words; none is near it by meaning
    rel = relevance(list_model=ListModel(intercept=5.0), min_relevance=0.3, faint_cosine=0.28, faint_coverage=0.6)
    plan = understand("Which papers diagnose robots?")
    q = rel.query_terms(plan)
    assert rel.coverage(q, hit("med")) == rel.coverage(q, hit("none")) == 0.5
    faint = [dense_hit("med", 0.27), dense_hit("none", 0.2)]
    assert rel.select(plan, faint) == []
    # either signal alone answers: a paper near by meaning, or one covering the words
    assert rel.select(plan, [dense_hit("med", 0.27), dense_hit("none", 0.29)]) != []
    assert rel.select(understand("Which papers are on medicine?"), faint) != []
    # no dense side to judge by ("papers that mention X"): the combined bar alone, as before the rule
    assert rel.select(plan, [hit("med", 1.0, None, 0), hit("none", 0.9, None, 1)]) != []
    # a plain baseline's papers, which the thresholds were not chosen on: the combined bar alone
    assert rel.select(replace(plan, retriever="bm25-plain"), faint) != []
    # conditions leave few papers to retrieve, none of them near: "any newer ones?" after a list
    assert rel.select(understand("Which papers from 2024 diagnose robots?"), faint) != []
    # a question about one paper is left to the combined bar ("what does the name SPIN stand for?")
    assert rel.select(understand("What does the paper on diagnosis say about robots?"), faint) != []


def test_fitter_finds_the_informative_feature_and_scores_leave_one_out():
    fit = eval_script("fit_list_model")
    rng = np.random.default_rng(0)
    X = rng.normal(size=(400, 4))
    y = (X[:, 1] + 0.1 * rng.normal(size=400) > 0).astype(float)
    w = fit.fit(X, y, l2=1.0)
    assert np.argmax(np.abs(w[:-1])) == 1 and w[1] > 0
    assert ((fit.prob(w, X) >= 0.5) == (y == 1)).mean() > 0.9
    qid = np.repeat(np.arange(4), 100)
    n_rel = np.array([y[qid == q].sum() for q in qid])
    scores = fit.leave_one_out(qid, X, y, n_rel, 1.0, (0.5,))
    precision, recall = scores[0.5]
    assert precision > 0.85 and recall > 0.85


def test_a_papers_other_acronym_forms_count_as_its_words():
    """The BM25 side stores each paper's other acronym forms ("also"); coverage reads them too."""
    node = {"paper_id": "g", "title": "g", "abstract": "We train an MLLM with GRPO.",
            "also": "group relative policy optimization"}
    coverage = TermCoverage(Catalog.from_node_dicts([node, {"paper_id": "n", "title": "n", "abstract": "GRPO."}]))
    q = coverage.query_terms(understand("Which papers are on group relative policy optimization?"))
    assert coverage.coverage(q, hit("g")) == 1.0
    assert coverage.coverage(q, hit("n")) == 0.0


def test_coverage_reranker_lifts_papers_with_every_part_of_the_topic():
    catalog = Catalog({pid: {"paper_id": pid, "title": pid, "abstract": text} for pid, text in {
        "rare-word-only": "GRPO for text reasoning.",
        "all-words": "GRPO trains a multimodal model.",
        "nothing": "Robots stacking blocks."}.items()})
    plan = understand("Which papers train multimodal models with GRPO?")
    hits = lambda: [hit("rare-word-only", 1.0), hit("nothing", 0.95), hit("all-words", 0.9)]  # noqa: E731
    ranked = CoverageReranker(TermCoverage(catalog), 0.3).rerank(plan, hits())
    assert [h.paper_id for h in ranked] == ["all-words", "rare-word-only", "nothing"]
    assert ranked[0].score > ranked[1].score > ranked[2].score
    assert [h.paper_id for h in CoverageReranker(TermCoverage(catalog), 0.0).rerank(plan, hits())] == \
        ["rare-word-only", "nothing", "all-words"]


def test_a_comparison_cites_the_paper_covering_each_side():
    catalog = Catalog({pid: {"paper_id": pid, "title": pid, "abstract": text} for pid, text in {
        "orca": "Orca imitates explanation traces of a teacher.",
        "limo": "LIMO reasons from few curated samples.",
        "traces": "Imitating explanation traces of a teacher, again.",
        "other": "Robots stacking blocks."}.items()})

    def chosen(gain, floor=0.0):
        rel = Relevance(AnswerConfig(min_relevance=0.1, complement_gain=gain, complement_floor=floor),
                        TermCoverage(catalog))
        plan = understand("How do Orca and LIMO differ?")
        hits = [PaperHit(pid, pid, {}, dense=cos) for pid, cos in
                (("orca", 0.7), ("traces", 0.65), ("other", 0.2), ("limo", 0.2))]
        return [h.paper_id for h in rel.select(plan, hits)]

    # Orca's paper and LIMO's each cover one name; LIMO's scores far below Orca's (its dense
    # cosine is low) but adds the other name. The traces paper, close to Orca's in meaning,
    # and the robots add no word of the question, so they are not cited.
    assert chosen(0.1) == ["orca", "limo"]
    assert chosen(1.0) == ["orca"]
    assert chosen(0.1, floor=0.99) == ["orca"]  # a complement must also score near the best


def test_a_word_no_paper_uses_is_dropped_from_its_alternative():
    catalog = Catalog({pid: {"paper_id": pid, "title": pid, "abstract": text} for pid, text in {
        "web": "Agents that navigate the web.", "phone": "Agents on a phone.", "none": "Robots."}.items()})
    coverage = TermCoverage(catalog)
    q = coverage.query_terms(understand("Which agents work in web browsers or phone apps?"))
    assert q.groups == [[{"web"}, {"phone"}]]
    assert "browser" not in q.weights and "app" not in q.weights
    assert coverage.coverage(q, hit("web")) == coverage.coverage(q, hit("phone")) == 1.0
    # An alternative made only of unknown words is kept: nothing else stands for it.
    q = coverage.query_terms(understand("Which agents work in browsers or apps?"))
    assert "browser" in q.weights and coverage.coverage(q, hit("web")) < 1.0
    # When one alternative has no known word, the others keep theirs: "filter" alone must
    # not stand for "filter spam or phishing emails".
    catalog = Catalog({pid: {"paper_id": pid, "title": pid, "abstract": text} for pid, text in {
        "filtering": "We filter noisy training data.", "none": "Robots."}.items()})
    coverage = TermCoverage(catalog)
    q = coverage.query_terms(understand("Which papers filter spam or phishing emails?"))
    assert "spam" in q.weights and coverage.coverage(q, hit("filtering")) < 0.5


def test_the_verb_before_alternatives_is_not_one_of_them():
    # Read as "measure gender" or "racial bias", any paper that measures anything covered the
    # group, and "gender" and "racial", which no paper uses, were dropped from it.
    coverage = TermCoverage(catalog_of({"measure": "We measure accuracy.", "bias": "Models show bias.",
                                        "both": "We measure bias in rankings."}))
    q = coverage.query_terms(understand("Which papers measure gender or racial bias?"))
    assert q.groups == [[{"gender"}, {"racial", "bias"}]]
    assert "measur" not in q.weights
    assert all(coverage.coverage(q, hit(pid)) < 0.5 for pid in ("measure", "bias", "both"))


def test_only_a_comparison_cites_complements():
    catalog = Catalog({pid: {"paper_id": pid, "title": pid, "abstract": text} for pid, text in {
        "limo": "LIMO reasons from few curated samples.",
        "orca": "Orca imitates explanation traces of a teacher."}.items()})
    rel = Relevance(AnswerConfig(min_relevance=0.1, complement_gain=0.1, complement_floor=0.0), TermCoverage(catalog))
    hits = [PaperHit("limo", "limo", {}, dense=0.7), PaperHit("orca", "orca", {}, dense=0.3)]
    about_limo = understand("Does LIMO reason from curated samples and imitate teacher traces?", names={"LIMO", "Orca"})
    assert about_limo.named == {"LIMO"} and not about_limo.compares
    assert [h.paper_id for h in rel.select(about_limo, hits)] == ["limo"]
    # The same words without a named paper: still one question about one paper.
    unnamed = understand("Does a paper reason from curated samples and imitate teacher traces?")
    assert [h.paper_id for h in rel.select(unnamed, hits)] == ["limo"]
    compared = understand("How does LIMO, reasoning from curated samples, differ from imitating teacher traces?",
                          names={"LIMO", "Orca"})
    assert compared.compares and [h.paper_id for h in rel.select(compared, hits)] == ["limo", "orca"]
    in_common = understand("What do curated samples and imitated teacher traces have in common?")
    assert in_common.compares and [h.paper_id for h in rel.select(in_common, hits)] == ["limo", "orca"]


def test_a_comparison_is_judged_on_the_compared_papers_together():
    from dataclasses import replace

    catalog = Catalog({pid: {"paper_id": pid, "title": pid, "abstract": text} for pid, text in {
        "orca": "Orca imitates explanation traces.", "limo": "LIMO curates few samples.",
        "other": "Robots stacking blocks."}.items()})
    rel = Relevance(AnswerConfig(complement_gain=0.1), TermCoverage(catalog))
    plan = understand("How do Orca and LIMO differ?", names={"Orca", "LIMO"})
    hits = [PaperHit("orca", "orca", {}), PaperHit("limo", "limo", {}), PaperHit("other", "other", {})]
    q = rel.query_terms(plan)
    rel.cfg.min_relevance = max(rel.score(q, h) for h in hits) + 0.01  # no single paper is enough
    assert plan.compares and {h.paper_id for h in rel.select(plan, hits)} == {"orca", "limo"}
    assert rel.select(replace(plan, compares=False), hits) == []  # judged on the best single paper


def test_unknown_word_is_matched_by_its_corpus_spelling():
    cov = TermCoverage(catalog_of({
        "cur": "A curriculum orders training data from easy to hard.",
        "arc": "Results on ARC-C and other reasoning benchmarks.",
        "gen": "A general method for generation."}))
    assert cov.variant("curricula") == "curriculum"  # irregular plural, same first letters
    q = cov.query_terms(understand("Which papers build curricula?"))
    assert "curriculum" in q.weights and "curricula" not in q.weights
    assert cov.coverage(q, hit("cur")) > cov.coverage(q, hit("gen"))
    # Too little in common, or a compound name: left unknown (it marks an uncovered topic).
    assert cov.variant("generous") == "generous"  # "genera-" is 6 letters
    assert cov.variant("generalis") == "general"  # British "generalise"
    assert cov.variant("arc-agi") == "arc-agi"
    assert cov.variant("curriculum") == "curriculum"  # known words are left alone
    # The retrievers get the corpus spelling too: BM25 could not match "curricula" at all.
    assert cov.respelled("build curricula") == "build curricula curriculum"
    assert cov.respelled("a general method") == "a general method"


def test_a_compound_the_papers_write_apart_is_read_apart():
    cov = TermCoverage(catalog_of({
        "agent": "An autonomous data science agent wins Kaggle medals.",
        "split": "Science of data, apart.",
        "arc": "Results on ARC-C; AGI is far."}))
    assert cov.corpus_spelling("autonomous data-science agents") == "autonomous data science agents"
    q = cov.query_terms(understand("Which papers are about autonomous data-science agents?"))
    assert "data-sci" not in q.weights and cov.coverage(q, hit("agent")) == 1.0
    assert cov.unknown_words("data-science agents") == []
    # Parts that no paper writes in a row leave the compound whole: an unknown name.
    assert cov.corpus_spelling("the ARC-AGI challenge") == "the ARC-AGI challenge"
    assert cov.corpus_spelling("science-data") == "science-data"  # "split" has both words, not in a row
    assert cov.corpus_spelling("the ARC-C results") == "the ARC-C results"  # known as written


def test_a_known_name_with_an_ending_of_a_kind_is_the_name():
    cov = TermCoverage(catalog_of({"o1": "Reproducing OpenAI o1 with long chains of thought.",
                                   "other": "Robots stacking blocks."}))
    # "o1-style" is written by no paper; "style" only says "of that kind"
    assert cov.corpus_spelling("o1-style long chains of thought") == "o1 long chains of thought"
    q = cov.query_terms(understand("Which papers discuss o1-style long chains of thought?"))
    assert cov.coverage(q, hit("o1")) == 1.0 and cov.unknown_words("o1-style thought") == []
    # An unknown name stays whole, whatever its ending: it marks an uncovered topic
    assert cov.corpus_spelling("NeRF-based rendering") == "NeRF-based rendering"



def test_a_compound_some_papers_write_apart_counts_written_either_way():
    cov = TermCoverage(catalog_of({
        "joined": "A benchmark for vision-language models.",
        "apart": "A benchmark for vision language models.",
        "scattered": "A benchmark of language skills for vision models."}))
    q = cov.query_terms(understand("Which papers benchmark vision-language models?"))
    assert "vision-languag" in q.weights  # one paper writes it so: the compound stays
    assert cov.coverage(q, hit("apart")) == cov.coverage(q, hit("joined")) == 1.0
    assert cov.coverage(q, hit("scattered")) < 0.9  # both words, not in a row
    assert "vision-languag" not in cov.terms_of(hit("apart"))  # only a question's compounds are looked for

def test_an_acronyms_plural_is_the_acronym():
    # The stemmer leaves "PRMs" whole (no vowel before its "s"), so it never met "PRM".
    catalog = Catalog({
        "prm": {"paper_id": "prm", "title": "one", "abstract": "We train a PRM to score reasoning steps."},
        "llm": {"paper_id": "llm", "title": "two", "abstract": "Several LLMs are compared."},
    })
    cov = TermCoverage(catalog)
    assert cov.variant("prms") == "prm" and cov.variant("llm") == "llms"  # either way round
    assert cov.unknown_words("Which papers train PRMs?") == []
    assert cov.coverage(cov.query_terms(understand("Which papers train PRMs?")), hit("prm")) == 1.0
    assert cov.variant("cnns") == "cnns"  # neither form known: left as it is


def test_a_named_paper_is_cited_before_papers_that_use_its_words_more():
    catalog = Catalog({pid: {"paper_id": pid, "title": title, "abstract": text} for pid, title, text in [
        ("soft", "Soft Thinking: Reasoning in concepts", "Concept tokens replace discrete tokens."),
        ("other", "Another paper", "Soft thinking, soft thinking and more soft thinking in reasoning.")]})
    rel = Relevance(AnswerConfig(min_relevance=0.1), TermCoverage(catalog))
    hits = [PaperHit("other", "Another paper", {}, dense=0.6),
            PaperHit("soft", "Soft Thinking: Reasoning in concepts", {}, dense=0.5)]
    plan = understand("What does Soft Thinking do when reasoning?", names=catalog.short_names)
    assert plan.named == {"Soft Thinking"}
    assert rel.select(plan, hits)[0].paper_id == "soft"


def test_a_question_about_one_described_paper_is_about_retrievals_first():
    # "budget" is rare and in the question, but what is asked, not which paper: the paper the
    # question describes is the one retrieval ranks first, and it alone is cited.
    filler = {f"rl{i}": "We study small LLMs trained with reinforcement learning." for i in range(4)}
    catalog = Catalog({pid: {"paper_id": pid, "title": pid, "abstract": text} for pid, text in {
        "small": "A study of reinforcement learning for small LLMs, trained on 4 GPUs in 24 hours.",
        "budget": "A token budget for training LLMs with reinforcement learning.", **filler}.items()})
    rel = Relevance(AnswerConfig(min_relevance=0.1), TermCoverage(catalog))
    hits = [PaperHit("small", "small", {}, dense=0.6), PaperHit("budget", "budget", {}, dense=0.5)]
    plan = understand("What training budget does the small-LLM reinforcement learning study work under?")
    q = rel.query_terms(plan)
    assert rel.score(q, hits[1]) > rel.score(q, hits[0])  # by score alone, the wrong paper
    assert [h.paper_id for h in rel.select(plan, hits)] == ["small"]


def test_a_list_longer_than_max_list_says_how_many_match():
    from rag.answer.extractive import ExtractiveAnswerer
    catalog = Catalog({f"p{i}": {"paper_id": f"p{i}", "title": f"p{i}", "abstract": "Clinical data for medicine."}
                       for i in range(6)})
    rel = Relevance(AnswerConfig(min_relevance=0.1, list_model=ListModel(intercept=5.0), max_list=4), TermCoverage(catalog))
    hits = [PaperHit(f"p{i}", f"p{i}", {}, dense=0.5) for i in range(6)]
    answer = ExtractiveAnswerer(rel.cfg, rel).answer(understand("Which papers use clinical data?"), hits)
    assert answer.answer.startswith("6 papers in the corpus match") and len(answer.citations) == 4
    assert "4 of 6 are listed, the most likely first" in answer.answer


def test_british_spellings_match_american_ones():
    assert terms("minimise tokenisation behaviour centres analyse dialogue learnt programme") == \
        terms("minimize tokenization behavior centers analyze dialog learned program")
    assert [american(w) for w in ("hour", "four", "wise", "analysis")] == ["hour", "four", "wise", "analysis"]
    catalog = Catalog({
        "think": {"paper_id": "think", "title": "think", "abstract": "We minimize the number of thinking tokens."},
        "robot": {"paper_id": "robot", "title": "robot", "abstract": "Robots stack blocks."}})
    cov = TermCoverage(catalog)
    q = cov.query_terms(understand("Which papers minimise thinking tokens?"))
    assert cov.coverage(q, hit("think")) == 1.0 and cov.coverage(q, hit("robot")) == 0.0
    # BM25 tokenises the question itself, so it is given the American form to match
    assert cov.respelled("papers that minimise thinking") == "papers that minimise thinking minimize"
    # The dense side embeds the American wording alone, as it embeds the American question
    assert cov.in_american("papers that minimise thinking") == "papers that minimize thinking"
    assert cov.in_american("Behaviour or behaviour-cloning") == "Behavior or behavior-cloning"
    # ... words only: the stems' rewriting of "-ise" would also make "supervized", "promizing"
    assert cov.in_american("promising self-supervised models") == "promising self-supervised models"


def test_a_typo_is_read_as_the_word_most_papers_use():
    catalog = Catalog({pid: {"paper_id": pid, "title": pid, "abstract": text} for pid, text in {
        "a": "Hallucination in knowledge graphs.", "b": "Hallucination and retrieval.",
        "c": "Knowledge graphs for retrieval.", "d": "Robots stack blocks."}.items()})
    cov = TermCoverage(catalog)
    assert cov.fix_typos("halucination in knowlege-graphs") == "hallucination in knowledge-graphs"
    # Real words the corpus lacks stay as they are: they mark an uncovered topic.
    assert cov.fix_typos("drones and contracts") == "drones and contracts"
    assert cov.fix_typos("halucinationhalucination") == "halucinationhalucination"  # over 20 letters: not a word
    q = cov.query_terms(understand("Which papers are on halucination?"))
    assert cov.coverage(q, hit("a")) == 1.0 and cov.coverage(q, hit("d")) == 0.0
    assert "hallucination" in cov.respelled("halucination")  # BM25 is given the fixed word too
    assert is_english("contracts") and not is_english("halucination")


def test_a_typo_of_a_function_word_is_no_topic_word():
    catalog = Catalog({pid: {"paper_id": pid, "title": pid, "abstract": text} for pid, text in {
        "a": "Autonomous driving with agents.", "b": "Driving policies.", "c": "Robots stack blocks."}.items()})
    cov = TermCoverage(catalog)
    assert cov.fix_typos("wich papers are abuot driving? teh thier") == "with papers are about driving? the their"
    q = cov.query_terms(understand("wich papers are about driving?"))  # "wich" was a topic word no paper uses
    assert set(q.weights) == {"drive"} and not cov.unknown_words("wich papers are about driving?")
    # a name in capitals, and a word no function word is near, stay as they are
    assert cov.fix_typos("ORE and wit and blockchain") == "ORE and wit and blockchain"


def test_a_word_newer_than_the_dictionary_is_not_a_typo():
    catalog = Catalog({pid: {"paper_id": pid, "title": pid, "abstract": text} for pid, text in {
        "a": "Error-correcting codes.", "b": "Codes for storage.", "c": "Emotions in text.",
        "d": "Emotions of agents.", "e": "Efficient search.", "f": "Efficient effects."}.items()})
    cov = TermCoverage(catalog)
    # No dictionary lists "codecs" or "emoticons", but people write them about as often as a
    # hundredth of "codes" and "emotions": words, not typos, so the topic stays uncovered.
    assert not is_english("codecs") and zipf("codes") - zipf("codecs") < 1.9
    assert cov.fix_typos("learned codecs and emoticons") == "learned codecs and emoticons"
    # A misspelling people do write is still one: "effecient" is 3 below "efficient".
    assert zipf("effecient") > 0 and cov.fix_typos("effecient codess") == "efficient codes"


def test_every_paper_a_comparison_names_is_cited():
    # GAMA's abstract names CompA too, so CompA's paper adds no word of the question; it is
    # cited because the question names it.
    papers = {"gama": ("GAMA: An Audio Model", "GAMA is an audio-language model tuned with CompA-R to reason."),
              "compa": ("CompA: A Benchmark", "CompA tests compositional reasoning of audio-language models."),
              "other": ("Robots", "Robots stacking blocks.")}
    catalog = Catalog({pid: {"paper_id": pid, "title": t, "abstract": a} for pid, (t, a) in papers.items()})
    rel = Relevance(AnswerConfig(min_relevance=0.1), TermCoverage(catalog))
    hits = [PaperHit(pid, papers[pid][0], {}, dense=cos) for pid, cos in (("gama", 0.7), ("compa", 0.3), ("other", 0.2))]
    plan = understand("How do CompA and GAMA differ?", names={"CompA", "GAMA"})
    assert [h.paper_id for h in rel.select(plan, hits)] == ["gama", "compa"]
    plan = understand("What does GAMA do?", names={"CompA", "GAMA"})
    assert [h.paper_id for h in rel.select(plan, hits)] == ["gama"]
    # A question about one named paper cites that paper, not another that names it as well.
    tied = [PaperHit(pid, papers[pid][0], {}, dense=0.7) for pid in ("gama", "compa", "other")]
    plan = understand("What is CompA about?", names={"CompA", "GAMA"})
    assert [h.paper_id for h in rel.select(plan, tied)] == ["compa"]


def test_phrasing_words_are_not_topic_words():
    rel = relevance()
    plan = understand("Which papers cope with clinical data?")
    assert "cope" in rel.query_terms(plan).weights
    plan.phrasing = {"cope"}
    assert set(rel.query_terms(plan).weights) == {"clinic", "data"}
    assert rel.terms.unknown_words("Which papers cope with clinical data or medicine?") == ["cope"]


def test_function_words_are_not_topic_words():
    rel = relevance()
    q = rel.query_terms(understand("Which papers move clinical data from one format to another via several tools?"))
    assert not {"anoth", "via", "sever"} & set(q.weights) and {"clinic", "data"} <= set(q.weights)
    # "let" frames a question ("which papers let agents ..."); used by 2 papers, it outweighed the topic.
    q = rel.query_terms(understand("Which papers let clinicians read clinical data?"))
    assert "let" not in q.weights and {"clinic", "data"} <= set(q.weights)
    # "teach" in "which papers teach models to X" has the models do X: the topic is X's words
    q = rel.query_terms(understand("Which papers teach models to read clinical data?"))
    assert "teach" not in q.weights and {"clinic", "data"} <= set(q.weights)
    assert "teach" in rel.query_terms(understand("Which papers teach with clinical data?")).weights
    # "report" frames a question ("which papers report results on X?"): rare in abstracts, it outweighed X.
    q = rel.query_terms(understand("Which papers report results on clinical data?"))
    assert "report" not in q.weights and {"clinic", "data"} <= set(q.weights)
    # "rather than", "instead of", "as opposed to" set a contrast; rare in abstracts, "rather"
    # (IDF 2.9) outweighed "code" in "understand source code rather than write new code".
    papers = {**PAPERS, "contrast": "Images rather than text, instead of tables, as opposed to audio."}
    rel = Relevance(AnswerConfig(), TermCoverage(catalog_of(papers)))
    for contrast in ("rather than", "instead of", "as opposed to"):
        q = rel.query_terms(understand(f"Which papers read clinical data {contrast} images?"))
        assert not {"rather", "instead", "oppos"} & set(q.weights) and {"clinic", "data", "imag"} <= set(q.weights)


def test_a_list_of_one_paper_quotes_two_sentences_of_it():
    from rag.answer.extractive import ExtractiveAnswerer
    catalog = Catalog({"one": {"paper_id": "one", "title": "one", "abstract":
                               "We study clinical data. Robots are unrelated. The clinical data has 770 records."},
                       "other": {"paper_id": "other", "title": "other", "abstract": "Robots stacking blocks."}})
    rel = Relevance(AnswerConfig(min_relevance=0.1, list_model=ListModel(intercept=-2.0, coverage=4.0)),
                    TermCoverage(catalog))
    hits = [PaperHit("one", "one", {}, dense=0.6), PaperHit("other", "other", {}, dense=0.1)]
    answer = ExtractiveAnswerer(rel.cfg, rel).answer(understand("Which papers use clinical data?"), hits)
    assert answer.answer.startswith("1 paper in the corpus matches")
    assert answer.citations[0].evidence == "We study clinical data. The clinical data has 770 records."


def test_a_quoted_phrase_is_matched_as_written():
    from rag.text import has_phrase
    assert has_phrase("A process reward model (PRM) scores steps.", "process reward models")
    assert has_phrase("World-Models here", "world model") and has_phrase("chain-of-thought prompting", "chain of thought")
    assert not has_phrase("a model of the world", "world model") and not has_phrase("xGRPO", "GRPO")
    plan = understand('Which papers mention "world model"?')
    assert plan.literal and plan.asks_list and plan.phrases == ["world model"]
    assert understand('Papers on "process reward models"').literal  # quotes in a request for papers
    assert not understand('What does "Less is More" mean?').literal  # not a list


def test_a_comparison_of_four_named_papers_quotes_all_four():
    from rag.answer.extractive import ExtractiveAnswerer
    names = ["Alpha-0", "Beta-1", "Gamma-2", "Delta-3"]
    catalog = Catalog({n: {"paper_id": n, "title": f"{n}: A Paper", "abstract": f"{n} does something on reasoning."}
                       for n in names})
    rel = Relevance(AnswerConfig(min_relevance=0.1), TermCoverage(catalog))
    hits = [PaperHit(n, f"{n}: A Paper", {}, dense=0.5) for n in names]
    plan = understand("Compare Alpha-0, Beta-1, Gamma-2 and Delta-3.", names=set(names))
    answer = ExtractiveAnswerer(rel.cfg, rel).answer(plan, hits)
    assert sorted(c.paper_id for c in answer.citations) == sorted(names)  # not the first three only


def test_release_statements():
    from rag.text import release_statement
    assert release_statement("We propose X. Code is available at https://github.com/a/b.") == \
        "Code is available at https://github.com/a/b."
    assert release_statement("We propose X. We release all code and models to foster research.")
    assert release_statement("Our Codes and data will be publicly released.")
    assert release_statement("DPO relies on paired preference data, which is not readily available for this task.") is None
    assert release_statement("It surpasses larger open-source models such as Qwen.") is None
    assert release_statement("The approach extends when additional resources are available.") is None
    # a release verb far from the dataset named, and the sentence with the link preferred (CVLNM's)
    far = ("Experiments on the MS-COCO dataset show that our model is more effective and more robust, being less likely "
           "to overfit and suffering less when fewer training samples are available.")
    assert release_statement(far) is None
    assert release_statement(f"{far} Codes are available at https://github.com/a/b") == \
        "Codes are available at https://github.com/a/b"


def test_title_has_words_marks_or_a_start():
    from rag.text import title_has
    title = "Learning to Reason: What Works?"
    assert title_has(title, "learning to") and title_has(title, "learning to", at_start=True)
    assert title_has(title, "reason") and not title_has(title, "reason", at_start=True)
    assert title_has(title, "?") and title_has(title, ":") and not title_has(title, "!")
    assert not title_has("Meta-Learning to Reason", "learning to", at_start=True)


def test_counts_an_abstract_states():
    from rag.text import stated_counts
    assert stated_counts("With merely 817 curated training samples, LIMO wins", "examples") == [817]
    assert stated_counts("a dataset of 17k long CoT training samples and 10,000 math problems", "examples") == [17000, 10000]
    assert stated_counts("On AIME 2024 math problems it improves", "examples") == []  # a year
    assert stated_counts("GPT-3 are good problem solvers", "examples") == []  # a name's number
    assert stated_counts("we give Claude 3 Opus a system prompt", "examples") == []
    assert stated_counts("it reaches 57.1% on hard problems", "examples") == []  # a share
    assert stated_counts("Qwen2.5-32B-Instruct and a 7B model", "parameters") == [32e9, 7e9]
    assert stated_counts("1.5 billion parameters, trained on 1.2M examples", "parameters") == [1.5e9]
    assert stated_counts("pretrained on 1.5T tokens, then 100 billion tokens of code; hundreds of tokens", "tokens") == \
        [1.5e12, 1e11]
    # a ceiling is just under its number: it meets "fewer than 1 billion", not "at least 1 billion"
    (ceiling,) = stated_counts("RL is hard for tiny LLMs with 1 billion parameters or fewer", "parameters")
    assert ceiling < 1e9 and ceiling > 1e9 - 1
    (under,) = stated_counts("it is trained on under 1,000 examples", "examples")
    assert 999 < under < 1000
    assert stated_counts("models of up to 7B parameters", "parameters") == [7e9]  # the largest it has


def test_a_sentence_that_only_says_code_is_released_is_no_topic():
    from rag.text import only_released
    assert only_released("Code is available at https://github.com/a/b.")
    assert only_released("Code, data, and models will be fully open-sourced.")
    assert not only_released("We release three new datasets (medical, legal, security) that induce emergent "
                             "misalignment while preserving model capabilities, along with our evaluation suite.")
    assert not only_released("We propose a method for code generation.")


def test_a_word_in_capitals_is_a_name_not_stemmed():
    # "AIME" (a benchmark) is not "aim": papers that "aim to" do not cover a question on AIME.
    assert terms("AIME 2024 and AIME24") == ["aime", "2024", "aime24", "aime", "24"]
    assert "aim" in terms("we aim to") and "aime" not in terms("we aim to")
    assert terms("MM-PRM") == ["mm-prm", "mm", "prm"]
    # A question typed all in capitals is not a row of names.
    assert terms("WHICH PAPERS USE GRPO") == terms("which papers use grpo")


def test_better_and_worse_frame_a_question_and_weigh_nothing():
    # "generalises better than SFT": the papers say "superior" or "outperforms", and a rare
    # "better" would count against every one of them.
    rel = relevance()
    q = rel.query_terms(understand("Which papers find medicine works better or worse on clinical data?"))
    assert not {"better", "wors", "worse"} & set(q.weights)
    assert rel.coverage(q, hit("both")) == 1.0


def test_fitter_holds_out_a_set_at_a_time_and_ranks_by_the_model():
    fit = eval_script("fit_list_model")
    rng = np.random.default_rng(1)
    X = rng.normal(size=(600, 3))
    y = (X[:, 2] > 0.5).astype(float)
    y[::50] = -1.0  # partial titles: never fitted on, never counted
    qid = np.repeat(np.arange(20), 30)
    group = qid % 3
    n_rel = np.array([(y[qid == q] == 1).sum() or 1 for q in qid])
    cited, ranked = fit.leave_one_set_out(group, qid, X, y, n_rel, 1.0, (0.5,), ks=(5,))
    precision, recall = cited[0.5]
    assert precision > 0.85 and recall > 0.85
    first, model = ranked[5]
    assert model > first + 0.2  # rows come in random order; the model puts the relevant first


def test_a_topic_is_central_to_papers_naming_it_in_the_title_or_twice():
    catalog = Catalog({
        "titled": {"paper_id": "titled", "title": "Reinforcement Learning for Agents", "abstract": "We train agents."},
        "twice": {"paper_id": "twice", "title": "Agents", "abstract": "Reinforcement learning helps. "
                  "We study reinforcement learning at scale."},
        "passing": {"paper_id": "passing", "title": "Agents", "abstract": "Unlike reinforcement learning, we plan."},
        "half": {"paper_id": "half", "title": "Agents", "abstract": "Reinforcement of habits; learning and learning."},
        "apart": {"paper_id": "apart", "title": "Agents", "abstract": "Reinforcement of habits; learning "
                  "by reinforcement; machine learning."},
    })
    coverage = TermCoverage(catalog)
    q = coverage.query_terms(understand("What are the most recent papers on reinforcement learning?"))
    # "half" says "reinforcement" once; "apart" says each word twice, but never the two together
    assert coverage.papers_about(q, coverage.papers_covering(q)) == {"titled", "twice"}
    # "which papers use RL?": the topic is RL; none of these papers says "use"
    q = coverage.query_terms(understand("Which papers use reinforcement learning?"))
    assert coverage.papers_about(q, coverage.papers_covering(q)) == set()
    topic = q.without(frozenset({"use"}))
    assert coverage.papers_about(topic, coverage.papers_covering(topic)) == {"titled", "twice"}


@pytest.mark.parametrize("question", ["Which papers do case studies?", "Which papers optimise policies?",
                                      "What are the newest papers on reinforcement learning?"])
def test_the_quick_test_before_reading_a_paper_never_drops_a_central_one(question, monkeypatch):
    catalog = catalog_of({
        "studies": "Case studies of agents. More case studies follow.",
        "policy": "We optimise the policy. Optimising policies again.",
        "british": "Reinforcement learning, then reinforcement learning once more.",
        "once": "Case studies once; policy once; reinforcement once, learning twice: learning.",
    })
    coverage = TermCoverage(catalog)
    q = coverage.query_terms(understand(question))
    found = coverage.papers_about(q, coverage.papers_covering(q))
    monkeypatch.setattr(TermCoverage, "_may_say_twice", lambda self, q, pid: True)
    coverage = TermCoverage(catalog)
    assert found and coverage.papers_about(q, coverage.papers_covering(q)) == found


def test_discourse_adverbs_are_no_topic_words():
    # "actually" is in few abstracts, so as a topic word it weighed like a rare term (IDF 4.1 on
    # the shipped corpus) in "faithful to how it actually reaches its answer"
    coverage = TermCoverage(catalog_of({"a": "The model actually reaches the answer.", "b": "Faithful reasoning.",
                                        "c": "Robots stack blocks.", "d": "Agents plan."}))
    q = coverage.query_terms(understand("Which papers are faithful to how the model actually reaches its answer?", []))
    assert "actual" not in q.weights and {"faith", "reach", "answer"} <= set(q.weights)


def test_a_near_tie_of_the_first_paper_is_among_the_first_retrieved():
    rel = relevance()
    q = rel.query_terms(understand("Which paper is on medicine?"))
    scored = [(0.50, hit("med")), (0.52, hit("both")), (0.49, hit("clin")), (0.30, hit("none"))]
    chosen = rel.complementary(q, scored, complements=False, ties_of_first=True)
    assert [h.paper_id for h in chosen] == ["med", "both", "clin"]  # within a tenth of the first's score
    # one retrieval ranks far down is no tie, however alike its score (it cited StateAct for "alone")
    chosen = rel.complementary(q, scored, complements=False, ties_of_first=True, tie_pool={"med", "clin"})
    assert [h.paper_id for h in chosen] == ["med", "clin"]


@pytest.mark.parametrize("text, expected", [
    # a word that only shares a frame word's stem names a topic (were left out with "related", "credited")
    ("Which papers use group relative policy optimization?", ["use", "group", "relat", "polici", "optim"]),
    ("papers on credit assignment", ["credit", "assign"]),
    ("relational reasoning", ["relat", "reason"]),
    # the frame words, their regular forms and the publishing verbs in any form still frame
    ("Which papers were credited to a single author?", []),
    ("Which papers show or discuss findings on agents?", ["agent"]),
    ("papers that release code", ["code"]),
    ("post-training with RL", ["post-train", "train", "rl"]),
    ("Any others?", []), ("things worth knowing", ["worth", "know"]),  # "post" of the compound is a publishing verb's
    # "things" holds a place (it weighed most of "locate or segment things within pictures", being rare in abstracts)
    ("Which papers locate or segment things within pictures?", ["locat", "segment", "pictur"]),
    ("papers that buy something in online stores", ["buy", "onlin", "store"]),
    # "main" and "major" frame: a survey's "two main categories" carried "what are the main approaches to X?" alone
    ("What are the main approaches to efficient reasoning?", ["approach", "effici", "reason"]),
    ("the major paradigms of RL", ["paradigm", "rl"]),
    ("What are popular methods for reward modeling?", ["method", "reward", "model"]),
    ("notable works on multi-agent debate", ["multi-ag", "multi", "agent", "debat"])])
def test_only_the_framing_words_are_left_out_of_the_topic_terms(text, expected):
    from rag.retrieve.coverage import content_terms
    assert content_terms(text) == expected
