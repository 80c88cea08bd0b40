"""Charts for planners: fans with their targets, and the odds table as bars.

Labels are bilingual (中文 English) when a font with Chinese glyphs is
installed, and English only otherwise, so a machine without one gets clean
charts instead of empty boxes and a warning per missing glyph. The font is
found with matplotlib's font manager (see :func:`cjk_font`); set the
environment variable ``CHAINCAST_CJK_FONT`` to a family name to choose one, or
to ``none`` to force English-only labels. Every function returns the Axes it
drew on, and never changes matplotlib's global settings (:func:`use_cjk_font`
does, when asked, for your own labels).
"""

from __future__ import annotations

import functools
import os
import re
from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

import contextlib

import matplotlib
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.text import Text

import pandas as pd

__all__ = [
    "cjk_font",
    "use_cjk_font",
    "plot_fan",
    "plot_odds",
    "plot_tornado",
    "english_only",
    "TORNADO_COLORS",
    "ODDS_AXIS_END",
]

# Families with the simplified Chinese glyphs the names use, best first.
_PREFERRED_CJK = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "SimHei",
    "Noto Serif CJK SC",
    "AR PL UMing CN",
    "AR PL UKai CN",
    "Droid Sans Fallback",
)
# File-name fragments of CJK fonts, to register fonts installed after
# matplotlib built its font cache (it does not notice new system fonts).
_CJK_FILE_HINTS = ("wqy", "notosanscjk", "notoserifcjk", "sourcehansans", "droidsansfallback", "uming", "ukai", "simhei", "msyh")

_UNIT_TEXT: Dict[str, Tuple[str, str]] = {
    "亿元": ("亿元", "100 million yuan"),
    "亿美元": ("亿美元", "100 million US dollars"),
    "count": ("个", "count"),
    "%": ("%", "%"),
}

_CJK_RE = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")
_CJK_PARENS_RE = re.compile(r"\s*[（(][^()（）]*[\u2e80-\u9fff][^()（）]*[)）]")


@functools.lru_cache(maxsize=None)
def _detect_cjk_font() -> Optional[str]:
    names = {f.name for f in font_manager.fontManager.ttflist}
    for family in _PREFERRED_CJK:
        if family in names:
            return family
    # Fonts installed after matplotlib's cache was built: register them.
    try:
        files = font_manager.findSystemFonts()
    except Exception:  # pragma: no cover - depends on the platform's font tools
        files = []
    for path in files:
        base = os.path.basename(path).lower().replace("-", "").replace("_", "")
        if any(hint in base for hint in _CJK_FILE_HINTS):
            try:
                font_manager.fontManager.addfont(path)
            except Exception:
                continue
    names = {f.name for f in font_manager.fontManager.ttflist}
    for family in _PREFERRED_CJK:
        if family in names:
            return family
    for name in sorted(names):
        if "CJK" in name:
            return name
    return None


def cjk_font() -> Optional[str]:
    """The family name of an installed font with Chinese glyphs, or ``None``.

    ``CHAINCAST_CJK_FONT`` overrides the search: a family name to use, or
    ``none`` for no CJK font (English-only labels).
    """
    chosen = os.environ.get("CHAINCAST_CJK_FONT")
    if chosen is not None:
        if chosen.strip().lower() in ("", "none", "0", "false", "no"):
            return None
        return chosen
    return _detect_cjk_font()


def use_cjk_font() -> Optional[str]:
    """Make matplotlib draw Chinese in *your own* labels too (titles, annotations).

    :func:`plot_fan` and :func:`plot_odds` pick the font themselves without
    touching global settings; call this once, e.g. at the top of a notebook,
    when you also write Chinese text yourself. It puts the CJK font first in
    ``rcParams["font.family"]`` (DejaVu Sans stays as the fallback) and returns
    its name, or returns ``None`` and changes nothing when none is installed.
    """
    family = cjk_font()
    if family is not None:
        matplotlib.rcParams["font.family"] = _families(family)
    return family


