"""Idempotent, replacing and atomic ingest into the real SQLite catalogue."""

import shutil

import pytest

from semcomp import Catalogue, CatalogueError, ingest

from .conftest import cli, seed


def test_same_file_twice_adds_nothing(tmp_path):
    cat = Catalogue(tmp_path / "c.sqlite", create=True)
    first = ingest([seed("000"), seed("003")], cat)
    counts = cat.counts()
    second = ingest([seed("000"), seed("003")], cat)
    assert first.count("added") == 2 and second.count("unchanged") == 2
    assert cat.counts() == counts


def test_same_bytes_elsewhere_is_a_duplicate(tmp_path):
    copy = tmp_path / "copy.txt"
    shutil.copy(seed("000"), copy)
    cat = Catalogue(tmp_path / "c.sqlite", create=True)
    ingest([seed("000")], cat)
    summary = ingest([copy], cat)
    assert summary.count("duplicate") == 1 and len(cat.reports()) == 1


def test_changed_file_replaces_its_old_version(tmp_path):
    path = tmp_path / "guandu.txt"
    text = seed("000").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    cat = Catalogue(tmp_path / "c.sqlite", create=True)
    ingest([path], cat)
    path.write_text(text.replace("806亿元", "807亿元"), encoding="utf-8")
    summary = ingest([path], cat)
    assert summary.count("replaced") == 1
    assert [r.id for r in cat.reports()] == ["guandu"]
    passages = cat.report("guandu").passages
    assert any("807亿元" in p.text for p in passages) and not any("806亿元" in p.text for p in passages)


def test_interrupted_ingest_leaves_the_catalogue_intact(tmp_path):
    cat = Catalogue(tmp_path / "c.sqlite", create=True)
    ingest([seed("000")], cat)
    before = cat.counts()
    seen = []

    def interrupt(path):
        seen.append(path)
        if len(seen) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest([seed("000").parent], cat, on_file=interrupt)
    reopened = Catalogue(tmp_path / "c.sqlite")
    assert reopened.counts() == before


def test_remove_and_resolve(tmp_path):
    cat = Catalogue(tmp_path / "c.sqlite", create=True)
    ingest([seed("003")], cat)
    assert cat.resolve("003_c52f449150dce310-2") == "003_c52f449150dce310-2"
    with pytest.raises(KeyError, match="matches 2 reports"):
        cat.resolve("003_")
    assert cat.remove_report("003_c52f449150dce310-1")
    assert [r.id for r in cat.reports()] == ["003_c52f449150dce310-2"]
    assert cat.remove_report("003_c52f449150dce310-2")
    assert cat.db.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_missing_or_foreign_catalogue_is_a_clear_error(tmp_path):
    with pytest.raises(CatalogueError, match="no catalogue"):
        Catalogue(tmp_path / "none.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(CatalogueError, match="not a semcomp catalogue"):
        Catalogue(junk)


def test_version_and_years(tmp_path):
    from importlib.metadata import version

    result = cli("--version")
    assert result.code == 0 and result.out.strip() == f"semcomp {version('semcomp')}"
    cat = Catalogue(tmp_path / "c.sqlite", create=True)
    ingest([seed("000"), seed("001")], cat)
    assert cat.years() == [2021, 2023]
    ids = [pid for pid, _ in cat.passage_texts("paragraph")][:3]
    rows = cat.grouped_passages(ids[::-1], by="year")
    assert [r[0] for r in rows] == ids[::-1] and all(r[2] in (2021, 2023) for r in rows)
