"""Turn the server's protobuf messages into pandas DataFrames.

Conventions, the same in every table:

* text columns (ids, names, units, kinds) have pandas' ``string`` dtype;
* numbers are ``float64``; counts and years ``int64``; a year or count that
  may be missing is ``Int64`` (nullable);
* Chinese and English names are separate columns, ``name_zh`` and ``name_en``;
* enums are short lower-case words (``output``, ``chains_above``, ``county``);
* the unit of a value is in a ``unit`` column: ``亿元`` (100 million yuan,
  current prices), ``count``, ``%`` or ``亿美元`` (100 million US dollars);
  ``df.attrs["units"]`` spells them out;
* probabilities are fractions from 0 to 1, growth rates fractions a year
  (0.12 = 12 % a year).

The functions here are pure (message in, DataFrame out); :class:`chaincast.Client`
calls them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence

import pandas as pd

from chaincast.v1 import audit_pb2, model_pb2, simulation_service_pb2

__all__ = [
    "UNIT_LABELS",
    "UNIT_NOTES",
    "RunInfo",
    "thresholds_frame",
    "tidy_frame",
    "joint_rows_frame",
    "Progress",
    "Report",
    "percentile_column",
    "regions_frame",
    "chains_frame",
    "plans_frame",
    "targets_frame",
    "actuals_frame",
    "cells_frame",
    "audit_frame",
    "odds_frame",
    "joint_frame",
    "fans_frame",
    "skipped_frame",
    "assumptions_frame",
    "estimates_frame",
    "report_from_proto",
    "progress_from_proto",
    "observations_frame",
    "Scenario",
    "ScenarioPage",
    "scenarios_frame",
    "changes_frame",
    "comparison_frame",
    "PARAMETER_UNITS",
    "tornado_frame",
    "importance_frame",
    "Sensitivity",
    "sensitivity_from_proto",
]

UNIT_LABELS: Dict[int, str] = {
    model_pb2.UNIT_UNSPECIFIED: "",
    model_pb2.UNIT_YI_YUAN: "亿元",
    model_pb2.UNIT_COUNT: "count",
    model_pb2.UNIT_PERCENT: "%",
    model_pb2.UNIT_YI_USD: "亿美元",
}
"""Unit enum value -> the label used in ``unit`` columns."""

UNIT_NOTES: Dict[str, str] = {
    "亿元": "100 million yuan (亿元), current prices",
    "count": "a count (firms, drugs, platforms, chains)",
    "%": "percent (0 to 100)",
    "亿美元": "100 million US dollars (亿美元)",
}
"""Unit label -> what it means, in English."""

COMPARISON_LABELS: Dict[int, str] = {
    model_pb2.COMPARISON_UNSPECIFIED: "",
    model_pb2.COMPARISON_AT_LEAST: ">=",
    model_pb2.COMPARISON_GREATER_THAN: ">",
    model_pb2.COMPARISON_AT_MOST: "<=",
    model_pb2.COMPARISON_LESS_THAN: "<",
    model_pb2.COMPARISON_BETWEEN: "between",
}

STRING = "string"
FLOAT = "float64"
INT = "int64"
NULLABLE_INT = "Int64"


def _enum_label(enum_type: Any, value: int, prefix: str) -> str:
    """``TARGET_KIND_CHAINS_ABOVE`` -> ``chains_above``; 0 -> ``""``."""
    if value == 0:
        return ""
    try:
        name = enum_type.Name(value)
    except ValueError:
        return str(value)
    return name[len(prefix):].lower() if name.startswith(prefix) else name.lower()


def _citation(c: model_pb2.Citation) -> str:
    """``plan §section, row`` in one string ("" when empty)."""
    parts = [p for p in (c.plan_id, c.section, c.row) if p]
    return " · ".join(parts)


def _frame(rows: List[Dict[str, Any]], dtypes: Mapping[str, str]) -> pd.DataFrame:
    """A DataFrame with exactly these columns, in this order, with these dtypes."""
    df = pd.DataFrame(rows, columns=list(dtypes))
    for column, dtype in dtypes.items():
        if dtype == "object":
            continue
        if dtype == "bool":
            df[column] = df[column].astype(bool)
        else:
            df[column] = df[column].astype(dtype)
    return df


def _with_attrs(df: pd.DataFrame, **attrs: Any) -> pd.DataFrame:
    units = {label: note for label, note in UNIT_NOTES.items()}
    df.attrs.update({"units": units, **attrs})
    return df


def percentile_column(p: float) -> str:
    """Column name of a percentile: 5 -> ``p5``, 2.5 -> ``p2.5``."""
    text = f"{p:g}"
    return f"p{text}"


# --------------------------------------------------------------------- model


def regions_frame(regions: Iterable[model_pb2.Region]) -> pd.DataFrame:
    """One row per region: id, name_zh, name_en, kind (county/district/function_zone/unallocated), note."""
    rows = [
        {
            "id": r.id,
            "name_zh": r.name.zh,
            "name_en": r.name.en,
            "kind": _enum_label(model_pb2.RegionKind, r.kind, "REGION_KIND_"),
            "note": r.note,
        }
        for r in regions
    ]
    dtypes = {"id": STRING, "name_zh": STRING, "name_en": STRING, "kind": STRING, "note": STRING}
    return _with_attrs(_frame(rows, dtypes))


def chains_frame(chains: Iterable[model_pb2.Chain]) -> pd.DataFrame:
    """One row per chain: id, names, family (city/zone), aliases and related chains (lists), note."""
    rows = [
        {
            "id": c.id,
            "name_zh": c.name.zh,
            "name_en": c.name.en,
            "family": _enum_label(model_pb2.ChainFamily, c.family, "CHAIN_FAMILY_"),
            "aliases": list(c.aliases),
            "related_chain_ids": list(c.related_chain_ids),
            "note": c.note,
        }
        for c in chains
    ]
    dtypes = {
        "id": STRING,
        "name_zh": STRING,
        "name_en": STRING,
        "family": STRING,
        "aliases": "object",
        "related_chain_ids": "object",
        "note": STRING,
    }
    return _with_attrs(_frame(rows, dtypes))


def plans_frame(plans: Iterable[model_pb2.Plan]) -> pd.DataFrame:
    """One row per plan document: id, document_number, title_zh, title_en, issued, vintage, source_file."""
    rows = [
        {
            "id": p.id,
            "document_number": p.document_number,
            "title_zh": p.title.zh,
            "title_en": p.title.en,
            "issued": p.issued,
            "vintage": p.vintage,
            "source_file": p.source_file,
        }
        for p in plans
    ]
    dtypes = {
        "id": STRING,
        "document_number": STRING,
        "title_zh": STRING,
        "title_en": STRING,
        "issued": STRING,
        "vintage": INT,
        "source_file": STRING,
    }
    return _with_attrs(_frame(rows, dtypes))


def targets_frame(targets: Iterable[model_pb2.Target]) -> pd.DataFrame:
    """One row per target.

    Columns: id, plan_id, name_zh, name_en, kind (output/count/chains_above/
    other), metric, year, value (in ``unit``), unit, comparison (``>=`` or
    ``>``), chain_ids and region_ids (lists: the scope), level (亿元, the output
    a chain must reach; NaN unless kind is chains_above), simulated (bool),
    not_simulated_reason, interpretation, citation.
    """
    rows = []
    for t in targets:
        kind = _enum_label(model_pb2.TargetKind, t.kind, "TARGET_KIND_")
        rows.append(
            {
                "id": t.id,
                "plan_id": t.plan_id,
                "name_zh": t.name.zh,
                "name_en": t.name.en,
                "kind": kind,
                "metric": t.metric,
                "year": t.year,
                "value": t.value,
                "unit": UNIT_LABELS.get(t.unit, str(t.unit)),
                "comparison": COMPARISON_LABELS.get(t.comparison, ""),
                "chain_ids": list(t.scope.chain_ids),
                "region_ids": list(t.scope.region_ids),
                "level": t.level if t.kind == model_pb2.TARGET_KIND_CHAINS_ABOVE else math.nan,
                "simulated": not t.not_simulated_reason,
                "not_simulated_reason": t.not_simulated_reason,
                "interpretation": t.interpretation,
                "citation": _citation(t.citation),
            }
        )
    dtypes = {
        "id": STRING,
        "plan_id": STRING,
        "name_zh": STRING,
        "name_en": STRING,
        "kind": STRING,
        "metric": STRING,
        "year": INT,
        "value": FLOAT,
        "unit": STRING,
        "comparison": STRING,
        "chain_ids": "object",
        "region_ids": "object",
        "level": FLOAT,
        "simulated": "bool",
        "not_simulated_reason": STRING,
        "interpretation": STRING,
        "citation": STRING,
    }
    return _with_attrs(_frame(rows, dtypes))


def actuals_frame(actuals: Iterable[model_pb2.Actual]) -> pd.DataFrame:
    """One row per reported actual: id, plan_id, names, year, period, value, unit,
    growth_percent and planned_value (NaN when the document gives none),
    chain_ids, region_ids, citation, note."""
    rows = [
        {
            "id": a.id,
            "plan_id": a.plan_id,
            "name_zh": a.name.zh,
            "name_en": a.name.en,
            "year": a.year,
            "period": a.period,
            "value": a.value,
            "unit": UNIT_LABELS.get(a.unit, str(a.unit)),
            "growth_percent": a.growth_percent if a.HasField("growth_percent") else math.nan,
            "planned_value": a.planned_value if a.HasField("planned_value") else math.nan,
            "chain_ids": list(a.scope.chain_ids),
            "region_ids": list(a.scope.region_ids),
            "citation": _citation(a.citation),
            "note": a.note,
        }
        for a in actuals
    ]
    dtypes = {
        "id": STRING,
        "plan_id": STRING,
        "name_zh": STRING,
        "name_en": STRING,
        "year": INT,
        "period": STRING,
        "value": FLOAT,
        "unit": STRING,
        "growth_percent": FLOAT,
        "planned_value": FLOAT,
        "chain_ids": "object",
        "region_ids": "object",
        "citation": STRING,
        "note": STRING,
    }
    return _with_attrs(_frame(rows, dtypes))


def _provenance_kind(p: model_pb2.Provenance) -> str:
    return _enum_label(model_pb2.ProvenanceKind, p.kind, "PROVENANCE_KIND_")


def cells_frame(response: Any) -> pd.DataFrame:
    """One row per cell from a ListCellsResponse.

    Columns: id (``chain@region``), chain_id, region_id, base_year,
    base_value (亿元), drift_mean (mean log growth a year), drift_sd,
    volatility, and for each parameter ``<name>_source`` (target/actual/
    derived/assumption), events (how many project events), note.
    ``df.attrs["shocks"]`` holds the shared shock settings.
    """
    rows = []
    for c in response.cells:
        p = c.parameters
        rows.append(
            {
                "id": c.id,
                "chain_id": c.chain_id,
                "region_id": c.region_id,
                "base_year": p.base_year,
                "base_value": p.base_value.value,
                "drift_mean": p.drift_mean.value,
                "drift_sd": p.drift_sd.value,
                "volatility": p.volatility.value,
                "base_value_source": _provenance_kind(p.base_value.provenance),
                "drift_mean_source": _provenance_kind(p.drift_mean.provenance),
                "drift_sd_source": _provenance_kind(p.drift_sd.provenance),
                "volatility_source": _provenance_kind(p.volatility.provenance),
                "events": len(c.events),
                "note": c.note,
            }
        )
    dtypes = {
        "id": STRING,
        "chain_id": STRING,
        "region_id": STRING,
        "base_year": INT,
        "base_value": FLOAT,
        "drift_mean": FLOAT,
        "drift_sd": FLOAT,
        "volatility": FLOAT,
        "base_value_source": STRING,
        "drift_mean_source": STRING,
        "drift_sd_source": STRING,
        "volatility_source": STRING,
        "events": INT,
        "note": STRING,
    }
    s = response.shocks
    shocks = {
        "city_weight": s.city_weight.value,
        "chain_weight": s.chain_weight.value,
        "distribution": _enum_label(model_pb2.ShockDistribution, s.distribution, "SHOCK_DISTRIBUTION_"),
        "degrees_of_freedom": s.degrees_of_freedom.value,
    }
    return _with_attrs(_frame(rows, dtypes), shocks=shocks)


def audit_frame(findings: Iterable[audit_pb2.AuditFinding]) -> pd.DataFrame:
    """One row per audit finding: kind, year, headline_target_id,
    part_target_ids (list), headline_value, compared_value, difference,
    relative_difference, unit, consistent (bool), explanation."""
    rows = [
        {
            "kind": _enum_label(audit_pb2.FindingKind, f.kind, "FINDING_KIND_"),
            "year": f.year,
            "headline_target_id": f.headline_target_id,
            "part_target_ids": list(f.part_target_ids),
            "headline_value": f.headline_value,
            "compared_value": f.compared_value,
            "difference": f.difference,
            "relative_difference": f.relative_difference,
            "unit": UNIT_LABELS.get(f.unit, str(f.unit)),
            "consistent": f.consistent,
            "explanation": f.explanation,
        }
        for f in findings
    ]
    dtypes = {
        "kind": STRING,
        "year": INT,
        "headline_target_id": STRING,
        "part_target_ids": "object",
        "headline_value": FLOAT,
        "compared_value": FLOAT,
        "difference": FLOAT,
        "relative_difference": FLOAT,
        "unit": STRING,
        "consistent": "bool",
        "explanation": STRING,
    }
    return _with_attrs(_frame(rows, dtypes))


# ---------------------------------------------------------------- simulation


@dataclass(frozen=True)
class RunInfo:
    """How a simulation ran (``SimulationReport.run``)."""

    paths: int
    seed: int
    horizon_year: int
    stop_reason: str
    """``paths_done``, ``precision_reached`` or ``path_cap``."""
    max_half_width: float
    """The widest 95 % half-width among the reported probabilities."""
    wanted_half_width: float
    shock_distribution: str
    """``normal`` or ``student_t``."""
    elapsed_ms: int
    threads: int
    block_size: int
    weighted: bool = False
    """True when observations weighted the paths (every estimate is then weighted)."""
    effective_paths: float = 0.0
    """Kish's effective number of paths, (Σw)² / Σw² (= paths when unweighted)."""
    clamped_paths: int = 0
    generator: str = ""
    """The pseudo-random generator and how streams are assigned."""
    sampler: str = ""
    """The normal sampler."""
    engine_version: str = ""
    """Changes whenever the same request and seed may give other numbers."""
    variance_reduction: str = ""
    """What the run was asked for: ``auto``, ``plain``, ``conditional``, ..."""

    @classmethod
    def from_proto(cls, run: simulation_service_pb2.RunInfo) -> "RunInfo":
        return cls(
            paths=run.paths,
            seed=run.seed,
            horizon_year=run.horizon_year,
            stop_reason=_enum_label(simulation_service_pb2.StopReason, run.stop_reason, "STOP_REASON_"),
            max_half_width=run.max_half_width,
            wanted_half_width=run.wanted_half_width,
            shock_distribution=_enum_label(
                model_pb2.ShockDistribution, run.shock_distribution, "SHOCK_DISTRIBUTION_"
            ),
            elapsed_ms=run.elapsed_millis,
            threads=run.threads,
            block_size=run.block_size,
            weighted=run.weighted,
            effective_paths=run.effective_paths,
            clamped_paths=run.clamped_paths,
            generator=run.generator,
            sampler=run.sampler,
            engine_version=run.engine_version,
            variance_reduction=_enum_label(
                simulation_service_pb2.VarianceReduction, run.variance_reduction, "VARIANCE_REDUCTION_"
            ),
        )

    def as_dict(self) -> Dict[str, Any]:
        return dict(self.__dict__)


