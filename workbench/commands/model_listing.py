"""`models list`: the catalogue and the installed models, with licence, size and published scores.

The two score columns show only figures that compare across models (FLORES-200 devtest: chrF++ into
English, chrF into Khmer); `--sources` prints every published figure with its test set and address.
"""

from __future__ import annotations

import textwrap

from workbench.mt.catalogue import HEADLINE_METRIC, HEADLINE_TEST_SET, CatalogueEntry
from workbench.mt.model_store import InstalledModel, ModelStore
from workbench.mt.routes import serves

#: the directions with a score column, in the order shown
COLUMNS = ("vi-en", "vi-km")
#: the directions the workbench translates (a route's second hop is en-km)
DIRECTIONS = ("vi-en", "vi-km", "en-km")


def _headline(entry: CatalogueEntry, direction: str) -> str:
    score = entry.scores.headline(direction)
    return score.shown() if score else "—"


def _size(value: int, unit: str, scale: float) -> str:
    return f"{value / scale:.0f}{unit}" if value else "?"


def _status(entry: CatalogueEntry, here: list[str]) -> str:
    if here:
        return ", ".join(here)
    if not entry.installable:
        return "not installable yet (see --sources)"
    return "-" if entry.supported else "not supported yet"


def _directions(model: InstalledModel) -> str:
    """The directions an installed model of no catalogue entry serves, as its family and name tell."""
    served = []
    for direction in DIRECTIONS:
        source, target = direction.split("-")
        if serves(model, source, target):
            served.append(direction)
    return ",".join(served) or "?"


def _licence(text: str) -> str:
    """A licence that fits the column ("unknown: check ..." shows as "unknown", explained under the table)."""
    return text if len(text) <= 13 else text.split(":")[0][:13]


def print_model_list(store: ModelStore, sources: bool = False) -> None:
    installed = store.installed()
    print(
        f"{'model':24} {'licence':13} {'int8 size':>9} {'params':>6}  {'directions':17} "
        f"{'vi-en':>12} {'vi-km':>10}  installed"
    )
    for entry in store.catalogue.entries:
        here = [m.name for m in installed if m.name == entry.name or m.name.startswith(entry.name + "-ct2-")]
        print(
            f"{entry.name:24} {entry.licence:13} {_size(entry.int8_size_mb, ' MB', 1):>9} "
            f"{_size(entry.parameters, 'M', 1e6):>6}  {','.join(entry.directions):17} "
            f"{_headline(entry, 'vi-en'):>12} {_headline(entry, 'vi-km'):>10}  {_status(entry, here)}"
        )
    others = [m for m in installed if not store.catalogue.get(m.name.split("-ct2-")[0])]
    for model in others:
        print(
            f"{model.name:24} {_licence(model.licence):13} {'':>9} {'':>6}  {_directions(model):17} "
            f"{'':>12} {'':>10}  {model.format} ({model.family})"
        )
    for text in sorted({m.licence for m in others if _licence(m.licence) != m.licence}):
        print(f"{_licence(text)}: {text.split(':', 1)[1].strip() if ':' in text else text}")
    metrics = ", ".join(f"{d} {HEADLINE_METRIC[d.split('-')[1]]}" for d in COLUMNS)
    print(f"\nScores: as published for {HEADLINE_TEST_SET} ({metrics}), not measured here; — where none is published.")
    if sources:
        _print_sources(store)
    else:
        print("Every published figure, its test set and where it comes from: `python main.py models list --sources`.")
    print("\nDefaults:")
    for direction, (name, why) in store.catalogue.defaults.items():
        print(textwrap.fill(f"{direction}: {name} — {why}", width=100, initial_indent="  ", subsequent_indent="    "))


def _print_sources(store: ModelStore) -> None:
    print("\nPublished scores and their sources:")
    if store.catalogue.about:
        print(textwrap.fill(store.catalogue.about, width=100, break_on_hyphens=False, break_long_words=False))
    for entry in store.catalogue.entries:
        print(f"\n{entry.name} ({entry.hub_id}, {entry.licence})")
        for score in entry.scores:
            remark = f" ({score.note})" if score.note else ""
            print(f"  {score.direction}  {score.describe()}{remark}\n    source: {score.source}")
        if not len(entry.scores):
            print("  no published score could be traced to a source")
        if entry.memory_mb:
            print(f"  memory while translating: about {entry.memory_mb / 1000:.1f} GB")
        if entry.note:
            print(
                textwrap.fill(
                    entry.note,
                    width=100,
                    initial_indent="  note: ",
                    subsequent_indent="    ",
                    break_on_hyphens=False,
                    break_long_words=False,
                )
            )
