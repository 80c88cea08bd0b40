"""Actual points in, calibration and backtest frames out (see ``Client.estimate`` and ``Client.backtest``)."""

from __future__ import annotations

import math
import re
from typing import Any, Iterable, List, Mapping, Optional, Tuple, Union

import pandas as pd

from chaincast.v1 import calibration_service_pb2 as cal_pb2
from chaincast.v1 import dataset_pb2, model_pb2

PointsLike = Union[pd.DataFrame, Iterable[Union[Mapping[str, Any], dataset_pb2.ActualPoint]]]
"""Actual points: a DataFrame with columns ``subject_id, year, value`` and
optionally ``unit`` (default ``"亿元"``), ``period`` (``""`` for a full year or
``"1-7"`` for January to July), ``source``, ``relative_error`` (the columns of
``chaincast backtest --file``); or dicts with those keys; or
``chaincast.v1.ActualPoint`` messages."""

_PERIOD = re.compile(r"^\s*(\d{1,2})\s*-\s*(\d{1,2})\s*$")

METHOD_NAMES = {
    cal_pb2.BACKTEST_METHOD_MODEL: "model",
    cal_pb2.BACKTEST_METHOD_RANDOM_WALK: "random_walk",
    cal_pb2.BACKTEST_METHOD_PLAN: "plan",
}


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() == ""


def actual_point(row: Mapping[str, Any]) -> dataset_pb2.ActualPoint:
    """One point from a mapping with the CSV's column names."""
    p = dataset_pb2.ActualPoint(
        subject_id=str(row["subject_id"]),
        year=int(row["year"]),
        value=float(row["value"]),
        unit="亿元" if _blank(row.get("unit")) else str(row["unit"]),
        source="" if _blank(row.get("source")) else str(row["source"]),
    )
    if not _blank(row.get("relative_error")):
        p.relative_error = float(row["relative_error"])
    period = row.get("period")
    if not _blank(period):
        m = _PERIOD.match(str(period))
        if not m:
            raise ValueError(f"period {period!r} of {p.subject_id} {p.year} is not first-last months, e.g. '1-7'")
        p.period.CopyFrom(model_pb2.Period(first_month=int(m.group(1)), last_month=int(m.group(2))))
    return p


def actual_points(points: Optional[PointsLike]) -> List[dataset_pb2.ActualPoint]:
    """The points as ``ActualPoint`` messages (empty for None)."""
    if points is None:
        return []
    if isinstance(points, pd.DataFrame):
        missing = {"subject_id", "year", "value"} - set(points.columns)
        if missing:
            raise ValueError(f"points need columns subject_id, year, value; missing {sorted(missing)}")
        return [actual_point(row) for row in points.to_dict("records")]
    out = []
    for p in points:
        out.append(p if isinstance(p, dataset_pb2.ActualPoint) else actual_point(p))
    return out


def estimates_frame(r: cal_pb2.EstimateParametersResponse) -> pd.DataFrame:
    """One row per estimated cell: the posterior summaries and the normal–inverse-gamma parameters."""
    rows = []
    for e in r.estimates:
        rows.append(
            {
                "cell_id": e.cell_id,
                "chain_id": e.chain_id,
                "observations": e.observations,
                "first_year": e.first_year,
                "last_year": e.last_year,
                "drift_mean": e.drift_mean.value,
                "drift_sd": e.drift_sd,
                "drift_p10": e.drift_p10,
                "drift_p90": e.drift_p90,
                "volatility": e.volatility.value,
                "volatility_sd": e.volatility_sd,
                "volatility_p10": e.volatility_p10,
                "volatility_p90": e.volatility_p90,
                "seeded_drift_mean": e.seeded_drift_mean,
                "seeded_volatility": e.seeded_volatility,
                "prior_drift_location": e.prior_drift_location,
                "drift_location": e.drift_location,
                "kappa": e.kappa,
                "shape": e.shape,
                "scale": e.scale,
                "provenance": model_pb2.ProvenanceKind.Name(e.drift_mean.provenance.kind),
                "dataset_id": e.drift_mean.provenance.dataset_id,
            }
        )
    df = pd.DataFrame(rows, columns=_ESTIMATE_COLUMNS)
    df.attrs["method"] = r.method
    df.attrs["skipped"] = [{"subject_id": s.subject_id, "reason": s.reason} for s in r.skipped]
    return df


_ESTIMATE_COLUMNS = [
    "cell_id", "chain_id", "observations", "first_year", "last_year",
    "drift_mean", "drift_sd", "drift_p10", "drift_p90",
    "volatility", "volatility_sd", "volatility_p10", "volatility_p90",
    "seeded_drift_mean", "seeded_volatility", "prior_drift_location",
    "drift_location", "kappa", "shape", "scale", "provenance", "dataset_id",
]

_ROW_COLUMNS = [
    "method", "cell_id", "vantage_year", "horizon", "target_year", "median",
    "lower_50", "upper_50", "lower_80", "upper_80", "lower_95", "upper_95",
    "actual", "pit", "crps", "log_score",
]

_SUMMARY_COLUMNS = [
    "method", "horizon", "forecasts", "coverage_50", "coverage_80", "coverage_95",
    "mean_crps", "mean_log_score", "pit_histogram",
]


def backtest_frames(r: cal_pb2.BacktestResponse) -> Tuple[pd.DataFrame, pd.DataFrame]:
    """(rows, summary): every scored forecast, and the scores per (method, horizon)."""
    rows = pd.DataFrame(
        [
            {
                "method": METHOD_NAMES.get(x.method, str(x.method)),
                "cell_id": x.cell_id,
                "vantage_year": x.vantage_year,
                "horizon": x.horizon,
                "target_year": x.vantage_year + x.horizon,
                "median": x.median,
                "lower_50": x.lower_50,
                "upper_50": x.upper_50,
                "lower_80": x.lower_80,
                "upper_80": x.upper_80,
                "lower_95": x.lower_95,
                "upper_95": x.upper_95,
                "actual": x.actual,
                "pit": x.pit,
                "crps": x.crps,
                "log_score": x.log_score,
            }
            for x in r.rows
        ],
        columns=_ROW_COLUMNS,
    )
    summary = pd.DataFrame(
        [
            {
                "method": METHOD_NAMES.get(s.method, str(s.method)),
                "horizon": s.horizon,
                "forecasts": s.forecasts,
                "coverage_50": s.coverage_50,
                "coverage_80": s.coverage_80,
                "coverage_95": s.coverage_95,
                "mean_crps": s.mean_crps,
                "mean_log_score": s.mean_log_score,
                "pit_histogram": list(s.pit_histogram),
            }
            for s in r.summaries
        ],
        columns=_SUMMARY_COLUMNS,
    )
    skipped = [{"subject_id": s.subject_id, "reason": s.reason} for s in r.skipped]
    for df in (rows, summary):
        df.attrs.update(method=r.method, horizon=r.horizon, min_history=r.min_history, skipped=skipped)
    return rows, summary
