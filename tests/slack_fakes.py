"""Test doubles for Slack: a fake Web API server, request signing, and the app served on loopback.

- ``FakeSlack``: an http.server on 127.0.0.1 that answers Web API methods (``/api/<method>``) and
  response_url posts (``/response/<name>``), recording every call (method, body, token). Failures
  can be scripted per method (``fail``). ``wait_for`` polls the record with a timeout, so tests
  never sleep a fixed time. ``add_file`` serves bytes at a url_private it hands out (GET
  ``/files-pri/...``, recorded as method "file_download"), as Slack serves shared files.
- ``sign`` / ``signed_headers``: X-Slack-Signature as Slack computes it (v0, HMAC-SHA256).
- ``SlackSender``: posts signed slash commands, events and interactions to the app, as Slack does.
- ``AppServer``: an ASGI app under uvicorn in a thread, on a free loopback port.
- ``SocketModeServer``: a stand-in for Slack's Socket Mode endpoint (a websocket server on loopback,
  the ``websockets`` library's): it greets each connection with ``hello``, sends the envelopes a
  test gives it, and records every acknowledgement by envelope_id. FakeSlack hands its URL out
  from apps.connections.open when ``socket_mode_url`` is set.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import itertools
import json
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

BOT_TOKEN = "xoxb-test-token"
SIGNING_SECRET = "test-signing-secret"
BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
TEAM_ID = "T0001"


# -- the fake Web API ---------------------------------------------------------------------------


@dataclass
class Call:
    method: str  # "chat.postMessage", ..., or "response_url"
    body: dict
    token: str | None
    path: str
    headers: dict = field(default_factory=dict)
    response: dict | None = None  # what the fake answered (e.g. the ts of a posted message)
    at: float = field(default_factory=time.perf_counter)  # when it arrived (for latency figures)


@dataclass
class Failure:
    method: str
    error: str
    status: int = 200
    times: int = 1
    when: Callable[[dict], bool] | None = None
    headers: dict = field(default_factory=dict)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the default 5 drops connections in a burst (a 1 s SYN retry)


class FakeSlack:
    """A fake Slack Web API on loopback; use as a context manager."""

    def __init__(self):
        self.calls: list[Call] = []
        self.failures: list[Failure] = []
        self._cond = threading.Condition()
        self._ts = itertools.count(1)
        self.files: dict[str, tuple[bytes, str]] = {}  # path -> (bytes, content type)
        self.file_info: dict[str, dict] = {}  # file id -> what files.info answers
        self.socket_mode_url: str | None = None  # what apps.connections.open hands out (Socket Mode)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                fake._handle(self)

            def do_GET(self):
                fake._serve_file(self)

            def log_message(self, *args):  # quiet
                pass

        self.server = _Server(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # lifecycle
    def __enter__(self) -> FakeSlack:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    @property
    def api_url(self) -> str:
        return self.url + "api/"

    def response_url(self, name: str) -> str:
        return f"{self.url}response/{name}"

    # scripting and inspection
    def fail(
        self,
        method: str,
        error: str,
        *,
        status: int = 200,
        times: int = 1,
        when: Callable[[dict], bool] | None = None,
        headers: dict | None = None,
    ) -> None:
        """The next ``times`` calls of ``method`` (matching ``when``) fail with ``error``."""
        with self._cond:
            self.failures.append(Failure(method, error, status, times, when, headers or {}))

    def add_file(self, name: str, data: bytes, content_type: str = "text/plain", file_id: str | None = None) -> str:
        """Serve ``data`` as a shared file; returns its url_private (which wants the bot token).
        With ``file_id``, files.info tells that file's url_private, name and size too."""
        path = f"/files-pri/{TEAM_ID}-F{next(self._ts):06d}/{urllib.parse.quote(name)}"
        url = self.url.rstrip("/") + path
        with self._cond:
            self.files[path] = (data, content_type)
            if file_id:
                self.file_info[file_id] = {"id": file_id, "name": name, "size": len(data), "url_private": url}
        return url

    def reset(self) -> None:
        with self._cond:
            self.calls.clear()
            self.failures.clear()

    def calls_to(self, method: str, where: Callable[[Call], bool] | None = None) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if c.method == method and (where is None or where(c))]

    def wait_for(
        self, method: str, where: Callable[[Call], bool] | None = None, *, count: int = 1, timeout: float = 5.0
    ) -> list[Call]:
        """Wait until ``count`` matching calls were recorded; returns them (AssertionError on timeout)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                found = [c for c in self.calls if c.method == method and (where is None or where(c))]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(c.method, c.body.get("channel")) for c in self.calls]
                    raise AssertionError(f"no {count} x {method} within {timeout}s; calls: {seen}")
                self._cond.wait(left)

    # serving
    def _handle(self, req: BaseHTTPRequestHandler) -> None:
        raw = req.rfile.read(int(req.headers.get("Content-Length") or 0)).decode("utf-8")
        ctype = req.headers.get("Content-Type") or ""
        if "json" in ctype:
            body = json.loads(raw or "{}")
        else:
            body = {k: v[0] for k, v in urllib.parse.parse_qs(raw).items()}
        auth = req.headers.get("Authorization") or ""
        token = auth[len("Bearer ") :] if auth.startswith("Bearer ") else body.get("token")
        path = req.path.split("?")[0]
        if path.startswith("/api/"):
            method = path[len("/api/") :]
        elif path.startswith("/response/"):
            method = "response_url"
        else:
            method = "unknown"
        call = Call(method, body, token, path, dict(req.headers))
        with self._cond:
            failure = self._take_failure(method, body)
            if method == "response_url":
                status, ctype, headers = (failure.status or 404) if failure else 200, "text/plain", {}
                data = (failure.error if failure else "ok").encode()
            else:
                status, ctype = (failure.status if failure else 200), "application/json"
                headers = failure.headers if failure else {}
                call.response = {"ok": False, "error": failure.error} if failure else self._result(method, body)
                data = json.dumps(call.response).encode()
            self.calls.append(call)
            self._cond.notify_all()
        self._reply(req, status, data, ctype, headers)

    def _take_failure(self, method: str, body: dict) -> Failure | None:
        for f in self.failures:
            if f.method == method and f.times > 0 and (f.when is None or f.when(body)):
                f.times -= 1
                return f
        return None

    def _result(self, method: str, body: dict) -> dict:
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://test.slack.com/",
                "team": "Test",
                "user": "rapporteur",
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
            }
        if method == "chat.postMessage":
            ts = f"{1_700_000_000 + next(self._ts)}.000100"
            return {
                "ok": True,
                "channel": body.get("channel"),
                "ts": ts,
                "message": {"text": body.get("text"), "ts": ts, "bot_id": BOT_ID},
            }
        if method == "views.publish":
            return {"ok": True, "view": {"id": "V1", **(body.get("view") or {})}}
        if method == "files.info":
            info = self.file_info.get(body.get("file"))
            return {"ok": True, "file": info} if info else {"ok": False, "error": "file_not_found"}
        if method == "views.open":
            view = body.get("view")
            view = json.loads(view) if isinstance(view, str) else (view or {})
            return {"ok": True, "view": {"id": f"V{next(self._ts):06d}", **view}}
        if method == "apps.connections.open":
            if not self.socket_mode_url:
                return {"ok": False, "error": "not_allowed_token_type"}
            return {"ok": True, "url": self.socket_mode_url}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + str(body.get("users", "X"))}}
        return {"ok": True}

    def _serve_file(self, req: BaseHTTPRequestHandler) -> None:
        """GET of a url_private: the bytes with the bot token, else a sign-in page, as Slack does."""
        auth = req.headers.get("Authorization") or ""
        token = auth[len("Bearer ") :] if auth.startswith("Bearer ") else None
        path = req.path.split("?")[0]
        with self._cond:
            found = self.files.get(path)
            self.calls.append(Call("file_download", {}, token, path, dict(req.headers)))
            self._cond.notify_all()
        if found is None:
            self._reply(req, 404, b"not found", "text/plain", {})
        elif token != BOT_TOKEN:
            self._reply(req, 200, b"<!DOCTYPE html><html>Sign in to Slack</html>", "text/html", {})
        else:
            self._reply(req, 200, found[0], found[1], {})

    @staticmethod
    def _reply(req, status: int, data: bytes, ctype: str, headers: dict) -> None:
        req.send_response(status)
        req.send_header("Content-Type", ctype)
        req.send_header("Content-Length", str(len(data)))
        for k, v in headers.items():
            req.send_header(k, v)
        req.end_headers()
        req.wfile.write(data)


# -- signing and sending ------------------------------------------------------------------------


def sign(body: str, timestamp: int | str, secret: str = SIGNING_SECRET) -> str:
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode("utf-8"), base, hashlib.sha256).hexdigest()


def signed_headers(body: str, content_type: str, *, secret: str = SIGNING_SECRET, timestamp: int | None = None) -> dict:
    ts = int(time.time()) if timestamp is None else timestamp
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": str(ts),
        "X-Slack-Signature": sign(body, ts, secret),
    }


FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
_ids = itertools.count(1)


def slash_body(
    text: str, *, response_url: str, user_id: str = "U1", channel_id: str = "C1", command: str = "/wg"
) -> str:
    n = next(_ids)
    return urllib.parse.urlencode(
        {
            "token": "legacy",
            "team_id": TEAM_ID,
            "team_domain": "test",
            "channel_id": channel_id,
            "channel_name": "general",
            "user_id": user_id,
            "user_name": "delegate",
            "command": command,
            "text": text,
            "api_app_id": "A1",
            "response_url": response_url,
            "trigger_id": f"trigger.{n}",
        }
    )


def event_body(event: dict, *, event_id: str | None = None) -> str:
    return json.dumps(
        {
            "token": "legacy",
            "team_id": TEAM_ID,
            "api_app_id": "A1",
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(_ids):08d}",
            "event_time": int(time.time()),
            "event": event,
            "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
        }
    )


def action_body(
    action: dict,
    *,
    user_id: str = "U1",
    channel_id: str = "C1",
    response_url: str,
    message: dict | None = None,
    ephemeral: bool = False,
) -> str:
    container = {"type": "message", "channel_id": channel_id, "is_ephemeral": ephemeral}
    if message:
        container["message_ts"] = message.get("ts")
    payload = {
        "type": "block_actions",
        "team": {"id": TEAM_ID},
        "user": {"id": user_id},
        "api_app_id": "A1",
        "token": "legacy",
        "container": container,
        "trigger_id": f"trigger.{next(_ids)}",
        "channel": {"id": channel_id},
        "response_url": response_url,
        "actions": [{"type": "button", "block_id": "b", "action_ts": str(time.time()), **action}],
    }
    if message and not ephemeral:
        payload["message"] = message
    return urllib.parse.urlencode({"payload": json.dumps(payload)})


def view_submission_body(view: dict, *, user_id: str = "U1") -> str:
    """A modal's submission, as Slack posts it: the view with its state.values."""
    payload = {
        "type": "view_submission",
        "team": {"id": TEAM_ID},
        "user": {"id": user_id},
        "api_app_id": "A1",
        "token": "legacy",
        "trigger_id": f"trigger.{next(_ids)}",
        "view": {"id": "V1", **view},
    }
    return urllib.parse.urlencode({"payload": json.dumps(payload)})


