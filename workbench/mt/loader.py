"""Loading a model folder into the backend that fits it (CTranslate2 at run time, transformers for reference).

The interface itself is in engine.py (the backends import only that); this module loads a model
folder into the backend that fits it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from workbench.core.errors import WorkbenchError
from workbench.mt.engine import (
    TranslationEngine,
    default_threads,
)
from workbench.mt.model_files import ModelRefused, inspect_model_folder
from workbench.mt.model_store import CONVERT_EXTRA_HINT, MissingExtra, missing_convert_packages

__all__ = ["LOAD_FAILURES", "NotConverted", "load_engine", "not_converted"]


class NotConverted(WorkbenchError):
    """A safetensors model was asked to run where only CTranslate2 models can."""


def not_converted(model_name: str) -> str:
    """What to do with a model that is installed but not converted to CTranslate2."""
    return (
        f"{model_name} is not converted yet: it is installed as safetensors, and drafts come from its "
        f"CTranslate2 conversion. Run `python main.py models convert {model_name}` (it needs the convert extra: "
        f"{CONVERT_EXTRA_HINT}), or convert it on a machine that has the extra and carry the converted folder "
        f"(models/{model_name}-ct2-int8) here for `python main.py models install PATH`."
    )


#: what CTranslate2, sentencepiece and transformers raise for a model file they cannot use
LOAD_FAILURES = (RuntimeError, ValueError, OSError, KeyError, IndexError)


def load_engine(folder: Path, model_name: str, backend: str = "auto", threads: int = 0) -> TranslationEngine:
    """A CTranslate2 engine for a CTranslate2 folder, the transformers reference engine otherwise.

    The folder is checked by content first; whatever the libraries still refuse while loading
    becomes one message naming the model and its folder."""
    described = inspect_model_folder(folder)
    wanted = described.format if backend == "auto" else backend
    if described.format != "ct2" and (wanted == "ct2" or (backend == "auto" and missing_convert_packages())):
        raise NotConverted(not_converted(model_name))
    if wanted == "ct2":
        from workbench.mt.ct2_engine import Ct2Engine

        engine_class: Callable[[Path, str, str, int], TranslationEngine] = Ct2Engine
    else:
        try:
            from workbench.mt.transformers_engine import TransformersEngine
        except ImportError as exc:
            raise MissingExtra(f"the transformers backend needs torch and transformers; {CONVERT_EXTRA_HINT}") from exc
        engine_class = TransformersEngine
    try:
        engine = engine_class(folder, model_name, described.family, threads or default_threads())
    except LOAD_FAILURES as exc:
        raise ModelRefused(
            f"the model {model_name} in {folder} cannot be loaded ({_first_line(exc)}). Install it again from a "
            f"good copy: `python main.py models install PATH --name {model_name} --replace`"
        ) from exc
    return engine


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
