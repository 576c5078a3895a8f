"""A document as a web page in the target language, rebuilt in its original structure (headings, lists
with their depth, tables, paragraphs): a self-contained UTF-8 page a press office can paste into its
site. The page declares its language (so browsers pick a Khmer font and line breaking), Khmer text gets
a Khmer font stack, and text without a translation is marked: a Vietnamese fallback as `lang="vi"`, a
placeholder highlighted with <mark>; not-for-translation text kept as written (a caption, the byline) is
`lang="vi"` too, without the mark of a missing translation. Inline formatting (the segments' tags, a
block's own bold or link) is written as inline elements: see html_inline_export."""

from __future__ import annotations

from html import escape
from pathlib import Path

from workbench.core.exporting.document_rebuild import RebuiltBlock, RebuiltDocument, rebuild, tables
from workbench.core.exporting.export_report import ExportReport
from workbench.core.exporting.export_target import atomic_write, check_target
from workbench.core.exporting.html_inline_export import inline_html, paragraph_wrapping
from workbench.core.records import BlockKind
from workbench.core.store.project_store import Project
from workbench.core.tags.inline_tags import plain_text

_STYLE = {
    "km": 'body { font-family: "Khmer OS Siemreap", "Khmer OS", "Noto Sans Khmer", "Khmer UI", sans-serif; '
    "line-height: 1.8; }",
    "en": "body { font-family: Georgia, serif; line-height: 1.5; }",
}
_COMMON = "table { border-collapse: collapse; } td { border: 1px solid #999; padding: 0.3em; }"


def export_html(
    project: Project, language: str, path: Path, document_id: int, include_unapproved: bool = False,
    fallback: str = "source", leave_out_not_for_translation: bool = False,
) -> ExportReport:  # fmt: skip
    check_target(project, path, [language])
    report = ExportReport(Path(path))
    rebuilt = rebuild(
        project, language, document_id, report, include_unapproved, fallback, leave_out_not_for_translation
    )
    body: list[str] = []
    lists: list[str] = []  # the lists open around the current item, outermost first; each has an open <li>

    def close_list() -> None:
        body[-1] += "</li>"  # on the item's own line: no white space inside the item
        body.append(f"</{lists.pop()}>")

    for what, item in tables(rebuilt.blocks):
        if what == "block" and item.kind is BlockKind.LIST_ITEM:
            tag, depth = ("ol" if item.numbered else "ul"), item.level + 1
            while len(lists) > depth:
                close_list()
            if len(lists) == depth:
                if lists[-1] == tag:
                    body[-1] += "</li>"
                else:
                    close_list()
            while len(lists) < depth:  # a jump of two levels gets an empty item around the inner list
                lists.append(tag)
                body.append(f"<{tag}>" if len(lists) == depth else f"<{tag}><li>")
            body.append(f"<li>{_inline(item)}")
            continue
        while lists:
            close_list()
        if what == "block":
            body.append(_block(item))
        else:
            rows = 1 + max(row for row, _cell in item)
            columns = 1 + max(cell for _row, cell in item)
            body.append("<table>")
            for row in range(rows):
                cells = [
                    "<td>" + "<br>".join(_inline(b) for b in item.get((row, cell), [])) + "</td>"
                    for cell in range(columns)
                ]
                body.append("<tr>" + "".join(cells) + "</tr>")
            body.append("</table>")
    while lists:
        close_list()
    page = (
        f'<!DOCTYPE html>\n<html lang="{escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(_title(rebuilt))}</title>\n<style>{_STYLE.get(language, '')} {_COMMON}</style>\n"
        "</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )
    atomic_write(Path(path), lambda temporary: temporary.write_text(page, encoding="utf-8"))
    return report


def _block(block: RebuiltBlock) -> str:
    if block.kind is BlockKind.TITLE:
        tag = "h1"
    elif block.kind is BlockKind.HEADING:
        tag = f"h{min(max(block.level, 1), 6)}"
    else:
        tag = "p"
    return f"<{tag}>{_inline(block)}</{tag}>"


def _title(rebuilt: RebuiltDocument) -> str:
    """The first heading's words, without its tags' markers (the document's name if it has none)."""
    for block in rebuilt.blocks:
        if block.kind in (BlockKind.TITLE, BlockKind.HEADING):
            return "".join(plain_text(p.text, p.tags, " ") for p in block.pieces).strip()
    return rebuilt.title


def _inline(block: RebuiltBlock) -> str:
    """The block's content: each piece with its tags as inline elements, inside the block's own formats."""
    out = []
    for piece in block.pieces:
        words = piece.text.rstrip()
        text, space = inline_html(words, piece.tags), piece.text[len(words) :]  # the separator stays outside
        if piece.fallback == "source":
            out.append(f'<span lang="vi" class="untranslated">{text}</span>{space}')
        elif piece.as_written:  # not for translation: Vietnamese as it stands, not a gap in the translation
            out.append(f'<span lang="vi">{text}</span>{space}')
        elif piece.fallback == "placeholder":
            out.append(f'<mark class="untranslated">{text}</mark>{space}')
        else:
            out.append(text + space)
    opening, closing = paragraph_wrapping(block.meta)
    return opening + "".join(out) + closing
