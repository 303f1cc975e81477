"""semcomp: semantic comparison and summarisation of Chinese government reports.

The Python API mirrors the command line::

    from semcomp import Catalogue, SearchIndex, build_index, ingest
    cat = Catalogue.open("default", create=True)
    summary = ingest(["data/reports"], cat)
    for report in cat.reports():
        print(report.id, report.value("region"), report.value("year"))
    build_index(cat, Encoder(resolve_model()))      # the search index of the catalogue's passages
    hits = SearchIndex("default").similar("招商引资", k=5)
    findings = find_reuse(cat)                      # copied phrasing
    passages = reuse_clusters(cat, findings)        # each with its witnesses
    cells = share_matrix(cat, findings)             # report × report shares, in date order
    themes = find_themes(cat)                       # themes and their shares per year
    parts = summarize_report(cat, report_id, Encoder(resolve_model()))
    diff = compare_reports(cat, earlier_id, later_id, Encoder(resolve_model()))
    rows = measure_attention(cat, read_dictionary("环保 生态环境 污染"))  # attention per report
    cells = attention_panel(rows)                   # the region × year panel
    build_site(cat, "网站")                           # the static site; make_server(cat) serves it

Every analysis takes the catalogue of a named index as its first argument; those that read vectors
(themes, the site, the server) open its search index through it. These names load on first use, so
that ingesting never imports faiss or the model code.
"""

from importlib import import_module
from typing import TYPE_CHECKING

from semcomp.ingest.pipeline import parse_document
from semcomp.ingest.run import IngestSummary, Outcome, ingest
from semcomp.model import Field, Passage, Report, Section
from semcomp.store.catalogue import Catalogue, CatalogueError

if TYPE_CHECKING:  # what editors and type checkers see; at run time these load on first use (below)
    from semcomp.attention import attention_panel, example_dictionary, measure_attention, read_dictionary
    from semcomp.compare.report import compare_reports
    from semcomp.embed.encoder import Encoder
    from semcomp.embed.models import resolve_model
    from semcomp.index.build import build_index
    from semcomp.reuse.boilerplate import boilerplate
    from semcomp.reuse.clusters import reuse_clusters
    from semcomp.reuse.finder import find_reuse
    from semcomp.reuse.matrix import share_matrix
    from semcomp.reuse.selection import Selection
    from semcomp.search.similar import Hit, SearchError, SearchIndex
    from semcomp.serve import make_server
    from semcomp.site import build_site
    from semcomp.store.filters import Filters
    from semcomp.summarize.summarizer import summarize_report
    from semcomp.themes.model import find_themes, per_year_themes

_LAZY = {
    "SearchIndex": "semcomp.search.similar",
    "Filters": "semcomp.store.filters",
    "Hit": "semcomp.search.similar",
    "SearchError": "semcomp.search.similar",
    "build_index": "semcomp.index.build",
    "Encoder": "semcomp.embed.encoder",
    "resolve_model": "semcomp.embed.models",
    "find_reuse": "semcomp.reuse.finder",
    "boilerplate": "semcomp.reuse.boilerplate",
    "reuse_clusters": "semcomp.reuse.clusters",
    "share_matrix": "semcomp.reuse.matrix",
    "Selection": "semcomp.reuse.selection",
    "find_themes": "semcomp.themes.model",
    "per_year_themes": "semcomp.themes.model",
    "summarize_report": "semcomp.summarize.summarizer",  # not `summarize`/`compare`: those are subpackages
    "compare_reports": "semcomp.compare.report",
    "read_dictionary": "semcomp.attention",
    "example_dictionary": "semcomp.attention",
    "measure_attention": "semcomp.attention",
    "attention_panel": "semcomp.attention",
    "build_site": "semcomp.site",
    "make_server": "semcomp.serve",
}

__all__ = [
    "Catalogue",
    "CatalogueError",
    "Encoder",
    "Field",
    "Filters",
    "Hit",
    "IngestSummary",
    "Outcome",
    "Passage",
    "Report",
    "SearchError",
    "SearchIndex",
    "Section",
    "Selection",
    "attention_panel",
    "boilerplate",
    "build_index",
    "build_site",
    "compare_reports",
    "example_dictionary",
    "find_reuse",
    "find_themes",
    "ingest",
    "make_server",
    "measure_attention",
    "parse_document",
    "per_year_themes",
    "read_dictionary",
    "resolve_model",
    "reuse_clusters",
    "share_matrix",
    "summarize_report",
]


def __getattr__(name: str):
    if name in _LAZY:
        module = import_module(_LAZY[name])
        return getattr(module, name)
    raise AttributeError(f"module 'semcomp' has no attribute {name!r}")
