"""Kill drill: `semcomp ingest` and `semcomp index` killed (SIGKILL) at random moments, readers running.

Run: `python benchmarks/drill.py [--ingest-kills 30] [--index-kills 25] [--seed 0]`.

Ingest: each round starts from a catalogue holding the seed reports, runs `semcomp ingest` over the
保定 reports in a new process and kills it after a random delay. The catalogue must then pass
SQLite's integrity check and hold exactly the state before the run or after it (never a part), and
a rerun must give the same catalogue as a clean run.

Index: `semcomp index` over two seed reports is killed at random moments (model loading, encoding
with part of the embedding cache dropped, BM25, publishing). The published build must always be
complete and pass its checksums, and the final rerun must give the same vectors and terms as a
clean build.

All the while a thread in this process reads the catalogue (and searches the index) in a loop;
every failed read is counted. The goal is zero.

Site: `semcomp site` over that index is killed at random moments, beside a user's folder named like
the site's old copy (`网站.old`). The user's folder must survive every kill, the site folder must be
absent or a whole site, and the next build must leave no hidden folder of a killed one behind.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

from semcomp import Catalogue
from semcomp.index.lexical import LexicalIndex
from semcomp.index.published import Build
from semcomp.index.vectors import VectorIndex
from semcomp.search.similar import SearchIndex
from semcomp.store.catalogue import index_dir

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "reports"
SEEDS = DATA / "seeds"


def semcomp(*args: str, env: dict) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "semcomp", *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def finish(*args: str, env: dict) -> float:
    began = time.perf_counter()
    process = semcomp(*args, env=env)
    _, err = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"semcomp {' '.join(args)} failed: {err.strip()}")
    return time.perf_counter() - began


def fingerprint(root: Path, name: str) -> str:
    """The whole catalogue content: every report's metadata and every passage, as one digest."""
    cat = Catalogue.open(name, root)
    try:
        digest = hashlib.sha256()
        for report in sorted(cat.reports(), key=lambda r: r.id):
            full = cat.report(report.id)
            digest.update(repr((report.id, report.meta_dict())).encode())
            for p in full.passages:
                digest.update(f"{p.granularity}\0{p.section_path}\0{p.start}\0{p.end}\0{p.text}".encode())
        return digest.hexdigest()
    finally:
        cat.close()


class Readers:
    """A thread that reads whatever ``target`` names, counting reads and failures."""

    def __init__(self, root: Path, search: bool) -> None:
        self.root, self.search = root, search
        self.target: str | None = None
        self.reads = 0
        self.failures: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Readers:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def summary(self, what: str) -> str:
        first = f" (first: {self.failures[0]})" if self.failures else ""
        return f"  {what}: {self.reads}, failed: {len(self.failures)}{first}"

    def _run(self) -> None:
        while not self._stop.is_set():
            name = self.target
            if name is None:
                time.sleep(0.01)
                continue
            try:
                if self.search:
                    hits = SearchIndex(name, self.root).similar("招商引资", k=5, mode="lexical")
                    assert hits, "no hits"
                else:
                    cat = Catalogue.open(name, self.root)
                    assert cat.reports(), "no reports"
                    cat.counts()
                    cat.close()
                self.reads += 1
            except Exception as exc:  # every failed read counts
                self.failures.append(f"{type(exc).__name__}: {exc}")
            time.sleep(0.02)


def ingest_drill(root: Path, env: dict, kills: int, rng: random.Random) -> None:
    source = DATA / "baoding_hebei"
    finish("ingest", str(SEEDS), "--index", "template", env=env)
    base = fingerprint(root, "template")
    shutil.copytree(index_dir("template", root), index_dir("clean", root))
    took = finish("ingest", str(source), "--index", "clean", env=env)
    full = fingerprint(root, "clean")
    print(f"ingest: a clean run over {source.name} takes {took:.1f} s; kills at random moments in 0–{took:.1f} s")
    outcomes = {"rolled back": 0, "committed": 0}
    broken = 0
    with Readers(root, search=False) as readers:
        for i in range(kills):
            name = f"drill-{i}"
            shutil.copytree(index_dir("template", root), index_dir(name, root))
            readers.target = name
            process = semcomp("ingest", str(source), "--index", name, env=env)
            time.sleep(rng.uniform(0.0, took))
            process.send_signal(signal.SIGKILL)
            process.wait()
            cat = Catalogue.open(name, root)
            problems = cat.integrity()
            cat.close()
            state = fingerprint(root, name)
            if problems or state not in (base, full):
                broken += 1
                print(f"  kill {i}: {'integrity: ' + problems[0] if problems else 'a partial state'}")
            kind = "rolled back" if state == base else "committed" if state == full else "partial"
            outcomes[kind] = outcomes.get(kind, 0) + 1
            finish("ingest", str(source), "--index", name, env=env)
            if fingerprint(root, name) != full:
                broken += 1
                print(f"  kill {i}: the rerun differs from a clean run")
            readers.target = None
            time.sleep(0.05)
            shutil.rmtree(index_dir(name, root))
    print(f"  {kills} kills: {outcomes}; broken catalogues or reruns: {broken}")
    print(readers.summary("concurrent reads"))


