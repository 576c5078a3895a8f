"""XLIFF 1.2 export and the hand-off round trip: a translator elsewhere gets every segment's text with
its state, returns the file, and the merge matches units by context id and source; approved text is
never overwritten silently; hostile or wrong files are refused with nothing changed."""

from __future__ import annotations

import subprocess
import sys
from contextlib import closing
from pathlib import Path

import polib
import pytest
from lxml import etree

from tests.builders.returned_handoff import returned_xliff
from tests.conftest import REPO
from workbench.core.errors import ImportProblem
from workbench.core.exporting.export_formats import export, handoff
from workbench.core.exporting.xliff import NS
from workbench.core.importing.file_import import prepare_import
from workbench.core.memory.project_memory import shared_memory_path
from workbench.core.memory.translation_memory import SharedMemory
from workbench.core.ops.merge_back import MismatchedSources, Outcome, apply_merge, declared_language, plan_merge
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project

X = f"{{{NS}}}"
TEXT = "Núi Cấm cao. Chùa đẹp.\n\nChợ nổi họp sớm.\n\nLễ hội Bà Chúa Xứ đông vui.\n"


def _project(tmp_path: Path) -> Project:
    source = tmp_path / "an-giang.txt"
    source.write_text(TEXT, encoding="utf-8")
    project = Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"])
    project.store_document(prepare_import(source))
    first, second, third, _fourth = project.segment_ids()
    project.save_translation(first, "km", "ភ្នំកម្ពស់។", Status.APPROVED, Origin.HUMAN, "Hoa")
    project.save_translation(second, "km", "វត្តស្អាត។", Status.TRANSLATED, Origin.HUMAN, "Dara")
    project.save_translation(third, "km", "ផ្សារបណ្តែតទឹក", Status.DRAFT, Origin.MT, "nllb")
    return project


