"""The ``semcomp`` command line. Data goes to stdout, progress and messages to stderr."""

from __future__ import annotations

import os
import sys

import typer
from typer.exceptions import TyperException

from semcomp.cli import catalogue, compare, doctor, export, figures, models, reuse, search, serve, site, summarize, themes  # noqa: F401 - registers the commands
from semcomp.cli.common import app, say
from semcomp.errors import SemcompError

__all__ = ["app", "main"]


def main() -> None:
    """Entry point: no traceback reaches the user unless SEMCOMP_DEBUG is set."""
    try:
        code = app(standalone_mode=False)
    except TyperException as exc:  # a bad flag or value: one line naming it, with click's exit status for usage
        message = exc.format_message().replace("\n", " ")
        if message:  # empty after the help shown for a bare ``semcomp``
            say(message)
        sys.exit(exc.exit_code)
    except typer.Abort:
        say("interrupted")
        sys.exit(130)
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
    sys.exit(code if isinstance(code, int) else 0)
