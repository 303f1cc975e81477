"""Hostile input, crashes, concurrency and corruption, on real reports: one bad file never costs a
batch, the index never lies, and every failure is one line with a way out."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from filelock import FileLock, Timeout

from semcomp import Catalogue, ingest
from semcomp.index.build import build_index
from semcomp.index.published import Build
from semcomp.index.vectors import VectorMeta
from semcomp.search.similar import SearchError, SearchIndex
from semcomp.store.catalogue import CatalogueError, index_dir

from .conftest import DATA, SEEDS, cli, seed

GUANDU = seed("000").read_text(encoding="utf-8")
MARKUP = "[/b][bold red]各位代表[/] [link=file:///etc/passwd]点此[/link]\x1b[31m红字\x1b]0;标题\x07\x08"


def _one_line_error(result, code: int = 1) -> str:
    """The error a user sees: one line, no traceback, the expected exit code."""
    assert result.code == code, (result.code, result.err)
    assert "Traceback" not in result.err and "internal error" not in result.err
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert len(lines) == 1, result.err
    return lines[0]


# 1. markup and terminal control characters are data ---------------------------------------------


def test_markup_and_escapes_in_report_text_and_names_are_printed_as_text(tmp_path: Path) -> None:
    folder = tmp_path / "论坛[red]副本[b]"  # names can't hold a slash: opening tags, which markup would swallow
    folder.mkdir()
    (folder / "官渡[b].txt").write_text(GUANDU.replace("区政府认真贯彻", MARKUP + "区政府认真贯彻", 1), encoding="utf-8")
    indexes = tmp_path / "idx"
    result = cli("ingest", str(folder), indexes=indexes)
    assert result.code == 0, result.err
    reports = cli("reports", indexes=indexes)
    assert reports.code == 0 and "官渡[b]" in reports.out
    shown = cli("show", "官渡[b]", "--section", "1", indexes=indexes)
    assert shown.code == 0, shown.err
    assert "[/b][bold red]各位代表[/]" in shown.out  # the markup itself, verbatim
    assert "\x1b" not in shown.out and "\x07" not in shown.out and "␛[31m红字" in shown.out
    outline = cli("show", "官渡[b]", indexes=indexes)
    assert outline.code == 0 and "\x1b" not in outline.out


def test_markup_in_arguments_gives_a_one_line_error(tmp_path: Path) -> None:
    line = _one_line_error(cli("show", "[/b]", indexes=tmp_path))
    assert "no catalogue" in line
    cli("ingest", str(seed("000")), indexes=tmp_path)
    assert "no report '[/b]'" in _one_line_error(cli("show", "[/b]", indexes=tmp_path))
    assert "[bold red]x[/]" in _one_line_error(cli("summarize", "[bold red]x[/]", "--method", "lead", indexes=tmp_path))


def test_similar_with_markup_query_and_wildcard_region(search_root: Path) -> None:
    hits = cli("similar", "[/b]招商引资\x1b[2J", "-k", "2", "--index", "halfyear", indexes=search_root)
    assert hits.code == 0, hits.err
    assert "\x1b[2J" not in hits.out
    for region in ("%", "_", "官渡%"):  # literal characters, not SQL wildcards
        assert "no report from a region matching" in _one_line_error(cli("similar", "招商引资", "--region", region, "--index", "halfyear",
                                                                           indexes=search_root))  # fmt: skip
    assert cli("similar", "招商引资", "--region", "官渡", "-k", "1", "--index", "halfyear", indexes=search_root).code == 0


def test_absurd_numbers_are_refused_in_one_line(search_root: Path, tmp_path: Path) -> None:
    def similar(*args: str) -> str:
        return _one_line_error(cli("similar", *args, "--index", "halfyear", indexes=search_root))

    assert "years from 0 to 9999" in similar("招商引资", "--year", "9" * 25)
    assert "no passage" in similar("--like", "9" * 25)
    assert "between 1 and" in similar("招商引资", "-k", "0")
    assert "limit is 2,000" in similar("招" * 100_000)
    for value in ("nan", "inf", "-1", "0"):
        assert "--max-mb" in _one_line_error(cli("ingest", str(seed("000")), "--max-mb", value, indexes=tmp_path))


def test_a_long_query_is_refused_at_once(search_root: Path) -> None:
    began = time.perf_counter()
    with pytest.raises(SearchError, match="characters"):
        SearchIndex("halfyear", search_root).similar("招商引资" * 25_000)
    assert time.perf_counter() - began < 5


# 2. one bad input never costs the batch ----------------------------------------------------------


def test_mixed_batch_keeps_every_good_file(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    batch.mkdir()
    shutil.copy(seed("000"), batch)
    gbk_name = os.fsdecode("惠阳区2023年政府工作报告".encode("gbk") + b".txt")  # a file name from a Windows zip
    shutil.copy(seed("004"), batch / gbk_name)
    header = "title,year,text\n"
    row = f'"报告",2023,"{seed("002").read_text(encoding="utf-8").replace(chr(34), "")}",多余,字段\n'
    (batch / "corpus.csv").write_text(header + row, encoding="utf-8")
    (batch / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (batch / "empty.txt").write_bytes(b"")
    cat = Catalogue(tmp_path / "c.sqlite", create=True)
    summary = ingest([batch], cat)
    by_name = {Path(o.source.split("#")[0]).name: o for o in summary.outcomes}
    assert by_name["惠阳区2023年政府工作报告.txt"].status == "added"  # decoded from GBK, stored as text
    assert by_name["corpus.csv"].status == "added" and "fields more than the header" in " ".join(by_name["corpus.csv"].warnings)
    assert by_name["binary.txt"].status == "skipped" and by_name["empty.txt"].status == "skipped"
    assert summary.failed == 2 and len(cat.reports()) == 3
    result = cli("ingest", str(batch), "--index", "mixed", indexes=tmp_path / "idx")
    assert result.code == 1 and "2 skipped" in result.err and "3 reports" in result.err
    assert "Traceback" not in result.err


def test_a_file_that_fails_halfway_is_undone_and_the_rest_stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure in the middle of storing one file (here: after its document row was written)."""
    real = Catalogue.put_report

    def put_report(self, document_id, report):  # the third seed fails after its document row is in
        if "002_" in report.source:
            raise RuntimeError("disk hiccup")
        return real(self, document_id, report)

    monkeypatch.setattr(Catalogue, "put_report", put_report)
    cat = Catalogue(tmp_path / "c.sqlite", create=True)
    summary = ingest([seed("000"), seed("002"), seed("004")], cat)
    failed = [o for o in summary.outcomes if o.failed]
    assert len(failed) == 1 and "disk hiccup" in failed[0].reason
    sources = [r[0] for r in cat.db.execute("SELECT source FROM documents")]
    assert len(sources) == 2 and not any("002_" in s for s in sources)


