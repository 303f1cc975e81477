"""The tour notebook runs from top to bottom with the real model and index, and is stored with its outputs."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "tour.ipynb"


def test_the_stored_notebook_shows_its_tables_and_charts() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.outputs for c in code)  # saved with what it shows
    kinds = {k for c in code for o in c.outputs for k in o.get("data", {})}
    assert {"text/html", "image/png"} <= kinds


def test_the_notebook_runs(search_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEMCOMP_INDEXES", str(search_root))
    monkeypatch.setenv("SEMCOMP_INDEX", "halfyear")  # the two half-year seeds, built by the fixture
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    shown = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    html = "".join(o.get("data", {}).get("text/html", "") for o in shown)
    assert "官渡区 2023 上半年执行情况" in html and "招商" in html
    assert any("image/png" in o.get("data", {}) for o in shown)
    assert not [o for o in shown if o.output_type == "error"]
