"""Theme shares as small multiples (a PNG, one panel per theme on a shared scale) and as a page that
travels alone: the interactive heat map and trends, the rising and falling themes, the passages."""

from __future__ import annotations

import math
from pathlib import Path

from semcomp.output.fonts import pyplot
from semcomp.output.site.assets import single_file
from semcomp.output.site.themes import themes_body
from semcomp.themes import CHART_SUFFIXES
from semcomp.themes.model import Themes
from semcomp.whole_files import check_output, write_figure, write_whole

COLUMNS = 5
TITLES = {"year": "各年度主题占比", "region": "各地区主题占比", "type": "各类报告主题占比"}


def small_multiples(result: Themes):
    """One small panel per theme, all on one y scale: lines over years, bars over regions or types
    (a line across categories would claim an order they do not have)."""
    from matplotlib.ticker import PercentFormatter

    plt = pyplot()
    themes = result.themes
    rows = math.ceil(len(themes) / COLUMNS)
    fig, axes = plt.subplots(rows, COLUMNS, figsize=(2.6 * COLUMNS, 2.1 * rows + 0.9), sharex=True, sharey=True, squeeze=False)
    x = range(len(result.groups))
    ticks = [f"{g}\nN={result.sizes.get(g, 0)}" for g in result.groups]
    for ax, t in zip(axes.flat, themes, strict=False):
        values = [t.shares.get(g, 0.0) for g in result.groups]
        if result.by == "year":
            ax.plot(x, values, marker="o", markersize=3, linewidth=1.4, color="#1565c0")
        else:
            ax.bar(x, values, color="#1565c0")
        ax.set_title(f"{t.id} {t.label}", fontsize=8)
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.grid(axis="y", linewidth=0.3)
    for ax in axes.flat[len(themes) :]:
        ax.set_visible(False)
    for column in range(COLUMNS):  # the group names under the lowest panel of each column
        shown = [ax for ax in axes[:, column] if ax.get_visible()]
        if shown:
            shown[-1].xaxis.set_tick_params(labelbottom=True)
            shown[-1].set_xticks(list(x), ticks, rotation=90 if len(ticks) > 6 else 0, fontsize=6)
    fig.suptitle(f"{TITLES[result.by]}（全部 {len(themes)} 个主题；N 为每组归入主题的段落数）", fontsize=10)
    fig.tight_layout()
    return fig


def plot_shares(result: Themes, path: Path) -> None:
    """Write ``path``: the small multiples for a name ending .png, the page that travels alone for .html."""
    if check_output(path, suffixes=CHART_SUFFIXES).suffix.lower() == ".html":
        write_whole(path, single_file(TITLES[result.by], themes_body(result), charts=True).encode())
        return
    fig = small_multiples(result)
    write_figure(fig, path)
    pyplot().close(fig)
