"""The project window's features, one module per group of commands, each built on a `WindowContext`."""
