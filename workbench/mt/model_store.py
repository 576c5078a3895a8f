"""Installed models: a folder per model under models/ (or the folder set in the settings).

Installing validates first (model_files: by content; model_archive: unpacked safely), copies only the
checked files into a hidden `.partial` folder without following links, checks the copy again and
renames it into place last, with its manifest already inside: a half-copied install never appears
as installed, and a failed one leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import logging
import os
import shutil
import socket
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from workbench.core.errors import ImportProblem, WorkbenchError
from workbench.core.user_file import check_regular_file
from workbench.mt.catalogue import MODELS_DIR, Catalogue, load_catalogue
from workbench.mt.families import family as model_family
from workbench.mt.model_archive import DEFAULT_LIMITS, ArchiveLimits, unpack_model_archive
from workbench.mt.model_files import MANIFEST, ModelFolder, ModelRefused, inspect_model_folder, open_regular

log = logging.getLogger(__name__)

__all__ = ["MANIFEST", "InstalledModel", "MissingExtra", "ModelStore"]

#: how old an interrupted install's work folder must be before the next install removes it
LEFTOVER_AGE_SECONDS = 3600
COPY_CHUNK = 4 * 1024**2
MAX_NAME = 200


class MissingExtra(WorkbenchError):
    """A feature needs packages that the runtime install leaves out (torch, transformers)."""


class InstallFailed(WorkbenchError):
    """Copying a checked model into place failed (disk full, permissions); nothing was installed."""


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
    def __init__(
        self,
        root: Path = MODELS_DIR,
        catalogue: Catalogue | None = None,
        archive_limits: ArchiveLimits = DEFAULT_LIMITS,
    ) -> None:
        self.root = Path(root)
        self.catalogue = catalogue or load_catalogue()
        self.archive_limits = archive_limits

    # --- listing ----------------------------------------------------------------------------------

    def installed(self) -> list[InstalledModel]:
        models: list[InstalledModel] = []
        if not self.root.is_dir():
            return models
        for folder in sorted(self.root.iterdir()):
            manifest = folder / MANIFEST
            if folder.name.startswith(".") or folder.is_symlink() or manifest.is_symlink() or not manifest.is_file():
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
            except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
                log.warning("ignoring %s: unreadable manifest (%s)", folder, exc)
        return models

    def _clear_leftovers(self) -> None:
        """Work folders an interrupted install, convert or download left (a kill skips their clean-up),
        once they are an hour old: a younger one may belong to a command still running."""
        cutoff = time.time() - LEFTOVER_AGE_SECONDS
        for folder in self.root.glob(".*"):
            if not folder.name.startswith((".unpack-", ".convert-", ".download-")):
                continue
            with contextlib.suppress(OSError):
                if not folder.is_symlink() and folder.is_dir() and folder.stat().st_mtime < cutoff:
                    shutil.rmtree(folder)

    def get(self, name: str, installed: list[InstalledModel] | None = None) -> InstalledModel:
        """The installed model called `name`; `installed`: the folder as a caller already read it."""
        models = self.installed() if installed is None else installed
        for model in models:
            if model.name == name:
                return model
        names = ", ".join(m.name for m in models) or "none"
        raise WorkbenchError(f"no installed model is called {name!r} (installed: {names})")

    def runnable(
        self, name: str, backend: str = "auto", installed: list[InstalledModel] | None = None
    ) -> InstalledModel:
        """The model to run for `name`: itself if CTranslate2, else its converted CTranslate2 copy if there is one.
        The transformers backend (the reference) runs the transformers folder, whichever of the two is named.
        The models folder is read once (`installed`: as a caller already read it)."""
        models = self.installed() if installed is None else installed
        model = self.get(name, models)
        if backend == "transformers":
            return self._transformers_folder(model, models)
        if model.format == "ct2":
            return model
        for other in models:
            if other.format == "ct2" and other.name.startswith(f"{name}-ct2-"):
                return other
        return model

    def _transformers_folder(self, model: InstalledModel, installed: list[InstalledModel]) -> InstalledModel:
        if model.format != "ct2":
            return model
        original = model.name.split("-ct2-")[0]
        for other in installed:
            if other.format != "ct2" and other.name == original:
                return other
        raise ModelRefused(
            f"{model.name} is a CTranslate2 model: the transformers backend needs the model's transformers folder "
            "(install it beside it), or translate with --backend ct2"
        )

    # --- installing -------------------------------------------------------------------------------

    def install(self, source: Path, name: str | None = None, replace: bool = False) -> InstalledModel:
        """Install a model folder or archive copied from another machine; nothing is downloaded."""
        source = Path(source)
        if not source.exists():
            raise ModelRefused(f"{source} does not exist")
        archive = not source.is_dir()
        if archive:  # a named pipe or a device would be waited on for ever
            try:
                check_regular_file(source)
            except ImportProblem as problem:
                raise ModelRefused(f"{source}: {problem.problem}; give the model's folder or its archive") from None
        self.root.mkdir(parents=True, exist_ok=True)
        self._clear_leftovers()
        with tempfile.TemporaryDirectory(dir=self.root, prefix=".unpack-") as unpack:
            folder = unpack_model_archive(source, Path(unpack), self.archive_limits) if archive else source
            try:
                described = inspect_model_folder(folder)
            except ModelRefused as refused:
                if not archive:
                    raise
                # the work folder is hidden and gone once this ends: name the archive the user gave
                inside = f"{source} (its folder {folder.name})" if folder != Path(unpack) else str(source)
                raise ModelRefused(str(refused).replace(str(folder), inside)) from None
            model_name = name or _model_name(source)
            return self._copy_in(described, model_name, replace, quantization="", move=archive)

    def _copy_in(
        self, described: ModelFolder, name: str, replace: bool, quantization: str, move: bool = False
    ) -> InstalledModel:
        _check_name(name)
        final = self.root / name
        if (final.exists() or final.is_symlink()) and not replace:
            raise ModelRefused(f"a model called {name!r} is already installed ({final}); remove it first")
        if not move and (free := shutil.disk_usage(self.root).free) < described.size:
            raise InstallFailed(
                f"{name} needs {described.size / 1024**2:.0f} MB and {self.root} has {free / 1024**2:.0f} MB free; "
                "nothing was installed"
            )
        partial = self.root / f".{name}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        try:
            _place_files(described, partial, move)
            copied = inspect_model_folder(partial)  # the copy itself, which no one else can change
            entry = self.catalogue.get(name.split("-ct2-")[0])
            manifest = {
                "name": name,
                "format": copied.format,
                "family": copied.family,
                "quantization": quantization,
                "licence": entry.licence if entry else "unknown: check the model's own licence",
                "hub_id": entry.hub_id if entry else "",
                "installed_at": datetime.now(UTC).isoformat(timespec="seconds"),
            }
            (partial / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
            old = self.root / f".{name}.replaced"
            if final.exists() or final.is_symlink():
                shutil.rmtree(old, ignore_errors=True)
                final.replace(old)
            partial.replace(final)
            shutil.rmtree(old, ignore_errors=True)
        except OSError as exc:
            raise InstallFailed(
                f"{name} could not be copied into {self.root} ({exc.strerror or exc}); nothing was installed"
            ) from exc
        finally:
            shutil.rmtree(partial, ignore_errors=True)
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
        # The folder is checked again: it must hold no weights but safetensors, and only those are loaded.
        described = inspect_model_folder(model.path)

        class SafetensorsOnly(TransformersConverter):
            def load_model(self, model_class: Any, model_name_or_path: str, **kwargs: Any) -> Any:
                return model_class.from_pretrained(model_name_or_path, **kwargs, use_safetensors=True)

        with tempfile.TemporaryDirectory(dir=self.root, prefix=".convert-") as work:
            out = Path(work) / "model"
            converter = SafetensorsOnly(str(model.path), copy_files=list(described.tokenizer_files))
            try:
                with model_family(described.family).converting():
                    converter.convert(str(out), quantization=quantization)
            except (ImportError, NameError) as exc:  # CTranslate2's converter meets a missing torch as a NameError
                raise MissingExtra(f"converting a model needs torch and transformers; {CONVERT_EXTRA_HINT}") from exc
            except (ValueError, RuntimeError, OSError, KeyError, TypeError) as exc:
                raise ModelRefused(f"{model.path}: {name} cannot be converted ({exc}); nothing was installed") from exc
            converted = inspect_model_folder(out)
            return self._copy_in(
                converted, f"{name}-ct2-{quantization}", replace=True, quantization=quantization, move=True
            )

    def download(self, name: str) -> InstalledModel:
        """On a connected machine: fetch a catalogue model's safetensors from the model hub and install it."""
        entry = self.catalogue.get(name)
        if entry is None:
            raise WorkbenchError(f"{name!r} is not in the model catalogue (see `models list`)")
        if not entry.installable:
            raise WorkbenchError(
                f"{entry.name} cannot be downloaded and installed as its publisher offers it. {entry.note}"
            )
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


def _model_name(source: Path) -> str:
    name = source.name
    for suffix in (".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".tar", ".zip"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def _check_name(name: str) -> None:
    """A model name is one plain folder name under models/."""
    if (
        not name
        or len(name) > MAX_NAME
        or name.startswith(".")
        or any(c in name for c in "/\\\x00")
        or not name.isprintable()
    ):
        raise ModelRefused(f"{name!r} cannot be a model name (one folder name, not starting with a dot)")


def _place_files(described: ModelFolder, partial: Path, move: bool) -> None:
    """Put the checked files (and only those) into `partial`; links are never followed."""
    partial.mkdir()
    for name in described.files:
        source, target = described.path / name, partial / name
        if move:  # our own unpacked or converted copy, on the same disk
            os.replace(source, target)
            continue
        with open_regular(source) as reader, open(target, "xb") as writer:
            shutil.copyfileobj(reader, writer, COPY_CHUNK)
