"""'Which paper reports the highest AIME 2024 score?': each paper's figures on the benchmark,
quoted, not ranked. Rules, the benchmark's spellings, and answers on the shipped corpus."""
import pytest

from rag.answer.results import name_pattern, reported, spellings
from rag.understand.rules import understand
from tests.test_backends import openai_pipeline, standin  # noqa: F401 (fixture)

ORGS: list[str] = []


@pytest.mark.parametrize("question, name", [
    ("Which paper reports the highest AIME 2024 score?", "AIME 2024"),
    ("Which method gets the best results on GSM8K?", "GSM8K"),
    ("What is the best accuracy on MATH-500?", "MATH-500"),  # not "what is X?" asking for a definition
    ("Which paper is state of the art on ScienceQA?", "ScienceQA"),
    ("which model gets the top pass@1 on LiveCodeBench?", "LiveCodeBench"),
])
def test_a_best_result_on_a_benchmark_is_read(question, name):
    plan = understand(question, ORGS)
    assert plan.best_result == name and plan.defines == "" and plan.sort is None


@pytest.mark.parametrize("question", ["What is the best method for reasoning?", "Which paper has the highest upvotes?",
                                      "Which papers get the best results on math benchmarks?",
                                      "What are the best papers on GRPO?"])
def test_no_benchmark_no_best_result(question):
    assert understand(question, ORGS).best_result == ""


def test_a_comparison_of_named_papers_is_no_best_result():
    plan = understand("Which has the best score on AIME 2024, LIMO or Light-R1?", ORGS, names={"LIMO", "Light-R1"})
    assert plan.compares and plan.best_result == ""


def test_a_benchmark_is_matched_in_its_usual_spellings():
    aime = name_pattern("AIME 2024")
    for text in ("56.7% on AIME 2024", "AIME24 & 25 scores", "79.0 on AIME2024", "aime-2024"):
        assert aime.search(text), text
    for text in ("AIME25", "AIME 2025", "AIME240", "the aim of 2024"):
        assert not aime.search(text), text
    assert name_pattern("MATH-500").search("MATH 500") and not name_pattern("MATH-500").search("MATH-5000")
    assert name_pattern("GSM8K").search("on GSM8K.") and not name_pattern("GSM8K").search("GSM8K-Hard")
    assert spellings("AIME 2024") == ["AIME 24", "AIME 2024"] and spellings("AIME24") == ["AIME 24", "AIME 2024"]
    assert spellings("MATH-500") == ["MATH-500"]


def test_only_papers_giving_a_figure_on_it_are_quoted(shipped):
    catalog = shipped.searchers().catalog
    ids = {catalog.papers[p]["title"].split(":")[0]: p for p in catalog.papers}
    found = dict(reported(catalog, [ids["Light-R1"], ids["MathSmith"], ids["AgentMath"], ids["LIMO"]], "AIME 2024"))
    assert "74.0" in found[ids["Light-R1"]]
    # MathSmith names AIME2024 among its benchmarks but gives no figure on it; LIMO says "AIME" alone.
    assert ids["MathSmith"] not in found and ids["LIMO"] not in found
    # AgentMath names the benchmarks in one sentence and the figures "respectively" in the next.
    assert "AIME24" in found[ids["AgentMath"]] and "90.6%" in found[ids["AgentMath"]]


def test_the_answer_quotes_each_paper_and_ranks_none(shipped):
    result = shipped.ask("Which paper reports the highest AIME 2024 score?")
    assert not result.abstained
    cited = {c.title.split(":")[0] for c in result.citations}
    assert {"Light-R1", "AgentMath", "Skywork R1V2"} <= cited and len(cited) == 6
    assert result.answer.startswith("6 papers report results on AIME 2024.") and "not ranked" in result.answer
    aime = name_pattern("AIME 2024")
    assert all(aime.search(c.evidence) for c in result.citations)
    assert result.read_as == 'the results papers report on "AIME 2024", quoted, not ranked'


def test_a_comparison_of_named_papers_stays_one(shipped):
    result = shipped.ask("Which is better on AIME 2024, Light-R1 or AgentMath?")
    assert {c.title.split(":")[0] for c in result.citations} == {"Light-R1", "AgentMath"}
    assert "not ranked" not in result.answer


def test_a_benchmark_no_paper_reports_is_asked_as_before(shipped):
    result = shipped.ask("Which paper reports the best accuracy on ImageNet-21k?")
    assert "report results on" not in result.answer


def test_an_llm_backend_quotes_the_figures_without_a_model_call(shipped_index, standin, monkeypatch):  # noqa: F811
    monkeypatch.setenv("OPENAI_API_KEY", "k")
    result = openai_pipeline(shipped_index, standin).ask("What is the best accuracy on MATH-500?", backend="openai")
    assert standin.requests == [] and "not ranked" in result.answer
    assert result.backend == "extractive" and len(result.citations) == 4  # computed from the abstracts, as offline
