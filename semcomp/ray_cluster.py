"""The Ray cluster that ``--engine ray`` runs on: encoding (``embed.ray_engine``) and reuse's block pairs
(``reuse.blocks``) connect through here, and turn Ray's failures into one-line errors."""

from __future__ import annotations

import logging
import os
import re
import socket
from typing import Any, Literal

from semcomp.errors import SemcompError

Engine = Literal["local", "ray"]  # this process, or the workers of a Ray cluster
REACH_TIMEOUT = 5.0  # seconds an explicit cluster address has to answer
_HOST_PORT = re.compile(r"(?:ray://)?([^:/\s]+):(\d+)")


class RayError(SemcompError):
    """A Ray cluster that can't be reached or used."""


def connect(address: str | None) -> Any:
    """The ray module, initialised on the cluster at ``address`` ($RAY_ADDRESS, or a new local cluster)."""
    try:
        import ray
    except ImportError:
        raise RayError("Ray is not installed (pip install 'ray[data]')") from None
    _reachable(address or os.environ.get("RAY_ADDRESS"))
    if not ray.is_initialized():
        try:
            ray.init(address=address, include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise RayError(f"no Ray cluster at {address or 'a new local cluster'}: {str(exc).splitlines()[0]}") from None
    return ray


def _reachable(address: str | None) -> None:
    """Refuse a ``host:port`` (or ``ray://host:port``) nobody answers at, in seconds: ``ray.init`` itself
    keeps retrying such an address for minutes."""
    found = _HOST_PORT.fullmatch(address or "")
    if not found:
        return  # none (a new local cluster) or ``auto``: ray.init answers at once
    try:
        socket.create_connection((found[1], int(found[2])), timeout=REACH_TIMEOUT).close()
    except OSError as exc:
        raise RayError(f"no Ray cluster at {address}: {exc.strerror or exc}") from None


def last_line(exc: Exception) -> str:
    """The worker's own error, which Ray puts last in its message."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[-1] if lines else type(exc).__name__
