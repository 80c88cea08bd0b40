"""One tidy schema: the CLI's CSV and JSON and the Python frames of the same run hold the same
columns and values; thresholds (``client.prob``) and a region's own targets."""

from __future__ import annotations

import csv
import io
import json
import math
import subprocess

import pandas as pd
import pytest

from server_fixtures import _jar

ARGS = ["--paths", "5000", "--seed", "11", "--chain", "pharma", "--year", "2025"]
JOINT = {"both": ["pharma-output-2025", "pharma-output-2025-etdz"]}
AT = [("pharma-output-2025", 2025, ">=", 900), ("pharma_firms_above_size@etdz", 2025, "between", (25, 35))]
AT_CLI = ["--at", "pharma-output-2025@2025>=900", "--at", "pharma_firms_above_size@etdz@2025=25..35"]


def _cli(server_target: str, fmt: str) -> str:
    cmd = ["java", "-jar", str(_jar()), "odds", "--server", server_target, *ARGS,
           "--joint", "both=" + ",".join(JOINT["both"]), *AT_CLI, "--format", fmt]
    done = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _same(a, b, what: str) -> None:
    """One value from two sources: numbers equal as numbers, missing as missing."""
    missing = lambda v: v is None or v is pd.NA or (isinstance(v, str) and v == "") or (
        isinstance(v, float) and math.isnan(v))
    if missing(a) or missing(b):
        assert missing(a) and missing(b), f"{what}: {a!r} vs {b!r}"
    elif isinstance(a, list) or isinstance(b, list):
        as_text = lambda v: ";".join(v) if isinstance(v, list) else str(v)
        assert as_text(a) == as_text(b), what
    else:
        try:
            assert float(a) == float(b), f"{what}: {a!r} vs {b!r}"
        except ValueError:
            assert str(a) == str(b), f"{what}: {a!r} vs {b!r}"


def test_csv_json_and_the_python_frame_hold_the_same_columns_and_values(client, server_target):
    rows_csv = list(csv.DictReader(io.StringIO(_cli(server_target, "csv"))))
    doc = json.loads(_cli(server_target, "json"))
    rows_json = doc["rows"]
    # The same request from Python: the CLI's targets by id, in its order.
    ids = [r["target_id"] for r in rows_csv if r["row"] == "target"]
    report = client.simulate(ids, paths=5000, seed=11, joint=JOINT, thresholds=AT)
    frame = report.tidy()
    columns = list(rows_csv[0].keys())
    assert columns == list(frame.columns) == list(rows_json[0].keys())
    assert len(rows_csv) == len(rows_json) == len(frame)
    assert doc["run"]["paths"] == report.run.paths == 5000 and doc["run"]["seed"] == report.run.seed
    records = frame.to_dict("records")
    for c_row, j_row, p_row in zip(rows_csv, rows_json, records):
        for c in columns:
            what = f"{c_row['target_id']}.{c}"
            _same(c_row[c], j_row[c], what + " (CSV vs JSON)")
            _same(j_row[c], p_row[c], what + " (JSON vs Python)")
    assert {r["row"] for r in rows_csv} == {"target", "threshold", "joint"}
    for r in rows_json:  # numbers as numbers, not strings
        assert isinstance(r["p_hit"], float) and isinstance(r["paths"], int)


def test_prob_at_a_targets_own_level_is_that_targets_odds(client):
    odds = client.odds(["pharma-output-2025"], paths=20_000, seed=3, variance="plain")
    head = odds.iloc[0]
    same = dict(targets=["pharma-output-2025"], paths=20_000, seed=3, variance="plain")
    p = client.prob("pharma-output-2025", 2025, ">", 1000, **same)
    assert (p["p_hit"], p["p_hit_se"], p["ci_low"], p["ci_high"]) == (
        head["p_hit"], head["p_hit_se"], head["ci_low"], head["ci_high"])
    assert p["row"] == "threshold" and p["unit"] == "亿元" and p["kind"] == "output"
    below = client.prob("pharma-output-2025", 2025, "<=", 1000, **same)
    assert below["p_hit"] == pytest.approx(1 - head["p_hit"], abs=1e-12)
    count = client.prob("pharma_firms_above_size@etdz", None, "between", (25, 35), paths=5_000, seed=3)
    assert count["unit"] == "count" and count["upper_value"] == 35 and 0 < count["p_hit"] < 1


def test_odds_of_a_region_are_its_own_2025_targets(client):
    df = client.odds(region="haizhou", paths=2_000)
    assert len(df) >= 9
    assert set(df["region_id"]) == {"haizhou"} and set(df["year"]) == {2025}
