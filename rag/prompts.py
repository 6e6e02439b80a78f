"""Prompt files under prompts/, loaded once; code never carries prompt text of its own."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load(name: str) -> str:
    return (resources.files("rag") / "prompts" / f"{name}.txt").read_text(encoding="utf-8").strip()


def cannot_answer() -> str:
    """The exact sentence every backend uses when the corpus does not cover a question."""
    return load("cannot_answer")
