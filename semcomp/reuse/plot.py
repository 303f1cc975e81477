"""Heat map of the report × report reuse matrix."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from semcomp.output.fonts import cjk_font
from semcomp.reuse.matrix import Cell

MAX_REPORTS = 40


def plot_matrix(cells: list[Cell], path: Path) -> None:
    """Rows are targets, columns earlier sources; the reports of the strongest pairs are shown."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names: list[str] = []
    for c in cells:
        for rid in (c.source, c.target):
            if rid not in names and len(names) < MAX_REPORTS:
                names.append(rid)
    pos = {n: i for i, n in enumerate(names)}
    grid = np.zeros((len(names), len(names)))
    for c in cells:
        if c.source in pos and c.target in pos:
            grid[pos[c.target], pos[c.source]] = c.share
    plt.rcParams["font.family"] = cjk_font()
    size = max(6, 0.3 * len(names) + 3)
    fig, ax = plt.subplots(figsize=(size, size))
    image = ax.imshow(grid, cmap="Reds", vmin=0, vmax=max(0.01, float(grid.max())))
    ax.set_xticks(range(len(names)), names, rotation=90, fontsize=7)
    ax.set_yticks(range(len(names)), names, fontsize=7)
    ax.set_xlabel("来源（较早的报告）")
    ax.set_ylabel("目标（较晚的报告）")
    ax.set_title("报告间文本复用比例")
    fig.colorbar(image, ax=ax, fraction=0.04, label="目标报告中见于来源的文字比例")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
