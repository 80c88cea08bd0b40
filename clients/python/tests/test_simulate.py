"""Simulation wrappers against a real server: odds, fans, the full report, streams."""

from __future__ import annotations

import math
import time

import pandas as pd
import pytest

import chaincast
from chaincast.v1 import model_pb2, scenario_pb2
from chaincast.v1 import simulation_service_pb2 as sp
from server_fixtures import scrape

PATHS = 20_000
SEED = 7
COUNTIES = ["etdz", "haizhou", "guannan", "ganyu", "donghai", "guanyun", "lianyun"]

ODDS_DTYPES = {
    "target_id": "string",
    "plan_id": "string",
    "name_zh": "string",
    "name_en": "string",
    "year": "int64",
    "comparison": "string",
    "target_value": "float64",
    "unit": "string",
    "kind": "string",
    "p_hit": "float64",
    "p_hit_se": "float64",
    "ci_low": "float64",
    "ci_high": "float64",
    "hits": "int64",
    "paths": "int64",
    "effective_paths": "float64",
    "median": "float64",
    "mean": "float64",
    "p5": "float64",
    "p25": "float64",
    "p50": "float64",
    "p75": "float64",
    "p95": "float64",
    "base_year": "Int64",
    "base_value": "float64",
    "required_growth": "float64",
    "median_growth": "float64",
    "expected_shortfall": "float64",
    "method": "string",
    "variance_reduction": "float64",
    "plain_p_hit": "float64",
    "plain_p_hit_se": "float64",
    # the columns every tidy odds row ends with (targets, thresholds, joint sets)
    "row": "string",
    "upper_value": "float64",
    "region_id": "string",
    "chain_id": "string",
    "part_of": "string",
    "joint_target_ids": "object",
    "min_single_p_hit": "float64",
}


def raw_simulate(stub, **spec_fields) -> sp.SimulationReport:
    return stub.Simulate(sp.SimulateRequest(spec=sp.SimulationSpec(**spec_fields)), timeout=60).report


def assert_odds_equal_report(df: pd.DataFrame, report: sp.SimulationReport) -> None:
    """Every cell of the odds table is the server's number (NaN only where the server sent no base)."""
    assert len(df) == len(report.odds)
    for row, o in zip(df.to_dict("records"), report.odds):
        assert row["target_id"] == o.target_id and row["plan_id"] == o.plan_id
        assert (row["name_zh"], row["name_en"], row["year"]) == (o.name.zh, o.name.en, o.year)
        assert row["target_value"] == o.target_value
        assert row["p_hit"] == o.p_hit.estimate and row["p_hit_se"] == o.p_hit.standard_error
        assert (row["ci_low"], row["ci_high"]) == (o.p_hit.ci_low, o.p_hit.ci_high)
        assert (row["hits"], row["paths"]) == (o.p_hit.hits, o.p_hit.paths)
        assert row["effective_paths"] == o.p_hit.effective_paths
        assert (row["median"], row["mean"], row["expected_shortfall"]) == (o.median, o.mean, o.expected_shortfall)
        for pv in o.percentiles:
            assert row[f"p{pv.percentile:g}"] == pv.value
        assert (row["base_value"], row["base_year"]) == (o.base_value, o.base_year)
        assert row["variance_reduction"] == o.variance_reduction
        assert (row["plain_p_hit"], row["plain_p_hit_se"]) == (o.plain_p_hit.estimate, o.plain_p_hit.standard_error)
        if o.kind != model_pb2.TARGET_KIND_CHAINS_ABOVE and o.base_value > 0:  # output and count targets
            assert (row["required_growth"], row["median_growth"]) == (o.required_growth, o.median_growth)
        else:  # chains-above targets: the server computes no growth (sends 0)
            assert o.required_growth == 0 and o.median_growth == 0
            assert math.isnan(row["required_growth"]) and math.isnan(row["median_growth"])


