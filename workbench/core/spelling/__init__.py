"""Spell checking: hunspell dictionaries (spylls), Khmer split into words first, the project's and the user's words."""
