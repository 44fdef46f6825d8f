"""COPY rows into a model's table, filling every column not given with the field's default,
so a column another app adds later does not break the generator."""

from django.db import connection, models
from django.utils import timezone


class Copier:
    """`Copier(Model, ["id", "author_id", ...]).write(rows)`: rows are tuples in that order."""

    def __init__(self, model, fields: list[str]):
        self.model = model
        self.given = [model._meta.get_field(name) for name in fields]
        # The primary key, when not given, comes from its sequence.
        self.rest = [
            f for f in model._meta.concrete_fields if f not in self.given and not f.primary_key
        ]
        self.json = {i for i, f in enumerate(self.given) if isinstance(f, models.JSONField)}
        self.columns = [f.column for f in self.given + self.rest]

    def write(self, rows) -> int:
        """Copy the rows; returns how many."""
        sql = f"COPY {self.model._meta.db_table} ({', '.join(self.columns)}) FROM STDIN"
        now = timezone.now()
        fixed = [_default(field, now) for field in self.rest]
        varying = [i for i, field in enumerate(self.rest) if callable(field.default)]
        count = 0
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                rest = fixed
                if varying:
                    rest = list(fixed)
                    for i in varying:
                        rest[i] = _default(self.rest[i], now)
                copy.write_row(self._prepared(row) + rest)
                count += 1
        return count

    def _prepared(self, row) -> list:
        if not self.json:
            return list(row)
        return [
            self.given[i].get_db_prep_save(value, connection) if i in self.json else value
            for i, value in enumerate(row)
        ]


def _default(field, now):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    return field.get_db_prep_save(field.get_default(), connection)


def ids_reserve(model, count: int) -> int:
    """The first of `count` consecutive primary keys nobody else will be given."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence(%s, 'id'), "  # noqa: S608 (table of a model)
            f"GREATEST(nextval(pg_get_serial_sequence(%s, 'id')), "
            f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {table})) + %s - 1)",
            [table, table, count],
        )
        last = cursor.fetchone()[0]
    return last - count + 1
