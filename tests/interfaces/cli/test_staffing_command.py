"""`handoff staffing`: the known 80/20 answer, JSON, Erlang A, and bad input named by argument."""

import io
import json
import time

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

KNOWN = ["--calls", "100", "--interval", "30", "--aht", "180", "--target", "0.8", "--within", "20"]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("staffing", *args, stdout=out)
    return out.getvalue()


def test_100_calls_per_half_hour_need_14_agents_and_20_with_shrinkage() -> None:
    text = run(*KNOWN, "--max-occupancy", "0.85", "--shrinkage", "0.3")
    assert "Erlang C" in text
    assert "agents (raw)            14" in text
    assert "agents with shrinkage   20" in text
    assert "service level           0.888" in text
    assert "occupancy               0.714" in text
    assert "probability of waiting  0.174" in text
    assert "abandonment" not in text


def test_json_output_carries_every_figure() -> None:
    result = json.loads(run(*KNOWN, "--max-occupancy", "0.85", "--shrinkage", "0.3", "--json"))
    assert result["model"] == "erlang_c"
    assert (result["agents_raw"], result["agents_with_shrinkage"]) == (14, 20)
    assert round(result["service_level"], 3) == 0.888
    assert round(result["occupancy"], 3) == 0.714
    assert round(result["p_wait"], 3) == 0.174
    assert round(result["asa_seconds"], 2) == 7.84
    assert result["traffic_erlangs"] == 10
    assert result["p_abandon"] == 0


def test_patience_switches_to_erlang_a_which_needs_fewer_agents() -> None:
    result = json.loads(run(*KNOWN, "--patience", "300", "--json"))
    assert result["model"] == "erlang_a"
    assert result["agents_raw"] == 13  # callers who give up relieve the queue
    assert 0 < result["p_abandon"] < 0.05
    assert result["service_level"] >= 0.8
    assert "abandonment" in run(*KNOWN, "--patience", "300")


def test_an_asa_target_alone_is_enough() -> None:
    result = json.loads(run("--calls", "100", "--aht", "180", "--asa", "15", "--json"))
    assert result["asa_seconds"] <= 15
    assert result["agents_raw"] == 14  # 13 agents: ASA = 0.2853 × 180 s / 3 = 17.1 s


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--calls", "0", "--aht", "180", "--target", "0.8"], "--calls must be more than 0"),
        (["--calls", "-5", "--aht", "180", "--target", "0.8"], "--calls must be more than 0"),
        (["--calls", "100", "--aht", "0", "--target", "0.8"], "--aht must be more than 0"),
        (["--calls", "100", "--aht", "180", "--interval", "0", "--target", "0.8"], "--interval must be more than 0"),
        (["--calls", "100", "--aht", "180", "--target", "1", "--within", "0"], "--target must be above 0 and below 1"),
        (["--calls", "100", "--aht", "180", "--target", "80"], "--target must be above 0 and below 1"),
        (["--calls", "100", "--aht", "180", "--target", "0.8", "--within", "-1"], "--within must be zero or more"),
        (["--calls", "100", "--aht", "180", "--asa", "0"], "--asa must be more than 0"),
        (["--calls", "100", "--aht", "180", "--max-occupancy", "1.2"], "--max-occupancy must be above 0"),
        (["--calls", "100", "--aht", "180", "--max-abandonment", "0.05"], "--max-abandonment needs --patience"),
        (["--calls", "100", "--aht", "180", "--target", "0.8", "--shrinkage", "1"], "--shrinkage must be at least 0"),
        (["--calls", "100", "--aht", "180", "--target", "0.8", "--shrinkage", "abc"], "--shrinkage must be a number"),
        (["--calls", "100", "--aht", "180", "--target", "0.8", "--patience", "0"], "--patience must be more than 0"),
        (["--calls", "100", "--aht", "180"], "give a target"),
        (["--calls", "1e12", "--aht", "180", "--target", "0.8"], "Erlangs; at most 100,000"),
        (["--calls", "nan", "--aht", "180", "--target", "0.8"], "--calls must be more than 0"),
    ],
)
def test_bad_input_is_a_command_error_naming_the_argument(args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_the_largest_accepted_queue_answers_quickly() -> None:
    began = time.perf_counter()
    result = json.loads(run("--calls", "1000000", "--aht", "180", "--target", "0.8", "--patience", "60", "--json"))
    assert result["agents_raw"] > 0
    assert time.perf_counter() - began < 20
