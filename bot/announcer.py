"""Posting deadline announcements to Slack: the side of ``knowledge.announcements`` that talks.

``knowledge.announcements`` decides what is due and claims it in SQLite; this module posts each
subscriber's batch as one message through the Web API and records how it went. One subscriber's
trouble never holds up the others: rate limits are waited out (``Retry-After``, through slack_sdk's
RateLimitErrorRetryHandler), other failures are left for the next run to retry, and a channel the bot
can no longer post to (removed, archived, gone) pauses its subscription and is reported to the admins.

It runs either as ``rapporteur announce --once`` (cron) or as a background thread of ``rapporteur
serve`` (``start_announcer_thread``), then on its own WebClient and thread, so that a rate limit on
announcements never holds up an answer. Nothing here reads the environment: callers pass the
settings (``bot.settings.SlackSettings``); a value left out is taken from a SlackSettings built then.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry import default_retry_handlers
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from handlers.slack_text import escape
from knowledge import announcements
from knowledge.store import KnowledgeBase

from .settings import DEFAULT_TZ, SlackSettings

log = logging.getLogger("rapporteur.announcer")

DEFAULT_INTERVAL_SECONDS = 60.0
RATE_LIMIT_RETRIES = 3
# Errors that will not go away by trying again: the subscription is paused until someone resumes it.
PAUSING_ERRORS = frozenset(
    {
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "account_inactive",
        "user_not_found",
        "user_disabled",
        "cannot_dm_bot",
        "messages_tab_disabled",
    }
)


def group_timezone(name: str | None = None) -> ZoneInfo:
    """The group's time zone: ``name``, else the RAPPORTEUR_TZ setting, else Europe/Zurich."""
    name = (name or SlackSettings().timezone or DEFAULT_TZ).strip()
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"RAPPORTEUR_TZ '{name}' is not a time zone; use a name like Europe/Zurich") from None


def make_client(token: str | None = None, base_url: str | None = None) -> WebClient:
    """A WebClient of its own for announcements (the bot token at SLACK_API_URL, when set),
    waiting out rate limits."""
    if token is None or base_url is None:
        settings = SlackSettings()
        token, base_url = token or settings.bot_token, base_url or settings.api_url
    client = WebClient(
        token=token, base_url=base_url or "https://slack.com/api/", retry_handlers=default_retry_handlers()
    )
    return ensure_rate_limit_retries(client)


def ensure_rate_limit_retries(client: WebClient) -> WebClient:
    """Make a client retry HTTP 429 after Retry-After instead of failing the post."""
    if not any(isinstance(h, RateLimitErrorRetryHandler) for h in client.retry_handlers):
        client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES))
    return client


@dataclass
class RunSummary:
    """What one run did, for the command line and the logs."""

    open: bool = True
    posted_messages: int = 0
    posted_notices: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (channel, error)
    paused: list[tuple[str, str]] = field(default_factory=list)  # (channel, error)

    def text(self) -> str:
        if not self.open:
            return "nothing to do: announcements go out from 09:00 in the group's time zone"
        parts = [
            f"posted {self.posted_messages} message{'s' if self.posted_messages != 1 else ''} "
            f"({self.posted_notices} notice{'s' if self.posted_notices != 1 else ''})"
        ]
        if self.failed:
            parts.append(
                f"{len(self.failed)} failed, retried next run: " + ", ".join(f"{c} ({e})" for c, e in self.failed)
            )
        if self.paused:
            parts.append("paused: " + ", ".join(f"{c} ({e})" for c, e in self.paused))
        return "; ".join(parts)


def run_once(
    kb: KnowledgeBase,
    client: WebClient,
    *,
    now: datetime | None = None,
    tz: ZoneInfo | None = None,
    env_admins: str | None = None,
    group_id: int | None = None,
) -> RunSummary:
    """Claim what is due at ``now`` (default: the real time) and post it, one message per subscriber
    (with ``group_id``, only to the subscriptions to that group's deadlines)."""
    now = now or datetime.now(timezone.utc)
    tz = tz or group_timezone()
    summary = RunSummary(open=announcements.announcement_day(now, tz)[1])
    for batch in announcements.claim_due_notices(kb, now, tz, group_id):
        _post_batch(
            kb, client, batch, now, tz, summary, env_admins if env_admins is not None else SlackSettings().admins
        )
    return summary


