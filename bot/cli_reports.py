"""`rapporteur reports`: the imported reports, each a unit.

``rapporteur reports [--json]`` lists them (id, title, group, file, imported at, records per kind);
``rapporteur reports remove ID`` removes one with everything it brought, in one change that
``rapporteur undo`` takes back. Registered on the command line by ``register(subparsers)``.
"""

from __future__ import annotations

import json

from .cli_common import Register, UsageError, actor_of, open_kb
from .settings import Settings


def add_commands(command: Register) -> None:
    """Register `reports` (called by bot.cli.build_parser)."""
    p = command("reports", cmd_reports, "list imported reports; `reports remove ID` removes one with all it brought")
    p.add_argument("--json", action="store_true", help="one JSON list of the reports")
    p.add_argument("action", nargs="?", choices=["remove"], help="remove: take a report out (undo brings it back)")
    p.add_argument("id", nargs="?", help="the report's id, as `rapporteur reports` lists it")


def cmd_reports(args, settings: Settings) -> int:
    """List the reports, or remove one (``reports remove ID``)."""
    if args.action == "remove":
        return _remove(args, settings)
    if args.id is not None:
        raise UsageError(f"unknown action '{args.id}'; e.g. rapporteur reports remove 2")
    from knowledge.importer import list_reports

    with open_kb(args, settings, read_only=True) as kb:
        reports = list_reports(kb)
    if args.json:
        print(json.dumps(reports, indent=2, ensure_ascii=False))
        return 0
    if not reports:
        print("no reports imported; rapporteur import FILE imports one")
    for r in reports:
        counts = ", ".join(f"{n} {kind}" for kind, n in r["records"].items() if n) or "no records"
        print(f"{r['id']:>4}  {r['imported_at'][:16]}  {r['group']}  {r['file']}  {r['title'][:70]}")
        print(f"      {counts}")
    return 0


def _remove(args, settings: Settings) -> int:
    """Remove one report with everything it brought; print how to undo it."""
    from knowledge.importer import remove_report

    if args.id is None or not str(args.id).isdigit():
        raise UsageError("which report? e.g. rapporteur reports remove 2 (rapporteur reports lists them)")
    with open_kb(args, settings) as kb:
        change_id, report = remove_report(kb, int(args.id), actor_of(args, settings))
    print(
        f"removed report {report['id']} ({report['filename']}) and everything it brought; "
        f"rapporteur undo {change_id} brings it back"
    )
    return 0
