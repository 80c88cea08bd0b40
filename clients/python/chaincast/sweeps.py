"""Sweeps and goal seek: parameters as text, tidy frames and a chart.

A parameter is written ``OWNER.PARAMETER`` as on the command line, e.g.
``"pharma@etdz.drift"`` (a cell's drift_mean), ``"incubators@etdz.rate"`` (a
count cell's yearly_rate) or ``"crisis.change"`` (a macro shock's change).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

import pandas as pd

from chaincast.v1 import sweep_service_pb2 as sw_pb2

__all__ = ["GoalSeek", "parameter_proto", "sweep_frame", "goal_seek_from_proto", "plot_sweep"]

_QUANTITIES = {
    "base": "SWEEP_QUANTITY_BASE_VALUE",
    "base_value": "SWEEP_QUANTITY_BASE_VALUE",
    "drift": "SWEEP_QUANTITY_DRIFT_MEAN",
    "drift_mean": "SWEEP_QUANTITY_DRIFT_MEAN",
    "drift_sd": "SWEEP_QUANTITY_DRIFT_SD",
    "vol": "SWEEP_QUANTITY_VOLATILITY",
    "volatility": "SWEEP_QUANTITY_VOLATILITY",
    "base_count": "SWEEP_QUANTITY_BASE_COUNT",
    "rate": "SWEEP_QUANTITY_YEARLY_RATE",
    "yearly_rate": "SWEEP_QUANTITY_YEARLY_RATE",
    "rate_shape": "SWEEP_QUANTITY_RATE_SHAPE",
    "change": "SWEEP_QUANTITY_MACRO_SHOCK_CHANGE",
}
_COUNT = {"SWEEP_QUANTITY_BASE_COUNT", "SWEEP_QUANTITY_YEARLY_RATE", "SWEEP_QUANTITY_RATE_SHAPE"}

ParameterLike = Union[str, "sw_pb2.SweepParameter"]


def parameter_proto(p: ParameterLike) -> "sw_pb2.SweepParameter":
    """``"pharma@etdz.drift"`` as a SweepParameter (a proto passes through)."""
    if isinstance(p, sw_pb2.SweepParameter):
        return p
    text = str(p)
    owner, dot, name = text.rpartition(".")
    if not dot or not owner or not name:
        raise ValueError(f"write OWNER.PARAMETER, e.g. 'pharma@etdz.drift', got {text!r}")
    quantity = _QUANTITIES.get(name.lower())
    if quantity is None:
        raise ValueError(f"unknown parameter {name!r} in {text!r}: one of {sorted(_QUANTITIES)}")
    out = sw_pb2.SweepParameter(quantity=sw_pb2.SweepQuantity.Value(quantity))
    if quantity in _COUNT:
        out.count_cell_id = owner
    elif quantity == "SWEEP_QUANTITY_MACRO_SHOCK_CHANGE":
        out.macro_shock_id = owner
    else:
        out.cell_id = owner
    return out


def parameter_name(p: "sw_pb2.SweepParameter") -> str:
    """``pharma@etdz.drift_mean`` for a SweepParameter."""
    owner = getattr(p, p.WhichOneof("owner") or "cell_id")
    q = sw_pb2.SweepQuantity.Name(p.quantity).replace("SWEEP_QUANTITY_", "").lower()
    return f"{owner}.{'change' if q == 'macro_shock_change' else q}"


def grid_proto(axes: Mapping[ParameterLike, Sequence[float]]) -> "sw_pb2.SweepGrid":
    """``{"pharma@etdz.drift": [0.05, 0.1]}`` as a SweepGrid (insertion order = axis order)."""
    grid = sw_pb2.SweepGrid()
    for p, values in axes.items():
        grid.axes.add(parameter=parameter_proto(p), values=[float(v) for v in values])
    return grid


def sweep_frame(result: "sw_pb2.SweepResult") -> pd.DataFrame:
    """One row per point × target (and per point × threshold): the tidy table.

    Columns: ``point``, one column per parameter (its value), ``kind``
    (``target`` or ``threshold``), ``id``, ``p_hit``, ``standard_error``,
    ``ci_low``, ``ci_high``, ``median`` (targets), ``resumed``.
    """
    rows: List[Dict[str, Any]] = []
    for point in result.points:
        values = {parameter_name(v.parameter): v.value for v in point.values}
        for t in point.targets:
            rows.append(_row(point, values, "target", t.target_id, t.p_hit, t.median))
        for t in point.thresholds:
            rows.append(_row(point, values, "threshold", t.threshold_id, t.probability, float("nan")))
    return pd.DataFrame(rows)


def _row(point: Any, values: Dict[str, float], kind: str, ident: str, p: Any, median: float) -> Dict[str, Any]:
    row: Dict[str, Any] = {"point": point.index}
    row.update(values)
    row.update(
        kind=kind,
        id=ident,
        p_hit=p.estimate,
        standard_error=p.standard_error,
        ci_low=p.ci_low,
        ci_high=p.ci_high,
        median=median,
        resumed=point.resumed,
    )
    return row


@dataclass(frozen=True)
class GoalSeek:
    """A goal seek's answer.

    Attributes:
        value: the parameter value where P(hit) equals the wanted probability.
        standard_error: its Monte Carlo error (delta method, SE(P) / |dP/dθ|).
        p_hit: P reached at ``value``; ``p_hit_se`` its standard error.
        slope: dP/dθ at ``value``.
        p_low, p_high: P at the ends of the range.
        evaluations: simulations run; ``seed`` and ``paths`` of each.
    """

    parameter: str
    value: float
    standard_error: float
    p_hit: float
    p_hit_se: float
    slope: float
    p_low: float
    p_high: float
    evaluations: int
    seed: int
    paths: int


def goal_seek_from_proto(parameter: str, r: "sw_pb2.GoalSeekResponse") -> GoalSeek:
    return GoalSeek(
        parameter=parameter,
        value=r.value,
        standard_error=r.standard_error,
        p_hit=r.p_hit.estimate,
        p_hit_se=r.p_hit.standard_error,
        slope=r.slope,
        p_low=r.p_low.estimate,
        p_high=r.p_high.estimate,
        evaluations=r.evaluations,
        seed=r.run.seed,
        paths=r.run.paths,
    )


def plot_sweep(df: pd.DataFrame, *, ident: Optional[str] = None, ax: Any = None) -> Any:
    """Draw a sweep frame: P(hit) against one parameter (a line per id, with ±1.96 SE),
    or a heat map of one id's P(hit) over two parameters.

    Args:
        df: from :meth:`chaincast.Client.sweep`.
        ident: for a heat map, the target or threshold id (default: the first).
        ax: matplotlib axes to draw on (default: a new figure).

    Returns:
        The matplotlib axes.
    """
    import matplotlib.pyplot as plt

    params = [c for c in df.columns if c not in _FIXED]
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
    if len(params) == 1:
        x = params[0]
        for key, g in df.groupby("id", sort=False):
            g = g.sort_values(x)
            ax.plot(g[x], g["p_hit"], marker="o", label=key)
            ax.fill_between(g[x], g["p_hit"] - 1.96 * g["standard_error"], g["p_hit"] + 1.96 * g["standard_error"], alpha=0.2)
        ax.set_xlabel(x)
        ax.set_ylabel("P(hit)")
        ax.set_ylim(0, 1)
        ax.legend()
        return ax
    if len(params) == 2:
        ident = ident if ident is not None else df["id"].iloc[0]
        g = df[df["id"] == ident].pivot_table(index=params[1], columns=params[0], values="p_hit")
        mesh = ax.pcolormesh(g.columns.to_numpy(), g.index.to_numpy(), g.to_numpy(), vmin=0, vmax=1, cmap="RdYlGn", shading="nearest")
        ax.figure.colorbar(mesh, ax=ax, label="P(hit)")
        ax.set_xlabel(params[0])
        ax.set_ylabel(params[1])
        ax.set_title(f"P(hit) {ident}")
        return ax
    raise ValueError(f"plot_sweep draws one or two parameters; this sweep moves {len(params)}: {params}")


_FIXED = {"point", "kind", "id", "p_hit", "standard_error", "ci_low", "ci_high", "median", "resumed"}


def points_proto(points: Sequence[Mapping[ParameterLike, float]]) -> "sw_pb2.SweepPointList":
    """``[{"pharma@etdz.drift": 0.1, "pharma@etdz.vol": 0.2}, …]`` as a SweepPointList."""
    out = sw_pb2.SweepPointList()
    for p in points:
        spec = out.points.add()
        for k, v in p.items():
            spec.values.add(parameter=parameter_proto(k), value=float(v))
    return out


