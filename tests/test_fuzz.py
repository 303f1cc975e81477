"""Generated files and arguments through the real entry point: never a traceback, never an internal
error (exit 3), and the catalogue's previous content intact after every run."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from semcomp import Catalogue, ingest

from .conftest import cli, seed

REAL = seed("002").read_text(encoding="utf-8")
HOSTILE = [
    "[/b]", "[bold red]", "[/]", ":smile:", "\x1b[2J", "\x1b]0;x\x07", "\x08\x08", "\r", "\u202e", "\x00", "\ufffd",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<div>" * 300, "&#0;", "%", "_", "\\", "****",
    "各位代表：", "一、", "（一）", "试读结束", "\n\n\n", "２０２３年", "𠀀𪚥",
]  # fmt: skip
SETTINGS = settings(max_examples=30, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])  # fmt: skip


def _slices() -> st.SearchStrategy[str]:
    return st.tuples(st.integers(0, len(REAL) - 1), st.integers(0, 6000)).map(lambda t: REAL[t[0] : t[0] + t[1]])


texts = st.lists(st.one_of(_slices(), st.sampled_from(HOSTILE), st.text(max_size=40)), max_size=8).map("".join)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16", "utf-32", "utf-16-le"])
contents = st.one_of(
    st.binary(max_size=3000),
    st.tuples(texts, encodings).map(lambda t: t[0].encode(t[1], errors="replace")),
    texts.map(lambda t: ("<html><body><p>" + t + "</p></body></html>").encode()),
    texts.map(lambda t: ("title,year,text\n标题,2023,\"" + t + "\",多余\n").encode()),
    texts.map(lambda t: ('{"text": ' + repr(t) + "}\n").encode()),
)
names = st.tuples(
    st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1, max_size=20),
    st.sampled_from([".txt", ".md", ".html", ".csv", ".jsonl", ".docx", ".pdf", ".TXT", ""]),
).map(lambda t: (t[0] + t[1]).lstrip(".") or "x.txt")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A catalogue holding one real report, copied for every generated run."""
    root = tmp_path_factory.mktemp("fuzz-template")
    cat = Catalogue.open("fz", root, create=True)
    ingest([seed("000")], cat)
    cat.close()
    return root


def _fingerprint(root: Path) -> list[tuple]:
    cat = Catalogue.open("fz", root)
    try:
        return [(r.id, r.value("region"), len(cat.report(r.id).passages)) for r in cat.reports() if r.id.startswith("000_")]
    finally:
        cat.close()


@SETTINGS
@given(files=st.lists(st.tuples(names, contents), min_size=1, max_size=4, unique_by=lambda f: f[0]))
def test_generated_files_never_crash_ingest_nor_cost_what_was_stored(template: Path, files: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as work:
        root = Path(work) / "idx"
        shutil.copytree(template, root)
        before = _fingerprint(root)
        folder = Path(work) / "in"
        folder.mkdir()
        for name, data in files:
            try:
                (folder / name).write_bytes(data)
            except OSError:  # a name this file system refuses (too long in bytes)
                continue
        result = cli("ingest", str(folder), "--index", "fz", indexes=root)
        assert result.code in (0, 1), result.err
        assert "Traceback" not in result.err and "internal error" not in result.err, result.err
        assert _fingerprint(root) == before


words = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30), _slices().map(lambda t: t[:80]))
queries = st.lists(words, min_size=1, max_size=4).map("".join)
options = st.lists(
    st.one_of(
        st.tuples(st.just("--region"), words),
        st.tuples(st.just("--year"), st.one_of(words, st.integers(-(10**30), 10**30).map(str))),
        st.tuples(st.just("--type"), words),
        st.tuples(st.just("-k"), st.integers(-5, 10**25).map(str)),
        st.tuples(st.just("--part"), st.sampled_from(["review", "plan", "[/b]", ""])),
        st.tuples(st.just("--mode"), st.sampled_from(["hybrid", "dense", "lexical", "%"])),
    ),
    max_size=3,
)


@SETTINGS
@given(query=queries, opts=options, as_json=st.booleans())
def test_generated_arguments_never_crash_similar(search_root: Path, query: str, opts: list[tuple[str, str]], as_json: bool) -> None:
    args = ["similar", "--index", "halfyear", *(x for pair in opts for x in pair), *(["--json"] if as_json else []), "--", query]
    result = cli(*args, indexes=search_root)
    assert result.code in (0, 1, 2), (args, result.err)  # 2: a usage error (--mode %), one line like the others
    assert "Traceback" not in result.err and "internal error" not in result.err, (args, result.err)
    assert "\x1b[2J" not in result.out


@SETTINGS
@given(ref=words, section=st.one_of(st.none(), words), like=st.integers(-(10**25), 10**25))
def test_generated_references_never_crash_show_summarize_or_like(search_root: Path, ref: str, section: str | None, like: int) -> None:
    runs = [
        ["show", "--index", "halfyear", *(["--section", section] if section is not None else []), "--", ref],
        ["summarize", "--index", "halfyear", "--method", "lead", "--", ref],
        ["similar", "--like", str(like), "--index", "halfyear"],
    ]
    for args in runs:
        result = cli(*args, indexes=search_root)
        assert result.code in (0, 1, 2), (args, result.err)  # 2: a usage error (--mode %), one line like the others
        assert "Traceback" not in result.err and "internal error" not in result.err, (args, result.err)


@SETTINGS
@given(name=st.one_of(st.sampled_from(["..", "../x", "/tmp/x", "", ".embeddings", "a/b", "a\\b", "x\x00y", " x"]), words))
def test_generated_index_names_never_write_outside_the_indexes_folder(tmp_path_factory: pytest.TempPathFactory, name: str) -> None:
    base = tmp_path_factory.mktemp("names")
    indexes = base / "indexes"
    result = cli("ingest", "--index", name, "--", str(seed("000")), indexes=indexes)
    assert result.code in (0, 1, 2), (name, result.err)
    assert "Traceback" not in result.err and "internal error" not in result.err, (name, result.err)
    written = [p for p in base.rglob("*") if p.is_file()]
    assert all(indexes in p.parents and p.relative_to(indexes).parts[0] == name for p in written), (name, written)
