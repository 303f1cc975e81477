"""What every page shares: the HTML shell, navigation, escaping and links to quoted spans."""

from __future__ import annotations

import hashlib
import html
import json
import urllib.parse
from typing import Any

from semcomp.model import Report

GOV_LEVELS = {"national": "国家", "province": "省级", "prefecture": "地市级", "county": "县级", "district": "区级", "town": "乡镇"}


def gov_level_name(report: Report, unknown: str = "") -> str:
    """国家, 省级 …: the report's level of government in Chinese, as stored where it has no name here."""
    gov_level = report.gov_level
    return GOV_LEVELS.get(gov_level, gov_level) if gov_level else unknown
NAV = (("index.html", "总览"), ("themes.html", "主题"), ("reuse.html", "文本复用"), ("compare/index.html", "报告对比"),
       ("attention.html", "政策注意力"), ("diffusion.html", "政策扩散"), ("targets.html", "目标与完成"))


def esc(value: object) -> str:
    """Text as HTML text: report content never becomes markup."""
    return html.escape(str(value), quote=True)


def page(title: str, body: str, depth: int = 0, charts: bool = False, head: str | None = None) -> str:
    """A whole page. ``depth``: folders below the site root (links are relative, so the site opens
    from disk and from a server alike); ``charts``: the page draws plotly charts; ``head``: the assets
    inline instead (a single file, outside any site, with no navigation)."""
    up = "../" * depth
    nav = "" if head else "<nav>" + " ".join(f'<a href="{up}{href}">{esc(name)}</a>' for href, name in NAV) + "</nav>"
    if head is None:
        head = f'<link rel="stylesheet" href="{up}assets/site.css"><script src="{up}assets/site.js" defer></script>' + (
            f'<script src="{up}assets/plotly.min.js"></script>' if charts else ""
        )
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>{head}</head>
<body>{nav}<main><h1>{esc(title)}</h1>
{body}
</main></body></html>
"""


def file_href(name: str) -> str:
    """A file name as part of a link: URL-encoded (ids from file names may hold ``#``, ``?``, ``%``), then escaped."""
    return esc(urllib.parse.quote(name, safe=""))


def page_name(report_id: str) -> str:
    """A report's name among the site's files: its id, or for an id past 120 bytes (a long file name) its
    start and a hash of the whole, so that a page of two of them (a comparison) stays under 255 bytes."""
    if len(report_id.encode()) <= 120:
        return report_id
    start = report_id.encode()[:96].decode(errors="ignore")
    return f"{start}-{hashlib.blake2b(report_id.encode(), digest_size=6).hexdigest()}"


def report_href(report_id: str, depth: int = 0) -> str:
    return f"{'../' * depth}reports/{file_href(page_name(report_id))}.html"


def quote_href(report_id: str, start: int, end: int, depth: int = 0) -> str:
    """A link to a span of a report's raw text: its page highlights the passages that hold it."""
    return f"{report_href(report_id, depth)}#q{start}-{end}"


def at_link(report_id: str, start: int, end: int, depth: int = 0, text: str | None = None) -> str:
    """``[120:180]`` (or ``text``, already HTML) linked to that span of the report's page."""
    return f'<a class="at" href="{quote_href(report_id, start, end, depth)}">{text or f"[{start}:{end}]"}</a>'


def name_link(report: Report, depth: int = 0) -> str:
    """The report's readable name, linked to its page, with its id beside it."""
    return f'<a href="{report_href(report.id, depth)}">{esc(report.label)}</a> <span class="id">{esc(report.id)}</span>'


def quote(report_id: str, start: int, end: int, text_html: str, depth: int = 0) -> str:
    """A quoted passage (already HTML) with a link to its place and its offsets."""
    return f"<blockquote>{text_html} {at_link(report_id, start, end, depth)}</blockquote>"


def table(head: list[str], rows: list[list[str]], cls: str = "") -> str:
    """A table from cells that are already HTML."""
    th = "".join(f"<th>{h}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<div class="scroll"><table class="{cls}"><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table></div>'


def script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``</script>`` or ``<!--`` can close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text
