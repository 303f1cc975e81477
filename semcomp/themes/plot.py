"""Theme shares over years (or regions, types): a PNG, and an HTML page with the chart and the table."""

from __future__ import annotations

import base64
import html
import io
from pathlib import Path

from semcomp.output.fonts import cjk_font
from semcomp.themes.model import Themes

TOP = 10


def _figure(result: Themes):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["font.family"] = cjk_font()
    themes = sorted(result.themes, key=lambda t: -t.size)[:TOP]
    fig, ax = plt.subplots(figsize=(max(8, 0.45 * len(result.groups) + 4), 5.5))
    x = range(len(result.groups))
    for t in themes:
        ax.plot(x, [t.shares.get(g, 0.0) for g in result.groups], marker="o", linewidth=1.5, label=f"{t.id} {t.label}")
    ax.set_xticks(list(x), result.groups, rotation=45 if len(result.groups) > 8 else 0)
    ax.set_ylabel("主题占该组段落的比例")
    ax.set_title({"year": "各年度主题占比", "region": "各地区主题占比", "type": "各类报告主题占比"}[result.by])
    ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.0, 0.5))
    fig.tight_layout()
    return fig


def plot_shares(result: Themes, path: Path) -> list[Path]:
    """Write ``path`` (PNG) and the same name with .html; returns both paths."""
    import matplotlib.pyplot as plt

    fig = _figure(result)
    png = path.with_suffix(".png")
    fig.savefig(png, dpi=120)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=120)
    plt.close(fig)
    rows = "".join(
        f"<tr><td>{t.id}</td><td>{html.escape(t.label)}</td><td>{t.size}</td>"
        + "".join(f"<td>{t.shares.get(g, 0.0):.1%}</td>" for g in result.groups) + "</tr>"
        for t in result.themes
    )  # fmt: skip
    head = "".join(f"<th>{html.escape(g)}</th>" for g in result.groups)
    page = f"""<!doctype html><html lang="zh"><meta charset="utf-8"><title>主题占比</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse;font-size:13px}}
td,th{{border:1px solid #ccc;padding:2px 6px;text-align:right}}td:nth-child(2){{text-align:left}}</style>
<h1>主题占比（{html.escape(result.by)}）</h1><p>{html.escape(result.k_reason)}；离群段落 {result.outliers} 个。</p>
<img alt="主题占比" src="data:image/png;base64,{base64.b64encode(buf.getvalue()).decode()}">
<table><tr><th>#</th><th>主题</th><th>段落</th>{head}</tr>{rows}</table></html>"""
    out_html = path.with_suffix(".html")
    out_html.write_text(page, encoding="utf-8")
    return [png, out_html]