def _post_batch(
    kb: KnowledgeBase,
    client: WebClient,
    batch: announcements.Batch,
    now: datetime,
    tz: ZoneInfo,
    summary: RunSummary,
    env_admins: str | None,
) -> None:
    try:
        # A user ID as the channel posts to the bot's DM with that person.
        response = client.chat_postMessage(
            channel=batch.channel,
            text=escape(batch.text),
            unfurl_links=False,
            unfurl_media=False,
        )
    except SlackApiError as e:
        error = (e.response.get("error") if e.response is not None else None) or "slack_error"
        announcements.mark_failed(kb, batch.claim_ids, error)
        if error in PAUSING_ERRORS:
            summary.paused.append((batch.channel, error))
            if announcements.pause_subscription(kb, batch.subscription_id, error):
                _tell_admins(kb, client, batch, error, env_admins)
        else:
            summary.failed.append((batch.channel, error))
        log.warning("announcement to %s failed: %s", batch.channel, error)
        return
    except Exception as e:  # network trouble: the claim is retried next run
        error = f"{type(e).__name__}: {e}"
        announcements.mark_failed(kb, batch.claim_ids, error)
        summary.failed.append((batch.channel, error))
        log.warning("announcement to %s failed: %s", batch.channel, error)
        return
    announcements.mark_posted(kb, batch.claim_ids, now, tz, response.get("ts"))
    summary.posted_messages += 1
    summary.posted_notices += len(batch.claim_ids)


def admin_user_ids(kb: KnowledgeBase, env_admins: str | None) -> list[str]:
    """RAPPORTEUR_ADMINS and the admins table, each once."""
    from knowledge.admins import list_admins

    return [a["user_id"] for a in list_admins(kb, env_admins)]


def _tell_admins(
    kb: KnowledgeBase, client: WebClient, batch: announcements.Batch, error: str, env_admins: str | None
) -> None:
    where = f"<@{batch.channel}>" if batch.kind == "user" else f"<#{batch.channel}>"
    text = (
        f"I paused the deadline reminders for {where} ({batch.channel}): Slack says `{error}` "
        f"(I was removed, or it was archived or deleted). To resume, invite me back and run `/wg subscribe` "
        f"there, or `rapporteur subscribe {batch.channel}`; to stop for good, `rapporteur unsubscribe {batch.channel}`."
    )
    for user_id in admin_user_ids(kb, env_admins):
        try:
            client.chat_postMessage(channel=user_id, text=text)
        except Exception as e:  # one unreachable admin must not stop the others being told
            log.warning("could not tell admin %s about %s: %s", user_id, batch.channel, e)


def start_announcer_thread(
    db: str | os.PathLike | None,
    client: WebClient,
    stop_event: threading.Event,
    interval: float = DEFAULT_INTERVAL_SECONDS,
    *,
    tz: ZoneInfo | None = None,
    clock: Callable[[], datetime] | None = None,
    env_admins: str | None = None,
) -> threading.Thread:
    """Run an announcement pass now and every ``interval`` seconds until ``stop_event`` is set.

    ``db`` is the knowledge base file (None: RAPPORTEUR_DB or the default, as the CLI resolves it);
    ``client`` should be the announcer's own (``make_client``), not the bot's;
    each pass opens its own connection, so the thread shares nothing with request handlers. Several
    processes may run this on the same file: the claims keep each notice to one post. A pass that
    fails is logged and the next one tries again. Returns the started daemon thread.
    """
    if db is None:
        from . import settings

        db = settings.db_path(None)[0]
    ensure_rate_limit_retries(client)
    tz = tz or group_timezone()

    def loop() -> None:
        while not stop_event.is_set():
            try:
                with KnowledgeBase(db) as kb:
                    summary = run_once(kb, client, now=clock() if clock else None, tz=tz, env_admins=env_admins)
                if summary.posted_messages or summary.failed or summary.paused:
                    log.info("announcer: %s", summary.text())
            except Exception:
                log.exception("announcer pass failed; trying again in %s s", interval)
            stop_event.wait(interval)

    thread = threading.Thread(target=loop, name="rapporteur-announcer", daemon=True)
    thread.start()
    return thread
