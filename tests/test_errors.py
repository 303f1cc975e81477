"""Errors users read: worded in the API's terms by the library, with flag names on the command line,
and exit statuses that tell a user's error from a usage error and a bug."""

from __future__ import annotations

import pytest

from semcomp import Catalogue, ingest
from semcomp.errors import NotFound, SemcompError
from semcomp.store.filters import parse_years
from semcomp.summarize.summarizer import length
from tests.conftest import cli, seed


def test_library_messages_name_the_argument_as_the_api_does() -> None:
    with pytest.raises(SemcompError, match=r"^year takes a year or a range") as caught:
        parse_years("去年")
    assert caught.value.param == "year"
    with pytest.raises(SemcompError, match=r"^sentences must be at least 1"):
        length(10, 0, None)


def test_the_command_line_names_flags_and_exits_by_kind(tmp_path) -> None:
    cat = Catalogue.open("one", tmp_path, create=True)
    ingest([seed("000")], cat)
    with pytest.raises(NotFound, match="no report '火星'"):
        cat.resolve("火星")
    assert issubclass(NotFound, LookupError)  # callers that catch a failed lookup still do
    cat.close()
    for args, message in ((("attention", "--year", "去年"), "--year takes a year or a range"),
                          (("attention", "--region", "火星"), "no report matches --region, --year and --type"),
                          (("summarize", "000_783dc", "--method", "lead", "--sentences", "0"), "--sentences must be at least 1"),
                          (("show", "火星"), "no report '火星'")):  # fmt: skip
        result = cli(*args, "-i", "one", indexes=tmp_path)
        assert (result.code, result.err.count("\n")) == (1, 1) and message in result.err, (args, result.err)
    assert cli("attention", "--no-such-flag", "-i", "one", indexes=tmp_path).code == 2  # usage