def test_hostile_files_are_bounded_and_read_right(tmp_path: Path) -> None:
    deep = tmp_path / "deep.html"
    deep.write_text("<div>" * 100_000 + GUANDU[:3000] + "</div>" * 100_000, encoding="utf-8")
    utf32 = tmp_path / "utf32.txt"
    utf32.write_bytes(GUANDU.encode("utf-32"))
    stray = tmp_path / "stray.txt"
    data = GUANDU.encode("utf-8")
    stray.write_bytes(data[:5000] + b"\xff\xfe" + data[5000:])
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    cat = Catalogue(tmp_path / "c.sqlite", create=True)
    began = time.perf_counter()
    summary = ingest([deep, utf32, stray, zero, fifo], cat)
    assert time.perf_counter() - began < 10
    outcome = {Path(o.source).name: o for o in summary.outcomes}
    assert [outcome[n].status for n in ("deep.html", "utf32.txt", "stray.txt")] == ["added"] * 3
    assert outcome["zero.txt"].reason.startswith("not a regular file") and outcome["fifo.txt"].reason.startswith("not a regular file")
    rows = dict(cat.db.execute("SELECT source, raw FROM documents"))
    raw32 = next(raw for source, raw in rows.items() if source.endswith("utf32.txt"))
    assert raw32 == GUANDU  # not UTF-16 with thousands of NULs
    assert any("undecodable bytes replaced" in w for w in outcome["stray.txt"].warnings)
    deep_raw = next(raw for source, raw in rows.items() if source.endswith("deep.html"))
    assert GUANDU[:200].split("\n")[0] in deep_raw


