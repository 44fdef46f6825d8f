"""The JSON API's common ground: a parser that refuses unstorable text, and an OpenAPI
description that declares the errors every route can answer (so clients and the schema fuzz
see the API as it behaves)."""

from django.core.exceptions import ImproperlyConfigured
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation
from ninja.parser import Parser

from alongside.core.inputs import loads_storable_json
from alongside.core.schemas import Error

_ERROR = {"$ref": "#/components/schemas/Error"}
_INVALID_SCHEMA = {
    "title": "ValidationErrors",
    "type": "object",
    "properties": {"detail": {"title": "Detail", "type": "array", "items": {"type": "object"}}},
    "required": ["detail"],
    "examples": [
        {
            "detail": [
                {
                    "type": "float_parsing",
                    "loc": ["body", "data", "dose"],
                    "msg": "Input should be a valid number, unable to parse string as a number",
                }
            ]
        }
    ],
}
# Status -> (when, schema). 400: unreadable body or unstorable text; 404: no such thing, or
# not a member here; 422: a parameter or field of the wrong type.
_EVERY_ROUTE = {
    400: ("The request could not be read or holds unstorable text.", _ERROR),
    404: ("Not found, or not visible to you.", _ERROR),
    422: (
        "A parameter or field has the wrong type.",
        {"$ref": "#/components/schemas/ValidationErrors"},
    ),
}
_SIGNED_IN_ROUTES = {
    401: ("Sign in first.", _ERROR),
    403: ("The CSRF token is missing or wrong, or you may not do this.", _ERROR),
}


class StorableJSONParser(Parser):
    """A NUL or a lone surrogate in a JSON body is a 400, before any database sees it."""

    def parse_body(self, request):
        return loads_storable_json(request.body)


class AlongsideAPI(NinjaAPI):
    """Operation ids read '<tag>_<function>' (e.g. `treatments_entry_add`), so a generated
    client's method names say what they do; test_api_schema checks they are unique."""

    def get_openapi_operation_id(self, operation: Operation) -> str:
        tag = (operation.tags or ["api"])[0]
        return f"{tag}_{operation.view_func.__name__}"

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        schema = _OneSchemaPerName(self, path_prefix)
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        schemas.setdefault("Error", Error.model_json_schema())
        schemas["ValidationErrors"] = _INVALID_SCHEMA
        for operations in schema["paths"].values():
            for operation in operations.values():
                _declare_errors(operation)
        return schema


class _OneSchemaPerName(OpenAPISchema):
    """Ninja files every schema under its class name and keeps the last of two namesakes, so
    a route would silently document (and a generated client parse) another app's schema."""

    def add_schema_definitions(self, definitions: dict) -> None:
        for name, definition in definitions.items():
            if self.schemas.get(name, definition) != definition:
                raise ImproperlyConfigured(f"Two API schemas are both called {name}: rename one.")
        super().add_schema_definitions(definitions)


def _declare_errors(operation: dict) -> None:
    errors = dict(_EVERY_ROUTE)
    if operation.get("security"):
        errors.update(_SIGNED_IN_ROUTES)
    responses = operation.setdefault("responses", {})
    for status, (description, body) in errors.items():
        responses.setdefault(
            status, {"description": description, "content": {"application/json": {"schema": body}}}
        )
