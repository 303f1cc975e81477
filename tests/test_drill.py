"""A third hostile drill, rerun with payloads of our own: every user mistake is exit 1 or 2 with one line naming
what is wrong (never exit 3, "internal error"), output is safe to open in a spreadsheet or show in a terminal,
and input is bounded wherever it comes from. Each test failed before the fix it guards.

(Files semcomp writes: tests/test_outputs.py; the catalogue's schema, first writer, readers and file names:
tests/test_catalogue.py; doctor's repair: tests/test_reliability.py; serve: tests/test_serve.py.)"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from semcomp import Catalogue
from tests.conftest import cli, seed


def _refused(result, code: int = 1) -> str:
    assert result.code == code, (result.code, result.err)
    assert result.err.count("\n") == 1 and "internal error" not in result.err, result.err
    return result.err


def test_user_mistakes_are_one_line_never_an_internal_error(bare_index: Path) -> None:
    mistakes = {
        ("themes", "-k", "²"): (1, "-k takes a number"),
        ("attention", "--theme", "1", "-k", "٣"): (1, "-k takes a number"),
        ("attention", "--year", "2020-2010"): (1, "--year 2020-2010 runs backwards"),
        ("diffusion", "、、、"): (1, "no character to look for"),
        ("reports", "--json", "--csv"): (2, "--json or --csv"),
        ("boilerplate", "--top", "0"): (2, "--top"),
        ("themes", "--plot", ""): (1, "not a file name"),
        ("themes", "--plot", "/"): (1, "not a file name"),
        ("attention", "--plot", "主题.csv"): (1, "ending .png"),
        ("show", "长" * 85): (1, "no report"),
        ("similar", "招商", "--kind", "nonsense"): (2, "--kind takes"),
    }
    for args, (code, says) in mistakes.items():
        assert says in _refused(cli(*args, "--index", "one", indexes=bare_index), code), args


def test_environments_that_name_files_or_nothing_are_one_line(bare_index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    afile = tmp_path / "文件"
    afile.write_text("x")
    monkeypatch.setenv("SEMCOMP_MODELS", str(afile))
    assert "$SEMCOMP_MODELS" in _refused(cli("models", "info", indexes=bare_index))
    monkeypatch.delenv("SEMCOMP_MODELS")
    assert "is a file" in _refused(cli("reports", indexes=afile))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SEMCOMP_INDEXES", "")  # empty: the indexes/ folder, never the working folder itself
    assert "indexes/default" in _refused(cli("reports"))
    env = {k: v for k, v in os.environ.items() if k != "SEMCOMP_MODELS"} | {"HOME": "/proc/无此"}
    run = subprocess.run([sys.executable, "-m", "semcomp", "models", "prepare"], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1 and "SEMCOMP_MODELS" in run.stderr and "internal error" not in run.stderr


def test_closed_standard_streams_are_said_not_crashed_on(bare_index: Path) -> None:
    env = os.environ | {"SEMCOMP_INDEXES": str(bare_index)}
    closed = subprocess.run([sys.executable, "-m", "semcomp", "reports", "-i", "one"], env=env, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: os.close(1), timeout=120)  # fmt: skip  # as a shell's >&- leaves it
    assert closed.returncode == 1 and "standard output is closed" in closed.stderr
    later = subprocess.run([sys.executable, "-c", "import os, sys; os.close(1); from semcomp.cli import main; sys.argv = ['semcomp',"
                            " 'reports', '-i', 'one']; main()"], env=env, stderr=subprocess.PIPE, text=True, timeout=120)  # fmt: skip
    assert later.returncode == 1 and "is closed" in later.stderr
    no_input = subprocess.run([sys.executable, "-m", "semcomp", "attention", "--terms", "-", "-i", "one"], env=env,
                              stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert no_input.returncode == 1 and "internal error" not in no_input.stderr


def test_csv_cells_cannot_be_spreadsheet_formulas_and_markdown_shows_controls(tmp_path: Path) -> None:
    root = tmp_path / "indexes"
    report = tmp_path / "报告.txt"
    report.write_text(seed("000").read_text(encoding="utf-8"), encoding="utf-8")
    manifest = tmp_path / "清单.csv"
    manifest.write_text("file,title,region\n报告.txt,=HYPERLINK(\"http://x\")\x1b[2J,@SUM(1+1)\n", encoding="utf-8")
    assert cli("ingest", str(report), "--manifest", str(manifest), "--index", "x", indexes=root).code == 0
    [row] = list(csv.DictReader(io.StringIO(cli("reports", "--csv", "--index", "x", indexes=root).out)))
    assert row["title"] == "'=HYPERLINK(\"http://x\")␛[2J" and row["region"] == "'@SUM(1+1)"
    markdown = cli("summarize", "报告", "--method", "lead", "--markdown", "--index", "x", indexes=root).out
    assert "\x1b" not in markdown and "␛[2J" in markdown


def test_a_file_name_holding_a_newline_cannot_forge_a_line(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a\nsemcomp: all good.txt").write_text("")  # empty: skipped, and its name is shown
    result = cli("ingest", str(tmp_path / "in"), "--index", "x", indexes=tmp_path / "indexes")
    lines = [line for line in result.err.splitlines() if line]
    assert result.code == 1 and len(lines) == 2 and "␊semcomp: all good" in lines[0] and not lines[1].startswith("semcomp")


def test_every_input_is_bounded_stdin_dictionaries_and_corpus_rows(bare_index: Path, tmp_path: Path) -> None:
    env = os.environ | {"SEMCOMP_INDEXES": str(bare_index)}
    flood = subprocess.run([sys.executable, "-m", "semcomp", "attention", "--terms", "-", "-i", "one"], env=env,
                           input=b"\xe7\x8e\xaf\xe4\xbf\x9d " * 400_000, capture_output=True, timeout=120)  # fmt: skip
    assert flood.returncode == 1 and b"too large" in flood.stderr and b"internal error" not in flood.stderr
    big = tmp_path / "词典.txt"
    big.write_text("\n".join(f"概念{i}：词{i}" for i in range(600)), encoding="utf-8")
    assert "at most 500 concepts" in _refused(cli("attention", "--terms", str(big), "-i", "one", indexes=bare_index))
    rows = tmp_path / "语料.jsonl"
    text = seed("001").read_text(encoding="utf-8")
    rows.write_text("\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in (text, text * 60, text + "。")), encoding="utf-8")
    result = cli("ingest", str(rows), "--max-mb", "1", "--index", "rows", indexes=bare_index)
    assert result.code == 1 and "row 2 too large" in result.err
    assert len(Catalogue.open("rows", bare_index).reports()) == 2  # the other rows are stored


def test_a_query_file_names_the_query_it_refuses_and_answers_the_rest(search_root: Path, tmp_path: Path) -> None:
    queries = tmp_path / "问题.txt"
    queries.write_text("招商引资\n" + "长" * 2100 + "\n营商环境\n", encoding="utf-8")
    result = cli("similar", "--queries", str(queries), "--index", "halfyear", indexes=search_root)
    lines = [json.loads(line) for line in result.out.splitlines()]
    assert result.code == 1 and "query 2 of" in result.err and "internal error" not in result.err
    assert [bool(line.get("hits")) for line in lines] == [True, False, True] and "limit" in lines[1]["error"]
