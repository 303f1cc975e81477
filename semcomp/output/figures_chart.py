"""A figure series as a chart: one line of results per region, targets as open markers beside them."""

from __future__ import annotations

from pathlib import Path

from semcomp.figures import SeriesMeasure
from semcomp.figures.series import SeriesRow
from semcomp.output.fonts import pyplot
from semcomp.whole_files import write_figure

MAX_REGIONS = 12  # more lines than this is a tangle; the CSV has them all


def plot_series(rows: list[SeriesRow], indicator: str, measure: SeriesMeasure, path: Path) -> Path:
    """Write to ``path`` (a .png) a chart of ``measure`` (level or growth) by year, one colour per region; returns its path."""
    plt = pyplot()
    regions = list(dict.fromkeys(r.region for r in rows))[:MAX_REGIONS]
    fig, ax = plt.subplots(figsize=(9, 5))
    unit = ""
    for n, region in enumerate(regions):
        colour = plt.cm.tab20(n % 20)  # twelve regions at most, each its own colour (the default cycle repeats after ten)
        mine = [r for r in rows if r.region == region and r.period == f"{r.year}年"]
        done = [(r.year, f) for r in mine if (f := r.result if measure == "level" else r.growth)]
        aims = [(r.year, f) for r in mine if (f := r.target) and (f.measure == "level") == (measure == "level")]
        unit = unit or next((f.normal_unit for _, f in done + aims), "")
        if done:
            ax.plot([y for y, _ in done], [f.normalised for _, f in done], marker="o", color=colour, label=region)
        if aims:
            ax.scatter([y for y, _ in aims], [f.normalised for _, f in aims], facecolors="none", edgecolors=colour,
                       marker="s", label=f"{region}（目标）")  # fmt: skip
    ax.set_title(f"{indicator}（{'数值' if measure == 'level' else '增速'}）")
    ax.set_ylabel(unit)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.0, 0.5))
    fig.tight_layout()
    write_figure(fig, path)
    plt.close(fig)
    return path
