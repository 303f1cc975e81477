"""A phrase's spread as a timeline by level: one row per level of government, each region placed at the
year it first used the phrase, coloured by how it took it up."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from semcomp.diffusion import Diffusion
from semcomp.diffusion.uptake import TIERS
from semcomp.output.fonts import pyplot
from semcomp.whole_files import write_figure

TIER_NAMES = {"national": "国务院", "province": "省级", "prefecture": "地市级", "county": "县级"}
MODE_COLOURS = {"first": "#000000", "top-down": "#1565c0", "simultaneous": "#2e7d32", "bottom-up": "#ef6c00", "unknown": "#9e9e9e"}
MODE_NAMES = {"first": "最早", "top-down": "自上而下", "simultaneous": "同年", "bottom-up": "自下而上", "unknown": "不详"}


def timeline(spreads: Sequence[Diffusion]):  # a matplotlib Figure
    """One panel per phrase; regions that took it up in the same year at one level are stacked."""
    plt = pyplot()
    fig, axes = plt.subplots(len(spreads), 1, figsize=(11, 2.6 * len(spreads) + 0.6), squeeze=False)
    rows = {t: n for n, t in enumerate(reversed(TIERS))}
    for ax, spread in zip(axes[:, 0], spreads, strict=True):
        stacked: Counter = Counter()
        for a in spread.adoptions:
            if a.tier is None:
                continue
            offset = 0.2 * stacked[a.tier, a.year]
            stacked[a.tier, a.year] += 1
            ax.scatter(a.year, rows[a.tier] + offset, color=MODE_COLOURS[a.mode], s=28, zorder=3)
            ax.annotate(a.label.split()[0], (a.year, rows[a.tier] + offset), xytext=(4, -3), textcoords="offset points", fontsize=6)
        ax.set_yticks(list(rows.values()), [TIER_NAMES[t] for t in rows])
        ax.set_ylim(-0.5, len(rows) - 0.2)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.grid(axis="x", linewidth=0.3)
        ax.set_title(f"“{spread.phrase}”：各级政府首次使用的年份（{spread.reports} 份报告）", fontsize=9)
    handles = [plt.Line2D([], [], marker="o", linestyle="", color=c, label=MODE_NAMES[m]) for m, c in MODE_COLOURS.items()]
    fig.legend(handles=handles, loc="lower center", ncol=len(handles), fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


def plot_timeline(spreads: Sequence[Diffusion], path: Path) -> Path:
    """Write the timeline to ``path`` (a .png); returns it."""
    fig = timeline(spreads)
    write_figure(fig, path)
    pyplot().close(fig)
    return path
