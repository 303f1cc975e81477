"""``semcomp site``: every analysis of one index written as a static site that opens from disk.

The analyses return data; the pages are rendered by :mod:`semcomp.output.site`. The site is written
to a folder beside the target and swapped in at the end, so an interrupted build leaves the previous
site whole, and a folder that is not a site semcomp wrote is never overwritten.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import tempfile
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise
from pathlib import Path

from semcomp.attention import Concept, attention_panel, example_dictionary, measure_attention
from semcomp.diffusion import DiffusionError, diffusion, echoes
from semcomp.errors import SemcompError
from semcomp.figures.report import lines, report_figures
from semcomp.figures.targets import targets
from semcomp.model import Report
from semcomp.output.site.assets import write_assets
from semcomp.output.site.attention import attention_page
from semcomp.output.site.compare import compare_file, compare_index_page, compare_page
from semcomp.output.site.diffusion import diffusion_page
from semcomp.output.site.overview import overview_page
from semcomp.output.site.page import page_name
from semcomp.output.site.report import report_page
from semcomp.output.site.reuse import reuse_page
from semcomp.output.site.targets import targets_page
from semcomp.output.site.themes import no_themes_page, themes_page
from semcomp.safe_text import path_text, printable
from semcomp.search.similar import SearchIndex
from semcomp.store.catalogue import Catalogue
from semcomp.store.filters import Filters
from semcomp.summarize import Method
from semcomp.whole_files import index_folder_holding

MARKER = ".semcomp-site"  # names a folder as a site semcomp wrote, which a new build may replace; lists its files
# the files of a site whose marker lists none (written before markers did): nothing else may be replaced
_SITE_FOLDERS = {"reports", "compare", "assets"}
_SITE_FILE = re.compile(r"\.semcomp-site|[^/]+\.html|(reports|compare)/[^/]+\.html|assets/(site\.css|site\.js|plotly\.min\.js)")
PARTIAL = ".semcomp-partial"  # names a folder as a site being written, and holds the writer's process id
MAX_PAIRS = 12  # compare pages made when none are asked for: consecutive years of one region and type

Progress = Callable[[str, int, int], None]  # (step, done, total)


class SiteError(SemcompError):
    """The site can't be written where asked."""


@dataclass
class SiteSummary:
    folder: Path
    pages: int
    reports: int
    pairs: list[tuple[str, str]]
    method: str
    notes: list[str] = field(default_factory=list)


def consecutive_pairs(reports: Sequence[Report], limit: int = MAX_PAIRS) -> list[tuple[str, str]]:
    """(earlier, later) ids of reports of one region and type in consecutive years, latest first."""
    series: dict[tuple[str, str], list[Report]] = defaultdict(list)
    for r in reports:
        if r.value("year"):
            series[(r.place, r.type_name)].append(r)
    pairs = []
    for found in series.values():
        found.sort(key=lambda r: r.when)
        pairs += [(a, b) for a, b in pairwise(found) if b.value("year") == a.value("year") + 1]
    pairs.sort(key=lambda p: (p[1].when, p[1].id), reverse=True)
    return [(a.id, b.id) for a, b in pairs[:limit]]


def _written(site: Path) -> set[str] | None:
    """The files a site's marker lists as semcomp's (None for a marker of a version that listed none)."""
    lines = (site / MARKER).read_text(encoding="utf-8", errors="replace").splitlines()
    return set(lines[1:]) | {MARKER} if len(lines) > 1 else None


def _foreign(site: Path) -> list[str]:
    """Files and folders in a site that semcomp did not write there: what a user added."""
    written = _written(site)
    found = []
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if path.is_dir() and not path.is_symlink():
            ours = name in _SITE_FOLDERS
        else:
            ours = name in written if written is not None else bool(_SITE_FILE.fullmatch(name))
        if not ours:
            found.append(name)
    return found


