"""Hand-off files as the peers write them come back in: an NFD copy, translate-toolkit's xliff2po → edit →
po2xliff round trip (ids renumbered, msgctxt gone), a pretty-printed XLIFF; and our XLIFF states read the
same in translate-toolkit (its xliff store and pocount) as in our own merge."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import polib
from lxml import etree
from translate.convert import po2xliff, xliff2po
from translate.storage import factory

from tests.builders.returned_handoff import returned_xliff
from tests.conftest import REPO
from workbench.core.exporting.export_formats import export, handoff
from workbench.core.exporting.xliff import NS, XML_SPACE
from workbench.core.importing.file_import import prepare_import
from workbench.core.ops.merge_back import Match, Outcome, apply_merge, plan_merge
from workbench.core.records import Origin, Status
from workbench.core.store.project_store import Project

X = f"{{{NS}}}"
#: "Chùa đẹp." twice: a repeated source, matched by order when the ids are gone
TEXT = "Núi Cấm cao. Chùa đẹp.\n\nChợ nổi họp sớm.\n\nChùa đẹp.\n\nLễ hội Bà Chúa Xứ đông vui.\n"
RETURNED = ["ភ្នំខ្ពស់។", "វត្តស្អាត។", "ផ្សារបណ្តែតទឹកបើកព្រឹក។", "វត្តល្អ។", "ពិធីបុណ្យ។"]


def _project(tmp_path: Path) -> Project:
    source = tmp_path / "an-giang.txt"
    source.write_text(TEXT, encoding="utf-8")
    project = Project.create(tmp_path / "p.wbp", "p", "vi", ["en", "km"])
    project.store_document(prepare_import(source))
    first, second, third, *_rest = project.segment_ids()
    project.save_translation(first, "km", "ភ្នំកម្ពស់។", Status.APPROVED, Origin.HUMAN, "Hoa")
    project.save_translation(second, "km", "វត្តស្អាត។", Status.TRANSLATED, Origin.HUMAN, "Dara")
    project.save_translation(third, "km", "ផ្សារបណ្តែតទឹក", Status.DRAFT, Origin.MT, "nllb")
    return project


def _returned_xliff(tmp_path: Path, project: Project) -> Path:
    """Our hand-off with every target filled in by the translator (state translated)."""
    return returned_xliff(project, tmp_path, RETURNED)


def _outcomes(plan_rows: list) -> list[tuple[int | None, Outcome]]:
    return [(row.segment_id, row.outcome) for row in plan_rows]


def test_an_nfd_copy_of_the_handoff_merges_like_the_original(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        returned = _returned_xliff(tmp_path, project)
        nfd = tmp_path / "returned-nfd.xlf"
        nfd.write_text(unicodedata.normalize("NFD", returned.read_text(encoding="utf-8")), encoding="utf-8")
        assert nfd.read_bytes() != returned.read_bytes()
        expected = _outcomes(plan_merge(project, returned, "km").rows)
        plan = plan_merge(project, nfd, "km")
        assert _outcomes(plan.rows) == expected and not plan.of(Outcome.MISMATCH)
        written = apply_merge(project, plan, "Lan").segment_ids
        assert len(written) == 3
        texts = [project.segment(i).translations["km"].text for i in written]
        assert all(unicodedata.is_normalized("NFC", t) for t in texts)


def _xliff2po(xliff: Path, po: Path) -> None:
    with xliff.open("rb") as given, po.open("wb") as written:
        xliff2po.convertxliff(given, written, None)


def _po2xliff(po: Path, xliff: Path, template: Path | None = None) -> None:
    with po.open("rb") as given, xliff.open("wb") as written:
        if template is None:
            po2xliff.convertpo(given, written, None)
        else:
            with template.open("rb") as shape:
                po2xliff.convertpo(given, written, shape)


def _edited_po(tmp_path: Path, project: Project) -> Path:
    """translate-toolkit's way: xliff2po of our hand-off, the translator fills in every msgstr in Poedit."""
    handoff(project, "xliff", "km", tmp_path / "handoff.xlf")
    _xliff2po(tmp_path / "handoff.xlf", tmp_path / "handoff.po")
    po = polib.pofile(str(tmp_path / "handoff.po"))
    by_source = {"Chợ nổi họp sớm.": RETURNED[2], "Lễ hội Bà Chúa Xứ đông vui.": RETURNED[4]}
    for entry in po:
        if entry.msgid in by_source:
            entry.msgstr, entry.flags = by_source[entry.msgid], []
    po.save(str(tmp_path / "edited.po"))
    return tmp_path / "edited.po"


