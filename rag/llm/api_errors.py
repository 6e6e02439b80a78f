"""A failed call to an OpenAI-style API in one line that says what to do: shared by the chat
backends (openai_chat.py) and the remote embeddings (index/remote_embeddings.py), each with
its own hints, since each is fixed in its own config section."""
from __future__ import annotations

from dataclasses import dataclass

import openai


@dataclass
class Hints:
    model: str          # the model asked for
    timeout_s: float
    retries: int
    unreachable: str    # "start the server or fix base_url"
    key: str            # "check $OPENAI_API_KEY"
    other_model: str    # "set backends.vllm.model to one it serves"
    timed_out: str = "try again"
    too_long: str = ""  # a chat prompt over the model's context: what to lower


def explain(exc: openai.APIError, who: str, hints: Hints) -> str:
    if isinstance(exc, openai.APITimeoutError):
        return f"{who} timed out after {hints.timeout_s:g} s: {hints.timed_out}"
    if isinstance(exc, openai.APIConnectionError):
        return f"{who} is unreachable: {hints.unreachable}"
    if isinstance(exc, openai.AuthenticationError):
        return f"{who} rejected the API key: {hints.key}"
    if isinstance(exc, openai.RateLimitError):
        return f"{who} is rate-limiting requests (still after {hints.retries} retries): wait and try again"
    if isinstance(exc, openai.NotFoundError):
        return f"{who} has no model '{hints.model}': {hints.other_model}"
    if hints.too_long and isinstance(exc, openai.BadRequestError) and "context" in str(exc).lower():
        return f"{who}: the prompt does not fit the model's context; {hints.too_long}"
    status = getattr(exc, "status_code", None)
    return f"{who} failed{f' (HTTP {status})' if status else ''}: {str(exc).splitlines()[0][:200]}"
