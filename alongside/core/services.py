"""Writes to what every app shares: the topics that tag articles, questions and treatments."""

from django.utils.text import slugify

from alongside.core.models import Topic


def topics_ensure(*, slugs_or_names: list[str]) -> list[Topic]:
    """The topics for these slugs or names, created when new (idempotent)."""
    topics = []
    for value in slugs_or_names:
        slug = slugify(value)
        if not slug:
            continue
        name = value if value != slug else slug.replace("-", " ").capitalize()
        topics.append(Topic.objects.get_or_create(slug=slug, defaults={"name": name})[0])
    return topics
