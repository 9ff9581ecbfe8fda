"""Queries the public form needs."""

from importlib import import_module

from django.conf import settings
from django.utils import timezone

from intake.uploads import held_names_in


def held_files_of_live_sessions(*, now=None) -> set[str] | None:
    """The held files some unexpired session still lists (a form someone is filling in).

    None when sessions are not kept in the database (then they cannot be looked through).
    """
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):
        return None
    now = now or timezone.now()
    decoder = store()
    names = set()
    live = store.get_model_class().objects.filter(expire_date__gt=now)
    for session_data in live.values_list("session_data", flat=True).iterator(chunk_size=500):
        names |= held_names_in(decoder.decode(session_data))
    return names
