"""semcomp: semantic comparison and summarisation of Chinese government reports.

The Python API mirrors the command line::

    from semcomp import Catalogue, ingest
    cat = Catalogue.open("default", create=True)
    summary = ingest(["data/reports"], cat)
    for report in cat.reports():
        print(report.id, report.value("region"), report.value("year"))
"""

from semcomp.ingest.pipeline import parse_document
from semcomp.ingest.run import Outcome, Summary, ingest
from semcomp.model import Field, Passage, Report, Section
from semcomp.store.catalogue import Catalogue, CatalogueError

__all__ = [
    "Catalogue",
    "CatalogueError",
    "Field",
    "Outcome",
    "Passage",
    "Report",
    "Section",
    "Summary",
    "ingest",
    "parse_document",
]
