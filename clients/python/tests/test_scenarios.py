"""Stored scenarios, scenario= on simulations, compare and sensitivity, against a real server.

The shared test server keeps its scenario store in a fresh temporary directory
(server_fixtures.py); every id here carries a per-run suffix all the same, so
the tests also pass against a server given by CHAINCAST_TARGET.
"""

from __future__ import annotations

import math
import re
import uuid

import grpc
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from google.protobuf import json_format  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

import chaincast  # noqa: E402
from chaincast import plotting  # noqa: E402
from chaincast.scenarios import scenario_overrides  # noqa: E402
from chaincast.v1 import scenario_service_pb2 as ssp  # noqa: E402
from chaincast.v1 import simulation_service_pb2 as sp  # noqa: E402
from server_fixtures import REPO_ROOT  # noqa: E402

RUN = uuid.uuid4().hex[:6]
CITY = "pharma-output-2025"
HAIZHOU = "pharma-output-2025-haizhou"
PATHS = 20_000
SEED = 11

SCENARIO_DTYPES = {
    "id": "string",
    "name_zh": "string",
    "name_en": "string",
    "description": "string",
    "etag": "string",
    "create_time": "datetime64[ns, UTC]",
    "update_time": "datetime64[ns, UTC]",
    "changes": "int64",
    "cells": "int64",
    "counts": "int64",
    "added_events": "int64",
    "removed_events": "int64",
    "delayed_events": "int64",
    "macro_shocks": "int64",
    "observations": "int64",
}

COMPARE_DTYPES = {
    "target_id": "string",
    "name_zh": "string",
    "name_en": "string",
    "year": "int64",
    "target_value": "float64",
    "unit": "string",
    "kind": "string",
    "p_hit_baseline": "float64",
    "p_hit_alternative": "float64",
    "difference": "float64",
    "standard_error": "float64",
    "independent_standard_error": "float64",
    "ci_low": "float64",
    "ci_high": "float64",
    "baseline_only": "int64",
    "alternative_only": "int64",
    "p_hit_baseline_se": "float64",
    "p_hit_alternative_se": "float64",
    "paths": "int64",
}

TORNADO_DTYPES = {
    "input_id": "string",
    "cell_id": "string",
    "parameter": "string",
    "unit": "string",
    "value": "float64",
    "low_value": "float64",
    "high_value": "float64",
    "step": "string",
    "p_hit_low": "float64",
    "p_hit_high": "float64",
    "p_hit_low_se": "float64",
    "p_hit_high_se": "float64",
    "difference_low": "float64",
    "standard_error_low": "float64",
    "difference_high": "float64",
    "standard_error_high": "float64",
    "swing": "float64",
}


def sid(name: str) -> str:
    return f"{name}-{RUN}"


def slower_haizhou(client: chaincast.Client) -> dict:
    """Haizhou's pharma drift 3 points lower than seeded."""
    drift = float(client.cells(chain="pharma").set_index("id").loc["pharma@haizhou", "drift_mean"])
    return {"cells": {"pharma@haizhou": {"drift_mean": drift - 0.03}}}


WORKBENCH = {
    "pharma@haizhou": {"drift_mean": -0.01, "volatility": 0.12},  # a cell id as a key
    "counts": {"pharma_firms_above_size@etdz": {"yearly_rate": 3.0}},
    "added_events": [
        {
            "cell_id": "pharma@etdz",
            "event": {
                "id": "new-api-plant",
                "name": {"zh": "新原料药基地", "en": "new API plant"},
                "first_year": 2024,
                "last_year": 2025,
                "yearly_probability": 0.4,
                "jump_log_mean": 0.05,
                "jump_log_sd": 0.02,
            },
        }
    ],
    "delayed_events": [{"cell_id": "pharma@etdz", "event_id": "new-api-plant", "years": 1}],
    "macro_shocks": [{"id": "slump-2024", "city": True, "year": 2024, "change": -0.05}],
    "observations": [
        {"id": "haizhou-2023", "cell_id": "pharma@haizhou", "year": 2023, "value": 210.0, "source": "test yearbook"}
    ],
}


# ------------------------------------------------------------------- CRUD


