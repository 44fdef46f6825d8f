"""Hot read queries whose SQL is built once per process, then run with each request's values.

Building a Django query costs far more CPU than running it: for a member's page, filtering,
resolving lookups and compiling took 1-3 ms per query where sending it and making the rows
into models took 0.2-0.4 ms (`bench/results/profiles/`). A `Prepared` query is described by a
function that builds the queryset from its arguments. The first call for a shape builds it
with stand-in values of each declared kind, compiles it, and notes where each stand-in sits
among the SQL parameters; every later call clones that queryset and gives it a compiler that
returns the kept SQL with this call's values in those places. Rows come back exactly as from
the plain queryset: the same iterable turns them into models, `select_related` objects,
annotations or values, and `prefetch_related` runs as usual.

Arguments not declared as values are the shape (a limit, a flag, which filters apply): they
are passed to the builder as they are and are part of the key, as are the length of each id
list, the database and the active time zone. A stand-in that cannot be found among the
parameters (a lookup that rewrites its value, such as `icontains`) is a programming error,
raised on the first call, so tests catch it.
"""

import datetime
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import connections
from django.db.models import DateField, QuerySet, UUIDField
from django.utils import timezone

SHAPES_KEPT = 256  # per query: id lists of every length up to a team's size fit easily
# Stand-in integers: inside a 32-bit column's range (Django drops a lookup on a value outside
# it), and far from any id a community will reach.
_BASE, _SPAN = 1_987_650_000, 100_000


class _Kind(ABC):
    @staticmethod
    def value(given: Any) -> Any:
        """The value as the query's parameter expects it (most kinds take it as given)."""
        return given

    @staticmethod
    @abstractmethod
    def stand_ins(index: int, value: Any) -> list:
        """Values to build the query with, unlike any real one: one, or one per id."""

    @staticmethod
    def plain_only(value: Any) -> bool:
        """Whether this value needs Django's own handling (the plain queryset is run)."""
        return False


class Int(_Kind):
    """An integer value: a primary or foreign key, a count."""

    @staticmethod
    def plain_only(value: Any) -> bool:
        return not _in_range(value)

    @staticmethod
    def stand_ins(index: int, value: Any) -> list:
        return [_BASE + index * _SPAN]


class Text(_Kind):
    @staticmethod
    def stand_ins(index: int, value: Any) -> list:
        return [f"\u2042prepared-{index}\u2042"]


class Moment(_Kind):
    """An aware datetime."""

    @staticmethod
    def stand_ins(index: int, value: Any) -> list:
        return [datetime.datetime(1904, 2, 29, 1, 2, 3, index + 1, tzinfo=datetime.UTC)]


class Day(_Kind):
    """A date, for a date column or a datetime's `__date`."""

    @staticmethod
    def value(given: Any) -> Any:
        return _DATE.to_python(given)  # as a date lookup reads it: a datetime is cut to its day

    @staticmethod
    def stand_ins(index: int, value: Any) -> list:
        return [datetime.date(1903, 1, 1) + datetime.timedelta(days=index)]


class Uuid(_Kind):
    """A UUID, or its text (a public id from a URL or a template)."""

    @staticmethod
    def value(given: Any) -> Any:
        return _UUID.to_python(given)  # text that is no UUID fails as the plain lookup fails

    @staticmethod
    def stand_ins(index: int, value: Any) -> list:
        return [uuid.UUID(int=_BASE + index * _SPAN)]


class Ids(_Kind):
    """A list of integer ids (`__in`): its length is part of the shape; repeats and None are
    dropped, as Django's `in` lookup drops them."""

    @staticmethod
    def value(given: Any) -> Any:
        return _ids(given)

    @staticmethod
    def plain_only(value: Any) -> bool:
        return len(value) >= _SPAN - 1 or not all(_in_range(one) for one in value)

    @staticmethod
    def stand_ins(index: int, value: Any) -> list:
        return [_BASE + index * _SPAN + 1 + place for place in range(len(value))]


_DATE, _UUID = DateField(), UUIDField()


def _in_range(value: Any) -> bool:
    """An id no 64-bit column holds (from a hostile URL) matches nothing; Django's own lookup
    says so without asking the database, which may refuse the number."""
    return not isinstance(value, int) or -(2**63) <= value < 2**63


