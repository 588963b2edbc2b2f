"""What every `rapporteur` subcommand module shares: the usage error, opening the knowledge base
named on the command line, and the parser that reports mistakes in one line.

It lives apart from ``bot.cli`` so that the modules adding subcommands (``cli_admin``,
``cli_announce``, ``cli_serve``) import it, and ``bot.cli`` imports them, without a cycle.
Nothing here imports Slack: ``rapporteur ask`` goes through it.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn, Protocol

from knowledge.store import KnowledgeBase, ValidationError

from .settings import Settings


class UsageError(ValidationError):
    """Bad input on the command line: exit status 2, one line on stderr, nothing changed."""


class Register(Protocol):
    """``command(name, func, help)``: adds a subcommand running ``func(args, settings)`` and returns
    its parser, to add arguments to. Each subcommand module has ``add_commands(command)``."""

    def __call__(
        self, name: str, func: Callable[[argparse.Namespace, Settings], int], help: str
    ) -> argparse.ArgumentParser: ...


class OneLineParser(argparse.ArgumentParser):
    """An argparse parser whose mistakes are one line on stderr ('rapporteur ask: error: ...; see
    rapporteur ask --help') with exit status 2, as the README promises for all bad input."""

    def error(self, message: str) -> NoReturn:
        print(f"{self.prog}: error: {message}; see {self.prog} --help", file=sys.stderr)
        sys.exit(2)


def actor_of(args: argparse.Namespace, settings: Settings) -> str:
    """Who the changes log names for this command's changes: cli:NAME with --as, else cli:LOGIN."""
    return settings.cli_actor(getattr(args, "as_name", None))


def add_db_option(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """--db after the subcommand too ('rapporteur admins list --db kb.sqlite'), as before it."""
    parser.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        metavar="PATH",
        help="knowledge base file (else RAPPORTEUR_DB, else the default)",
    )
    return parser


def open_kb(args: argparse.Namespace, settings: Settings, *, read_only: bool = False) -> KnowledgeBase:
    """The knowledge base named by --db or RAPPORTEUR_DB, else the default one, filled with the
    shipped sample report the first time it is used.

    ``read_only`` commands never create a file: a mistyped --db is refused instead of answered
    from an empty new file. A file that is not a Rapporteur knowledge base (not SQLite, another
    program's database, a newer schema) is refused in one line and left untouched.
    """
    path, is_default = settings.db_path(getattr(args, "db", None))
    if not is_default and path != ":memory:":
        _refuse_unusable_file(Path(path), read_only)
    try:
        kb = KnowledgeBase(path)
    except sqlite3.DatabaseError as e:
        raise UsageError(f"{path} is not a Rapporteur knowledge base ({e}); check --db or RAPPORTEUR_DB") from None
    except RuntimeError as e:  # written by a newer release
        raise UsageError(str(e)) from None
    if is_default and kb.is_empty():
        from knowledge.importer import import_file, sample_report_path

        import_file(kb, sample_report_path(), actor="system:sample")
    return kb


def _refuse_unusable_file(path: Path, read_only: bool) -> None:
    if path.is_dir():
        raise UsageError(f"{path} is a folder; --db names a file, e.g. {path / 'kb.sqlite'}")
    if not path.exists():
        if read_only:
            raise UsageError(
                f"there is no knowledge base at {path}; check --db or RAPPORTEUR_DB, "
                f"or import a report into it: rapporteur --db {path} import REPORT.pdf"
            )
        return
    if path.stat().st_size == 0:
        return
    with path.open("rb") as f:
        if f.read(16) != b"SQLite format 3\x00":
            raise UsageError(
                f"{path} is not a Rapporteur knowledge base (not a SQLite file); check --db or RAPPORTEUR_DB"
            )
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as e:
        raise UsageError(f"{path} is not a Rapporteur knowledge base ({e}); check --db or RAPPORTEUR_DB") from None
    finally:
        conn.close()
    if tables and "meta" not in tables:
        raise UsageError(
            f"{path} is another program's SQLite database, not a Rapporteur knowledge base; check --db or RAPPORTEUR_DB"
        )


def refuse_empty(kb: KnowledgeBase) -> None:
    """A question to a knowledge base with no report in it would only ever get "I don't know":
    say what is wrong instead."""
    if kb.is_empty():
        raise UsageError(
            f"the knowledge base {kb.path} is empty; import a report first: rapporteur --db {kb.path} import REPORT.pdf"
        )


def group_id_option(kb: KnowledgeBase, name: str | None) -> int | None:
    """The id of the group --group names (None when not given); an unknown group is refused."""
    return kb.group_named(name)["id"] if name else None


def sole_group_id(kb: KnowledgeBase, name: str | None, what: str) -> int | None:
    """The group a new record goes in: --group's, else the only group; with several groups and no
    --group, refused rather than silently put in the first."""
    if name:
        return kb.group_named(name)["id"]
    groups = kb.groups()
    if len(groups) > 1:
        names = ", ".join(g["abbreviation"] or g["name"] for g in groups)
        raise UsageError(
            f"this knowledge base holds several groups ({names}); say which with --group, "
            f"e.g. {what} --group {groups[0]['abbreviation'] or groups[0]['name']}"
        )
    return groups[0]["id"] if groups else None
