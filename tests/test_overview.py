"""The corpus overview: the phrases titles share, on hand-made titles and on the shipped corpus."""
import re

import pytest

from rag.answer.overview import title_phrases
from rag.retrieve.base import PaperHit
from rag.understand.rules import understand

TITLES = ["Reinforcement Learning for Robots", "Offline Reinforcement Learning: A Study", "Reinforcement Learning of Agents",
          "Advancing Agents with Memory", "Agent Memory for Games", "Enhancing an Agent", "A Survey of GRPO",
          "GRPO Explained", "GRPO at Scale", "Advancing Vision", "Advancing Speech"]


def _hits(titles):
    return [PaperHit(str(i), t, {"upvotes": i}) for i, t in enumerate(titles)]


def test_title_phrases_are_shared_phrases_not_framing_words():
    phrases = dict((p, len(h)) for p, h in title_phrases(_hits(TITLES), share_using=lambda word: 0.1))
    assert phrases["reinforcement learning"] == 3
    assert "reinforcement" not in phrases and "learning" not in phrases  # said by the longer phrase
    assert phrases["agents"] == 4  # "agent" and "agents" are one
    assert phrases["grpo"] == 3
    assert "advancing" not in phrases  # an -ing form says how, not what
    assert "memory" not in phrases  # in two titles only


def test_a_word_most_papers_use_is_no_topic():
    phrases = dict(title_phrases(_hits(TITLES), share_using=lambda word: 0.9 if word == "agents" else 0.1))
    assert "agents" not in phrases and "grpo" in phrases  # an acronym names a topic whatever its share


@pytest.mark.parametrize("question, overview", [
    ("What topics does the corpus cover?", True),
    ("What is this collection about?", True),
    ("what's in the corpus?", True),
    ("Give me an overview of the papers", True),
    ("What topics are covered in the corpus?", True),
    ("What topics do the 2025 papers cover?", True),
    ("What topics does the GRPO paper cover?", False),
    ("Which papers cover topics in RL?", False),
    ("What are the most common topics in 2025?", True),  # was read as papers on "common topics"
    ("What's the most popular topic?", True),  # was papers on "topic" by upvotes
    ("Which topic has the most papers?", True),
    ("What is the main topic of LIMO?", False),
    ("What is the topic of most papers?", True),  # was papers on "topic" (LegalVis)
    ("What are most of the papers about?", True),
    ("What are most papers on GRPO about?", False),
    ("Which topics are most common in 2025?", True),  # was "no paper on this topic was posted in 2025"
    ("Which topics are most common in papers on agents?", False),
    ("What are the main trends in 2025?", True),  # was papers on "main trends": "no paper on this topic was posted in 2025"
    ("What are the research trends in the corpus?", True),
    ("Which papers study trends in model size?", False),
])
def test_overview_wordings(question, overview):
    plan = understand(question, [])
    assert plan.overview is overview
    if overview:
        assert plan.metadata_only and not plan.text and plan.sort is None


def test_the_shipped_corpus_overview_counts_titles(shipped):
    catalog = shipped.searchers().catalog
    answer = shipped.ask("What topics does the corpus cover?")
    assert answer.answer.startswith(f"The corpus has {len(catalog)} papers")
    rl = sum(bool(re.search(r"reinforcement learning", m["title"], re.I)) for m in catalog.papers.values())
    assert f"- reinforcement learning: {rl} papers, e.g." in answer.answer
    assert len(answer.citations) >= 5 and all(c.evidence.startswith("its title has") for c in answer.citations)
    dated = shipped.ask("What topics do the 2025 papers cover?")
    n = sum(m.get("year") == 2025 for m in catalog.papers.values())
    assert dated.answer.startswith(f"{n} papers match") and all(c.year == 2025 for c in dated.citations)
