"""The `rapporteur` command line.

Its commands, flags and JSON fields are a contract other parts and checks rely on: change them only
by adding. Slack is never imported on the answering path (``ask``), so that a cold start stays fast;
commands that need Slack import it when they run.
"""
from __future__ import annotations

import argparse
import csv
import importlib
import json
import os
import sys
from typing import Callable

from knowledge import dates
from knowledge.schema import KINDS, LABEL_FIELD, SINGULAR, kind_name
from knowledge.store import SYSTEM_ACTOR, KnowledgeBase, ValidationError

from . import settings

# Modules that add their own subcommands: each has ``add_commands(command)``, where
# ``command(name, func, help)`` returns a subparser to add arguments to.
EXTENSIONS: list[str] = ["bot.cli_serve", "bot.cli_admin", "bot.cli_announce"]


class UsageError(Exception):
    """Bad input on the command line: exit status 2, one line on stderr, nothing changed."""


def open_kb(args) -> KnowledgeBase:
    """The knowledge base named by --db or RAPPORTEUR_DB, else the default one, filled with the
    shipped sample report the first time it is used."""
    path, is_default = settings.db_path(getattr(args, "db", None))
    kb = KnowledgeBase(path)
    if is_default and kb.is_empty():
        from knowledge.importer import import_file, sample_report_path

        import_file(kb, sample_report_path(), actor="system:sample")
    return kb


# -- commands ----------------------------------------------------------------------------------


def cmd_import(args) -> int:
    from knowledge.importer import import_file

    with open_kb(args) as kb:
        result = import_file(kb, args.file, actor=SYSTEM_ACTOR)
    print(result.summary_text())
    return 0