def _probability_columns(p: simulation_service_pb2.Probability) -> Dict[str, Any]:
    return {
        "p_hit": p.estimate,
        "p_hit_se": p.standard_error,
        "ci_low": p.ci_low,
        "ci_high": p.ci_high,
        "hits": p.hits,
        "paths": p.paths,
        "effective_paths": p.effective_paths,
    }


_PROBABILITY_DTYPES = {
    "p_hit": FLOAT,
    "p_hit_se": FLOAT,
    "ci_low": FLOAT,
    "ci_high": FLOAT,
    "hits": INT,
    "paths": INT,
    "effective_paths": FLOAT,
}


_ROW_DTYPES = {
    "row": STRING,
    "upper_value": FLOAT,
    "region_id": STRING,
    "chain_id": STRING,
    "part_of": STRING,
    "joint_target_ids": "object",
    "min_single_p_hit": FLOAT,
}
"""The columns every odds row ends with, in CSV and JSON too (see :func:`tidy_frame`)."""


def _row_columns(
    row: str,
    upper: Optional[float],
    region_id: str,
    chain_id: str,
    part_of: str,
    joint_target_ids: Optional[List[str]] = None,
    min_single: float = math.nan,
) -> Dict[str, Any]:
    return {
        "row": row,
        "upper_value": math.nan if upper is None else upper,
        "region_id": region_id or None,
        "chain_id": chain_id or None,
        "part_of": part_of or None,
        "joint_target_ids": joint_target_ids,
        "min_single_p_hit": min_single,
    }


