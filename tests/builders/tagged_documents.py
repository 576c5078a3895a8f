"""A project holding one paragraph built with TaggedParagraph, segmented as an import would: for tests of
what tags do once they are in a project (exchange formats, TMX)."""

from __future__ import annotations

from pathlib import Path

from workbench.core.importing.file_import import segment_blocks
from workbench.core.language.segmenter import segmenter_for
from workbench.core.records import BlockKind, PreparedDocument, SourceBlock
from workbench.core.store.project_store import Project
from workbench.core.tags.tagged_paragraphs import FinishedParagraph


def project_with_paragraph(tmp_path: Path, finished: FinishedParagraph) -> Project:
    """A new project (vi -> en) at tmp_path/p.wbp with `finished` as the one paragraph of bai.txt."""
    blocks = [SourceBlock(BlockKind.PARAGRAPH, finished.text, tags=finished.tags)]
    document = PreparedDocument(
        "bai.txt", "txt", "utf-8", str(tmp_path / "bai.txt"), blocks, segment_blocks(blocks, segmenter_for("vi"))
    )
    project = Project.create(tmp_path / "p.wbp", "p", "vi", ["en"])
    project.store_document(document)
    return project
