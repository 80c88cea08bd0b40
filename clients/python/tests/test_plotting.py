"""plot_fan and plot_odds on real reports: what they draw, their labels, fonts and fallbacks."""

from __future__ import annotations

import io
import os
import re
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402
from matplotlib.text import Text  # noqa: E402

import chaincast  # noqa: E402
from chaincast import plotting  # noqa: E402

CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")


@pytest.fixture(scope="module")
def fan(server_target: str):
    with chaincast.Client(server_target) as c:
        return c.fan(["target:pharma-output-2025-etdz", "target:pharma-output-2025-haizhou"], paths=20_000, seed=3)


@pytest.fixture(scope="module")
def odds(server_target: str):
    with chaincast.Client(server_target) as c:
        # The eight pharma output figures of 附件1 (the plan's count rows are simulated too,
        # but a chart of eight bars is what this test counts).
        counties = ["etdz", "haizhou", "guannan", "ganyu", "donghai", "guanyun", "lianyun"]
        ids = ["pharma-output-2025"] + [f"pharma-output-2025-{c}" for c in counties]
        return c.odds(targets=ids, paths=20_000, seed=3)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def render(ax: Axes) -> list:
    """Draw the figure to PNG; return the warnings drawing raised."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        buffer = io.BytesIO()
        ax.figure.savefig(buffer, format="png", dpi=60)
    assert buffer.getvalue()[:8] == b"\x89PNG\r\n\x1a\n"
    return [str(w.message) for w in caught]


def texts(ax: Axes) -> list:
    return [t.get_text() for t in ax.figure.findobj(Text) if t.get_text()]


@pytest.fixture
def cjk_font() -> str:
    """The CJK font the charts use. Where none is installed the test is skipped, visibly, with the
    reason; with CHAINCAST_REQUIRE_CJK_FONT set (``mvn verify`` sets it) or on CI it fails
    instead, so the bilingual assertions cannot vanish from a build that promises them."""
    font = plotting.cjk_font()
    if font is None:
        if os.environ.get("CHAINCAST_REQUIRE_CJK_FONT") or os.environ.get("CI"):
            pytest.fail("a CJK font is required here (CHAINCAST_REQUIRE_CJK_FONT or CI is set), but none was found:"
                        " apt-get install fonts-wqy-microhei")
        pytest.skip("no CJK font installed (apt-get install fonts-wqy-microhei for bilingual charts)")
    return font


def test_a_cjk_font_is_found_where_one_is_installed(cjk_font: str) -> None:
    assert cjk_font in plotting._PREFERRED_CJK or "CJK" in cjk_font


def test_plot_fan_is_bilingual_with_a_cjk_font(fan, cjk_font: str) -> None:
    ax = chaincast.plot_fan(fan, group="pharma-output-2025-etdz")
    assert "医药总产值" in ax.get_title() and "亿元" in ax.get_ylabel()
    assert "Pharma output, ETDZ" in ax.get_title()
    assert not [w for w in render(ax) if "Glyph" in w or "findfont" in w]


def test_plot_odds_is_bilingual_with_a_cjk_font(odds, cjk_font: str) -> None:
    ax = chaincast.plot_odds(odds)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "医药总产值（市开发区）" in labels[1], labels
    assert not [w for w in render(ax) if "Glyph" in w or "findfont" in w]


def test_plot_fan_draws_bands_median_and_target(fan) -> None:
    ax = chaincast.plot_fan(fan, group="pharma-output-2025-etdz")
    assert isinstance(ax, Axes)
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(bands) == 2  # P5-P95 and P25-P75
    part = fan[fan["group"] == "pharma-output-2025-etdz"]
    median = part[part["percentile"] == 50].sort_values("year")
    median_line = ax.lines[0]
    assert list(median_line.get_xdata()) == list(median["year"])
    assert list(median_line.get_ydata()) == pytest.approx(list(median["value"]))
    target_lines = [l for l in ax.lines if l.get_linestyle() == "--"]
    assert len(target_lines) == 1 and list(target_lines[0].get_ydata()) == [790.0, 790.0]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("790 (2025), P(hit)" in t for t in legend)
    assert "100 million yuan" in ax.get_ylabel() and "Year" in ax.get_xlabel()
    assert "Pharma output, ETDZ" in ax.get_title()
    assert not [w for w in render(ax) if "Glyph" in w or "findfont" in w]


def test_plot_fan_english_only_has_no_cjk_and_no_warnings(fan) -> None:
    ax = chaincast.plot_fan(fan, group="pharma-output-2025-haizhou", cjk=False)
    assert not [t for t in texts(ax) if CJK.search(t)], texts(ax)
    assert ax.get_title() == "Pharma output, Haizhou"
    assert ax.get_ylabel() == "Output (100 million yuan)"
    assert not [w for w in render(ax) if "Glyph" in w or "findfont" in w]


def test_no_cjk_font_falls_back_to_english(fan, monkeypatch) -> None:
    monkeypatch.setenv("CHAINCAST_CJK_FONT", "none")
    assert chaincast.cjk_font() is None
    ax = chaincast.plot_fan(fan, group="pharma-output-2025-etdz")
    assert not [t for t in texts(ax) if CJK.search(t)]
    with pytest.raises(RuntimeError, match="no font with Chinese glyphs"):
        chaincast.plot_fan(fan, cjk=True)


def test_plot_fan_target_forms(fan, odds) -> None:
    fig, ax = plt.subplots()
    assert chaincast.plot_fan(fan, target=1000.0, group="pharma-output-2025-etdz", ax=ax) is ax
    assert [list(l.get_ydata()) for l in ax.lines if l.get_linestyle() == "--"] == [[1000.0, 1000.0]]

    row = odds.set_index("target_id").loc["pharma-output-2025-haizhou"]
    ax2 = chaincast.plot_fan(fan, target=row, group="pharma-output-2025-haizhou")
    assert [list(l.get_ydata()) for l in ax2.lines if l.get_linestyle() == "--"] == [[200.0, 200.0]]

    ax3 = chaincast.plot_fan(fan, target=None, group="pharma-output-2025-etdz")
    assert not [l for l in ax3.lines if l.get_linestyle() == "--"]

    with pytest.raises(ValueError, match="not in this fan's report"):
        chaincast.plot_fan(fan, target="pharma-output-2025", group="pharma-output-2025-etdz")
    with pytest.raises(ValueError, match="not in the fan"):
        chaincast.plot_fan(fan, group="pharma@mars")
    with pytest.raises(ValueError, match="missing columns"):
        chaincast.plot_fan(odds)


def test_plot_fan_several_groups(fan) -> None:
    ax = chaincast.plot_fan(fan, logy=True)
    medians = [l for l in ax.lines if l.get_linestyle() == "-"]
    assert len(medians) == 2 and medians[0].get_color() != medians[1].get_color()
    assert len([l for l in ax.lines if l.get_linestyle() == "--"]) == 2  # each group's own target
    assert ax.get_yscale() == "log"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("Pharma output, ETDZ" in t for t in legend) and any("Pharma output, Haizhou" in t for t in legend)
    assert not [w for w in render(ax) if "Glyph" in w]


def test_plot_odds(odds) -> None:
    fig, ax = plt.subplots(figsize=(10, 5))
    assert chaincast.plot_odds(odds, ax=ax) is ax
    bars = ax.patches
    assert len(bars) == len(odds) == 8
    assert [b.get_width() for b in bars] == pytest.approx(list(odds["p_hit"] * 100))
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert all(en in label for en, label in zip(odds["name_en"], labels))
    # The axis runs past 100 % so a certain target's bar ends inside the frame; ticks stop at 100.
    assert ax.get_xlim() == (0.0, plotting.ODDS_AXIS_END) and plotting.ODDS_AXIS_END > 100
    assert max(ax.get_xticks()) == 100 and "P(hit) %" in ax.get_xlabel()
    assert "20,000" in ax.get_title()
    assert any("target >1,000" in t for t in texts(ax))
    assert not [w for w in render(ax) if "Glyph" in w or "findfont" in w]

    ax_en = chaincast.plot_odds(odds, cjk=False)
    assert not [t for t in texts(ax_en) if CJK.search(t)]
    assert not [w for w in render(ax_en) if "Glyph" in w]
    with pytest.raises(ValueError, match="missing columns"):
        chaincast.plot_odds(odds[["target_id"]])


def test_a_certain_target_ends_inside_the_frame(odds) -> None:
    certain = odds.head(2).assign(p_hit=1.0, ci_low=0.99, ci_high=1.0)
    ax = chaincast.plot_odds(certain)
    right = max(b.get_x() + b.get_width() for b in ax.patches)
    assert right == pytest.approx(100.0) and right < ax.get_xlim()[1]
    render(ax)


def test_english_only_labels() -> None:
    assert plotting.english_only("City chains with output of 2000 亿元 or more") == (
        "City chains with output of 2000 × 100M yuan or more"
    )
    assert plotting.english_only("New pharma (新医药) output, ETDZ") == "New pharma output, ETDZ"