def english_only(text: str) -> str:
    """Drop Chinese from a label: 亿元 becomes "100M yuan", parenthesised
    Chinese and any other CJK characters go. Used when no CJK font exists."""
    text = text.replace("亿美元", "× 100M US$").replace("亿元", "× 100M yuan")
    text = _CJK_PARENS_RE.sub("", text)
    text = _CJK_RE.sub("", text)
    return re.sub(r"\s{2,}", " ", text).strip()


def _resolve_font(cjk: Optional[bool]) -> Optional[str]:
    if cjk is False:
        return None
    family = cjk_font()
    if cjk is True and family is None:
        raise RuntimeError(
            "no font with Chinese glyphs found; install one (Debian: fonts-noto-cjk or fonts-wqy-microhei) "
            "or pass cjk=None for English-only labels"
        )
    return family


@contextlib.contextmanager
def _font_context(family: Optional[str]) -> Iterator[None]:
    if family is None:
        yield
        return
    # Concrete family names, not the generic "sans-serif": a Text keeps the
    # families it was created with and resolves them when drawn, which in a
    # notebook happens after this context has ended. DejaVu Sans (bundled with
    # matplotlib) is the per-glyph fallback for what the CJK font lacks.
    with matplotlib.rc_context({"font.family": _families(family)}):
        yield


def _families(family: str) -> List[str]:
    return [family, "DejaVu Sans"] if family != "DejaVu Sans" else [family]


def _apply_font(ax: Axes, family: Optional[str]) -> None:
    """Give every text of the Axes the CJK font. Needed on top of the rc
    context for Axes made by the caller: their title, axis labels and ticks
    were created, with the caller's fonts, before this module drew."""
    if family is None:
        return
    families = _families(family)
    for text in ax.findobj(Text):
        text.set_fontfamily(families)


class _Labels:
    """Bilingual or English-only wording, chosen once per chart."""

    def __init__(self, family: Optional[str]) -> None:
        self.bilingual = family is not None

    def __call__(self, zh: str, en: str) -> str:
        return f"{zh} {en}" if self.bilingual and zh else english_only(en)

    def name(self, zh: str, en: str) -> str:
        if self.bilingual:
            return f"{zh} {en}".strip() if zh and zh not in en else en
        return english_only(en) or english_only(zh)

    def unit(self, unit: str) -> str:
        zh, en = _UNIT_TEXT.get(unit, (unit, unit))
        if not self.bilingual:
            return en
        return zh if zh == en else f"{zh}, {en}"

    def value_axis(self, unit: str) -> str:
        if unit in ("亿元", "亿美元"):
            return f"{self('产值', 'Output')} ({self.unit(unit)})"
        if unit == "count":
            return self("数量", "Count")
        return f"{self('数值', 'Value')} ({self.unit(unit)})"


def _format_value(value: float) -> str:
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:,.1f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _new_axes(figsize: Tuple[float, float]) -> Axes:
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _bands(percentiles: Sequence[float]) -> List[Tuple[float, float]]:
    """Symmetric pairs around the median, outermost first: [(5, 95), (25, 75)]."""
    ps = sorted(set(percentiles))
    low = [p for p in ps if p < 50]
    high = [p for p in ps if p > 50][::-1]
    return list(zip(low, high))


