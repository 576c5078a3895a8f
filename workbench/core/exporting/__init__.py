"""From the project to files other tools read: one writer per format."""
