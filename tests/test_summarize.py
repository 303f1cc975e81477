"""Extractive summaries of the real half-year seed 000 (官渡区 2023), with the real model."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest

from semcomp import Catalogue
from semcomp.summarize.summarizer import SummaryError, pick, summarize_report
from semcomp.text.sentences import is_concrete, is_lead_in

from .conftest import ROOT

A = "000_783dc1874403daa0"


@pytest.fixture(scope="module")
def halfyear(search_root: Path) -> Catalogue:
    return Catalogue.open("halfyear", search_root)


def test_summary_sentences_are_the_reports_own(halfyear, encoder, search_root: Path) -> None:
    result = summarize_report(halfyear, A, encoder, sentences=2, cache_root=search_root)
    report = halfyear.report(A)
    own = {p.ordinal: p for p in report.passages if p.granularity == "sentence"}
    raw = halfyear.raw_text(A)
    assert len(result) >= 10
    for s in result:
        ordinals = [p.ordinal for p in s.sentences]
        assert ordinals == sorted(ordinals), "original order"
        for p in s.sentences:
            assert own[p.ordinal].text == p.text and (own[p.ordinal].start, own[p.ordinal].end) == (p.start, p.end)
            assert raw[p.start : p.end].strip(), "quotable from the raw text"
        candidates = s.total - len(s.headings)
        assert len(s.sentences) == (candidates if s.whole else 2)
        assert s.whole == (candidates <= 2)


def test_numbers_come_through_verbatim(halfyear, encoder, search_root: Path) -> None:
    result = summarize_report(halfyear, A, encoder, section="1.1", sentences=1, cache_root=search_root)
    assert result[0].sentences[0].text.startswith("2023年上半年，全区实现地区生产总值806亿元，同比增长3.2%")


def test_run_in_lead_ins_are_headings_not_picks(halfyear, encoder, search_root: Path) -> None:
    """``全面壮大项目投资。`` opens its paragraph as a heading: shown as one, never picked as a summary."""
    result = summarize_report(halfyear, A, encoder, section="1.2.1", sentences=3, cache_root=search_root)[0]
    assert {"全面壮大项目投资。", "强化招商引资力度。"} <= {h.text for h in result.headings}
    report = summarize_report(halfyear, A, encoder, sentences=3, cache_root=search_root)
    picked = [p.text for s in report for p in s.sentences]
    assert not {h.text for s in report for h in s.headings} & set(picked)
    assert sum(map(is_concrete, picked)) >= 0.75 * len(picked), "figures and named projects rank well"


def test_lead_in_and_concrete_sentences() -> None:
    assert is_lead_in("二是创新招商、融资方式，激发发展动力。") and is_lead_in("（九）奋力推进保障和改善民生。")
    assert not is_lead_in("台湾是我国神圣领土不可分割的组成部分。")  # a statement
    assert not is_lead_in("国内生产总值增长7.5％；")
    assert is_concrete("推进黑羊站水厂改扩建工程。") and is_concrete("实施“十个全覆盖”工程。")
    assert not is_concrete("加快重点项目建设。") and not is_concrete("完善公共服务中心。")


def test_ratio_and_methods(halfyear, encoder, search_root: Path) -> None:
    by_ratio = summarize_report(halfyear, A, encoder, section="2", ratio=0.1, cache_root=search_root)[0]
    assert len(by_ratio.sentences) == round(0.1 * (by_ratio.total - len(by_ratio.headings)))
    lead = summarize_report(halfyear, A, None, section="2", sentences=3, method="lead")[0]
    assert [p.ordinal for p in lead.sentences] == sorted(p.ordinal for p in lead.sentences)[:3]
    textrank = summarize_report(halfyear, A, None, section="2", sentences=3, method="textrank")[0]
    assert len(textrank.sentences) == 3


def test_mmr_drops_a_near_duplicate(halfyear, encoder) -> None:
    section = [p for p in halfyear.report(A).passages if p.granularity == "sentence" and p.section_path.startswith("2.1")][:12]
    texts = [p.text for p in section]
    texts.append(texts[0].replace("，", "、", 1))  # the same sentence again, one mark changed
    vectors = encoder.encode(texts).vectors
    starts = [True] * len(texts)
    chosen = pick(texts, vectors, starts, 3, "lexrank")
    assert len(chosen) == 3 and not {0, len(texts) - 1} <= set(chosen)


def test_bad_input(halfyear, encoder) -> None:
    with pytest.raises(SummaryError, match=r"no section 9\.9"):
        summarize_report(halfyear, A, encoder, section="9.9")
    with pytest.raises(SummaryError, match="ratio"):
        summarize_report(halfyear, A, None, ratio=1.5, method="lead")
    env = os.environ | {"SEMCOMP_INDEXES": str(halfyear.path.parent.parent), "SEMCOMP_MODELS": str(ROOT / "models")}
    res = subprocess.run([sys.executable, "-m", "semcomp", "summarize", "no-such-report", "-i", "halfyear"],
                         capture_output=True, text=True, env=env)  # fmt: skip
    assert res.returncode == 1 and "no report" in res.stderr and "Traceback" not in res.stderr
    res = subprocess.run([sys.executable, "-m", "semcomp", "summarize", A, "-i", "halfyear", "--method", "lead", "-s", "1.1", "--json"],
                         capture_output=True, text=True, env=env)  # fmt: skip
    assert res.returncode == 0 and '"whole"' in res.stdout


def test_markdown_keeps_levels_offsets_and_gaps(search_root: Path) -> None:
    from tests.conftest import cli

    result = cli("summarize", "官渡区2023", "--method", "textrank", "-n", "2", "--markdown", "-i", "halfyear", indexes=search_root)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "# 官渡区 2023 上半年执行情况"
    levels = [len(line) - len(line.lstrip("#")) for line in lines if line.startswith("#")]
    assert all(b <= a + 1 for a, b in pairwise(levels))  # a level is never skipped
    assert "### 1.2 上半年计划执行情况" in lines  # a parent with no sentence of its own still heads its children
    body = [line for line in lines if line and not line.startswith(("#", "*", "`"))]

    spans = [tuple(map(int, m)) for line in body for m in re.findall(r"`(\d+):(\d+)`", line)]
    assert spans and all(s < e for s, e in spans)
    picked = {p.start: p.ordinal for p in Catalogue.open("halfyear", search_root).report(A).passages if p.granularity == "sentence"}
    for line in body:  # "…" stands exactly where the next picked sentence does not follow the previous one
        starts = [int(s) for s, _ in re.findall(r"`(\d+):(\d+)`", line)]
        gaps = [picked[b] != picked[a] + 1 for a, b in pairwise(starts)]
        assert line.count("` … ") == sum(gaps), line
    assert any("` … " in line for line in body)
