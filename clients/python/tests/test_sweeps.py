"""Sweeps and goal seek through the real server."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import pytest

import chaincast
from chaincast.sweeps import parameter_proto

TARGET = "pharma-output-2025-etdz"


def test_a_sweep_returns_a_tidy_frame_and_resumes(client: chaincast.Client) -> None:
    axes = {"pharma@etdz.drift": [0.05, 0.15], "pharma@etdz.vol": [0.05, 0.15]}
    df = client.sweep(axes, targets=TARGET, paths=4000, sweep_id="py-sweep-resume")
    assert len(df) == 4
    assert list(df.columns[:3]) == ["point", "pharma@etdz.drift_mean", "pharma@etdz.volatility"]
    assert (df["id"] == TARGET).all()
    # More drift, better odds, at either volatility (same paths).
    low = df[df["pharma@etdz.drift_mean"] == 0.05].set_index("pharma@etdz.volatility")["p_hit"]
    high = df[df["pharma@etdz.drift_mean"] == 0.15].set_index("pharma@etdz.volatility")["p_hit"]
    assert (high > low).all()
    again = client.sweep(axes, targets=TARGET, paths=4000, sweep_id="py-sweep-resume")
    assert again["resumed"].all()
    assert again.attrs["points_computed"] == 0
    assert again["p_hit"].tolist() == df["p_hit"].tolist()
    stored = client.get_sweep("py-sweep-resume")
    assert stored.attrs["state"] == "done"
    assert stored["p_hit"].tolist() == df["p_hit"].tolist()
    ax = chaincast.plot_sweep(df)
    assert ax.get_xlabel() == "pharma@etdz.drift_mean"


def test_a_one_axis_sweep_plots_lines(client: chaincast.Client) -> None:
    seen = []
    df = client.sweep({"pharma@etdz.drift": [0.05, 0.1, 0.15]}, targets=TARGET, paths=2000, on_progress=seen.append)
    assert [p.points_done for p in seen] == [1, 2, 3]
    ax = chaincast.plot_sweep(df)
    assert ax.get_ylabel() == "P(hit)"
    assert df["p_hit"].is_monotonic_increasing


def test_goal_seek_hits_the_wanted_probability(client: chaincast.Client) -> None:
    g = client.goal_seek(TARGET, "pharma@etdz.drift", 0, 0.5, 0.8, paths=4000)
    assert 0 < g.value < 0.5
    assert abs(g.p_hit - 0.8) < 1e-3
    assert 0 < g.standard_error < 0.05
    assert g.p_low < 0.8 < g.p_high


@pytest.mark.parametrize("p", [0.0, 1.0, math.nan])
def test_a_probability_outside_the_open_interval_is_invalid(client: chaincast.Client, p: float) -> None:
    with pytest.raises(chaincast.InvalidArgument) as e:
        client.goal_seek(TARGET, "pharma@etdz.drift", 0, 0.5, p, paths=1000)
    assert "probability" in e.value.fields


def test_an_empty_axis_is_invalid(client: chaincast.Client) -> None:
    with pytest.raises(chaincast.InvalidArgument) as e:
        client.sweep({"pharma@etdz.drift": []}, targets=TARGET, paths=1000)
    assert "grid.axes[0].values" in e.value.fields


def test_parameters_are_read_as_on_the_command_line() -> None:
    assert parameter_proto("incubators@etdz.rate").count_cell_id == "incubators@etdz"
    with pytest.raises(ValueError):
        parameter_proto("pharma@etdz.speed")