def test_create_get_list_round_trip(client: chaincast.Client, scenario_stub) -> None:
    created = client.create_scenario(
        sid("workbench"), ("工作台", "Workbench"), "every kind of change", overrides=WORKBENCH
    )
    assert isinstance(created, chaincast.Scenario)
    assert (created.id, created.name_zh, created.name_en, created.description) == (
        sid("workbench"), "工作台", "Workbench", "every kind of change")
    assert created.etag and created.create_time == created.update_time
    assert created.create_time.tz is not None and created.create_time.year >= 2024
    # What is stored is what the dict says, field for field.
    sent = scenario_overrides(WORKBENCH)
    assert created.overrides == sent
    assert [c.cell_id for c in sent.cells] == ["pharma@haizhou"] and sent.cells[0].volatility == 0.12
    assert sent.macro_shocks[0].city and sent.added_events[0].event.name.en == "new API plant"

    got = client.get_scenario(sid("workbench"))
    raw = scenario_stub.GetScenario(ssp.GetScenarioRequest(scenario_id=sid("workbench")), timeout=30).scenario
    assert got.raw == raw and got.etag == created.etag and got.overrides == sent
    changes = got.changes
    assert {c: str(t) for c, t in changes.dtypes.items()} == {
        "change": "string", "subject": "string", "item": "string", "value": "float64", "year": "Int64"}
    assert changes["change"].tolist() == [
        "cell", "cell", "count", "added_event", "delayed_event", "macro_shock", "observation"]
    shock = changes[changes["change"] == "macro_shock"].iloc[0]
    assert (shock["subject"], shock["item"], shock["value"], shock["year"]) == ("city", "slump-2024", -0.05, 2024)
    observation = changes[changes["change"] == "observation"].iloc[0]
    assert (observation["subject"], observation["value"], observation["year"]) == ("pharma@haizhou", 210.0, 2023)

    table = client.scenarios()
    assert {c: str(t) for c, t in table.dtypes.items()} == SCENARIO_DTYPES
    row = table.set_index("id").loc[sid("workbench")]
    assert (row["name_zh"], row["name_en"], row["etag"]) == ("工作台", "Workbench", created.etag)
    assert (row["cells"], row["counts"], row["added_events"], row["delayed_events"]) == (1, 1, 1, 1)
    assert (row["macro_shocks"], row["observations"], row["removed_events"], row["changes"]) == (1, 1, 0, 6)
    assert row["update_time"] == created.update_time

    with pytest.raises(chaincast.AlreadyExists) as caught:
        client.create_scenario(sid("workbench"), "again")
    assert isinstance(caught.value, chaincast.Conflict)
    assert caught.value.code == grpc.StatusCode.ALREADY_EXISTS and sid("workbench") in caught.value.message


def test_bad_scenarios_are_refused_before_and_by_the_server(client: chaincast.Client) -> None:
    with pytest.raises(ValueError, match="unknown scenario key"):
        client.create_scenario(sid("bad"), "bad", overrides={"shocks": []})
    with pytest.raises(ValueError, match="MacroShock"):
        client.create_scenario(sid("bad"), "bad", overrides={"macro_shocks": [{"id": "x", "town": True}]})
    with pytest.raises(chaincast.InvalidArgument) as caught:
        client.create_scenario(
            "Bad_Id", "bad", overrides={"macro_shocks": [{"id": "x", "city": True, "year": 2024, "change": -2}]}
        )
    assert "scenario.id" in caught.value.fields
    assert "scenario.overrides.macro_shocks[0].change" in caught.value.fields
    with pytest.raises(chaincast.NotFound):
        client.get_scenario(sid("bad"))