def _target_info(df: pd.DataFrame, target: Any) -> Optional[Dict[str, Any]]:
    """Normalise plot_fan's ``target`` argument into {target_value, year, ...}."""
    if target is None or target is False:
        return None
    if isinstance(target, bool):
        raise TypeError("target=True is not meaningful; pass a value, a target id or a row")
    if isinstance(target, (int, float)):
        return {"target_value": float(target)}
    if isinstance(target, str):
        known = df.attrs.get("targets", {})
        if target not in known:
            raise ValueError(
                f"target {target!r} is not in this fan's report (known: {sorted(known) or 'none'}); "
                "simulate it alongside (fan(..., targets=[...])) or pass its value"
            )
        return dict(known[target], target_id=target)
    if isinstance(target, (pd.Series, Mapping)):
        row = dict(target)
        if "target_value" not in row and "value" in row:
            row["target_value"] = row["value"]  # a row of Client.targets()
        if "target_value" not in row:
            raise ValueError("a target row needs target_value (a row of odds()) or value (a row of targets())")
        return row
    raise TypeError(f"target must be a number, a target id, a row or None, not {type(target).__name__}")


def plot_fan(
    df: pd.DataFrame,
    target: Any = "auto",
    *,
    group: Union[None, str, Sequence[str]] = None,
    ax: Optional[Axes] = None,
    cjk: Optional[bool] = None,
    logy: bool = False,
    title: Optional[str] = None,
) -> Axes:
    """Draw fans: shaded percentile bands, the median, and the target.

    Args:
        df: a fan DataFrame from :meth:`chaincast.Client.fan` (columns group,
            year, percentile, value, unit, name_zh, name_en).
        target: the target line. ``"auto"`` (default): for every plotted
            group that is a target, its own value and year from the report;
            a number: a horizontal line at that value; a target id; a row of
            ``Client.odds()`` or ``Client.targets()``; ``None``: no line.
        group: which group(s) to draw (default: all). With several groups
            each gets its own colour.
        ax: Axes to draw on (default: a new figure).
        cjk: ``None`` bilingual labels if a CJK font is installed, else
            English; ``False`` English only; ``True`` require a CJK font.
        logy: logarithmic value axis (useful for groups of very different size).
        title: overrides the title (default: the group's name).

    Returns:
        The Axes.
    """
    required = {"group", "year", "percentile", "value"}
    missing = required - set(df.columns)
    if missing:
        raise ValueError(f"plot_fan needs a fan DataFrame (Client.fan); missing columns {sorted(missing)}")
    groups = list(dict.fromkeys(df["group"].astype(str)))
    if group is not None:
        wanted = [group] if isinstance(group, str) else list(group)
        unknown = [g for g in wanted if g not in groups]
        if unknown:
            raise ValueError(f"group(s) {unknown} not in the fan (it has {groups})")
        groups = wanted
    if not groups:
        raise ValueError("the fan DataFrame is empty")

    family = _resolve_font(cjk)
    words = _Labels(family)
    known_targets = df.attrs.get("targets", {})
    with _font_context(family):
        if ax is None:
            ax = _new_axes((8, 4.8) if len(groups) == 1 else (9, 5.4))
        colors = matplotlib.rcParams["axes.prop_cycle"].by_key().get("color", ["C0"])
        unit = ""
        for i, name in enumerate(groups):
            color = colors[i % len(colors)] if len(groups) > 1 else "C0"
            part = df[df["group"].astype(str) == name]
            unit = str(part["unit"].iloc[0]) if "unit" in part.columns and len(part) else unit
            table = part.pivot_table(index="year", columns="percentile", values="value", aggfunc="first").sort_index()
            years = table.index.to_numpy()
            label_name = (
                words.name(str(part["name_zh"].iloc[0]), str(part["name_en"].iloc[0]))
                if {"name_zh", "name_en"} <= set(part.columns)
                else name
            )
            bands = _bands(list(table.columns))
            for j, (lo, hi) in enumerate(bands):
                alpha = 0.15 + 0.2 * j / max(1, len(bands) - 1) if len(bands) > 1 else 0.25
                band_label = None
                if len(groups) == 1:
                    band_label = f"{words('区间', 'band')} P{lo:g}–P{hi:g}"
                ax.fill_between(years, table[lo], table[hi], color=color, alpha=alpha, linewidth=0, label=band_label)
            if 50.0 in table.columns:
                median_label = words("中位数", "median") if len(groups) == 1 else label_name
                ax.plot(years, table[50.0], color=color, linewidth=2, label=median_label)

            info: Optional[Dict[str, Any]]
            if isinstance(target, str) and target == "auto":
                info = dict(known_targets[name], target_id=name) if name in known_targets else None
            elif i == 0 or len(groups) == 1:
                info = _target_info(df, target)
            else:
                info = None
            if info is not None:
                _draw_target(
                    ax,
                    info,
                    color if len(groups) > 1 else "C3",
                    words,
                    unit or str(info.get("unit", "")),
                    annotate=len(groups) == 1,
                )

        ax.set_xlabel(words("年份", "Year"))
        ax.set_ylabel(words.value_axis(unit))
        ax.xaxis.get_major_locator().set_params(integer=True)
        if unit == "count":  # a count fan: whole firms, drugs, platforms on the axis
            ax.yaxis.get_major_locator().set_params(integer=True)
        if logy:
            ax.set_yscale("log")
        ax.grid(True, alpha=0.3)
        if title is None:
            if len(groups) == 1:
                part = df[df["group"].astype(str) == groups[0]]
                title = (
                    words.name(str(part["name_zh"].iloc[0]), str(part["name_en"].iloc[0]))
                    if {"name_zh", "name_en"} <= set(part.columns)
                    else groups[0]
                )
            else:
                title = words("产值分布", "Output fan")
        ax.set_title(title)
        if len(groups) == 1:
            ax.legend(loc="upper left", fontsize="small", frameon=False)
        else:
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)
        _apply_font(ax, family)
    return ax