def odds_frame(
    odds: Sequence[simulation_service_pb2.TargetOdds], run: Optional[RunInfo] = None
) -> pd.DataFrame:
    """One row per target of a report.

    Columns: target_id, plan_id, name_zh, name_en, year, comparison (``>=``
    or ``>``), target_value, unit, kind (output, count or chains_above); p_hit (hits / paths), p_hit_se, ci_low and
    ci_high (Wilson 95 % interval), hits, paths; median, mean and one column
    per percentile (``p5`` ... ``p95``) of the simulated value in the target
    year, in ``unit``; base_year, base_value, required_growth (the yearly
    growth from the base the target needs) and median_growth (the median
    path's yearly growth); expected_shortfall (E[target - value | missed]);
    method (how p_hit was estimated: plain, conditional, quasi_random,
    quasi_random_conditional or importance), variance_reduction (plain Monte
    Carlo's variance over the method's, both measured in this run) and
    plain_p_hit / plain_p_hit_se (hit counts on the same paths); then the
    columns every tidy odds row has: row (``target``), upper_value (ranges
    only), region_id and chain_id (the one region or chain of the scope, else
    missing), part_of (the target of the same plan and year whose scope holds
    this one's: a county's share names the city figure), joint_target_ids and
    min_single_p_hit (joint rows only). The CLI's ``--format csv`` and
    ``--format json`` print exactly these columns (see :func:`tidy_frame`).

    base_value is in ``unit``: for a chains-above target it is how many chains
    were above the level in the base year. The server computes no growth for
    those targets (nor where the base is 0): they get NaN in required_growth
    and median_growth, not a 0 % growth that was never computed.
    """
    percentiles: List[float] = []
    for o in odds:
        for pv in o.percentiles:
            if pv.percentile not in percentiles:
                percentiles.append(pv.percentile)
    rows = []
    for o in odds:
        # The server leaves growth unset (0) for chains-above targets and where
        # there is no positive base to grow from.
        has_growth = o.kind != model_pb2.TARGET_KIND_CHAINS_ABOVE and o.base_value > 0 and o.year > o.base_year
        row: Dict[str, Any] = {
            "target_id": o.target_id,
            "plan_id": o.plan_id,
            "name_zh": o.name.zh,
            "name_en": o.name.en,
            "year": o.year,
            "comparison": COMPARISON_LABELS.get(o.comparison, ""),
            "target_value": o.target_value,
            "unit": UNIT_LABELS.get(o.unit, str(o.unit)),
            "kind": _enum_label(model_pb2.TargetKind, o.kind, "TARGET_KIND_"),
            **_probability_columns(o.p_hit),
            "median": o.median,
            "mean": o.mean,
        }
        values = {pv.percentile: pv.value for pv in o.percentiles}
        for p in percentiles:
            row[percentile_column(p)] = values.get(p, math.nan)
        row.update(
            {
                "base_year": o.base_year if o.base_year else None,
                "base_value": o.base_value,
                "required_growth": o.required_growth if has_growth else math.nan,
                "median_growth": o.median_growth if has_growth else math.nan,
                "expected_shortfall": o.expected_shortfall,
                "method": _enum_label(simulation_service_pb2.EstimationMethod, o.method, "ESTIMATION_METHOD_"),
                "variance_reduction": o.variance_reduction,
                "plain_p_hit": o.plain_p_hit.estimate,
                "plain_p_hit_se": o.plain_p_hit.standard_error,
                **_row_columns("target", None, o.region_id, o.chain_id, o.part_of),
            }
        )
        rows.append(row)
    dtypes: Dict[str, str] = {
        "target_id": STRING,
        "plan_id": STRING,
        "name_zh": STRING,
        "name_en": STRING,
        "year": INT,
        "comparison": STRING,
        "target_value": FLOAT,
        "unit": STRING,
        "kind": STRING,
        **_PROBABILITY_DTYPES,
        "median": FLOAT,
        "mean": FLOAT,
    }
    dtypes.update({percentile_column(p): FLOAT for p in percentiles})
    dtypes.update(
        {
            "base_year": NULLABLE_INT,
            "base_value": FLOAT,
            "required_growth": FLOAT,
            "median_growth": FLOAT,
            "expected_shortfall": FLOAT,
            "method": STRING,
            "variance_reduction": FLOAT,
            "plain_p_hit": FLOAT,
            "plain_p_hit_se": FLOAT,
            **_ROW_DTYPES,
        }
    )
    df = _frame(rows, dtypes)
    return _with_attrs(
        df,
        percentiles=list(percentiles),
        run=run.as_dict() if run else {},
        probability="p_hit, ci_low, ci_high: fractions 0..1 (95 % Wilson interval)",
        growth="required_growth, median_growth: fractions a year (0.12 = 12 %/yr)",
    )


