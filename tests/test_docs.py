"""The README's command table stays true, in the manner of sqlite-utils' tests/test_docs.py: every
command the parser has is documented, every documented command and flag exists, and every
command's --help runs."""

from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path

import pytest

from bot.cli import build_parser, main

README = Path(__file__).parent.parent / "README.md"


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _flags(parser: argparse.ArgumentParser) -> set[str]:
    """Every option string of a parser and of the parsers under it ('add deadline --due')."""
    flags = {s for a in parser._actions for s in a.option_strings}
    for a in parser._actions:
        if isinstance(a, argparse._SubParsersAction):
            for child in a.choices.values():
                flags |= _flags(child)
    return flags


def _command_table() -> list[str]:
    """The first cell of each row of the README's command table."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## The command line") :]
    section = section[: section.index("\n## ", 1)]
    return [line.split(" | ")[0].lstrip("| ") for line in section.splitlines() if line.startswith("| `")]


def _documented() -> list[tuple[str, str]]:
    """(command, the usage written for it) for each backticked usage in the table's first column:
    '`rapporteur add KIND LABEL --field value …`' -> ('add', 'add KIND LABEL --field value …')."""
    usages = []
    for cell in _command_table():
        for usage in re.findall(r"`([^`]+)`", cell):
            usage = usage.removeprefix("rapporteur ").strip()
            usages.append((usage.split()[0], usage))
    return usages


PARSER = build_parser()
COMMANDS = _subcommands(PARSER)
DOCUMENTED = _documented()


def test_the_table_is_found():
    assert len(DOCUMENTED) >= 15


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_is_documented(command):
    assert command in {c for c, _ in DOCUMENTED}, f"`rapporteur {command}` is missing from the README's table"


@pytest.mark.parametrize("command,usage", DOCUMENTED)
def test_every_documented_command_and_flag_exists(command, usage):
    assert command in COMMANDS, f"the README documents `rapporteur {command}`, which the parser does not have"
    flags = _flags(COMMANDS[command]) | _flags(PARSER)
    for flag in re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", usage):
        if flag == "--field":  # stands for any of the kind's fields: checked below
            continue
        assert flag in flags, f"`{usage}` shows {flag}, which `rapporteur {command}` does not take"


def test_documented_sub_actions_exist():
    actions = {name: set(_subcommands(COMMANDS[name])) for name in ("admins", "review")}
    assert actions["admins"] == {"add", "remove", "list"}
    assert actions["review"] == {"resolve", "dismiss"}
    kinds = set(_subcommands(COMMANDS["add"]))
    assert kinds == set(_subcommands(COMMANDS["edit"])) and "deadline" in kinds


@pytest.mark.parametrize(
    "argv",
    [[c] for c in sorted(COMMANDS)]
    + [["add", "deadline"], ["edit", "meeting"], ["admins", "add"], ["review", "resolve"]],
)
def test_every_command_has_help_that_runs(argv, capsys):
    with pytest.raises(SystemExit) as done:
        main([*argv, "--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0 and out.startswith("usage: rapporteur")
    assert COMMANDS[argv[0]].description, f"`rapporteur {argv[0]}` has no description"


def test_add_help_says_what_each_field_takes(capsys):
    with pytest.raises(SystemExit):
        main(["edit", "meeting", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "--vice-chairs JSON a JSON list, e.g." in out and '"represented_by"' in out
    assert "--start DATE a date, e.g. 16 March 2020" in out and "a whole number" in out
    with pytest.raises(SystemExit):
        main(["add", "deadline", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert (
        "--due DATE a date, e.g. 16 March 2020 or 2020-03-16 (required, unless --due-words gives it in words)"
        in help_text
    )


def test_the_readme_examples_of_add_and_edit_parse():
    examples = [
        e for e in re.findall(r"`((?:add|edit) \w+ [^`]+)`", README.read_text(encoding="utf-8")) if "KIND" not in e
    ]
    assert examples
    for example in examples:
        PARSER.parse_args(shlex.split(example))


def _examples() -> list[str]:
    """Every `rapporteur ...` command line the README shows outside the table, as it would be typed:
    the words after 'rapporteur' up to a shell operator, a comment or the end of the code span."""
    text = README.read_text(encoding="utf-8")
    table = "\n".join(_command_table())
    found = []
    for m in re.finditer(r"(?<![\w/.-])rapporteur ((?:[^`\n#>|&;$]|\$\(date \+%F\))+)", text):
        words = m.group(1).strip()
        if not words or words in table or words.split()[0] not in COMMANDS:
            continue
        found.append(words)
    return found


@pytest.mark.parametrize("example", _examples())
def test_every_example_command_line_parses(example):
    PARSER.parse_args(shlex.split(example.replace("$(date +%F)", "2020-03-01")))
