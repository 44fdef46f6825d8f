"""Rows whose text holds every word of a query, in any case.

On PostgreSQL the words are matched as whole words against a full-text index (the 'simple'
configuration: no stemming, fit for every language a community writes in); its word statistics
let the planner choose between the index (rare words) and a newest-first walk (common ones).
Elsewhere (SQLite in development and tests) each word is matched as part of the text.
"""

import re

from django.db import connections
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

_WORDS = re.compile(r"\w+")
MAX_WORDS = 8


def with_every_word(queryset, *, query: str, field: str, tsvector_sql: str):
    """`tsvector_sql` is the indexed tsvector (a column or the indexed expression), written
    exactly as the migration that indexes it wrote it, so PostgreSQL uses that index."""
    words = _WORDS.findall(query.lower())[:MAX_WORDS]
    if not words:
        return queryset.none()
    if connections[queryset.db].vendor != "postgresql":
        for word in words:
            queryset = queryset.filter(**{f"{field}__icontains": word})
        return queryset
    # tsvector_sql is a constant of the calling module; the words travel as a parameter.
    matches = RawSQL(  # noqa: S611
        f"{tsvector_sql} @@ to_tsquery('simple'::regconfig, %s)",
        (" & ".join(words),),
        output_field=BooleanField(),
    )
    return queryset.filter(matches)
