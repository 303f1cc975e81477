"""``semcomp index`` and ``semcomp similar``."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Annotated, Literal, TypeVar, get_args

import typer

from semcomp.bounded_read import MB, TooLarge, read_bounded
from semcomp.cli.common import (
    AddressOpt,
    CsvOpt,
    IndexOpt,
    JsonOpt,
    QuietOpt,
    RegionOpt,
    TypeOpt,
    YearOpt,
    app,
    err,
    fail,
    in_flags,
    open_catalogue,
    out,
    say,
)
from semcomp.embed.encoder import Device, DeviceError, Precision, PrecisionError, resolve_device
from semcomp.errors import SemcompError
from semcomp.index.kinds import VectorKind
from semcomp.ingest.readers import DEFAULT_MAX_MB
from semcomp.model import Granularity, GranularityChoice, PassageKind, json_fields
from semcomp.output.emit import print_csv, print_json
from semcomp.ray_cluster import Engine
from semcomp.search import Mode
from semcomp.store.filters import PartFilter

ModelOpt = Annotated[
    str | None,
    typer.Option("--model", envvar="SEMCOMP_MODEL", help="Model folder, path or cached hub name (default multilingual-e5-small)."),
]
NameOpt = Annotated[str, typer.Option("--index", "--name", "-i", envvar="SEMCOMP_INDEX", help="Index name under indexes/.")]
T = TypeVar("T")
GroupBy = Literal["report"]  # the best passage of each report
QUERY_FILE_LIMIT = 20 * MB  # --queries and --file: a hundred thousand queries
VectorsOpt = Annotated[VectorKind, typer.Option(help="Vector index: auto (by size and memory), flat (exact), ivf, ivfsq, ivfpq or hnsw.")]
PrecisionOpt = Annotated[
    Precision,
    typer.Option(help="Encoder arithmetic: auto (bfloat16 on a CPU with native bf16, float16 on a GPU, else float32), or one of them."),
]


INDEX_HELP = """Embed every passage and build the search indexes (ingesting PATHS first if given).

Embeddings are cached by model and text: a rerun on an unchanged corpus encodes nothing, and a
new report costs only its own passages. The precision and device are recorded with the index and
key the cache, so an index never holds vectors of two precisions.

[bold]Examples[/]

  semcomp index data/reports/seeds
  semcomp index data/reports/seeds --precision float32
  semcomp index data/reports --name 保定 --region 保定 --year 2018-2022   # a slice, no files copied
  semcomp index --name 全国 --level paragraph --vectors ivf
  semcomp index --name 全国 --device cuda
  semcomp index --name 全国 --engine ray --address ray://集群主机:10001
