"""The one rule for files semcomp writes: the path named and nothing else, never a link, a device, a folder or
a file of an index, and whole or not at all (faults a drill found: an export over the catalogue, /dev/stdout
turned into a regular file, a failed export that truncated the old file, two exports sharing a temporary)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from semcomp.whole_files import OutputError, check_output, whole_file, write_whole
from tests.conftest import cli


def test_check_output_refuses_what_semcomp_must_not_replace(tmp_path: Path) -> None:
    (tmp_path / "目标.txt").write_text("别人的文件")
    (tmp_path / "链接.csv").symlink_to(tmp_path / "目标.txt")
    (tmp_path / "文件夹").mkdir()
    index = tmp_path / "indexes" / "x"
    index.mkdir(parents=True)
    (index / "catalogue.sqlite").write_bytes(b"")
    (tmp_path / "indexes" / ".embeddings").mkdir()
    refused = {
        tmp_path / "链接.csv": "symbolic link",
        Path("/dev/null"): "device",
        tmp_path / "文件夹": "a folder",
        tmp_path / "无" / "a.csv": "no such folder",
        index / "catalogue.sqlite": "index folder",
        index / "out.parquet": "index folder",
        tmp_path / "indexes" / ".embeddings" / "a.csv": "index folder",
        tmp_path / ("长" * 90 + ".csv"): "at most 255 bytes",
        Path("."): "not a file name",
        Path("/"): "not a file name",
    }
    for path, why in refused.items():
        with pytest.raises(OutputError, match=why):
            check_output(path, "--parquet")
    with pytest.raises(OutputError, match=r"ending \.png"):
        check_output(tmp_path / "图.csv", "--plot", (".png",))
    assert (tmp_path / "目标.txt").read_text() == "别人的文件"
    assert check_output(tmp_path / "新.csv") == tmp_path / "新.csv"
    assert check_output(tmp_path / "目标.txt")  # an existing regular file is replaced, as > replaces it


def test_a_write_that_fails_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / ("名" * 80 + ".jsonl")  # 244 bytes: a temporary named after it would pass 255
    write_whole(path, b"old")
    with pytest.raises(RuntimeError), whole_file(path) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("disk gone")
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_concurrent_writers_of_one_path_never_mix(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    contents = [bytes([65 + i]) * 200_000 for i in range(6)]
    threads = [threading.Thread(target=write_whole, args=(path, c)) for c in contents]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert path.read_bytes() in contents  # one writer's whole content, never a mix
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_export_never_replaces_the_catalogue_a_link_or_a_device(bare_index: Path, tmp_path: Path) -> None:
    catalogue = bare_index / "one" / "catalogue.sqlite"
    before, names = catalogue.read_bytes(), sorted(os.listdir(bare_index / "one"))
    target = tmp_path / "别人的.txt"
    target.write_text("别人的文件")
    link = tmp_path / "链接.parquet"
    link.symlink_to(target)
    for path in (catalogue, link, Path("/dev/null"), tmp_path):
        result = cli("export", "--parquet", str(path), "--index", "one", indexes=bare_index)
        assert result.code == 1 and result.err.count("\n") == 1 and "--parquet" in result.err, (path, result.err)
    assert catalogue.read_bytes() == before and link.is_symlink() and target.read_text() == "别人的文件"
    for args in (["reuse", "--export", str(bare_index / "one" / "passim.jsonl")], ["reuse", "--matrix", "--plot", str(tmp_path / "m.csv")]):
        result = cli(*args, "--index", "one", indexes=bare_index)
        assert result.code == 1 and result.err.count("\n") == 1, (args, result.err)
    assert sorted(os.listdir(bare_index / "one")) == names
    out = tmp_path / "段落.parquet"
    out.write_bytes(b"an older export")
    result = cli("export", "--parquet", str(out), "--index", "one", indexes=bare_index)
    assert result.code == 0, result.err
    assert pq.read_table(out).num_rows == 66  # the seed's paragraphs, headings and tables
