"""Checking and normalising what a person typed or a file brought before it is stored: the fields a
kind has, required ones present, numbers and dates in their form, nested fields of their shape,
texts within their length. Plain functions of the schema: no knowledge base needed."""

from __future__ import annotations

import json
from typing import Any

from . import dates
from .schema import KINDS, SINGULAR, Field, what_it_takes, with_article


class ValidationError(ValueError):
    """Bad input from a person: the message says what is wrong and how to write it."""


def check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValidationError(f"unknown kind '{kind}'; use one of: {', '.join(KINDS)}")


def clean(kind: str, fields: dict, *, partial: bool = False) -> dict:
    """Check and normalise fields typed by a person or loaded from JSON.

    Dates may be written as people write them; they are stored as YYYY-MM-DD.
    """
    check_kind(kind)
    known = {f.name: f for f in KINDS[kind]}
    allowed = set(known) | {"group_id", "paragraph", "source", "report_id", "key"}
    unknown = set(fields) - allowed - {"id"}
    if unknown:
        raise ValidationError(
            f"{SINGULAR[kind]} has no field {', '.join(sorted(unknown))}; fields are: {', '.join(known)}"
        )
    cleaned: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "id":
            continue
        f = known.get(name)
        cleaned[name] = _clean_value(kind, f, name, value) if f else value
    if not partial:
        for f in KINDS[kind]:
            if f.required and cleaned.get(f.name) in (None, ""):
                raise ValidationError(f"{with_article(SINGULAR[kind])} needs {with_article(f.name)}")
        for f in KINDS[kind]:
            if f.unless and cleaned.get(f.name) in (None, "") and cleaned.get(f.unless) in (None, ""):
                raise ValidationError(
                    f"{with_article(SINGULAR[kind])} needs {with_article(f.name)} (e.g. --{f.name} {_EXAMPLES[f.name]}) "
                    f"or, with none, --{f.unless.replace('_', '-')} (e.g. {_EXAMPLES[f.unless]})"
                )
    return cleaned


# What a field that stands in for another takes, for the refusal that asks for one of the two.
_EXAMPLES = {
    "due": "'16 March 2020'",
    "due_words": "'within one month of the session'",
    "number": "35",
    "start": "'29 April 2026' (a meeting the minutes name by its date)",
}


def _clean_value(kind: str, f: Field, name: str, value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        if f.required:
            raise ValidationError(f"{SINGULAR[kind]} {name} cannot be empty")
        return None
    if f.type == "int":
        try:
            return int(value)
        except (TypeError, ValueError):
            raise ValidationError(f"{name} must be a whole number, e.g. 35, not '{value}'") from None
    if f.type == "date":
        try:
            return dates.parse_date(str(value)).isoformat()
        except ValueError as e:
            raise ValidationError(f"{name}: {e}") from None
    if f.type == "json":
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except json.JSONDecodeError:
                raise ValidationError(f"{name} must be {what_it_takes(f)}") from None
        check_shape(f, value)
        return json.dumps(value, ensure_ascii=False)
    text = " ".join(str(value).split())
    if len(text) > f.max_length:
        raise ValidationError(f"{name} is {len(text)} characters; at most {f.max_length} are allowed")
    return text


def check_shape(f: Field, value: Any) -> None:
    """Refuse a JSON field's value that does not fit its shape (a JSON Schema, checked with the
    jsonschema library), naming where it goes wrong and showing the right shape."""
    if f.shape is None:
        return
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match

    errors = list(Draft202012Validator(f.shape).iter_errors(value))
    if not errors:
        return
    # The first item that is wrong (in the list's order), then jsonschema's most relevant error about it.
    first = min(tuple(e.absolute_path)[:1] for e in errors)
    error = best_match(e for e in errors if tuple(e.absolute_path)[:1] == first)
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    raise ValidationError(f"{f.name}{where}: {error.message}; write {f.name} as {what_it_takes(f)}")
