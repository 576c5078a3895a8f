"""Desktops pushing to the team memory at once, for the deadlock test: each a process of its own (spawn).

A desktop does what the soak's do: a lookup, then a push of one confirmation on the same connection, and
now and then a page of its outbox (many units, some every desktop sends, in an order of its own) on another.
Nothing is mocked: real logins on the test's real server.
"""

from __future__ import annotations

import random

from workbench.core.errors import TeamServerError
from workbench.core.team.memory_outbox import TeamUnit
from workbench.core.team.server_connection import connect
from workbench.core.team.team_memory import lookup, push_units

#: units every desktop's outbox holds too (a document they all translated)
SHARED_UNITS = 60
ROUNDS = 40


def shared_unit(n: int) -> TeamUnit:
    return TeamUnit(f"Ủy ban nhân dân tỉnh An Giang thông báo số {n} về lễ hội Oóc Om Bóc.", f"Notice {n}.", "en")


def own_unit(desktop: int, n: int) -> TeamUnit:
    return TeamUnit(f"Người dân huyện {desktop} đến xem đua ghe ngo lần thứ {n} trên sông.", f"Race {n}.", "en")


def own_units(desktop: int) -> list[TeamUnit]:
    return [own_unit(desktop, n) for n in range(ROUNDS * 2)]


def push_as_a_desktop(url: str, desktop: int) -> str:
    """Push for ROUNDS rounds; the error's message when a push failed, else ""."""
    rng = random.Random(desktop)
    try:
        with connect(url) as memory, connect(url) as outbox:
            for n in range(ROUNDS):
                lookup(memory, "office", own_unit(desktop, n).source, "en")
                push_units(memory, "office", [own_unit(desktop, 2 * n)])
                if n % 4 == 0:
                    page = [shared_unit(k) for k in rng.sample(range(SHARED_UNITS), 30)]
                    page.append(own_unit(desktop, 2 * n + 1))
                    rng.shuffle(page)
                    push_units(outbox, "office", page)
                else:
                    push_units(outbox, "office", [own_unit(desktop, 2 * n + 1)])
    except TeamServerError as exc:
        return str(exc)
    return ""
