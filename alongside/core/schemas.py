"""Schemas every JSON API route shares."""

from ninja import Schema


class Error(Schema):
    """The body of every 4xx answer: one sentence a person can act on."""

    detail: str
