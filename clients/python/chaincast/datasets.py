"""Datasets of actuals: DataFrames to ``ActualPoint`` messages and back.

A dataset's table has the columns of the CSV import format (README,
"Datasets of actuals"): ``subject_id``, ``year``, ``value``, ``unit`` and,
optionally, ``period`` (``""`` for a full year, ``"1-7"`` for January to
July), ``source`` and ``relative_error``. Row ``i`` of the frame (by
position) becomes ``dataset.points[i]``, so a server violation such as
``dataset.points[6].value`` names the frame's seventh row.
"""

from __future__ import annotations

import math
import re
from typing import Any, Iterable, List

import pandas as pd

from chaincast.v1 import dataset_pb2, model_pb2

__all__ = ["COLUMNS", "REQUIRED", "points_from_frame", "points_frame", "datasets_frame"]

REQUIRED = ("subject_id", "year", "value", "unit")
"""Columns every frame must have."""

COLUMNS = REQUIRED + ("period", "source", "relative_error")
"""Every column the import format knows, in its order."""

_PERIOD = re.compile(r"\s*(\d{1,2})\s*-\s*(\d{1,2})\s*")


def _missing(v: Any) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def _period(value: Any, row: int) -> Any:
    """``""``/NaN for a full year, ``"M1-M2"`` or ``(M1, M2)`` for part of one."""
    if _missing(value) or value == "":
        return None
    if isinstance(value, (tuple, list)) and len(value) == 2:
        first, last = value
    else:
        m = _PERIOD.fullmatch(str(value))
        if not m:
            raise ValueError(
                f"row {row}, column period: must be empty (a full year) or 'M1-M2' such as '1-7', got {value!r}"
            )
        first, last = m.group(1), m.group(2)
    return model_pb2.Period(first_month=int(first), last_month=int(last))


def _year(value: Any, row: int) -> int:
    try:
        year = float(value)
    except (TypeError, ValueError):
        year = math.nan
    if not math.isfinite(year) or year != int(year):
        raise ValueError(f"row {row}, column year: must be a whole calendar year such as 2023, got {value!r}")
    return int(year)


def _number(value: Any, row: int, column: str, default: Any) -> float:
    if _missing(value) or value == "":
        if default is None:
            raise ValueError(f"row {row}, column {column}: is required")
        return default
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ValueError(f"row {row}, column {column}: must be a number, got {value!r}") from None


def points_from_frame(df: pd.DataFrame) -> List[dataset_pb2.ActualPoint]:
    """The frame's rows as points, in order. The server checks the values
    (subjects, units, ranges, duplicates); this only converts, raising
    ``ValueError`` naming the row (by position, from 0) and column when a cell
    cannot be converted at all."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"expected a pandas DataFrame with columns {', '.join(COLUMNS)}, got {type(df).__name__}")
    missing = [c for c in REQUIRED if c not in df.columns]
    unknown = [c for c in df.columns if c not in COLUMNS]
    if missing or unknown:
        raise ValueError(
            "the frame must have the columns "
            + ", ".join(REQUIRED)
            + " (and may have period, source, relative_error)"
            + (f"; missing: {', '.join(missing)}" if missing else "")
            + (f"; unknown: {', '.join(map(str, unknown))}" if unknown else "")
        )
    points = []
    for row, rec in enumerate(df.to_dict("records")):
        point = dataset_pb2.ActualPoint(
            subject_id="" if _missing(rec["subject_id"]) else str(rec["subject_id"]),
            year=_year(rec["year"], row),
            value=_number(rec["value"], row, "value", math.nan),
            unit="" if _missing(rec["unit"]) else str(rec["unit"]),
            source="" if _missing(rec.get("source")) else str(rec.get("source")),
            relative_error=_number(rec.get("relative_error"), row, "relative_error", 0.0),
        )
        period = _period(rec.get("period"), row)
        if period is not None:
            point.period.CopyFrom(period)
        points.append(point)
    return points


def _period_text(p: dataset_pb2.ActualPoint) -> str:
    return f"{p.period.first_month}-{p.period.last_month}" if p.HasField("period") else ""


def points_frame(dataset: dataset_pb2.Dataset) -> pd.DataFrame:
    """A dataset's points in the import format (so it can be imported again).

    ``df.attrs`` holds the dataset's id, name_zh, name_en, description, etag and point_count."""
    rows = [
        {
            "subject_id": p.subject_id,
            "year": p.year,
            "value": p.value,
            "unit": p.unit,
            "period": _period_text(p),
            "source": p.source,
            "relative_error": p.relative_error,
        }
        for p in dataset.points
    ]
    df = pd.DataFrame(rows, columns=list(COLUMNS)).astype(
        {
            "subject_id": "string",
            "year": "int64",
            "value": "float64",
            "unit": "string",
            "period": "string",
            "source": "string",
            "relative_error": "float64",
        }
    )
    df.attrs.update(
        {
            "id": dataset.id,
            "name_zh": dataset.name.zh,
            "name_en": dataset.name.en,
            "description": dataset.description,
            "etag": dataset.etag,
            "point_count": dataset.point_count,
        }
    )
    return df


def datasets_frame(datasets: Iterable[dataset_pb2.Dataset]) -> pd.DataFrame:
    """One row per stored dataset: id, name_zh, name_en, description,
    point_count, etag, create_time (UTC)."""
    rows = [
        {
            "id": d.id,
            "name_zh": d.name.zh,
            "name_en": d.name.en,
            "description": d.description,
            "point_count": d.point_count,
            "etag": d.etag,
            "create_time": pd.Timestamp(d.create_time.seconds * 1_000_000_000 + d.create_time.nanos, unit="ns", tz="UTC")
            if d.create_time.seconds or d.create_time.nanos
            else pd.NaT,
        }
        for d in datasets
    ]
    return pd.DataFrame(
        rows, columns=["id", "name_zh", "name_en", "description", "point_count", "etag", "create_time"]
    ).astype(
        {
            "id": "string",
            "name_zh": "string",
            "name_en": "string",
            "description": "string",
            "point_count": "int64",
            "etag": "string",
            "create_time": "datetime64[ns, UTC]",
        }
    )
