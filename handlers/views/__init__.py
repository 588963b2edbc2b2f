"""Modal submissions (view_submission / view_closed), as the bolt-python starter template groups them:
the deadline form that admins open with `/wg add deadline` or an answer's Edit button."""

from __future__ import annotations

from . import edit


def register(app) -> None:
    edit.register(app)
