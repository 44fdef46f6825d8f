"""Every route of the JSON API shows an example of the JSON it takes and of the answer it gives
on success, and the one error shape has its own: /api/v1/docs reads as a working session, and a
route added later fails here, by name, until it carries its examples."""

import copy
from datetime import time

import jsonschema_rs  # installed with schemathesis (dev dependencies)
import pytest

pytestmark = pytest.mark.django_db

JSON = "application/json"


@pytest.fixture
def document(community, client):
    answer = client.get("/api/v1/openapi.json", HTTP_HOST="localhost")
    assert answer.status_code == 200
    return answer.json()


def _operations(document):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield f"{method.upper()} {path} ({operation['operationId']})", operation


def _resolve(document, schema: dict) -> dict:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _has_example(document, media: dict) -> bool:
    """An example on the media type, on the schema it names, or on a list's items."""
    if "example" in media or "examples" in media:
        return True
    schema = _resolve(document, media.get("schema", {}))
    if schema.get("type") == "array":
        schema = _resolve(document, schema.get("items", {}))
    return bool(schema.get("examples"))


def _success_bodies(operation):
    for status, answer in operation["responses"].items():
        media = answer.get("content", {}).get(JSON)
        if str(status).startswith("2") and media:
            yield status, media


def test_every_json_request_body_has_an_example(document):
    missing = [
        name
        for name, operation in _operations(document)
        if JSON in operation.get("requestBody", {}).get("content", {})
        and not _has_example(document, operation["requestBody"]["content"][JSON])
    ]
    assert not missing, "No example of the request body: " + ", ".join(missing)


def test_every_success_answer_has_an_example(document):
    missing = [
        f"{name} {status}"
        for name, operation in _operations(document)
        for status, media in _success_bodies(operation)
        if not _has_example(document, media)
    ]
    assert not missing, "No example of the answer: " + ", ".join(missing)


def test_the_error_shapes_have_an_example_each(document):
    schemas = document["components"]["schemas"]
    assert schemas["Error"]["examples"][0]["detail"]
    assert schemas["ValidationErrors"]["examples"][0]["detail"]


def _strict(components: dict) -> dict:
    """The components with no property beyond those declared, so a misspelt key fails too."""
    strict = copy.deepcopy(components)
    for schema in strict["schemas"].values():
        if "properties" in schema:
            schema.setdefault("additionalProperties", False)
    return strict


def _examples(document):
    for name, schema in document["components"]["schemas"].items():
        for value in schema.get("examples", []):
            yield f"schema {name}", {"$ref": f"#/components/schemas/{name}"}, value
    for name, operation in _operations(document):
        bodies = [operation.get("requestBody", {}).get("content", {}).get(JSON)]
        bodies += [media for _, media in _success_bodies(operation)]
        for media in filter(None, bodies):
            values = [media["example"]] if "example" in media else []
            values += [e["value"] for e in media.get("examples", {}).values()]
            for value in values:
                yield name, media["schema"], value


def _is_time(value: str) -> bool:
    """A time as the API writes it ("19:30:00"; JSON Schema's own format wants an offset)."""
    try:
        time.fromisoformat(value)
    except ValueError:
        return False
    return True


def test_every_example_fits_its_schema(document):
    components = _strict(document["components"])
    wrong = []
    for where, schema, value in _examples(document):
        validator = jsonschema_rs.validator_for(
            {**schema, "components": components},
            validate_formats=True,
            formats={"time": _is_time},
        )
        wrong += [f"{where}: {error.message}" for error in validator.iter_errors(value)]
    assert not wrong, "\n".join(wrong)
