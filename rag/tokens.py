"""Token counting with tiktoken, offline.

tiktoken downloads its BPE files on first use unless TIKTOKEN_CACHE_DIR points at a copy;
llama-index-core ships one, so point there before the first encoding is built.
"""
from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources


def use_bundled_tiktoken_cache() -> None:
    if "TIKTOKEN_CACHE_DIR" not in os.environ:
        cache = resources.files("llama_index.core") / "_static" / "tiktoken_cache"
        os.environ["TIKTOKEN_CACHE_DIR"] = str(cache)


@lru_cache(maxsize=4)
def _encoding(name: str):
    use_bundled_tiktoken_cache()
    import tiktoken

    return tiktoken.get_encoding(name)


def tiktoken_encoder(name: str = "cl100k_base"):
    return _encoding(name).encode


def count_tokens(text: str, name: str = "cl100k_base") -> int:
    return len(_encoding(name).encode(text))
