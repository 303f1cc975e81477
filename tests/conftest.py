"""Shared fixtures: the bundled real reports, ingested once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from semcomp import Catalogue, ingest

DATA = Path(__file__).resolve().parent.parent / "data" / "reports"
SEEDS = DATA / "seeds"


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