def check_target(out: Path) -> None:
    """Refuse a file, a link, a folder of an index, a folder holding anything but a site semcomp wrote (a
    user's file added to a site included), and the current folder or one holding it."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise SiteError(f"{path_text(out)} is a file or a link, not a folder")
    if index_folder_holding(out.resolve()) is not None:
        raise SiteError(f"{path_text(out)} lies in an index folder: write the site elsewhere")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise SiteError(f"{path_text(out)} holds files that are not a semcomp site; give an empty or new folder")
    if out.is_dir() and (out / MARKER).is_file() and (added := _foreign(out)):
        more = f" and {len(added) - 3} more" if len(added) > 3 else ""
        raise SiteError(f"{path_text(out)} holds files semcomp did not write ({', '.join(map(printable, added[:3]))}{more}):"
                        " move them out of the site, or give another folder")  # fmt: skip
    here = Path.cwd().resolve()
    if out.resolve() == here or out.resolve() in here.parents:
        raise SiteError(f"{out} is the current folder or holds it: give a folder of its own for the site")


def _leftovers(out: Path) -> None:
    """Remove what killed builds of this site left beside it: folders carrying the partial marker of a
    process that is gone, and old sites (carrying the site marker) a swap did not finish removing."""
    for folder in out.parent.glob(f".{glob.escape(out.name)}.*"):
        partial = folder / PARTIAL
        killed = partial.is_file() and not _alive(partial.read_text().strip())
        if killed or (".old-" in folder.name and (folder / MARKER).is_file()):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: str) -> bool:
    """Whether a process of this number is running (for a pid that is not a number: assumed so)."""
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except (ValueError, PermissionError):
        pass
    return True


def _swap(built: Path, out: Path) -> None:
    """Put the new site in place of the old one. Only folders carrying the site's marker are ever removed:
    the old site is moved to a name no one else uses, and removed once the new one is in place."""
    check_target(out)  # again: something may have appeared there while the site was built
    old = out.with_name(f".{out.name}.old-{uuid.uuid4().hex[:8]}") if out.exists() else None
    if old is not None:
        out.rename(old)
    built.rename(out)
    if old is not None:
        shutil.rmtree(old)


def build_site(
    catalogue: Catalogue,
    out: Path | str,
    pairs: Sequence[tuple[str, str]] | None = None,
    method: Method | None = None,
    filters: Filters = Filters(),
    on_progress: Progress | None = None,
    concepts: Sequence[Concept] | None = None,
    phrases: Sequence[str] | None = None,
) -> SiteSummary:
    """Write the site of the catalogue's index to ``out``. ``pairs``: (earlier, later) report ids to compare,
    else consecutive years of each region and type; ``method``: how sections are summarised, by default
    LexRank when the index holds sentence embeddings and TextRank (no model) otherwise; ``filters``: the
    reports the site is about (years, region, type); ``concepts``: the attention page's dictionary (the
    example one by default); ``phrases``: the diffusion page's (by default the dictionary's words of four
    characters or more that most reports hold)."""
    out = Path(os.path.abspath(out))
    check_target(out)
    _leftovers(out)
    progress = on_progress or (lambda step, done, total: None)
    search = SearchIndex.over(catalogue)
    cat, index = catalogue, catalogue.index_name
    chosen_ids = set(cat.report_ids(filters))
    dated = sorted((r for r in cat.reports() if r.id in chosen_ids), key=lambda r: (r.when, r.id))
    if not dated:
        raise SiteError(f"index '{index}' holds no reports" + (" that pass these filters" if filters != Filters() else ""))
    by_id = {r.id: r for r in dated}
    notes: list[str] = []
    method = method or ("lexrank" if "sentence" in search.build.granularities() else "textrank")
    chosen = list(pairs) if pairs is not None else consecutive_pairs(dated)
    encoder = search.encoder if method == "lexrank" or chosen else None
    pages: dict[str, str] = {}

    from semcomp.summarize.summarizer import SummaryError, summarize_report

    for done, r in enumerate(dated):
        progress("reports", done, len(dated))
        report = cat.report(r.id)
        try:
            summaries = summarize_report(cat, r.id, encoder if method == "lexrank" else None, method=method,
                                         cache_root=search.folder.parent)  # fmt: skip
        except SummaryError:
            summaries = None
        figures = [n for n in lines(report_figures(report)) if n.standard]
        pages[f"reports/{page_name(r.id)}.html"] = report_page(report, summaries, method, figures)
    progress("reports", len(dated), len(dated))

    pages["themes.html"] = _themes(cat, dated, filters, notes)
    progress("reuse", 0, 1)
    pages["reuse.html"] = _reuse(cat, by_id, dated, filters)
    from semcomp.compare.report import compare_reports

    comparisons = []
    for done, (a, b) in enumerate(chosen):
        progress("compare", done, len(chosen))
        comparisons.append(compare_reports(cat, a, b, search.encoder, cache_root=search.folder.parent))
        pages[compare_file(comparisons[-1])] = compare_page(comparisons[-1])
    progress("compare", len(chosen), len(chosen))
    how = "所选的报告对" if pairs is not None else f"同一地区、同类报告的相邻年份，最近的 {MAX_PAIRS} 对以内"
    pages["compare/index.html"] = compare_index_page(comparisons, how)
    progress("research", 0, 3)
    concepts = concepts or example_dictionary()
    pages["attention.html"] = attention_page(attention_panel(measure_attention(cat, concepts, filters)), concepts)
    progress("research", 1, 3)
    pages["diffusion.html"] = _diffusion(cat, filters, phrases, concepts)
    progress("research", 2, 3)
    pages["targets.html"] = targets_page(targets(cat, filters))
    progress("research", 3, 3)
    pages["index.html"] = overview_page(dated, cat.counts(), index, notes)

    progress("writing", 0, 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    built = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        (built / PARTIAL).write_text(str(os.getpid()))
        built.chmod(0o755)  # mkdtemp makes it private; a site is for reading
        for name, html in pages.items():
            path = built / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, encoding="utf-8")
        write_assets(built, "".join(pages.values()))
        files = sorted(f.relative_to(built).as_posix() for f in built.rglob("*") if f.is_file() and f.name != PARTIAL)
        (built / MARKER).write_text("\n".join([f"index {index}", *files]) + "\n", encoding="utf-8")
        (built / PARTIAL).unlink()
        _swap(built, out)
    except BaseException:
        shutil.rmtree(built, ignore_errors=True)
        raise
    progress("writing", 1, 1)
    return SiteSummary(out, len(pages), len(dated), chosen, method, notes)


def _themes(cat: Catalogue, dated: list[Report], filters: Filters, notes: list[str]) -> str:
    from semcomp.themes.model import ThemeError, find_themes

    try:
        result = find_themes(cat, replace(filters, kinds=("body",)))
    except ThemeError as exc:
        notes.append(f"主题：{exc}")
        return no_themes_page(str(exc))
    per_year = Counter(str(r.value("year") or "?") for r in dated)
    return themes_page(result, dict(per_year))


PHRASES = 6  # the diffusion page's phrases when none are given


def _diffusion(cat: Catalogue, filters: Filters, phrases: Sequence[str] | None, concepts: Sequence[Concept]) -> str:
    """The diffusion page of ``phrases``, or of the dictionary's words of four characters or more that
    the most selected reports hold."""
    words = phrases or list(dict.fromkeys(t for c in concepts for t in c.terms if len(t) >= 4))
    try:
        spreads = diffusion(cat, words, filters) if words else []
    except DiffusionError as exc:
        return diffusion_page([], [], f"扩散：{exc}")
    if not phrases:
        spreads = [d for d in sorted(spreads, key=lambda d: -d.reports) if d.reports][:PHRASES]
    try:
        found = echoes(cat, filters)
    except DiffusionError:
        found = []
    return diffusion_page(spreads, found)


def _reuse(cat: Catalogue, by_id: dict[str, Report], dated: list[Report], filters: Filters) -> str:
    from semcomp.reuse.clusters import reuse_clusters
    from semcomp.reuse.finder import find_reuse
    from semcomp.reuse.matrix import share_matrix
    from semcomp.reuse.selection import Selection

    found = find_reuse(cat, Selection(years=filters.years, region=filters.region)) if len(dated) > 1 else []
    findings = [f for f in found if f.source.report_id in by_id and f.target.report_id in by_id]
    return reuse_page(findings, share_matrix(cat, findings), reuse_clusters(cat, findings), by_id, dated)
