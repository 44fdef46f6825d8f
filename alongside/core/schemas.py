"""Schemas every JSON API route shares."""

from django import forms
from ninja import Schema, Status
from pydantic import ConfigDict


def example(value: dict) -> ConfigDict:
    """A schema's example in the OpenAPI document (core/tests/test_openapi_examples.py checks
    every route has one and that it fits its schema). Demo values only, never a real person."""
    return ConfigDict(json_schema_extra={"examples": [value]})


class Error(Schema):
    """The body of every 4xx answer: one sentence a person can act on."""

    model_config = example({"detail": "Write something before you post."})

    detail: str


def form_error(form: forms.BaseForm) -> Status:
    """A 400 with every message of an invalid page form, in the one Error shape."""
    messages = [message for errors in form.errors.values() for message in errors]
    return Status(400, {"detail": " ".join(messages)})


# A route that answers with the picture's bytes (after checking the viewer may see it).
PICTURE_RESPONSE = {
    "responses": {
        "200": {
            "description": "The picture, JPEG or PNG.",
            "content": {
                "image/jpeg": {"schema": {"type": "string", "format": "binary"}},
                "image/png": {"schema": {"type": "string", "format": "binary"}},
            },
        }
    }
}
