"""The one keyset cursor of every list that pages: '<microseconds since 1970>.<id>'.

Pages continue from the last item shown rather than from an offset, so a page stays cheap
however deep and no item is skipped or repeated when new ones arrive.
"""

import re
from datetime import UTC, datetime, timedelta

from django.db.models import Model, Q

from alongside.core.inputs import parse_id

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_LATEST_MICROS = (datetime.max.replace(tzinfo=UTC) - _EPOCH) // timedelta(microseconds=1)
_CURSOR = re.compile(r"([0-9]{1,19})\.([0-9]{1,19})")


def cursor_for(item: Model, field: str = "created_at") -> str:
    """A keyset cursor '<microseconds since 1970>.<id>' for an item's timestamp and id."""
    return f"{(getattr(item, field) - _EPOCH) // timedelta(microseconds=1)}.{item.pk}"


def cursor_filter(cursor: str | None, *, older: bool = True, field: str = "created_at") -> Q:
    """Items strictly before (or after) the cursor; an unreadable cursor means no filter."""
    parsed = cursor_parse(cursor)
    if parsed is None:
        return Q()
    moment, pk = parsed
    way = "lt" if older else "gt"
    return Q(**{f"{field}__{way}": moment}) | Q(**{field: moment, f"id__{way}": pk})


def cursor_parse(cursor: str | None) -> tuple[datetime, int] | None:
    """The (moment, id) a cursor names, or None when it is unreadable or out of range (a date
    past year 9999, an id no bigint holds, digits other than ASCII): never an overflow."""
    found = _CURSOR.fullmatch(cursor or "")
    if found is None:
        return None
    micros, pk = int(found[1]), parse_id(found[2])
    if pk is None or micros > _LATEST_MICROS:
        return None
    return _EPOCH + timedelta(microseconds=micros), pk