def test_pagination_reads_every_page(client: chaincast.Client, scenario_stub) -> None:
    ids = [sid(f"page-{i}") for i in range(7)]
    for i, scenario_id in enumerate(ids):
        client.create_scenario(scenario_id, f"Page {i}", overrides={"pharma@ganyu": {"drift_mean": 0.01 * i}})
    # The raw pages, token by token.
    raw_pages, token = [], ""
    while True:
        r = scenario_stub.ListScenarios(ssp.ListScenariosRequest(page_size=3, page_token=token), timeout=30)
        raw_pages.append(r)
        token = r.next_page_token
        if not token:
            break
    assert len(raw_pages) >= 3  # seven scenarios (at least) at three a page
    pages = list(client.scenario_pages(page_size=3))
    assert [p.next_page_token for p in pages] == [r.next_page_token for r in raw_pages]
    assert [p.scenarios["id"].tolist() for p in pages] == [[s.id for s in r.scenarios] for r in raw_pages]
    assert all(len(p.scenarios) == 3 for p in pages[:-1]) and pages[-1].next_page_token == ""
    first = client.scenario_page(page_size=3)
    assert first.next_page_token == raw_pages[0].next_page_token
    second = client.scenario_page(page_size=3, page_token=first.next_page_token)
    assert second.scenarios["id"].tolist() == [s.id for s in raw_pages[1].scenarios]

    table = client.scenarios(page_size=3)
    every = [s.id for r in raw_pages for s in r.scenarios]
    assert table["id"].tolist() == every == sorted(every)  # id order, no page lost or repeated
    assert table.attrs["pages"] == len(raw_pages)
    assert [i for i in table["id"] if i.startswith("page-") and i.endswith(RUN)] == ids
    assert {c: str(t) for c, t in table.dtypes.items()} == SCENARIO_DTYPES
    with pytest.raises(chaincast.InvalidArgument) as caught:
        client.scenario_page(page_size=3, page_token="not-a-token")
    assert caught.value.fields == ["page_token"]


def test_update_with_a_stale_etag_raises_aborted_and_writes_nothing(client: chaincast.Client) -> None:
    first = client.create_scenario(sid("contested"), "Contested", "v1", overrides={"pharma@donghai": {"drift_mean": 0.02}})
    # Planner A saves a change: only the description; name and overrides are kept.
    a = client.update_scenario(sid("contested"), etag=first.etag, description="planner A")
    assert a.etag != first.etag and a.update_time >= first.update_time
    assert (a.description, a.name_en, a.overrides) == ("planner A", "Contested", first.overrides)
    # Planner B still holds the first etag.
    with pytest.raises(chaincast.Aborted) as caught:
        client.update_scenario(sid("contested"), etag=first.etag, overrides={"pharma@donghai": {"drift_mean": 0.5}})
    error = caught.value
    assert isinstance(error, chaincast.Conflict) and error.code == grpc.StatusCode.ABORTED
    assert error.method == "UpdateScenario"
    assert sid("contested") in error.message and first.etag in error.message
    assert str(error).startswith("ABORTED in UpdateScenario: ") and error.message in str(error)
    now = client.get_scenario(sid("contested"))
    assert (now.etag, now.description, now.overrides) == (a.etag, "planner A", first.overrides)
    # B reads again and reapplies: accepted.
    b = client.update_scenario(sid("contested"), etag=now.etag, overrides={"pharma@donghai": {"drift_mean": 0.05}})
    assert b.overrides.cells[0].drift_mean == 0.05 and b.description == "planner A"
    with pytest.raises(ValueError, match="etag is required"):
        client.update_scenario(sid("contested"), etag="", description="x")


def test_delete(client: chaincast.Client) -> None:
    s = client.create_scenario(sid("doomed"), "Doomed", overrides={"pharma@guanyun": {"drift_mean": 0.0}})
    s2 = client.update_scenario(s.id, etag=s.etag, name="Doomed twice")
    with pytest.raises(chaincast.Aborted) as caught:
        client.delete_scenario(s.id, s.etag)  # stale
    assert s.id in caught.value.message
    assert client.get_scenario(s.id).etag == s2.etag  # still there
    assert client.delete_scenario(s.id, s2.etag) is True
    with pytest.raises(chaincast.NotFound) as missing:
        client.get_scenario(s.id)
    assert missing.value.resource is not None and missing.value.resource.resource_name == s.id
    assert s.id not in client.scenarios()["id"].tolist()
    with pytest.raises(chaincast.NotFound):
        client.delete_scenario(s.id)
    assert client.delete_scenario(s.id, missing_ok=True) is False
    # Without an etag, whatever version is current goes.
    t = client.create_scenario(sid("doomed-too"), "Doomed too")
    client.update_scenario(t.id, etag=t.etag, description="changed")
    assert client.delete_scenario(t.id) is True


