"""A random-weight T5 (MADLAD-400) built straight as a CTranslate2 int8 model, for `bench mt`.

madlad400-3b-mt has 2.9 billion parameters: built through transformers in float32 it would hold about
12 GB, and its conversion as much again. Here CTranslate2's own T5 loader builds the spec, so names,
shapes, fused layers and config are the converter's, from stand-in modules holding int8 numpy arrays
(one scale per row, as the int8 conversion stores them) and float32 norms and relative attention bias, as
converting a float32 checkpoint to int8 leaves them. The weights are never held in any other form: the
build holds about the int8 model's size (3 GB) and writes it once. Decoding speed does not depend on the
values. Building needs the convert extra (CTranslate2's converter imports transformers).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np

#: T5's relative attention: buckets and the distance past which all share the last one (MADLAD's config)
RELATIVE_BUCKETS = 32
RELATIVE_MAX_DISTANCE = 128
#: int8 values drawn uniformly from -127..127 have a standard deviation of about 73.3; a row scale of
#: 73.3 * sqrt(fan_in) gives weights of standard deviation 1/sqrt(fan_in), so activations stay near 1
INT8_STD = 73.3


@dataclass(frozen=True, slots=True)
class T5Shape:
    vocab_size: int
    d_model: int
    layers: int
    heads: int
    d_kv: int
    d_ff: int


class _Tokenizer:
    """What CTranslate2's T5 loader asks of a tokenizer: the special tokens and the pieces in id order."""

    pad_token, eos_token, unk_token = "<s>", "</s>", "<unk>"

    def __init__(self, pieces: list[str]) -> None:
        self.pieces = pieces

    def get_vocab(self) -> dict[str, int]:
        return {piece: i for i, piece in enumerate(self.pieces)}

    def convert_ids_to_tokens(self, index: int) -> str:
        return self.pieces[index]


def _stand_in_model(shape: T5Shape, rng: np.random.Generator) -> Any:
    """Objects shaped like transformers' T5ForConditionalGeneration where the T5 loader reads them."""

    def linear(rows: int, columns: int) -> SimpleNamespace:
        return SimpleNamespace(weight=rng.integers(-127, 128, size=(rows, columns), dtype=np.int8))

    def norm() -> SimpleNamespace:  # trained norms differ from each other: none is saved as an alias of another
        return SimpleNamespace(weight=1 + 0.05 * rng.standard_normal(shape.d_model, dtype=np.float32))

    inner = shape.heads * shape.d_kv

    def attention(first: bool) -> SimpleNamespace:
        found = SimpleNamespace(
            q=linear(inner, shape.d_model),
            k=linear(inner, shape.d_model),
            v=linear(inner, shape.d_model),
            o=linear(shape.d_model, inner),
            has_relative_attention_bias=first,
        )
        if first:
            bias = rng.standard_normal((RELATIVE_BUCKETS, shape.heads), dtype=np.float32)
            found.relative_attention_bias = SimpleNamespace(weight=bias)
            found.relative_attention_max_distance = RELATIVE_MAX_DISTANCE
        return found

    def ffn() -> SimpleNamespace:
        dense = SimpleNamespace(
            wi_0=linear(shape.d_ff, shape.d_model),
            wi_1=linear(shape.d_ff, shape.d_model),
            wo=linear(shape.d_model, shape.d_ff),
        )
        return SimpleNamespace(DenseReluDense=dense, layer_norm=norm())

    def block(i: int, decoder: bool) -> SimpleNamespace:
        layers = [SimpleNamespace(SelfAttention=attention(i == 0), layer_norm=norm())]
        if decoder:
            layers.append(SimpleNamespace(EncDecAttention=attention(False), layer_norm=norm()))
        layers.append(ffn())
        return SimpleNamespace(layer=layers)

    shared = SimpleNamespace(weight=rng.integers(-127, 128, size=(shape.vocab_size, shape.d_model), dtype=np.int8))

    def stack(decoder: bool) -> SimpleNamespace:
        blocks = [block(i, decoder) for i in range(shape.layers)]
        return SimpleNamespace(embed_tokens=shared, final_layer_norm=norm(), block=blocks)

    config = SimpleNamespace(
        num_layers=shape.layers,
        num_decoder_layers=shape.layers,
        num_heads=shape.heads,
        d_model=shape.d_model,
        vocab_size=shape.vocab_size,
        dense_act_fn="gelu_new",  # what transformers makes of feed_forward_proj "gated-gelu"
        is_gated_act=True,
        tie_word_embeddings=False,  # MADLAD's config.json, as the family's conversion patch reads it
        decoder_start_token_id=0,
    )
    return SimpleNamespace(
        config=config,
        encoder=stack(False),
        decoder=stack(True),
        lm_head=linear(shape.vocab_size, shape.d_model),
    )


def _layers(spec: Any) -> Iterator[Any]:
    """Every layer of a CTranslate2 spec, depth first."""
    from ctranslate2.specs.model_spec import LayerSpec

    yield spec
    for value in vars(spec).values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, LayerSpec):
                yield from _layers(item)


def _add_row_scales(spec: Any) -> None:
    """Each int8 weight gets the per-row scale the int8 conversion would have stored beside it (an alias
    gets none: the converter quantizes the variable it points to)."""
    from ctranslate2.specs.model_spec import NumpyVariable

    for layer in _layers(spec):
        weight = getattr(layer, "weight", None)
        if isinstance(weight, NumpyVariable) and weight.dtype == "int8" and hasattr(layer, "weight_scale"):
            scale = INT8_STD * np.sqrt(weight.shape[1])
            layer.weight_scale = NumpyVariable(np.full(weight.shape[0], scale, dtype=np.float32))


def _alias_shared(spec: Any) -> None:
    """Variables that are one array (T5's shared embeddings) are saved once, under their first name in
    alphabetical order, as the converter's own aliasing does (by identity here: no element comparisons)."""
    from ctranslate2.specs.model_spec import NumpyVariable, index_spec

    first: dict[int, str] = {}
    for name, value in spec.variables(ordered=True):
        if not isinstance(value, NumpyVariable) or value.array.ndim == 0:
            continue
        if id(value.array) in first:
            scope, attribute = name.rsplit("/", 1)
            setattr(index_spec(spec, scope), attribute, first[id(value.array)])
        else:
            first[id(value.array)] = name


def madlad_spec(shape: T5Shape, pieces: list[str], seed: int = 0) -> Any:
    """The CTranslate2 spec of a random-weight T5 as the converter builds MADLAD's (int8, not yet saved)."""
    from ctranslate2.converters import transformers as ct2_transformers

    model = _stand_in_model(shape, np.random.default_rng(seed))
    spec = ct2_transformers.T5Loader()(model, _Tokenizer(pieces))
    spec.validate()
    _alias_shared(spec)
    _add_row_scales(spec)
    return spec


def save_random_madlad(shape: T5Shape, folder: Path, tokenizer: Path, seed: int = 0) -> Path:
    """Write a random-weight int8 CTranslate2 T5 with `tokenizer` (its spiece.model) into `folder`."""
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_file=str(tokenizer))
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    spec = madlad_spec(shape, pieces, seed)
    spec.register_file(str(tokenizer), "spiece.model")
    folder.mkdir(parents=True, exist_ok=True)
    spec.save(str(folder))
    return folder
