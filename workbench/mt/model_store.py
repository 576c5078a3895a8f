"""Installed models: a folder per model under models/ (or the folder set in the settings).

Installing validates first, copies into a hidden `.partial` folder and renames it into place last,
with its manifest already inside: a half-copied install never appears as installed.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import shutil
import socket
import tarfile
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from workbench.core.errors import WorkbenchError
from workbench.mt.catalogue import MODELS_DIR, Catalogue, load_catalogue
from workbench.mt.model_files import ModelFolder, ModelRefused, inspect_model_folder

log = logging.getLogger(__name__)

MANIFEST = "workbench-model.json"
MAX_ARCHIVE_UNPACKED = 20 * 1024**3


class MissingExtra(WorkbenchError):
    """A feature needs packages that the runtime install leaves out (torch, transformers)."""


CONVERT_EXTRA_HINT = "install them with:  pip install -e '.[convert]'"
CONVERT_PACKAGES = ("torch", "transformers", "safetensors")


def missing_convert_packages() -> list[str]:
    """The packages of the convert extra that this install lacks (checked without importing them)."""
    return [name for name in CONVERT_PACKAGES if importlib.util.find_spec(name) is None]


def convert_needs() -> str:
    """What an offline user must do before `models convert` can run here; empty when nothing is missing."""
    missing = missing_convert_packages()
    if not missing:
        return ""
    return (
        f"converting a model needs {', '.join(missing)} (the convert extra), which this install does not have. "
        f"Either {CONVERT_EXTRA_HINT} (on a connected machine, or from wheels carried here), or convert on a "
        "machine that has them and carry the converted folder (models/NAME-ct2-int8) here for `models install`."
    )


@dataclass(frozen=True, slots=True)
class InstalledModel:
    name: str
    path: Path
    format: str  # "ct2" or "transformers"
    family: str
    quantization: str
    licence: str
    installed_at: str


class ModelStore:
    def __init__(self, root: Path = MODELS_DIR, catalogue: Catalogue | None = None) -> None:
        self.root = Path(root)
        self.catalogue = catalogue or load_catalogue()

    # --- listing ----------------------------------------------------------------------------------

    def installed(self) -> list[InstalledModel]:
        models: list[InstalledModel] = []
        if not self.root.is_dir():
            return models
        for folder in sorted(self.root.iterdir()):
            manifest = folder / MANIFEST
            if folder.name.startswith(".") or not manifest.is_file():
                continue
            try:
                raw = json.loads(manifest.read_text(encoding="utf-8"))
                models.append(
                    InstalledModel(
                        name=raw["name"],
                        path=folder,
                        format=raw["format"],
                        family=raw["family"],
                        quantization=raw.get("quantization", ""),
                        licence=raw.get("licence", ""),
                        installed_at=raw.get("installed_at", ""),
                    )
                )
            except (OSError, ValueError, KeyError) as exc:
                log.warning("ignoring %s: unreadable manifest (%s)", folder, exc)
        return models

    def get(self, name: str) -> InstalledModel:
        for model in self.installed():
            if model.name == name:
                return model
        names = ", ".join(m.name for m in self.installed()) or "none"
        raise WorkbenchError(f"no installed model is called {name!r} (installed: {names})")

    def runnable(self, name: str) -> InstalledModel:
        """The model to run for `name`: itself if CTranslate2, else its converted CTranslate2 copy if there is one."""
        model = self.get(name)
        if model.format == "ct2":
            return model
        for other in self.installed():
            if other.format == "ct2" and other.name.startswith(f"{name}-ct2-"):
                return other
        return model

    # --- installing -------------------------------------------------------------------------------

    def install(self, source: Path, name: str | None = None, replace: bool = False) -> InstalledModel:
        """Install a model folder or archive copied from another machine; nothing is downloaded."""
        source = Path(source)
        if not source.exists():
            raise ModelRefused(f"{source} does not exist")
        self.root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=self.root, prefix=".unpack-") as unpack:
            folder = _unpack(source, Path(unpack)) if source.is_file() else source
            described = inspect_model_folder(folder)
            model_name = name or _model_name(source)
            return self._copy_in(described, model_name, replace, quantization="")

    def _copy_in(
        self, described: ModelFolder, name: str, replace: bool, quantization: str, move: bool = False
    ) -> InstalledModel:
        if not name or "/" in name or name.startswith("."):
            raise ModelRefused(f"{name!r} cannot be a model name")
        final = self.root / name
        if final.exists() and not replace:
            raise ModelRefused(f"a model called {name!r} is already installed ({final}); remove it first")
        partial = self.root / f".{name}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        if move:
            shutil.move(str(described.path), partial)
        else:
            shutil.copytree(described.path, partial)
        entry = self.catalogue.get(name.split("-ct2-")[0])
        manifest = {
            "name": name,
            "format": described.format,
            "family": described.family,
            "quantization": quantization,
            "licence": entry.licence if entry else "unknown: check the model's own licence",
            "hub_id": entry.hub_id if entry else "",
            "installed_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        if final.exists():
            shutil.rmtree(final)
        partial.replace(final)
        return self.get(name)

    def remove(self, name: str) -> None:
        model = self.get(name)
        trash = model.path.with_name(f".{model.name}.removing")
        model.path.replace(trash)
        shutil.rmtree(trash, ignore_errors=True)

    # --- converting and downloading ---------------------------------------------------------------

    def convert(self, name: str, quantization: str = "int8") -> InstalledModel:
        """Convert an installed transformers model to CTranslate2 (the runtime needs no torch afterwards)."""
        model = self.get(name)
        if model.format != "transformers":
            raise WorkbenchError(f"{name} is already a CTranslate2 model")
        if needs := convert_needs():
            raise MissingExtra(needs)
        try:
            from ctranslate2.converters import TransformersConverter
        except ImportError as exc:
            raise MissingExtra(f"converting a model needs torch and transformers; {CONVERT_EXTRA_HINT}") from exc
        described = inspect_model_folder(model.path)
        with tempfile.TemporaryDirectory(dir=self.root, prefix=".convert-") as work:
            out = Path(work) / "model"
            converter = TransformersConverter(str(model.path), copy_files=list(described.tokenizer_files))
            vocabulary = m2m100_vocabulary_from_tokenizer() if described.family == "m2m100" else nullcontext()
            try:
                with vocabulary:
                    converter.convert(str(out), quantization=quantization)
            except (ImportError, NameError) as exc:  # CTranslate2's converter meets a missing torch as a NameError
                raise MissingExtra(f"converting a model needs torch and transformers; {CONVERT_EXTRA_HINT}") from exc
            converted = inspect_model_folder(out)
            return self._copy_in(
                converted, f"{name}-ct2-{quantization}", replace=True, quantization=quantization, move=True
            )

    def download(self, name: str) -> InstalledModel:
        """On a connected machine: fetch a catalogue model's safetensors from the model hub and install it."""
        entry = self.catalogue.get(name)
        if entry is None:
            raise WorkbenchError(f"{name!r} is not in the model catalogue (see `models list`)")
        try:
            import huggingface_hub
            from huggingface_hub import constants
        except ImportError as exc:
            raise MissingExtra(f"downloading needs huggingface_hub; {CONVERT_EXTRA_HINT}") from exc
        host = urlparse(constants.ENDPOINT).hostname or ""
        try:
            socket.create_connection((host, 443), timeout=3).close()
        except OSError:
            raise WorkbenchError(
                f"the model hub ({host}) cannot be reached from this machine. On a connected machine run "
                f"`python main.py models download {name}`, copy the folder models/{name} here (USB stick, "
                "shared drive) and run `python main.py models install PATH`."
            ) from None
        with tempfile.TemporaryDirectory(dir=self.root, prefix=".download-") as work:
            folder = huggingface_hub.snapshot_download(
                entry.hub_id,
                local_dir=work,
                allow_patterns=["*.json", "*.safetensors", "*.model", "*.spm", "*.txt"],
            )
            return self._copy_in(inspect_model_folder(Path(folder)), entry.name, replace=False, quantization="")


