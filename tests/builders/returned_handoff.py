"""A hand-off file as a translator elsewhere sends it back: every target filled in, state translated."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from workbench.core.exporting.export_formats import handoff
from workbench.core.exporting.xliff import NS
from workbench.core.store.project_store import Project


def returned_xliff(project: Project, folder: Path, targets: Sequence[str], language: str = "km") -> Path:
    """Hand off the project as XLIFF, fill each unit's target with `targets` in order, save returned.xlf."""
    handoff(project, "xliff", language, folder / "handoff.xlf")
    tree = etree.parse(str(folder / "handoff.xlf"))
    for unit, text in zip(tree.getroot().iter(f"{{{NS}}}trans-unit"), targets, strict=True):
        target = unit.find(f"{{{NS}}}target")
        if target is None:
            target = etree.SubElement(unit, f"{{{NS}}}target")
        target.text, target.attrib["state"] = text, "translated"
    tree.write(str(folder / "returned.xlf"), encoding="UTF-8", xml_declaration=True)
    return folder / "returned.xlf"
