"""The package's layering: the analyses reach the corpus only through ``store``, and the command line
starts without the heavy libraries."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "semcomp"
SQL = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|PRAGMA|CREATE|DROP|ALTER)\b")  # keywords in capitals, as this code writes them


def sql_uses(source: str) -> list[str]:
    """What in a module's source speaks SQL: sqlite3 imports, ``execute`` calls, SQL string literals."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] + ([node.module] if isinstance(node, ast.ImportFrom) and node.module else [])
            found += [f"line {node.lineno}: imports {n}" for n in names if n.split(".")[0] == "sqlite3"]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr.startswith("execute"):
            found.append(f"line {node.lineno}: calls {node.func.attr}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.match(node.value):
            found.append(f"line {node.lineno}: SQL {node.value[:30]!r}")
    return found


def test_the_checker_sees_sql() -> None:
    found = sql_uses('import sqlite3\ndb.execute("SELECT 1")')
    assert found == ["line 1: imports sqlite3", "line 2: calls execute", "line 2: SQL 'SELECT 1'"]
    assert sql_uses('print("select the best passages")') == []  # an English word, not a statement


def test_no_sql_outside_store() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): uses
        for path in sorted(PACKAGE.rglob("*.py"))
        if "store" not in path.relative_to(PACKAGE).parts and (uses := sql_uses(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_the_command_line_starts_without_the_heavy_libraries() -> None:
    """Every command pays for what the command line imports at start-up: the types its options take come
    from light modules, and the analyses load scikit-learn, faiss and torch (a second or more) when run."""
    heavy = ("sklearn", "faiss", "torch", "pandas", "sentence_transformers")
    probe = f"import sys, semcomp.cli; print([m for m in {heavy!r} if m in sys.modules])"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"