def _draw_target(
    ax: Axes, info: Mapping[str, Any], color: str, words: _Labels, unit: str, annotate: bool = False
) -> None:
    value = float(info["target_value"])
    comparison = str(info.get("comparison", "") or "")
    sign = {">=": "≥", ">": ">"}.get(comparison, "")
    text = f"{words('目标', 'target')} {sign}{_format_value(value)}"
    if info.get("year"):
        text += f" ({int(info['year'])})"
    if info.get("p_hit") is not None and info.get("p_hit") == info.get("p_hit"):
        text += f", P(hit) {float(info['p_hit']):.1%}"
    ax.axhline(value, color=color, linestyle="--", linewidth=1.2, label=text)
    if info.get("year"):
        ax.plot([int(info["year"])], [value], marker="*", markersize=11, color=color, linestyle="none")
        if annotate:  # the odds beside the star, legible without the legend
            label = f"{sign}{_format_value(value)}"
            if info.get("p_hit") is not None and info.get("p_hit") == info.get("p_hit"):
                label += f"  P(hit) {float(info['p_hit']):.1%}"
            ax.annotate(
                label,
                xy=(int(info["year"]), value),
                xytext=(-8, 5),
                textcoords="offset points",
                ha="right",
                va="bottom",
                fontsize="small",
                color=color,
            )


