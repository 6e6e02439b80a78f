"""Metadata filters evaluated in Python, for the parts of the index that are not Chroma."""
from __future__ import annotations

from llama_index.core.vector_stores import MetadataFilters
from llama_index.core.vector_stores.utils import build_metadata_filter_fn


def matches(meta: dict, filters: MetadataFilters | None) -> bool:
    return build_metadata_filter_fn(lambda _: meta, filters)("")
