"""Browsing wrappers against a real server: columns, dtypes, and the values the server sent."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import chaincast
from chaincast.v1 import model_pb2, model_service_pb2 as ms

REGIONS = {"etdz", "haizhou", "guannan", "ganyu", "donghai", "guanyun", "lianyun", "unallocated"}


def assert_dtypes(df: pd.DataFrame, expected: dict) -> None:
    assert list(df.columns) == list(expected), "columns or their order changed"
    actual = {c: str(t) for c, t in df.dtypes.items()}
    assert actual == expected


def test_regions(client: chaincast.Client, model_stub) -> None:
    df = client.regions()
    raw = model_stub.ListRegions(ms.ListRegionsRequest()).regions
    assert_dtypes(df, {"id": "string", "name_zh": "string", "name_en": "string", "kind": "string", "note": "string"})
    assert set(df["id"]) == REGIONS
    assert len(df) == len(raw)
    for row, r in zip(df.itertuples(index=False), raw):
        assert (row.id, row.name_zh, row.name_en, row.note) == (r.id, r.name.zh, r.name.en, r.note)
        assert row.kind == model_pb2.RegionKind.Name(r.kind).removeprefix("REGION_KIND_").lower()
    assert df.set_index("id").loc["etdz", "name_zh"] == "市开发区"
    assert df.set_index("id").loc["unallocated", "kind"] == "unallocated"


def test_chains(client: chaincast.Client, model_stub) -> None:
    df = client.chains()
    raw = model_stub.ListChains(ms.ListChainsRequest()).chains
    assert_dtypes(
        df,
        {
            "id": "string",
            "name_zh": "string",
            "name_en": "string",
            "family": "string",
            "aliases": "object",
            "related_chain_ids": "object",
            "note": "string",
        },
    )
    assert len(df) == len(raw) == 13
    for row, c in zip(df.itertuples(index=False), raw):
        assert (row.id, row.name_zh, row.name_en) == (c.id, c.name.zh, c.name.en)
        assert row.aliases == list(c.aliases) and row.related_chain_ids == list(c.related_chain_ids)
    assert df["family"].value_counts().to_dict() == {"city": 10, "zone": 3}
    assert "pharma" in set(df["id"])


def test_plans(client: chaincast.Client, model_stub) -> None:
    df = client.plans()
    raw = model_stub.ListPlans(ms.ListPlansRequest()).plans
    assert_dtypes(
        df,
        {
            "id": "string",
            "document_number": "string",
            "title_zh": "string",
            "title_en": "string",
            "issued": "string",
            "vintage": "int64",
            "source_file": "string",
        },
    )
    assert [tuple(r) for r in df[["id", "document_number", "vintage"]].itertuples(index=False)] == [
        (p.id, p.document_number, p.vintage) for p in raw
    ]
    assert "lzbf-2023-53" in set(df["id"])


TARGET_DTYPES = {
    "id": "string",
    "plan_id": "string",
    "name_zh": "string",
    "name_en": "string",
    "kind": "string",
    "metric": "string",
    "year": "int64",
    "value": "float64",
    "unit": "string",
    "comparison": "string",
    "chain_ids": "object",
    "region_ids": "object",
    "level": "float64",
    "simulated": "bool",
    "not_simulated_reason": "string",
    "interpretation": "string",
    "citation": "string",
}


def test_targets_all_match_the_server(client: chaincast.Client, model_stub) -> None:
    df = client.targets()
    raw = model_stub.ListTargets(ms.ListTargetsRequest()).targets
    assert_dtypes(df, TARGET_DTYPES)
    assert len(df) == len(raw) == 192
    for row, t in zip(df.itertuples(index=False), raw):
        assert (row.id, row.plan_id, row.name_zh, row.name_en, row.metric) == (
            t.id,
            t.plan_id,
            t.name.zh,
            t.name.en,
            t.metric,
        )
        assert row.year == t.year and row.value == t.value
        assert row.chain_ids == list(t.scope.chain_ids) and row.region_ids == list(t.scope.region_ids)
        assert row.simulated == (t.not_simulated_reason == "")
        assert row.comparison == {0: "", 1: ">=", 2: ">"}[t.comparison]
        if t.kind == model_pb2.TARGET_KIND_CHAINS_ABOVE:
            assert row.level == t.level > 0
        else:
            assert math.isnan(row.level)
    etdz = df.set_index("id").loc["pharma-output-2025-etdz"]
    assert (etdz["value"], etdz["unit"], etdz["comparison"], etdz["kind"]) == (790.0, "亿元", ">=", "output")
    assert df.set_index("id").loc["pharma-output-2025", "comparison"] == ">"  # 突破


def test_targets_filters_are_sent_to_the_server(client: chaincast.Client, model_stub) -> None:
    df = client.targets(year=2025, simulated_only=True)
    raw = model_stub.ListTargets(ms.ListTargetsRequest(year=2025, simulated_only=True)).targets
    assert list(df["id"]) == [t.id for t in raw]
    assert len(df) > 20 and (df["year"] == 2025).all() and df["simulated"].all()

    etdz = client.targets(region="etdz", plan="lzbf-2023-53", kind="output")
    assert len(etdz) > 0
    assert all("etdz" in ids for ids in etdz["region_ids"])
    assert (etdz["plan_id"] == "lzbf-2023-53").all() and (etdz["kind"] == "output").all()

    chains_above = client.targets(kind="chains_above")
    assert set(chains_above["kind"]) == {"chains_above"} and chains_above["level"].notna().all()

    with pytest.raises(ValueError, match="kind must be one of"):
        client.targets(kind="outputs")


def test_actuals(client: chaincast.Client, model_stub) -> None:
    df = client.actuals()
    raw = model_stub.ListActuals(ms.ListActualsRequest()).actuals
    assert len(df) == len(raw) == 63
    assert str(df["value"].dtype) == "float64" and str(df["growth_percent"].dtype) == "float64"
    assert str(df["year"].dtype) == "int64" and str(df["id"].dtype) == "string"
    for row, a in zip(df.itertuples(index=False), raw):
        assert (row.id, row.value, row.period) == (a.id, a.value, a.period)
        if a.HasField("growth_percent"):
            assert row.growth_percent == a.growth_percent
        else:
            assert math.isnan(row.growth_percent)
        if a.HasField("planned_value"):
            assert row.planned_value == a.planned_value
        else:
            assert math.isnan(row.planned_value)
    assert df["growth_percent"].notna().any() and df["planned_value"].notna().any()
    one_plan = client.actuals(plan="etdz-14fyp")
    assert 0 < len(one_plan) < len(df) and (one_plan["plan_id"] == "etdz-14fyp").all()


def test_cells(client: chaincast.Client, model_stub) -> None:
    df = client.cells()
    raw = model_stub.ListCells(ms.ListCellsRequest())
    assert_dtypes(
        df,
        {
            "id": "string",
            "chain_id": "string",
            "region_id": "string",
            "base_year": "int64",
            "base_value": "float64",
            "drift_mean": "float64",
            "drift_sd": "float64",
            "volatility": "float64",
            "base_value_source": "string",
            "drift_mean_source": "string",
            "drift_sd_source": "string",
            "volatility_source": "string",
            "events": "int64",
            "note": "string",
        },
    )
    assert len(df) == len(raw.cells) == 18
    for row, c in zip(df.itertuples(index=False), raw.cells):
        p = c.parameters
        assert (row.id, row.base_year) == (c.id, p.base_year)
        assert (row.base_value, row.drift_mean, row.drift_sd, row.volatility) == (
            p.base_value.value,
            p.drift_mean.value,
            p.drift_sd.value,
            p.volatility.value,
        )
    etdz = df.set_index("id").loc["pharma@etdz"]
    assert etdz["base_value"] == pytest.approx(442.02)
    assert etdz["base_value_source"] == "derived" and etdz["drift_mean_source"] == "assumption"
    shocks = df.attrs["shocks"]
    assert shocks["city_weight"] == raw.shocks.city_weight.value == pytest.approx(0.3)
    assert shocks["distribution"] == "normal"

    pharma = client.cells(chain="pharma")
    assert set(pharma["region_id"]) == REGIONS - {"unallocated"}
    assert (pharma["chain_id"] == "pharma").all()
    assert list(client.cells(region="haizhou")["id"]) == ["pharma@haizhou"]


def test_audit(client: chaincast.Client, model_stub) -> None:
    df = client.audit()
    raw = model_stub.GetAudit(ms.GetAuditRequest()).findings
    assert len(df) == len(raw) > 0
    assert str(df["consistent"].dtype) == "bool" and str(df["difference"].dtype) == "float64"
    for row, f in zip(df.itertuples(index=False), raw):
        assert (row.headline_target_id, row.headline_value, row.compared_value, row.consistent) == (
            f.headline_target_id,
            f.headline_value,
            f.compared_value,
            f.consistent,
        )
        assert row.part_target_ids == list(f.part_target_ids)
    mismatches = client.audit(mismatches_only=True)
    assert 0 < len(mismatches) <= len(df) and not mismatches["consistent"].any()
    # 附件1 row 1: the counties add up to 1003 against the headline 1000.
    row1 = mismatches[mismatches["headline_target_id"] == "pharma-output-2025"]
    assert (row1["compared_value"] == 1003.0).any()