def test_odds_columns_dtypes_and_values(client: chaincast.Client, simulation_stub) -> None:
    df = client.odds(paths=PATHS, seed=SEED)
    assert {c: str(t) for c, t in df.dtypes.items()} == ODDS_DTYPES
    assert list(df.columns) == list(ODDS_DTYPES)
    # The default selection: every simulated 2025 target, same as the raw call.
    report = raw_simulate(simulation_stub, paths=PATHS, seed=SEED)
    assert_odds_equal_report(df, report)
    assert len(df) > 20 and (df["year"] == 2025).all() and (df["paths"] == PATHS).all()
    assert ((df["ci_low"] <= df["p_hit"]) & (df["p_hit"] <= df["ci_high"])).all()
    assert df.attrs["run"]["seed"] == SEED and df.attrs["run"]["paths"] == PATHS
    assert "亿元" in df.attrs["units"]
    head = df.set_index("target_id").loc["pharma-output-2025"]
    assert head["comparison"] == ">" and head["unit"] == "亿元" and head["target_value"] == 1000
    assert head["kind"] == "output" and 0.05 < head["p_hit"] < 0.95
    assert head["median_growth"] > 0
    above = df[df["kind"] == "chains_above"]
    assert len(above) == 3 and above["required_growth"].isna().all() and above["median_growth"].isna().all()
    assert above.set_index("target_id").loc["chains-above-500-2025", "base_value"] == 2  # chains above 500 in 2020
    counts = df[df["kind"] == "count"]
    assert len(counts) > 0 and (counts["unit"] == "count").all()
    # Count targets carry growth from a positive base; with no firms yet there is nothing to grow from.
    assert (counts["required_growth"].isna() == (counts["base_value"] <= 0)).all()


def test_odds_selection_percentiles_and_determinism(client: chaincast.Client, simulation_stub) -> None:
    ids = ["pharma-output-2025-etdz", "pharma-output-2025-haizhou"]
    df = client.odds(ids, paths=PATHS, seed=SEED, percentiles=[10, 50, 90])
    assert list(df["target_id"]) == ids
    assert [c for c in df.columns if c.startswith("p") and c[1:2].isdigit()] == ["p10", "p50", "p90"]
    assert (df["p50"] == df["median"]).all()
    report = raw_simulate(
        simulation_stub, targets=sp.TargetSelection(target_ids=ids), paths=PATHS, seed=SEED, percentiles=[10, 50, 90]
    )
    assert_odds_equal_report(df, report)
    again = client.odds(ids, paths=PATHS, seed=SEED, percentiles=[10, 50, 90])
    pd.testing.assert_frame_equal(df, again)
    other_seed = client.odds(ids, paths=PATHS, seed=SEED + 1, percentiles=[10, 50, 90])
    assert not other_seed["hits"].equals(df["hits"])


def test_variance_reduction_is_chosen_per_target_and_reported(client: chaincast.Client) -> None:
    ids = ["pharma-output-2025", "pharma-firms-above-size-2025"]
    # The default at 20,000 paths: quasi-random paths, the conditional estimate for output targets.
    auto = client.odds(ids, paths=PATHS, seed=SEED).set_index("target_id")
    assert auto.loc["pharma-output-2025", "method"] == "quasi_random_conditional"
    assert auto.loc["pharma-output-2025", "variance_reduction"] > 3
    assert auto.loc["pharma-firms-above-size-2025", "method"] == "quasi_random"
    # Pseudo-random paths: an output target gets the conditional estimate, narrower than its hits.
    cond = client.odds(ids, paths=PATHS, seed=SEED, variance="conditional").set_index("target_id")
    head = cond.loc["pharma-output-2025"]
    assert head["method"] == "conditional" and head["variance_reduction"] > 1
    assert head["p_hit_se"] < head["plain_p_hit_se"]
    # A count target has none: plain Monte Carlo, factor 1, the same estimate twice.
    firms = cond.loc["pharma-firms-above-size-2025"]
    assert firms["method"] == "plain" and firms["variance_reduction"] == 1
    assert firms["p_hit"] == firms["plain_p_hit"]
    plain = client.odds(ids, paths=PATHS, seed=SEED, variance="plain").set_index("target_id")
    assert (plain["method"] == "plain").all()
    # The same paths: plain's estimate is the conditional run's hit count.
    assert plain.loc["pharma-output-2025", "p_hit"] == head["plain_p_hit"]
    report = client.simulate(ids, paths=PATHS, seed=SEED, variance="conditional")
    assert report.run.variance_reduction == "conditional"
    assert "XO_RO_SHI_RO_128_PP" in report.run.generator and "Ziggurat" in report.run.sampler
    assert report.run.engine_version
    with pytest.raises(ValueError, match="variance must be one of"):
        client.odds(ids, paths=PATHS, variance="magic")


