"""The `rapporteur` command line.

Its commands, flags and JSON fields are a contract other parts and checks rely on: change them only
by adding. The environment is read once, into ``bot.settings.Settings``, and handed to every
command as ``func(args, settings)``. Subcommands are registered explicitly, here, from the modules
that define them. Slack is never imported on the answering path (``ask``), so that a cold start
stays fast; commands that need Slack import it when they run.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version

from knowledge import dates
from knowledge.schema import KINDS, LABEL_FIELD, SINGULAR, kind_name, what_it_takes, with_article
from knowledge.store import ValidationError

from . import cli_admin, cli_announce, cli_reports, cli_serve
from .cli_common import (
    OneLineParser,
    Register,
    UsageError,
    actor_of,
    add_db_option,
    group_id_option,
    open_kb,
    refuse_empty,
    sole_group_id,
)
from .settings import Settings

__all__ = ["main", "build_parser", "UsageError", "open_kb"]

# Commands that write nothing and so never create a knowledge base file (see open_kb).
JSON_COMMANDS_HINT = "ask, deadlines, stats, history, subscriptions, admins list, review"


# -- commands ----------------------------------------------------------------------------------


def cmd_import(args, settings: Settings) -> int:
    from knowledge.importer import import_file

    def progress(stage: str) -> None:
        print(f"\u2026 {stage}", file=sys.stderr, flush=True)

    on_terminal = sys.stderr.isatty()  # a terminal sees the stages; a pipe or a script does not
    with open_kb(args, settings) as kb:
        result = import_file(
            kb, args.file, actor=actor_of(args, settings), **({"progress": progress} if on_terminal else {})
        )
    print(result.summary_text())
    return 0


def cmd_load(args, settings: Settings) -> int:
    try:
        with open(args.file, encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError:
        raise UsageError(f"no such file: {args.file}") from None
    except IsADirectoryError:
        raise UsageError(f"{args.file} is a folder; name the JSON file `rapporteur export` wrote") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise UsageError(f"{args.file} is not valid JSON: {e}") from None
    with open_kb(args, settings) as kb:
        summary = kb.load(data, actor_of(args, settings))
    print(f"loaded {args.file}: {summary['added']} added, {summary['updated']} updated")
    return 0


def cmd_export(args, settings: Settings) -> int:
    with open_kb(args, settings, read_only=True) as kb:
        data = kb.export()
    if args.format == "json":
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    # CSV: one table, a row per record, with its kind first, so that one file holds everything.
    # (Reports, paragraphs and the rest are in the JSON export only.)
    columns = (
        ["kind", "id"]
        + sorted({f.name for fields in KINDS.values() for f in fields})
        + ["group_id", "report_id", "paragraph", "source"]
    )
    writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for kind in KINDS:
        for row in data[kind]:
            flat = {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in row.items()}
            writer.writerow({"kind": kind, **flat})
    return 0


def cmd_deadlines(args, settings: Settings) -> int:
    start = dates.parse_date(args.start) if args.start else None
    end = dates.parse_date(args.end) if args.end else None
    if start and end and end < start:
        raise UsageError(
            f"--from {dates.human(start)} is after --to {dates.human(end)}; "
            f"give the dates in order, e.g. --from {end.isoformat()} --to {start.isoformat()}"
        )
    with open_kb(args, settings, read_only=True) as kb:
        rows = kb.deadlines(start, end, group_id=group_id_option(kb, args.group))
    if args.json:
        for r in rows:
            r.pop("key", None)
        json.dump(rows, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    if not rows:
        print("no deadlines" + (" in that period" if start or end else ""))
    for r in rows:
        when = dates.human(r["due"]) if r["due"] else dates.due_text(None, words=r.get("due_words"))
        print(f"{r['id']:>5}  {when:>18}  {r['title']}{dates.extension_note(r.get('original_due'))}")
    return 0


def cmd_ask(args, settings: Settings) -> int:
    from knowledge.answering import Answer, answer, render_text

    question = " ".join(args.question)  # 'rapporteur ask gold partners' needs no quotes
    today = dates.parse_date(args.today) if args.today else None
    with open_kb(args, settings, read_only=True) as kb:
        refuse_empty(kb)
        if args.group:
            kb.group_named(args.group)  # an unknown group is refused, as subscribe --group refuses it
        if args.explain:
            from knowledge.answering import explain

            print("\n".join(explain(kb, question, today)), file=sys.stderr)
        if question == "-":
            # One question a line in, one JSON object a line out, flushed as it goes.
            for line in sys.stdin:
                try:
                    reply = answer(kb, line.rstrip("\n"), today=today, group=args.group)
                except Exception as e:  # one bad question never ends the stream: say so, go on
                    print(
                        f"rapporteur: error answering {line.strip()[:60]!r}: {type(e).__name__}: {e}", file=sys.stderr
                    )
                    reply = Answer(False, "Sorry, something went wrong answering that question.", 0.0)
                out = reply.to_json()
                print(json.dumps(out, ensure_ascii=False) if args.json else render_text(reply), flush=True)
            return 0
        reply = answer(kb, question, today=today, group=args.group)
    if args.json:
        print(json.dumps(reply.to_json(), ensure_ascii=False, indent=2))
    else:
        print(render_text(reply))
    return 0  # "I don't know" is an answer too; errors are what exit non-zero


def _record_fields(args, kind: str) -> dict:
    fields = {}
    for f in KINDS[kind]:
        value = getattr(args, f.name, None)
        if value is not None:
            fields[f.name] = value
    return fields


def cmd_add(args, settings: Settings) -> int:
    kind = kind_name(args.kind)
    fields = _record_fields(args, kind)
    with open_kb(args, settings) as kb:
        fields["group_id"] = sole_group_id(kb, args.group, f"rapporteur add {SINGULAR[kind]} ...")
        cleaned = kb.clean(kind, {k: v for k, v in fields.items() if v is not None})
        same = kb.duplicates(kind, cleaned)
        record = kb.add(kind, cleaned, actor_of(args, settings))
    if same:
        ids = ", ".join(str(r["id"]) for r in same)
        print(
            f"rapporteur: warning: {with_article(SINGULAR[kind])} with this {LABEL_FIELD[kind]} and date "
            f"is already there ({SINGULAR[kind]} {ids}); `rapporteur delete {SINGULAR[kind]} {record['id']}` "
            f"takes the new one away",
            file=sys.stderr,
        )
    print(f"added {SINGULAR[kind]} {record['id']}: {describe(kind, record)}")
    return 0


def cmd_edit(args, settings: Settings) -> int:
    kind = kind_name(args.kind)
    fields = _record_fields(args, kind)
    if not fields:
        raise UsageError(
            f"nothing to change; e.g. rapporteur edit {SINGULAR[kind]} {args.id} --{_example_flag(kind)} ..."
        )
    with open_kb(args, settings) as kb:
        record = kb.update(kind, args.id, fields, actor_of(args, settings))
    print(f"changed {SINGULAR[kind]} {record['id']}: {describe(kind, record)}")
    return 0


def cmd_delete(args, settings: Settings) -> int:
    kind = kind_name(args.kind)
    with open_kb(args, settings) as kb:
        record = kb.delete(kind, args.id, actor_of(args, settings))
    print(f"deleted {SINGULAR[kind]} {record['id']}: {describe(kind, record)}")
    return 0


def cmd_backup(args, settings: Settings) -> int:
    with open_kb(args, settings, read_only=True) as kb:
        kb.backup(args.path)
    print(f"backed up to {args.path}")
    return 0


def cmd_stats(args, settings: Settings) -> int:
    with open_kb(args, settings, read_only=True) as kb:
        stats = kb.stats(group_id_option(kb, args.group))
    if args.json:
        print(json.dumps(stats, indent=2))
        return 0
    print(f"schema version {stats['schema_version']}, {stats['reports']} reports, {stats['paragraphs']} paragraphs")
    for kind in KINDS:
        print(f"{kind:>16}: {stats[kind]}")
    for g in stats["groups"]:
        print(f"  {g['group']}: " + ", ".join(f"{g[k]} {k}" for k in KINDS))
    return 0


def cmd_history(args, settings: Settings) -> int:
    from knowledge.edit_commands import ADMINS_KIND, REVIEW_KIND

    kind = args.kind if args.kind in (ADMINS_KIND, REVIEW_KIND) else kind_name(args.kind) if args.kind else None
    with open_kb(args, settings, read_only=True) as kb:
        rows = kb.history(kind=kind, record_id=args.id, limit=args.limit, group_id=group_id_option(kb, args.group))
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("no changes recorded")
    for r in rows:
        moved = "; ".join(f"{k}: {a!r} -> {b!r}" for k, (a, b) in r["fields"].items())
        undone = f" (undone by {r['undone_by']})" if r["undone_by"] else ""
        print(
            f"{r['id']:>5} {r['at']} {r['actor']} {r['action']} {SINGULAR.get(r['kind'], r['kind'])} "
            f"{r['record_id']} {r['label']!r}{' ' + moved if moved else ''}{undone}"
        )
    return 0


def cmd_undo(args, settings: Settings) -> int:
    from knowledge.edit_commands import undo_change  # any kind of change: records, admins, review

    with open_kb(args, settings) as kb:
        done = undo_change(kb, args.change_id, actor_of(args, settings))
    print(done.message)
    return 0


def describe(kind: str, record: dict) -> str:
    """One line naming a record, as Slack replies name it too."""
    from knowledge.edit_commands import describe_record  # not on the `ask` path

    return describe_record(kind, record)


def _example_flag(kind: str) -> str:
    return {"deadlines": "due", "events": "start", "meetings": "start"}.get(kind, KINDS[kind][0].name.replace("_", "-"))


# -- parser ------------------------------------------------------------------------------------


def _version() -> str:
    try:
        return version("rapporteur")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


def _reading_commands(command: Register) -> None:
    """import, load, export, deadlines, ask: reports in, records and answers out."""
    p = command("import", cmd_import, "import a report (PDF, .docx, Markdown, AsciiDoc, HTML or text)")
    p.add_argument("file")
    p = command("load", cmd_load, "load records from a JSON file in the export format (all or nothing)")
    p.add_argument("file")
    p = command("export", cmd_export, "export every record, and with --format json the reports they come from")
    p.add_argument("--format", choices=["json", "csv"], default="json")
    p = command("deadlines", cmd_deadlines, "list deadlines, optionally between two dates")
    p.add_argument("--from", dest="start", metavar="DATE")
    p.add_argument("--to", dest="end", metavar="DATE")
    p.add_argument("--group", help="only this group's deadlines")
    p.add_argument("--json", action="store_true")
    p = command("ask", cmd_ask, "answer a question ('-' reads one question a line from stdin)")
    p.add_argument("question", nargs="+", help="the question; quotes are optional")
    p.add_argument("--json", action="store_true")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="the date relative questions are answered against")
    p.add_argument("--group", help="answer from this group's reports only")
    p.add_argument("--explain", action="store_true", help="also print the scored candidates to stderr")


def _record_commands(command: Register, common: argparse.ArgumentParser) -> None:
    """add KIND, edit KIND: one subcommand per kind, an option per field saying what it takes."""
    for verb, func in (("add", cmd_add), ("edit", cmd_edit)):
        p = command(verb, func, f"{verb} a record: {verb} KIND {'LABEL' if verb == 'add' else 'ID'} --field value ...")
        kinds = p.add_subparsers(dest="kind", metavar="KIND", parser_class=OneLineParser)
        kinds.required = True
        for kind, fields in KINDS.items():
            kp = kinds.add_parser(SINGULAR[kind], parents=[common], help=f"{verb} {with_article(SINGULAR[kind])}")
            label = LABEL_FIELD[kind]
            label_field = next(f for f in fields if f.name == label)
            if verb == "add":
                kp.add_argument(label, help=f"the {SINGULAR[kind]}'s {label}: {what_it_takes(label_field)}")
                kp.add_argument("--group", help="the group it belongs to (needed when there are several)")
            else:
                kp.add_argument("id")
            for f in fields:
                if verb == "add" and f.name == label:
                    continue
                kp.add_argument(
                    "--" + f.name.replace("_", "-"),
                    dest=f.name,
                    metavar={"text": "TEXT", "json": "JSON"}.get(f.type, f.type.upper()),
                    help=what_it_takes(f),
                )


def _keeping_commands(command: Register) -> None:
    """delete, backup, stats, history, undo: keeping the knowledge base right."""
    p = command("delete", cmd_delete, "delete a record: delete KIND ID")
    p.add_argument("kind")
    p.add_argument("id")
    p = command("backup", cmd_backup, "a consistent copy of the knowledge base, safe while the bot runs")
    p.add_argument("path")
    p = command("stats", cmd_stats, "counts per kind and per group")
    p.add_argument("--group", help="only this group's counts")
    p.add_argument("--json", action="store_true")
    p = command("history", cmd_history, "the changes made to the knowledge base, newest first")
    p.add_argument("kind", nargs="?")
    p.add_argument("id", nargs="?", type=int)
    p.add_argument("--group", help="only changes to this group's records")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true")
    p = command("undo", cmd_undo, "undo one change by its id (see history)")
    p.add_argument("change_id", type=int)


def build_parser() -> argparse.ArgumentParser:
    """Every subcommand, registered here explicitly: this module's own, then those of cli_serve,
    cli_admin, cli_announce and cli_reports (each has ``add_commands(command)``)."""
    common = add_db_option(OneLineParser(add_help=False))
    common.add_argument(
        "--as",
        dest="as_name",
        default=argparse.SUPPRESS,
        metavar="NAME",
        help="who the changes log names for this change (default: your login name)",
    )
    parser = OneLineParser(
        prog="rapporteur",
        parents=[common],
        description="Answers questions about a working group's outcomes, from its own reports.",
    )
    parser.add_argument("--version", action="version", version=f"rapporteur {_version()}")
    parser.add_argument(
        "--json",
        dest="json_first",
        action="store_true",
        default=argparse.SUPPRESS,
        help=f"JSON output, for the commands that have it ({JSON_COMMANDS_HINT})",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)
    sub.required = True

    def command(name: str, func: Callable, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help, description=help)
        p.set_defaults(func=func)
        return p

    _reading_commands(command)
    _record_commands(command, common)
    _keeping_commands(command)
    cli_serve.add_commands(command)
    cli_admin.add_commands(command)
    cli_announce.add_commands(command)
    cli_reports.add_commands(command)
    return parser


def main(argv: list[str] | None = None, settings: Settings | None = None) -> int:
    """Run one command; ``settings`` default to the environment's, read here, once."""
    settings = settings or Settings.from_environment()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if getattr(args, "json_first", False):  # 'rapporteur --json stats' means 'rapporteur stats --json'
            if not hasattr(args, "json"):
                raise UsageError(
                    f"rapporteur {args.command} has no --json; the commands that have it: {JSON_COMMANDS_HINT}"
                )
            args.json = True
        return args.func(args, settings) or 0
    except (UsageError, ValidationError, ValueError) as e:
        print(f"rapporteur: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # one line, never a traceback; RAPPORTEUR_DEBUG=1 shows it
        if settings.debug:
            raise
        print(f"rapporteur: error: {type(e).__name__}: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
