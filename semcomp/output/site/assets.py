"""The site's shared files: a stylesheet carrying its own CJK font, plotly's JavaScript, one small script."""

from __future__ import annotations

import base64
from pathlib import Path

from semcomp.output.fonts import cjk_subset
from semcomp.output.site.page import page

FONT = "semcomp-cjk"
FONT_STACK = f'"{FONT}", "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
MONO_STACK = f'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, "{FONT}", monospace'  # ids and table rows hold Chinese too

CSS = """
body{font-family:%(stack)s;margin:0;color:#1a1a1a;background:#fff;line-height:1.7}
nav{position:sticky;top:0;background:#263238;padding:.4em 1.5em;z-index:2}
nav a{color:#eceff1;margin-right:1.5em;text-decoration:none}
main{max-width:1200px;margin:0 auto;padding:1em 1.5em 4em}
h1{font-size:1.5em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ddd}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1.2em}dt{color:#546e7a}dd{margin:0}
.id{color:#78909c;font-size:.8em;font-family:%(mono)s}
.note{color:#546e7a;font-size:.9em}
.scroll{overflow-x:auto}
table{border-collapse:collapse;font-size:.92em;margin:.5em 0}
td,th{border:1px solid #ddd;padding:3px 8px;vertical-align:top}
th{background:#f5f5f5;font-weight:normal;color:#37474f}
td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
table.pairs{width:100%%;table-layout:fixed}
table.pairs td{width:auto}
table.pairs col.mark{width:7em}
blockquote{margin:.4em 0 .8em;padding:.2em .8em;border-left:3px solid #b0bec5;background:#fafafa}
a.at{font-size:.8em;color:#78909c;font-family:%(mono)s}
code{font-family:%(mono)s}
del{color:#b71c1c;background:#fdecea}ins{color:#1b5e20;background:#e8f5e9;text-decoration:underline}
.figure{font-weight:bold}
.moved{background:#f3e5f5}.swapped{background:#e3f2fd;border-bottom:2px solid #1565c0}
.kept{background:#eef6ee}.reworded{background:#fff8e1}.new{background:#e3f2fd}.dropped{background:#fdecea}
.text p{margin:.3em 0}.text .heading{font-weight:bold;margin-top:1em}.text .table{font-family:%(mono)s;white-space:pre-wrap}
.hit{background:#fff59d}
.outline ul{margin:.1em 0;padding-left:1.4em}
.side{display:grid;grid-template-columns:1fr 1fr;gap:1em}
.side > div{min-width:0}
.chart{width:100%%;min-height:420px}
input[type=search]{font:inherit;width:60%%;padding:.3em}
"""

# Highlights the passages a link such as reports/ID.html#q120-180 points at (offsets into the raw text).
JS = """
function semcompMark(){
  document.querySelectorAll('.hit').forEach(function(e){e.classList.remove('hit')});
  var m=/^#q(\\d+)-(\\d+)$/.exec(location.hash); if(!m) return;
  var s=+m[1], e=+m[2], first=null;
  document.querySelectorAll('[data-start]').forEach(function(el){
    if(el.querySelector('[data-start]')) return;
    if(+el.dataset.start<e && +el.dataset.end>s){el.classList.add('hit'); first=first||el;}
  });
  if(first) first.scrollIntoView({block:'center'});
}
window.addEventListener('hashchange', semcompMark);
if(document.readyState==='loading'){document.addEventListener('DOMContentLoaded', semcompMark)}else{semcompMark()}
"""


def stylesheet(text: str | None) -> str:
    """The site's CSS with a font subset for every character of ``text`` (``None``: system fonts only,
    for pages whose text comes later, such as search results)."""
    face = ""
    if text is not None:
        font = base64.b64encode(cjk_subset(text)).decode()
        face = f'@font-face{{font-family:"{FONT}";src:url(data:font/woff;base64,{font}) format("woff");font-display:swap}}'
    return face + CSS % {"stack": FONT_STACK, "mono": MONO_STACK}


def plotly_js() -> str:
    """plotly's JavaScript from the installed package, so that charts draw offline."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def write_assets(folder: Path, text: str) -> None:
    """``folder/assets``: the stylesheet, the script and plotly's JavaScript."""
    assets = folder / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    (assets / "site.css").write_text(stylesheet(text), encoding="utf-8")
    (assets / "site.js").write_text(JS, encoding="utf-8")
    (assets / "plotly.min.js").write_text(plotly_js(), encoding="utf-8")


def inline_head(text: str, charts: bool = False) -> str:
    """The stylesheet (and plotly, for charts) inside a page's ``<head>``, for a page that travels as one
    file; it links to no report page, so it needs no highlighting script."""
    script = f"<script>{plotly_js()}</script>" if charts else ""
    return f"<style>{stylesheet(text)}</style>{script}"


def single_file(title: str, body: str, charts: bool = False) -> str:
    """A page that travels alone (``compare --html``, ``themes --plot``): its font and scripts inside."""
    return page(title, body, head=inline_head(title + body, charts))
