"""Client.estimate and Client.backtest against the real server, on the SYNTHETIC example file."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import chaincast  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "synthetic-actuals.csv"
CELLS = {"pharma@etdz", "pharma@haizhou", "pharma@ganyu", "pharma@donghai", "steel@unallocated", "new_energy@unallocated"}


@pytest.fixture(scope="module")
def actuals() -> pd.DataFrame:
    return pd.read_csv(EXAMPLE, keep_default_na=False)


def test_estimate_gives_each_cell_an_estimated_posterior(client: chaincast.Client, actuals: pd.DataFrame) -> None:
    df = client.estimate(points=actuals)
    assert set(df["cell_id"]) == CELLS
    assert (df["provenance"] == "PROVENANCE_KIND_ESTIMATED").all()
    assert (df["observations"] == 14).all()
    assert ((df["drift_p10"] < df["drift_mean"]) & (df["drift_mean"] < df["drift_p90"])).all()
    assert ((df["volatility_p10"] < df["volatility"]) & (df["volatility"] < df["volatility_p90"])).all()
    assert "normal-inverse-gamma" in df.attrs["method"]
    one = client.estimate(points=actuals, cells=["pharma@ganyu"])
    assert list(one["cell_id"]) == ["pharma@ganyu"]
    # Pooling uses every cell's data, so the filtered answer is the same number.
    assert one["drift_mean"].iloc[0] == df.set_index("cell_id").loc["pharma@ganyu", "drift_mean"]


def test_backtest_rows_and_summary(client: chaincast.Client, actuals: pd.DataFrame) -> None:
    rows, summary = client.backtest(points=actuals, horizon=2)
    assert set(summary["method"]) == {"model", "random_walk", "plan"}
    assert sorted(set(summary["horizon"])) == [1, 2]
    assert len(summary) == 6
    for s in summary.itertuples():
        assert sum(s.pit_histogram) == s.forecasts
        part = rows[(rows["method"] == s.method) & (rows["horizon"] == s.horizon)]
        assert len(part) == s.forecasts
        inside = ((part["actual"] >= part["lower_80"]) & (part["actual"] <= part["upper_80"])).mean()
        assert inside == pytest.approx(s.coverage_80)
        assert part["crps"].mean() == pytest.approx(s.mean_crps)
    assert (rows["target_year"] == rows["vantage_year"] + rows["horizon"]).all()
    assert rows["target_year"].max() == 2024


def test_plots_draw_every_method(client: chaincast.Client, actuals: pd.DataFrame) -> None:
    _, summary = client.backtest(points=actuals)
    ax = chaincast.plot_pit(summary, cjk=False)
    assert len(ax.patches) == 3 * 10
    heights = [p.get_height() for p in ax.patches]
    assert sum(heights) == pytest.approx(3 * 10.0)  # each method's densities average 1
    ax2 = chaincast.plot_coverage(summary, cjk=False)
    assert len(ax2.get_lines()) == 1 + 3
    plt.close("all")
    with pytest.raises(ValueError, match="summary DataFrame"):
        chaincast.plot_pit(pd.DataFrame({"x": [1]}))


def test_bad_points_name_the_field(client: chaincast.Client) -> None:
    with pytest.raises(chaincast.InvalidArgument) as info:
        client.backtest(points=[{"subject_id": "pharma@etdz", "year": 2020, "value": -1}])
    assert info.value.fields == ["points[0].value"]
    with pytest.raises(chaincast.NotFound):
        client.backtest(dataset_id="no-such-dataset")
    with pytest.raises(chaincast.InvalidArgument) as short:
        client.backtest(points=[{"subject_id": "pharma@etdz", "year": 2020 + i, "value": 10 + i} for i in range(4)])
    assert "at least min_history + 1 = 5" in str(short.value)