# ------------------------------------------------------------ simulations


def test_odds_with_a_stored_scenario_equal_odds_with_the_same_changes_inline(client: chaincast.Client) -> None:
    changes = {**slower_haizhou(client), "macro_shocks": [{"id": "dip", "region_id": "haizhou", "year": 2024, "change": -0.1}]}
    stored = client.create_scenario(sid("haizhou-slower"), ("海州放缓", "Haizhou slower"), overrides=changes)
    targets = [CITY, HAIZHOU]
    by_id = client.odds(targets, paths=PATHS, seed=SEED, scenario=stored.id)
    inline = client.odds(targets, paths=PATHS, seed=SEED, scenario=changes)
    as_message = client.odds(targets, paths=PATHS, seed=SEED, scenario=stored.overrides)
    seeded = client.odds(targets, paths=PATHS, seed=SEED)
    pd.testing.assert_frame_equal(by_id, inline)
    pd.testing.assert_frame_equal(by_id, as_message)
    assert (by_id.attrs["scenario_id"], by_id.attrs["scenario_etag"]) == (stored.id, stored.etag)
    assert inline.attrs["scenario_id"] == "" and seeded.attrs["scenario_id"] == ""
    # Slower growth and a dip in Haizhou: its odds fall, on the same paths.
    assert (by_id["p_hit"] < seeded["p_hit"]).all()
    assert by_id.set_index("target_id").loc[HAIZHOU, "median"] < seeded.set_index("target_id").loc[HAIZHOU, "median"]

    report = client.simulate(HAIZHOU, paths=PATHS, seed=SEED, scenario=stored)
    assert (report.scenario_id, report.scenario_etag) == (stored.id, stored.etag)
    assert report.odds["p_hit"].iloc[0] == by_id.set_index("target_id").loc[HAIZHOU, "p_hit"]
    overridden = report.assumptions[report.assumptions["cell_id"] == "pharma@haizhou"]
    assert "override" in overridden["source"].tolist()
    fan = client.fan(f"target:{HAIZHOU}", paths=PATHS, seed=SEED, scenario=stored.id)
    # A fan reads every year, so its paths take yearly steps where the odds alone take one step per
    # span: the same law, other draws. The two estimates agree within their errors.
    se = report.odds["p_hit_se"].iloc[0]
    assert abs(fan.attrs["targets"][HAIZHOU]["p_hit"] - report.odds["p_hit"].iloc[0]) <= 6 * se
    last = [e for e in client.stream(HAIZHOU, paths=PATHS, seed=SEED, scenario=changes)][-1]
    assert isinstance(last, chaincast.Report) and last.odds["p_hit"].iloc[0] == report.odds["p_hit"].iloc[0]
    with pytest.raises(chaincast.NotFound):
        client.odds(HAIZHOU, paths=1000, seed=1, scenario=sid("no-such-scenario"))


def test_compare_frame_equals_the_raw_response(client: chaincast.Client, simulation_stub) -> None:
    alternative = slower_haizhou(client)
    df = client.compare(None, alternative, targets=[CITY, HAIZHOU], paths=PATHS, seed=SEED)
    assert {c: str(t) for c, t in df.dtypes.items()} == COMPARE_DTYPES
    raw = simulation_stub.Compare(
        sp.CompareRequest(
            spec=sp.SimulationSpec(targets=sp.TargetSelection(target_ids=[CITY, HAIZHOU]), paths=PATHS, seed=SEED),
            baseline=sp.ScenarioChoice(seeded=True),
            alternative=sp.ScenarioChoice(inline_overrides=scenario_overrides(alternative)),
        ),
        timeout=60,
    ).comparison
    assert len(df) == len(raw.targets) == 2
    for row, d in zip(df.to_dict("records"), raw.targets):
        assert (row["target_id"], row["name_zh"], row["name_en"]) == (d.target_id, d.name.zh, d.name.en)
        assert (row["year"], row["target_value"]) == (d.year, d.target_value) and d.year == 2025
        assert (row["unit"], row["kind"]) == ("亿元", "output")
        assert (row["p_hit_baseline"], row["p_hit_alternative"]) == (d.p_hit_baseline.estimate, d.p_hit_alternative.estimate)
        assert (row["difference"], row["standard_error"], row["independent_standard_error"]) == (
            d.difference, d.standard_error, d.independent_standard_error)
        assert (row["ci_low"], row["ci_high"]) == (d.ci_low, d.ci_high)
        assert (row["baseline_only"], row["alternative_only"], row["paths"]) == (
            d.baseline_only, d.alternative_only, d.p_hit_baseline.paths)
    assert df.attrs["run"]["paths"] == PATHS and df.attrs["run"]["seed"] == SEED
    # The baseline side is the seeded run with the same seed, path for path: a comparison counts hits
    # on pseudo-random paths (common random numbers), as a plain run does.
    seeded = client.odds([CITY, HAIZHOU], paths=PATHS, seed=SEED, variance="plain").set_index("target_id")
    assert df.set_index("target_id")["p_hit_baseline"].to_dict() == seeded["p_hit"].to_dict()