def _ids(values: Iterable) -> list:
    return list(dict.fromkeys(value for value in values if value is not None))


class Prepared:
    def __init__(self, build: Callable[..., QuerySet], **kinds: type[_Kind]) -> None:
        self._build = build
        self._kinds = kinds
        self._shapes: dict[tuple, _Shape | None] = {}

    def rows(self, **arguments: Any) -> list:
        """The rows of the query for these arguments (one round trip, no SQL building)."""
        values = {name: kind.value(arguments.pop(name)) for name, kind in self._kinds.items()}
        using = "default"
        if any(self._kinds[name].plain_only(value) for name, value in values.items()):
            return list(self._build(**values, **arguments))
        key = (
            connections[using].vendor,
            timezone.get_current_timezone_name(),
            tuple(sorted(arguments.items())),
            tuple(len(v) for name, v in values.items() if self._kinds[name] is Ids),
        )
        if key not in self._shapes:
            shape = self._prepare(values, arguments, using)
            if len(self._shapes) >= SHAPES_KEPT:
                return list(self._build(**values, **arguments))
            self._shapes[key] = shape
        shape = self._shapes[key]
        if shape is None:  # the query can match nothing (an empty `in` list)
            return []
        return list(shape.queryset_for(values, using))

    def first(self, **arguments: Any) -> Any:
        """The first row, or None (the builder slices `[:1]`, as `.first()` would)."""
        found = self.rows(**arguments)
        return found[0] if found else None

    def _prepare(self, values: dict, arguments: dict, using: str) -> "_Shape | None":
        stand_ins = {
            name: kind.stand_ins(index, values[name])
            for index, (name, kind) in enumerate(self._kinds.items())
        }
        built = {
            name: stand_ins[name] if self._kinds[name] is Ids else stand_ins[name][0]
            for name in self._kinds
        }
        queryset = self._build(**built, **arguments)
        compiler = queryset.query.get_compiler(using=using)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return None
        return _Shape(queryset, compiler, sql, params, self._places(stand_ins, params, using))

    def _places(self, stand_ins: dict, params, using: str) -> list[tuple[int, str, int]]:
        """(position in the parameters, argument name, index in its value) for each stand-in."""
        adapt = _adapter(connections[using])
        places = []
        for name, values in stand_ins.items():
            for index, stand_in in enumerate(values):
                wanted = adapt(stand_in)
                found = [i for i, param in enumerate(params) if _same(param, wanted)]
                if not found:
                    raise ImproperlyConfigured(
                        f"Prepared query: the value of {name!r} is not a plain SQL parameter"
                    )
                places += [(position, name, index) for position in found]
        return places


def _same(param: Any, wanted: Any) -> bool:
    return type(param) is type(wanted) and param == wanted


def _adapter(connection) -> Callable[[Any], Any]:
    def adapt(value: Any) -> Any:
        if isinstance(value, datetime.datetime):
            return connection.ops.adapt_datetimefield_value(value)
        if isinstance(value, datetime.date):
            return connection.ops.adapt_datefield_value(value)
        if isinstance(value, uuid.UUID):
            return value if connection.features.has_native_uuid_field else value.hex
        return value

    return adapt


class _Shape:
    """One compiled query: its SQL, its parameters with the stand-ins' places, and the
    compiler state that turns rows into models."""

    def __init__(self, queryset: QuerySet, compiler, sql: str, params, places) -> None:
        self.queryset = queryset
        self.sql = sql
        self.params = list(params)
        self.places = places
        self.state = {
            name: getattr(compiler, name)
            for name in ("select", "klass_info", "annotation_col_map", "col_count")
        }
        self.state["has_extra_select"] = compiler.has_extra_select

    def queryset_for(self, values: dict, using: str) -> QuerySet:
        adapt = _adapter(connections[using])
        params = list(self.params)
        for position, name, index in self.places:
            value = values[name]
            params[position] = adapt(value[index] if isinstance(value, list) else value)
        queryset = self.queryset._chain()
        query = queryset.query
        plain = query.get_compiler

        def compiled(using=None, connection=None, elide_empty=True):
            compiler = plain(using=using, connection=connection, elide_empty=elide_empty)
            compiler.__dict__.update(self.state)
            compiler.as_sql = lambda *args, **kwargs: (self.sql, tuple(params))
            return compiler

        query.get_compiler = compiled
        return queryset
