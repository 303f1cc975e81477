"""Idempotent, replacing and atomic ingest into the real SQLite catalogue."""

import json
import os
import shutil
import subprocess
import sys

import pytest
from rich.cells import cell_len

from semcomp import Catalogue, CatalogueError, ingest
from semcomp.errors import NotFound

from .conftest import DATA, cli, seed


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


def test_a_catalogue_of_the_previous_schema_is_upgraded_and_read_again_by_the_newer_parser(tmp_path):
    """Schema 2 had no parser column, fingerprints or copies: opening it upgrades it in place, and the
    next ingest of the same files reads them again (metadata from the text, chrome) instead of
    calling them unchanged."""
    path = tmp_path / "c.sqlite"
    cat = Catalogue(path, create=True)
    ingest([seed("000"), seed("002")], cat)
    with cat.transaction():  # what semcomp wrote before
        cat.db.execute("ALTER TABLE documents DROP COLUMN parser")
        cat.db.execute("DROP TABLE fingerprints")
        cat.db.execute("DROP TABLE copies")
        cat.db.execute("UPDATE info SET value = '2' WHERE key = 'schema'")
    cat.close()
    old = Catalogue(path)
    assert old.second_copies() == {} and old.unfingerprinted() == sorted(r.id for r in old.reports())
    again = ingest([seed("000"), seed("002")], old)
    assert again.count("reread") == 2 and not old.unfingerprinted()
    assert ingest([seed("000"), seed("002")], old).count("unchanged") == 2


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
    with pytest.raises(NotFound, match="matches 2 reports"):
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
    assert [r.id for r in rows] == ids[::-1] and all(r.group in (2021, 2023) for r in rows)


def test_readable_names(corpus_catalogue):
    """Reports are named as readers name them, and those names are accepted wherever a report is named."""
    labels = {r.id: r.label for r in corpus_catalogue.reports()}
    assert labels["neimenggu_hulunbeier_hailaer_2015_gwr"] == "海拉尔区 2015 政府工作报告"
    assert labels["000_783dc1874403daa0"] == "官渡区 2023 上半年执行情况"
    assert labels["national_1954_gwr"] == "国务院 1954 政府工作报告"
    assert labels["province_新疆维吾尔自治区_2026_gwr"].startswith("新疆 2026")
    for name in ("海拉尔区 2015 政府工作报告", "海拉尔区2015", "海拉尔 2015", "hailaer_2015"):
        assert corpus_catalogue.resolve(name) == "neimenggu_hulunbeier_hailaer_2015_gwr"
    assert corpus_catalogue.resolve("易县2022") == "hebei_baoding_130633_易县_2022_gwr"  # not 米易县
    assert corpus_catalogue.resolve("官渡区 上半年") == "000_783dc1874403daa0"
    with pytest.raises(NotFound, match=r"matches 8 reports: 海拉尔区 2012 政府工作报告 \(neimenggu"):
        corpus_catalogue.resolve("海拉尔区")


def test_reports_hold_at_80_columns(tmp_path):
    cat = Catalogue(tmp_path / "i" / "catalogue.sqlite", create=True)
    ingest([seed("000"), seed("003")], cat)
    env = os.environ | {"SEMCOMP_INDEXES": str(tmp_path), "COLUMNS": "80"}
    res = subprocess.run([sys.executable, "-m", "semcomp", "reports", "-i", "i"], capture_output=True, text=True, env=env)
    lines = res.stdout.splitlines()
    assert res.returncode == 0 and max(cell_len(line) for line in lines) <= 80
    assert any("官渡区 2023 上半年执行情况" in line for line in lines)


# faults a drill found in the catalogue's schema, its first writer, its read-only readers and file names ------------


