"""`rapporteur serve` runs the announcer beside the bot, unless it is turned off."""

from __future__ import annotations

import pytest

from slack_fakes import BOT_TOKEN, SIGNING_SECRET, FakeSlack


@pytest.fixture
def fake():
    with FakeSlack() as f:
        yield f


@pytest.mark.parametrize("setting, expected", [(None, 1), ("off", 0)])
def test_serve_starts_the_announcer_thread_unless_turned_off(monkeypatch, fake, tmp_path, setting, expected):
    import uvicorn

    import bot.announcer
    import bot.slack_app
    from bot.cli import main

    started, apps = [], []
    build_app = bot.slack_app.build_app
    monkeypatch.setattr(bot.slack_app, "build_app", lambda *a, **kw: apps.append(build_app(*a, **kw)) or apps[-1])
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: None)
    monkeypatch.setattr(
        bot.announcer, "start_announcer_thread", lambda db, client, stop, *a, **kw: started.append((db, client, stop))
    )
    for k, v in {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": fake.api_url,
        "RAPPORTEUR_DB": str(tmp_path / "a.sqlite"),
    }.items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("SLACK_APP_TOKEN", raising=False)
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    if setting:
        monkeypatch.setenv("RAPPORTEUR_ANNOUNCER", setting)
    else:
        monkeypatch.delenv("RAPPORTEUR_ANNOUNCER", raising=False)
    assert main(["serve"]) == 0
    assert len(started) == expected
    if started:
        db, client, stop = started[0]
        assert db == str(tmp_path / "a.sqlite") and client.base_url == fake.api_url
        # its own client (and so its own rate-limit waits), never the one that answers questions
        assert client is not apps[0].client
        assert stop.is_set()  # the thread is told to stop when the server does


@pytest.mark.parametrize(
    "name, value, said",
    [
        ("RAPPORTEUR_TZ", "Europe/Zurch", "Europe/Zurich"),
        ("WEB_CONCURRENCY", "\u00b2", "WEB_CONCURRENCY must be a number"),
    ],
)
def test_serve_refuses_a_bad_setting_in_one_line_before_starting(monkeypatch, capsys, tmp_path, name, value, said):
    from bot.cli import main

    for k, v in {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "RAPPORTEUR_DB": str(tmp_path / "b.sqlite"),
        name: value,
    }.items():
        monkeypatch.setenv(k, v)
    monkeypatch.delenv("SLACK_APP_TOKEN", raising=False)
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and said in err
