"""The ``semcomp`` command line. Data goes to stdout, progress and messages to stderr."""

from __future__ import annotations

import os
import sys

from semcomp.cli import catalogue, compare, models, reuse, search, summarize, themes  # noqa: F401 - registers the commands
from semcomp.cli.common import app, err

__all__ = ["app", "main"]


def main() -> None:
    """Entry point: no traceback reaches the user unless SEMCOMP_DEBUG is set."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("[bold red]semcomp:[/] interrupted")
        sys.exit(130)
    except Exception as exc:  # the last line of defence; SEMCOMP_DEBUG=1 shows the traceback
        if os.environ.get("SEMCOMP_DEBUG"):
            raise
        err.print(f"[bold red]semcomp:[/] internal error: {type(exc).__name__}: {exc}", highlight=False)
        sys.exit(2)
