"""Block pairs, reuse's unit of work: the streams of one block of reports matched with themselves or
with another block's, from seeds to aligned copies.

A block pair needs nothing from any other: only its streams and the formula hashes counted over the
whole corpus (``seeds.common_hashes``). So the pairs run one after another here (``align_here``), or as
Ray tasks over a cluster (``align_on_ray``: each block's streams put in the object store once), and
give the same alignments either way. They come back keyed by the two reports' ids.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace

import numpy as np

from semcomp.model import Report
from semcomp.ray_cluster import RayError, connect, last_line
from semcomp.reuse.local import Alignment, align_chain
from semcomp.reuse.seeds import block_pairs, chains, common_hashes, kgrams, shared_seeds
from semcomp.reuse.selection import Selection, selected
from semcomp.reuse.stream import Stream

Aligned = dict[tuple[str, str], list[Alignment]]  # (report id, report id) → the copies found between them


@dataclass(frozen=True)
class Context:
    """What every block pair reads besides its streams."""

    reports: dict[str, Report]
    selection: Selection
    max_holders: int  # a window held by more reports is a formula and seeds nothing
    common: np.ndarray | None = None  # the formula hashes of the whole corpus; None: counted in a single block


def align_block(first: list[Stream], second: list[Stream] | None, context: Context,
                parts: list[tuple[np.ndarray, np.ndarray]] | None = None) -> Aligned:  # fmt: skip
    """The copies between the streams of ``first`` (and, with ``second``, only between one of ``first`` and
    one of ``second``). ``parts`` are their ``kgrams`` when already computed."""
    streams = first + (second or [])
    cross = len(first) if second is not None else None
    seeds = shared_seeds([s.text for s in streams], max_reports=context.max_holders, parts=parts, common=context.common, cross=cross)
    wanted: dict[tuple[str, str], bool] = {}  # report pairs the selection keeps; others are not aligned
    aligned: Aligned = defaultdict(list)
    for la, lb, tiles in chains(seeds, min_covered=context.selection.min_chars).each():
        sa, sb = streams[la], streams[lb]
        key = (sa.report_id, sb.report_id)
        if key not in wanted:
            wanted[key] = selected(context.reports[key[0]], context.reports[key[1]], context.selection)
        if wanted[key]:
            aligned[key] += align_chain(sa, sb, tiles, context.selection.min_chars)
    return aligned


def align_here(streams: list[Stream], context: Context, block: int) -> Iterator[Aligned]:
    """Each block pair's copies, in this process: one pass up to ``block`` reports, block pairs past that."""
    if len(streams) <= block:
        yield align_block(streams, None, context)
        return
    parts = [kgrams(s.text) for s in streams]
    context = replace(context, common=common_hashes(parts, context.max_holders))
    for first, second in block_pairs(len(streams), block):
        members = np.r_[first, second] if second is not None else first
        yield align_block([streams[i] for i in first], [streams[i] for i in second] if second is not None else None,
                          context, [parts[i] for i in members])  # fmt: skip


def align_on_ray(streams: list[Stream], context: Context, block: int, address: str | None) -> Iterator[Aligned]:
    """Each block pair's copies, as Ray tasks on the cluster at ``address``, in the order of ``align_here``.
    Blocks are small enough that every CPU of the cluster has a block pair to work on."""
    ray = connect(address)
    cpus = max(1, int(ray.cluster_resources().get("CPU", 1)))
    block = max(1, min(block, -(-len(streams) // cpus)))
    common = common_hashes([kgrams(s.text) for s in streams], context.max_holders)
    shared = ray.put(replace(context, common=common))
    pairs = list(block_pairs(len(streams), block))
    stored = {int(first[0]): ray.put([streams[i] for i in first]) for first, second in pairs if second is None}  # each block once
    task = ray.remote(align_block)
    futures = [task.remote(stored[int(first[0])], None if second is None else stored[int(second[0])], shared) for first, second in pairs]
    try:
        for future in futures:
            yield ray.get(future)
    except ray.exceptions.RayError as exc:
        raise RayError(f"a Ray worker failed: {last_line(exc)}") from None
