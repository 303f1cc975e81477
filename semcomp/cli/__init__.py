"""The ``semcomp`` command line. Data goes to stdout, progress and messages to stderr."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import signal
import sys
from typing import NoReturn

import typer
from typer.exceptions import TyperException

from semcomp.cli import (  # noqa: F401 - registers the commands
    attention,
    catalogue,
    compare,
    diffusion,
    doctor,
    export,
    figures,
    models,
    reuse,
    search,
    serve,
    site,
    summarize,
    themes,
)
from semcomp.cli.common import app, in_flags, say
from semcomp.errors import SemcompError
from semcomp.store.failures import disk_full, read_only_database

__all__ = ["app", "main"]

# exit statuses: 0 done, 1 the user's error (bad input, a missing index: one line says what), 2 a
# usage error (an unknown flag or a bad value, as click reports it), 3 semcomp's own error (a bug),
# 130 interrupted
INTERNAL = 3


def main() -> None:
    """Entry point: no traceback reaches the user unless SEMCOMP_DEBUG is set."""
    signal.signal(signal.SIGTERM, _interrupt)  # a kill is an interrupt: the same clean-up as Ctrl-C
    if sys.stderr is None:  # closed: messages go nowhere rather than crash
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - for the life of the process
    if sys.stdout is None:
        say("standard output is closed: give the command somewhere to write (> 结果.txt, or > /dev/null)")
        sys.exit(1)
    for stream in (sys.stdout, sys.stderr):  # an ASCII-only terminal gets escapes instead of a crash
        if isinstance(stream, io.TextIOWrapper) and not stream.encoding.lower().replace("-", "").startswith("utf"):
            stream.reconfigure(errors="backslashreplace")
    try:
        code = app(standalone_mode=False)
        if code == 130:  # typer turns an interrupt (Ctrl-C, or SIGTERM above) into this exit code
            say("interrupted")
        sys.stdout.flush()  # a full or closed output is said here, not in a message at exit
    except TyperException as exc:  # a bad flag or value: one line naming it, with click's exit status for usage
        message = exc.format_message().replace("\n", " ")
        if message:  # empty after the help shown for a bare ``semcomp``
            say(message)
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        say("interrupted")
        sys.exit(130)
    except SemcompError as exc:  # raised below a command that did not catch it: still the user's one line
        say(in_flags(exc))
        sys.exit(1)
    except Exception as exc:
        known = system_error(exc)
        if known is None:
            _internal(exc)
        say(known)
        with contextlib.suppress(OSError, ValueError):  # what could not be written is dropped, not retried at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _internal(exc: Exception) -> NoReturn:
    """The last line of defence; SEMCOMP_DEBUG=1 shows the traceback."""
    if os.environ.get("SEMCOMP_DEBUG"):
        raise exc
    say(f"internal error: {type(exc).__name__}: {exc}")
    sys.exit(INTERNAL)


def system_error(exc: Exception) -> str | None:
    """One line for what the system refused (a full disk, a read-only place, bytes that are not UTF-8), or None."""
    where = f" ({exc.filename})" if isinstance(exc, OSError) and exc.filename else ""
    if disk_full(exc):
        return f"no space left on the device{where}: free some space and run it again"
    if isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"{exc.strerror}{where}"
    if read_only_database(exc):
        return "the index is on read-only media or not writable: it can be read, not changed"
    if isinstance(exc, UnicodeError):
        return f"text that is not valid UTF-8 (in an argument or a file name?): {getattr(exc, 'reason', exc)}"
    if isinstance(exc, OSError) and exc.errno == errno.EPIPE:
        return "the output was closed before everything was written"
    if isinstance(exc, OSError) and exc.errno == errno.EBADF:
        return "an output or input of semcomp is closed (>&-): give it somewhere to write (> /dev/null)"
    return None
