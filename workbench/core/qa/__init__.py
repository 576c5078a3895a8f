"""Quality checks: the pure checks, the live context, and a run over a project."""
