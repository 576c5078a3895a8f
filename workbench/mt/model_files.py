"""What a model folder holds, checked by content before anything is copied or loaded.

Every file at the top of the folder must be one a model needs, and its bytes must be what its place
says: weights are accepted only as safetensors or as a CTranslate2 model.bin (see weights_format),
sentencepiece models must load, JSON must parse to the shape its readers expect, vocabularies and
readme/licence texts must be UTF-8. Anything else, a pickled checkpoint above all (pytorch_model.bin,
*.pt, *.pkl: loading a pickle can run any code), is refused and never opened by a loader. Links,
devices and FIFOs are refused without being followed; hidden entries (.git, .cache) and subfolders
are left behind: only the files checked here are ever installed.
"""

from __future__ import annotations

import json
import logging
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import sentencepiece

from workbench.core.errors import WorkbenchError
from workbench.mt.families import FolderFacts, ModelFamily, architectures, detect_family, family
from workbench.mt.weights_format import ct2_model_problem, safetensors_problem

log = logging.getLogger(__name__)

CT2_MARKERS = ("shared_vocabulary.json", "shared_vocabulary.txt", "source_vocabulary.json", "source_vocabulary.txt")
#: the workbench's own record of an installed model (written by model_store)
MANIFEST = "workbench-model.json"
#: JSON files whose readers expect an object; the CTranslate2 vocabularies are lists of tokens
JSON_OBJECTS = {
    "config.json",
    "generation_config.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "tokenizer.json",
    "added_tokens.json",
    "model.safetensors.index.json",
    MANIFEST,
}
JSON_TOKEN_LISTS = {"shared_vocabulary.json", "source_vocabulary.json", "target_vocabulary.json"}
#: vocabularies (shared_vocabulary.txt, merges.txt, *.vocab) and readme/licence texts: UTF-8 only
TEXT_SUFFIXES = {".txt", ".vocab", ".md", ".rst"}
TEXT_NAMES = {"readme", "license", "licence", "notice", "copying", "authors"}
#: a model folder is a few dozen files; a JSON, text or sentencepiece file is at most tens of MB (NLLB's
#: tokenizer.json is 17 MB)
MAX_FOLDER_ENTRIES = 1000
MAX_SMALL_FILE = 128 * 1024**2
REFUSED_WEIGHTS = (
    "these are not safetensors, not a CTranslate2 model.bin, and not a config, tokenizer, vocabulary, readme "
    "or licence file. Weights in any other form are refused: pickled PyTorch weights (pytorch_model.bin, .pt, "
    ".pkl) can hide code, and loading a pickle can run any code hidden in it. Use the model's .safetensors "
    "files or a CTranslate2 conversion instead."
)


class ModelRefused(WorkbenchError):
    """A model folder or archive cannot be installed or loaded; the message says why."""


@dataclass(frozen=True, slots=True)
class ModelFolder:
    path: Path
    #: "ct2" (CTranslate2, the fast runtime) or "transformers" (safetensors, for conversion and reference)
    format: str
    #: a registered family's name (workbench.mt.families): "nllb", "m2m100", "marian", "madlad"
    family: str
    #: the sentencepiece files the runtime needs, relative to `path`
    tokenizer_files: tuple[str, ...]
    #: every file checked here (names at the top of `path`): the only ones an install copies
    files: tuple[str, ...] = ()
    #: their total size in bytes
    size: int = 0


@dataclass(slots=True)
class _Reading:
    """What the content checks learnt, for deciding the format and the family."""

    folder: Path
    json: dict[str, object] = field(default_factory=dict)
    weights: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    size: int = 0
    #: each sentencepiece file, loaded (asked later whether a family's language tokens are pieces of it)
    sentencepiece: dict[str, sentencepiece.SentencePieceProcessor] = field(default_factory=dict)


