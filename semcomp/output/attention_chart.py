"""An attention panel as a heat map: regions down, years across, hits per 10,000 characters in each cell;
one panel per concept, each on its own colour scale."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from semcomp.attention import PanelRow
from semcomp.output.fonts import pyplot
from semcomp.whole_files import write_figure

MAX_REGIONS = 40  # rows a reader can still tell apart; the CSV has them all


def heat_map(rows: Sequence[PanelRow]):  # a matplotlib Figure
    """A heat map per concept of the regions with the most report-years."""
    import numpy as np

    plt = pyplot()
    concepts = list(dict.fromkeys(r.concept for r in rows))
    years = sorted({r.year for r in rows})
    cells = {(r.concept, r.region, r.year): r.per_10k for r in rows}
    spans: dict[str, int] = {}
    for r in rows:
        spans[r.region] = spans.get(r.region, 0) + 1
    regions = sorted(sorted(spans, key=lambda region: -spans[region])[:MAX_REGIONS])
    height = 0.22 * len(regions) + 1.6
    fig, axes = plt.subplots(len(concepts), 1, figsize=(min(4 + 0.28 * len(years), 20), height * len(concepts)), squeeze=False)
    for ax, concept in zip(axes[:, 0], concepts, strict=True):
        grid = np.array([[cells.get((concept, region, year), np.nan) for year in years] for region in regions])
        image = ax.imshow(np.ma.masked_invalid(grid), aspect="auto", cmap="YlOrRd", interpolation="nearest")
        ax.set_yticks(range(len(regions)), regions, fontsize=6)
        ax.set_xticks(range(len(years)), [str(y) for y in years], rotation=90, fontsize=6)
        ax.set_title(f"{concept}：每万字出现次数（空白为无报告）", fontsize=9)
        fig.colorbar(image, ax=ax, fraction=0.03, pad=0.01)
    fig.tight_layout()
    return fig


def plot_panel(rows: Sequence[PanelRow], path: Path) -> Path:
    """Write the heat map to ``path`` (a .png); returns it."""
    fig = heat_map(rows)
    write_figure(fig, path)
    pyplot().close(fig)
    return path