@dataclass
class Response:
    status: int
    body: bytes
    headers: dict
    seconds: float

    def json(self):
        return json.loads(self.body)


class SlackSender:
    """Sends requests to the app at ``base_url`` the way Slack does: signed, to /slack/events."""

    def __init__(self, base_url: str, secret: str = SIGNING_SECRET):
        parsed = urllib.parse.urlparse(base_url)
        self.host, self.port = parsed.hostname, parsed.port
        self.secret = secret

    def request(self, method: str, path: str, body: str = "", headers: dict | None = None) -> Response:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=10)
        try:
            start = time.perf_counter()
            conn.request(method, path, body=body.encode("utf-8") if body else None, headers=headers or {})
            resp = conn.getresponse()
            data = resp.read()
            return Response(resp.status, data, dict(resp.getheaders()), time.perf_counter() - start)
        finally:
            conn.close()

    def post(self, body: str, content_type: str, *, extra: dict | None = None, **sign_kw) -> Response:
        headers = signed_headers(body, content_type, secret=sign_kw.pop("secret", self.secret), **sign_kw)
        headers.update(extra or {})
        return self.request("POST", "/slack/events", body, headers)

    def command(self, text: str, *, response_url: str, **kw) -> Response:
        return self.post(slash_body(text, response_url=response_url, **kw), FORM)

    def event(self, event: dict, *, event_id: str | None = None, retry: int | None = None) -> Response:
        extra = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"} if retry else None
        return self.post(event_body(event, event_id=event_id), JSON, extra=extra)

    def action(self, action: dict, **kw) -> Response:
        return self.post(action_body(action, **kw), FORM)

    def view_submission(self, view: dict, **kw) -> Response:
        return self.post(view_submission_body(view, **kw), FORM)


