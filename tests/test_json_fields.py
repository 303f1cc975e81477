"""The README's list of JSON fields is what each command prints."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

from tests.conftest import ROOT, cli

LINE = re.compile(r"^- `semcomp (.+?) --json`: [^:]*: (.*)$")


def documented() -> list[tuple[list[str], list[str]]]:
    """(arguments, fields) of each line: the fields are the names quoted before the line's first full stop."""
    text = (ROOT / "README.md").read_text(encoding="utf-8").split("## JSON fields", 1)[1].split("\n## ", 1)[0]
    out = []
    for line in text.splitlines():
        m = LINE.match(line)
        if m:
            out.append((shlex.split(m.group(1)), re.findall(r"`([a-z_0-9]+)`", m.group(2).split(". ")[0])))
    return out


def test_every_documented_field_list_is_what_the_command_prints(search_root: Path, tmp_path: Path) -> None:
    lines = documented()
    assert len(lines) >= 15
    for args, fields in lines:
        args = [str(tmp_path / a) if a == "网站" else a for a in args]
        result = cli(*args, "--json", "--index", "halfyear", indexes=search_root)
        assert result.code in (0, 1), (args, result.err)  # doctor says 1 while anything is wrong
        data = json.loads(result.out)
        assert data, (args, "printed nothing to check")
        item = data[0] if isinstance(data, list) else data
        assert sorted(item) == sorted(fields), (args, sorted(set(item) ^ set(fields)))