def test_compare_of_identical_sides_is_exactly_zero(client: chaincast.Client) -> None:
    changes = slower_haizhou(client)
    stored = client.create_scenario(sid("same"), "Same", overrides=changes)
    df = client.compare(stored.id, changes, targets=[CITY, HAIZHOU], paths=PATHS, seed=SEED)
    assert df["difference"].tolist() == [0.0, 0.0]
    assert df["standard_error"].tolist() == [0.0, 0.0]  # no path changes sides
    assert df["baseline_only"].tolist() == [0, 0] and df["alternative_only"].tolist() == [0, 0]
    assert (df["p_hit_baseline"] == df["p_hit_alternative"]).all()
    assert (df["ci_low"] == 0).all() and (df["ci_high"] == 0).all()
    # Two independent runs would still disagree by this much: each side's own error, combined (the
    # seeded observations weigh the paths, so each error is the weighted one).
    se = df["p_hit_baseline_se"]
    assert df["independent_standard_error"].tolist() == pytest.approx((2 * se**2) ** 0.5)
    assert (df["independent_standard_error"] > 0.003).all()
    assert (df.attrs["baseline_scenario_id"], df.attrs["baseline_etag"]) == (stored.id, stored.etag)
    assert df.attrs["alternative_scenario_id"] == ""
    seeded_twice = client.compare(None, None, targets=CITY, paths=5_000, seed=SEED)
    assert seeded_twice["difference"].tolist() == [0.0] and seeded_twice["standard_error"].tolist() == [0.0]


def test_common_random_numbers_beat_independent_runs(client: chaincast.Client) -> None:
    df = client.compare(None, slower_haizhou(client), targets=[CITY, HAIZHOU], paths=PATHS, seed=SEED).set_index("target_id")
    for target in (CITY, HAIZHOU):
        row = df.loc[target]
        assert row["difference"] < 0 and row["ci_high"] < 0  # slower growth: lower odds, clearly
        assert row["difference"] == pytest.approx(row["p_hit_alternative"] - row["p_hit_baseline"], abs=1e-12)
        assert row["alternative_only"] == 0 and row["baseline_only"] > 0  # lower drift never helps a path
        # The paired error is far below what two separate runs would give.
        assert row["standard_error"] < 0.75 * row["independent_standard_error"]
    assert df.loc[CITY, "standard_error"] < 0.5 * df.loc[CITY, "independent_standard_error"]


# ------------------------------------------------------------ sensitivity


@pytest.fixture(scope="module")
def sensitivity(server_target: str):
    with chaincast.Client(server_target, timeout=120) as c:
        return c.sensitivity(CITY, paths=4_000, seed=SEED)


