"""semcomp: semantic comparison and summarisation of Chinese government reports.

The Python API mirrors the command line::

    from semcomp import Catalogue, SearchIndex, build_index, ingest
    cat = Catalogue.open("default", create=True)
    summary = ingest(["data/reports"], cat)
    for report in cat.reports():
        print(report.id, report.value("region"), report.value("year"))
    hits = SearchIndex("default").similar("招商引资", k=5)
    findings = find_reuse(cat)                      # copied phrasing
    themes = find_themes(SearchIndex("default"))    # themes and their shares per year
    parts = summarize_report(cat, report_id, Encoder(resolve_model()))
    diff = compare_reports(cat, earlier_id, later_id, Encoder(resolve_model()))

These names load on first use, so that ingesting never imports faiss or the model code.
"""

from importlib import import_module

from semcomp.ingest.pipeline import parse_document
from semcomp.ingest.run import Outcome, Summary, ingest
from semcomp.model import Field, Passage, Report, Section
from semcomp.store.catalogue import Catalogue, CatalogueError

_LAZY = {
    "SearchIndex": "semcomp.search.similar",
    "Filters": "semcomp.search.similar",
    "Hit": "semcomp.search.similar",
    "SearchError": "semcomp.search.similar",
    "build_index": "semcomp.index.build",
    "Encoder": "semcomp.embed.encoder",
    "resolve_model": "semcomp.embed.models",
    "find_reuse": "semcomp.reuse.finder",
    "boilerplate": "semcomp.reuse.boilerplate",
    "find_themes": "semcomp.themes.model",
    "per_year_themes": "semcomp.themes.model",
    "summarize_report": "semcomp.summarize.summarizer",  # not `summarize`/`compare`: those are subpackages
    "compare_reports": "semcomp.compare.report",
}

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
    "boilerplate",
    "build_index",
    "compare_reports",
    "find_reuse",
    "find_themes",
    "ingest",
    "parse_document",
    "per_year_themes",
    "resolve_model",
    "summarize_report",
]


def __getattr__(name: str):
    if name in _LAZY:
        module = import_module(_LAZY[name])
        real = {"resolve_model": "resolve", "summarize_report": "summarize", "compare_reports": "compare"}.get(name, name)
        return getattr(module, real)
    raise AttributeError(f"module 'semcomp' has no attribute {name!r}")
