import pytest

from rag.config import ConfigError, load_settings
from tests.conftest import ROOT


def test_shipped_config_is_valid_and_is_the_packaged_one():
    from rag.config import packaged_config_path

    assert load_settings(ROOT / "config.yaml").model_dump() == load_settings(packaged_config_path()).model_dump()


def test_bad_value_names_the_key(tmp_path):
    f = tmp_path / "c.yaml"
    f.write_text("retrieval:\n  top_k: -3\n")
    with pytest.raises(ConfigError, match=r"retrieval\.top_k"):
        load_settings(f)


def test_unknown_key_is_named(tmp_path):
    f = tmp_path / "c.yaml"
    f.write_text("index:\n  pth: /x\n")
    with pytest.raises(ConfigError, match=r"index\.pth"):
        load_settings(f)


def test_a_key_given_twice_is_named_with_its_line(tmp_path):
    f = tmp_path / "c.yaml"
    f.write_text("retrieval:\n  top_k: 5\n  dense_k: 30\n  top_k: 8\n")
    with pytest.raises(ConfigError, match=r"(?s)'top_k' appears twice.*line 4"):
        load_settings(f)
    f.write_text("retrieval:\n  top_k: 5\nanswer:\n  top_k: 5\n")  # the same key in two sections is fine
    with pytest.raises(ConfigError, match=r"answer\.top_k"):  # (answer has no top_k: named as unknown)
        load_settings(f)


def test_environment_overrides_file(tmp_path, monkeypatch):
    f = tmp_path / "c.yaml"
    f.write_text("index:\n  path: /from/file\n")
    monkeypatch.setenv("RAG_INDEX__PATH", "/from/env")
    assert load_settings(f).index.path == "/from/env"


def test_missing_and_broken_files(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "none.yaml")
    f = tmp_path / "c.yaml"
    f.write_text("index: [unclosed\n")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_settings(f)


def test_secrets_are_read_once_at_start_up_and_never_shown(monkeypatch):
    from rag.config import Secrets

    monkeypatch.setenv("OPENAI_API_KEY", "sk-start-up-123")
    monkeypatch.setenv("VLLM_API_KEY", "")
    monkeypatch.setenv("NOT_NAMED_IN_CONFIG", "x")
    secrets = Secrets.from_env(load_settings(ROOT / "config.yaml"))
    monkeypatch.setenv("OPENAI_API_KEY", "sk-changed-later")
    assert secrets.get("OPENAI_API_KEY") == "sk-start-up-123"
    assert secrets.get("VLLM_API_KEY") is None and secrets.get(None) is None
    assert secrets.get("NOT_NAMED_IN_CONFIG") is None  # only what the config names is read
    assert "sk-" not in repr(secrets) and "sk-" not in f"{secrets}" and "OPENAI_API_KEY" in repr(secrets)
