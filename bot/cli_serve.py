"""`rapporteur serve`: run the Slack bot.

Socket Mode when SLACK_APP_TOKEN is set (no public URL needed), otherwise HTTP on $PORT under
uvicorn. Slack, Bolt and uvicorn are imported inside the command, never at import time, so that
`rapporteur ask` and the other commands start fast.
"""

from __future__ import annotations

import logging
import os

from . import settings
from .cli_common import Register, open_kb

log = logging.getLogger("rapporteur")


class SlackSettingsError(ValueError):
    """Missing or refused Slack settings: the CLI prints the one line and exits with status 2."""


def add_commands(command: Register) -> None:
    """Register serve (called by bot.cli.build_parser)."""
    p = command("serve", cmd_serve, "run the Slack bot: Socket Mode with SLACK_APP_TOKEN, else HTTP on $PORT")
    p.add_argument("--host", help="HTTP mode: interface to listen on (default $HOST, else 0.0.0.0)")
    p.add_argument("--port", type=int, help="HTTP mode: port (default $PORT, else 3000)")


def cmd_serve(args, cli_settings: settings.Settings) -> int:
    from .announcer import group_timezone

    try:
        slack = settings.SlackSettings()  # the one settings object; everything below is handed it
        workers = slack.web_concurrency
        tz = group_timezone(slack.timezone) if slack.announcer else None
    except ValueError as e:
        raise SlackSettingsError(str(e)) from None
    problem = slack.problem()
    if problem:
        raise SlackSettingsError(problem)
    # One JSON line per HTTP request; the tokens and the signing secret redacted from every line.
    from .request_log import configure_logging

    configure_logging(slack.log_level, secrets=slack.secrets)
    with open_kb(args, cli_settings) as kb:  # create/migrate it (and fill the default one) before serving
        db_path = kb.path

    from slack_bolt.error import BoltError

    from .slack_app import build_app

    try:
        app = build_app(slack, db_path)
    except BoltError as e:  # auth.test refused the token
        raise SlackSettingsError(f"Slack refused SLACK_BOT_TOKEN: {e}") from None
    except OSError as e:  # URLError and the like: no route to Slack, after the client's retries
        where = slack.api_url or "https://slack.com/api/"
        reason = getattr(e, "reason", None) or e
        raise SlackSettingsError(
            f"could not reach Slack at {where} ({reason}); check SLACK_API_URL "
            f"(unset for slack.com) and this machine's network or proxy"
        ) from None

    stop = _start_announcer(slack, db_path, tz)
    try:
        return _run(args, slack, app, db_path, workers)
    finally:
        stop.set()


def _start_announcer(slack: settings.SlackSettings, db_path: str, tz):
    """Deadline announcements run beside the bot in a thread of their own, on a WebClient of their
    own, so that their rate limits never hold up an answer (RAPPORTEUR_ANNOUNCER=off turns them off,
    e.g. when cron runs `rapporteur announce --once` instead). Claims in SQLite keep each notice to
    one post even if several processes announce from the same file."""
    import threading

    from .announcer import make_client, start_announcer_thread

    stop = threading.Event()
    if slack.announcer:
        client = make_client(slack.bot_token, slack.api_url or "https://slack.com/api/")
        start_announcer_thread(db_path, client, stop, tz=tz, env_admins=slack.admins)
        log.info("announcer running")
    return stop


def socket_mode_handler(app, slack: settings.SlackSettings):
    """Bolt's Socket Mode adapter on slack_sdk's own client: it opens the connection with
    apps.connections.open (through the app's client, so SLACK_API_URL applies), acknowledges each
    envelope once Bolt's ack function has run, and reconnects when Slack asks it to."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    return SocketModeHandler(app, slack.app_token)


def _run(args, slack, app, db_path: str, workers: int) -> int:
    # Answers are worked out on their own threads after the ack; a shorter GIL switch interval
    # lets the thread that acks the next request in sooner, which keeps acks fast under load.
    import sys

    sys.setswitchinterval(0.0005)
    if slack.socket_mode:
        log.info("Rapporteur in Socket Mode, knowledge base %s", db_path)
        socket_mode_handler(app, slack).start()
        return 0

    import uvicorn

    from .http_server import build_asgi

    host, port = args.host or slack.host, args.port or slack.port
    log.info(
        "Rapporteur on http://%s:%s/slack/events (%d worker%s), knowledge base %s",
        host,
        port,
        workers,
        "s" if workers > 1 else "",
        db_path,
    )
    # log_config=None: uvicorn's records go through our handlers (and their secret filter) too.
    options = dict(
        host=host, port=port, log_level="warning", log_config=None, proxy_headers=True, timeout_graceful_shutdown=10
    )
    if workers == 1:
        uvicorn.run(build_asgi(app), **options)
    else:
        # Answering is CPU-bound Python: more cores need more processes. Each worker builds its own
        # app from the environment, on the same knowledge base file, which it is told here.
        os.environ["RAPPORTEUR_DB"] = db_path
        uvicorn.run("bot.http_server:create_app", factory=True, workers=workers, **options)
    return 0