def joint_frame(joint: Sequence[simulation_service_pb2.JointOdds]) -> pd.DataFrame:
    """One row per joint set: id, names, target_ids (list), targets (how many),
    p_all_hit (all hit on one path), its se and 95 % interval, hits, paths, and
    min_marginal (the smallest single-target P(hit) among them)."""
    rows = [
        {
            "id": j.id,
            "name_zh": j.name.zh,
            "name_en": j.name.en,
            "target_ids": list(j.target_ids),
            "targets": len(j.target_ids),
            "p_all_hit": j.p_all_hit.estimate,
            "p_all_hit_se": j.p_all_hit.standard_error,
            "ci_low": j.p_all_hit.ci_low,
            "ci_high": j.p_all_hit.ci_high,
            "hits": j.p_all_hit.hits,
            "paths": j.p_all_hit.paths,
            "min_marginal": j.min_marginal,
        }
        for j in joint
    ]
    dtypes = {
        "id": STRING,
        "name_zh": STRING,
        "name_en": STRING,
        "target_ids": "object",
        "targets": INT,
        "p_all_hit": FLOAT,
        "p_all_hit_se": FLOAT,
        "ci_low": FLOAT,
        "ci_high": FLOAT,
        "hits": INT,
        "paths": INT,
        "min_marginal": FLOAT,
    }
    return _with_attrs(_frame(rows, dtypes))


def thresholds_frame(
    thresholds: Sequence[simulation_service_pb2.ThresholdOdds], run: Optional[RunInfo] = None
) -> pd.DataFrame:
    """One row per threshold (``P(subject compares to a level)``), in the
    columns of :func:`odds_frame`: target_id is the threshold's id (e.g.
    ``pharma@2025>=900``), comparison one of ``>=``, ``>``, ``<=``, ``<`` or
    ``between`` (with upper_value), kind ``output`` (in 亿元) or ``count``."""
    rows: List[Dict[str, Any]] = []
    for t in thresholds:
        th = t.threshold
        between = th.comparison == model_pb2.COMPARISON_BETWEEN
        row: Dict[str, Any] = {
            "target_id": t.id,
            "plan_id": None,
            "name_zh": t.name.zh,
            "name_en": t.name.en,
            "year": th.year,
            "comparison": COMPARISON_LABELS.get(th.comparison, ""),
            "target_value": th.value,
            "unit": UNIT_LABELS.get(t.unit, str(t.unit)),
            "kind": _enum_label(model_pb2.TargetKind, t.kind, "TARGET_KIND_"),
            **_probability_columns(t.probability),
            "median": t.median,
            "mean": t.mean,
        }
        for pv in t.percentiles:
            row[percentile_column(pv.percentile)] = pv.value
        row.update(
            {
                "method": _enum_label(simulation_service_pb2.EstimationMethod, t.method, "ESTIMATION_METHOD_"),
                "variance_reduction": t.variance_reduction,
                **_row_columns("threshold", th.upper_value if between else None, t.region_id, t.chain_id, ""),
            }
        )
        rows.append(row)
    return _tidy_rows(rows, run)


def _tidy_rows(rows: List[Dict[str, Any]], run: Optional[RunInfo]) -> pd.DataFrame:
    """Rows in the odds frame's columns (those a row lacks are missing)."""
    template = odds_frame([], run)
    percentiles = sorted(
        {k for r in rows for k in r if k.startswith("p") and k[1:2].isdigit()},
        key=lambda c: float(c[1:].replace("_", ".")),
    )
    dtypes = dict(template.dtypes.astype(str))
    columns = list(template.columns)
    at = columns.index("mean") + 1
    for c in percentiles:
        if c not in dtypes:
            columns.insert(at, c)
            at += 1
            dtypes[c] = FLOAT
    df = _frame(rows, {c: dtypes[c] for c in columns})
    return _with_attrs(df, run=run.as_dict() if run else {})


def joint_rows_frame(
    report: simulation_service_pb2.SimulationReport, run: Optional[RunInfo] = None
) -> pd.DataFrame:
    """The joint sets as tidy odds rows (row ``joint``): target_id is the
    set's id, p_hit P(all hit), year the year its targets share (else
    missing), joint_target_ids its targets, min_single_p_hit the smallest
    single P(hit) among them. :func:`joint_frame` is the same in its own
    columns."""
    years = {o.target_id: o.year for o in report.odds}
    rows = []
    for j in report.joint:
        ys = {years[t] for t in j.target_ids if t in years}
        rows.append(
            {
                "target_id": j.id,
                "name_zh": j.name.zh,
                "name_en": j.name.en,
                "year": ys.pop() if len(ys) == 1 else None,
                **_probability_columns(j.p_all_hit),
                "method": "plain",
                "variance_reduction": 1.0,
                **_row_columns("joint", None, "", "", "", list(j.target_ids), j.min_marginal),
            }
        )
    return _tidy_rows(rows, run)


