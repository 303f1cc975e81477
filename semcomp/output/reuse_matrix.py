"""Heat map of the report × report reuse matrix, reports in date order, shares written in the cells."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from semcomp.output.fonts import pyplot
from semcomp.reuse.matrix import Cell, strongest_reports
from semcomp.whole_files import write_figure

MAX_REPORTS = 40  # rows and columns of a drawn matrix (the PNG's and the site's): the reports of the strongest pairs


def plot_matrix(cells: list[Cell], reports: list[tuple[str, str]], path: Path) -> None:
    """Rows are targets, columns earlier sources; ``reports`` are (id, label) in date order. The reports
    of the strongest pairs are shown."""
    plt = pyplot()
    shown = strongest_reports(cells, MAX_REPORTS)
    order = [rid for rid, _ in reports if rid in shown]
    labels = dict(reports)
    pos = {n: i for i, n in enumerate(order)}
    grid = np.full((len(order), len(order)), np.nan)
    for c in cells:
        if c.source in pos and c.target in pos:
            grid[pos[c.target], pos[c.source]] = c.share
    size = max(6, 0.35 * len(order) + 3)
    fig, ax = plt.subplots(figsize=(size, size))
    image = ax.imshow(np.nan_to_num(grid), cmap="Reds", vmin=0, vmax=max(0.01, float(np.nanmax(grid)) if len(order) else 0.01))
    for (i, j), value in np.ndenumerate(grid):
        if not np.isnan(value):
            ax.text(j, i, f"{value:.0%}", ha="center", va="center", fontsize=6, color="white" if value > 0.5 * np.nanmax(grid) else "black")
    ticks = [labels[rid] for rid in order]
    ax.set_xticks(range(len(order)), ticks, rotation=90, fontsize=7)
    ax.set_yticks(range(len(order)), ticks, fontsize=7)
    ax.set_xlabel("来源（较早的报告）")
    ax.set_ylabel("目标（较晚的报告）")
    ax.set_title("报告间文本复用比例（按时间排列）")
    fig.colorbar(image, ax=ax, fraction=0.04, label="目标报告中见于来源的文字比例")
    fig.tight_layout()
    write_figure(fig, path)
    plt.close(fig)
