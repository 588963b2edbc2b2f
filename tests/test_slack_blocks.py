"""Block Kit rendering (handlers/blocks.py): content, and Slack's limits whatever the input."""

from __future__ import annotations

import json
import re
from datetime import date

from hypothesis import given, settings, strategies as st

from handlers import blocks
from knowledge.answering import Answer, Source

ENTITY = re.compile(r"&(amp|lt|gt);")


def check_limits(message: dict, max_blocks: int = 50) -> None:
    """Every limit Slack enforces on what these builders produce."""
    assert isinstance(message.get("text", "x"), str) and message.get("text", "x").strip()
    assert len(message.get("text", "")) <= 3000
    bl = message["blocks"]
    assert 1 <= len(bl) <= max_blocks
    assert blocks.text_size(bl) <= 12_000, "Slack refuses a message of more than about 12,000 characters"
    action_ids = []
    for b in bl:
        if b["type"] == "section":
            assert b["text"]["text"].strip() and len(b["text"]["text"]) <= 3000
            assert "&" not in ENTITY.sub("", b["text"]["text"]), "a bare or broken & entity"
        elif b["type"] == "header":
            assert b["text"]["type"] == "plain_text" and b["text"]["text"].strip() and len(b["text"]["text"]) <= 150
        elif b["type"] == "context":
            assert 1 <= len(b["elements"]) <= 10
            assert all(e["text"].strip() and len(e["text"]) <= 3000 for e in b["elements"])
        elif b["type"] == "actions":
            assert 1 <= len(b["elements"]) <= 25
            for e in b["elements"]:
                assert e["text"]["text"].strip() and len(e["text"]["text"]) <= 75
                assert len(e["value"]) <= 2000
                assert len(e["action_id"]) <= 255
                action_ids.append(e["action_id"])
        else:
            assert b["type"] == "divider"
    assert len(action_ids) == len(set(action_ids)), "action ids must be unique in a message"


def reply(text="The HLPF input is due on 16 March 2020.", **kw) -> Answer:
    kw.setdefault("sources", [Source("Report of the 35th meeting", "12", "A/HRC/WG.6/35/L.1")])
    return Answer(True, text, 0.9, **kw)


def action_ids(message: dict) -> list[str]:
    return [e["action_id"] for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]


def test_answer_has_text_citation_feedback_and_share():
    msg = blocks.answer_message(reply(), ref="7", shareable=True)
    check_limits(msg)
    assert msg["blocks"][0]["text"]["text"] == "The HLPF input is due on 16 March 2020."
    cite = next(b for b in msg["blocks"] if b["type"] == "context")["elements"][0]["text"]
    assert "Report of the 35th meeting, paragraph 12" in cite and "A/HRC/WG.6/35/L.1" in cite
    assert action_ids(msg) == ["feedback_up", "feedback_down", "share_answer"]
    assert {e["value"] for b in msg["blocks"] if b["type"] == "actions" for e in b["elements"]} == {"7"}
    assert msg["text"].startswith("The HLPF input is due") and "paragraph 12" in msg["text"]


def test_without_ref_there_are_no_buttons_and_shared_answers_say_who_shared():
    assert action_ids(blocks.answer_message(reply())) == []
    msg = blocks.answer_message(reply(), ref="7", shared_by="U42", question="when <is> it?")
    assert "share_answer" not in action_ids(msg)
    assert msg["blocks"][0]["elements"][0]["text"] == "<@U42> shared an answer to _when &lt;is&gt; it?_"


def test_did_you_mean_buttons_carry_the_question():
    suggestions = [f"when is deadline {i}?" for i in range(8)]
    msg = blocks.answer_message(Answer(False, "I don't know.", 0.1, suggestions=suggestions), ref="1")
    check_limits(msg)
    buttons = [
        e for b in msg["blocks"] if b["type"] == "actions" and b["block_id"] == "suggestions" for e in b["elements"]
    ]
    assert [b["value"] for b in buttons] == suggestions[:5]
    assert [b["action_id"] for b in buttons] == [f"suggestion_{i}" for i in range(5)]
    assert "Did you mean: when is deadline 0?" in msg["text"]


def test_report_text_is_escaped_for_mrkdwn():
    msg = blocks.answer_message(reply("Send <b>inputs</b> to R&D"))
    assert msg["blocks"][0]["text"]["text"] == "Send &lt;b&gt;inputs&lt;/b&gt; to R&amp;D"