def tidy_frame(report: "Report") -> pd.DataFrame:
    """Targets, thresholds and joint sets in one frame: the rows and columns
    of the CLI's ``odds --format csv`` and ``--format json`` for the same run
    (``row`` says which a row is)."""
    parts = [f for f in (report.odds, report.thresholds, joint_rows_frame(report.raw, report.run)) if len(f)]
    if not parts:
        return report.odds
    df = pd.concat(parts, ignore_index=True)
    return _with_attrs(df, run=report.run.as_dict())


def subject_kind_and_id(subject: simulation_service_pb2.Subject) -> "tuple[str, str]":
    """(kind, id) of a Subject: ("cell", "pharma@etdz"), ("city", "city")..."""
    which = subject.WhichOneof("kind")
    if which is None:
        return "", ""
    if which == "city":
        return "city", "city"
    return which[: -len("_id")], getattr(subject, which)


def fans_frame(
    fans: Sequence[simulation_service_pb2.Fan], groups: Optional[Sequence[str]] = None
) -> pd.DataFrame:
    """The fans of a report as one long table: one row per (group, year, percentile).

    Columns: group (the subject's label: a cell, chain, region or target id,
    or ``city``), subject_kind, name_zh, name_en, unit, year, percentile
    (0..100), value (in ``unit``). ``groups`` overrides the labels, one per fan.
    """
    rows = []
    for i, fan in enumerate(fans):
        kind, subject_id = subject_kind_and_id(fan.subject)
        group = groups[i] if groups is not None else subject_id
        unit = UNIT_LABELS.get(fan.unit, str(fan.unit))
        for fy in fan.years:
            for pv in fy.percentiles:
                rows.append(
                    {
                        "group": group,
                        "subject_kind": kind,
                        "name_zh": fan.name.zh,
                        "name_en": fan.name.en,
                        "unit": unit,
                        "year": fy.year,
                        "percentile": pv.percentile,
                        "value": pv.value,
                    }
                )
    dtypes = {
        "group": STRING,
        "subject_kind": STRING,
        "name_zh": STRING,
        "name_en": STRING,
        "unit": STRING,
        "year": INT,
        "percentile": FLOAT,
        "value": FLOAT,
    }
    return _with_attrs(_frame(rows, dtypes))


def skipped_frame(skipped: Iterable[simulation_service_pb2.SkippedTarget]) -> pd.DataFrame:
    """Selected targets the run did not simulate: target_id, reason."""
    rows = [{"target_id": s.target_id, "reason": s.reason} for s in skipped]
    return _with_attrs(_frame(rows, {"target_id": STRING, "reason": STRING}))


def assumptions_frame(assumptions: Iterable[simulation_service_pb2.AssumptionInUse]) -> pd.DataFrame:
    """Cell parameters of the run that rest on an assumption or an override:
    cell_id, parameter, value, source (assumption/override/...), reason, formula."""
    rows = [
        {
            "cell_id": a.cell_id,
            "parameter": a.parameter,
            "value": a.value,
            "source": _provenance_kind(a.provenance),
            "reason": a.provenance.reason,
            "formula": a.provenance.formula,
        }
        for a in assumptions
    ]
    dtypes = {
        "cell_id": STRING,
        "parameter": STRING,
        "value": FLOAT,
        "source": STRING,
        "reason": STRING,
        "formula": STRING,
    }
    return _with_attrs(_frame(rows, dtypes))


def estimates_frame(estimates: Iterable[simulation_service_pb2.RunningEstimate]) -> pd.DataFrame:
    """Running estimates of a Progress: target_id, p_hit, p_hit_se, ci_low, ci_high, hits, paths."""
    rows = [{"target_id": e.target_id, **_probability_columns(e.p_hit)} for e in estimates]
    return _with_attrs(_frame(rows, {"target_id": STRING, **_PROBABILITY_DTYPES}))


@dataclass
class Report:
    """A simulation report as DataFrames.

    Attributes:
        odds: one row per simulated target (see :func:`odds_frame`).
        joint: joint probabilities of target sets (see :func:`joint_frame`).
        fans: the requested fans, long format (see :func:`fans_frame`).
        skipped: selected targets not simulated, with the reason.
        assumptions: cell parameters in play that rest on assumptions or overrides.
        run: how it ran (paths, seed, stop reason, time).
        raw: the ``chaincast.v1.SimulationReport`` message itself.
        observations: the observations the run started from (see
            :func:`observations_frame`).
        scenario_id, scenario_etag: the stored scenario simulated and the
            version of it ("" for the seeded model or inline changes).
    """

    odds: pd.DataFrame
    joint: pd.DataFrame
    fans: pd.DataFrame
    skipped: pd.DataFrame
    assumptions: pd.DataFrame
    run: RunInfo
    raw: simulation_service_pb2.SimulationReport = field(repr=False)
    observations: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    scenario_id: str = ""
    scenario_etag: str = ""
    thresholds: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    """P at the levels asked with ``thresholds=`` (see :func:`thresholds_frame`)."""

    def tidy(self) -> pd.DataFrame:
        """Targets, thresholds and joint sets in the CLI's CSV/JSON columns (:func:`tidy_frame`)."""
        return tidy_frame(self)

    def __repr__(self) -> str:
        r = self.run
        return (
            f"<Report {len(self.odds)} targets, {len(self.joint)} joint sets, "
            f"{self.fans['group'].nunique() if len(self.fans) else 0} fans; "
            f"{r.paths:,} paths, seed {r.seed}, {r.stop_reason}, {r.elapsed_ms} ms>"
        )


def report_from_proto(
    report: simulation_service_pb2.SimulationReport, fan_groups: Optional[Sequence[str]] = None
) -> Report:
    """Convert a SimulationReport message into a :class:`Report`."""
    run = RunInfo.from_proto(report.run)
    fans = fans_frame(report.fans, fan_groups)
    odds = odds_frame(report.odds, run)
    fans.attrs["run"] = run.as_dict()
    fans.attrs["targets"] = _target_lines(odds)
    scenario = {"scenario_id": report.scenario_id, "scenario_etag": report.scenario_etag}
    odds.attrs.update(scenario)
    fans.attrs.update(scenario)
    return Report(
        odds=odds,
        joint=joint_frame(report.joint),
        fans=fans,
        skipped=skipped_frame(report.skipped),
        assumptions=assumptions_frame(report.assumptions),
        run=run,
        raw=report,
        observations=observations_frame(report.observations),
        scenario_id=report.scenario_id,
        scenario_etag=report.scenario_etag,
        thresholds=thresholds_frame(report.thresholds, run),
    )


