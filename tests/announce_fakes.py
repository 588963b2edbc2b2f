"""A fake Slack Web API on loopback for the announcer's tests.

It records every call (method, arguments, time) and answers like Slack: ``{"ok": true, ...}``, or what
a test scripts with ``respond``. Point ``WebClient(base_url=fake.base_url)`` (or SLACK_API_URL, for a
subprocess) at it. Calls from several processes land in the same record, which is what lets a test
count posts across concurrent announcers.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

# A responder gets the call and returns None (answer normally) or (status, body, headers).
Responder = Callable[[dict], "tuple[int, dict, dict] | None"]


class FakeSlack:
    def __init__(self, post_delay: float = 0.0):
        self.calls: list[dict] = []
        self.responders: list[Responder] = []
        self.post_delay = post_delay  # slows posts down, to make concurrent announcers overlap
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> FakeSlack:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                fake._handle(self)

            def log_message(self, *args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/api/"

    # -- scripting ---------------------------------------------------------------------------

    def respond(self, responder: Responder) -> None:
        self.responders.append(responder)

    def fail_channel(self, channel: str, error: str, times: int | None = None) -> None:
        """chat.postMessage to ``channel`` answers ok=false with ``error`` (``times`` times, else always)."""
        left = [times]

        def responder(call):
            if call["method"] == "chat.postMessage" and call["args"].get("channel") == channel and left[0] != 0:
                if left[0] is not None:
                    left[0] -= 1
                return 200, {"ok": False, "error": error}, {}
            return None

        self.respond(responder)

    def rate_limit(self, times: int = 1, retry_after: int = 0) -> None:
        """The next ``times`` posts get HTTP 429 with Retry-After."""
        left = [times]

        def responder(call):
            if call["method"] == "chat.postMessage" and left[0] > 0:
                left[0] -= 1
                return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(retry_after)}
            return None

        self.respond(responder)

    # -- what was called ---------------------------------------------------------------------

    def posts(self, channel: str | None = None, *, delivered_only: bool = True) -> list[dict]:
        """The chat.postMessage calls (their arguments), only those answered ok unless told otherwise."""
        with self._lock:
            return [
                c["args"]
                for c in self.calls
                if c["method"] == "chat.postMessage"
                and (channel is None or c["args"].get("channel") == channel)
                and (c["ok"] or not delivered_only)
            ]

    # -- the server side ---------------------------------------------------------------------

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        method = request.path.rsplit("/", 1)[-1]
        body = request.rfile.read(int(request.headers.get("Content-Length") or 0)).decode("utf-8")
        if "json" in (request.headers.get("Content-Type") or ""):
            args = json.loads(body or "{}")
        else:
            args = dict(parse_qsl(body))
        call = {"method": method, "args": args, "at": time.time(), "auth": request.headers.get("Authorization")}
        answer = None
        for responder in list(self.responders):
            answer = responder(call)
            if answer is not None:
                break
        if answer is None:
            if method == "chat.postMessage" and self.post_delay:
                time.sleep(self.post_delay)
            answer = 200, self._default(method, args), {}
        status, payload, headers = answer
        call["ok"] = status == 200 and payload.get("ok", False)
        with self._lock:
            self.calls.append(call)
        data = json.dumps(payload).encode()
        request.send_response(status)
        request.send_header("Content-Type", "application/json; charset=utf-8")
        request.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            request.send_header(name, value)
        request.end_headers()
        request.wfile.write(data)

    def _default(self, method: str, args: dict) -> dict:
        if method == "chat.postMessage":
            with self._lock:
                n = len(self.calls) + 1
            return {
                "ok": True,
                "channel": args.get("channel"),
                "ts": f"{1583740800 + n}.000100",
                "message": {"text": args.get("text")},
            }
        return {"ok": True}
