"""The one keyset cursor of every list that pages: '<microseconds since 1970>.<id>'.

Pages continue from the last item shown rather than from an offset, so a page stays cheap
however deep and no item is skipped or repeated when new ones arrive.
"""

from datetime import UTC, datetime, timedelta

from django.db.models import Model, Q

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def cursor_for(item: Model, field: str = "created_at") -> str:
    """A keyset cursor '<microseconds since 1970>.<id>' for an item's timestamp and id."""
    return f"{(getattr(item, field) - _EPOCH) // timedelta(microseconds=1)}.{item.pk}"


def cursor_filter(cursor: str | None, *, older: bool = True, field: str = "created_at") -> Q:
    """Items strictly before (or after) the cursor; an unreadable cursor means no filter."""
    try:
        micros, pk = (int(part) for part in (cursor or "").split("."))
    except ValueError:
        return Q()
    moment = _EPOCH + timedelta(microseconds=micros)
    way = "lt" if older else "gt"
    return Q(**{f"{field}__{way}": moment}) | Q(**{field: moment, f"id__{way}": pk})
