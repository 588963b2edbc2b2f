"""/wg reports: the imported reports, each a unit (knowledge.importer).

/wg reports                  the imported reports, with how many records of each kind they brought
/wg reports remove ID        take a report out with everything it brought (admins); `/wg undo` brings it back
"""

from __future__ import annotations

from knowledge.importer import list_reports, remove_report
from knowledge.store import ValidationError

from ..blocks import escape, list_message
from ..rights import NOT_ADMIN, actor_of, is_admin_user
from .admin import note, problem
from .registry import Invocation, subcommand


@subcommand(
    "reports", usage="reports [remove ID]", summary="the imported reports; `reports remove ID` takes one out (admins)"
)
def reports(inv: Invocation) -> dict | None:
    """/wg reports lists; /wg reports remove ID (admins) removes; anything else is a question."""
    words = inv.args.split()
    if not words:
        return _listed(inv)
    if words[0].lower() != "remove":
        return None  # "/wg reports on the HLPF?" is a question
    if not is_admin_user(inv.services, inv.user_id):
        return note(NOT_ADMIN)
    if len(words) != 2 or not words[1].isdigit():
        return note(
            ":warning: Which report? For example `/wg reports remove 2` (`/wg reports` lists them). Nothing was changed."
        )
    try:
        _, report = remove_report(inv.kb, int(words[1]), actor_of(inv.user_id))
    except ValidationError as e:
        return problem(e)
    return note(
        f":white_check_mark: Removed report {report['id']} ({escape(report['filename'])}) and everything it "
        f"brought. `/wg undo` takes it back."
    )


def _listed(inv: Invocation) -> dict:
    """The reports as a titled Slack list."""
    lines = []
    for r in list_reports(inv.kb):
        counts = ", ".join(f"{n} {kind}" for kind, n in r["records"].items() if n) or "no records"
        lines.append(
            f"`{r['id']}` *{escape(r['title'][:100])}* ({escape(r['group'] or '')}) \u2014 {escape(r['file'])}, "
            f"imported {escape(r['imported_at'][:10])}: {counts}"
        )
    return list_message(
        "Imported reports",
        lines,
        empty="No reports imported yet.",
        footer="Admins: `/wg reports remove ID` takes one out; `/wg undo` brings it back.",
    )
