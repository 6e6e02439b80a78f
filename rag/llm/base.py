"""A chat model the answer step can stream from; one implementation per kind of backend."""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator


class BackendError(RuntimeError):
    """A backend failed in a way the user can act on; the message is one line and says what to do."""


class ChatModel(ABC):
    name: str            # the backend's name in config
    context_window: int
    max_tokens: int

    @abstractmethod
    def stream(self, messages: list[dict]) -> Iterator[str]:
        """Text pieces of the reply as they arrive; raises BackendError."""

    @abstractmethod
    def count_tokens(self, text: str) -> int: ...

    @abstractmethod
    def check(self) -> str:
        """'' when usable right now, else why not (one line). Cheap: no generation."""