def _build_contents(root: Path, name: str) -> tuple[np.ndarray, np.ndarray, dict]:
    build = Build.current(index_dir(name, root))
    lexical = LexicalIndex.load(build.folder, "paragraph")
    vectors = VectorIndex.load(build.folder, "paragraph").vectors(lexical.ids)
    return lexical.ids, vectors, lexical.vocabulary


def index_drill(root: Path, env: dict, kills: int, rng: random.Random) -> None:
    finish("ingest", *(str(next(SEEDS.glob(f"{p}_*.txt"))) for p in ("000", "001")), "--index", "ix", env=env)
    took = finish("index", "--index", "ix", "--level", "paragraph", env=env)
    ids, vectors, vocabulary = _build_contents(root, "ix")
    cache = next((root / ".embeddings").glob("*.sqlite"))
    rebuilt = finish("index", "--index", "ix", "--level", "paragraph", env=env)
    print(f"index: a clean build of {len(ids)} paragraphs takes {took:.1f} s ({rebuilt:.1f} s from the cache)")
    broken = dropped = 0
    with Readers(root, search=True) as readers:
        readers.target = "ix"
        for i in range(kills):
            if i % 4 == 3:  # part of the cache gone: this run encodes, and is killed while encoding
                db = sqlite3.connect(cache, timeout=60)
                with db:
                    dropped += db.execute("DELETE FROM vectors WHERE rowid % 3 = ?", (i % 3,)).rowcount
                db.close()
                window = rebuilt + 10
            else:
                window = rebuilt
            process = semcomp("index", "--index", "ix", "--level", "paragraph", env=env)
            time.sleep(rng.uniform(0.0, window))
            process.send_signal(signal.SIGKILL)
            process.wait()
            try:
                build = Build.current(index_dir("ix", root))
                for level in build.granularities():
                    build.verify(level, full=True)
                VectorIndex.load(build.folder, "paragraph")
                LexicalIndex.load(build.folder, "paragraph")
            except Exception as exc:
                broken += 1
                print(f"  kill {i}: {type(exc).__name__}: {exc}")
        finish("index", "--index", "ix", "--level", "paragraph", env=env)
        after_ids, after_vectors, after_vocabulary = _build_contents(root, "ix")
    same_ids = np.array_equal(ids, after_ids) and vocabulary == after_vocabulary
    worst = float(np.abs(after_vectors - vectors).max()) if same_ids else float("nan")
    cosine = float((after_vectors * vectors).sum(axis=1).min()) if same_ids else float("nan")
    print(f"  {kills} kills ({dropped} cache rows dropped before every 4th): incomplete or damaged builds seen: {broken}")
    print(f"  rerun against the clean build: same passages and terms: {same_ids}; vectors max |diff| {worst:.2e}, min cosine {cosine:.7f}")
    print(readers.summary("concurrent searches"))


def site_drill(root: Path, env: dict, kills: int, rng: random.Random) -> None:
    from semcomp.site import MARKER

    out = root / "网站"
    mine = root / "网站.old"
    mine.mkdir()
    (mine / "论文.txt").write_text("用户的文件", encoding="utf-8")
    took = finish("site", str(out), "--index", "ix", env=env)
    print(f"site: a clean build takes {took:.1f} s")
    broken = 0
    for i in range(kills):
        process = semcomp("site", str(out), "--index", "ix", env=env)
        time.sleep(rng.uniform(0.0, took))
        process.send_signal(signal.SIGKILL)
        process.wait()
        whole = not out.exists() or ((out / MARKER).is_file() and (out / "index.html").is_file())
        if not whole or (mine / "论文.txt").read_text(encoding="utf-8") != "用户的文件":
            broken += 1
            print(f"  kill {i}: site whole {whole}, the user's folder {sorted(p.name for p in mine.iterdir())}")
    finish("site", str(out), "--index", "ix", env=env)
    leftovers = sorted(p.name for p in root.iterdir() if p.name.startswith(".网站"))
    print(f"  {kills} kills: a half site or a touched user folder seen {broken} times; hidden folders left after a rebuild: {leftovers}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ingest-kills", type=int, default=30)
    parser.add_argument("--index-kills", type=int, default=25)
    parser.add_argument("--site-kills", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        env = {**os.environ, "SEMCOMP_INDEXES": str(root), "SEMCOMP_MODELS": os.environ.get("SEMCOMP_MODELS", str(ROOT / "models"))}
        os.environ["SEMCOMP_MODELS"] = env["SEMCOMP_MODELS"]
        ingest_drill(root, env, args.ingest_kills, rng)
        index_drill(root, env, args.index_kills, rng)
        site_drill(root, env, args.site_kills, rng)


if __name__ == "__main__":
    main()
