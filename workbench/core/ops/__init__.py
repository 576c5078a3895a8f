"""The use cases: one transaction each, called by the CLI and the window alike."""
