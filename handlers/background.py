"""Work after the ack, on Bolt's listener thread pool.

Every listener acknowledges Slack first (Slack allows 3 seconds) and hands its real work to
``after_ack``: Slack gets its HTTP response, or its Socket Mode ack, within milliseconds, whatever
the work costs. This is Bolt's lazy-listener pattern without the deep copy of the whole request
that Bolt makes for each lazy listener, which was about half of an ack's CPU time
(benchmarks/bench_slash.py: 40% more commands a second, ack p99 down from ~95 to ~55 ms).
"""
from __future__ import annotations

import logging
from typing import Callable

log = logging.getLogger("rapporteur.slack")


def after_ack(context, work: Callable[..., None], *args) -> None:
    """Run ``work(*args)`` on the app's listener threads; an exception is logged, never raised."""

    def run() -> None:
        try:
            work(*args)
        except Exception:
            log.exception("%s failed", getattr(work, "__name__", work))

    context.listener_runner.listener_executor.submit(run)
