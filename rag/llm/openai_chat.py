"""Hosted OpenAI and any OpenAI-compatible server (vLLM, Ollama, LM Studio, llama.cpp server).

The openai client retries connection errors, timeouts, 429s and 5xx with exponential
backoff (max_retries); what still fails is turned into a BackendError naming the backend.
"""
from __future__ import annotations

from collections.abc import Iterator

import openai

from rag.config import BackendConfig
from rag.llm.api_errors import Hints, explain
from rag.llm.base import BackendError, ChatModel
from rag.tokens import count_tokens


class OpenAIChat(ChatModel):
    def __init__(self, name: str, cfg: BackendConfig, api_key: str | None):
        self.name, self.cfg = name, cfg
        self.context_window, self.max_tokens = cfg.context_window, cfg.max_tokens
        if cfg.kind == "openai" and not api_key:
            self.client = None
            self._missing_key = f"backend '{name}' needs an API key: set ${cfg.api_key_env or 'OPENAI_API_KEY'}"
        else:
            self._missing_key = ""
            # Local servers ignore the key, but the client insists on one.
            self.client = openai.OpenAI(api_key=api_key or "not-needed", base_url=cfg.base_url,
                                        timeout=cfg.timeout_s, max_retries=cfg.max_retries)

    @property
    def where(self) -> str:
        return self.cfg.base_url or "api.openai.com"

    def count_tokens(self, text: str) -> int:
        return count_tokens(text, "o200k_base" if self.cfg.model.startswith(("gpt-4o", "gpt-4.1", "o")) else "cl100k_base")

    def stream(self, messages: list[dict]) -> Iterator[str]:
        if self._missing_key:
            raise BackendError(self._missing_key)
        try:
            chunks = self.client.chat.completions.create(
                model=self.cfg.model, messages=messages, max_tokens=self.cfg.max_tokens,
                temperature=self.cfg.temperature, stream=True)
            for chunk in chunks:
                if chunk.choices and chunk.choices[0].delta.content:
                    yield chunk.choices[0].delta.content
        except openai.APIError as exc:
            raise BackendError(self._explain(exc)) from None

    def _explain(self, exc: openai.APIError) -> str:
        key = self.cfg.api_key_env or "OPENAI_API_KEY"
        return explain(exc, f"backend '{self.name}' ({self.where})", Hints(
            self.cfg.model, self.cfg.timeout_s, self.cfg.max_retries, unreachable="start the server or fix base_url",
            key=f"check ${key}", other_model=f"set backends.{self.name}.model to one it serves",
            timed_out="try again, or raise timeout_s", too_long="lower retrieval.top_k or set context_window"))

    def check(self) -> str:
        if self._missing_key:
            return self._missing_key
        try:
            self.client.with_options(timeout=3, max_retries=0).models.list()
            return ""
        except openai.APIError as exc:
            return self._explain(exc)
