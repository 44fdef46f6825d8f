"""The seed fits its columns: SQLite stores an over-long value without a word, PostgreSQL
refuses it, so this test measures every stored text against its column once the seed is in."""

import pytest
from django.apps import apps
from django.db import models
from django.db.models.functions import Length

pytestmark = pytest.mark.django_db


def test_every_loaded_text_fits_its_column_on_postgresql_too(kb):
    too_long = []
    for model in apps.get_app_config("treatments").get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField) and field.max_length:
                rows = model.objects.annotate(n=Length(field.name)).filter(n__gt=field.max_length)
                too_long += [
                    f"{model.__name__}.{field.name} ({field.max_length}): {value[:60]}"
                    for value in rows.values_list(field.name, flat=True)
                ]
    assert too_long == []