def cmd_load(args) -> int:
    try:
        with open(args.file, encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError:
        raise UsageError(f"no such file: {args.file}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise UsageError(f"{args.file} is not valid JSON: {e}") from None
    with open_kb(args) as kb:
        summary = kb.load(data)
    print(f"loaded {args.file}: {summary['added']} added, {summary['updated']} updated")
    return 0


def cmd_export(args) -> int:
    with open_kb(args) as kb:
        data = kb.export()
    if args.format == "json":
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    # CSV: one table, a row per record, with its kind first, so that one file holds everything.
    columns = ["kind", "id"] + sorted({f.name for fields in KINDS.values() for f in fields}) + ["paragraph", "source"]
    writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for kind, rows in data.items():
        for row in rows:
            flat = {k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for k, v in row.items()}
            writer.writerow({"kind": kind, **flat})
    return 0


def cmd_deadlines(args) -> int:
    start = dates.parse_date(args.start) if args.start else None
    end = dates.parse_date(args.end) if args.end else None
    with open_kb(args) as kb:
        rows = kb.deadlines(start, end)
    if args.json:
        for r in rows:
            r.pop("key", None)
        json.dump(rows, sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    if not rows:
        print("no deadlines" + (" in that period" if start or end else ""))
    for r in rows:
        extra = f" (extended from {dates.human(r['original_due'])})" if r.get("original_due") else ""
        print(f"{r['id']:>5}  {dates.human(r['due']):>18}  {r['title']}{extra}")
    return 0


def cmd_ask(args) -> int:
    from knowledge.answering import Answer, answer, render_text

    today = dates.parse_date(args.today) if args.today else None
    with open_kb(args) as kb:
        if args.explain:
            from knowledge.answering import explain

            print("\n".join(explain(kb, args.question, today)), file=sys.stderr)
        if args.question == "-":
            # One question a line in, one JSON object a line out, flushed as it goes.
            for line in sys.stdin:
                try:
                    reply = answer(kb, line.rstrip("\n"), today=today, group=args.group)
                except Exception as e:  # one bad question never ends the stream: say so, go on
                    print(f"rapporteur: error answering {line.strip()[:60]!r}: {type(e).__name__}: {e}", file=sys.stderr)
                    reply = Answer(False, "Sorry, something went wrong answering that question.", 0.0)
                out = reply.to_json()
                print(json.dumps(out, ensure_ascii=False) if args.json else render_text(reply), flush=True)
            return 0
        reply = answer(kb, args.question, today=today, group=args.group)
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


def cmd_add(args) -> int:
    kind = kind_name(args.kind)
    with open_kb(args) as kb:
        record = kb.add(kind, _record_fields(args, kind))
    print(f"added {SINGULAR[kind]} {record['id']}: {describe(kind, record)}")
    return 0


def cmd_edit(args) -> int:
    kind = kind_name(args.kind)
    fields = _record_fields(args, kind)
    if not fields:
        raise UsageError(f"nothing to change; e.g. rapporteur edit {SINGULAR[kind]} {args.id} --{_example_flag(kind)} ...")
    with open_kb(args) as kb:
        record = kb.update(kind, args.id, fields)
    print(f"changed {SINGULAR[kind]} {record['id']}: {describe(kind, record)}")
    return 0


def cmd_delete(args) -> int:
    kind = kind_name(args.kind)
    with open_kb(args) as kb:
        record = kb.delete(kind, args.id)
    print(f"deleted {SINGULAR[kind]} {record['id']}: {describe(kind, record)}")
    return 0


def cmd_backup(args) -> int:
    with open_kb(args) as kb:
        kb.backup(args.path)
    print(f"backed up to {args.path}")
    return 0


def cmd_stats(args) -> int:
    with open_kb(args) as kb:
        stats = kb.stats()
    if args.json:
        print(json.dumps(stats, indent=2))
        return 0
    print(f"schema version {stats['schema_version']}, {stats['reports']} reports, {stats['paragraphs']} paragraphs")
    for kind in KINDS:
        print(f"{kind:>16}: {stats[kind]}")
    for g in stats["groups"]:
        print(f"  {g['group']}: " + ", ".join(f"{g[k]} {k}" for k in KINDS))
    return 0


def cmd_history(args) -> int:
    from knowledge.edit_commands import ADMINS_KIND, REVIEW_KIND

    kind = args.kind if args.kind in (ADMINS_KIND, REVIEW_KIND) else kind_name(args.kind) if args.kind else None
    with open_kb(args) as kb:
        rows = kb.history(kind=kind, record_id=args.id, limit=args.limit)
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("no changes recorded")
    for r in rows:
        moved = "; ".join(f"{k}: {a!r} -> {b!r}" for k, (a, b) in r["fields"].items())
        undone = f" (undone by {r['undone_by']})" if r["undone_by"] else ""
        print(f"{r['id']:>5} {r['at']} {r['actor']} {r['action']} {SINGULAR.get(r['kind'], r['kind'])} "
              f"{r['record_id']} {r['label']!r}{' ' + moved if moved else ''}{undone}")
    return 0


def cmd_undo(args) -> int:
    from knowledge.edit_commands import undo_change  # any kind of change: records, admins, review

    with open_kb(args) as kb:
        done = undo_change(kb, args.change_id, SYSTEM_ACTOR)
    print(done.message)
    return 0


def describe(kind: str, record: dict) -> str:
    """One line naming a record, as Slack replies name it too."""
    from knowledge.edit_commands import describe_record  # not on the `ask` path

    return describe_record(kind, record)


def _example_flag(kind: str) -> str:
    return {"deadlines": "due", "events": "start", "meetings": "start"}.get(kind, KINDS[kind][0].name.replace("_", "-"))


# -- parser ------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, help="knowledge base file (else RAPPORTEUR_DB, else the default)")
    parser = argparse.ArgumentParser(
        prog="rapporteur", parents=[common],
        description="Answers questions about a working group's outcomes, from its own reports.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    def command(name: str, func: Callable, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help, description=help)
        p.set_defaults(func=func)
        return p

    p = command("import", cmd_import, "import a report (plain text or .docx)")
    p.add_argument("file")
    p = command("load", cmd_load, "load records from a JSON file in the export format (all or nothing)")
    p.add_argument("file")
    p = command("export", cmd_export, "export every record")
    p.add_argument("--format", choices=["json", "csv"], default="json")
    p = command("deadlines", cmd_deadlines, "list deadlines, optionally between two dates")
    p.add_argument("--from", dest="start", metavar="DATE")
    p.add_argument("--to", dest="end", metavar="DATE")
    p.add_argument("--json", action="store_true")
    p = command("ask", cmd_ask, "answer a question ('-' reads one question a line from stdin)")
    p.add_argument("question")
    p.add_argument("--json", action="store_true")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="the date relative questions are answered against")
    p.add_argument("--group", help="answer from this group's reports only")
    p.add_argument("--explain", action="store_true", help="also print the scored candidates to stderr")

    for verb, func in (("add", cmd_add), ("edit", cmd_edit)):
        p = command(verb, func, f"{verb} a record: {verb} KIND {'LABEL' if verb == 'add' else 'ID'} --field value ...")
        kinds = p.add_subparsers(dest="kind", metavar="KIND")
        kinds.required = True
        for kind, fields in KINDS.items():
            kp = kinds.add_parser(SINGULAR[kind], parents=[common], help=f"{verb} a {SINGULAR[kind]}")
            label = LABEL_FIELD[kind]
            if verb == "add":
                kp.add_argument(label, help=f"the {SINGULAR[kind]}'s {label}")
            else:
                kp.add_argument("id")
            for f in fields:
                if verb == "add" and f.name == label:
                    continue
                kp.add_argument("--" + f.name.replace("_", "-"), dest=f.name, metavar=f.type.upper() if f.type != "text" else "TEXT")
    p = command("delete", cmd_delete, "delete a record: delete KIND ID")
    p.add_argument("kind")
    p.add_argument("id")
    p = command("backup", cmd_backup, "a consistent copy of the knowledge base, safe while the bot runs")
    p.add_argument("path")
    p = command("stats", cmd_stats, "counts per kind and per group")
    p.add_argument("--json", action="store_true")
    p = command("history", cmd_history, "the changes made to the knowledge base, newest first")
    p.add_argument("kind", nargs="?")
    p.add_argument("id", nargs="?", type=int)
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true")
    p = command("undo", cmd_undo, "undo one change by its id (see history)")
    p.add_argument("change_id", type=int)

    for module_name in EXTENSIONS:
        importlib.import_module(module_name).add_commands(command)
    importlib.import_module("bot.cli_reports").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args) or 0
    except (UsageError, ValidationError, ValueError) as e:
        print(f"rapporteur: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # one line, never a traceback; RAPPORTEUR_DEBUG=1 shows it
        if os.environ.get("RAPPORTEUR_DEBUG"):
            raise
        print(f"rapporteur: error: {type(e).__name__}: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
