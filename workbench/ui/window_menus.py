"""Where every command of the project window goes: the menus, in the order a translator finds them.

The features make their commands (ui/actions/); this module only places them, so adding a command is one
entry here and the window stays layout and wiring.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMenuBar

if TYPE_CHECKING:
    from workbench.ui.actions.analysis import AnalysisActions
    from workbench.ui.actions.concordance import ConcordanceActions
    from workbench.ui.actions.grid_commands import GridCommands
    from workbench.ui.actions.memory_glossary import MemoryGlossaryActions
    from workbench.ui.actions.navigation import NavigationActions
    from workbench.ui.actions.project_dialogs import ProjectDialogs
    from workbench.ui.actions.quality_checks import QualityCheckActions
    from workbench.ui.actions.review import ReviewActions
    from workbench.ui.actions.segment_structure import SegmentStructureActions
    from workbench.ui.actions.spelling import SpellingActions
    from workbench.ui.actions.team import TeamActions
    from workbench.ui.actions.translate import TranslateActions
    from workbench.ui.tag_editing import TagActions


class MenuOwner(Protocol):
    """The window's command groups and its own actions, as the menus need them."""

    review: ReviewActions
    translate: TranslateActions
    commands: GridCommands
    tag_actions: TagActions
    memory: MemoryGlossaryActions
    qa: QualityCheckActions
    dialogs: ProjectDialogs
    concordance: ConcordanceActions
    analysis: AnalysisActions
    structure: SegmentStructureActions
    navigation: NavigationActions
    spelling: SpellingActions
    team: TeamActions
    close_action: QAction
    undo_action: QAction
    redo_action: QAction
    side_panel_action: QAction
    language_actions: dict[str, QAction]

    def view_actions(self) -> list[QAction]:
        """The View menu's toggles after the languages and the side panel (the editor pane)."""
        ...


def build_menus(bar: QMenuBar, w: MenuOwner) -> dict[str, QMenu]:
    """Fill the menu bar; the menus by key ("file", "edit", ...)."""
    review, translate, commands, memory, qa, dialogs = w.review, w.translate, w.commands, w.memory, w.qa, w.dialogs
    layout: list[tuple[str, str, list[QAction | QMenu | None]]] = [
        ("file", QCoreApplication.translate("ProjectWindow", "&File"), [
            dialogs.import_action, review.export_action, None, review.handoff_action, review.merge_back_action,
            None, w.navigation.recent_menu, None, w.close_action,
        ]),
        ("edit", QCoreApplication.translate("ProjectWindow", "&Edit"), [
            w.undo_action, w.redo_action, None, dialogs.find_action, dialogs.replace_action,
            w.navigation.go_to_action, None, w.tag_actions.insert_tag_action, None, dialogs.settings_action,
        ]),
        ("segment", QCoreApplication.translate("ProjectWindow", "&Segment"), [
            commands.confirm_action, commands.next_action, commands.previous_action, commands.copy_source_action,
            translate.translate_now_action, memory.add_term_action, commands.toggle_translatable_action, None,
            w.structure.split_action, w.structure.join_action, None,
            *commands.suggestion_actions, *commands.term_actions,
        ]),
        ("review", QCoreApplication.translate("ProjectWindow", "Re&view"), [
            review.review_action, review.approve_action, review.approve_document_action, review.send_back_action,
            review.report_action,
        ]),
        ("translate", QCoreApplication.translate("ProjectWindow", "&Translate"), [
            translate.pretranslate_document_action, translate.pretranslate_selection_action,
            translate.pretranslate_project_action, translate.cancel_action, None, translate.edit_rules_action,
            dialogs.models_action,
        ]),
        ("tools", QCoreApplication.translate("ProjectWindow", "T&ools"), [
            w.concordance.concordance_action, w.analysis.analysis_action, w.spelling.spell_check_action, None,
            qa.check_document_action, qa.check_project_action, qa.cancel_checks_action, None,
            memory.import_glossary_action,
            memory.export_glossary_action, memory.import_tmx_action, memory.export_tmx_action,
        ]),
        ("team", QCoreApplication.translate("ProjectWindow", "Te&am"), [w.team.sync_action, w.team.conflicts_action]),
        ("view", QCoreApplication.translate("ProjectWindow", "&View"), [*w.language_actions.values(), w.side_panel_action, *w.view_actions()]),
        ("help", QCoreApplication.translate("ProjectWindow", "&Help"), [dialogs.shortcuts_action]),
    ]  # fmt: skip
    menus = {}
    for key, title, entries in layout:
        menu = menus[key] = bar.addMenu(title)
        for entry in entries:
            if entry is None:
                menu.addSeparator()
            elif isinstance(entry, QMenu):
                menu.addMenu(entry)
            else:
                menu.addAction(entry)
    return menus