def open_regular(path: Path) -> BinaryIO:
    """Open a file for reading without following a link, and only if it is a regular file."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ModelRefused(f"{path} cannot be read ({exc.strerror or exc})") from exc
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise ModelRefused(f"{path} is not a regular file")
    return os.fdopen(fd, "rb")


def _entry_problem(entry: os.DirEntry[str]) -> str | None:
    """Why a directory entry is not a plain file we may read (links are judged without following)."""
    if entry.is_symlink():
        try:
            target = os.readlink(entry.path)
        except OSError:
            target = "?"
        return f"{entry.name} is a link (to {target}); links are never followed: copy the file itself here"
    info = entry.stat(follow_symlinks=False)
    if stat.S_ISDIR(info.st_mode):
        return None  # a subfolder is left behind, never read
    if stat.S_ISREG(info.st_mode):
        if info.st_nlink > 1:
            return f"{entry.name} is a hard link shared with another file; copy the file itself here"
        return None
    return f"{entry.name} is not a regular file (a device, FIFO or socket)"


def _read_small(path: Path, name: str) -> bytes:
    with open_regular(path) as handle:
        data = handle.read(MAX_SMALL_FILE + 1)
    if len(data) > MAX_SMALL_FILE:
        raise ModelRefused(f"{path.parent}: {name} is larger than {MAX_SMALL_FILE // 1024**2} MB")
    return data


def _text(folder: Path, name: str, data: bytes, what: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ModelRefused(
            f"{folder}: {name} is not UTF-8 text (byte {exc.start}), so it is not a {what}; copy it again"
        ) from None
    if "\x00" in text:
        raise ModelRefused(f"{folder}: {name} holds NUL bytes, so it is not a {what}; copy it again")
    return text


def _check_json(reading: _Reading, name: str, data: bytes) -> None:
    folder = reading.folder
    try:
        value = json.loads(_text(folder, name, data, "JSON file"))
    except ValueError as exc:
        raise ModelRefused(f"{folder}: {name} is not valid JSON ({exc})") from None
    if name in JSON_OBJECTS and not isinstance(value, dict):
        raise ModelRefused(f"{folder}: {name} must hold a JSON object {{...}}, not a {_json_kind(value)}")
    if name in JSON_TOKEN_LISTS and not (isinstance(value, list) and all(isinstance(t, str) for t in value)):
        raise ModelRefused(f"{folder}: {name} must be a JSON list of tokens")
    if name == "vocab.json" and not (
        isinstance(value, dict) and all(isinstance(i, int) and not isinstance(i, bool) for i in value.values())
    ):
        raise ModelRefused(f"{folder}: vocab.json must be a JSON object of tokens and their numbers")
    reading.json[name] = value


def _json_kind(value: object) -> str:
    return {list: "list", str: "string", bool: "true/false", type(None): "null"}.get(type(value), "number")


def _check_sentencepiece(folder: Path, name: str, data: bytes) -> sentencepiece.SentencePieceProcessor:
    processor = sentencepiece.SentencePieceProcessor()
    try:
        processor.LoadFromSerializedProto(data)
        pieces = processor.get_piece_size()
    except (RuntimeError, ValueError, OSError) as exc:  # sentencepiece's own words name its C++ source lines
        log.info("%s/%s does not load: %s", folder, name, exc)
        raise ModelRefused(
            f"{folder}: {name} is not a sentencepiece model that loads; copy the model's own {name} again"
        ) from None
    if pieces == 0:
        raise ModelRefused(f"{folder}: {name} is a sentencepiece model without pieces")
    return processor


def _check_weights(reading: _Reading, path: Path, name: str) -> None:
    with open_regular(path) as handle:
        problem = safetensors_problem(handle) if name.endswith(".safetensors") else ct2_model_problem(handle)
    if problem:
        reading.refused.append(f"{name} ({problem})")
    else:
        reading.weights.append(name)


def _check_file(reading: _Reading, name: str) -> None:
    """Check one file by the bytes its place calls for; unknown files go to `refused`."""
    path = reading.folder / name
    lower = name.lower()
    suffix = Path(lower).suffix
    if lower.endswith(".safetensors") or name == "model.bin":
        _check_weights(reading, path, name)
    elif suffix in (".spm", ".model"):
        reading.sentencepiece[name] = _check_sentencepiece(reading.folder, name, _read_small(path, name))
    elif suffix == ".json":
        _check_json(reading, name, _read_small(path, name))
    elif suffix in TEXT_SUFFIXES or Path(lower).stem in TEXT_NAMES:
        what = "vocabulary" if "vocab" in lower or lower == "merges.txt" else "text file"
        _text(reading.folder, name, _read_small(path, name), what)
    else:
        reading.refused.append(name)
        return
    reading.files.append(name)


def _read_folder(folder: Path) -> _Reading:
    reading = _Reading(folder)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        raise ModelRefused(f"{folder} cannot be read ({exc.strerror or exc})") from exc
    if len(entries) > MAX_FOLDER_ENTRIES:
        raise ModelRefused(f"{folder} holds {len(entries)} entries: a model folder holds a few dozen files")
    plain = []
    for entry in entries:
        if entry.name.startswith("."):
            continue  # .git, .cache, .gitattributes: never copied, never read
        if problem := _entry_problem(entry):
            raise ModelRefused(f"{folder}: refused because {problem}")
        if entry.is_file(follow_symlinks=False):
            plain.append(entry.name)
            reading.size += entry.stat(follow_symlinks=False).st_size
    for name in plain:
        _check_file(reading, name)
    if reading.refused:
        raise ModelRefused(f"{folder}: refused because of {', '.join(reading.refused)}: {REFUSED_WEIGHTS}")
    return reading


def _family_from_tokenizer(reading: _Reading, config: dict[str, object]) -> str:
    tokenizer_config = reading.json.get("tokenizer_config.json")
    vocabulary = reading.json.get("shared_vocabulary.json")
    facts = FolderFacts(
        files=tuple(reading.files),
        model_type=str(config.get("model_type", "")),
        tokenizer_class=str(tokenizer_config.get("tokenizer_class", "")) if isinstance(tokenizer_config, dict) else "",
        vocabulary=tuple(vocabulary) if isinstance(vocabulary, list) else (),
    )
    return detect_family(facts).name


def _tokenizer_files(folder: Path, names: set[str], family_name: str, model_type: str = "") -> tuple[str, ...]:
    wanted = family(family_name).tokenizer_files
    missing = [name for name in wanted if name not in names]
    if missing:
        claim = f"config.json says this is a {model_type} model, but " if model_type else ""
        raise ModelRefused(
            f"{folder}: {claim}its sentencepiece tokenizer file(s) {', '.join(missing)} are missing; "
            "copy the whole model folder"
        )
    return wanted


def _check_language_pieces(reading: _Reading, family_name: str) -> None:
    """A family that writes the target's token into the source text (MADLAD-400's "<2km> ...") needs each
    token to be one piece of its sentencepiece model: a T5 without them (t5-small, flan-t5) would read
    "<2km>" as plain text and write whatever it likes, with nothing to say so."""
    chosen = family(family_name)
    processor = reading.sentencepiece.get(chosen.source_spm)
    if not chosen.target_token_in_source or processor is None:
        return
    missing = [t for t in chosen.language_tokens.values() if processor.piece_to_id(t) == processor.unk_id()]
    if missing:
        raise ModelRefused(
            f"{reading.folder}: its {chosen.source_spm} has no {', '.join(missing)} piece: MADLAD-400 is told "
            "which language to write by these tokens, so this T5 model (not MADLAD-400?) cannot be asked for "
            "Vietnamese, English or Khmer"
        )


def inspect_model_folder(folder: Path) -> ModelFolder:
    """Identify a model folder by its files' content or raise ModelRefused with the reason; no weights loaded."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ModelRefused(f"{folder} is not a folder")
    reading = _read_folder(folder)
    names = set(reading.files)
    if "config.json" not in names:
        raise ModelRefused(f"{folder}: no config.json: this is not a model folder")
    config = reading.json["config.json"]
    assert isinstance(config, dict)  # checked by _check_json
    files = tuple(reading.files)
    if "model.bin" in reading.weights and any(m in names for m in CT2_MARKERS):
        family_name = _family_from_tokenizer(reading, config)
        tokenizer_files = _tokenizer_files(folder, names, family_name)
        _check_language_pieces(reading, family_name)
        return ModelFolder(folder, "ct2", family_name, tokenizer_files, files, reading.size)
    if not any(name.endswith(".safetensors") for name in reading.weights):
        raise ModelRefused(f"{folder}: no weights found (expected *.safetensors or a CTranslate2 model.bin)")
    model_type = str(config.get("model_type", ""))
    known = architectures()
    if model_type not in known:
        raise ModelRefused(
            f"{folder}: the architecture {model_type or 'unknown'!r} is not supported (known: {', '.join(sorted(known))})"
        )
    owners = known[model_type]
    family_name = owners[0].name if len(owners) == 1 else _family_from_tokenizer(reading, config)
    tokenizer_files = _tokenizer_files(folder, names, family_name, model_type)
    _check_language_pieces(reading, family_name)
    return ModelFolder(folder, "transformers", family_name, tokenizer_files, files, reading.size)


def family_of_folder(folder: Path) -> ModelFamily:
    """The registered family of a model folder, checked by content (ModelRefused when it has none)."""
    return family(inspect_model_folder(folder).family)
