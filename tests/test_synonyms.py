"""Words no paper uses, read also as the nearest word papers use ("cars" -> "vehicles"). Real
bundled embeddings over the shipped corpus, and the word vectors its index build saves."""
import numpy as np

from rag.index.words import FILE, WordVectors
from rag.pipeline import Pipeline
from rag.understand.synonyms import kin, number_forms, reworded, synonyms
from tests.conftest import settings_for


def test_the_index_build_saves_the_corpus_words_as_unit_vectors(shipped):
    words = shipped.searchers().words
    assert (shipped.bm25_folder / FILE).is_file()
    assert len(words.words) == len(words.vectors) > 1000
    assert {"vehicles", "images", "reasoning"} <= set(words.words)
    assert "the" not in words.words  # stop words name nothing
    norms = np.linalg.norm(words.vectors.astype(np.float32), axis=1)
    assert np.allclose(norms, 1.0, atol=0.01)
    assert WordVectors.load(shipped.bm25_folder, words.most).words == words.words
    assert WordVectors.load(shipped.bm25_folder, 100) is None  # built with another cap: built again


def test_a_word_used_by_one_paper_only_is_left_out(shipped):
    built = WordVectors.build(["alpha zebra", "alpha yak", "alpha zebra"], shipped.embed_texts, 10)
    assert built.words == ["alpha", "zebra"]
    assert WordVectors.build(["alpha", "beta"], shipped.embed_texts, 10).nearest(np.ones(384) / 384 ** 0.5) == ("", 0.0)


def test_a_lay_word_is_read_as_the_papers_word(shipped):
    plan = shipped.understand("Which papers are about self-driving cars?")
    assert plan.synonyms == {"cars": "vehicles"}
    # "self-driving" is in no abstract either; its parts are.
    assert plan.rephrased == "Which papers are about self driving vehicles?"
    result = shipped.ask("Which papers are about self-driving cars?")
    assert not result.abstained
    cited = {c.title.split(":")[0] for c in result.citations}
    assert {"DiLu", "AD-H", "GameFormer", "AlphaDrive"} <= cited
    assert result.read_as == '"cars", a word no paper uses, also read as "vehicles"'


def test_a_lay_word_is_looked_up_in_both_numbers(shipped):
    words = shipped.searchers().words
    # "car" alone is just under the bar (0.7996 from "vehicles"), "cars" well over it (0.88)
    assert words.nearest(shipped.embed_texts(["car"])[0])[1] < 0.8
    assert synonyms(["car"], shipped.embed_texts, words, 0.8) == {"car": "vehicles"}
    assert number_forms("car") == ["car", "cars"] and number_forms("cars") == ["cars", "car"]
    result = shipped.ask("Which papers use a language model to drive a car?")
    assert not result.abstained
    assert {"DiLu", "AD-H", "AlphaDrive"} <= {c.title.split(":")[0] for c in result.citations}


def test_a_word_with_no_near_neighbour_still_marks_an_uncovered_topic(shipped):
    for question in ["Which papers predict protein structures?", "Which papers teach LLMs to play poker?"]:
        assert shipped.understand(question).synonyms == {}
        assert shipped.ask(question).abstained
    # "photos" has a neighbour ("images"), but "farmers" and "crop" still name what no paper covers.
    plan = shipped.understand("Which papers help farmers detect crop diseases from photos?")
    assert plan.synonyms == {"photos": "images"}
    assert shipped.ask("Which papers help farmers detect crop diseases from photos?").abstained


def test_only_plain_lower_case_words_are_swapped(shipped):
    words = shipped.searchers().words
    # A name ("Cars" inside a question, "MIDI") or a compound keeps its own meaning.
    assert synonyms(["MIDI", "self-driving", "cars"], shipped.embed_texts, words, 0.8) == {"cars": "vehicles"}
    assert synonyms(["cars"], shipped.embed_texts, words, 0.95) == {}
    assert synonyms(["cars"], shipped.embed_texts, None, 0.8) == {}


def test_the_reading_writes_apart_only_compounds_no_paper_uses():
    uses = {"chain-of-thought": 12}.get
    assert reworded("self-driving cars with chain-of-thought", {"cars": "vehicles"}, lambda w: uses(w, 0)) == \
        "self driving vehicles with chain-of-thought"
    assert reworded("Cars and cars", {"cars": "vehicles"}, lambda w: 0) == "Cars and vehicles"


def test_the_word_vectors_can_be_turned_off(shipped_index):
    pipeline = Pipeline(settings_for(shipped_index, RAG_RETRIEVAL__SYNONYM_WORDS="0"))
    assert pipeline.searchers().words is None
    assert pipeline.understand("Which papers are about self-driving cars?").synonyms == {}
    assert pipeline.ask("Which papers are about self-driving cars?").abstained


def test_the_word_vectors_give_a_terms_commonest_word_and_its_vector(shipped):
    words = shipped.searchers().words
    assert words.spelled("financi") == "financial" and words.spelled("vehicl") == "vehicles"
    assert words.spelled("nosuchterm") == ""
    assert np.allclose(words.vector("vehicles"), words.vectors[words.words.index("vehicles")])
    assert words.vector("nosuchword") is None


def test_a_word_familys_terms_that_mean_the_same_count_for_the_word_asked(shipped):
    plan = shipped.understand("Which papers use machine learning for finance or the stock market?")
    assert plan.kin == {"financ": frozenset({"financi"})}  # "financial"
    assert shipped.understand("Which papers apply AI to medicine?").kin == {"medicin": frozenset({"medic"})}
    # Same head, another meaning: "electronic" is no "electricity".
    assert shipped.understand("Which papers forecast electricity demand?").kin == {}
    coverage = shipped.searchers().relevance.terms
    family = coverage.word_family
    assert "electron" in family("electr")  # (a family shares a head)
    words = shipped.searchers().words
    assert kin({"electr": "electricity"}, family, words, shipped.embed_texts, 0.8) == {}
    assert kin({"financ": "finance"}, family, words, shipped.embed_texts, 0.95) == {}
    assert kin({"financ": "finance"}, family, None, shipped.embed_texts, 0.8) == {}
    # The paper on financial reasoning covers "finance" now, and the question reads no wider.
    hits = shipped.retrieve(plan)
    dianjin = next(h for h in hits if h.title.startswith("DianJin-R1"))
    relevance = shipped.searchers().relevance
    with_kin = relevance.coverage(relevance.query_terms(plan), dianjin)
    plan.kin = {}
    assert with_kin > relevance.coverage(relevance.query_terms(plan), dianjin) + 0.5
    assert shipped.ask("Which papers are about reasoning on finance?").citations[0].title.startswith("DianJin-R1")


def test_the_synonym_reading_keeps_the_questions_alternatives(shipped):
    # "pictures" is also read as "images"; in that reading "locate or segment" still needs one of
    # the two, not both (no segmentation paper says "locate", and the question abstained)
    question = "Which papers locate or segment things within pictures?"
    plan = shipped.understand(question)
    assert plan.synonyms == {"pictures": "images"} and plan.alternatives == [["locate", "segment"]]
    q = shipped.searchers().relevance.query_terms(plan)
    assert q.rephrased is not None and q.rephrased.groups == q.groups == [[{"locat"}, {"segment"}]]
    answer = shipped.ask(question)
    assert not answer.abstained and any(c.title.startswith("Seg-Zero") for c in answer.citations)
