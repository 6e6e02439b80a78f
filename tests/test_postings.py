"""The term postings: built, saved and read back; the same papers as testing each one's words."""
from rag.answer.relevance import Relevance
from rag.config import AnswerConfig
from rag.index.catalog import Catalog
from rag.index.postings import Postings
from rag.retrieve.base import PaperHit
from rag.retrieve.coverage import TermCoverage
from rag.understand.rules import understand

PAPERS = {
    "med": "A model for medicine: diagnosis from records.",
    "clin": "Learning from clinical data at scale.",
    "both": "Clinical data and medicine together, with GRPO.",
    "none": "Robots stacking blocks with GRPO.",
}


def coverage() -> TermCoverage:
    return TermCoverage(Catalog({pid: {"paper_id": pid, "title": pid, "abstract": t} for pid, t in PAPERS.items()}))


def test_postings_list_the_papers_using_each_term(tmp_path):
    postings = Postings.build(PAPERS.items())
    assert postings.paper_ids(postings.with_term("grpo")) == {"both", "none"}
    assert postings.paper_ids(postings.with_all(["clinic", "data"])) == {"clin", "both"}
    assert postings.paper_ids(postings.with_all([])) == frozenset() and len(postings.with_term("absent")) == 0
    postings.save(tmp_path)
    again = Postings.load(tmp_path)
    assert again.ids == postings.ids and again.paper_ids(again.with_all(["grpo", "robot"])) == {"none"}
    assert Postings.load(tmp_path / "elsewhere") is None  # an index built before postings


def test_papers_covering_a_question_are_those_with_full_coverage():
    terms = coverage()
    rel = Relevance(AnswerConfig(), terms)
    for question in ["Which papers are on medicine or clinical data?", "papers that mention GRPO",
                     "GRPO for robots", "clinical data", "papers on quantum chess"]:
        q = rel.query_terms(understand(question))
        by_paper = {pid for pid in PAPERS if terms.coverage(q, PaperHit(pid, pid, {})) >= 1.0}
        assert terms.papers_covering(q) == by_paper, question
    assert terms.papers_covering(rel.query_terms(understand("medicine or clinical data"))) == {"med", "clin", "both"}
    assert terms.papers_mentioning("GRPO") == {"both", "none"}
