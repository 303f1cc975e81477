"""Comparing the two real half-year seeds: 001 (masked district, 2021) and 000 (官渡区, 2023)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from semcomp import Catalogue
from semcomp.compare.report import compare

from .conftest import ROOT

A, B = "001_a8e5ecbf9c348b01", "000_783dc1874403daa0"


@pytest.fixture(scope="module")
def result(search_root: Path, encoder):
    return compare(Catalogue.open("halfyear", search_root), A, B, encoder, cache_root=search_root)


def test_template_passages_are_kept_or_reworded(result) -> None:
    shared = [r for r in result.rows if r.status in ("kept", "reworded")]
    assert len(shared) >= 20
    listing = [r for r in shared if "城市道路建设项目" in r.b.text]
    assert listing and listing[0].status == "kept" and "城市道路建设项目" in listing[0].a.text
    assert all(r.similarity >= 0.92 for r in shared)
    assert {"new", "dropped"} & set(result.counts)
    total_b = sum(1 for r in result.rows if r.b is not None)
    assert total_b == len({(r.b.start, r.b.end) for r in result.rows if r.b is not None}), "one to one"


def test_gdp_of_both_reports(result) -> None:
    gdp = next(p for p in result.figures if p.indicator == "地区生产总值" and p.kind == "result")
    assert (747.7, "亿元") in [(f.value, f.unit) for f in gdp.a]
    assert (806.0, "亿元") in [(f.value, f.unit) for f in gdp.b]
    assert (3.2, "%") in [(f.value, f.unit) for f in gdp.b if f.change == "增长"]


def test_cli_html_and_bad_input(search_root: Path, tmp_path: Path) -> None:
    env = os.environ | {"SEMCOMP_INDEXES": str(search_root), "SEMCOMP_MODELS": str(ROOT / "models")}
    page = tmp_path / "对照.html"
    res = subprocess.run([sys.executable, "-m", "semcomp", "compare", A[:6], B[:6], "-i", "halfyear", "--html", str(page), "--json"],
                         capture_output=True, text=True, env=env)  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert "<script" not in page.read_text(encoding="utf-8") and "地区生产总值" in page.read_text(encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "semcomp", "compare", A[:6], "nope", "-i", "halfyear"],
                         capture_output=True, text=True, env=env)  # fmt: skip
    assert res.returncode == 1 and "no report" in res.stderr and "Traceback" not in res.stderr
