"""The review list in Slack: `/wg review` (admins), its "This means…" select and "Dismiss" button.

Unanswered questions and 👎 answers wait there (knowledge.review). Each item offers the records it
most likely meant (what the answerer finds or suggests for it, then deadlines and events); picking
one resolves it: the question's wording becomes an alias of that record, so it is answered next
time. "Dismiss" takes it off the list. The list is ephemeral and is redrawn after every click.
`/wg review resolve ITEM KIND ID` and `/wg review dismiss ITEM` reach any record by hand.
"""

from __future__ import annotations

from knowledge import listing, review
from knowledge.schema import SINGULAR
from knowledge.store import KnowledgeBase, ValidationError

from ..blocks import UNDO_HINT, button, context as note_block, cut_mrkdwn, escape, header, section, truncate
from ..commands.admin import note
from ..commands.registry import Invocation, subcommand
from ..rights import NOT_ADMIN, actor_of, is_admin_user
from ..services import services_of

ACTION_RESOLVE, ACTION_DISMISS = "review_resolve", "review_dismiss"
MAX_ITEMS, MAX_OPTIONS = 10, 25
USAGE = "`/wg review resolve ITEM KIND ID` (e.g. `/wg review resolve 7 deadline 12`) or `/wg review dismiss ITEM`"


def register(app) -> None:
    app.action(ACTION_RESOLVE)(ack=acknowledge, lazy=[clicked])
    app.action(ACTION_DISMISS)(ack=acknowledge, lazy=[clicked])


def acknowledge(ack) -> None:
    ack()


@subcommand(
    "review",
    usage="review [resolve ITEM KIND ID | dismiss ITEM]",
    summary="questions to review: say what they mean, or dismiss them (admins)",
)
def review_command(inv: Invocation) -> dict:
    if not is_admin_user(inv.services, inv.user_id):
        return note(NOT_ADMIN)
    words = inv.args.split()
    if not words:
        return review_message(inv.services)
    return settle(inv.services, inv.user_id, words)


def clicked(body: dict, action: dict, context, respond) -> None:
    """A pick in a "This means…" select or a Dismiss click, after the ack: the list redrawn."""
    value = (action.get("selected_option") or {}).get("value") or action.get("value") or ""
    words = ["resolve", *value.split("|")] if action["action_id"] == ACTION_RESOLVE else ["dismiss", value]
    respond(replace_original=True, response_type="ephemeral", **settle(services_of(context), body["user"]["id"], words))


def settle(services, user: str, words: list[str]) -> dict:
    """resolve ITEM KIND ID / dismiss ITEM, then the list as it is now, with what happened on top."""
    if not is_admin_user(services, user):
        return note(NOT_ADMIN)
    action, args, kb = words[0].lower(), words[1:], services.kb()
    try:
        if action == "resolve" and len(args) == 3:
            done = review.resolve(kb, args[0], args[1], args[2], actor_of(user))
        elif action == "dismiss" and len(args) == 1:
            done = review.dismiss(kb, args[0], actor_of(user))
        else:
            said = escape(" ".join(words))
            return note(f":warning: I read `/wg review {said}` as nothing I know; write {USAGE}. Nothing was changed.")
    except ValidationError as e:
        return review_message(services, f":warning: {escape(str(e))}; nothing was changed.")
    return review_message(services, f":white_check_mark: {escape(done.message)}. {UNDO_HINT}")


def review_message(services, said: str | None = None) -> dict:
    kb, today = services.kb(), services.today()
    items = review.review_items(kb, limit=10_000)
    blocks = [header(f"Review list \u2014 {len(items)} open")]
    blocks += [note_block(said)] if said else []
    for item in items[:MAX_ITEMS]:
        asked = f", asked {item['asked']} times" if item["asked"] > 1 else ""
        what = "not answered" if item["verdict"] == review.UNANSWERED else ":thumbsdown: on the answer"
        said_then = f"\n_I said:_ {escape(truncate(item['answer'], 300))}" if item.get("answer") else ""
        blocks.append(
            section(f"*{item['id']}* \u00b7 {what}{asked}\n>{escape(truncate(item['question'], 500))}{said_then}")
        )
        select = {
            "type": "static_select",
            "action_id": ACTION_RESOLVE,
            "options": options(kb, item, today),
            "placeholder": {"type": "plain_text", "text": "This means\u2026"},
        }
        dismiss = button("Dismiss", ACTION_DISMISS, str(item["id"]))
        blocks.append(
            {
                "type": "actions",
                "block_id": f"review_{item['id']}",
                "elements": ([select] if select["options"] else []) + [dismiss],
            }
        )
    more = f"{len(items) - MAX_ITEMS} more after these. " if len(items) > MAX_ITEMS else ""
    blocks.append(
        note_block(
            f"{more}Pick what a question means, or dismiss it. Another record: {USAGE}."
            if items
            else "Nothing to review: every question was answered."
        )
    )
    return {"text": f"Review list: {len(items)} open", "blocks": blocks}


def options(kb: KnowledgeBase, item: dict, today) -> list[dict]:
    """The select's options: the records the question most likely meant (knowledge.listing)."""
    return [
        {
            "text": {
                "type": "plain_text",
                "text": cut_mrkdwn(escape(f"{SINGULAR[kind]} {r['id']}: {review.record_label(kind, r)}"), 75),
            },
            "value": f"{item['id']}|{kind}|{r['id']}",
        }
        for kind, r in listing.likely_records(kb, item["question"], today, limit=MAX_OPTIONS)
    ]


def home_blocks(kb: KnowledgeBase) -> list[dict]:
    """The admins' part of the App Home: what waits on the review list."""
    items = review.review_items(kb, limit=10_000)
    lines = [
        f"\u2022 {escape(truncate(i['question'], 200))}" + (f" _(asked {i['asked']} times)_" if i["asked"] > 1 else "")
        for i in items[:5]
    ]
    return [
        header(f"For admins: review list ({len(items)} open)"),
        section("\n".join(lines) or "Nothing to review."),
        note_block("`/wg review` to say what these questions mean, or dismiss them."),
        {"type": "divider"},
    ]