def test_a_few_bad_bytes_are_replaced_with_a_warning(tmp_path: Path) -> None:
    data = seed("004").read_bytes()
    path = tmp_path / "bad.txt"
    path.write_bytes(data[:3000] + b"\xff" + data[3000:9000] + b"\xc3" + data[9000:])
    cat = Catalogue(tmp_path / "c.sqlite", create=True)
    (outcome,) = ingest([path], cat).outcomes
    assert outcome.status == "added"
    assert any("undecodable bytes replaced (as utf-8)" in w for w in outcome.warnings)


# 3. the index never lies, and answers during a rebuild --------------------------------------------


def test_a_replaced_file_of_the_same_shape_never_shows_new_text_under_old_terms(search_root: Path, encoder) -> None:
    folder = search_root / "shape-src"
    folder.mkdir()
    path = folder / "官渡区.txt"
    path.write_text(GUANDU, encoding="utf-8")
    cat = Catalogue.open("shape", search_root, create=True)
    ingest([path, seed("001")], cat)
    build_index(cat, encoder, granularities=("paragraph",))  # embeddings come from the cache
    before = {h.passage_id: h.text for h in SearchIndex("shape", search_root).similar("官渡", k=50, mode="lexical")}
    assert before and all("官渡" in t for t in before.values())
    path.write_text(GUANDU.replace("官渡", "西山"), encoding="utf-8")  # the same paragraphs, the same lengths
    ingest([path], cat)
    stale = SearchIndex("shape", search_root)
    hits = stale.similar("官渡", k=50, mode="lexical")
    assert stale.staleness and not hits  # the old passages are gone; no new text is shown under the old terms
    for h in stale.similar("招商引资", k=10):
        assert cat.passage(h.passage_id) == (h.text, "paragraph")


def test_readers_use_the_previous_build_while_a_new_one_is_written(search_root: Path, encoder) -> None:
    cat = Catalogue.open("halfyear", search_root)
    folder = index_dir("halfyear", search_root)
    reader = SearchIndex("halfyear", search_root)
    expected = [h.passage_id for h in reader.similar("招商引资", k=5)]
    old = reader.build.folder
    build_index(cat, encoder, granularities=("paragraph",))  # a rebuild, published under the reader
    assert [h.passage_id for h in reader.similar("招商引资", k=5, granularity="sentence")]  # still the old build, both levels
    assert old.is_dir() and Build.current(folder).folder != old
    assert [h.passage_id for h in SearchIndex("halfyear", search_root).similar("招商引资", k=5)] == expected
    assert set(Build.current(folder).granularities()) == {"paragraph", "sentence"}  # the level not rebuilt is carried over


def test_a_killed_build_leaves_the_previous_one_in_place(search_root: Path, encoder, monkeypatch: pytest.MonkeyPatch) -> None:
    import semcomp.index.build as build_module

    cat = Catalogue.open("halfyear", search_root)
    folder = index_dir("halfyear", search_root)
    current = Build.current(folder).folder

    def killed(*_args, **_kwargs):
        raise KeyboardInterrupt  # as Ctrl-C between the vectors and the BM25 files

    monkeypatch.setattr(build_module.LexicalIndex, "save", killed)
    with pytest.raises(KeyboardInterrupt):
        build_index(cat, encoder, granularities=("paragraph",))
    assert Build.current(folder).folder == current
    assert not list((folder / "builds").glob(".*.partial"))
    assert SearchIndex("halfyear", search_root).similar("招商引资", k=1)


# 4. concurrency ------------------------------------------------------------------------------------


