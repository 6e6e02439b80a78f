"""A chat model the answer step can stream from; one implementation per kind of backend."""
from __future__ import annotations

import json
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator

_JSON_OBJECT = re.compile(r"\{.*\}", re.S)


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


def json_object(reply: str) -> dict:
    """The JSON object in a model's reply (models often wrap it in prose); ValueError if none."""
    found = _JSON_OBJECT.search(reply)
    if not found:
        raise ValueError("no JSON object in the reply")
    value = json.loads(found.group(0))
    if not isinstance(value, dict):
        raise ValueError("not a JSON object")
    return value
