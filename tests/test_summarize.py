"""Extractive summaries of the real half-year seed 000 (官渡区 2023), with the real model."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from semcomp import Catalogue
from semcomp.summarize.summarizer import SummaryError, pick, summarize

from .conftest import ROOT

A = "000_783dc1874403daa0"


@pytest.fixture(scope="module")
def halfyear(search_root: Path) -> Catalogue:
    return Catalogue.open("halfyear", search_root)


def test_summary_sentences_are_the_reports_own(halfyear, encoder, search_root: Path) -> None:
    result = summarize(halfyear, A, encoder, sentences=2, cache_root=search_root)
    report = halfyear.report(A)
    own = {p.ordinal: p for p in report.passages if p.level == "sentence"}
    raw = halfyear.raw_text(A)
    assert len(result) >= 10
    for s in result:
        ordinals = [p.ordinal for p in s.sentences]
        assert ordinals == sorted(ordinals), "original order"
        for p in s.sentences:
            assert own[p.ordinal].text == p.text and (own[p.ordinal].start, own[p.ordinal].end) == (p.start, p.end)
            assert raw[p.start : p.end].strip(), "quotable from the raw text"
        assert len(s.sentences) == (s.total if s.whole else 2)
        assert s.whole == (s.total <= 2)


def test_numbers_come_through_verbatim(halfyear, encoder, search_root: Path) -> None:
    result = summarize(halfyear, A, encoder, section="1.1", sentences=1, cache_root=search_root)
    assert result[0].sentences[0].text.startswith("2023年上半年，全区实现地区生产总值806亿元，同比增长3.2%")


def test_ratio_and_methods(halfyear, encoder, search_root: Path) -> None:
    by_ratio = summarize(halfyear, A, encoder, section="2", ratio=0.1, cache_root=search_root)[0]
    assert len(by_ratio.sentences) == round(0.1 * by_ratio.total)
    lead = summarize(halfyear, A, None, section="2", sentences=3, method="lead")[0]
    assert [p.ordinal for p in lead.sentences] == sorted(p.ordinal for p in lead.sentences)[:3]
    textrank = summarize(halfyear, A, None, section="2", sentences=3, method="textrank")[0]
    assert len(textrank.sentences) == 3


def test_mmr_drops_a_near_duplicate(halfyear, encoder) -> None:
    section = [p for p in halfyear.report(A).passages if p.level == "sentence" and p.section_path.startswith("2.1")][:12]
    texts = [p.text for p in section]
    texts.append(texts[0].replace("，", "、", 1))  # the same sentence again, one mark changed
    vectors = encoder.encode(texts).vectors
    starts = [True] * len(texts)
    chosen = pick(texts, vectors, starts, 3, "lexrank")
    assert len(chosen) == 3 and not {0, len(texts) - 1} <= set(chosen)


def test_bad_input(halfyear, encoder) -> None:
    with pytest.raises(SummaryError, match=r"no section 9\.9"):
        summarize(halfyear, A, encoder, section="9.9")
    with pytest.raises(SummaryError, match="ratio"):
        summarize(halfyear, A, None, ratio=1.5, method="lead")
    env = os.environ | {"SEMCOMP_INDEXES": str(halfyear.path.parent.parent), "SEMCOMP_MODELS": str(ROOT / "models")}
    res = subprocess.run([sys.executable, "-m", "semcomp", "summarize", "no-such-report", "-i", "halfyear"],
                         capture_output=True, text=True, env=env)  # fmt: skip
    assert res.returncode == 1 and "no report" in res.stderr and "Traceback" not in res.stderr
    res = subprocess.run([sys.executable, "-m", "semcomp", "summarize", A, "-i", "halfyear", "--method", "lead", "-s", "1.1", "--json"],
                         capture_output=True, text=True, env=env)  # fmt: skip
    assert res.returncode == 0 and '"whole"' in res.stdout
