"""The CLI of `spelling`: the project's dictionary (or the user's, with --user), and the words of a project
that no dictionary knows.

    spelling P --to km                 which dictionary checks Khmer, and how many words were added
    spelling P --to en --add Mekong Angkor / --remove Mekong / --list
    spelling P --to km --check [--document D]    every misspelled word, by segment
    spelling P --to en --export words.txt / --import words.txt   the project's words, one a line
    spelling --user --to en --add Sihanoukville  the user's own dictionary (no project needed)
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.commands.values import target_language
from workbench.context import AppContext
from workbench.core.errors import ImportProblem, WorkbenchError
from workbench.core.exporting.export_target import atomic_write_bytes
from workbench.core.language.language_rules import VIETNAMESE
from workbench.core.qa.spelling_report import misspelled_segments
from workbench.core.spelling.checker import dictionary_problem, dictionary_status
from workbench.core.spelling.word_lists import (
    add_user_word,
    checked_word,
    read_user_words,
    remove_user_word,
    user_dictionary_path,
)
from workbench.core.store.project_store import Project
from workbench.core.store.segment_numbers import labels_for
from workbench.core.store.spelling_words import add_project_words, project_word_list, remove_project_word
from workbench.core.user_file import read_regular_file

#: a word list to import past this is not one a person made
_IMPORT_LIMIT = 8 * 2**20


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "spelling",
        help="spell checking: the project's (or your) dictionary, and the words no dictionary knows",
        description="Without an action: which dictionary checks the language. Words added go into the "
        "project's dictionary (kept in the project file), or with --user into yours (a file in the config "
        "folder).",
    )
    p.add_argument("project", type=Path, nargs="?")
    p.add_argument("--to", dest="language", required=True, help="en or km (vi: the Vietnamese source)")
    p.add_argument("--user", action="store_true", help="your own dictionary instead of the project's")
    actions = p.add_mutually_exclusive_group()
    actions.add_argument("--add", nargs="+", metavar="WORD", help="add words (each one word: no spaces)")
    actions.add_argument("--remove", nargs="+", metavar="WORD")
    actions.add_argument("--list", action="store_true", help="the words added")
    actions.add_argument("--check", action="store_true", help="every misspelled word of the translations")
    actions.add_argument("--export", type=Path, metavar="FILE", help="write the project's words, one a line")
    actions.add_argument("--import", dest="import_file", type=Path, metavar="FILE", help="add the words of FILE")
    p.add_argument("--document", help="with --check: one document (its name)")
    p.set_defaults(handler=_cmd)


def _cmd(args: argparse.Namespace, context: AppContext) -> int:
    if args.project is None and not args.user:
        raise WorkbenchError("name a project, or use --user for your own dictionary")
    if args.user and (args.check or args.export or args.import_file):
        raise WorkbenchError("--check, --export and --import work on a project's words: leave out --user")
    if args.project is None:
        return _user(args)
    writes = bool(args.add or args.remove or args.import_file) and not args.user
    with Project.open(args.project, read_only=not writes) as project:
        language = args.language
        if language != VIETNAMESE:
            language = target_language(language, project.info.target_languages, str(args.project))
        if args.user:
            return _user(args, language)
        return _project(args, project, language, context.settings.user_name)


def _user(args: argparse.Namespace, language: str | None = None) -> int:
    language = language or args.language
    if args.add:
        for word in [checked_word(w) for w in args.add]:  # every word checked before any is added
            add_user_word(language, word)
        print(f"added to your {language} dictionary ({user_dictionary_path(language)}): {', '.join(args.add)}")
    elif args.remove:
        gone = [w for w in args.remove if remove_user_word(language, w)]
        print(f"removed: {', '.join(gone) or 'nothing (not in your dictionary)'}")
    elif args.list:
        for word in sorted(read_user_words(language)):  # an unreadable file is said, not listed as empty
            print(word)
    else:
        try:
            yours = f"your words: {len(read_user_words(language))}"
        except WorkbenchError as exc:
            yours = f"your dictionary is left out ({exc})"
        print(f"{language}: {dictionary_status(language)}; {yours}")
    return 0


def _project(args: argparse.Namespace, project: Project, language: str, author: str) -> int:
    if args.add:
        new = add_project_words(project, language, args.add, author)
        print(f"added to the project's {language} dictionary: {', '.join(new) or 'nothing new'}")
    elif args.remove:
        gone = [w for w in args.remove if remove_project_word(project, language, w)]
        print(f"removed: {', '.join(gone) or 'nothing (not in the project dictionary)'}")
    elif args.list:
        for word in project_word_list(project, language):
            print(f"{word.word}\t{word.added_by}\t{word.added_at}")
    elif args.check:
        document_id = project.document_id(args.document) if args.document else None
        found = misspelled_segments(project, language, document_id)
        problem = dictionary_problem(language)
        if problem:  # a dictionary that loaded and then failed on a word: no list is better than half a list
            raise WorkbenchError(problem)
        labels = labels_for(project, [sid for sid, _words in found])
        for sid, words in found:
            print(f"{labels.get(sid, sid)}: {', '.join(dict.fromkeys(words))}")
        print(f"{len(found)} segment(s) with words not in the {language} dictionary ({dictionary_status(language)})")
    elif args.export:
        _write_words(args.export, [w.word for w in project_word_list(project, language)])
        print(f"wrote {args.export}")
    elif args.import_file:
        new = add_project_words(project, language, _read_words(args.import_file), author)
        print(f"added {len(new)} word(s) to the project's {language} dictionary")
    else:
        count = len(project_word_list(project, language))
        print(f"{language}: {dictionary_status(language)}; the project's words: {count}")
    return 0


def _read_words(path: Path) -> list[str]:
    """The words of a file, one a line: a line that is not one word refuses the whole file, by line number."""
    try:
        text = read_regular_file(path, _IMPORT_LIMIT).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportProblem(str(path), "is not UTF-8 text") from None
    words = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                words.append(checked_word(line))
            except WorkbenchError as exc:
                raise ImportProblem(str(path), f"line {number}: {exc}") from None
    return words


def _write_words(path: Path, words: list[str]) -> None:
    """Written whole, synced, then put in place (export_target's one atomic write, which never writes through
    a link or over the project file)."""
    atomic_write_bytes(path, "".join(f"{w}\n" for w in words).encode("utf-8"))
