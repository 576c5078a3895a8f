"""Models with the exact architecture of a real one and random weights, for `bench mt` and its tests.

Decoding speed does not depend on the weights' values, so a random-weight model shaped like
nllb-200-distilled-600M or opus-mt-vi-en decodes as fast as the real one. One builder per model family
(RANDOM_MODEL_BUILDERS, keyed like workbench.mt.families): a family `bench mt` should measure adds its
builder here. Building needs the convert extra (torch, transformers).
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sentencepiece as spm

from workbench.core.resources import resource_path

#: the Vietnamese text the random models' tokenizers learn from, and the benchmark translates
SAMPLE = (
    "Sở Thông tin và Truyền thông An Giang vừa có công văn hướng dẫn đẩy mạnh công tác truyền thông triển khai "
    "Chỉ thị 25/CT-TTg của Thủ tướng Chính phủ về việc đẩy mạnh triển khai Chiến lược Văn hóa đối ngoại của "
    "Việt Nam giai đoạn 2022 – 2026 trên địa bàn tỉnh An Giang. Tăng cường các thông tin, tuyên truyền các giá "
    "trị văn hóa, lịch sử; quảng bá hình ảnh của An Giang bằng tiếng Việt, tiếng Anh và tiếng Khmer để quảng bá."
)


@dataclass(frozen=True, slots=True)
class Architecture:
    family: str
    vocab_size: int
    d_model: int
    layers: int
    heads: int
    ffn: int
    #: width of one attention head, when it is not d_model / heads (T5: d_kv)
    head_dim: int = 0


#: the architectures `bench mt --architecture` builds, by the name of the real model they copy
ARCHITECTURES = {
    "nllb-200-distilled-600M": Architecture("nllb", 256206, 1024, 12, 16, 4096),
    "opus-mt-vi-en": Architecture("marian", 53739, 512, 6, 8, 2048),
    # google/madlad400-3b-mt's config.json: T5, 32+32 layers, d_model 1024, 16 heads of d_kv 128, gated-gelu
    # d_ff 8192, vocabulary 256,000, untied output layer. Built straight as CTranslate2 int8 (random_t5.py).
    "madlad400-3b-mt": Architecture("madlad", 256000, 1024, 32, 16, 8192, head_dim=128),
    # For the tests of this benchmark: seconds, not minutes.
    "tiny": Architecture("nllb", 1024, 64, 2, 4, 128),
}


#: sentencepiece pieces of a full-size architecture's random tokenizer: trained on real Vietnamese prose, it
#: cuts press text into about as many tokens as a real model's (about 1.45 per word on generated press prose;
#: the 300-piece tokenizer of the test models made 2.7-3.5, and decoding time follows the input's length)
REALISTIC_PIECES = 8000


def _training_lines(realistic: bool) -> list[str]:
    words = SAMPLE.replace(".", " .").split() * 50
    lines = [" ".join(words[i : i + 12]) for i in range(0, len(words), 12)]
    if realistic:
        for name in ("segmentation-reference-prose-vi.txt", "segmentation-reference-ud-vtb-vi.txt"):
            text = resource_path("samples", name).read_text(encoding="utf-8")
            lines += [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return lines


def _train_spm(
    folder: Path, name: str, model_type: str, vocab_size: int, realistic: bool = False, symbols: Iterable[str] = ()
) -> Path:
    """A tokenizer for a random model: `realistic` for a full-size architecture (bench), else a small one (tests);
    `symbols` are pieces kept whole (MADLAD's <2xx> language tokens)."""
    spm.SentencePieceTrainer.train(
        user_defined_symbols=list(symbols),
        sentence_iterator=iter(_training_lines(realistic)),
        model_prefix=str(folder / name),
        vocab_size=REALISTIC_PIECES if realistic else vocab_size,
        model_type="bpe" if realistic else model_type,
        character_coverage=1.0,
        hard_vocab_limit=False,
        unk_id=0,
        bos_id=1 if model_type == "bpe" else -1,
        eos_id=2 if model_type == "bpe" else 1,
        pad_id=-1,
        minloglevel=2,
    )
    return folder / f"{name}.model"


def build_random_model(architecture: str, folder: Path) -> Path:
    """A transformers model folder with the given architecture and random weights, saved as safetensors; for an
    architecture too large to build through transformers here (MADLAD-400), a CTranslate2 int8 folder."""
    import torch

    spec = ARCHITECTURES[architecture]
    folder.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(0)
    common: dict[str, Any] = {
        "d_model": spec.d_model,
        "encoder_layers": spec.layers,
        "decoder_layers": spec.layers,
        "encoder_attention_heads": spec.heads,
        "decoder_attention_heads": spec.heads,
        "encoder_ffn_dim": spec.ffn,
        "decoder_ffn_dim": spec.ffn,
        "scale_embedding": True,
    }
    RANDOM_MODEL_BUILDERS[spec.family](spec, folder, common)
    return folder


def _random_nllb(spec: Architecture, folder: Path, common: dict[str, Any]) -> None:
    from transformers import M2M100Config, M2M100ForConditionalGeneration, NllbTokenizer
    from transformers.models.nllb.tokenization_nllb import FAIRSEQ_LANGUAGE_CODES

    model_file = _train_spm(folder, "sentencepiece.bpe", "bpe", 300, spec.vocab_size > REALISTIC_PIECES)
    model_file.with_suffix(".vocab").unlink(missing_ok=True)
    tokenizer = NllbTokenizer.from_pretrained(
        str(folder), extra_special_tokens=FAIRSEQ_LANGUAGE_CODES, src_lang="vie_Latn"
    )
    config = M2M100Config(
        vocab_size=max(spec.vocab_size, len(tokenizer)),
        max_position_embeddings=1024,
        activation_function="relu",
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        decoder_start_token_id=2,
        **common,
    )
    M2M100ForConditionalGeneration(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)


def _random_marian(spec: Architecture, folder: Path, common: dict[str, Any]) -> None:
    from transformers import MarianConfig, MarianMTModel

    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    for side in ("source", "target"):
        model_file = _train_spm(folder, side, "unigram", 300, spec.vocab_size > REALISTIC_PIECES)
        model_file.rename(folder / f"{side}.spm")
        (folder / f"{side}.vocab").unlink(missing_ok=True)
        processor = spm.SentencePieceProcessor(model_file=str(folder / f"{side}.spm"))
        for i in range(processor.get_piece_size()):
            vocab.setdefault(processor.id_to_piece(i), len(vocab))
    while len(vocab) < spec.vocab_size - 1:
        vocab[f"<filler{len(vocab)}>"] = len(vocab)
    vocab["<pad>"] = len(vocab)
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    marian = MarianConfig(
        vocab_size=len(vocab),
        max_position_embeddings=512,
        activation_function="swish",
        pad_token_id=vocab["<pad>"],
        decoder_start_token_id=vocab["<pad>"],
        eos_token_id=0,
        forced_eos_token_id=0,
        share_encoder_decoder_embeddings=True,
        **common,
    )
    MarianMTModel(marian).save_pretrained(folder)
    (folder / "tokenizer_config.json").write_text(json.dumps({"tokenizer_class": "MarianTokenizer"}), encoding="utf-8")


def _random_madlad(spec: Architecture, folder: Path, common: dict[str, Any]) -> None:
    """Straight to CTranslate2 int8: in float32 through transformers the 3B model would hold 12 GB."""
    from workbench.mt.families import family
    from workbench.mt.random_t5 import T5Shape, save_random_madlad

    symbols = sorted(family(spec.family).language_tokens.values())
    with tempfile.TemporaryDirectory() as work:
        tokenizer = _train_spm(Path(work), "spiece", "bpe", 300, spec.vocab_size > REALISTIC_PIECES, symbols)
        head_dim = spec.head_dim or spec.d_model // spec.heads
        shape = T5Shape(spec.vocab_size, spec.d_model, spec.layers, spec.heads, head_dim, spec.ffn)
        save_random_madlad(shape, folder, tokenizer)


#: family name -> what builds a random-weight model of it (one per family that `bench mt` measures)
RANDOM_MODEL_BUILDERS: dict[str, Callable[[Architecture, Path, dict[str, Any]], None]] = {
    "nllb": _random_nllb,
    "marian": _random_marian,
    "madlad": _random_madlad,
}