def test_odds_by_plan_and_year(client: chaincast.Client) -> None:
    df = client.odds(plan="lzbf-2023-53", year=2025, paths=5_000, seed=SEED)
    assert set(df["plan_id"]) == {"lzbf-2023-53"}
    listed = client.targets(plan="lzbf-2023-53", year=2025, simulated_only=True)
    assert set(df["target_id"]) == set(listed["id"])
    assert {"pharma-output-2025"} | {f"pharma-output-2025-{r}" for r in COUNTIES} <= set(df["target_id"])


def test_what_if_override_moves_the_odds(client: chaincast.Client, simulation_stub) -> None:
    ids = ["pharma-output-2025", "pharma-output-2025-haizhou"]
    cells = client.cells(chain="pharma").set_index("id")
    drift = float(cells.loc["pharma@haizhou", "drift_mean"])
    base = client.odds(ids, paths=PATHS, seed=SEED).set_index("target_id")
    lowered = client.odds(
        ids, paths=PATHS, seed=SEED, overrides={"pharma@haizhou": {"drift_mean": drift - 0.05}}
    ).set_index("target_id")
    assert lowered.loc["pharma-output-2025-haizhou", "p_hit"] < base.loc["pharma-output-2025-haizhou", "p_hit"] - 0.1
    assert lowered.loc["pharma-output-2025", "p_hit"] < base.loc["pharma-output-2025", "p_hit"]
    # The same what-if through the raw API gives the same numbers.
    report = raw_simulate(
        simulation_stub,
        targets=sp.TargetSelection(target_ids=ids),
        paths=PATHS,
        seed=SEED,
        overrides=[scenario_pb2.CellOverride(cell_id="pharma@haizhou", drift_mean=drift - 0.05)],
    )
    assert_odds_equal_report(lowered.reset_index(), report)
    # The list-of-dicts form is the same request.
    as_list = client.odds(ids, paths=PATHS, seed=SEED, overrides=[{"cell_id": "pharma@haizhou", "drift_mean": drift - 0.05}])
    pd.testing.assert_frame_equal(as_list.set_index("target_id"), lowered)


