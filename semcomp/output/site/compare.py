"""A comparison of two reports as a page: the paragraphs side by side first (B's column marks what
changed), then the themes that moved (in points) and the key figures."""

from __future__ import annotations

from semcomp.compare.report import AlignedPair, ComparedPassage, Comparison
from semcomp.output.changes import as_html
from semcomp.output.figures_text import figures_text
from semcomp.output.site.page import at_link, esc, file_href, page, page_name, report_href, table

STATUS = {"kept": "保留", "reworded": "改写", "new": "新增", "dropped": "删去"}


def _side(report_id: str, side: ComparedPassage | None, text_html: str, depth: int | None) -> str:
    if side is None:
        return ""
    at = f"§{esc(side.section_path)} [{side.start}:{side.end}]"
    if depth is not None:
        at = at_link(report_id, side.start, side.end, depth, at)
    return f'{text_html} <span class="at">{at}</span>'


def _counts(c: Comparison) -> str:
    """``保留 9 段，改写 29 段…``: the rows of each status, in the order of ``STATUS``."""
    return "，".join(f"{name} {c.counts[k]} 段" for k, name in STATUS.items() if k in c.counts)


def compare_body(c: Comparison, depth: int | None = None) -> str:
    """``depth``: the page's folders below the site root, so that passages link to their reports'
    pages; ``None`` for a page on its own (places given, not linked)."""

    def name(report_id: str, label: str) -> str:
        text = f'{esc(label)} <span class="id">{esc(report_id)}</span>'
        return f'<a href="{report_href(report_id, depth)}">{text}</a>' if depth is not None else text

    def mark(r: AlignedPair) -> str:
        return STATUS[r.status] + (
            "" if r.confidence is None else f'<br><span class="note">余弦 {r.similarity:.2f}<br>p {r.confidence:.2f}</span>'
        )

    rows = "".join(
        f'<tr class="{r.status}"><td>{_side(c.a, r.a, esc(r.a.text) if r.a else "", depth)}</td>'
        f"<td>{_side(c.b, r.b, as_html(r.changes) if r.changes else esc(r.b.text) if r.b else '', depth)}</td><td>{mark(r)}</td></tr>"
        for r in c.rows
    )
    counts = _counts(c)
    themes = [[esc(t["theme"]), f'<span class="num">{t["a"]:.0%}</span>', f'<span class="num">{t["b"]:.0%}</span>',
               f'<span class="num">{t["change"] * 100:+.1f} 个百分点</span>'] for t in c.themes]  # fmt: skip
    figures = [[esc(p.indicator), esc(p.kind), esc(figures_text(p.a)), esc(figures_text(p.b))] for p in c.figures]
    return (
        f"<p>A：{name(c.a, c.a_label)}<br>B：{name(c.b, c.b_label)}</p><p>{counts}。</p>"
        '<p class="note">B 栏标出与 A 相比的改动：删去的文字划线，新增的文字加下划线，改动的数字加粗。'
        "p 为两段讲同一项政策的概率。</p>"
        '<h2>段落对照</h2><div class="scroll"><table class="pairs"><colgroup><col><col><col class="mark"></colgroup>'
        f"<thead><tr><th>A</th><th>B</th><th>标记</th></tr></thead><tbody>{rows}</tbody></table></div>"
        "<h2>主题变化</h2>" + table(["主题", "A 中占比", "B 中占比", "变化"], themes)
        + "<h2>主要指标</h2>" + table(["指标", "类型", "A", "B"], figures)
    )  # fmt: skip


def compare_title(c: Comparison) -> str:
    return f"{c.a_label} ↔ {c.b_label}"


def compare_page(c: Comparison) -> str:
    """The site's page, in its ``compare/`` folder."""
    return page(compare_title(c), compare_body(c, 1), depth=1)


def compare_file(c: Comparison) -> str:
    """The page's path in the site."""
    return f"compare/{page_name(c.a)}__{page_name(c.b)}.html"


def compare_index_page(comparisons: list[Comparison], how: str) -> str:
    """The list of the site's comparisons, with their counts; ``how`` says how the pairs were chosen."""
    items = "".join(
        f'<li><a href="{file_href(compare_file(c).split("/", 1)[1])}">{esc(compare_title(c))}</a> '
        + _counts(c) + "</li>"
        for c in comparisons
    )  # fmt: skip
    return page("报告对比", f"<p>{len(comparisons)} 对（{esc(how)}）</p><ul>{items}</ul>", depth=1)
