"""Every example of the README, run as written and in order, in a fresh folder.

Examples that read only the catalogue run against the whole bundled corpus, as the README's own
``semcomp ingest data/reports`` stores it. Examples that need embeddings run against index 'default'
built over four of its reports: embedding the whole corpus takes about 25 minutes on two cores."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from semcomp import Catalogue, ingest
from tests.conftest import DATA, ROOT, seed

README = ROOT / "README.md"
# examples that can't run in a test, and where what they do is tested instead
EMBEDDINGS = {"similar", "index", "export", "doctor", "themes", "summarize", "compare", "site", "serve"}
NOT_RUN = {
    "semcomp index data/reports": "embeds the whole corpus (about 25 minutes on two cores); make bench runs it",
    "semcomp index data/reports --device cuda": "needs a GPU; test_engines checks the one-line refusal",
    "semcomp index --engine ray": "starts a Ray cluster; test_engines runs the ray engine",
    "RAY_ADDRESS=ray://主机:10001 semcomp index --engine ray --workers 8": "needs a Ray cluster",
    "semcomp reuse --engine ray --address auto": "needs a running Ray cluster; test_engines runs reuse on Ray",
    "semcomp index --vectors ivfsq": "re-embeds the whole corpus; test_search builds each vector kind",
    "semcomp index data/reports --name 保定 --region 保定 --year 2018-2022 > 日志.txt 2>&1": "embeds a slice of 40 reports (minutes);"
    " test_catalogue ingests that slice, test_progress checks the lines",
    "semcomp reuse --paraphrase": "needs the corpus's sentence embeddings; test_reuse runs it on the seeds",
    "semcomp remove 004_d207dd5c7035d7fb": "would leave later examples without that report; test_catalogue removes reports",
    "python benchmarks/drill.py": "a benchmark (make bench)",
}


def examples() -> list[str]:
    """The command lines of the README's shell blocks, comments cut."""
    lines, fence = [], None
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fence = None if fence is not None else line[3:]
        elif fence == "":  # a plain block: commands (python blocks: python_blocks)
            lines.append(re.sub(r"\s+#\s.*$", "", line).strip())
    return [line for line in lines if line]


def python_blocks() -> list[str]:
    """The README's Python blocks, each whole."""
    blocks: list[str] = []
    current: list[str] | None = None
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("```") and current is not None:
            blocks.append("\n".join(current))
            current = None
        elif line.startswith("```python"):
            current = []
        elif current is not None:
            current.append(line)
    return blocks


def test_the_readme_lists_only_commands_it_can_mean() -> None:
    found = examples()
    assert len(found) >= 40 and all(line.split()[0] in ("semcomp", "python", "make", "curl") or "=" in line.split()[0] for line in found)
    assert set(NOT_RUN) <= set(found), set(NOT_RUN) - set(found)  # no stale exclusion


@pytest.fixture(scope="module")
def workdir(search_root: Path, encoder, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the bundled data, and index 'default' built over the two half-year seeds (their
    embeddings come from the shared cache) and 海拉尔区's reports of 2015 and 2016 (paragraphs)."""
    from semcomp.index.build import build_index

    cat = Catalogue.open("default", search_root, create=True)
    ingest([seed("000"), seed("001"), *sorted((DATA / "hailaer_district").glob("*201[56]*"))], cat)
    build_index(cat, encoder, granularities=("paragraph",))
    cat.close()
    work = tmp_path_factory.mktemp("readme")
    (work / "data").symlink_to(ROOT / "data")
    (work / "benchmarks").symlink_to(ROOT / "benchmarks")
    (work / "indexes").mkdir()
    (work / "问题.txt").write_text("招商引资\n营商环境\n", encoding="utf-8")
    (work / "词典.txt").write_text("环境：环保 生态环境 污染\n创新 科技创新 研发\n", encoding="utf-8")
    return work


def test_every_example_runs_as_written(workdir: Path, search_root: Path) -> None:
    env = os.environ | {"SEMCOMP_MODELS": str(ROOT / "models"), "COLUMNS": "100",
                        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}  # fmt: skip
    catalogue_only = workdir / "indexes"
    failed = []
    for line in examples():
        if line in NOT_RUN or line.split()[0] in ("make", "curl"):  # make: the README's own two commands; curl: test_serve
            continue
        if line.startswith("semcomp serve"):
            continue  # runs until stopped; test_serve starts it in-process
        words = line.split()
        root = search_root if len(words) > 1 and words[1] in EMBEDDINGS else catalogue_only
        run = subprocess.run(["bash", "-c", line], cwd=workdir, env=env | {"SEMCOMP_INDEXES": str(root)}, capture_output=True,
                             text=True, timeout=600)  # fmt: skip
        if run.returncode != 0 or "Traceback" in run.stderr:
            failed.append(f"{line}: exit {run.returncode}: {run.stderr.strip()[-300:]}")
    assert not failed, "\n".join(failed)
    assert (workdir / "官渡区摘要.md").read_text(encoding="utf-8").startswith("# 官渡区 2023 上半年执行情况")
    written = ("主题.png", "主题.html", "对照.html", "网站/index.html")
    assert all((workdir / name).exists() for name in written)


def test_every_python_block_runs_as_written(workdir: Path, search_root: Path) -> None:
    """Each block in a fresh interpreter, in the examples' folder; what its last line binds must hold something
    (a report, hits). Blocks that search use the examples' index 'default' with embeddings, as the shell
    examples do."""
    blocks = python_blocks()
    assert len(blocks) >= 2
    for block in blocks:
        name = re.match(r"(\w+) = ", block.splitlines()[-1])
        assert name, f"the block's last line binds a result: {block}"
        root = search_root if "SearchIndex" in block else workdir / "indexes"
        env = os.environ | {"SEMCOMP_MODELS": str(ROOT / "models"), "SEMCOMP_INDEXES": str(root)}
        run = subprocess.run([sys.executable, "-c", f"{block}\nprint(bool({name[1]}))"], cwd=workdir, env=env,
                             capture_output=True, text=True, timeout=600)  # fmt: skip
        assert run.returncode == 0, (block, run.stderr[-500:])
        assert run.stdout.split()[-1] == "True", (block, run.stdout)