@contextmanager
def m2m100_vocabulary_from_tokenizer() -> Iterator[None]:
    """While converting, take M2M100's token list id by id from the model's own tokenizer.

    With transformers 5 CTranslate2's converter misses M2M100's language tokens (__vi__, __km__): they
    would be read as <unk>, or the conversion stops on a vocabulary size mismatch.
    """
    from ctranslate2.converters import transformers as ct2_transformers

    class Loader(ct2_transformers.M2M100Loader):
        def get_vocabulary(self, model: Any, tokenizer: Any) -> list[str]:
            tokens = [str(t) for t in tokenizer.convert_ids_to_tokens(list(range(model.config.vocab_size)))]
            seen: set[str] = set()
            for i, token in enumerate(tokens):  # ids past the tokenizer come back as <unk>: name them apart
                if token in seen:
                    tokens[i] = f"madeupword{i}"
                seen.add(tokens[i])
            return tokens

    registry = ct2_transformers._MODEL_LOADERS
    original = registry["M2M100Config"]
    registry["M2M100Config"] = Loader()
    try:
        yield
    finally:
        registry["M2M100Config"] = original


def _model_name(source: Path) -> str:
    name = source.name
    for suffix in (".tar.gz", ".tgz", ".tar", ".zip"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _unpack(archive: Path, into: Path) -> Path:
    """Extract a .zip or .tar(.gz) safely and return the folder in it that holds config.json."""
    try:
        if zipfile.is_zipfile(archive):
            with zipfile.ZipFile(archive) as zipped:
                if sum(i.file_size for i in zipped.infolist()) > MAX_ARCHIVE_UNPACKED:
                    raise ModelRefused(f"{archive} would unpack to more than 20 GB")
                for info in zipped.infolist():
                    target = (into / info.filename).resolve()
                    if not target.is_relative_to(into.resolve()):
                        raise ModelRefused(f"{archive}: the entry {info.filename!r} points outside the archive")
                zipped.extractall(into)
        elif tarfile.is_tarfile(archive):
            with tarfile.open(archive) as tarred:
                tarred.extractall(into, filter="data")
        else:
            raise ModelRefused(f"{archive} is neither a model folder nor a .zip or .tar archive")
    except (zipfile.BadZipFile, tarfile.TarError, EOFError) as exc:
        raise ModelRefused(f"{archive} is damaged ({exc})") from exc
    candidates = sorted(p.parent for p in into.rglob("config.json"))
    if not candidates:
        raise ModelRefused(f"{archive}: no model folder (with a config.json) inside")
    return candidates[0]
