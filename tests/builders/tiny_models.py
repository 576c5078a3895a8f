"""Tiny real MT models built offline for the tests: real tokenizers, real architectures, random weights.

Their output is meaningless; tests assert mechanics (language forced, spans restored, cache hits,
identical greedy tokens across backends), never a translation.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import sentencepiece as spm

from workbench.mt.model_files import family_of_folder

#: 64 wide, 2+2 layers, 4 heads: real architectures, seconds to build and run
TINY_SHAPE = {
    "d_model": 64,
    "encoder_layers": 2,
    "decoder_layers": 2,
    "encoder_attention_heads": 4,
    "decoder_attention_heads": 4,
    "encoder_ffn_dim": 128,
    "decoder_ffn_dim": 128,
}
CORPUS = Path(__file__).resolve().parents[1] / "data" / "tiny-corpus.txt"


def corpus_lines() -> list[str]:
    return [line for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]


def _train_bpe(folder: Path) -> Path:
    """The NLLB/M2M100 sentencepiece model: BPE (transformers 5's NllbTokenizer is BPE-only), unk=0 bos=1 eos=2."""
    folder.mkdir(parents=True, exist_ok=True)
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus_lines() * 3),
        model_prefix=str(folder / "sentencepiece.bpe"),
        vocab_size=500,
        model_type="bpe",
        unk_id=0,
        bos_id=1,
        eos_id=2,
        pad_id=-1,
        character_coverage=1.0,
        minloglevel=2,
    )
    (folder / "sentencepiece.bpe.vocab").unlink(missing_ok=True)
    return folder / "sentencepiece.bpe.model"


def _save_tiny_m2m100(folder: Path, vocab_size: int, seed: int) -> None:
    """An M2M100-architecture model, 64-wide and 2+2 layers, random weights, saved as safetensors."""
    import torch
    from transformers import M2M100Config, M2M100ForConditionalGeneration

    torch.manual_seed(seed)
    config = M2M100Config(
        vocab_size=vocab_size,
        **TINY_SHAPE,
        max_position_embeddings=1024,
        activation_function="relu",
        scale_embedding=True,
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        decoder_start_token_id=2,
    )
    M2M100ForConditionalGeneration(config).save_pretrained(folder)


def build_tiny_nllb(folder: Path, seed: int = 0) -> Path:
    """An M2M100-architecture model with an NllbTokenizer (language codes passed explicitly)."""
    from transformers import NllbTokenizer
    from transformers.models.nllb.tokenization_nllb import FAIRSEQ_LANGUAGE_CODES

    _train_bpe(folder)
    tokenizer = NllbTokenizer.from_pretrained(
        str(folder), extra_special_tokens=FAIRSEQ_LANGUAGE_CODES, src_lang="vie_Latn"
    )
    _save_tiny_m2m100(folder, len(tokenizer), seed)
    tokenizer.save_pretrained(folder)
    return folder


def build_tiny_m2m100(folder: Path, seed: int = 0) -> Path:
    """An M2M100 model with its own tokenizer layout: sentencepiece.bpe.model + vocab.json, __vi__ tokens."""
    from transformers import M2M100Tokenizer

    model_file = _train_bpe(folder)
    processor = spm.SentencePieceProcessor(model_file=str(model_file))
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for i in range(processor.get_piece_size()):
        vocab.setdefault(processor.id_to_piece(i), len(vocab))
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = M2M100Tokenizer(
        vocab_file=str(folder / "vocab.json"), spm_file=str(model_file), src_lang="vi", tgt_lang="km"
    )
    language_ids = [tokenizer.convert_tokens_to_ids(f"__{code}__") for code in ("af", "zu", "vi", "km", "en")]
    # Language tokens come after the pieces, then 8 "made-up words", as in the real m2m100_418M.
    _save_tiny_m2m100(folder, max(language_ids) + 1 + 8, seed)
    tokenizer.save_pretrained(folder)
    return folder


def build_tiny_marian(folder: Path, seed: int = 0) -> Path:
    """An opus-mt-style Marian model: source.spm/target.spm (unigram), vocab.json, safetensors weights."""
    import torch
    from transformers import MarianConfig, MarianMTModel

    folder.mkdir(parents=True, exist_ok=True)
    lines = corpus_lines()
    sides = {"source": lines[0::3], "target": lines[1::3]}
    for name, data in sides.items():
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(data * 5),
            model_prefix=str(folder / name),
            vocab_size=200,
            model_type="unigram",
            character_coverage=1.0,
            hard_vocab_limit=False,
            unk_id=0,
            bos_id=-1,
            eos_id=1,
            pad_id=-1,
            minloglevel=2,
        )
        os.replace(folder / f"{name}.model", folder / f"{name}.spm")
        (folder / f"{name}.vocab").unlink(missing_ok=True)
    vocab = {"</s>": 0, "<unk>": 1}
    for name in sides:
        processor = spm.SentencePieceProcessor(model_file=str(folder / f"{name}.spm"))
        for i in range(processor.get_piece_size()):
            vocab.setdefault(processor.id_to_piece(i), len(vocab))
    vocab["<pad>"] = len(vocab)
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    torch.manual_seed(seed)
    pad = vocab["<pad>"]
    config = MarianConfig(
        vocab_size=len(vocab),
        **TINY_SHAPE,
        max_position_embeddings=512,
        pad_token_id=pad,
        decoder_start_token_id=pad,
        eos_token_id=0,
        forced_eos_token_id=0,
        activation_function="swish",
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
    )
    MarianMTModel(config).save_pretrained(folder)
    (folder / "tokenizer_config.json").write_text(
        json.dumps({"tokenizer_class": "MarianTokenizer", "source_lang": "vi", "target_lang": "en"}), encoding="utf-8"
    )
    return folder


