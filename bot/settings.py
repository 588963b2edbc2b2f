"""Settings from the environment, read in one place so that every runner agrees on them."""
from __future__ import annotations

import os
from pathlib import Path

DB_FILE_NAME = "knowledge.sqlite"


def db_path(explicit: str | None = None) -> tuple[str, bool]:
    """The knowledge base file and whether it is the default one.

    Only the default file (in the user's data directory) is filled with the shipped sample report:
    a file named by --db or RAPPORTEUR_DB starts empty, so that a deployment never mixes the
    sample into its own group's data.
    """
    if explicit:
        return explicit, False
    if os.environ.get("RAPPORTEUR_DB"):
        return os.environ["RAPPORTEUR_DB"], False
    from platformdirs import user_data_dir

    return str(Path(user_data_dir("rapporteur", appauthor=False)) / DB_FILE_NAME), True
