"""The project file: storage, queries, documents, translations, and the file's health."""
