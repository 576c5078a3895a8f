"""Every benchmark: `python main.py bench ...` (the grid one is loaded on demand, so the CLI imports no Qt)."""
