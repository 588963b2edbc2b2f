"""What listeners need besides the payload: the knowledge base, today's date and the bot's memory.

A global middleware puts one ``Services`` in every request's context as ``context["services"]``.
Listeners run on worker threads (and their work after the ack on others again), so each thread
gets its own KnowledgeBase connection: SQLite connections are not meant to be shared between threads.
"""
from __future__ import annotations

import threading
from datetime import date
from typing import Callable

from knowledge.store import KnowledgeBase

from .memory import Memory

CONTEXT_KEY = "services"


class Services:
    def __init__(self, db_path: str, today: Callable[[], date] | None = None):
        self.db_path = db_path
        self._today = today or date.today
        self._local = threading.local()
        with KnowledgeBase(db_path) as kb:  # migrate once, up front, and create the bot's tables
            Memory.create(kb.conn)

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

    # Bolt deep-copies the context for lazy listeners (a feature may use them); share, don't copy.
    def __deepcopy__(self, memo) -> "Services":
        return self

    def __copy__(self) -> "Services":
        return self


def services_of(context) -> Services:
    return context[CONTEXT_KEY]
