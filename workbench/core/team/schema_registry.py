"""Every part of the team server's schema, in the order `team init` applies them.

A later part of issue 19 adds its own module holding `PARTS` (a tuple of server_schema.SchemaPart) and one
line here; a part already applied on a server is recorded there by name and never run again.
"""

from __future__ import annotations

from workbench.core.team import server_memory_schema, server_schema, server_sync_schema
from workbench.core.team.server_schema import SchemaPart

SCHEMA_PARTS: tuple[SchemaPart, ...] = (*server_schema.PARTS, *server_sync_schema.PARTS, *server_memory_schema.PARTS)
