"""semcomp: semantic comparison and summarisation of Chinese government reports.

The Python API mirrors the command line::

    from semcomp import Catalogue, SearchIndex, build_index, ingest
    cat = Catalogue.open("default", create=True)
    summary = ingest(["data/reports"], cat)
    for report in cat.reports():
        print(report.id, report.value("region"), report.value("year"))
    hits = SearchIndex("default").similar("招商引资", k=5)
    findings = find_reuse(cat)                      # copied phrasing
    passages = reuse_clusters(findings, {r.id: r for r in cat.reports()})  # each with its witnesses
    cells = share_matrix(cat, findings)             # report × report shares, in date order
    themes = find_themes(SearchIndex("default"))    # themes and their shares per year
    parts = summarize_report(cat, report_id, Encoder(resolve_model()))
    diff = compare_reports(cat, earlier_id, later_id, Encoder(resolve_model()))
    rows = measure_attention(cat, read_dictionary("环保 生态环境 污染"))  # attention per report
    cells = attention_panel(rows)                   # the region × year panel
    build_site("default", "网站")                     # the static site; make_server("default") serves it

These names load on first use, so that ingesting never imports faiss or the model code.
"""

from importlib import import_module

from semcomp.ingest.pipeline import parse_document
from semcomp.ingest.run import Outcome, Summary, ingest
from semcomp.model import Field, Passage, Report, Section
from semcomp.store.catalogue import Catalogue, CatalogueError

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

# names that differ from the function's own (``summarize``/``compare``/``clusters`` name subpackages or say too little)
_RENAMED = {"resolve_model": "resolve", "summarize_report": "summarize", "compare_reports": "compare", "reuse_clusters": "clusters"}

__all__ = [
    "Catalogue",
    "CatalogueError",
    "Encoder",
    "Field",
    "Filters",
    "Hit",
    "Outcome",
    "Passage",
    "Report",
    "SearchError",
    "SearchIndex",
    "Section",
    "Summary",
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
        return getattr(module, _RENAMED.get(name, name))
    raise AttributeError(f"module 'semcomp' has no attribute {name!r}")
