"""The series' data files and the schemas that check them: the lowest layer of the package.

Each YAML or CSV file in this folder has one schema, a pydantic model declared once in the module
of the same name here (``self_checks.py`` for ``self-checks/``, ``claims.py`` for ``claims.yml``
and so on; field types several schemas share are in ``fields.py``). ``validate`` turns a list of
records into checked records, ``keyed`` first turns records written as a mapping by name into
such a list, and ``validate_file`` checks a file that is one mapping; ``validate_rows`` checks a
CSV file, one row one record (schemas of ``Row``). When a record breaks its
schema, the error names the file, the record, the field and what was expected, for example::

    scenarios.yml, scenario 'friend-message': field 'replies[2].rating': Input should be
    'helpful', 'partly' or 'unhelpful' (found 'good')

Nothing here imports the rest of the package, so every layer above can use it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from importlib import resources
from typing import ClassVar, TypeVar, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

Model = TypeVar("Model", bound=BaseModel)


class DataError(ValueError):
    """A data file breaks its schema; the message names the file, record, field and expectation."""


class Record(BaseModel):
    """Base of every schema: records are read-only and may not carry fields nobody reads."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def text(*parts: str) -> str:
    """The text of a data file shipped with the package, e.g. ``text("self-checks", "00.yml")``."""
    return resources.files(__name__).joinpath(*parts).read_text(encoding="utf-8")


def exists(*parts: str) -> bool:
    return resources.files(__name__).joinpath(*parts).is_file()


def read_yaml(*parts: str):
    return yaml.safe_load(text(*parts))


def field_name(loc: tuple) -> str:
    """Pydantic's location tuple as a field path a data author recognises: ``replies[2].rating``."""
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _model_at(model: type[BaseModel] | None, loc: tuple) -> type[BaseModel] | None:
    """The schema that declares the fields at ``loc`` (``('replies', 2)`` -> ``Reply``), if one does."""
    for part in loc:
        if isinstance(part, str):
            field = model.model_fields.get(part) if model else None
            model = _inner_model(field.annotation) if field else None
    return model


