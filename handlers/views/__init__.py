"""Modal submissions (view_submission / view_closed). None yet: features that open modals (e.g.
admin edits) register their listeners here, as the bolt-python starter template does."""
from __future__ import annotations


def register(app) -> None:
    """Nothing to register yet."""