def test_a_schema_3_catalogue_written_before_the_parser_column_is_migrated(tmp_path) -> None:
    import sqlite3

    cat = Catalogue.open("old", tmp_path, create=True)
    ingest([seed("000")], cat)
    cat.close()
    db = sqlite3.connect(tmp_path / "old" / "catalogue.sqlite")
    db.execute("ALTER TABLE documents DROP COLUMN parser")  # as semcomp wrote schema 3 before the column came
    db.commit()
    db.close()
    summary = ingest([seed("001")], Catalogue.open("old", tmp_path))  # was: every file skipped as "no such column: parser"
    assert summary.failed == 0 and summary.reports == 1
    doctor = cli("doctor", "--index", "old", indexes=tmp_path)
    assert "schema current" in doctor.out and "2 reports" in doctor.out


def test_two_first_ingests_into_a_new_index_both_land(tmp_path) -> None:
    """Was: one of two refused as "empty (0 bytes; truncated?)" in 2 of 10 trials."""
    env = os.environ | {"SEMCOMP_INDEXES": str(tmp_path)}
    for trial in range(4):
        runs = [subprocess.Popen([sys.executable, "-m", "semcomp", "ingest", str(seed(s)), "--index", f"new{trial}"], env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE) for s in ("000", "001")]  # fmt: skip
        for run in runs:
            _, err = run.communicate(timeout=120)
            assert run.returncode == 0, err.decode()
        assert len(Catalogue.open(f"new{trial}", tmp_path).reports()) == 2


def test_a_reader_without_write_permission_sees_what_waits_in_the_log(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    import semcomp.store.catalogue as store

    cat = Catalogue.open("wal", tmp_path, create=True)
    keeper = Catalogue.open("wal", tmp_path)  # an open connection: the log is not folded into the file on close
    ingest([seed("000")], cat)
    cat.close()
    assert (tmp_path / "wal" / "catalogue.sqlite-wal").stat().st_size > 0
    monkeypatch.setattr(store, "writable", lambda path: False)  # as for a user without write permission
    reader = Catalogue.open("wal", tmp_path)
    assert reader.read_only and len(reader.reports()) == 1  # was 0: an immutable reader skips the log
    reader.close()
    keeper.close()


def test_file_names_no_encoding_reads_never_collide(tmp_path) -> None:
    (tmp_path / "files").mkdir()
    folder = os.fsencode(tmp_path / "files")
    for name, prefix in ((b"a\xff.txt", "000"), (b"a\xfe.txt", "001")):
        shutil.copy(seed(prefix), os.fsdecode(folder + b"/" + name))
    cat = Catalogue.open("names", tmp_path / "idx", create=True)
    summary = ingest([tmp_path / "files"], cat)
    assert summary.failed == 0 and summary.reports == 2  # was 1: the second replaced the first
    assert sorted(r.source.rsplit("/", 1)[1] for r in cat.reports()) == ["a\\xfe.txt", "a\\xff.txt"]


def test_a_slice_is_ingested_by_the_filters_every_command_reads(corpus_catalogue, tmp_path) -> None:
    from semcomp.store.filters import Filters

    result = cli("ingest", str(DATA), "--region", "保定", "--year", "2018-2022", "--index", "保定", "--json", indexes=tmp_path)
    assert result.code == 0, result.err
    wanted = set(corpus_catalogue.report_ids(Filters(region="保定", years=(2018, 2022))))
    stored = {r.id for r in Catalogue.open("保定", tmp_path).reports()}
    assert stored == wanted and 20 < len(stored) < 60
    outcomes = json.loads(result.out)
    assert sum(o["status"] == "ignored" and "outside the slice" in o["reason"] for o in outcomes) > 100
    again = cli("ingest", str(DATA), "--region", "保定", "--year", "2018-2022", "--index", "保定", indexes=tmp_path)
    assert again.code == 0 and {r.id for r in Catalogue.open("保定", tmp_path).reports()} == wanted  # idempotent
    refused = cli("index", "--name", "保定", "--region", "保定", indexes=tmp_path)
    assert refused.code == 1 and "give the PATHS" in refused.err
