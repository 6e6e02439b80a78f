"""Hostile input: odd questions, quotes in filter values, markup in abstracts, secrets in output."""
import os
import subprocess
import sys

import pytest
from llama_index.core.vector_stores import MetadataFilter

from rag.answer.base import Answer, Citation
from rag.pipeline import Pipeline, QuestionError
from rag.retrieve.base import PaperHit
from rag.ui.render import answer_html, source_cards
from tests.conftest import settings_for, write_jsonl


@pytest.mark.parametrize("question, message", [
    ("", "empty"), (" \t\n ", "empty"), ("\x00\x07\x1b", "empty"), ("q" * 100_000, "100,000 characters")])
def test_bad_questions(shipped, question, message):
    with pytest.raises(QuestionError, match=message):
        shipped.ask(question)


@pytest.mark.parametrize("question, day", [
    ("Which papers were posted on February 30, 2025?", "February 30, 2025"),  # was a ValueError traceback
    ("papers posted closest to 31 April 2024", "April 31, 2024"),
    ("papers posted between Feb 29, 2025 and Mar 3, 2025", "February 29, 2025"),  # not a leap year
    ("papers posted on 2025-13-01", "2025-13-01"),
])
def test_a_day_the_calendar_lacks_is_said_not_a_traceback(shipped, question, day):
    with pytest.raises(QuestionError, match=f"^{day} is not a day of the calendar"):
        shipped.ask(question)
    assert shipped.understand("papers posted on Feb 29, 2024").filters  # a leap day is one


def test_control_characters_inside_a_real_question(shipped):
    result = shipped.ask("How many tables\x00 and statements\x1b[31m are in TabFact?\x07")
    assert result.citations and result.citations[0].title.startswith("TabFact")


def test_filter_value_with_quotes(tmp_path, small_papers):
    small_papers[1]["org"] = "O'Brien \"Deep\" Lab"
    corpus = write_jsonl(tmp_path / "p.jsonl", small_papers)
    pipeline = Pipeline(settings_for(tmp_path / "idx"))
    pipeline.ingest([str(corpus)], progress=False)
    result = pipeline.ask("Which papers study sparse attention?",
                          extra_filters=[MetadataFilter(key="org", value="O'Brien \"Deep\" Lab")])
    assert [c.title for c in result.citations] == ["Sparse Attention for Long Documents"]
    none = pipeline.ask("Which papers study sparse attention?",
                        extra_filters=[MetadataFilter(key="org", value="x' OR '1'='1")])
    # Nothing matches the quoted value (it is not read as SQL); the answer says so and shows the
    # paper on the topic with its real organisation.
    assert none.answer.startswith("No paper's listing names x' OR '1'='1 as its organisation")
    assert "No paper on this topic is from x' OR '1'='1: the corpus has 1 on it" in none.answer
    assert [c.org for c in none.citations] == ["O'Brien \"Deep\" Lab"]


def test_markup_in_abstracts_is_shown_as_text(shipped):
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    hit = PaperHit("p", f"Title {evil}", {"date": evil, "org": evil})
    answer = Answer("q", f"Answer {evil} [1]", False, "extractive", [Citation.of(1, hit, evil)],
                    unsupported_sentences=[f"Answer {evil}"])
    rendered = answer_html(answer) + source_cards(answer, shipped)
    assert "<script>" not in rendered and "<img" not in rendered
    assert "&lt;script&gt;" in rendered


def test_no_secret_in_stats_or_backends_output(shipped_index):
    secrets = {"OPENAI_API_KEY": "sk-secret-aaa", "CHROMA_AUTH_TOKEN": "tok-secret-bbb",
               "RAG_UI_PASSWORD": "pw-secret-ccc", "VLLM_API_KEY": "vk-secret-ddd"}
    env = {**os.environ, "RAG_INDEX__PATH": str(shipped_index), **secrets}
    for command in ("stats", "backends"):
        proc = subprocess.run([sys.executable, "-m", "rag.cli", command], capture_output=True, text=True, env=env,
                              timeout=300)
        assert proc.returncode == 0
        for value in secrets.values():
            assert value not in proc.stdout + proc.stderr
