"""From a file on disk to a segmented document: one reader per format."""
