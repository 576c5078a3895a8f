"""What a model folder holds, checked before anything is copied or loaded.

Weights are accepted only as safetensors or as a CTranslate2 model: a pickled checkpoint
(pytorch_model.bin, *.pt, *.pth, *.pkl, *.ckpt) can run arbitrary code when loaded, so it is refused
with that explanation and never opened.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from workbench.core.errors import WorkbenchError

PICKLE_SUFFIXES = {".pt", ".pth", ".pkl", ".pickle", ".ckpt", ".joblib", ".npy"}
#: config.json model_type -> our family name
ARCHITECTURES = {"m2m_100": "m2m100", "marian": "marian"}
CT2_MARKERS = ("shared_vocabulary.json", "shared_vocabulary.txt", "source_vocabulary.json", "source_vocabulary.txt")


class ModelRefused(WorkbenchError):
    """A model folder or archive cannot be installed or loaded; the message says why."""


@dataclass(frozen=True, slots=True)
class ModelFolder:
    path: Path
    #: "ct2" (CTranslate2, the fast runtime) or "transformers" (safetensors, for conversion and reference)
    format: str
    #: "nllb", "m2m100" or "marian"
    family: str
    #: the sentencepiece files the runtime needs, relative to `path`
    tokenizer_files: tuple[str, ...]


def _is_pickle_file(path: Path) -> bool:
    if path.suffix.lower() in PICKLE_SUFFIXES:
        return True
    if path.suffix.lower() == ".bin":
        with open(path, "rb") as handle:
            head = handle.read(4)
        # torch.save writes a zip (PK) or a raw pickle (protocol byte 0x80); CTranslate2's model.bin is neither.
        return head.startswith(b"PK") or head[:1] == b"\x80"
    return False


def _family_from_tokenizer(folder: Path, config: dict[str, object]) -> str:
    if (folder / "source.spm").exists() or config.get("model_type") == "marian":
        return "marian"
    tokenizer_config = folder / "tokenizer_config.json"
    if tokenizer_config.exists():
        tokenizer_class = str(json.loads(tokenizer_config.read_text(encoding="utf-8")).get("tokenizer_class", ""))
        if "Nllb" in tokenizer_class:
            return "nllb"
        if "M2M100" in tokenizer_class:
            return "m2m100"
    vocab = folder / "shared_vocabulary.json"
    if vocab.exists() and "vie_Latn" in vocab.read_text(encoding="utf-8"):
        return "nllb"
    if (folder / "vocab.json").exists() or (vocab.exists() and "__vi__" in vocab.read_text(encoding="utf-8")):
        return "m2m100"
    return "nllb"


def _tokenizer_files(folder: Path, family: str) -> tuple[str, ...]:
    wanted = ("source.spm", "target.spm") if family == "marian" else ("sentencepiece.bpe.model",)
    missing = [name for name in wanted if not (folder / name).exists()]
    if missing:
        raise ModelRefused(
            f"{folder}: the tokenizer file(s) {', '.join(missing)} are missing; copy the whole model folder"
        )
    return wanted


def inspect_model_folder(folder: Path) -> ModelFolder:
    """Identify a model folder or raise ModelRefused with the reason, without loading any weights."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ModelRefused(f"{folder} is not a folder")
    files = [p for p in folder.rglob("*") if p.is_file()]
    pickles = [p.name for p in files if _is_pickle_file(p)]
    if pickles:
        raise ModelRefused(
            f"{folder}: refused because of {', '.join(sorted(pickles))}: these are pickled PyTorch weights, and "
            "loading a pickle can run any code hidden in it. Use the model's .safetensors files or a "
            "CTranslate2 conversion instead."
        )
    config_path = folder / "config.json"
    if not config_path.exists():
        raise ModelRefused(f"{folder}: no config.json: this is not a model folder")
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelRefused(f"{folder}: config.json cannot be read ({exc})") from exc
    if (folder / "model.bin").exists() and any((folder / m).exists() for m in CT2_MARKERS):
        family = _family_from_tokenizer(folder, config)
        return ModelFolder(folder, "ct2", family, _tokenizer_files(folder, family))
    if not any(p.suffix == ".safetensors" for p in files):
        raise ModelRefused(f"{folder}: no weights found (expected *.safetensors or a CTranslate2 model.bin)")
    model_type = str(config.get("model_type", ""))
    if model_type not in ARCHITECTURES:
        known = ", ".join(sorted(ARCHITECTURES))
        raise ModelRefused(f"{folder}: the architecture {model_type or 'unknown'!r} is not supported (known: {known})")
    family = ARCHITECTURES[model_type]
    if family == "m2m100":
        family = _family_from_tokenizer(folder, config)
    return ModelFolder(folder, "transformers", family, _tokenizer_files(folder, family))
