"""Every command of the plain install, as a new user types them: run by `.ci/run` in a clean venv.

    python -m venv /tmp/plain && /tmp/plain/bin/pip install -e . && /tmp/plain/bin/python tests/fresh_install_smoke.py

The venv has only what the README's first command installs (no torch, no transformers, no test tools), so
a module-level import that only an extra provides fails here. Each step must exit as documented and print
no traceback; the window opens a project offscreen. Prints one line per step and exits non-zero on the
first failure.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO / "tests" / "data" / "soc-trang-article-vi.txt"

HTML = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Du lịch Sóc Trăng</title>
<style>body{font-family:Arial}</style></head><body><nav><a href="/">Trang chủ</a> | <a href="/lien-he">Liên hệ</a></nav>
<h1>Chùa Dơi ở TP. Sóc Trăng</h1><p>Chùa Dơi là ngôi chùa Khmer nổi tiếng. Mỗi năm chùa đón hàng nghìn lượt khách.</p>
<footer>© Bản quyền thuộc Sở Văn hóa, Thể thao và Du lịch tỉnh Sóc Trăng.</footer></body></html>
"""

PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: km\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

#: menu.c:10
msgid "Mở dự án"
msgstr ""

msgid "Lưu"
msgstr "រក្សាទុក"
"""


class SmokeFailure(Exception):
    pass


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="fresh-install-"))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "WORKBENCH_CONFIG_DIR": str(work / "config"),
        "WORKBENCH_DATA_DIR": str(work / "data"),
        "WORKBENCH_MODELS_DIR": str(work / "models"),
    }

    def run(*args: str, expect: int = 0, shows: str = "") -> str:
        done = subprocess.run(
            [sys.executable, str(REPO / "main.py"), *args],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        output = done.stdout + done.stderr
        print(f"{'ok ' if done.returncode == expect else 'FAIL'} [{done.returncode}] {' '.join(args)}")
        if done.returncode != expect or "Traceback" in output or (shows and not re.search(shows, output)):
            raise SmokeFailure(f"`{' '.join(args)}` exited {done.returncode} (expected {expect}):\n{output}")
        return output

    import docx  # a runtime dependency: the plain install has it

    document = docx.Document()
    document.add_heading("Lễ hội Oóc Om Bóc năm 2024", level=1)
    document.add_paragraph(
        "Lễ hội diễn ra tại TP. Sóc Trăng từ ngày 13 đến ngày 15/11/2024. Có 60 đội ghe Ngo tham gia."
    )
    document.add_paragraph("Du khách có thể xem đua ghe trên sông Maspero.", style="List Bullet")
    document.save(str(work / "le-hoi.docx"))
    (work / "bai.txt").write_bytes(ARTICLE.read_bytes())
    (work / "chua-doi.html").write_text(HTML, encoding="utf-8")
    (work / "giao-dien.po").write_text(PO, encoding="utf-8")

    try:
        run("--help", shows="translate")
        run("new", "p.wbp", "--source", "vi", "--targets", "en,km", shows="created p.wbp")
        run("import", "p.wbp", "bai.txt", "--preview", shows="photo caption")
        run(
            "import",
            "p.wbp",
            "bai.txt",
            "le-hoi.docx",
            "chua-doi.html",
            "giao-dien.po",
            shows="le-hoi.docx: new document",
        )
        run("segments", "p.wbp", "--status", "untranslated", "--to", "km")
        run("segments", "p.wbp", "--json", "--limit", "3")
        run("stats", "p.wbp", shows="4 documents")
        run("check-project", "p.wbp", shows="sound")
        run("check", "--list", shows="number-missing")
        run("check", "p.wbp", "--to", "km", shows="untranslated")
        run("models", "list", shows="opus-mt-vi-en")
        run("translate", "p.wbp", "--to", "en", expect=2, shows="is not installed")
        run("settings", "--user", "Hoa", "--role", "editor")
        run("glossary", "add", "p.wbp", "ghe Ngo", "--en", "Ngo boat", "--km", "ទូកង")
        run("glossary", "export", "p.wbp", "terms.tbx")
        run("glossary", "import", "p.wbp", "terms.tbx")
        run("glossary", "list", "p.wbp", shows="Ngo boat")
        run("glossary", "add", "p.wbp", "Sóc Trăng", "--en", "Soc Trang", "--fixed")
        run("glossary", "list", "p.wbp", shows="fixed")
        run("rules", "p.wbp", "add", "--stage", "source", r"\bUBND\b", "Ủy ban nhân dân")
        run("rules", "p.wbp", "add", "--stage", "source", "(", "x", expect=2, shows="regular expression")
        run("rules", "p.wbp", "list", shows="UBND")
        run("rules", "p.wbp", "test", "UBND tỉnh Sóc Trăng", shows="Ủy ban nhân dân")
        run("rules", "p.wbp", "export", "rules.csv")
        run("rules", "p.wbp", "import", "rules.csv")
        run("settings", "--back-translate", "on", "--leave-poor-drafts-out", "off", shows="back-translation on")
        run("quality", "p.wbp", "show", "--to", "km", shows="default")
        run("quality", "p.wbp", "fit", "--to", "km", expect=2, shows="30")
        run("translate", "p.wbp", "--to", "km", "--back-translate", expect=2, shows="is not installed")

        # A translator's round trip: hand off, fill the targets, merge back, approve, export everything.
        run("handoff", "p.wbp", "--to", "km", "--format", "xliff", "-o", "le-hoi.km.xlf", "--document", "le-hoi.docx")
        handed = (work / "le-hoi.km.xlf").read_text(encoding="utf-8")
        filled = re.sub(
            r"(<source[^>]*>)(.*?)(</source>)(\s*)(<target[^>]*>.*?</target>|<target[^>]*/>)?",
            lambda m: f'{m[1]}{m[2]}{m[3]}{m[4]}<target state="translated">ខ្មែរ {m[2]}</target>',
            handed,
            flags=re.S,
        )
        (work / "le-hoi.km.xlf").write_text(filled, encoding="utf-8")
        run("merge", "p.wbp", "le-hoi.km.xlf", "--to", "km", "--dry-run")
        run("merge", "p.wbp", "le-hoi.km.xlf", "--to", "km")
        run("handoff", "p.wbp", "--to", "km", "--format", "po", "-o", "le-hoi.km.po", "--document", "le-hoi.docx")
        run("merge", "p.wbp", "le-hoi.km.po", "--to", "km")
        run("approve", "p.wbp", "--to", "km", "--document", "le-hoi.docx", "--dry-run")
        run("approve", "p.wbp", "--to", "km", "--document", "le-hoi.docx", shows="approved")
        # The translator's everyday tools: scriptable edits, labels, concordance, analysis, spelling, split/join.
        run("edit", "p.wbp", "bai.txt #3", "--to", "en", "--text", "Soc Trang is ready for the festival.", "--confirm")
        run("edit", "p.wbp", "bai.txt #999", "--to", "en", "--text", "x", expect=2, shows="has segments #1 to")
        run("confirm", "p.wbp", "--to", "en", "--document", "bai.txt", shows="nothing to confirm")
        run("approve", "p.wbp", "--to", "en", "--document", "bai.txt", "--dry-run", shows="would be approved")
        run("concordance", "p.wbp", "ghe Ngo", "--to", "km", shows="le-hoi.docx #")
        run("concordance", "p.wbp", "...", expect=2, shows="no letters or digits")
        run("analyze", "p.wbp", shows="Total")
        run("analyze", "p.wbp", "--csv", "analysis.csv", shows="written to analysis.csv")
        run("spelling", "p.wbp", "--to", "en", "--add", "Maspero", shows="added")
        run("spelling", "p.wbp", "--to", "en", "--add", "two words", expect=2, shows="space")
        run("spelling", "p.wbp", "--to", "km", "--check")
        run("split", "p.wbp", "bai.txt #3", "--at", "10", shows="split")
        run("join", "p.wbp", "bai.txt #3", shows="joined")
        run("settings", "--spell-check", "on", "--propagate", "draft", shows="filled as drafts")
        # The team server with no server about: a closed port is said in words; a password never reaches settings.json.
        closed = "postgresql://wb:s3cret@127.0.0.1:1/workbench"
        run("team", "init", closed, expect=2, shows="wb@127.0.0.1:1/workbench: the server refused the connection")
        run("team", "add-user", "lan", "--role", "translator", "--server", closed, expect=2, shows="server refused")
        run("settings", "--team", closed, shows=r"team server: postgresql://wb@127\.0\.0\.1:1/workbench \(password in")
        if "s3cret" in (work / "config" / "settings.json").read_text(encoding="utf-8"):
            raise SmokeFailure("settings --team kept the password in settings.json")
        run("team", "init", expect=2, shows="the server refused the connection")  # the settings' server
        run("team", "check", expect=2, shows="wb@127.0.0.1:1/workbench: the server refused the connection")
        run("team", "remove-user", "lan", expect=2, shows="the server refused the connection")
        # the team memory: a confirmation waits in the outbox (no server asked); a lookup falls back to the cache
        run("edit", "p.wbp", "bai.txt #3", "--to", "en", "--text", "Soc Trang is ready.", "--confirm")
        run("team", "memory", "push", expect=2, shows="the server refused the connection")
        run("team", "memory", "lookup", "Sóc Trăng", "--to", "en", shows=r"the local cache \(never pulled")
        for step in ("pull", "stats"):
            run("team", "memory", step, expect=2, shows="the server refused the connection")
        for step in ("push", "pull"):
            run("team", "glossary", step, "p.wbp", expect=2, shows="the server refused the connection")
        run("team", "publish", "p.wbp", expect=2, shows="the server refused the connection")
        run("team", "get", "angiang", "copy.wbp", expect=2, shows="the server refused the connection")
        for step in (
            ["sync"],
            ["status"],
            ["conflicts"],
            ["resolve", "1", "--keep", "mine"],
            ["assign", "bai.txt", "lan"],
        ):
            run("team", step[0], "p.wbp", *step[1:], expect=2, shows="p.wbp is not a team project")
        for fmt in ("po", "xliff", "tmx", "csv"):
            run("export", "p.wbp", "--to", "km", "--format", fmt, "-o", f"out.{fmt}")
        for fmt in ("txt", "docx", "html"):
            run("export", "p.wbp", "--to", "km", "--format", fmt, "-o", f"le-hoi.km.{fmt}", "--document", "le-hoi.docx")
        run("export", "p.wbp", "--to", "km", "--format", "txt", "-o", "bai.km.txt", "--document", "bai.txt",
            "--leave-out-not-for-translation", shows="left out")  # fmt: skip
        run("export", "p.wbp", "--to", "km", "--format", "po", "-o", "p.wbp", expect=2, shows="project file")
        run("report", "p.wbp", "--to", "km")
        run("tm", "export", "memory.tmx", "--project", "p.wbp")
        run("tm", "import", "memory.tmx")
        run("tm", "lookup", "p.wbp", "Du khách có thể xem đua ghe trên sông Maspero.", "--to", "km")
        run("models", "evaluate", "--project", "p.wbp", "--to", "km", expect=2, shows="no installed model translates")
        run("bench", "segmentation", shows="precision")
        run("bench", "project", "--megabytes", "0.2", "--segments", "500", shows="MB/s")
        run("bench", "tm", "--units", "2000", shows="units")
        run("bench", "qa", "--segments", "500", shows="the same in every way")
        run("bench", "merge", "--segments", "300", shows="write back")
        run("bench", "prefill", "--segments", "300", "--units", "2000", shows="drafted from 100 % matches")
        run("bench", "export", "--segments", "300", shows="docx")
        run("bench", "concordance", "--units", "2000", shows="ms")
        run("bench", "spelling", shows="ms")
        run("bench", "analysis", "--segments", "300", "--units", "2000", shows="segments")

        # Without the convert extra, installing a transformers model folder says what to install.
        model = work / "opus-mt-vi-en"
        _transformers_model_folder(model)
        if importlib.util.find_spec("torch") is None:
            run("models", "install", str(model), shows=r"\.\[convert\]")
            run("models", "convert", "opus-mt-vi-en", expect=2, shows=r"pip install -e '\.\[convert\]'")
            run("bench", "--architecture", "tiny", expect=2, shows=r"\.\[convert\]")
            run("bench", "pretranslate", "--architecture", "tiny", expect=2, shows=r"\.\[convert\]")
            run("bench", "evaluate", expect=2, shows=r"\.\[convert\]")
            run("bench", "trust", expect=2, shows=r"\.\[convert\]")
            run("bench", "rerank", expect=2, shows=r"\.\[convert\]")
        else:
            print("(the convert extra is installed: not a plain install, the convert steps are not checked)")

        window = subprocess.run(
            [sys.executable, "-c", OPEN_WINDOW, str(work / "p.wbp")],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        print(f"{'ok ' if window.returncode == 0 else 'FAIL'} [{window.returncode}] the window opens the project")
        if window.returncode != 0:
            raise SmokeFailure(f"the window did not open the project:\n{window.stdout}{window.stderr}")
    except SmokeFailure as failure:
        print(failure, file=sys.stderr)
        return 1
    print("fresh install: every command ran")
    return 0


def _transformers_model_folder(folder: Path) -> None:
    """A Marian folder as a hub download has it, small: real sentencepiece models (trained here; the plain
    install has sentencepiece) and a real safetensors file (written by hand; the plain install has no torch)."""
    import json
    import struct

    import sentencepiece

    folder.mkdir()
    lines = ARTICLE.read_text(encoding="utf-8").splitlines() * 3
    for name in ("source", "target"):
        sentencepiece.SentencePieceTrainer.train(
            sentence_iterator=iter(lines), model_prefix=str(folder / name), vocab_size=200, minloglevel=2
        )
        (folder / f"{name}.model").rename(folder / f"{name}.spm")
        (folder / f"{name}.vocab").unlink()
    (folder / "config.json").write_text(json.dumps({"model_type": "marian", "architectures": ["MarianMTModel"]}))
    (folder / "vocab.json").write_text(json.dumps({"<pad>": 0, "</s>": 1, "<unk>": 2}))
    header = json.dumps({"weight": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}).encode()
    (folder / "model.safetensors").write_bytes(struct.pack("<Q", len(header)) + header + struct.pack("<f", 0.0))


OPEN_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication
from workbench.context import AppContext
from workbench.core.store.project_store import Project
from workbench.ui.project_window import ProjectWindow
app = QApplication([])
window = ProjectWindow(Project.open(sys.argv[1]), AppContext.load())
window.show()
app.processEvents()
rows = window.model.rowCount()
window.close()
print(f"{rows} rows")
sys.exit(0 if rows > 0 else 1)
"""


if __name__ == "__main__":
    sys.exit(main())
