"""The headless CLI: one module per command group."""