"""


@app.command(help=INDEX_HELP)
def index(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders to ingest first (optional).")] = None,
    name: NameOpt = "default",
    model: ModelOpt = None,
    granularity: Annotated[GranularityChoice, typer.Option("--level", help="paragraph, sentence or both.")] = "both",
    vectors: VectorsOpt = "auto",
    device: Annotated[Device, typer.Option(help="Where to encode: a CUDA GPU if there is one (auto), cpu or cuda.")] = "auto",
    precision: PrecisionOpt = "auto",
    engine: Annotated[Engine, typer.Option(help="local, or ray: encode on a Ray cluster's workers (ray.init).")] = "local",
    address: AddressOpt = None,
    workers: Annotated[int | None, typer.Option(min=1, help="Ray workers (default: one per GPU, or per 4 CPUs).")] = None,
    region: RegionOpt = None,
    year: YearOpt = None,
    report_type: TypeOpt = None,
    as_json: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    from semcomp.cli.progress import bars
    from semcomp.index.build import GRANULARITIES, build_index, passage_engine

    wanted = GRANULARITIES if granularity == "both" else (granularity,)
    if engine == "local" and (address or workers):
        fail("--address and --workers go with --engine ray")
    ingested = _ingest_first(paths, name, quiet, region, year, report_type)
    cat = open_catalogue(name)
    encoder = _encoder(model, precision, device, engine)
    engine_used = passage_engine(encoder, engine, address, workers)
    numerics = _flagged(lambda: f"{engine_used.device}, {engine_used.precision}", device, precision)  # resolved first: it keys the cache
    with bars(time_left=True, quiet=quiet) as bar:
        summaries = _flagged(lambda: build_index(cat, engine_used, wanted, vectors, bar.advance, _warn), device, precision)
    _built(summaries, encoder, engine_used, as_json)
    err.print(f"index '{name}' ready with {encoder.model.name} ({f'{engine} engine, {numerics}' if engine != 'local' else numerics})")
    if not ingested:
        raise typer.Exit(1)


def _ingest_first(paths: list[Path] | None, name: str, quiet: bool, region: str | None, year: str | None, report_type: str | None) -> bool:
    """Ingest the paths given to index (only the reports of the slice that ``region``, ``year`` and
    ``report_type`` choose); False when some input failed: the rest is indexed, and the exit status is 1."""
    from semcomp.cli.catalogue import ingest_paths, slice_filters

    keep = slice_filters(region, year, report_type)
    if keep is not None and not paths:
        fail("--region, --year and --type choose the reports to ingest into the index: give the PATHS to read them from")
    return ingest_paths(paths, [], DEFAULT_MAX_MB, name, quiet=quiet, keep=keep) if paths else True


def _built(summaries: list, encoder, engine_used, as_json: bool) -> None:
    """What each granularity's build did: on stderr, and on stdout as JSON with ``as_json``."""
    if as_json:
        extra = {"model": encoder.model.name, "fingerprint": encoder.model.fingerprint, "precision": engine_used.precision,
                 "device": engine_used.device}  # fmt: skip
        print_json([json_fields(s) | extra for s in summaries])
    for s in summaries:
        note = f", {s.windowed} longer than the model's limit encoded in windows" if s.windowed else ""
        counts = f"{s.passages} passages, {s.encoded} encoded, {s.cached} from cache{note}"
        err.print(f"{s.granularity}: {counts}; {'updated' if s.updated else 'built'}: {s.vectors} ({s.seconds:.1f} s)")


def _encoder(model: str | None, precision: Precision, device: Device, engine: Engine):  # an Encoder, its import kept lazy
    """The encoder asked for; a GPU asked for and missing is refused before any work, even when every
    embedding is cached."""
    from semcomp.embed.encoder import Encoder
    from semcomp.embed.models import ModelError, resolve_model

    try:
        ref = resolve_model(model, on_step=lambda m: err.print(m))
    except ModelError as exc:
        fail(exc)
    if engine == "local" and device == "cuda":
        try:
            resolve_device(device)
        except DeviceError as exc:
            fail(f"--device {device}: {exc}")
    return Encoder(ref, precision=precision, device=device)


def _flagged(work: Callable[[], T], device: Device, precision: Precision) -> T:
    """``work``'s result; its errors as one line, those of the device and precision with their flags."""
    try:
        return work()
    except KeyboardInterrupt:
        fail("interrupted; embeddings computed so far are cached, and searches use the previous build", 130)
    except DeviceError as exc:
        fail(f"--device {device}: {exc}")
    except PrecisionError as exc:
        fail(f"--precision {precision}: {exc}")
    except SemcompError as exc:
        fail(exc)


def _warn(message: str) -> None:
    say(message, "warning:", "yellow")


SIMILAR_HELP = """Passages that say what the query says, from every report in the index.

[bold]Examples[/]

  semcomp similar "招商引资"
  semcomp similar "招商引资" --report 000_783dc
  semcomp similar "优化营商环境" --region 保定 --year 2019-2023 -k 20
  semcomp similar "疫情防控" --part review --group-by report --json
  semcomp similar --like 1234
  semcomp similar --queries 问题.txt > 结果.jsonl
"""


def _kinds(value: list[str] | None) -> list[str] | None:
    """Passage kinds given to --kind, each one of the model's."""
    unknown = [k for k in value or () if k not in get_args(PassageKind)]
    if unknown:
        fail(f"--kind takes {', '.join(get_args(PassageKind))}, not {unknown[0]!r}", code=2)
    return value


