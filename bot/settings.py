"""Settings from the environment, read in one place so that every runner agrees on them."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DB_FILE_NAME = "knowledge.sqlite"


def db_path(explicit: str | None = None) -> tuple[str, bool]:
    """The knowledge base file and whether it is the default one.

    Only the default file (in the user's data directory) is filled with the shipped sample report:
    a file named by --db or RAPPORTEUR_DB starts empty, so that a deployment never mixes the
    sample into its own group's data.
    """
    if explicit:
        return explicit, False
    if os.environ.get("RAPPORTEUR_DB"):
        return os.environ["RAPPORTEUR_DB"], False
    return _default_db_file(), True


# -- Slack ---------------------------------------------------------------------------------------

SLACK_APPS_URL = "https://api.slack.com/apps"
DEFAULT_PORT = 3000
DEFAULT_HOST = "0.0.0.0"
DEFAULT_TZ = "Europe/Zurich"


def _is_number(text: str) -> bool:
    """ASCII digits only: str.isdigit() also accepts '²', which int() refuses."""
    return text.isascii() and text.isdigit()


class SlackSettings:
    """The Slack side of the environment, read once by `rapporteur serve`.

    Socket Mode when SLACK_APP_TOKEN is set (no public URL needed), else HTTP on PORT. SLACK_API_URL
    points every Web API call at another server (staging, or a fake one in tests).
    """

    def __init__(self, env: dict | None = None):
        env = os.environ if env is None else env
        self.bot_token = env.get("SLACK_BOT_TOKEN") or None
        self.signing_secret = env.get("SLACK_SIGNING_SECRET") or None
        self.app_token = env.get("SLACK_APP_TOKEN") or None
        api_url = env.get("SLACK_API_URL") or None
        # WebClient joins method names onto the base URL, so it must end with a slash.
        self.api_url = api_url if not api_url or api_url.endswith("/") else api_url + "/"
        port = env.get("PORT") or str(DEFAULT_PORT)
        if not _is_number(port) or not 0 < int(port) < 65536:
            raise ValueError(f"PORT must be a port number such as {DEFAULT_PORT}, not '{port}'")
        self.port = int(port)
        self._read_slack_side(env)

    # -- what the Slack side reads (handlers, serve, the announcer, the request log) --------------
    # Handlers and runners never read the environment themselves: they are handed this object.

    def _read_slack_side(self, env) -> None:
        self.admins = env.get("RAPPORTEUR_ADMINS") or ""  # Slack user IDs, comma-separated
        self.timezone = (env.get("RAPPORTEUR_TZ") or DEFAULT_TZ).strip()
        self.announcer = (env.get("RAPPORTEUR_ANNOUNCER") or "on").strip().lower() not in {"off", "0", "false", "no"}
        self.host = env.get("HOST") or DEFAULT_HOST
        self.log_level = (env.get("LOG_LEVEL") or "INFO").strip().upper()
        # When set, GET /calendar.ics wants ?token=THIS; admins see the URL with `/wg calendar`.
        self.calendar_token = env.get("RAPPORTEUR_CALENDAR_TOKEN") or None
        # The bot's public address (HTTP mode), e.g. https://rapporteur.example.org, for the feed's URL.
        self.public_url = (env.get("RAPPORTEUR_PUBLIC_URL") or "").rstrip("/") or None
        self.db = env.get("RAPPORTEUR_DB") or None
        self._web_concurrency = env.get("WEB_CONCURRENCY") or "1"

    @property
    def web_concurrency(self) -> int:
        """HTTP worker processes; ValueError with an example when WEB_CONCURRENCY is no number."""
        if not _is_number(self._web_concurrency) or int(self._web_concurrency) < 1:
            raise ValueError(
                f"WEB_CONCURRENCY must be a number of worker processes such as 2, not '{self._web_concurrency}'"
            )
        return int(self._web_concurrency)

    @property
    def secrets(self) -> list[str]:
        """What no log line may show: the tokens and the signing secret."""
        return [s for s in (self.bot_token, self.app_token, self.signing_secret) if s]

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)

    def problem(self) -> str | None:
        """What is missing or wrong, in one line that says where to get it; None when ready."""
        missing, how = [], []
        if not self.bot_token:
            missing.append("SLACK_BOT_TOKEN")
            how.append("SLACK_BOT_TOKEN to the Bot User OAuth Token (xoxb-..., on OAuth & Permissions)")
        if not self.socket_mode and not self.signing_secret:
            missing.append("SLACK_SIGNING_SECRET")
            how.append(
                "SLACK_SIGNING_SECRET to the Signing Secret (on Basic Information) for HTTP mode, "
                "or SLACK_APP_TOKEN to an app-level token (xapp-..., connections:write) for Socket Mode"
            )
        if missing:
            return (
                f"missing {' and '.join(missing)}: create the app from manifest.json at {SLACK_APPS_URL}, "
                f"install it to your workspace, then set {'; and '.join(how)}"
            )
        if self.app_token and not self.app_token.startswith("xapp-"):
            return (
                f"SLACK_APP_TOKEN must be an app-level token (xapp-...); make one with connections:write "
                f"under Basic Information > App-Level Tokens at {SLACK_APPS_URL}"
            )
        return None


# -- the command line's settings (bot/cli*.py) ---------------------------------------------------
# Built once by `rapporteur` at start (Settings.from_environment) and handed to every command, so
# that no command and no module of `knowledge` reads the environment itself.

DEFAULT_TIMEZONE = "Europe/Zurich"


def _os_user(env) -> str | None:
    """The person at the keyboard, for the changes log: $USER or $USERNAME, else the account name."""
    name = env.get("USER") or env.get("USERNAME") or env.get("LOGNAME")
    if name:
        return name
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # no passwd entry (some containers): the log says "cli:unknown" instead
        return None


@dataclass(frozen=True)
class Settings:
    """What the command line takes from the environment, read once.

    ``db`` is RAPPORTEUR_DB; ``admins`` the raw RAPPORTEUR_ADMINS; ``timezone`` RAPPORTEUR_TZ;
    ``slack_bot_token`` and ``slack_api_url`` what `announce` posts with; ``os_user`` who is
    recorded as making command-line changes; ``debug`` (RAPPORTEUR_DEBUG) shows tracebacks.
    """

    db: str | None = None
    admins: str = ""
    timezone: str = DEFAULT_TIMEZONE
    slack_bot_token: str | None = None
    slack_api_url: str | None = None
    os_user: str | None = None
    debug: bool = False

    @classmethod
    def from_environment(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        return cls(
            db=env.get("RAPPORTEUR_DB") or None,
            admins=env.get("RAPPORTEUR_ADMINS", ""),
            timezone=(env.get("RAPPORTEUR_TZ") or DEFAULT_TIMEZONE).strip(),
            slack_bot_token=env.get("SLACK_BOT_TOKEN") or None,
            slack_api_url=env.get("SLACK_API_URL") or None,
            os_user=_os_user(env),
            debug=bool(env.get("RAPPORTEUR_DEBUG")),
        )

    def cli_actor(self, as_name: str | None = None) -> str:
        """Who the changes log names for a command-line change: cli:NAME (--as) or cli:OS-USER."""
        name = " ".join((as_name or "").split()) or self.os_user or "unknown"
        return f"cli:{name}"

    def db_path(self, explicit: str | None = None) -> tuple[str, bool]:
        """The knowledge base file (--db, else RAPPORTEUR_DB, else the default) and whether it is
        the default one; see ``db_path`` above for why that matters."""
        if explicit:
            return explicit, False
        if self.db:
            return self.db, False
        return _default_db_file(), True


def _default_db_file() -> str:
    """knowledge.sqlite in the user's data directory (platformdirs: right on every platform)."""
    from platformdirs import user_data_dir

    return str(Path(user_data_dir("rapporteur", appauthor=False)) / DB_FILE_NAME)