def test_simulate_report_parts(client: chaincast.Client, simulation_stub) -> None:
    rep = client.simulate(
        paths=PATHS,
        seed=SEED,
        joint={"etdz-and-haizhou": ["pharma-output-2025-etdz", "pharma-output-2025-haizhou"]},
        overrides={"pharma@guannan": {"volatility": 0.3}},
        shock="student_t",
    )
    raw = raw_simulate(
        simulation_stub,
        paths=PATHS,
        seed=SEED,
        joint=[sp.JointRequest(id="etdz-and-haizhou", target_ids=["pharma-output-2025-etdz", "pharma-output-2025-haizhou"])],
        overrides=[scenario_pb2.CellOverride(cell_id="pharma@guannan", volatility=0.3)],
        shock_distribution=2,
    )
    assert isinstance(rep, chaincast.Report) and rep.raw == raw.__class__.FromString(rep.raw.SerializeToString())
    assert rep.run.shock_distribution == "student_t" and rep.run.stop_reason == "paths_done"
    assert rep.run.seed == SEED and rep.run.paths == PATHS
    assert_odds_equal_report(rep.odds, raw)
    assert list(rep.joint["id"]) == [j.id for j in raw.joint]
    assert list(rep.joint["p_all_hit"]) == [j.p_all_hit.estimate for j in raw.joint]
    assert list(rep.joint["min_marginal"]) == [j.min_marginal for j in raw.joint]
    mine = rep.joint.set_index("id").loc["etdz-and-haizhou"]
    assert mine["targets"] == 2 and mine["p_all_hit"] <= mine["min_marginal"]
    assert str(rep.joint["p_all_hit"].dtype) == "float64"
    assert len(rep.skipped) == len(raw.skipped) > 50 and rep.skipped["reason"].str.len().gt(0).all()
    overridden = rep.assumptions[rep.assumptions["source"] == "override"]
    assert list(zip(overridden["cell_id"], overridden["parameter"], overridden["value"])) == [
        ("pharma@guannan", "volatility", 0.3)
    ]
    assert len(rep.assumptions) == len(raw.assumptions)


def test_precision_run(client: chaincast.Client) -> None:
    # A 0.01 half-width needs at most about 9,600 paths (p = 0.5); the cap is 20 times that, so a
    # run that stops at the cap means the precision rule did not work, and the test fails.
    rep = client.simulate(["pharma-output-2025-etdz"], precision=0.01, max_paths=200_000, seed=SEED)
    assert rep.run.stop_reason == "precision_reached", rep.run
    assert rep.run.paths < 200_000, rep.run
    assert rep.run.wanted_half_width == 0.01
    assert 0 < rep.run.max_half_width <= 0.01, rep.run
    with pytest.raises(ValueError, match="paths or precision"):
        client.odds(paths=100, precision=0.01)


FAN_DTYPES = {
    "group": "string",
    "subject_kind": "string",
    "name_zh": "string",
    "name_en": "string",
    "unit": "string",
    "year": "int64",
    "percentile": "float64",
    "value": "float64",
}


def test_fan_long_format_matches_the_server(client: chaincast.Client, simulation_stub) -> None:
    subjects = ["target:pharma-output-2025-etdz", "pharma@haizhou", "city", "chain:pharma", ("region", "ganyu")]
    df = client.fan(subjects, paths=PATHS, seed=SEED, horizon=2027)
    assert {c: str(t) for c, t in df.dtypes.items()} == FAN_DTYPES
    assert list(df.columns) == list(FAN_DTYPES)
    assert list(dict.fromkeys(df["group"])) == ["pharma-output-2025-etdz", "pharma@haizhou", "city", "pharma", "ganyu"]
    assert list(dict.fromkeys(df["subject_kind"])) == ["target", "cell", "city", "chain", "region"]
    # Base year to horizon, five default percentiles, for each group.
    for _, part in df.groupby("group"):
        assert sorted(part["year"].unique()) == list(range(2020, 2028))
        assert sorted(part["percentile"].unique()) == [5.0, 25.0, 50.0, 75.0, 95.0]
        assert len(part) == 8 * 5
    raw = raw_simulate(
        simulation_stub,
        targets=sp.TargetSelection(target_ids=["pharma-output-2025-etdz"]),
        paths=PATHS,
        seed=SEED,
        horizon_year=2027,
        fans=[
            sp.FanRequest(subject=sp.Subject(target_id="pharma-output-2025-etdz")),
            sp.FanRequest(subject=sp.Subject(cell_id="pharma@haizhou")),
            sp.FanRequest(subject=sp.Subject(city=True)),
            sp.FanRequest(subject=sp.Subject(chain_id="pharma")),
            sp.FanRequest(subject=sp.Subject(region_id="ganyu")),
        ],
    )
    expected = [
        (fy.year, pv.percentile, pv.value) for fan in raw.fans for fy in fan.years for pv in fy.percentiles
    ]
    assert list(zip(df["year"], df["percentile"], df["value"])) == expected
    etdz = df[(df["group"] == "pharma-output-2025-etdz")]
    assert etdz[etdz["year"] == 2020]["value"].tolist() == pytest.approx([442.02] * 5)  # the base is known
    assert etdz["unit"].iloc[0] == "亿元" and etdz["name_en"].iloc[0] == "Pharma output, ETDZ"
    # The target subject comes with its line for plot_fan.
    line = df.attrs["targets"]["pharma-output-2025-etdz"]
    assert (line["target_value"], line["year"], line["comparison"]) == (790.0, 2025, ">=")
    assert df.attrs["run"]["horizon_year"] == 2027