def test_sensitivity_frames_equal_the_raw_response(sensitivity, simulation_stub) -> None:
    raw = simulation_stub.Sensitivity(
        sp.SensitivityRequest(spec=sp.SimulationSpec(paths=4_000, seed=SEED), target_id=CITY), timeout=120
    ).report
    assert sensitivity.raw == raw  # the same seed gives the same report
    t = sensitivity.tornado
    assert {c: str(d) for c, d in t.dtypes.items()} == TORNADO_DTYPES
    assert len(t) == len(raw.tornado) == 4 * 7  # four parameters of each of the seven county cells
    for row, b in zip(t.to_dict("records"), raw.tornado):
        assert (row["input_id"], row["cell_id"], row["parameter"], row["step"]) == (b.input_id, b.cell_id, b.parameter, b.step)
        assert (row["value"], row["low_value"], row["high_value"]) == (b.value, b.low_value, b.high_value)
        assert (row["p_hit_low"], row["p_hit_high"]) == (b.p_hit_low.estimate, b.p_hit_high.estimate)
        assert (row["p_hit_low_se"], row["p_hit_high_se"]) == (b.p_hit_low.standard_error, b.p_hit_high.standard_error)
        assert (row["difference_low"], row["standard_error_low"]) == (b.difference_low, b.standard_error_low)
        assert (row["difference_high"], row["standard_error_high"]) == (b.difference_high, b.standard_error_high)
        assert row["swing"] == b.swing == pytest.approx(abs(b.p_hit_high.estimate - b.p_hit_low.estimate))
        assert row["unit"] == {"start_value": "亿元", "drift_mean": "log growth/yr", "drift_sd": "log growth/yr",
                               "volatility": "log output"}[b.parameter]
    # Longest bar first: ETDZ's starting output decides the city headline most.
    assert t["swing"].iloc[0] == t["swing"].max()
    assert t["swing"].is_monotonic_decreasing
    assert t["input_id"].iloc[0] == "pharma@etdz.start_value"
    top = t.iloc[0]
    assert top["low_value"] < top["value"] < top["high_value"] and top["p_hit_low"] < sensitivity.p_hit < top["p_hit_high"]
    assert sensitivity.p_hit == raw.p_hit.estimate and t.attrs["p_hit"] == raw.p_hit.estimate
    assert (sensitivity.target_id, sensitivity.name_en, sensitivity.run.paths) == (CITY, raw.name.en, 4_000)

    imp = sensitivity.importance
    assert {c: str(d) for c, d in imp.dtypes.items()} == {"input_id": "string", "shapley_share": "float64", "correlation": "float64"}
    assert [(r["input_id"], r["shapley_share"], r["correlation"]) for r in imp.to_dict("records")] == [
        (i.input_id, i.shapley_share, i.correlation) for i in raw.importance.inputs]
    assert sorted(imp["input_id"]) == sorted(f"pharma@{r}" for r in ("etdz", "haizhou", "guannan", "ganyu", "donghai", "guanyun", "lianyun"))
    assert imp["input_id"].iloc[0] == "pharma@etdz" and imp["shapley_share"].is_monotonic_decreasing
    assert imp["shapley_share"].sum() == pytest.approx(raw.importance.explained_share, abs=1e-9)
    assert (imp.attrs["output"], imp.attrs["variance"], imp.attrs["paths"]) == (
        raw.importance.output, raw.importance.variance, raw.importance.paths)
    assert repr(sensitivity).startswith(f"<Sensitivity {CITY}: P(hit) {raw.p_hit.estimate:.3f}, 28 tornado bars")
    # The Shapley shares come with the share of the variance they divide, and a caveat below 90 %.
    explained = raw.importance.explained_share
    assert sensitivity.explained_share == explained == imp.attrs["explained_share"]
    assert f"explaining {100 * explained:.1f}% of the variance" in repr(sensitivity)
    assert imp.attrs["caveat"] == sensitivity.linear_caveat == chaincast.frames.linear_caveat(explained)
    assert (sensitivity.linear_caveat == "") == (explained >= 0.9)


def test_linear_caveat_below_ninety_percent() -> None:
    from chaincast.frames import linear_caveat

    assert linear_caveat(0.9) == "" and linear_caveat(1.0) == ""
    note = linear_caveat(0.412)
    assert note.startswith("Note: a linear predictor of the inputs explains only 41.2% of the variance")
    assert "disagree with the tornado" in note
    # The CLI prints the same words (SensitivityCommand.linearCaveat).
    java = (REPO_ROOT / "src/main/java/chaincast/cli/SensitivityCommand.java").read_text(encoding="utf-8")
    assert "the Shapley shares divide that linear part only and may disagree with the tornado," in java


