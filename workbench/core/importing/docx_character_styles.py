"""The formats Word character styles give their runs, so a run in a bold style counts as bold.

LibreOffice saves its character styles ("Strong Emphasis", "Emphasis") as w:rStyle on the run, with the
bold or italic in word/styles.xml rather than on the run; Word does the same for "Strong" and "Emphasis".
The styles are resolved once per document (following w:basedOn), so a run costs one dictionary look-up
(docx_runs.run_properties, where a property the run sets itself wins over its style's).
The link styles (Word's "Hyperlink", LibreOffice's "Internet Link") are how a link looks, not formatting
of its words: the link is a tag already, and their underline would only make every link's tag differ.
"""

from __future__ import annotations

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = f"{W}val"
_OFF = ("0", "false", "off", "none")
#: a w:rPr child -> the format it switches on or off
_TOGGLES = {f"{W}b": "bold", f"{W}i": "italic", f"{W}strike": "strike"}
_LINK_LOOKS = {"hyperlink", "followedhyperlink", "followed hyperlink", "internet link", "visited internet link"}


def _own_formats(rpr: etree._Element | None) -> dict[str, bool]:
    """What one style's w:rPr switches on (True) or off (False)."""
    out: dict[str, bool] = {}
    if rpr is None:
        return out
    for child in rpr:
        tag = child.tag
        if tag in _TOGGLES:
            out[_TOGGLES[tag]] = child.get(_VAL, "1").lower() not in _OFF
        elif tag == f"{W}u":
            out["underline"] = child.get(_VAL, "single").lower() not in _OFF
        elif tag == f"{W}vertAlign":
            value = child.get(_VAL, "")
            out["superscript"], out["subscript"] = value == "superscript", value == "subscript"
    return out


def character_style_formats(root: etree._Element | None) -> dict[str, dict[str, bool]]:
    """Character style id -> the formats its runs have (after w:basedOn; the nearest style decides).
    Styles that give no format are left out."""
    if root is None:
        return {}
    own: dict[str, tuple[str, dict[str, bool]]] = {}
    for style in root.iter(f"{W}style"):
        if style.get(f"{W}type") != "character":
            continue
        sid = str(style.get(f"{W}styleId", ""))
        name = style.find(f"{W}name")
        based = style.find(f"{W}basedOn")
        looks_like_a_link = (str(name.get(_VAL, "")) if name is not None else "").lower() in _LINK_LOOKS
        formats = {} if looks_like_a_link or sid.lower() in _LINK_LOOKS else _own_formats(style.find(f"{W}rPr"))
        own[sid] = (str(based.get(_VAL, "")) if based is not None else "", formats)
    out: dict[str, dict[str, bool]] = {}
    for sid in own:
        resolved: dict[str, bool] = {}
        seen: set[str] = set()
        current = sid
        while current in own and current not in seen:
            seen.add(current)
            based_on, formats = own[current]
            for key, value in formats.items():
                resolved.setdefault(key, value)
            current = based_on
        wanted = {k: True for k, v in resolved.items() if v}
        if wanted:
            out[sid] = wanted
    return out
