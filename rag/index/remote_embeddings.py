"""Embeddings from OpenAI's API or any server that speaks it (vLLM, Ollama, llama.cpp server).

llama-index's `OpenAIEmbedding` accepts only OpenAI's own model names, so a vLLM or Ollama
model ("BAAI/bge-small-en-v1.5", "nomic-embed-text") is refused before any call;
`OpenAILikeEmbedding` passes the name through. A failed call becomes a one-line BackendError
naming the server, so the chat page and the CLI can say what to do instead of a traceback.
"""
from __future__ import annotations

import openai
from llama_index.embeddings.openai_like import OpenAILikeEmbedding

from rag.config import EmbeddingConfig
from rag.llm.api_errors import Hints, explain
from rag.llm.base import BackendError


class RemoteEmbedding(OpenAILikeEmbedding):
    @classmethod
    def class_name(cls) -> str:
        return "RemoteEmbedding"

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._explained(super()._get_query_embedding, query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._explained(super()._get_text_embedding, text)

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._explained(super()._get_text_embeddings, texts)

    def _explained(self, call, arg):
        try:
            return call(arg)
        except openai.APIError as exc:
            raise BackendError(explain(exc, f"the embedding server ({self.api_base or 'api.openai.com'})", Hints(
                self.model_name, self.timeout, self.max_retries, unreachable="start it or fix embedding.base_url",
                key="check the variable named by embedding.api_key_env",
                timed_out="try again, or raise embedding.timeout_s",
                other_model="set embedding.model to one it serves, or fix embedding.base_url "
                            "(an OpenAI-style address, usually ending in /v1)"))) from None


def remote_embedding(cfg: EmbeddingConfig, api_key: str | None) -> RemoteEmbedding:
    if not api_key and not cfg.base_url:
        raise BackendError(f"OpenAI embeddings need an API key: set ${cfg.api_key_env}")
    # A local server ignores the key, but the client insists on one.
    return RemoteEmbedding(model_name=cfg.model, api_key=api_key or "not-needed", api_base=cfg.base_url,
                           embed_batch_size=cfg.batch_size, max_retries=cfg.max_retries, timeout=cfg.timeout_s)