def test_long_answer_is_split_into_sections_without_losing_words():
    text = " ".join(f"word{i}" for i in range(1000))  # ~8,900 characters: fits one message
    msg = blocks.answer_message(reply(text), ref="1")
    check_limits(msg)
    sections = [b["text"]["text"] for b in msg["blocks"] if b["type"] == "section"]
    assert len(sections) > 1
    assert " ".join(sections).split() == text.split()


def test_an_answer_past_what_slack_takes_keeps_its_start_and_the_buttons_and_says_it_was_cut():
    text = " ".join(f"word{i}" for i in range(3000))  # ~26,000 characters
    msg = blocks.answer_message(reply(text), ref="1", shareable=True)
    check_limits(msg)
    sections = [b["text"]["text"] for b in msg["blocks"] if b["type"] == "section"]
    assert text.startswith(" ".join(sections)) and len(" ".join(sections)) > 8000
    assert msg["blocks"][-1]["type"] == "actions" and "share_answer" in action_ids(msg)
    assert any("cut short" in e["text"] for b in msg["blocks"] if b["type"] == "context" for e in b["elements"])


def test_huge_answer_keeps_the_buttons_and_says_it_was_cut():
    msg = blocks.answer_message(reply("x" * 400_000), ref="1", shareable=True)
    check_limits(msg)
    assert msg["blocks"][-1]["type"] == "actions" and "share_answer" in action_ids(msg)
    assert any("cut short" in e["text"] for b in msg["blocks"] if b["type"] == "context" for e in b["elements"])


def test_a_list_of_many_blocks_is_cut_at_fifty():
    msg = blocks.list_message("Many", [f"line {i}" for i in range(100)], footer="narrow it down")
    check_limits(msg)
    assert len(blocks.pack([f"line {i}" for i in range(100)], limit=10)) == 100  # pack alone makes 100
    tiny = blocks.list_message("Many", ["x" * 2999] * 3 + ["y"] * 10)
    check_limits(tiny)


def test_many_sources_fit_one_context_block():
    sources = [Source(f"Report {i}", str(i), f"A/{i}" * 200) for i in range(30)]
    check_limits(blocks.answer_message(reply(sources=sources), ref="1"))


def test_empty_answer_text_still_makes_a_valid_message():
    check_limits(blocks.answer_message(Answer(False, "", 0.0), ref="1"))


def test_split_text_never_cuts_an_entity():
    text = "&" * 5000 + " <>" * 1000
    chunks = blocks.split_text(text)
    assert all(len(c) <= 3000 for c in chunks)
    assert "".join(chunks).replace(" ", "") == blocks.escape(text).replace(" ", "")
    assert all("&" not in ENTITY.sub("", c) for c in chunks)


safe_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12_000)
long_words = st.text(alphabet="ab&<> \n", min_size=0, max_size=12_000)


@settings(max_examples=60, deadline=None)
@given(
    text=st.one_of(safe_text, long_words),
    sources=st.lists(
        st.builds(
            Source,
            st.one_of(st.none(), safe_text),
            st.one_of(st.none(), st.text(max_size=50)),
            st.one_of(st.none(), st.text(max_size=500)),
        ),
        max_size=15,
    ),
    suggestions=st.lists(st.text(min_size=1, max_size=3000), max_size=12),
    shareable=st.booleans(),
)
def test_any_answer_keeps_to_slack_limits(text, sources, suggestions, shareable):
    msg = blocks.answer_message(
        Answer(bool(text), text, 0.5, sources=sources, suggestions=suggestions),
        ref="123",
        shareable=shareable,
        shared_by="U1" if not shareable else None,
        question=text[:500] or None,
    )
    check_limits(msg)


@settings(max_examples=40, deadline=None)
@given(
    title=st.text(min_size=0, max_size=400),
    lines=st.lists(st.text(max_size=4000), max_size=300),
    footer=st.one_of(st.none(), st.text(min_size=1, max_size=200)),
)
def test_any_list_keeps_to_slack_limits(title, lines, footer):
    lines = [blocks.escape(line) or "-" for line in lines]
    check_limits(blocks.list_message(title or "List", lines, footer=footer))


