"""The window (PySide6). Importing it first protects None/True/False from PySide6 6.12.0's dropped
references on Python 3.11 (see singleton_refcounts), before any of our Qt code runs."""

from workbench.ui.singleton_refcounts import protect

protect()