def _inner_model(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next(filter(None, map(_inner_model, get_args(annotation))), None)


def problem(exc: ValidationError, model: type[BaseModel] | None = None) -> str:
    """The first problem pydantic found, as ``field 'replies[2].rating': what was expected``.

    Given the ``model`` that was checked, an unknown field's message lists the fields there are.
    """
    first = exc.errors()[0]
    field = field_name(first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    found = repr(first.get("input"))
    # Our own messages quote the value already; a missing or unknown field has none to show.
    if first["type"] not in ("value_error", "missing", "extra_forbidden") and len(found) <= 60:
        message += f" (found {found})"
    owner = _model_at(model, first["loc"][:-1]) if first["type"] == "extra_forbidden" else None
    if owner:
        message += f" (the fields are: {', '.join(f.alias or n for n, f in owner.model_fields.items())})"
    return f"field '{field}': {message}" if field else message


def validate(raw, model: type[Model], *, file: str, label: str = "record",
             id_field: str = "id", error: type[DataError] = DataError) -> list[Model]:
    """Check a list of raw records against ``model``; the first bad one raises ``error``.

    ``label`` is what one record is called in messages (a question, a scenario, a story).
    """
    if not isinstance(raw, list) or not raw:
        raise error(f"{file}: expected a non-empty list of {label} records")
    records = []
    for number, item in enumerate(raw, start=1):
        name = item.get(id_field) if isinstance(item, dict) else None
        where = f"{file}, {label} '{name}'" if name else f"{file}, {label} {number}"
        if not isinstance(item, dict):
            raise error(f"{where}: expected a mapping of fields")
        try:
            records.append(model.model_validate(item))
        except ValidationError as exc:
            raise error(f"{where}: {problem(exc, model)}") from None
    seen = set()
    for record in records:
        key = getattr(record, id_field, None)
        if key is not None and key in seen:
            raise error(f"{file}, {label} '{key}': field '{id_field}': used by more than one {label}")
        seen.add(key)
    return records


def validate_file(raw, model: type[Model], *, file: str, error: type[DataError] = DataError) -> Model:
    """Check a file that holds one mapping (not a list of records) against ``model``."""
    if not isinstance(raw, dict):
        raise error(f"{file}: expected a mapping with {', '.join(model.model_fields)}")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise error(f"{file}: {problem(exc, model)}") from None


def keyed(raw, key: str, *, file: str, label: str, error: type[DataError] = DataError) -> list[dict]:
    """Records written as a mapping by name (``02_the_cycle: {title: ...}``) as the list that
    ``validate`` checks, each record carrying its name under ``key``."""
    if not isinstance(raw, dict) or not raw:
        raise error(f"{file}: expected a non-empty mapping of {label} records by {key}")
    records = []
    for name, fields in raw.items():
        if not isinstance(fields, dict):
            raise error(f"{file}, {label} '{name}': expected a mapping of fields")
        records.append({key: name, **fields})
    return records


class Row(Record):
    """Base of a schema for a CSV file: one row is one record, named by its spreadsheet row.

    ``decimals`` is how many decimals the most precise of the ``NUMBERS`` columns is written
    with, so that "11.0" is shown as "11.0" and "20" as "20", as the source gives them.
    """

    NUMBERS: ClassVar[tuple[str, ...]] = ()
    row: int = Field(ge=2)  # as in a spreadsheet: the header is row 1
    decimals: int = 0

    @model_validator(mode="before")
    @classmethod
    def _count_decimals(cls, raw):
        if isinstance(raw, dict):
            texts = [str(raw[name]) for name in cls.NUMBERS if raw.get(name) is not None]
            return {**raw, "decimals": max((len(t.partition(".")[2]) for t in texts), default=0)}
        return raw

    def number(self, value: float) -> str:
        """A value with as many decimals as the source gives (hyphen-minus for negatives)."""
        return f"{value:.{self.decimals}f}"

    @classmethod
    def columns(cls) -> tuple[str, ...]:
        """The columns the file's header names: the fields the schema declares (not ``row`` and
        ``decimals``, nor any a subclass adds, such as a citation filled in after the check)."""
        schema = next(c for c in reversed(cls.__mro__) if issubclass(c, Row) and c is not Row)
        return tuple(name for name in schema.__annotations__ if name in schema.model_fields)


def row_name(file: str, row: int, name: str = "") -> str:
    """How messages name a row: ``prevalence.csv, row 4 ('lim2019global')``."""
    return f"{file}, row {row}" + (f" ('{name}')" if name else "")


def validate_rows(text: str, model: type[Model], *, file: str, name: Callable[[Mapping], str],
                  error: type[DataError] = DataError) -> list[Model]:
    """Check the rows of a CSV text against ``model`` (a ``Row``); the first bad one raises ``error``.

    ``name(row)`` gives what a row is called in messages besides its number (its key, say). A
    blank cell counts as a missing field, so the schema's default (or "Field required") applies.
    """
    reader = csv.DictReader(io.StringIO(text))
    header, columns = tuple(reader.fieldnames or ()), model.columns()
    wrong = ([f"lacks the column '{c}'" for c in columns if c not in header]
             + [f"has an unknown column '{c}'" for c in header if c not in columns])
    if wrong:
        raise error(f"{file}, row 1 (header): {wrong[0]}; the header must be {','.join(columns)}")
    records = []
    for number, raw in enumerate(reader, start=2):
        where = row_name(file, number, name(raw))
        if None in raw:
            raise error(f"{where}: has more values than the header has columns")
        cells = {k: v.strip() for k, v in raw.items() if v is not None and v.strip()}
        try:
            records.append(model.model_validate({**cells, "row": number}))
        except ValidationError as exc:
            raise error(f"{where}: {problem(exc, model)}") from None
    if not records:
        raise error(f"{file}: has no rows below the header")
    return records
