"""Which installed model or pivot route translates into a language: one choice for the CLI and the window.

A choice is a text: a model name, or a route `vi-en-km:opus-mt-vi-en+nllb-200-distilled-600M`
(mt/routes.py). The order is the same everywhere: what the command line names, else the user's choice
for that language in the settings, else the catalogue's default.
"""

from __future__ import annotations

from workbench.mt.engine_pool import EnginePool, LoadedEngine, NoModel, choose_model

__all__ = ["EnginePool", "LoadedEngine", "NoModel", "choose_model"]
