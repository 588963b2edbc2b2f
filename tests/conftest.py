"""Shared fixtures: report files, knowledge bases filled from them, and a command-line runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge.importer import import_file, sample_report_path
from knowledge.store import KnowledgeBase
from slack_fakes import FakeSlack, SlackSender

FIXTURES = Path(__file__).parent / "fixtures"
REPORTS = ["alpha", "beta", "gamma"]


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return sample_report_path()


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory, sample_path) -> Path:
    """A knowledge base file holding the sample report, made once; tests copy it before writing."""
    path = tmp_path_factory.mktemp("sample") / "kb.sqlite"
    with KnowledgeBase(path) as kb:
        import_file(kb, sample_path)
    return path


@pytest.fixture
def sample_kb(sample_db, tmp_path):
    """A private copy of the sample knowledge base, safe to change."""
    path = tmp_path / "kb.sqlite"
    with KnowledgeBase(sample_db) as source:
        source.backup(path)
    kb = KnowledgeBase(path)
    yield kb
    kb.close()


@pytest.fixture
def kb(tmp_path):
    kb = KnowledgeBase(tmp_path / "kb.sqlite")
    yield kb
    kb.close()


@pytest.fixture
def kb_of_text(tmp_path):
    """A function from a report's text (and file name) to an in-memory knowledge base that imported
    it; each is closed after the test."""
    from knowledge.importer import import_file

    made: list[KnowledgeBase] = []

    def make(text: str, name: str = "report.txt") -> KnowledgeBase:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        kb = KnowledgeBase(":memory:")
        import_file(kb, str(path))
        made.append(kb)
        return kb

    yield make
    for kb in made:
        kb.close()


def expected_facts(name: str) -> dict:
    return json.loads((FIXTURES / f"expected_{name}.json").read_text())


@pytest.fixture
def cli(capsys, monkeypatch, tmp_path):
    """Run `rapporteur ARGS` in-process; returns (exit status, stdout, stderr). The default
    knowledge base lives under a private data directory so no test touches the user's."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("RAPPORTEUR_DB", raising=False)
    from bot.cli import main

    def run(*args: str, stdin: str | None = None):
        if stdin is not None:
            import io

            monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture(scope="module")
def fake():
    """A fake Slack Web API on loopback, one per test module (a module may bring its own)."""
    with FakeSlack() as f:
        yield f


@pytest.fixture
def slack(server, fake):
    """Signed requests to the running bot of the test module (its ``server`` and ``fake`` fixtures),
    with the fake Slack's record of calls cleared."""
    fake.reset()
    return SlackSender(server.url)
