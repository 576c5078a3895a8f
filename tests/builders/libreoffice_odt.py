"""The LibreOffice Writer document behind tests/data/libreoffice-tags.docx, written as ODF XML by hand.

Run once (not by the tests: CI has no LibreOffice) to remake the fixture:

    python -m tests.builders.libreoffice_odt tests/data/libreoffice-tags.odt
    soffice --headless --convert-to docx --outdir tests/data tests/data/libreoffice-tags.odt

Direct formatting (bold, italic, bold italic, underline, superscript) is written as automatic styles,
which LibreOffice saves as w:rPr on the run; "Strong Emphasis" and "Emphasis" are character styles,
which it saves as w:rStyle pointing into word/styles.xml.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

LINK = "https://angiang.gov.vn/ke-hoach"

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3"'
)

_STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles {_NS}>
 <office:styles>
  <style:style style:name="Standard" style:family="paragraph" style:class="text"/>
  <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"
      style:parent-style-name="Standard" style:default-outline-level="1" style:class="text">
   <style:text-properties fo:font-size="16pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Footnote" style:family="paragraph" style:parent-style-name="Standard"/>
  <style:style style:name="Strong_20_Emphasis" style:display-name="Strong Emphasis" style:family="text">
   <style:text-properties fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Emphasis" style:family="text">
   <style:text-properties fo:font-style="italic"/>
  </style:style>
 </office:styles>
</office:document-styles>
"""

_CONTENT = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {_NS}>
 <office:automatic-styles>
  <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
  <style:style style:name="T2" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
  <style:style style:name="T3" style:family="text">
   <style:text-properties fo:font-weight="bold" fo:font-style="italic"/>
  </style:style>
  <style:style style:name="T4" style:family="text">
   <style:text-properties style:text-underline-style="solid" style:text-underline-width="auto"
       style:text-underline-color="font-color"/>
  </style:style>
  <style:style style:name="T5" style:family="text"><style:text-properties style:text-position="super 58%"/></style:style>
 </office:automatic-styles>
 <office:body>
  <office:text>
   <text:h text:style-name="Heading_20_1" text:outline-level="1">Kế hoạch văn hoá đối ngoại năm 2026</text:h>
   <text:p text:style-name="Standard"><text:span text:style-name="T1">Quyết định số 12/QĐ-UBND</text:span> \
ban hành kế hoạch <text:span text:style-name="T2">văn hoá đối ngoại</text:span> của tỉnh, xem tại \
<text:a xlink:type="simple" xlink:href="{LINK}">cổng thông tin</text:a>.<text:line-break/>Phụ lục<text:tab/>mục 2\
<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body>\
<text:p text:style-name="Footnote">Ban hành kèm theo Quyết định số 12/QĐ-UBND.</text:p></text:note-body></text:note> \
kèm theo.</text:p>
   <text:p text:style-name="Standard">Nội dung <text:span text:style-name="T3">rất quan trọng</text:span> gồm \
<text:span text:style-name="T4">năm</text:span> mục<text:bookmark text:name="muc-luc"/>, diện tích 20 \
km<text:span text:style-name="T5">2</text:span>.</text:p>
   <text:p text:style-name="Standard">Theo <text:span text:style-name="Strong_20_Emphasis">Luật Di sản văn hoá\
</text:span> và <text:span text:style-name="Emphasis">Nghị định số 98</text:span>, mã số \
<text:bookmark-start text:name="ma-so"/>QĐ\u2011UBND<text:bookmark-end text:name="ma-so"/> và trang \
Inter\u00adnet của tỉnh.</text:p>
  </office:text>
 </office:body>
</office:document-content>
"""

_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""


def build_odt(path: Path) -> None:
    """An .odt as ODF wants it: the mimetype first and stored, then the XML parts."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        for name, text in (("content.xml", _CONTENT), ("styles.xml", _STYLES), ("META-INF/manifest.xml", _MANIFEST)):
            archive.writestr(name, text, zipfile.ZIP_DEFLATED)


if __name__ == "__main__":
    build_odt(Path(sys.argv[1]))
