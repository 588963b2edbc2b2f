"""The time zone abbreviations a place's clocks use, read from the IANA time zone database.

Minutes give a call's time in zone abbreviations ("17:00 UTC (19:00 CEST, 10:00 PDT)"), and a
delegate asks for the time "in Berlin" or "for Los Angeles". The zone of a city named in the
database (Europe/Berlin, America/Los_Angeles) gives the abbreviations it uses in winter and in
summer (CET, CEST) and, for the North American pairs, the season-free one (PST, PDT -> PT): the
words a report writes for that city's time. The database comes with the ``tzdata`` package, so
nothing here depends on the machine's own copy.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

# Areas whose second part is a city a delegate may name; the oceans' and 'Etc' zones are islands,
# bases and offsets whose names are too often ordinary words (Wake, Midway, Easter).
_CITY_AREAS = frozenset({"Africa", "America", "Asia", "Australia", "Europe"})
_SEASONS = (datetime(2025, 1, 15, 12), datetime(2025, 7, 15, 12))


@cache
def city_zones() -> dict[str, frozenset[str]]:
    """Lower-case city name ("berlin", "los angeles") -> the lower-case abbreviations its clocks use."""
    out: dict[str, frozenset[str]] = {}
    for name in available_timezones():
        parts = name.split("/")
        if len(parts) != 2 or parts[0] not in _CITY_AREAS:
            continue
        zone = ZoneInfo(name)
        abbreviations = {zone.tzname(moment) or "" for moment in _SEASONS}
        abbreviations = {a for a in abbreviations if re.fullmatch(r"[A-Z]{2,5}", a)}  # not "+03"
        if len(abbreviations) == 2 and all(len(a) == 3 and a[1] in "SD" and a[2] == "T" for a in abbreviations):
            abbreviations.add(next(iter(abbreviations))[0] + "T")  # PST, PDT -> PT
        if abbreviations:
            out[parts[1].replace("_", " ").lower()] = frozenset(a.lower() for a in abbreviations)
    return out


def zone_abbreviations(text: str) -> dict[str, frozenset[str]]:
    """The cities of the database a text names, each with its clocks' abbreviations."""
    low = " " + re.sub(r"[^a-z]+", " ", text.lower()) + " "
    return {city: zones for city, zones in city_zones().items() if f" {city} " in low}
