"""The one timestamp format of the workbench: UTC to the second, ISO 8601, so stamps sort as text."""

from __future__ import annotations

from datetime import UTC, datetime


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
