"""Comparing the two real half-year seeds: 001 (masked district, 2021) and 000 (官渡区, 2023)."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from semcomp import Catalogue
from semcomp.compare.pairing import SAME_POLICY
from semcomp.compare.report import compare_reports

from .conftest import ROOT

A, B = "001_a8e5ecbf9c348b01", "000_783dc1874403daa0"


@pytest.fixture(scope="module")
def result(search_root: Path, encoder):
    return compare_reports(Catalogue.open("halfyear", search_root), A, B, encoder, cache_root=search_root)


def test_template_passages_are_kept_or_reworded(result) -> None:
    shared = [r for r in result.rows if r.status in ("kept", "reworded")]
    assert len(shared) >= 20
    listing = [r for r in shared if "城市道路建设项目" in r.b.text]
    assert listing and listing[0].status == "kept" and "城市道路建设项目" in listing[0].a.text
    assert all(r.confidence >= SAME_POLICY and r.evidence.cosine == r.similarity for r in shared)
    assert {"new", "dropped"} & set(result.counts)
    total_b = sum(1 for r in result.rows if r.b is not None)
    assert total_b == len({(r.b.start, r.b.end) for r in result.rows if r.b is not None}), "one to one"


def test_labelled_pairs_of_the_seeds(result) -> None:
    """The hand labels of benchmarks/data/pairs_gold.tsv for these two reports: no pair of two different
    policies is called kept or reworded, and nine in ten same-policy pairs are found."""
    gold = csv.DictReader((ROOT / "benchmarks" / "data" / "pairs_gold.tsv").open(encoding="utf-8"), delimiter="\t")
    labels = {(int(g["start_a"]), int(g["start_b"])): g["label"] for g in gold if (g["report_a"], g["report_b"]) == (A, B)}
    marked = {(r.a.start, r.b.start): r.status for r in result.rows if r.a and r.b}
    assert len(labels) > 40
    assert not [k for k, label in labels.items() if label == "different" and k in marked]
    same = [k for k, label in labels.items() if label in ("kept", "reworded")]
    assert sum(k in marked for k in same) >= 0.9 * len(same)
    assert all(marked[k] == "kept" for k, label in labels.items() if label == "kept")
    # 全民参保 and 国防动员 share the style and a 0.93 cosine, not a policy
    defence = next(r for r in result.rows if r.b and r.b.text.startswith("落实国防动员体制改革"))
    assert defence.status == "new"


def test_changes_inside_a_pair(result) -> None:
    gdp = next(r for r in result.rows if r.b and r.b.text.startswith("2023年上半年，全区实现地区生产总值806亿元"))
    assert gdp.status == "reworded" and gdp.a.text.startswith("随着疫情防控成果的持续巩固")
    replaced = [(c.a, c.b) for c in gdp.changes if c.figure and c.op == "replaced"]
    assert ("747.7", "806") in replaced
    assert "".join(c.a for c in gdp.changes) == gdp.a.text and "".join(c.b for c in gdp.changes) == gdp.b.text


def test_gdp_of_both_reports(result) -> None:
    gdp = next(p for p in result.figures if p.indicator == "地区生产总值" and p.kind == "result")
    assert (747.7, "亿元") in [(f.value, f.unit) for f in gdp.a]
    assert (806.0, "亿元") in [(f.value, f.unit) for f in gdp.b]
    assert (3.2, "%") in [(f.value, f.unit) for f in gdp.b if f.change == "增长"]


def test_cli_html_and_bad_input(search_root: Path, tmp_path: Path) -> None:
    env = os.environ | {"SEMCOMP_INDEXES": str(search_root), "SEMCOMP_MODELS": str(ROOT / "models")}
    page = tmp_path / "对照.html"
    res = subprocess.run([sys.executable, "-m", "semcomp", "compare", A[:6], "官渡区2023", "-i", "halfyear", "--html", str(page), "--json"],
                         capture_output=True, text=True, env=env)  # fmt: skip
    assert res.returncode == 0, res.stderr
    text = page.read_text(encoding="utf-8")
    assert "<script" not in text and "地区生产总值" in text and "官渡区 2023 上半年执行情况" in text
    assert '<del class="figure">747.7</del><ins class="figure">806</ins>' in text
    res = subprocess.run([sys.executable, "-m", "semcomp", "compare", A[:6], "nope", "-i", "halfyear"],
                         capture_output=True, text=True, env=env)  # fmt: skip
    assert res.returncode == 1 and "no report" in res.stderr and "Traceback" not in res.stderr