# -- the app on loopback ------------------------------------------------------------------------


class AppServer:
    """An ASGI app under uvicorn in a background thread, on a free port of 127.0.0.1."""

    def __init__(self, asgi_app):
        import uvicorn

        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        config = uvicorn.Config(asgi_app, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def __enter__(self) -> AppServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the app did not start")
            time.sleep(0.005)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


def serve_bot(fake: FakeSlack, db, today: Callable[[], object], **environment: str) -> AppServer:
    """The real bot (Bolt app, ASGI endpoint) on loopback, talking to ``fake`` as its Web API,
    with the test tokens and any further settings given as environment variables."""
    from bot.http_server import build_asgi
    from bot.settings import SlackSettings
    from bot.slack_app import build_app

    settings = SlackSettings(
        {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": fake.api_url}
        | environment
    )
    return AppServer(build_asgi(build_app(settings, db, today=today)))


# -- Socket Mode --------------------------------------------------------------------------------


class SocketModeServer:
    """Slack's Socket Mode endpoint, stood in for on loopback; use as a context manager."""

    def __init__(self):
        from websockets.sync.server import serve

        self.connections: list = []  # every connection the app opened, in order
        self.acks: dict[str, dict] = {}  # envelope_id -> the app's acknowledgement
        self.closed: set[int] = set()  # ids of the connections that ended
        self._cond = threading.Condition()
        # Frequent pings, as a busy Slack connection has traffic: slack_sdk's client closes a
        # connection only between two reads, and an idle read waits seconds.
        self.server = serve(self._session, "127.0.0.1", 0, ping_interval=0.05)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> SocketModeServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.server.socket.getsockname()[1]}/link/"

    def _session(self, ws) -> None:
        from websockets.exceptions import ConnectionClosed

        ws.send(
            json.dumps(
                {
                    "type": "hello",
                    "num_connections": len(self.connections) + 1,
                    "connection_info": {"app_id": "A1"},
                    "debug_info": {"host": "stand-in"},
                }
            )
        )
        with self._cond:
            self.connections.append(ws)
            self._cond.notify_all()
        try:
            for raw in ws:
                message = json.loads(raw)
                with self._cond:
                    if message.get("envelope_id"):
                        self.acks.setdefault(message["envelope_id"], message)
                    self._cond.notify_all()
        except ConnectionClosed:  # the app went away without a close frame (it dropped the old connection)
            pass
        finally:
            with self._cond:
                self.closed.add(id(ws))
                self._cond.notify_all()

    def wait_for_connections(self, count: int, timeout: float = 5.0) -> None:
        """Until the app holds its ``count``-th connection and has let go of the ones before (as the
        app does once the new one works), so that envelopes go where it listens."""

        def ready() -> bool:
            return len(self.connections) >= count and all(id(c) in self.closed for c in self.connections[:-1])

        with self._cond:
            if not self._cond.wait_for(ready, timeout):
                raise AssertionError(f"{len(self.connections)} connection(s), not {count} ready, within {timeout}s")

    def send(self, envelope: dict) -> None:
        """Send an envelope on the newest connection, as Slack does."""
        with self._cond:
            ws = self.connections[-1]
        ws.send(json.dumps(envelope))

    def wait_for_ack(self, envelope_id: str, timeout: float = 3.0) -> dict:
        """The app's acknowledgement of an envelope (Slack's limit for it is 3 seconds)."""
        with self._cond:
            if not self._cond.wait_for(lambda: envelope_id in self.acks, timeout):
                raise AssertionError(f"envelope {envelope_id} not acknowledged within {timeout}s")
            return self.acks[envelope_id]


def slash_envelope(
    envelope_id: str, text: str, *, response_url: str, user_id: str = "U1", channel_id: str = "C1"
) -> dict:
    payload = dict(
        urllib.parse.parse_qsl(slash_body(text, response_url=response_url, user_id=user_id, channel_id=channel_id))
    )
    return {"envelope_id": envelope_id, "type": "slash_commands", "accepts_response_payload": True, "payload": payload}


def event_envelope(envelope_id: str, event: dict, *, event_id: str | None = None, retry_attempt: int = 0) -> dict:
    return {
        "envelope_id": envelope_id,
        "type": "events_api",
        "accepts_response_payload": False,
        "retry_attempt": retry_attempt,
        "retry_reason": "timeout" if retry_attempt else "",
        "payload": json.loads(event_body(event, event_id=event_id)),
    }


def interactive_envelope(envelope_id: str, action: dict, **kw) -> dict:
    payload = json.loads(urllib.parse.parse_qs(action_body(action, **kw))["payload"][0])
    return {"envelope_id": envelope_id, "type": "interactive", "accepts_response_payload": False, "payload": payload}


DISCONNECT = {"type": "disconnect", "reason": "refresh_requested", "debug_info": {"host": "stand-in"}}