def plot_odds(
    df: pd.DataFrame,
    ax: Optional[Axes] = None,
    *,
    cjk: Optional[bool] = None,
    title: Optional[str] = None,
) -> Axes:
    """Draw the odds table as horizontal bars: P(hit) per target with its 95 % interval.

    Args:
        df: an odds DataFrame from :meth:`chaincast.Client.odds` (columns
            target_id, name_zh, name_en, p_hit, ci_low, ci_high, comparison,
            target_value, unit, year).
        ax: Axes to draw on (default: a new figure sized to the rows).
        cjk: as in :func:`plot_fan`.
        title: overrides the title.

    Returns:
        The Axes. The first row of ``df`` is at the top.
    """
    required = {"target_id", "p_hit", "ci_low", "ci_high"}
    missing = required - set(df.columns)
    if missing:
        raise ValueError(f"plot_odds needs an odds DataFrame (Client.odds); missing columns {sorted(missing)}")
    if len(df) == 0:
        raise ValueError("the odds DataFrame is empty")
    family = _resolve_font(cjk)
    words = _Labels(family)
    n = len(df)
    with _font_context(family):
        if ax is None:
            ax = _new_axes((11, max(3.0, 0.34 * n + 1.4)))
        positions = list(range(n))
        p = df["p_hit"].to_numpy(dtype=float) * 100
        low = df["ci_low"].to_numpy(dtype=float) * 100
        high = df["ci_high"].to_numpy(dtype=float) * 100
        ax.barh(positions, p, color="C0", alpha=0.8, height=0.7)
        ax.errorbar(p, positions, xerr=[p - low, high - p], fmt="none", ecolor="black", elinewidth=1, capsize=2)
        labels = []
        goals = []
        for row in df.itertuples(index=False):
            name = words.name(str(getattr(row, "name_zh", "")), str(getattr(row, "name_en", ""))) or str(row.target_id)
            labels.append(name)
            goal = ""
            if hasattr(row, "target_value"):
                sign = {">=": "≥", ">": ">"}.get(str(getattr(row, "comparison", "")), "")
                unit = str(getattr(row, "unit", ""))
                value_text = f"{sign}{_format_value(float(row.target_value))}"
                if words.bilingual:
                    unit_text = _UNIT_TEXT.get(unit, (unit, unit))[0]
                    goal = f"目标 target {value_text} {unit_text}"
                else:
                    goal = f"target {value_text} ({_UNIT_TEXT.get(unit, (unit, unit))[1]})"
            goals.append(goal)
        ax.set_yticks(positions, labels)
        for y, value, hi, goal in zip(positions, p, high, goals):
            text = f"{value:.1f}%" + (f"   {goal}" if goal else "")
            ax.text(hi + 1.0, y, text, va="center", fontsize="small")
        ax.set_xlim(0, ODDS_AXIS_END)
        ax.set_xticks(range(0, 101, 20))
        ax.invert_yaxis()
        ax.set_xlabel(words("达标概率", "Chance of reaching the target") + ", P(hit) % " + words("（误差线：95%区间）", "(bars: 95% interval)"))
        ax.grid(True, axis="x", alpha=0.3)
        if title is None:
            run = df.attrs.get("run") or {}
            title = words("目标达成概率", "Odds of reaching the targets")
            if run.get("paths"):
                title += f" — {int(run['paths']):,} " + words("条路径", "paths")
                if run.get("seed") is not None:
                    title += f", seed {run['seed']}"
        ax.set_title(title)
        _apply_font(ax, family)
    return ax


TORNADO_COLORS: Dict[str, str] = {
    "down": "#d6604d",  # the bar to P(hit) with the input one step down
    "up": "#4393c3",  # the bar to P(hit) one step up
    "point": "#333333",  # the line at P(hit) at the point
}
"""The tornado palette, shared with src/main/java/chaincast/chart/TornadoChart.java (DOWN, UP,
POINT): change both or neither, so the notebook and the CLI's PNG show the same colours."""

ODDS_AXIS_END = 110.0
"""plot_odds' x axis runs to 110 % (ticks stop at 100), so a bar at 100 % ends inside the frame
with its label beside it; the CLI's OddsChart.AXIS_END is the same."""

_PARAMETER_WORDS: Dict[str, Tuple[str, str]] = {
    "start_value": ("起始产值", "start value"),
    "base_value": ("基期产值", "base value"),
    "drift_mean": ("平均增速", "mean growth"),
    "drift_sd": ("增速离散度", "growth s.d."),
    "volatility": ("波动率", "volatility"),
    "base_count": ("起始数量", "start count"),
    "yearly_rate": ("年均新增", "yearly arrivals"),
    "rate_shape": ("速率形状", "rate shape"),
}


