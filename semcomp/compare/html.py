"""A self-contained HTML page of a comparison: no scripts, no external files."""

from __future__ import annotations

import html

from semcomp.compare.report import Comparison
from semcomp.figures.reader import Figure
from semcomp.output.changes import as_html

COLOURS = {"kept": "#eef6ee", "reworded": "#fff8e1", "new": "#e3f2fd", "dropped": "#fdecea"}


def render(c: Comparison) -> str:
    e = html.escape
    rows = "".join(
        f'<tr style="background:{COLOURS[r.status]}"><td>{e(r.a.text) if r.a else ""}</td>'
        f'<td>{as_html(r.changes) if r.changes else e(r.b.text) if r.b else ""}</td>'
        f"<td>{r.status}<br>{'' if r.confidence is None else f'{r.similarity:.3f}<br>p {r.confidence:.2f}'}</td></tr>"
        for r in c.rows
    )  # fmt: skip
    figures = "".join(
        f"<tr><td>{e(p.indicator)}</td><td>{p.kind}</td><td>{e(figures_text(p.a))}</td><td>{e(figures_text(p.b))}</td></tr>"
        for p in c.figures
    )
    themes = "".join(
        f"<tr><td>{e(t['theme'])}</td><td>{t['a']:.0%}</td><td>{t['b']:.0%}</td><td>{t['change']:+.0%}</td></tr>" for t in c.themes
    )
    counts = "，".join(f"{k} {v}" for k, v in sorted(c.counts.items()))
    return f"""<!doctype html><html lang="zh"><meta charset="utf-8"><title>{e(c.a_label)} ↔ {e(c.b_label)}</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse;width:100%;font-size:14px}}
td,th{{border:1px solid #ddd;padding:4px 8px;vertical-align:top}}td:nth-child(1),td:nth-child(2){{width:45%}}
del{{color:#b71c1c}}ins{{color:#1b5e20}}.figure{{font-weight:bold}}</style>
<h1>{e(c.a_label)} ↔ {e(c.b_label)}</h1><p>A：{e(c.a)}，B：{e(c.b)}。{counts}</p>
<h2>主题变化</h2><table><tr><th>主题</th><th>A</th><th>B</th><th>变化</th></tr>{themes}</table>
<h2>主要指标</h2><table><tr><th>指标</th><th>类型</th><th>A</th><th>B</th></tr>{figures}</table>
<h2>段落对照</h2><table><tr><th>A</th><th>B</th><th>标记</th></tr>{rows}</table></html>"""


def figures_text(figures: list[Figure]) -> str:
    """``806亿元；增长3.2%``: a report's values of one indicator."""
    return "；".join(dict.fromkeys(f"{f.describe()}（{f.period}）" if f.period else f.describe() for f in figures))
