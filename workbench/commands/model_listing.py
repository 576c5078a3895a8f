"""`models list`: the catalogue and the installed models, with licence, size and scores."""

from __future__ import annotations

from workbench.mt.model_store import ModelStore


def print_model_list(store: ModelStore) -> None:
    installed = store.installed()
    print(f"{'model':28} {'licence':14} {'int8 size':>9} {'params':>7}  {'directions':18} vi-en chrF++  installed")
    for entry in store.catalogue.entries:
        here = [m.name for m in installed if m.name == entry.name or m.name.startswith(entry.name + "-ct2-")]
        score = entry.scores.get("vi-en")
        status = ", ".join(here) if here else ("-" if entry.supported else "not supported yet")
        print(
            f"{entry.name:28} {entry.licence:14} {entry.int8_size_mb:>6} MB {entry.parameters / 1e6:>6.0f}M  "
            f"{','.join(entry.directions):18} {score if score else '':>12}  {status}"
        )
    others = [m for m in installed if not store.catalogue.get(m.name.split("-ct2-")[0])]
    for model in others:
        print(
            f"{model.name:28} {model.licence[:14]:14} {'':>9} {'':>7}  {'':18} {'':>12}  {model.format} ({model.family})"
        )
    print("\nDefaults:")
    for direction, (name, why) in store.catalogue.defaults.items():
        print(f"  {direction}: {name} — {why}")
