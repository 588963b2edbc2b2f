"""The question sets the project measures answers on, read from benchmarks/question_sets.txt:
one line per set, `name report questions`, paths relative to the repository (a path starting
with ../shared is the shared evaluation material beside the checkout; a set whose files are
missing is skipped, so a checkout without ../shared still runs)."""

from __future__ import annotations

import json
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
DEFAULT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "question_sets.txt")


def load_sets(path: str | None = None, only: str | None = None):
    """(name, report path, questions) for each listed set whose files exist."""
    for line in open(path or DEFAULT, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, report, questions = line.split()
        if only and only not in name:
            continue
        report, questions = (os.path.normpath(os.path.join(ROOT, x)) for x in (report, questions))
        if not (os.path.exists(report) and os.path.exists(questions)):
            continue
        items = [json.loads(line) for line in open(questions, encoding="utf-8") if line.strip()]
        yield name, report, items
