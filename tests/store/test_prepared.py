"""The store's precompiled statements store exactly what SQLAlchemy would have stored.

The writer binds record values through its own quick conversions (circle.store.prepared);
for every column of every table, on SQLite and PostgreSQL, they must give the driver the
same value as SQLAlchemy's own bind processing, and refuse what it refuses.
"""

import typing
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect

from circle.model import RECORD_TYPES, UTCDateTime
from circle.store.db import metadata
from circle.store.prepared import bind_processor
from circle.store.schemas import Change

DIALECTS = [sqlite.dialect(), postgresql.psycopg.dialect()]  # type: ignore[attr-defined]
TABLES: list[sa.Table] = [cls.__table__ for cls in RECORD_TYPES] + list(metadata.sorted_tables)  # type: ignore[attr-defined]


def _samples(column_type: sa.types.TypeEngine[Any]) -> list[Any]:
    """Values a record may hold in a column of this type (None for every nullable one)."""
    if isinstance(column_type, UTCDateTime):
        plus_two = timezone(timedelta(hours=2))
        return [
            datetime(2026, 11, 25, 18, 0, tzinfo=UTC),
            datetime(2026, 11, 25, 20, 30, 15, 123456, tzinfo=plus_two),
            datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
            None,
        ]
    if isinstance(column_type, sa.Enum):
        members = list(column_type.enum_class or [])
        return [*members, *(member.value for member in members), None]
    if isinstance(column_type, sa.Uuid):
        return [uuid.uuid4(), uuid.UUID(int=0), None]
    if isinstance(column_type, sa.Boolean):
        return [True, False, None]
    if isinstance(column_type, sa.Date):
        return [date(2026, 11, 25), date(2000, 1, 1), None]
    if isinstance(column_type, sa.Float):
        return [0.5, 1, None]
    if isinstance(column_type, sa.Integer):
        return [42, 2**40, None]
    return ["text", "", "Zoë 🌱", None]


def _convert(process: Callable[[Any], Any] | None, value: Any) -> Any:
    return value if process is None else process(value)


def _sqlalchemy(column: sa.Column[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    return column.type.dialect_impl(dialect).bind_processor(dialect)


@pytest.mark.parametrize("dialect", DIALECTS, ids=lambda d: d.name)
def test_every_column_gets_the_value_sqlalchemy_would_send(dialect: Dialect) -> None:
    for table in TABLES:
        for column in table.columns:
            quick = bind_processor(column.type, dialect)
            slow = _sqlalchemy(column, dialect)
            for value in _samples(column.type):
                expected = _convert(slow, value)
                got = _convert(quick, value)
                assert got == expected, f"{table.name}.{column.name}: {value!r}"
                assert type(got) in (type(expected), bool), f"{table.name}.{column.name}"


@pytest.mark.parametrize("dialect", DIALECTS, ids=lambda d: d.name)
def test_a_naive_timestamp_is_refused_as_sqlalchemy_refuses_it(dialect: Dialect) -> None:
    naive = datetime(2026, 11, 25, 18, 0, tzinfo=UTC).replace(tzinfo=None)
    with pytest.raises(ValueError, match="timezone-aware"):
        _convert(bind_processor(UTCDateTime(), dialect), naive)


@pytest.mark.parametrize("dialect", DIALECTS, ids=lambda d: d.name)
def test_a_word_outside_an_enum_is_refused(dialect: Dialect) -> None:
    for table in TABLES:
        for column in table.columns:
            if isinstance(column.type, sa.Enum):
                with pytest.raises(LookupError):
                    _convert(bind_processor(column.type, dialect), "no such value")


def _record_models() -> list[type[BaseModel]]:
    """The record model of each table a push may carry."""
    (union, _field) = typing.get_args(Change)
    return [change.model_fields["record"].annotation for change in typing.get_args(union)]


@pytest.mark.parametrize("model", _record_models(), ids=lambda m: m.__name__)
def test_a_pushed_record_is_flat_so_its_fields_are_what_model_dump_gives(
    model: type[BaseModel],
) -> None:
    """A push binds the record's `__dict__`: a serializer or a nested value would make it
    differ from what model_dump() gives."""
    decorators = model.__pydantic_decorators__
    assert not decorators.field_serializers
    assert not decorators.model_serializers
    for name, field in model.model_fields.items():
        args = (field.annotation, *typing.get_args(field.annotation))
        kinds = {typing.get_origin(arg) or arg for arg in args}
        nested = [kind for kind in kinds if kind in (list, dict, set, tuple) or _is_model(kind)]
        assert nested == [], f"{model.__name__}.{name} holds {nested}"


def _is_model(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, BaseModel)
