"""The ``semcomp`` command line. Data goes to stdout, progress and messages to stderr."""

from __future__ import annotations

import os
import sys

from semcomp.cli import catalogue, compare, doctor, export, figures, models, reuse, search, site, summarize, themes  # noqa: F401 - registers the commands
from semcomp.cli.common import app, say
from semcomp.errors import SemcompError

__all__ = ["app", "main"]


def main() -> None:
    """Entry point: no traceback reaches the user unless SEMCOMP_DEBUG is set."""
    try:
        app()
    except KeyboardInterrupt:
        say("interrupted")
        sys.exit(130)
    except SemcompError as exc:  # raised below a command that did not catch it: still the user's one line
        say(exc)
        sys.exit(1)
    except Exception as exc:  # the last line of defence; SEMCOMP_DEBUG=1 shows the traceback
        if os.environ.get("SEMCOMP_DEBUG"):
            raise
        say(f"internal error: {type(exc).__name__}: {exc}")
        sys.exit(2)