def test_list_of_a_thousand_deadlines_is_cut_but_valid():
    rows = [{"title": f"Deadline {i} " + "x" * 100, "due": "2020-03-16"} for i in range(1000)]
    msg = blocks.list_message("All deadlines", [blocks.deadline_line(r) for r in rows], footer="narrow it down")
    check_limits(msg)
    assert msg["blocks"][0] == blocks.header("All deadlines")
    assert msg["blocks"][-1]["elements"][0]["text"] == "narrow it down"


def test_header_is_cut_to_150():
    assert len(blocks.header("h" * 500)["text"]["text"]) == 150


def test_deadline_line_says_when_and_what():
    row = {"title": "Final draft <v2>", "due": "2020-03-16", "original_due": "2020-03-01", "send_to": "wg@un.org"}
    assert blocks.deadline_line(row, date(2020, 3, 11)) == (
        "*16 March 2020* (in 5 days) \u2014 Final draft &lt;v2&gt; (extended from 1 March 2020), to wg@un.org"
    )


def test_home_view_lists_deadlines_changes_and_how_to_ask():
    deadlines = [{"title": f"Input {i}", "due": "2020-03-16"} for i in range(40)]
    changes = [
        {
            "id": 1,
            "at": "2020-03-01T10:00:00+00:00",
            "actor": "slack:U1",
            "action": "edit",
            "kind": "deadlines",
            "record_id": 3,
            "label": "HLPF input",
            "fields": {"due": ["2020-03-01", "2020-03-16"]},
        }
    ]
    view = blocks.home_view(deadlines, changes, date(2020, 3, 10))
    assert view["type"] == "home"
    check_limits({"text": "home", **view}, max_blocks=100)
    text = str(view)
    assert "Input 0" in text and "and 20 more" in text
    assert "slack:U1 edit deadline _HLPF input_ (due: 2020-03-01 \u2192 2020-03-16)" in text
    assert "How to ask" in text


def test_empty_home_view_says_so():
    text = str(blocks.home_view([], [], date(2020, 3, 10)))
    assert "No deadlines in the next 30 days." in text and "No changes recorded yet." in text


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(alphabet="abc&<>é\t", min_size=1, max_size=60), max_size=2000),
    st.sampled_from([" ", "\n", "  ", "\n\n"]),
)
def test_split_text_keeps_every_word_in_order(words, sep):
    text = sep.join(words)
    chunks = blocks.split_text(text)
    assert all(len(c) <= 3000 for c in chunks)
    assert " ".join(chunks).split() == blocks.escape(text).split() or not text.split()


def test_plain_keeps_what_a_delegate_typed():
    from handlers.delivery import plain

    assert plain("<@U123|rapporteur> when is the &lt;HLPF&gt; deadline?") == "when is the <HLPF> deadline?"
    assert plain("post it in <#C42|general> per <https://example.org/doc|the doc>") == "post it in general per the doc"
    assert plain("see <mailto:wsis-info@itu.int>") == "see wsis-info@itu.int"


def test_an_evidence_answer_shows_the_fact_in_bold_and_the_sentence_as_a_quote():
    reply = Answer(
        True,
        "16 March 2020 \u2014 The deadline for ITU <input> is 16 March 2020.",
        0.9,
        [Source("Report", "4.2", None, "The deadline for ITU input is 16 March 2020.")],
        fact="16 March 2020",
    )
    text = blocks.answer_message(reply)["blocks"][0]["text"]["text"]
    assert text == "*16 March 2020*\n&gt; The deadline for ITU &lt;input&gt; is 16 March 2020."


def test_a_record_answer_quotes_the_sentence_it_was_read_from():
    reply = Answer(
        True, "ITU input \u2014 due 16 March 2020.\n\u201cThe deadline for ITU input is 16 March 2020.\u201d", 0.9
    )
    text = blocks.answer_message(reply)["blocks"][0]["text"]["text"]
    assert text == "ITU input \u2014 due 16 March 2020.\n&gt; The deadline for ITU input is 16 March 2020."


def test_help_lists_delegates_commands_first_and_the_secretariats_last():
    import handlers.commands  # noqa: F401  (registers every subcommand)
    from handlers.commands.registry import SUBCOMMANDS, Invocation

    text = json.dumps(SUBCOMMANDS["help"](Invocation.__new__(Invocation)))
    assert text.index("/wg deadlines") < text.index("/wg subscribe") < text.index("/wg admins")
