"""Chat models for the LLM answer backends, built from config in one place."""
from __future__ import annotations

from rag.config import BackendConfig
from rag.llm.base import BackendError, ChatModel

__all__ = ["BackendError", "ChatModel", "build_chat_model"]


def build_chat_model(name: str, cfg: BackendConfig, api_key: str | None) -> ChatModel:
    if cfg.kind in ("openai", "openai-compatible"):
        from rag.llm.openai_chat import OpenAIChat

        return OpenAIChat(name, cfg, api_key)
    if cfg.kind == "local":
        from rag.llm.llamacpp import LlamaCppChat

        return LlamaCppChat(name, cfg)
    raise ValueError(f"backend '{name}' of kind {cfg.kind!r} is not a chat model")