def _target_lines(odds: pd.DataFrame) -> Dict[str, Dict[str, Any]]:
    """Target id -> what a fan chart needs to draw its target line."""
    lines: Dict[str, Dict[str, Any]] = {}
    for row in odds.itertuples(index=False):
        lines[str(row.target_id)] = {
            "target_value": float(row.target_value),
            "year": int(row.year),
            "comparison": str(row.comparison),
            "unit": str(row.unit),
            "name_zh": str(row.name_zh),
            "name_en": str(row.name_en),
            "p_hit": float(row.p_hit),
        }
    return lines


@dataclass(frozen=True)
class Progress:
    """One progress update of a streaming run.

    Attributes:
        paths_done: paths simulated so far.
        paths_planned: paths planned (or the cap of a precision run).
        max_half_width: widest 95 % half-width of the running estimates.
        elapsed_ms: wall time so far.
        estimates: running P(hit) per target (see :func:`estimates_frame`).
    """

    paths_done: int
    paths_planned: int
    max_half_width: float
    elapsed_ms: int
    estimates: pd.DataFrame = field(repr=False)

    @property
    def fraction(self) -> float:
        """paths_done / paths_planned (0 when nothing is planned)."""
        return self.paths_done / self.paths_planned if self.paths_planned else 0.0


def progress_from_proto(p: simulation_service_pb2.Progress) -> Progress:
    """Convert a Progress message into a :class:`Progress`."""
    return Progress(
        paths_done=p.paths_done,
        paths_planned=p.paths_planned,
        max_half_width=p.max_half_width,
        elapsed_ms=p.elapsed_millis,
        estimates=estimates_frame(p.estimates),
    )


def observations_frame(observations: Iterable[simulation_service_pb2.ObservationInUse]) -> pd.DataFrame:
    """The observations a run weighed, one row each: observation_id, cell_id
    ("" for a group total), year, value (亿元, or a count; for a part-year
    figure the period's value), annual_value (the full-year value it stands
    for), period ("" or "M1-M2"), relative_error (the log error used), role
    (weights_paths, updates_base_prior, confirms_fixed_base or
    restarts_count), tied_cell_ids (every cell it weighs, ";"-joined: a group
    total ties them, so a what-if on one moves the others' posterior),
    explanation (the same in words), source (override/actual/derived/
    assumption), reason, note (the caller's free-text source)."""
    rows = [
        {
            "observation_id": o.observation_id,
            "cell_id": o.cell_id,
            "year": o.year,
            "value": o.value,
            "annual_value": o.annual_value,
            "period": f"{o.period.first_month}-{o.period.last_month}" if o.HasField("period") else "",
            "relative_error": o.relative_error,
            "role": _enum_label(simulation_service_pb2.ObservationRole, o.role, "OBSERVATION_ROLE_"),
            "tied_cell_ids": ";".join(o.tied_cell_ids),
            "explanation": o.note,
            "source": _provenance_kind(o.provenance),
            "reason": o.provenance.reason,
            "note": o.source,
        }
        for o in observations
    ]
    dtypes = {
        "observation_id": STRING,
        "cell_id": STRING,
        "year": INT,
        "value": FLOAT,
        "annual_value": FLOAT,
        "period": STRING,
        "relative_error": FLOAT,
        "role": STRING,
        "tied_cell_ids": STRING,
        "explanation": STRING,
        "source": STRING,
        "reason": STRING,
        "note": STRING,
    }
    return _with_attrs(_frame(rows, dtypes))


# ----------------------------------------------------------------- scenarios

TIMESTAMP = "datetime64[ns, UTC]"


def _timestamp(ts: Any) -> "pd.Timestamp":
    """A protobuf Timestamp as a UTC pandas Timestamp (NaT when unset)."""
    if not ts.seconds and not ts.nanos:
        return pd.NaT
    return pd.Timestamp(ts.seconds * 1_000_000_000 + ts.nanos, unit="ns", tz="UTC")


def _change_count(overrides: Any) -> Dict[str, int]:
    return {
        "cells": len(overrides.cells),
        "counts": len(overrides.counts),
        "added_events": len(overrides.added_events),
        "removed_events": len(overrides.removed_events),
        "delayed_events": len(overrides.delayed_events),
        "macro_shocks": len(overrides.macro_shocks),
        "observations": len(overrides.observations),
    }


def changes_frame(overrides: Any) -> pd.DataFrame:
    """A scenario's changes, one row per changed value.

    Columns: change (cell, count, added_event, removed_event, delayed_event,
    macro_shock, observation), subject (the cell, count cell, chain, region,
    ``city`` or group it acts on), item (the parameter, event id, shock id or
    observation id), value (the new value: a parameter, a delay in years, a
    relative change, an observed 亿元 or count; NaN for an added or removed
    event), year (Int64: the shock's or observation's year, an added event's
    first year).
    """
    rows: List[Dict[str, Any]] = []
    for c in overrides.cells:
        for name in ("base_value", "drift_mean", "drift_sd", "volatility"):
            if c.HasField(name):
                rows.append({"change": "cell", "subject": c.cell_id, "item": name, "value": getattr(c, name), "year": None})
    for c in overrides.counts:
        for name in ("base_count", "yearly_rate", "rate_shape"):
            if c.HasField(name):
                rows.append({"change": "count", "subject": c.count_cell_id, "item": name, "value": getattr(c, name), "year": None})
    for e in overrides.added_events:
        rows.append({"change": "added_event", "subject": e.cell_id, "item": e.event.id, "value": math.nan, "year": e.event.first_year or None})
    for e in overrides.removed_events:
        rows.append({"change": "removed_event", "subject": e.cell_id, "item": e.event_id, "value": math.nan, "year": None})
    for e in overrides.delayed_events:
        rows.append({"change": "delayed_event", "subject": e.cell_id, "item": e.event_id, "value": float(e.years), "year": None})
    for m in overrides.macro_shocks:
        where = m.WhichOneof("where")
        subject = "city" if where == "city" else (getattr(m, where) if where else "")
        rows.append({"change": "macro_shock", "subject": subject, "item": m.id, "value": m.change, "year": m.year})
    for o in overrides.observations:
        which = o.WhichOneof("subject")
        if which == "group":
            subject = "+".join(o.group.chain_ids) + ("@" + "+".join(o.group.region_ids) if o.group.region_ids else "")
        else:
            subject = getattr(o, which) if which else ""
        rows.append({"change": "observation", "subject": subject, "item": o.id, "value": o.value, "year": o.year})
    dtypes = {"change": STRING, "subject": STRING, "item": STRING, "value": FLOAT, "year": NULLABLE_INT}
    return _with_attrs(_frame(rows, dtypes))