def _semcomp(*args: str, indexes: Path) -> subprocess.Popen:
    env = {**os.environ, "SEMCOMP_INDEXES": str(indexes)}
    return subprocess.Popen([sys.executable, "-m", "semcomp", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _until_locked(process: subprocess.Popen, path: Path) -> None:
    """Wait until ``process`` holds the lock at ``path``, so that a second writer started now overlaps it."""
    lock = FileLock(path)
    while process.poll() is None:
        try:
            lock.acquire(timeout=0)
        except Timeout:
            return
        lock.release()
        time.sleep(0.01)


def test_two_ingests_at_once_both_land_and_readers_never_fail(tmp_path: Path) -> None:
    indexes = tmp_path / "idx"
    assert cli("ingest", str(seed("000")), indexes=indexes).code == 0
    first = _semcomp("ingest", str(DATA / "baoding_hebei"), indexes=indexes)
    _until_locked(first, indexes / "default" / "catalogue.sqlite.lock")
    second = _semcomp("ingest", str(SEEDS), indexes=indexes)
    failures, reads = [], 0
    while first.poll() is None or second.poll() is None:
        try:
            cat = Catalogue.open("default", indexes)
            cat.reports()
            cat.counts()
            cat.close()
            reads += 1
        except Exception as exc:  # every failed read counts
            failures.append(repr(exc))
        time.sleep(0.05)
    outs = [p.communicate() for p in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, outs
    assert failures == [] and reads > 5
    assert any("waiting for another semcomp" in err for _out, err in outs)
    cat = Catalogue.open("default", indexes)
    sources = {Path(r.source.split("#")[0]).parent.name for r in cat.reports()}
    assert {"baoding_hebei", "seeds"} <= sources


def test_two_index_runs_at_once_encode_each_passage_once(tmp_path: Path) -> None:
    import json

    small = tmp_path / "官渡区节选.txt"
    small.write_text(GUANDU[:2500], encoding="utf-8")
    indexes = tmp_path / "idx"
    assert cli("ingest", str(small), indexes=indexes).code == 0
    first = _semcomp("index", "--level", "paragraph", "--json", indexes=indexes)
    _until_locked(first, indexes / "default" / "index.lock")
    runs = [first, _semcomp("index", "--level", "paragraph", "--json", indexes=indexes)]
    outs = [p.communicate() for p in runs]
    assert all(p.returncode == 0 for p in runs), outs
    summaries = [json.loads(out)[0] for out, _err in outs]
    assert sum(s["encoded"] for s in summaries) == summaries[0]["passages"] > 0  # one encodes, the other reads the cache
    assert any("waiting for another semcomp" in err for _out, err in outs)


def test_a_reader_in_this_process_during_a_write_in_another(tmp_path: Path) -> None:
    cat = Catalogue(tmp_path / "c.sqlite", create=True)
    ingest([seed("000")], cat)
    done = threading.Event()
    errors: list[str] = []

    def write() -> None:
        try:
            ingest([DATA / "baoding_hebei"], Catalogue(tmp_path / "c.sqlite"))
        finally:
            done.set()

    thread = threading.Thread(target=write)
    thread.start()
    seen = set()
    while not done.is_set():
        try:
            seen.add(len(Catalogue(tmp_path / "c.sqlite").reports()))
        except CatalogueError as exc:
            errors.append(str(exc))
    thread.join()
    assert errors == [] and 1 in seen  # the committed state, never a half-written one
    assert len(seen - {1}) <= 1


# 5. corruption: detected, one line, repaired -------------------------------------------------------


@pytest.fixture
def copy_of_halfyear(search_root: Path, tmp_path: Path) -> Path:
    """The 'halfyear' index and the shared embedding cache, copied so that they can be damaged."""
    root = tmp_path / "indexes"
    shutil.copytree(search_root / "halfyear", root / "halfyear")
    shutil.copytree(search_root / ".embeddings", root / ".embeddings")
    return root


def _damage(path: Path, at: float = 0.5, span: int = 64) -> None:
    data = bytearray(path.read_bytes())
    start = int(len(data) * at)
    data[start : start + span] = bytes(b ^ 0x5A for b in data[start : start + span])
    path.write_bytes(bytes(data))


def test_an_index_older_than_its_catalogue_is_stale_not_damaged(copy_of_halfyear: Path) -> None:
    cat = Catalogue.open("halfyear", copy_of_halfyear)
    cat.remove_report(cat.reports()[0].id)
    cat.close()
    doctor = cli("doctor", "--index", "halfyear", indexes=copy_of_halfyear)
    assert doctor.code == 1 and "damaged" not in doctor.out
    assert any(line.startswith("stale") and "semcomp index" in line for line in doctor.out.splitlines())
    [check] = [c for c in json.loads(cli("doctor", "--index", "halfyear", "--json", indexes=copy_of_halfyear).out) if c["part"] == "index"]
    assert check["stale"] and not check["ok"]


def test_damaged_index_files_are_refused_and_doctor_rebuilds_them(copy_of_halfyear: Path) -> None:
    build = Build.current(index_dir("halfyear", copy_of_halfyear))
    faiss_file = build.path("vectors-paragraph.faiss")
    vectors = np.fromfile(faiss_file, dtype=np.uint8)
    vectors[len(vectors) // 2 :: 4] ^= 0x80  # sign bits flipped: the file still loads, rankings silently change
    vectors.tofile(faiss_file)
    line = _one_line_error(cli("similar", "招商引资", "--index", "halfyear", indexes=copy_of_halfyear))
    assert "vectors-paragraph.faiss is damaged" in line
    _damage(build.path("lexical-sentence.npz"))
    doctor = cli("doctor", "--index", "halfyear", indexes=copy_of_halfyear)
    assert doctor.code == 1 and "damaged  index" in doctor.out
    repaired = cli("doctor", "--index", "halfyear", "--repair", indexes=copy_of_halfyear)
    assert repaired.code == 0, repaired.out + repaired.err
    assert cli("similar", "招商引资", "--index", "halfyear", "-k", "1", indexes=copy_of_halfyear).code == 0
    assert cli("doctor", "--index", "halfyear", indexes=copy_of_halfyear).code == 0


def test_a_damaged_cache_is_set_aside_and_never_blocks_index(copy_of_halfyear: Path, encoder) -> None:
    (cache,) = (copy_of_halfyear / ".embeddings").glob("*-float32-cpu.sqlite")  # the index's precision
    cache.write_bytes(b"this is not SQLite" * 1000)
    warnings: list[str] = []
    cat = Catalogue.open("halfyear", copy_of_halfyear)
    reports = [r.id for r in cat.reports()]
    cat.remove_report(reports[1])  # a smaller index, so that re-encoding stays short
    (index_dir("halfyear", copy_of_halfyear) / "current.json").unlink()  # built afresh: an update would encode nothing
    summary = build_index(cat, encoder, granularities=("paragraph",), on_warning=warnings.append)
    assert summary[0].encoded == summary[0].passages > 0
    assert warnings and "embedding cache was damaged" in warnings[0]
    assert list((copy_of_halfyear / ".embeddings").glob("*.sqlite.damaged-*"))  # set aside, where doctor's checks don't read it


def _seed_catalogue(indexes: Path) -> Path:
    assert cli("ingest", str(SEEDS), indexes=indexes).code == 0
    path = indexes / "default" / "catalogue.sqlite"
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the main file, where the damage goes
    db.close()
    return path


def test_a_damaged_catalogue_is_found_and_rebuilt_from_what_it_stored(tmp_path: Path) -> None:
    indexes = tmp_path / "idx"
    path = _seed_catalogue(indexes)
    _damage_passages_index(path)
    assert cli("doctor", indexes=indexes).code == 1
    repaired = cli("doctor", "--repair", indexes=indexes)
    assert repaired.code == 0, repaired.out + repaired.err
    assert "rebuilt from 5 stored documents and 0 files: 6 reports; no metadata changed" in repaired.out
    assert list(path.parent.glob("catalogue.sqlite.damaged-*"))  # set aside, not deleted
    assert len(Catalogue(path).reports()) == 6 and cli("doctor", indexes=indexes).code == 0


def _damage_passages_index(path: Path) -> None:
    """The far end of one page of the passages' index: the documents and reports stay readable."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the main file, where the damage goes
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'passages_report'").fetchone()[0]
    db.close()
    with path.open("r+b") as f:
        f.seek(root * page_size - 600)
        f.write(bytes(range(200)) * 3)


def test_repair_keeps_manifest_values_and_files_of_any_name_even_when_the_files_are_gone(tmp_path: Path) -> None:
    """The drill: a repair re-read the files without the manifest (a report moved to another province) and
    lost the reports of GBK-named files. It now rebuilds from the stored text and the stored manifest values."""
    indexes, folder = tmp_path / "idx", tmp_path / "来稿"
    folder.mkdir()
    gbk_name = os.fsdecode(os.fsencode(folder) + b"/" + "官渡区报告".encode("gbk") + b".txt")
    shutil.copy(seed("000"), gbk_name)
    shutil.copy(seed("001"), folder / "b.txt")
    manifest = tmp_path / "清单.csv"
    manifest.write_text("file,region,year\n来稿/b.txt,河北省保定市易县,2030\n", encoding="utf-8")
    assert cli("ingest", str(folder), "--manifest", str(manifest), indexes=indexes).code == 0
    before = json.loads(cli("reports", "--json", indexes=indexes).out)
    assert len(before) == 2 and {r["region"] for r in before} >= {"河北省保定市易县"}
    path = indexes / "default" / "catalogue.sqlite"
    _damage_passages_index(path)
    shutil.rmtree(folder)
    repaired = cli("doctor", "--repair", indexes=indexes)
    assert repaired.code == 0, repaired.out + repaired.err
    assert "rebuilt from 2 stored documents and 0 files: 2 reports; no metadata changed" in repaired.out
    after = json.loads(cli("reports", "--json", indexes=indexes).out)
    fields = ("id", "source", "region", "year", "level", "report_type", "meta")
    assert [{k: r[k] for k in fields} for r in after] == [{k: r[k] for k in fields} for r in before]


def test_a_catalogue_damaged_at_its_start_or_truncated_says_so_in_one_line(tmp_path: Path) -> None:
    indexes = tmp_path / "idx"
    path = _seed_catalogue(indexes)
    _damage(path, at=0.0, span=4000)  # the header and the schema
    line = _one_line_error(cli("reports", indexes=indexes))
    assert "damaged" in line
    line = _one_line_error(cli("ingest", str(seed("000")), indexes=indexes))  # nothing is written over it
    assert "damaged" in line
    path.write_bytes(b"")  # truncated to nothing: not an empty corpus
    assert "empty (0 bytes" in _one_line_error(cli("reports", indexes=indexes))
    assert "empty (0 bytes" in _one_line_error(cli("ingest", str(seed("000")), indexes=indexes))
    assert path.stat().st_size == 0


def test_another_programs_database_is_not_written_into(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE notes (text TEXT)")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(CatalogueError, match="not a semcomp catalogue"):
        Catalogue(path)
    assert path.read_bytes() == before


def test_changed_weights_are_not_the_same_model(tmp_path: Path, e5, monkeypatch: pytest.MonkeyPatch) -> None:
    from semcomp.embed.models import ModelError, resolve_model

    models = tmp_path / "models"
    shutil.copytree(e5.path, models / e5.path.name)
    monkeypatch.setenv("SEMCOMP_MODELS", str(models))
    assert resolve_model().fingerprint == e5.fingerprint
    weights = models / e5.path.name / "model.safetensors"
    with weights.open("r+b") as f:  # one weight changed; the manifest still names the old fingerprint
        f.seek(weights.stat().st_size // 2)
        byte = f.read(1)
        f.seek(-1, 1)
        f.write(bytes([byte[0] ^ 0x01]))
    with pytest.raises(ModelError, match="not the ones it was prepared with"):
        resolve_model()


def test_schema_1_catalogues_are_migrated_keeping_every_id(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    cat = Catalogue(path, create=True)
    ingest([seed("000")], cat)
    ids = [r[0] for r in cat.db.execute("SELECT id FROM passages ORDER BY id")]
    cat.db.executescript(  # back to how version 1 stored passages
        "ALTER TABLE passages RENAME TO p2; CREATE TABLE passages AS SELECT * FROM p2; DROP TABLE p2;"
        "UPDATE info SET value = '1' WHERE key = 'schema'; PRAGMA journal_mode = DELETE;"
    )
    cat.close()
    migrated = Catalogue(path)
    assert [r[0] for r in migrated.db.execute("SELECT id FROM passages ORDER BY id")] == ids
    assert "AUTOINCREMENT" in migrated.db.execute("SELECT sql FROM sqlite_master WHERE name = 'passages'").fetchone()[0]
    assert migrated.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_vector_metadata_written_before_granularity_was_named_still_reads(tmp_path: Path) -> None:
    """Builds before the rename record a passage's granularity as ``level``."""
    old = {"model": "multilingual-e5-small", "fingerprint": "f", "dimension": 384, "level": "sentence", "kind": "flat"}
    (tmp_path / "vectors-sentence.json").write_text(json.dumps(old))
    assert VectorMeta.read(tmp_path, "sentence").granularity == "sentence"
