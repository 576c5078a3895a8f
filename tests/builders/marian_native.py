"""A tiny model laid out as HPLT publishes its Marian translation models: a Marian .npz checkpoint and
one SentencePiece model as the vocabulary of both sides (Marian's own ids: </s> 0, <unk> 1), and no
transformers folder. Random weights; the parameter names and model.yml options are those CTranslate2's
Marian converter reads for a transformer-base with all embeddings tied.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import sentencepiece as spm
import yaml

from tests.builders.tiny_models import corpus_lines

D_MODEL, FFN, LAYERS, HEADS = 32, 64, 2, 4

MODEL_YML = {
    "type": "transformer",
    "enc-depth": LAYERS,
    "dec-depth": LAYERS,
    "transformer-heads": HEADS,
    "transformer-decoder-autoreg": "self-attention",
    "transformer-no-projection": False,
    "transformer-ffn-activation": "swish",
    "transformer-preprocess": "",
    "transformer-postprocess": "dan",
    "transformer-postprocess-emb": "d",
    "transformer-guided-alignment-layer": "last",
    "tied-embeddings-all": True,
}


def _attention(weights: dict[str, np.ndarray], scope: str, rng: np.random.Generator) -> None:
    for part in "qkvo":
        weights[f"{scope}_W{part}"] = rng.normal(0, 0.1, (D_MODEL, D_MODEL)).astype(np.float32)
        weights[f"{scope}_b{part}"] = np.zeros((1, D_MODEL), np.float32)
    weights[f"{scope}_Wo_ln_scale"] = np.ones((1, D_MODEL), np.float32)
    weights[f"{scope}_Wo_ln_bias"] = np.zeros((1, D_MODEL), np.float32)


def _ffn(weights: dict[str, np.ndarray], scope: str, rng: np.random.Generator) -> None:
    weights[f"{scope}_W1"] = rng.normal(0, 0.1, (D_MODEL, FFN)).astype(np.float32)
    weights[f"{scope}_b1"] = np.zeros((1, FFN), np.float32)
    weights[f"{scope}_W2"] = rng.normal(0, 0.1, (FFN, D_MODEL)).astype(np.float32)
    weights[f"{scope}_b2"] = np.zeros((1, D_MODEL), np.float32)
    weights[f"{scope}_ffn_ln_scale"] = np.ones((1, D_MODEL), np.float32)
    weights[f"{scope}_ffn_ln_bias"] = np.zeros((1, D_MODEL), np.float32)


def build_marian_native(folder: Path, pair: str = "vi-en", seed: int = 0) -> Path:
    """model.npz.best-chrf.npz and model.<pair>.spm in `folder`, as in an HPLT v2.0 release."""
    folder.mkdir(parents=True, exist_ok=True)
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus_lines() * 5),
        model_prefix=str(folder / f"model.{pair}"),
        vocab_size=300,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        eos_id=0,
        unk_id=1,
        bos_id=-1,
        pad_id=-1,
        minloglevel=2,
    )
    (folder / f"model.{pair}.model").rename(folder / f"model.{pair}.spm")
    size = spm.SentencePieceProcessor(model_file=str(folder / f"model.{pair}.spm")).get_piece_size()
    rng = np.random.default_rng(seed)
    weights = {"Wemb": rng.normal(0, 0.1, (size, D_MODEL)).astype(np.float32)}
    for layer in range(1, LAYERS + 1):
        _attention(weights, f"encoder_l{layer}_self", rng)
        _ffn(weights, f"encoder_l{layer}_ffn", rng)
        _attention(weights, f"decoder_l{layer}_self", rng)
        _attention(weights, f"decoder_l{layer}_context", rng)
        _ffn(weights, f"decoder_l{layer}_ffn", rng)
    weights["decoder_ff_logit_out_b"] = np.zeros((1, size), np.float32)
    config = yaml.safe_dump(MODEL_YML).encode("utf-8") + b"\0"
    weights["special:model.yml"] = np.frombuffer(config, dtype=np.int8).copy()
    np.savez(folder / "model.npz.best-chrf.npz", **weights)  # type: ignore[arg-type]
    return folder


def yaml_vocabulary(spm_file: Path, out: Path) -> Path:
    """Marian's YAML vocabulary of a SentencePiece model: one `"piece": id` line per piece, in id order."""
    processor = spm.SentencePieceProcessor(model_file=str(spm_file))
    lines = [
        f"{json.dumps(processor.id_to_piece(i), ensure_ascii=False)}: {i}\n" for i in range(processor.get_piece_size())
    ]
    out.write_text("".join(lines), encoding="utf-8")
    return out