@dataclass(frozen=True)
class Scenario:
    """A stored scenario (``chaincast.v1.Scenario``).

    Attributes:
        id: its id, e.g. ``haizhou-slower``.
        name_zh, name_en: its name.
        description: what it asks.
        etag: the version read; pass it to ``update_scenario``/``delete_scenario``.
        create_time, update_time: UTC timestamps set by the server.
        overrides: the changes (a ``ScenarioOverrides`` message; give it back
            as ``overrides=`` or ``scenario=`` as is).
        raw: the message itself.
    """

    id: str
    name_zh: str
    name_en: str
    description: str
    etag: str
    create_time: Any
    update_time: Any
    overrides: Any = field(repr=False)
    raw: Any = field(repr=False)

    @property
    def changes(self) -> pd.DataFrame:
        """The changes as a table (see :func:`changes_frame`)."""
        return changes_frame(self.overrides)

    @classmethod
    def from_proto(cls, s: Any) -> "Scenario":
        return cls(
            id=s.id,
            name_zh=s.name.zh,
            name_en=s.name.en,
            description=s.description,
            etag=s.etag,
            create_time=_timestamp(s.create_time),
            update_time=_timestamp(s.update_time),
            overrides=s.overrides,
            raw=s,
        )


_SCENARIO_DTYPES = {
    "id": STRING,
    "name_zh": STRING,
    "name_en": STRING,
    "description": STRING,
    "etag": STRING,
    "create_time": TIMESTAMP,
    "update_time": TIMESTAMP,
    "changes": INT,
    "cells": INT,
    "counts": INT,
    "added_events": INT,
    "removed_events": INT,
    "delayed_events": INT,
    "macro_shocks": INT,
    "observations": INT,
}


def scenarios_frame(scenarios: Iterable[Any]) -> pd.DataFrame:
    """One row per stored scenario, in the server's (id) order.

    Columns: id, name_zh, name_en, description, etag, create_time and
    update_time (UTC), changes (how many entries in all), then how many of
    each kind: cells, counts, added_events, removed_events, delayed_events,
    macro_shocks, observations. ``get_scenario(id)`` gives the changes themselves.
    """
    rows = []
    for s in scenarios:
        counts = _change_count(s.overrides)
        rows.append(
            {
                "id": s.id,
                "name_zh": s.name.zh,
                "name_en": s.name.en,
                "description": s.description,
                "etag": s.etag,
                "create_time": _timestamp(s.create_time),
                "update_time": _timestamp(s.update_time),
                "changes": sum(counts.values()),
                **counts,
            }
        )
    return _with_attrs(_frame(rows, _SCENARIO_DTYPES))


@dataclass(frozen=True)
class ScenarioPage:
    """One page of ``ListScenarios``: the scenarios and the token of the next page
    (``""`` on the last page)."""

    scenarios: pd.DataFrame
    next_page_token: str


# ----------------------------------------------------------------- compare


def comparison_frame(comparison: simulation_service_pb2.ScenarioComparison) -> pd.DataFrame:
    """One row per target of a comparison (alternative minus baseline, same paths).

    Columns: target_id, name_zh, name_en, year, target_value, unit, kind
    (output, count or chains_above); p_hit_baseline and
    p_hit_alternative (fractions 0..1) with their own standard errors
    (p_hit_baseline_se, p_hit_alternative_se); difference (alternative minus
    baseline, probability units), standard_error (paired: from the paths that
    change sides; exactly 0 when none does), independent_standard_error (what
    two independent runs of the same length would give), ci_low and ci_high
    (95 % interval of the difference), baseline_only and alternative_only
    (paths hit on one side only), paths (per side).
    ``df.attrs`` carries run, baseline_scenario_id/etag,
    alternative_scenario_id/etag and skipped (target id -> reason).
    """
    rows = [
        {
            "target_id": d.target_id,
            "name_zh": d.name.zh,
            "name_en": d.name.en,
            "year": d.year,
            "target_value": d.target_value,
            "unit": UNIT_LABELS.get(d.unit, str(d.unit)),
            "kind": _enum_label(model_pb2.TargetKind, d.kind, "TARGET_KIND_"),
            "p_hit_baseline": d.p_hit_baseline.estimate,
            "p_hit_alternative": d.p_hit_alternative.estimate,
            "difference": d.difference,
            "standard_error": d.standard_error,
            "independent_standard_error": d.independent_standard_error,
            "ci_low": d.ci_low,
            "ci_high": d.ci_high,
            "baseline_only": d.baseline_only,
            "alternative_only": d.alternative_only,
            "p_hit_baseline_se": d.p_hit_baseline.standard_error,
            "p_hit_alternative_se": d.p_hit_alternative.standard_error,
            "paths": d.p_hit_baseline.paths,
        }
        for d in comparison.targets
    ]
    dtypes = {
        "target_id": STRING,
        "name_zh": STRING,
        "name_en": STRING,
        "year": INT,
        "target_value": FLOAT,
        "unit": STRING,
        "kind": STRING,
        "p_hit_baseline": FLOAT,
        "p_hit_alternative": FLOAT,
        "difference": FLOAT,
        "standard_error": FLOAT,
        "independent_standard_error": FLOAT,
        "ci_low": FLOAT,
        "ci_high": FLOAT,
        "baseline_only": INT,
        "alternative_only": INT,
        "p_hit_baseline_se": FLOAT,
        "p_hit_alternative_se": FLOAT,
        "paths": INT,
    }
    return _with_attrs(
        _frame(rows, dtypes),
        run=RunInfo.from_proto(comparison.run).as_dict(),
        baseline_scenario_id=comparison.baseline_scenario_id,
        baseline_etag=comparison.baseline_etag,
        alternative_scenario_id=comparison.alternative_scenario_id,
        alternative_etag=comparison.alternative_etag,
        skipped={s.target_id: s.reason for s in comparison.skipped},
        probability="fractions 0..1; difference = alternative - baseline on the same paths",
    )


# -------------------------------------------------------------- sensitivity

PARAMETER_UNITS: Dict[str, str] = {
    "start_value": "亿元",
    "base_value": "亿元",
    "drift_mean": "log growth/yr",
    "drift_sd": "log growth/yr",
    "volatility": "log output",
    "base_count": "count",
    "yearly_rate": "count/yr",
    "rate_shape": "",
}
"""Tornado parameter -> the unit of its value (``""``: a pure number)."""