def _tornado_input(sensitivity: Any) -> Tuple[pd.DataFrame, Dict[str, Any]]:
    """(tornado DataFrame, its attrs) from a tornado frame or a Sensitivity."""
    df = getattr(sensitivity, "tornado", sensitivity)
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"plot_tornado needs Client.sensitivity(...) or its .tornado DataFrame, not {type(sensitivity).__name__}")
    attrs = dict(df.attrs)
    if hasattr(sensitivity, "tornado"):  # the Sensitivity object knows the point for sure
        attrs.update(p_hit=sensitivity.p_hit, target_id=sensitivity.target_id,
                     name_zh=sensitivity.name_zh, name_en=sensitivity.name_en)
    return df, attrs


def _format_input(value: float) -> str:
    """An input's value beside its bar: 亿元 like plot values, small rates to 3 significant digits."""
    if value == 0 or abs(value) >= 10:
        return _format_value(value)
    return f"{value:.3g}"


def plot_tornado(
    df: Any,
    ax: Optional[Axes] = None,
    *,
    top: Optional[int] = None,
    p_hit: Optional[float] = None,
    cjk: Optional[bool] = None,
    title: Optional[str] = None,
) -> Axes:
    """Draw a tornado: P(hit) with each input one step down and up, around the point's P(hit).

    Each input gets a row: a bar from the point's P(hit) to P(hit) with the
    input one step down (red) and one to P(hit) one step up (blue), with
    ±1.96 paired standard errors at the ends; the input's values at the two
    steps are written beside the bars and its unit in the row label. The
    longest bar (largest swing) is at the top.

    Args:
        df: ``Client.sensitivity(...)`` or its ``.tornado`` DataFrame
            (columns input_id, cell_id, parameter, unit, low_value,
            high_value, p_hit_low, p_hit_high, standard_error_low,
            standard_error_high, swing; ``attrs["p_hit"]`` the point).
        ax: Axes to draw on (default: a new figure sized to the rows).
        top: draw only the ``top`` longest bars.
        p_hit: the point's P(hit) (default: from the report).
        cjk: as in :func:`plot_fan`.
        title: overrides the title (default: the target's name and the run).

    Returns:
        The Axes.
    """
    frame, attrs = _tornado_input(df)
    required = {"cell_id", "parameter", "low_value", "high_value", "p_hit_low", "p_hit_high", "swing"}
    missing = required - set(frame.columns)
    if missing:
        raise ValueError(f"plot_tornado needs a tornado DataFrame (Client.sensitivity().tornado); missing columns {sorted(missing)}")
    if len(frame) == 0:
        raise ValueError("the tornado DataFrame is empty")
    point = p_hit if p_hit is not None else attrs.get("p_hit")
    if point is None:
        raise ValueError("the point's P(hit) is unknown: pass p_hit= or the frame from Client.sensitivity()")
    frame = frame.sort_values("swing", ascending=False, kind="stable")
    if top is not None:
        frame = frame.head(int(top))
    family = _resolve_font(cjk)
    words = _Labels(family)
    n = len(frame)
    center = float(point) * 100
    with _font_context(family):
        if ax is None:
            ax = _new_axes((10.5, max(3.0, 0.36 * n + 1.6)))
        y = list(range(n))
        low = frame["p_hit_low"].to_numpy(dtype=float) * 100
        high = frame["p_hit_high"].to_numpy(dtype=float) * 100
        ax.barh(y, low - center, left=center, height=0.7, color=TORNADO_COLORS["down"],
                label=words("下调一档", "input one step down"))
        ax.barh(y, high - center, left=center, height=0.7, color=TORNADO_COLORS["up"],
                label=words("上调一档", "input one step up"))
        if {"standard_error_low", "standard_error_high"} <= set(frame.columns):
            se_low = frame["standard_error_low"].to_numpy(dtype=float) * 100 * 1.96
            se_high = frame["standard_error_high"].to_numpy(dtype=float) * 100 * 1.96
            ax.errorbar(low, y, xerr=se_low, fmt="none", ecolor="black", elinewidth=0.8, capsize=2)
            ax.errorbar(high, y, xerr=se_high, fmt="none", ecolor="black", elinewidth=0.8, capsize=2)
        ax.axvline(center, color=TORNADO_COLORS["point"], linewidth=1.2,
                   label=f"{words('基准', 'at the point')} P(hit) {center:.1f}%")
        labels = []
        span = max(float(abs(low - center).max()), float(abs(high - center).max()), 1.0)
        pad = span * 0.02
        whisker_low = (frame["standard_error_low"].to_numpy(dtype=float) * 196) if "standard_error_low" in frame else [0.0] * n
        whisker_high = (frame["standard_error_high"].to_numpy(dtype=float) * 196) if "standard_error_high" in frame else [0.0] * n
        for i, row in enumerate(frame.itertuples(index=False)):
            zh, en = _PARAMETER_WORDS.get(str(row.parameter), (str(row.parameter), str(row.parameter)))
            unit = str(getattr(row, "unit", "") or "")
            unit_text = words.unit(unit).split(",")[0] if unit in _UNIT_TEXT else unit
            if not words.bilingual and unit == "亿元":
                unit_text = "100M yuan"
            labels.append(f"{row.cell_id} {words(zh, en)}" + (f" ({unit_text})" if unit_text else ""))
            for value, x, whisker in ((row.low_value, low[i], whisker_low[i]), (row.high_value, high[i], whisker_high[i])):
                left_side = x < center
                offset = pad + float(whisker)
                ax.text(x + (-offset if left_side else offset), i, _format_input(float(value)),
                        va="center", ha="right" if left_side else "left", fontsize="x-small")
        ax.set_yticks(y, labels)
        ax.invert_yaxis()
        ax.set_xlim(max(0.0, min(low.min(), center) - span * 0.35), min(100.0, max(high.max(), center) + span * 0.35))
        if words.bilingual:
            ax.set_xlabel("达标概率 P(hit) %（须线 whiskers: ±1.96 配对标准误 paired s.e.）")
        else:
            ax.set_xlabel("Chance of reaching the target, P(hit) %  (whiskers: ±1.96 paired s.e.)")
        ax.grid(True, axis="x", alpha=0.3)
        ax.legend(loc="lower right", fontsize="small", frameon=False)
        if title is None:
            name = words.name(str(attrs.get("name_zh", "")), str(attrs.get("name_en", ""))) or str(attrs.get("target_id", ""))
            title = f"{words('敏感性', 'Sensitivity')}: {name}"
            run = attrs.get("run") or {}
            if run.get("paths"):
                title += f"\n{int(run['paths']):,} " + words("条路径/次", "paths a run")
                if run.get("seed") is not None:
                    title += f", seed {run['seed']}"
        ax.set_title(title)
        _apply_font(ax, family)
    return ax


