"""On PostgreSQL, a full-text index over updates: the words of each update as a generated
tsvector column with a GIN index. Search then reads the index instead of scanning every update
(an ILIKE '%word%' scan read all 1.1 million updates of the 216,000-member community), and
PostgreSQL's word statistics let the planner choose between the index and the newest-first
walk. The 'simple' configuration (no stemming) suits every language a community may write in.
Other databases keep the substring search and need nothing."""

from django.db import migrations

from alongside.core.dbops import postgresql_only

FORWARD = [
    "ALTER TABLE conversations_update ADD COLUMN IF NOT EXISTS search_words tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, coalesce(body, ''))) STORED",
    "CREATE INDEX IF NOT EXISTS conversations_update_search_words "
    "ON conversations_update USING gin (search_words)",
    # Word statistics now, so the planner's first searches choose well.
    "ANALYZE conversations_update (search_words)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS conversations_update_search_words",
    "ALTER TABLE conversations_update DROP COLUMN IF EXISTS search_words",
]


class Migration(migrations.Migration):
    dependencies = [("conversations", "0003_quote_consent")]

    operations = [postgresql_only(FORWARD, BACKWARD)]
