"""`rapporteur admins ...` and `rapporteur review ...`: the secretariat's housekeeping commands.

    rapporteur admins list [--json]
    rapporteur admins add USER_ID
    rapporteur admins remove USER_ID
    rapporteur review [--json] [--limit N]
    rapporteur review resolve ITEM KIND RECORD_ID
    rapporteur review dismiss ITEM

The work is done in knowledge.admins and knowledge.review; this module only reads arguments and
prints. Changes are made as the command-line user (cli:LOGIN, or --as NAME) and recorded in the
changes log. Settings (RAPPORTEUR_ADMINS) come in as ``bot.settings.Settings``, never from the
environment here. Bad input raises ValidationError, which bot.cli.main prints as one line with
exit status 2.
"""

from __future__ import annotations

import json
import sys

from knowledge import admins, review
from knowledge.schema import SINGULAR

from .cli_common import Register, actor_of, add_db_option as _with_db, open_kb
from .settings import Settings

# -- admins -------------------------------------------------------------------------------------


def cmd_admins_list(args, settings: Settings) -> int:
    with open_kb(args, settings, read_only=True) as kb:
        rows = admins.list_admins(kb, settings.admins)
    invalid = admins.parse_env_admins(settings.admins)[1]
    for entry in invalid:
        print(
            f"rapporteur: warning: {admins.ENV_VAR} names '{entry}', which is not a Slack user ID; it is ignored",
            file=sys.stderr,
        )
    if getattr(args, "json", False):
        print(json.dumps(rows, indent=2))
        return 0
    if not rows:
        print(f"no admins: name some in {admins.ENV_VAR} or with `rapporteur admins add USER_ID`")
    for r in rows:
        if r["from_env"]:
            where = f"named in {admins.ENV_VAR} (change the setting to remove)"
        else:
            where = f"added by {r['added_by']} on {(r['added_at'] or '')[:10]}"
        print(f"{r['user_id']:<14} {where}")
    return 0


def cmd_admins_add(args, settings: Settings) -> int:
    with open_kb(args, settings) as kb:
        done = admins.add_admin(kb, args.user_id, actor_of(args, settings), settings.admins)
    print(f"{done.message} (change {done.change_id})")
    return 0


def cmd_admins_remove(args, settings: Settings) -> int:
    with open_kb(args, settings) as kb:
        done = admins.remove_admin(kb, args.user_id, actor_of(args, settings), settings.admins)
    print(f"{done.message} (change {done.change_id})")
    return 0


# -- review -------------------------------------------------------------------------------------


def cmd_review_list(args, settings: Settings) -> int:
    with open_kb(args, settings, read_only=True) as kb:
        items = review.review_items(kb, args.limit)
    if args.json:
        print(json.dumps(items, indent=2, ensure_ascii=False))
        return 0
    if not items:
        print("the review list is empty")
        return 0
    for item in items:
        asked = f", asked {item['asked']} times" if item["asked"] > 1 else ""
        what = "not answered" if item["verdict"] == review.UNANSWERED else "thumbs down"
        print(f"{item['id']:>5}  {item['at'][:10]}  {what}{asked}: {item['question']}")
        if item.get("answer"):
            source = (
                f" (from {SINGULAR.get(item['kind'], item['kind'])} {item['record_id']})" if item.get("kind") else ""
            )
            answer = item["answer"] if len(item["answer"]) <= 100 else item["answer"][:97] + "..."
            print(f"       answered{source}: {answer}")
    print("resolve: rapporteur review resolve ITEM KIND RECORD_ID; dismiss: rapporteur review dismiss ITEM")
    return 0


def cmd_review_resolve(args, settings: Settings) -> int:
    with open_kb(args, settings) as kb:
        done = review.resolve(kb, args.item, args.kind, args.record_id, actor_of(args, settings))
    print(f"{done.message} (change {done.change_id})")
    return 0


def cmd_review_dismiss(args, settings: Settings) -> int:
    with open_kb(args, settings) as kb:
        done = review.dismiss(kb, args.item, actor_of(args, settings))
    print(f"{done.message} (change {done.change_id})")
    return 0


# -- registration -------------------------------------------------------------------------------


def add_commands(command: Register) -> None:
    """Register admins and review (called by bot.cli.build_parser)."""
    p = command("admins", cmd_admins_list, "who may change the knowledge base from Slack: admins list|add|remove")
    p.set_defaults(json=False)
    actions = p.add_subparsers(dest="admins_action", metavar="ACTION")
    sp = _with_db(actions.add_parser("list", help="list the admins, and which come from RAPPORTEUR_ADMINS"))
    sp.add_argument("--json", action="store_true")
    sp.set_defaults(func=cmd_admins_list)
    sp = _with_db(actions.add_parser("add", help="make a Slack user an admin: admins add U012ABCDEF"))
    sp.add_argument("user_id", metavar="USER_ID")
    sp.set_defaults(func=cmd_admins_add)
    sp = _with_db(actions.add_parser("remove", help="take a Slack user's admin rights away: admins remove U012ABCDEF"))
    sp.add_argument("user_id", metavar="USER_ID")
    sp.set_defaults(func=cmd_admins_remove)

    p = command("review", cmd_review_list, "questions to review: unanswered, or answered with a thumbs down")
    p.add_argument("--json", action="store_true")
    p.add_argument("--limit", type=int, default=50)
    actions = p.add_subparsers(dest="review_action", metavar="ACTION")
    sp = _with_db(
        actions.add_parser(
            "resolve", help="the question means this record: review resolve ITEM KIND RECORD_ID (e.g. 7 deadline 12)"
        )
    )
    sp.add_argument("item", metavar="ITEM")
    sp.add_argument("kind", metavar="KIND")
    sp.add_argument("record_id", metavar="RECORD_ID")
    sp.set_defaults(func=cmd_review_resolve)
    sp = _with_db(actions.add_parser("dismiss", help="take a question off the review list: review dismiss ITEM"))
    sp.add_argument("item", metavar="ITEM")
    sp.set_defaults(func=cmd_review_dismiss)
