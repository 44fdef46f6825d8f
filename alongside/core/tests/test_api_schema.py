"""The OpenAPI document reads well for a generated client: unique '<tag>_<function>' ids,
one error shape, one cursor parameter, one schema per name."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from ninja import Schema

from alongside.core.api import AlongsideAPI
from config.api import api


def _operations():
    schema = api.get_openapi_schema()
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_every_operation_id_is_its_tag_and_function_and_unique():
    ids = [operation["operationId"] for _, _, operation in _operations()]
    assert len(ids) == len(set(ids))
    for _, _, operation in _operations():
        assert operation["operationId"].startswith(operation["tags"][0] + "_")


def test_every_declared_error_has_the_one_error_shape():
    for path, method, operation in _operations():
        for code, answer in operation["responses"].items():
            if code in {"400", "401", "403", "404"}:
                schema = answer["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Error"}, (method, path, code)


def test_lists_page_with_one_cursor_parameter():
    for path, method, operation in _operations():
        names = {p["name"] for p in operation.get("parameters", [])}
        assert not names & {"before", "after", "page"}, (method, path)


def test_two_schemas_of_one_name_are_refused_not_merged():
    twins = AlongsideAPI(urls_namespace="twins")
    first = type("Twin", (Schema,), {"__annotations__": {"text": str}})
    second = type("Twin", (Schema,), {"__annotations__": {"title": str}})

    @twins.get("/first", response=first)
    def first_twin(request):
        return {"text": "Hello"}

    @twins.get("/second", response=second)
    def second_twin(request):
        return {"title": "Hello"}

    with pytest.raises(ImproperlyConfigured, match="Twin"):
        twins.get_openapi_schema(path_prefix="")
