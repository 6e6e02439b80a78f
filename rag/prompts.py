"""Prompt files under prompts/ (see prompts/README.md), loaded once; code carries no prompt text."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load(name: str) -> str:
    return (resources.files("rag") / "prompts" / f"{name}.txt").read_text(encoding="utf-8").strip()


def cannot_answer() -> str:
    """The exact sentence every backend uses when the corpus does not cover a question."""
    return load("cannot_answer")


def not_english() -> str:
    """Added to an abstention when the question does not look like English."""
    return load("not_english")


def no_topic() -> str:
    """Added to an abstention when the question names neither a topic nor a condition ("which papers?")."""
    return load("no_topic")


def system_prompt() -> str:
    return load("system").format(cannot_answer=cannot_answer())


def render_source(n: int, title: str, details: str, text: str) -> str:
    return load("source").format(n=n, title=fence_safe(title), details=fence_safe(details), text=fence_safe(text))


def user_prompt(sources: list[str], question: str) -> str:
    return load("answer").format(sources="\n\n".join(sources), question=fence_safe(question))


def understand_prompt(question: str) -> str:
    return load("understand").format(question=question)


def judge_prompt(question: str, reference: str, answer: str) -> str:
    return load("judge").format(question=fence_safe(question), reference=fence_safe(reference), answer=fence_safe(answer))


def fence_safe(text: str) -> str:
    """Data must not be able to close or open a <source> fence."""
    return text.replace("<", "&lt;").replace(">", "&gt;")


def check_all() -> None:
    """Fail at start-up, not mid-question, when a prompt file is missing or malformed."""
    system_prompt()
    not_english()
    user_prompt([render_source(1, "t", "d", "x")], "q")
    understand_prompt("q")
    judge_prompt("q", "r", "a")