def test_fan_subject_forms(client: chaincast.Client) -> None:
    df = client.fan(["pharma", "etdz", {"target_id": "pharma-output-2025"}], paths=2_000, seed=SEED)
    kinds = dict(zip(df["group"], df["subject_kind"]))
    assert kinds == {"pharma": "chain", "etdz": "region", "pharma-output-2025": "target"}
    with pytest.raises(ValueError, match="unknown fan subject"):
        client.fan("no-such-thing", paths=1_000)
    with pytest.raises(ValueError, match="subject kind"):
        client.fan(("county", "etdz"), paths=1_000)


def test_stream_yields_progress_then_the_report(client: chaincast.Client) -> None:
    ids = ["pharma-output-2025", "pharma-output-2025-etdz"]
    events = list(client.stream(ids, paths=200_000, seed=SEED))
    *progress, final = events
    assert progress and all(isinstance(p, chaincast.Progress) for p in progress)
    assert isinstance(final, chaincast.Report)
    done = [p.paths_done for p in progress]
    assert done == sorted(done) and done[-1] <= 200_000
    assert all(p.paths_planned == 200_000 and 0 < p.fraction <= 1 for p in progress)
    last = progress[-1].estimates
    assert list(last["target_id"]) == ids and str(last["p_hit"].dtype) == "float64"
    assert final.run.paths == 200_000
    # Same seed, same numbers as the unary call.
    pd.testing.assert_frame_equal(final.odds, client.odds(ids, paths=200_000, seed=SEED))


CANCELLED_SIMULATIONS = 'chaincast_run_duration_seconds_count{kind="simulation",outcome="cancelled"}'
RUNS_ACTIVE = "chaincast_runs_active{}"


def test_stream_stopped_early_cancels_cleanly(client: chaincast.Client, metrics_url: str) -> None:
    cancelled_before = scrape(metrics_url).get(CANCELLED_SIMULATIONS, 0.0)
    stream = client.stream(paths=20_000_000, seed=SEED)
    first = next(stream)
    assert isinstance(first, chaincast.Progress) and first.paths_done < 20_000_000
    assert scrape(metrics_url)[RUNS_ACTIVE] >= 1, "the run is on the server's engine"
    stream.close()  # cancels the call; the server stops the run
    # From the server's side: the run is counted as cancelled and nothing is left running. The
    # deadline is a safety net for a loaded machine; the loop ends as soon as the server says so.
    deadline = time.monotonic() + 60
    while True:
        samples = scrape(metrics_url)
        if samples.get(CANCELLED_SIMULATIONS, 0.0) > cancelled_before and samples[RUNS_ACTIVE] == 0:
            break
        assert time.monotonic() < deadline, f"the server did not stop the run: {samples.get(CANCELLED_SIMULATIONS)}, {samples[RUNS_ACTIVE]} active"
        time.sleep(0.05)
    # The client still works afterwards.
    assert len(client.regions()) == 8
