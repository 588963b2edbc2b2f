"""A report shared with the bot in a direct message is imported (admins only).

An admin drops a report (text or .docx) into their DM with Rapporteur: Slack sends a message event
with subtype file_share (or, from some clients, a plain message carrying ``files``: imported too,
never answered as a question). Each file is downloaded from its url_private with the bot token (the app
needs the files:read scope), at most 20 MB, and only from Slack (or SLACK_API_URL's host, in tests),
never from a URL with user-info or a backslash;
then knowledge.importer.import_file reads it and the DM gets the summary (added, changed, removed).
Anyone else gets a polite refusal; a file that is not a report gets the importer's one-line reason.
Either way nothing changes: an import is one transaction.
"""

from __future__ import annotations

import logging
import re
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

from knowledge.importer import import_file
from knowledge.reading import MAX_BYTES, ReportError

from ..blocks import escape
from ..delivery import post, slack_error
from ..rights import actor_of, is_admin_user
from ..services import services_of

log = logging.getLogger("rapporteur.slack")

MAX_FILES = 5  # files imported from one message
DOWNLOAD_TIMEOUT_S = 30
REFUSED = (
    "Thank you, but only the secretariat's admins can add reports, so I have not imported {names}. "
    "You can still ask me anything about the reports I have."
)


class DownloadError(Exception):
    """The file could not be fetched from Slack; the message says why, in one line."""


def on_file_shared(event: dict, context, client) -> None:
    """Files shared in a DM: each imported, and its summary posted there; or one polite refusal."""
    services, user, channel = services_of(context), event.get("user"), event["channel"]
    files = [f for f in event.get("files") or [] if isinstance(f, dict)][:MAX_FILES]
    if not files:
        return
    if not is_admin_user(services, user):
        names = ", ".join(_name(f) for f in files)
        post(client, channel=channel, text=REFUSED.format(names=escape(names)))
        return
    for f in files:
        post(client, channel=channel, text=import_shared(services, client, f, user))


def import_shared(services, client, file: dict, user: str) -> str:
    """Download and import one shared file; the reply for the DM."""
    name = _name(file)
    try:
        file = described(client, file)
        name = _name(file)
        data = download(client, file)
        with tempfile.TemporaryDirectory(prefix="rapporteur-") as tmp:
            path = Path(tmp) / name
            path.write_bytes(data)
            try:
                result = import_file(services.kb(), path, actor=actor_of(user))
            except ReportError as e:  # its message names the file by its temporary path
                raise ReportError(str(e).replace(str(path), name)) from None
    except (DownloadError, ValueError) as e:  # ReportError, or a record the store refused
        return f":warning: I could not import {escape(name)}: {escape(str(e))}. Nothing was changed."
    except Exception:  # a bug or a broken database: the import's transaction was rolled back
        log.exception("importing %s failed", name)
        return (
            f":warning: Something went wrong on my side while importing {escape(name)}; it has been logged. "
            "Nothing was changed."
        )
    return f":white_check_mark: Imported {escape(name)}.\n```{escape(result.summary_text())}```"


def described(client, file: dict) -> dict:
    """The file as the event tells it; or, when the event carries little more than its id
    (file_access: check_file_info), as files.info does."""
    if file.get("url_private_download") or file.get("url_private") or not file.get("id"):
        return file
    try:
        return client.files_info(file=file["id"])["file"]
    except Exception as e:
        raise DownloadError(f"Slack would not tell me where it is ({slack_error(e)})") from None


def download(client, file: dict) -> bytes:
    url = file.get("url_private_download") or file.get("url_private") or ""
    if (file.get("size") or 0) > MAX_BYTES:
        raise DownloadError(f"it is {file['size'] // 2**20} MB; reports over {MAX_BYTES // 2**20} MB are refused")
    if not _from_slack(url, client.base_url):
        raise DownloadError("Slack sent no link to it that I can use")
    request = urllib.request.Request(url)
    request.add_unredirected_header("Authorization", f"Bearer {client.token}")  # never sent on to a redirect
    try:
        with urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT_S) as response:
            html = "text/html" in (response.headers.get("Content-Type") or "")
            data = response.read(MAX_BYTES + 1)
    except (urllib.error.URLError, OSError) as e:
        raise DownloadError(f"downloading it from Slack failed ({getattr(e, 'code', None) or e})") from None
    if len(data) > MAX_BYTES:
        raise DownloadError(f"it is over {MAX_BYTES // 2**20} MB; reports over that are refused")
    if html and not _name(file).lower().endswith((".htm", ".html")):
        raise DownloadError("Slack sent a sign-in page instead of the file (the app needs the files:read scope)")
    return data


def _from_slack(url: str, api_base: str) -> bool:
    """Only Slack's own hosts (and the Web API's, e.g. a staging or test server) get the bot token.

    A URL with user-info (``https://evil\\@files.slack.com/``) or a backslash is refused outright:
    parsers disagree on which host such a URL names, and the token must not go to the other one."""
    if "\\" in url or any(ord(c) < 33 for c in url):
        return False
    try:
        target, api = urlparse(url), urlparse(api_base or "https://slack.com/api/")
        port, api_port = target.port, api.port
    except ValueError:  # a port that is no number
        return False
    if not target.hostname or "@" in target.netloc:
        return False
    if (target.scheme, target.hostname, port) == (api.scheme, api.hostname, api_port):
        return True
    return target.scheme == "https" and (target.hostname == "slack.com" or target.hostname.endswith(".slack.com"))


def _name(file: dict) -> str:
    """The file's name, safe as a file name: the report is recorded under it."""
    name = Path(str(file.get("name") or file.get("title") or "report.txt")).name
    return re.sub(r"[^\w.\- ()&]", "_", name).strip(" .")[:120] or "report.txt"