#: MADLAD-400's sentencepiece model holds its <2xx> language tokens as user-defined pieces right after
#: <unk>, <s>, </s> (ids 3, 4, ...); a few besides ours, as there
MADLAD_LANGUAGE_PIECES = ["<2ar>", "<2en>", "<2fr>", "<2km>", "<2vi>", "<2zh>"]
#: tokenizer_config.json and special_tokens_map.json as google/madlad400-3b-mt ships them (T5Tokenizer,
#: pad token <s>, no <extra_id_N> sentinels; huggingface.co/google/madlad400-3b-mt, commit fa184c6)
_MADLAD_SPECIAL = {"lstrip": False, "normalized": False, "rstrip": False, "single_word": False}
MADLAD_TOKENIZER_CONFIG = {
    "added_tokens_decoder": {
        str(i): {"content": token, **_MADLAD_SPECIAL, "special": True}
        for i, token in enumerate(["<unk>", "<s>", "</s>"])
    },
    "additional_special_tokens": [],
    "clean_up_tokenization_spaces": True,
    "eos_token": "</s>",
    "extra_ids": 0,
    "legacy": False,
    "model_max_length": 1000000000000000019884624838656,
    "pad_token": "<s>",
    "sp_model_kwargs": {},
    "tokenizer_class": "T5Tokenizer",
    "unk_token": "<unk>",
}
MADLAD_SPECIAL_TOKENS = {
    "eos_token": {"content": "</s>", **_MADLAD_SPECIAL},
    "pad_token": {"content": "<s>", **_MADLAD_SPECIAL},
    "unk_token": {"content": "<unk>", **_MADLAD_SPECIAL},
}


def build_tiny_madlad(folder: Path, seed: int = 0, tied: bool = False) -> Path:
    """A MADLAD-400-style T5 (gated-gelu, pad 1 / eos 2 / decoder start 0): spiece.model with <2xx> pieces,
    its tokenizer files, safetensors weights. Untied (as MADLAD): an lm_head of its own and config.json saying
    `tie_word_embeddings: false`, which transformers 5 reports as True; `tied`: the original T5's tied and
    scaled output layer."""
    import torch
    from safetensors.torch import load_file, save_file
    from transformers import T5Config, T5ForConditionalGeneration, T5Tokenizer

    folder.mkdir(parents=True, exist_ok=True)
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus_lines() * 3),
        model_prefix=str(folder / "spiece"),
        vocab_size=400,
        model_type="unigram",
        unk_id=0,
        bos_id=1,
        eos_id=2,
        pad_id=-1,
        user_defined_symbols=MADLAD_LANGUAGE_PIECES,
        character_coverage=1.0,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    (folder / "spiece.vocab").unlink(missing_ok=True)
    tokenizer = T5Tokenizer.from_pretrained(str(folder), extra_ids=0, pad_token="<s>")
    torch.manual_seed(seed)
    config = T5Config(
        vocab_size=len(tokenizer),
        d_model=64,
        d_kv=32,  # 4 heads of 32 are wider than d_model, as MADLAD's 16 of 128 are wider than its 1024
        d_ff=128,
        num_layers=2,
        num_heads=4,
        feed_forward_proj="gated-gelu",
        tie_word_embeddings=tied,
        pad_token_id=1,
        eos_token_id=2,
        decoder_start_token_id=0,
    )
    model = T5ForConditionalGeneration(config)
    with torch.no_grad():
        # Random weights favour <unk> and <s> over and over; real text never has them, so tone them down.
        model.shared.weight[:2] *= 0.01
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    weights = folder / "model.safetensors"
    if not tied:  # transformers 5 always ties lm_head to the embeddings: give it weights of its own
        tensors = load_file(str(weights))
        generator = torch.Generator().manual_seed(seed + 1)
        head = torch.randn(tensors["shared.weight"].shape, generator=generator)
        head[:2] *= 0.01
        tensors["lm_head.weight"] = head
        save_file(tensors, str(weights), metadata={"format": "pt"})
    saved = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    saved.pop("scale_decoder_outputs", None)  # transformers 5's own key: MADLAD's config.json has none
    saved["tie_word_embeddings"] = tied
    (folder / "config.json").write_text(json.dumps(saved, indent=2), encoding="utf-8")
    (folder / "tokenizer_config.json").write_text(json.dumps(MADLAD_TOKENIZER_CONFIG, indent=2), encoding="utf-8")
    (folder / "special_tokens_map.json").write_text(json.dumps(MADLAD_SPECIAL_TOKENS, indent=2), encoding="utf-8")
    return folder


#: family name -> its tiny-model builder: a new family in workbench.mt.families adds its builder here
TINY_BUILDERS: dict[str, Callable[[Path, int], Path]] = {
    "nllb": build_tiny_nllb,
    "m2m100": build_tiny_m2m100,
    "marian": build_tiny_marian,
    "madlad": build_tiny_madlad,
}


def convert_to_ct2(source: Path, out: Path, quantization: str = "float32") -> Path:
    from ctranslate2.converters import TransformersConverter

    family = family_of_folder(source)
    shutil.rmtree(out, ignore_errors=True)
    with family.converting():  # as `models convert` does
        TransformersConverter(str(source), copy_files=list(family.tokenizer_files)).convert(
            str(out), quantization=quantization
        )
    return out