_METHOD_WORDS: Dict[str, Tuple[str, str]] = {
    "model": ("校准模型", "calibrated model"),
    "random_walk": ("随机游走", "random walk (3 years)"),
    "plan": ("规划增速", "plan's growth"),
}


def _backtest_summary(summary: pd.DataFrame, needed: Sequence[str], name: str) -> None:
    missing = set(needed) - set(summary.columns)
    if missing:
        raise ValueError(f"{name} needs the summary DataFrame of Client.backtest; missing columns {sorted(missing)}")
    if len(summary) == 0:
        raise ValueError("the backtest summary is empty")


def plot_pit(
    summary: pd.DataFrame,
    ax: Optional[Axes] = None,
    *,
    cjk: Optional[bool] = None,
    title: Optional[str] = None,
) -> Axes:
    """Draw the PIT histogram of a backtest: one set of bars per method, every horizon pooled.

    The height is the density (share of forecasts in the bin × 10), so calibrated
    forecasts give bars near the line at 1; a U shape means intervals too narrow,
    a hump too wide, a slope a biased centre.

    Args:
        summary: the summary DataFrame of :meth:`chaincast.Client.backtest`.
        ax: Axes to draw on (default: a new figure).
        cjk: as in :func:`plot_fan`.
        title: overrides the title.

    Returns:
        The Axes.
    """
    _backtest_summary(summary, ["method", "forecasts", "pit_histogram"], "plot_pit")
    family = _resolve_font(cjk)
    words = _Labels(family)
    methods = list(dict.fromkeys(summary["method"]))
    with _font_context(family):
        if ax is None:
            ax = _new_axes((9, 4.8))
        width = 0.8 / len(methods)
        for i, method in enumerate(methods):
            part = summary[summary["method"] == method]
            counts = [0] * 10
            for histogram in part["pit_histogram"]:
                for b, c in enumerate(list(histogram)[:10]):
                    counts[b] += int(c)
            total = int(part["forecasts"].sum())
            density = [c * 10.0 / total if total else 0.0 for c in counts]
            xs = [b / 10 + 0.05 + (i - (len(methods) - 1) / 2) * width / 10 for b in range(10)]
            ax.bar(xs, density, width=width / 10, color=f"C{i}", label=words(*_METHOD_WORDS.get(method, (method, method))))
        ax.axhline(1.0, color="black", linewidth=1.2, label=words("均匀（已校准）", "uniform (calibrated)"))
        ax.set_xlim(0, 1)
        ax.set_xticks([b / 10 for b in range(11)])
        ax.set_xlabel(words("PIT 值", "PIT value"))
        ax.set_ylabel(words("密度", "Density"))
        ax.legend(fontsize="small")
        ax.grid(True, axis="y", alpha=0.3)
        ax.set_title(title if title is not None else words("PIT 直方图", "PIT histogram") + f" — {int(summary['forecasts'].sum()):,} " + words("个预测", "forecasts"))
        _apply_font(ax, family)
    return ax


