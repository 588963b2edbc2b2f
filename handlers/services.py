"""What listeners need besides the payload: the knowledge base, today's date, the settings and the
bot's memory.

A global middleware puts one ``Services`` in every request's context as ``context["services"]``.
Listeners run on worker threads, so each thread gets its own KnowledgeBase connection: SQLite
connections are not meant to be shared between threads. Listeners never read the environment: what
they need of the settings (the admins named at start, the calendar token) is ``services.settings``,
the one settings object `rapporteur serve` built (bot.settings.SlackSettings).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date
from types import SimpleNamespace
from typing import Any

from knowledge.store import KnowledgeBase

from .memory import PRUNE_EVERY_S, Memory

CONTEXT_KEY = "services"

# What a Services without settings (a unit test's) sees: no admins named, a public calendar.
NO_SETTINGS = SimpleNamespace(admins="", calendar_token=None, public_url=None)


class Services:
    def __init__(
        self,
        db_path: str,
        today: Callable[[], date] | None = None,
        settings: Any = None,
        clock: Callable[[], float] = time.time,
    ):
        self.db_path = db_path
        self.settings = settings if settings is not None else NO_SETTINGS
        self._today = today or date.today
        self._clock = clock
        self._local = threading.local()
        self._prune_lock = threading.Lock()
        self._next_prune = 0.0
        KnowledgeBase(db_path).close()  # migrate once, up front (the bot's own tables too)

    def kb(self) -> KnowledgeBase:
        """This thread's connection to the knowledge base."""
        kb = getattr(self._local, "kb", None)
        if kb is None:
            kb = self._local.kb = KnowledgeBase(self.db_path)
        return kb

    def memory(self) -> Memory:
        return Memory(self.kb().conn)

    def today(self) -> date:
        return self._today()

    def first_time(self, request_key: str) -> bool:
        """True the first time a request (an event id, a trigger_id) is seen. Keys older than a day
        are pruned every PRUNE_EVERY_S seconds while the bot runs, not only when it starts."""
        now, memory = self._clock(), self.memory()
        if now >= self._next_prune:
            with self._prune_lock:
                if now >= self._next_prune:
                    self._next_prune = now + PRUNE_EVERY_S
                    memory.prune_seen(now)
        return memory.first_time(request_key, now)

    # Bolt deep-copies the context for lazy listeners; share, don't copy.
    def __deepcopy__(self, memo) -> Services:
        return self

    def __copy__(self) -> Services:
        return self


def services_of(context) -> Services:
    return context[CONTEXT_KEY]