def tornado_frame(report: simulation_service_pb2.SensitivityReport) -> pd.DataFrame:
    """One row per tornado bar, longest bar (largest swing) first.

    Columns: input_id (``cell.parameter``), cell_id, parameter (start_value,
    drift_mean, drift_sd, volatility; base_count, yearly_rate, rate_shape for
    count cells), unit (of value: 亿元, log growth/yr, ...), value (at the
    point), low_value and high_value (one documented step down and up), step
    (the step, in words), p_hit_low and p_hit_high (P(hit) with the input
    stepped, fractions 0..1) with p_hit_low_se and p_hit_high_se,
    difference_low and difference_high (P(hit) at the step minus at the point)
    with their paired standard errors standard_error_low and
    standard_error_high, swing (abs(p_hit_high - p_hit_low)).
    ``df.attrs``: target_id, name_zh, name_en, p_hit (at the point), p_hit_se,
    p_hit_ci (low, high), run.
    """
    rows = [
        {
            "input_id": b.input_id,
            "cell_id": b.cell_id,
            "parameter": b.parameter,
            "unit": PARAMETER_UNITS.get(b.parameter, ""),
            "value": b.value,
            "low_value": b.low_value,
            "high_value": b.high_value,
            "step": b.step,
            "p_hit_low": b.p_hit_low.estimate,
            "p_hit_high": b.p_hit_high.estimate,
            "p_hit_low_se": b.p_hit_low.standard_error,
            "p_hit_high_se": b.p_hit_high.standard_error,
            "difference_low": b.difference_low,
            "standard_error_low": b.standard_error_low,
            "difference_high": b.difference_high,
            "standard_error_high": b.standard_error_high,
            "swing": b.swing,
        }
        for b in report.tornado
    ]
    dtypes = {
        "input_id": STRING,
        "cell_id": STRING,
        "parameter": STRING,
        "unit": STRING,
        "value": FLOAT,
        "low_value": FLOAT,
        "high_value": FLOAT,
        "step": STRING,
        "p_hit_low": FLOAT,
        "p_hit_high": FLOAT,
        "p_hit_low_se": FLOAT,
        "p_hit_high_se": FLOAT,
        "difference_low": FLOAT,
        "standard_error_low": FLOAT,
        "difference_high": FLOAT,
        "standard_error_high": FLOAT,
        "swing": FLOAT,
    }
    return _with_attrs(
        _frame(rows, dtypes),
        target_id=report.target_id,
        name_zh=report.name.zh,
        name_en=report.name.en,
        p_hit=report.p_hit.estimate,
        p_hit_se=report.p_hit.standard_error,
        p_hit_ci=(report.p_hit.ci_low, report.p_hit.ci_high),
        run=RunInfo.from_proto(report.run).as_dict(),
        probability="p_hit_*, difference_*: fractions 0..1; errors paired with the point's paths",
    )


def importance_frame(importance: simulation_service_pb2.VarianceImportance) -> pd.DataFrame:
    """One row per input of the variance decomposition, largest share first.

    Columns: input_id (a cell or count cell id, or ``cell/drift`` and
    ``cell/shocks`` for the two parts of a single cell's growth),
    shapley_share (its Shapley share of the output's variance, 0..1; the
    shares add up to explained_share), correlation (with the output over the
    paths). ``df.attrs``: output (what is decomposed), variance,
    explained_share (R² of the inputs' linear predictor: the part the shares
    divide), caveat (a note when that is below 90 %, see :func:`linear_caveat`), paths, note (set, with no rows, when the target has too
    many inputs to decompose).
    """
    rows = [
        {"input_id": i.input_id, "shapley_share": i.shapley_share, "correlation": i.correlation}
        for i in importance.inputs
    ]
    dtypes = {"input_id": STRING, "shapley_share": FLOAT, "correlation": FLOAT}
    return _with_attrs(
        _frame(rows, dtypes),
        output=importance.output,
        variance=importance.variance,
        explained_share=importance.explained_share,
        caveat=linear_caveat(importance.explained_share) if importance.inputs else "",
        paths=importance.paths,
        note=importance.note,
    )


@dataclass
class Sensitivity:
    """Which inputs decide one target (``SensitivityReport``).

    The Shapley shares divide the part of the variance a linear predictor of
    the inputs explains (``explained_share``; below 90 % ``linear_caveat``
    says so), and they split variance the inputs share (city and chain shocks)
    among them: a small cell that moves with the others gets part of it. The
    tornado shows what moving each input does.

    Attributes:
        target_id, name_zh, name_en: the target.
        p_hit: P(hit) at the point (the scenario as given), with p_hit_se.
        tornado: one row per input (see :func:`tornado_frame`); draw it with
            :func:`chaincast.plot_tornado`.
        importance: Shapley effects (see :func:`importance_frame`).
        run: how it ran (paths per run, seed).
        scenario_id, scenario_etag: the stored scenario at the point ("" otherwise).
        raw: the ``SensitivityReport`` message.
    """

    target_id: str
    name_zh: str
    name_en: str
    p_hit: float
    p_hit_se: float
    tornado: pd.DataFrame
    importance: pd.DataFrame
    run: RunInfo
    scenario_id: str
    scenario_etag: str
    raw: simulation_service_pb2.SensitivityReport = field(repr=False)

    @property
    def explained_share(self) -> float:
        """R² of the output on all inputs together: the part of the variance the Shapley shares divide."""
        return float(self.raw.importance.explained_share)

    @property
    def linear_caveat(self) -> str:
        """A note when a linear predictor of the inputs explains less than 90 % of the variance
        (``""`` otherwise): the Shapley shares then divide that linear part only and may disagree
        with the tornado. The CLI's ``sensitivity`` prints the same words."""
        return linear_caveat(self.explained_share)

    def __repr__(self) -> str:
        top = self.tornado["input_id"].iloc[0] if len(self.tornado) else "-"
        caveat = f"\n{self.linear_caveat}" if self.linear_caveat else ""
        return (
            f"<Sensitivity {self.target_id}: P(hit) {self.p_hit:.3f}, {len(self.tornado)} tornado bars "
            f"(largest {top}), {len(self.importance)} Shapley inputs explaining "
            f"{100 * self.explained_share:.1f}% of the variance; {self.run.paths:,} paths, seed {self.run.seed}>"
            f"{caveat}"
        )


EXPLAINED_ENOUGH = 0.90
"""Below this explained share the Shapley shares get a caveat (as the CLI's SensitivityCommand)."""


def linear_caveat(explained_share: float) -> str:
    """The caveat for Shapley shares whose linear predictor explains too little (``""`` if enough)."""
    if explained_share >= EXPLAINED_ENOUGH:
        return ""
    return (
        f"Note: a linear predictor of the inputs explains only {100 * explained_share:.1f}% of the variance "
        "(below 90%): the Shapley shares divide that linear part only and may disagree with the tornado, "
        "which moves each input and reruns the model."
    )


def sensitivity_from_proto(report: simulation_service_pb2.SensitivityReport) -> Sensitivity:
    """Convert a SensitivityReport message into a :class:`Sensitivity`."""
    run = RunInfo.from_proto(report.run)
    return Sensitivity(
        target_id=report.target_id,
        name_zh=report.name.zh,
        name_en=report.name.en,
        p_hit=report.p_hit.estimate,
        p_hit_se=report.p_hit.standard_error,
        tornado=tornado_frame(report),
        importance=importance_frame(report.importance),
        run=run,
        scenario_id=report.scenario_id,
        scenario_etag=report.scenario_etag,
        raw=report,
    )