@app.command(help=SIMILAR_HELP)
def similar(
    query: Annotated[str | None, typer.Argument(help="What to look for: a word, a phrase or a whole passage.")] = None,
    k: Annotated[int, typer.Option("-k", help="Number of results.")] = 10,
    year: YearOpt = None,
    region: RegionOpt = None,
    report_type: TypeOpt = None,
    part: Annotated[PartFilter | None, typer.Option(help="review (回顾) or plan (安排).")] = None,
    report: Annotated[list[str] | None, typer.Option("--report", help="Only these reports (id, id prefix or file name).")] = None,
    granularity: Annotated[Granularity, typer.Option("--level", help="Passages to search.")] = "paragraph",
    mode: Annotated[Mode, typer.Option(help="hybrid: meaning and words; dense: meaning; lexical: words.")] = "hybrid",
    kind: Annotated[list[str] | None, typer.Option(callback=_kinds, help="Passage kinds to search (default body, table).")] = None,
    group_by: Annotated[GroupBy | None, typer.Option("--group-by", help="'report': the best passage of each report.")] = None,
    like: Annotated[int | None, typer.Option("--like", help="Search with a stored passage (its id).")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Search with the text of a file.")] = None,
    queries: Annotated[Path | None, typer.Option("--queries", help="One query per line; writes JSON lines.")] = None,
    index: IndexOpt = "default",
    model: ModelOpt = None,
    as_json: JsonOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    from semcomp.search.similar import SearchIndex
    from semcomp.store.filters import Filters, parse_years

    texts = _queries(query, like, file, queries)
    try:
        # a query file pays the whole tokenizer's load (about 1 s) once to make every query's tokens cheap
        search = SearchIndex(index, model=model, warm=queries is not None and len(texts) >= 50)
        reports = tuple(search.catalogue.resolve(r) for r in report or ())
        filters = Filters(years=parse_years(year), region=region, report_type=report_type, part=part,
                          kinds=tuple(kind) if kind else Filters.kinds, reports=reports)  # fmt: skip
        run = partial(search.similar, k=k, granularity=granularity, mode=mode, filters=filters, group_by_report=group_by == "report")
        hits = [] if queries is not None else run(texts[0] if like is None else None, like=like)
    except SemcompError as exc:
        fail(exc)
    if search.staleness:
        say(search.staleness, "warning:", "yellow")
    if queries is not None:
        _answer_each(run, texts, queries)
    else:
        _emit_hits(hits, group_by == "report", as_json, as_csv)


def _answer_each(run: Callable, texts: list[str], path: Path) -> None:
    """Each query's hits as a JSON line on stdout, as it is answered. A query the search refuses gets a line
    with its ``error``, and a message naming its line; the others are answered, and the exit status is 1."""
    refused = 0
    for number, text in enumerate(texts, 1):
        try:
            answer = {"query": text, "hits": [h.to_dict() for h in run(text)]}
        except SemcompError as exc:
            refused += 1
            say(f"query {number} of {path}: {in_flags(exc)}")
            answer = {"query": text, "error": str(exc)}
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
    if refused:
        fail(f"{refused} of {len(texts)} queries refused; the others were answered")


def _emit_hits(hits: list, grouped: bool, as_json: bool, as_csv: bool) -> None:
    from semcomp.output.hits_text import HIT_FIELDS, print_hits

    if as_json:
        print_json([h.to_dict() for h in hits])
    elif as_csv:
        print_csv([h.to_dict() for h in hits], HIT_FIELDS)
    else:
        print_hits(hits, grouped, out)
    if not hits:
        err.print("no passages match these filters")


def _queries(query: str | None, like: int | None, file: Path | None, queries: Path | None) -> list[str]:
    given = [x is not None for x in (query, like, file, queries)]
    if sum(given) != 1:
        fail("give exactly one of QUERY, --like, --file or --queries")
    if like is not None:
        return []
    path = file or queries
    if path is None:
        return [query or ""]
    try:
        text = read_bounded(path, QUERY_FILE_LIMIT).decode("utf-8")
    except OSError as exc:
        fail(f"can't read {path}: {exc.strerror}")
    except TooLarge as exc:
        fail(exc)
    except UnicodeDecodeError:
        fail(f"{path} is not UTF-8 text")
    if file is not None:
        return [text]
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        fail(f"{path} holds no queries")
    return lines