def test_sensitivity_around_a_scenario(client: chaincast.Client, sensitivity) -> None:
    stored = client.create_scenario(sid("sens-point"), "Sensitivity point", overrides=slower_haizhou(client))
    s = client.sensitivity(CITY, scenario=stored.id, paths=2_000, seed=SEED)
    assert (s.scenario_id, s.scenario_etag) == (stored.id, stored.etag)
    haizhou_drift = s.tornado.set_index("input_id").loc["pharma@haizhou.drift_mean", "value"]
    assert haizhou_drift == pytest.approx(stored.overrides.cells[0].drift_mean, abs=1e-12)
    with pytest.raises(chaincast.InvalidArgument) as caught:
        client.sensitivity(CITY, paths=4_000, seed=SEED, scenario=stored.id, overrides={"pharma@etdz": {"volatility": 9}})
    assert "spec.overrides[0].volatility" in caught.value.fields


def test_tornado_colours_are_the_java_charts(sensitivity) -> None:
    java = (REPO_ROOT / "src/main/java/chaincast/chart/TornadoChart.java").read_text(encoding="utf-8")
    found = {name.lower(): f"#{hex_}" for name, hex_ in re.findall(r"Color (DOWN|UP|POINT) = new Color\(0x([0-9a-f]{6})\)", java)}
    assert found == plotting.TORNADO_COLORS


def test_plot_tornado_draws_a_bar_each_way_per_input(sensitivity) -> None:
    top = 8
    ax = chaincast.plot_tornado(sensitivity, top=top)
    try:
        assert isinstance(ax, Axes)
        bars = [p for p in ax.patches if isinstance(p, Rectangle)]
        assert len(bars) == 2 * top
        t = sensitivity.tornado.head(top)
        center = sensitivity.p_hit * 100
        # Every bar starts at the point's P(hit) and ends at P(hit) one step down (first set) or up.
        lows, highs = bars[:top], bars[top:]
        for bar, p in zip(lows, t["p_hit_low"]):
            assert bar.get_x() == pytest.approx(center) and bar.get_x() + bar.get_width() == pytest.approx(p * 100)
        for bar, p in zip(highs, t["p_hit_high"]):
            assert bar.get_x() + bar.get_width() == pytest.approx(p * 100)
        # Longest at the top (the y axis is inverted: row 0 is drawn highest).
        assert ax.yaxis_inverted() and lows[0].get_y() < lows[-1].get_y()
        point_lines = [line for line in ax.get_lines() if list(line.get_xdata()) == [center, center]]
        assert point_lines, "no line at the point's P(hit)"
        labels = [tick.get_text() for tick in ax.get_yticklabels()]
        assert labels[0].startswith("pharma@etdz") and ("亿元" in labels[0] or "100M yuan" in labels[0])
        assert any("log growth/yr" in label for label in labels)
        texts = [txt.get_text() for txt in ax.texts]
        assert f"{t['low_value'].iloc[0]:,.0f}" in texts and f"{t['high_value'].iloc[0]:,.0f}" in texts
        assert f"{center:.1f}%" in " ".join(ax.get_legend_handles_labels()[1])
        # The palette is the CLI's: down, up and the point line in TORNADO_COLORS.
        assert {to_hex(b.get_facecolor()) for b in lows} == {plotting.TORNADO_COLORS["down"]}
        assert {to_hex(b.get_facecolor()) for b in highs} == {plotting.TORNADO_COLORS["up"]}
        assert to_hex(point_lines[0].get_color()) == plotting.TORNADO_COLORS["point"]
    finally:
        plt.close(ax.figure)
    # The DataFrame alone works too (the point's P(hit) rides in its attrs).
    ax2 = chaincast.plot_tornado(sensitivity.tornado, cjk=False)
    try:
        assert len(ax2.patches) == 2 * len(sensitivity.tornado)
        assert "Sensitivity" in ax2.get_title() and "Pharma output" in ax2.get_title()
    finally:
        plt.close(ax2.figure)
    with pytest.raises(ValueError, match="missing columns"):
        chaincast.plot_tornado(pd.DataFrame({"x": [1]}))
