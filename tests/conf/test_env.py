"""Typed environment readers: good values parse, bad values stop the process, the secret key is kept safe."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from handoff.conf.env import EnvError, env_bool, env_int, env_list, env_str, secret_key

VAR = "HANDOFF_TEST_SETTING"


@pytest.mark.parametrize("raw", ["1", "true", "TRUE", " yes ", "on"])
def test_env_bool_reads_true(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv(VAR, raw)
    assert env_bool(VAR, default=False) is True


@pytest.mark.parametrize("raw", ["0", "false", "No", "off", ""])
def test_env_bool_reads_false(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv(VAR, raw)
    assert env_bool(VAR, default=True) is False


def test_env_bool_unset_gives_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(VAR, raising=False)
    assert env_bool(VAR, default=True) is True
    assert env_bool(VAR) is False


@pytest.mark.parametrize("raw", ["ture", "2", "enabled", "y e s"])
def test_env_bool_rejects_a_bad_value(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv(VAR, raw)
    with pytest.raises(EnvError, match=VAR):
        env_bool(VAR)


def test_env_int(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(VAR, "8080")
    assert env_int(VAR, 1) == 8080
    monkeypatch.setenv(VAR, " ")
    assert env_int(VAR, 7) == 7
    monkeypatch.setenv(VAR, "80a")
    with pytest.raises(EnvError, match="integer"):
        env_int(VAR, 1)


def test_env_list_and_str(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(VAR, raising=False)
    default = ["localhost"]
    assert env_list(VAR, default) == ["localhost"]
    assert env_list(VAR, default) is not default, "callers may not mutate the default"
    assert env_str(VAR, "fallback") == "fallback"
    monkeypatch.setenv(VAR, " a.example.com, ,b.example.com ")
    assert env_list(VAR, default) == ["a.example.com", "b.example.com"]


def test_secret_key_prefers_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(VAR, "from-the-environment")
    key_file = tmp_path / "secret_key"
    assert secret_key(VAR, key_file) == "from-the-environment"
    assert not key_file.exists()


def test_secret_key_is_generated_private_and_reused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(VAR, raising=False)
    key_file = tmp_path / "var" / "secret_key"
    first = secret_key(VAR, key_file)
    assert len(first) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert secret_key(VAR, key_file) == first
    assert secret_key(VAR, tmp_path / "elsewhere") != first, "each deployment gets its own key"