def test_xliff_export_has_the_structure_of_xliff_1_2(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        report = export(project, "xliff", ["km"], tmp_path / "out.xlf")
    root = etree.parse(str(tmp_path / "out.xlf")).getroot()
    assert root.tag == f"{X}xliff" and root.get("version") == "1.2"
    file_el = root.find(f"{X}file")
    assert (file_el.get("source-language"), file_el.get("target-language"), file_el.get("original")) == (
        "vi", "km", "an-giang.txt",
    )  # fmt: skip
    units = file_el.findall(f"{X}body/{X}trans-unit")
    assert len(units) == 4 and len({u.get("id") for u in units}) == 4
    assert units[0].findtext(f"{X}source") == "Núi Cấm cao."
    assert units[0].find(f"{X}target").get("state") == "signed-off" and units[0].get("approved") == "yes"
    assert all(u.find(f"{X}target") is None for u in units[1:])  # only approved text by default
    assert report.entries == 4 and len(report.left_out) == 3


def _returned_xliff(tmp_path: Path, project: Project) -> Path:
    """What a translator elsewhere sends back: every target filled in, the approved one changed too."""
    return returned_xliff(project, tmp_path, ["ភ្នំខ្ពស់។", "វត្តស្អាត។", "ផ្សារបណ្តែតទឹកបើកព្រឹក។", "ពិធីបុណ្យ។"])


def test_handoff_round_trip_merges_new_text_and_lists_the_approved_conflict(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        first, second, third, fourth = project.segment_ids()
        returned = _returned_xliff(tmp_path, project)
        plan = plan_merge(project, returned, "km")
        outcomes = {row.segment_id: row.outcome for row in plan.rows}
        assert outcomes == {first: Outcome.CONFLICT, second: Outcome.SAME, third: Outcome.UPDATE,
                            fourth: Outcome.UPDATE}  # fmt: skip
        assert apply_merge(project, plan, "Lan").segment_ids == (third, fourth)
        assert project.segment(first).translations["km"].text == "ភ្នំកម្ពស់។"  # approved text kept
        merged = project.segment(third).translations["km"]
        assert (merged.text, merged.status) == ("ផ្សារបណ្តែតទឹកបើកព្រឹក។", Status.TRANSLATED)
        assert project.revisions(third, "km")[-1]["note"] == "merged from returned.xlf"
        # the editor decides: take the file's text for the conflict
        apply_merge(project, plan_merge(project, returned, "km"), "Hoa", take=[first])
        assert project.segment(first).translations["km"].text == "ភ្នំខ្ពស់។"
        assert project.segment(first).translations["km"].status is Status.TRANSLATED  # approval cleared


def test_text_changed_here_after_the_handoff_is_a_conflict(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        second = project.segment_ids()[1]
        returned = _returned_xliff(tmp_path, project)
        tree = etree.parse(str(returned))
        for file_el in tree.getroot().iter(f"{X}file"):
            file_el.set("date", "2000-01-01T00:00:00Z")
        for unit in tree.getroot().iter(f"{X}trans-unit"):
            if unit.get("id") == str(second):
                unit.find(f"{X}target").text = "វត្តល្អ។"
        tree.write(str(returned), encoding="UTF-8", xml_declaration=True)
        row = next(r for r in plan_merge(project, returned, "km").rows if r.segment_id == second)
        assert row.outcome is Outcome.CONFLICT and "since the hand-off" in row.why


def test_po_handoff_round_trip(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        _first, second, third, fourth = project.segment_ids()
        handoff(project, "po", "km", tmp_path / "handoff.po")
        po = polib.pofile(str(tmp_path / "handoff.po"))
        assert "fuzzy" in po[2].flags and po[2].msgstr == "ផ្សារបណ្តែតទឹក"  # the MT draft goes out fuzzy
        po[2].msgstr, po[2].flags = "ផ្សារបណ្តែតទឹកបើកព្រឹក។", []
        po[3].msgstr = "ពិធីបុណ្យ។"
        po[3].flags.append("fuzzy")
        po.save(str(tmp_path / "returned.po"))
        plan = plan_merge(project, tmp_path / "returned.po", "km")
        assert apply_merge(project, plan, "Lan").segment_ids == (third, fourth)
        assert project.segment(third).translations["km"].status is Status.TRANSLATED
        assert project.segment(fourth).translations["km"].status is Status.DRAFT  # fuzzy comes back a draft
        assert project.segment(second).translations["km"].text == "វត្តស្អាត។"


BOMB = """<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" source-language="vi"
target-language="km" datatype="plaintext"><body><trans-unit id="1"><source>&b;</source></trans-unit></body></file></xliff>
"""


def _unit_file(tmp_path: Path, name: str, units: str, target: str = "km") -> Path:
    path = tmp_path / name
    path.write_text(
        f'<?xml version="1.0"?><xliff version="1.2" xmlns="{NS}"><file original="an-giang.txt" source-language="vi" '
        f'target-language="{target}" datatype="plaintext"><body>{units}</body></file></xliff>',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("what", "problem"),
    [("bomb", "declares XML entities"), ("language", "into 'en', not 'km'"), ("duplicate", "twice"),
     ("broken", "not well-formed"), ("foreign", "none of its")],
)  # fmt: skip
def test_hostile_or_wrong_files_are_refused_and_change_nothing(tmp_path: Path, what: str, problem: str) -> None:
    with _project(tmp_path) as project:
        first = project.segment_ids()[0]
        unit = (
            f'<trans-unit id="{first}"><source>Núi Cấm cao.</source><target state="translated">x</target></trans-unit>'
        )
        if what == "bomb":
            path = tmp_path / "bomb.xlf"
            path.write_text(BOMB, encoding="utf-8")
        elif what == "language":
            path = _unit_file(tmp_path, "en.xlf", unit, target="en")
        elif what == "duplicate":
            path = _unit_file(tmp_path, "twice.xlf", unit + unit)
        elif what == "broken":
            path = _unit_file(tmp_path, "broken.xlf", unit[:-5])
        else:
            # another project's unit: neither its id nor its source is this project's
            foreign = unit.replace(f'id="{first}"', 'id="99999"').replace("Núi Cấm cao.", "Hồ Gươm xanh.")
            path = _unit_file(tmp_path, "foreign.xlf", foreign)
        before = project.connection.execute("SELECT count(*) FROM revisions").fetchone()[0]
        with pytest.raises(ImportProblem, match=problem) as raised:
            plan_merge(project, path, "km")
        assert path.name in str(raised.value)
        assert project.connection.execute("SELECT count(*) FROM revisions").fetchone()[0] == before


def test_mismatched_sources_refuse_the_file_unless_the_editor_leaves_them_out(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        _first, second, third, _fourth = project.segment_ids()
        path = _unit_file(
            tmp_path, "changed.xlf",
            f'<trans-unit id="{second}"><source>Chùa rất đẹp.</source><target state="translated">x</target></trans-unit>'
            f'<trans-unit id="{third}"><source>Chợ nổi họp sớm.</source><target state="translated">ផ្សារ។</target></trans-unit>',
        )  # fmt: skip
        plan = plan_merge(project, path, "km")
        with pytest.raises(MismatchedSources, match="1 of 2 units"):
            apply_merge(project, plan, "Lan")
        assert project.segment(third).translations["km"].text == "ផ្សារបណ្តែតទឹក"
        assert apply_merge(project, plan, "Lan", skip_mismatched=True).segment_ids == (third,)


def test_the_cli_hands_off_and_merges_with_conflicts_listed(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        returned = _returned_xliff(tmp_path, project)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, str(REPO / "main.py"), *args], cwd=tmp_path, capture_output=True,
                              text=True)  # fmt: skip

    done = run("merge", "p.wbp", str(returned), "--to", "km")
    assert done.returncode == 0, done.stderr
    assert "conflict: an-giang.txt #" in done.stdout and "2 segments written; 1 conflict left" in done.stdout
    for fmt in ("xliff", "docx", "html"):
        done = run("export", "p.wbp", "--to", "km", "--format", fmt, "-o", f"out.{fmt}", "--document", "an-giang.txt")
        assert done.returncode == 0, done.stderr
        assert (tmp_path / f"out.{fmt}").stat().st_size > 0


@pytest.mark.parametrize(
    ("content", "problem"),
    [('msgid "a"\nmsgstr "b"\nmsgid "a"\nmsgstr "c"\n', "twice"),
     ('msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgid "Núi Cấm cao."\nmsgstr "x"\n', "into 'en'"),
     ('msgid "unterminated\nmsgstr ', "not a valid PO file")],
)  # fmt: skip
def test_bad_po_files_are_refused_on_merge(tmp_path: Path, content: str, problem: str) -> None:
    with _project(tmp_path) as project:
        path = tmp_path / "returned.po"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(ImportProblem, match=problem):
            plan_merge(project, path, "km")


def test_a_po_document_handed_off_comes_back_into_its_plural_segments(tmp_path: Path) -> None:
    from tests.core.test_po_export import PO_SOURCE, _msgfmt_ok

    source = tmp_path / "site.po"
    source.write_text(PO_SOURCE, encoding="utf-8")
    with Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"]) as project:
        project.store_document(prepare_import(source))
        handoff(project, "po", "en", tmp_path / "site.en.po")
        _msgfmt_ok(tmp_path / "site.en.po")
        assert declared_language(tmp_path / "site.en.po") == "en"
        po = polib.pofile(str(tmp_path / "site.en.po"))
        menu = po.find("Trang chủ", msgctxt="menu")
        news = po.find("Có %d tin mới")
        assert menu is not None and news is not None and news.msgid_plural
        menu.msgstr = "Home"
        news.msgstr_plural = {0: "%d new item", 1: "%d new items"}
        po.save(str(tmp_path / "site.en.po"))
        plan = plan_merge(project, tmp_path / "site.en.po", "en")
        apply_merge(project, plan, "Lan")
        texts = {s.source: s.translations["en"].text for s in project.segments() if "en" in s.translations}
        assert texts["Trang chủ"] == "Home"
        singular, plural = [s for s in project.segments() if s.source == "Có %d tin mới"]
        assert (singular.translations["en"].text, plural.translations["en"].text) == ("%d new item", "%d new items")
        export(project, "po", ["en"], tmp_path / "out.po", include_unapproved=True)
        back = polib.pofile(str(tmp_path / "out.po")).find("Có %d tin mới")
        assert back is not None and back.msgstr_plural == {0: "%d new item", 1: "%d new items"}


def _remembered(shared: SharedMemory, source: str, language: str = "km") -> list[str]:
    """What the shared memory offers as a 100 % match for `source`."""
    return [m.unit.target for m in shared.lookup(source, language) if m.score == 100]


def _as_draft(returned: Path, unit: int) -> None:
    """The translator marked one unit as still needing review: it comes back as a draft."""
    tree = etree.parse(str(returned))
    target = list(tree.getroot().iter(f"{X}trans-unit"))[unit].find(f"{X}target")
    target.attrib["state"] = "needs-review-translation"
    tree.write(str(returned), encoding="UTF-8", xml_declaration=True)


def test_a_merge_teaches_the_shared_memory_what_a_person_finished_but_not_the_drafts(tmp_path: Path) -> None:
    with _project(tmp_path) as project, closing(SharedMemory(tmp_path / "shared.sqlite")) as shared:
        _first, _second, third, fourth = project.segment_ids()
        returned = _returned_xliff(tmp_path, project)
        _as_draft(returned, 3)
        changes = apply_merge(project, plan_merge(project, returned, "km"), "Lan", memory=shared)
        assert changes.segment_ids == (third, fourth) and changes.memory
        assert project.segment(fourth).translations["km"].status is Status.DRAFT
        assert _remembered(shared, project.segment(third).source) == ["ផ្សារបណ្តែតទឹកបើកព្រឹក។"]
        assert _remembered(shared, project.segment(fourth).source) == []  # a draft still needs a person


def test_the_cli_merge_teaches_the_users_shared_memory(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        returned = _returned_xliff(tmp_path, project)
        sources = [project.segment(i).source for i in project.segment_ids()]
    done = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "merge", "p.wbp", str(returned), "--to", "km"],
        cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "2 segments written; 1 conflict left" in done.stdout  # what the CLI always said
    with closing(SharedMemory(shared_memory_path())) as shared:  # WORKBENCH_DATA_DIR: this test's folder
        assert _remembered(shared, sources[2]) == ["ផ្សារបណ្តែតទឹកបើកព្រឹក។"]
        assert _remembered(shared, sources[3]) == ["ពិធីបុណ្យ។"]
        assert _remembered(shared, sources[0]) == []  # the approved conflict was not taken: nothing learnt
