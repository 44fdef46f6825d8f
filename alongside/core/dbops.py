"""Migration operations that only PostgreSQL runs (full-text indexes and the like); SQLite,
used in development and tests, needs none of them."""

from django.db import migrations


def postgresql_only(forward: list[str], backward: list[str]) -> migrations.RunPython:
    def runner(statements):
        def run(apps, schema_editor):
            if schema_editor.connection.vendor != "postgresql":
                return
            for statement in statements:
                schema_editor.execute(statement)

        return run

    return migrations.RunPython(runner(forward), runner(backward), elidable=False)