def plot_coverage(
    summary: pd.DataFrame,
    ax: Optional[Axes] = None,
    *,
    cjk: Optional[bool] = None,
    title: Optional[str] = None,
) -> Axes:
    """Draw observed against nominal coverage of the 50/80/95 % intervals, per method.

    Every horizon is pooled (weighted by forecasts). Points on the diagonal are
    calibrated; below it the intervals are too narrow.

    Args:
        summary: the summary DataFrame of :meth:`chaincast.Client.backtest`.
        ax: Axes to draw on (default: a new figure).
        cjk: as in :func:`plot_fan`.
        title: overrides the title.

    Returns:
        The Axes.
    """
    _backtest_summary(summary, ["method", "forecasts", "coverage_50", "coverage_80", "coverage_95"], "plot_coverage")
    family = _resolve_font(cjk)
    words = _Labels(family)
    nominal = [50, 80, 95]
    with _font_context(family):
        if ax is None:
            ax = _new_axes((6, 5.5))
        ax.plot([40, 100], [40, 100], color="black", linewidth=1, label=words("名义", "nominal"))
        for i, method in enumerate(dict.fromkeys(summary["method"])):
            part = summary[summary["method"] == method]
            n = part["forecasts"].to_numpy(dtype=float)
            observed = [
                100 * float((part[f"coverage_{level}"].to_numpy(dtype=float) * n).sum() / n.sum()) for level in nominal
            ]
            ax.plot(nominal, observed, marker="o", color=f"C{i}", label=words(*_METHOD_WORDS.get(method, (method, method))))
        ax.set_xlim(40, 100)
        ax.set_ylim(40, 100)
        ax.set_xticks(nominal)
        ax.set_xlabel(words("名义覆盖率（%）", "Nominal coverage, %"))
        ax.set_ylabel(words("实际覆盖率（%）", "Observed coverage, %"))
        ax.legend(fontsize="small")
        ax.grid(True, alpha=0.3)
        ax.set_title(title if title is not None else words("区间覆盖率", "Interval coverage"))
        _apply_font(ax, family)
    return ax