def test_a_po_made_by_xliff2po_merges_by_source_text(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        _first, _second, third, _fourth, fifth = project.segment_ids()
        edited = _edited_po(tmp_path, project)
        assert all(not e.msgctxt for e in polib.pofile(str(edited)))  # our context is gone
        plan = plan_merge(project, edited, "km")
        assert {row.matched_by for row in plan.rows} <= {Match.SOURCE, Match.ORDER}
        assert apply_merge(project, plan, "Lan").segment_ids == (third, fifth)
        assert project.segment(third).translations["km"].text == RETURNED[2]
        assert project.segment(fifth).translations["km"].status is Status.TRANSLATED


def test_the_xliff2po_po2xliff_round_trip_merges_back_with_renumbered_ids(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        ids = project.segment_ids()
        edited = _edited_po(tmp_path, project)
        plain, templated = tmp_path / "back.xlf", tmp_path / "back-templated.xlf"
        _po2xliff(edited, plain)
        _po2xliff(edited, templated, template=tmp_path / "handoff.xlf")
        units = {u.findtext("{*}source"): u.get("id") for u in etree.parse(str(plain)).getroot().iter("{*}trans-unit")}
        assert units["Chợ nổi họp sớm."] != str(ids[2])  # renumbered: its id is another segment's here
        for returned in (plain, templated):
            plan = plan_merge(project, returned, "km")
            updates = {row.segment_id: row for row in plan.of(Outcome.UPDATE)}
            assert set(updates) == {ids[2], ids[4]}, returned.name
            assert updates[ids[2]].text == RETURNED[2] and updates[ids[2]].matched_by is Match.SOURCE
            # "Chùa đẹp." twice in the document: matched by order, never both units onto one segment
            repeated = [r for r in plan.rows if r.source == "Chùa đẹp." and r.outcome is not Outcome.DUPLICATE]
            assert len({r.segment_id for r in repeated}) == len(repeated)
        assert apply_merge(project, plan_merge(project, plain, "km"), "Lan").segment_ids == (ids[2], ids[4])
        assert project.segment(ids[2]).translations["km"].text == RETURNED[2]


def test_layout_whitespace_of_a_pretty_printed_xliff_is_folded_unless_preserved(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        _first, _second, third, _fourth, fifth = project.segment_ids()
        returned = _returned_xliff(tmp_path, project)
        tree = etree.parse(str(returned))
        units = {u.get("id"): u for u in tree.getroot().iter(f"{X}trans-unit")}
        wrapped = units[str(third)]
        wrapped.set(XML_SPACE, "default")
        wrapped.find(f"{X}source").text = "\n          Chợ nổi\n          họp sớm.\n        "
        wrapped.find(f"{X}target").text = "\n          ផ្សារបណ្តែតទឹក\n          បើកព្រឹក។\n        "
        kept = units[str(fifth)]  # preserve, inherited from <body>: the translator's line break stays
        del kept.attrib[XML_SPACE]
        kept.getparent().set(XML_SPACE, "preserve")
        kept.find(f"{X}target").text = "ពិធី\nបុណ្យ។"
        for other in units.values():
            if other is not kept and other is not wrapped:
                del other.attrib[XML_SPACE]  # default, for these too, but nothing to fold
        tree.getroot().find(f"{X}file").set(XML_SPACE, "default")
        tree.write(str(returned), encoding="UTF-8", xml_declaration=True, pretty_print=True)
        plan = plan_merge(project, returned, "km")
        assert not plan.of(Outcome.MISMATCH)
        apply_merge(project, plan, "Lan")
        assert project.segment(third).translations["km"].text == "ផ្សារបណ្តែតទឹក បើកព្រឹក។"
        assert project.segment(fifth).translations["km"].text == "ពិធី\nបុណ្យ។"


def test_our_xliff_states_read_the_same_in_translate_toolkit_and_in_our_merge(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        first, second, third, *_rest = project.segment_ids()
        handoff(project, "xliff", "km", tmp_path / "handoff.xlf")
        store = factory.getobject(str(tmp_path / "handoff.xlf"))
        units = {u.xmlelement.get("id"): u for u in store.units}
        approved, translated, draft = units[str(first)], units[str(second)], units[str(third)]
        assert approved.isapproved() and not approved.isfuzzy() and approved.istranslated()
        assert translated.istranslated() and not translated.isfuzzy()  # confirmed: translated, not fuzzy
        assert draft.isfuzzy() and not draft.istranslated()
        assert approved.get_state_n() > translated.get_state_n() > draft.get_state_n()  # final > unreviewed
        counted = subprocess.run(
            [sys.executable, "-m", "translate.tools.pocount", "--csv", str(tmp_path / "handoff.xlf")],
            capture_output=True, text=True, check=True,
        ).stdout.splitlines()  # fmt: skip
        header, row = counted[0].split(","), counted[1].split(",")
        values = dict(zip(header, row, strict=False))
        assert (values["Translated Messages"], values["Fuzzy Messages"]) == ("2", "1"), counted
        # and our merge reads the file back as it was written: nothing changes, nothing conflicts
        plan = plan_merge(project, tmp_path / "handoff.xlf", "km")
        assert {row.segment_id: row.status for row in plan.rows if row.segment_id in (first, second, third)} == {
            first: Status.TRANSLATED, second: Status.TRANSLATED, third: Status.DRAFT,
        }  # fmt: skip
        assert not plan.of(Outcome.UPDATE) and not plan.of(Outcome.CONFLICT)
        # a plain export of confirmed text: approved="yes" and state translated, so not fuzzy in the peers
        export(project, "xliff", ["km"], tmp_path / "out.xlf", include_unapproved=True, check=False)
        out = {u.xmlelement.get("id"): u for u in factory.getobject(str(tmp_path / "out.xlf")).units}
        assert not out[str(second)].isfuzzy() and out[str(second)].istranslated()


def test_a_unit_translate_toolkit_marks_fuzzy_comes_back_as_a_draft(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        fifth = project.segment_ids()[4]
        handoff(project, "xliff", "km", tmp_path / "handoff.xlf")
        store = factory.getobject(str(tmp_path / "handoff.xlf"))
        unit = next(u for u in store.units if u.xmlelement.get("id") == str(fifth))
        unit.target = RETURNED[4]
        unit.markfuzzy(True)  # Virtaal's "fuzzy": approved="no", state needs-translation, with text
        store.save()
        row = next(r for r in plan_merge(project, tmp_path / "handoff.xlf", "km").rows if r.segment_id == fifth)
        assert (row.outcome, row.status, row.text) == (Outcome.UPDATE, Status.DRAFT, RETURNED[4])


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "main.py"), *args], cwd=tmp_path, capture_output=True, text=True)


def test_the_cli_says_which_rule_matched_and_a_dry_run_says_it_wrote_nothing(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        edited = _edited_po(tmp_path, project)
        before = project.connection.execute("SELECT count(*) FROM revisions").fetchone()[0]
    dry = _run(tmp_path, "merge", "p.wbp", str(edited), "--to", "km", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert (
        "matched 3 by source, 1 by source and order" in dry.stdout
        and "update: an-giang.txt #3 (matched by source)" in dry.stdout
    )
    assert "dry run: nothing written" in dry.stdout and "would write 2 segments" in dry.stdout
    assert "segments written" not in dry.stdout
    with Project.open(tmp_path / "p.wbp", read_only=True) as project:
        assert project.connection.execute("SELECT count(*) FROM revisions").fetchone()[0] == before
    done = _run(tmp_path, "merge", "p.wbp", str(edited), "--to", "km")
    assert done.returncode == 0, done.stderr
    assert "2 segments written" in done.stdout and "(matched by source)" in done.stdout
