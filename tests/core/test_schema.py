"""The published JSON Schema agrees with the loader."""

from __future__ import annotations

import json

import jsonschema
import pytest

from summit_timeline.core.schema import schema_text
from summit_timeline.resources import SCHEMA, default_dataset, resource


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    published = json.loads(resource(SCHEMA).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(published)
    return jsonschema.Draft202012Validator(published)


def test_published_schema_is_the_one_the_model_generates() -> None:
    published = json.loads(resource(SCHEMA).read_text(encoding="utf-8"))
    assert published == json.loads(schema_text()), "run `make schema` after changing core/model.py"


def test_default_dataset_validates_with_a_standard_validator(validator) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads(default_dataset().read_text(encoding="utf-8"))
    assert list(validator.iter_errors(doc)) == []


@pytest.mark.parametrize("breakage", [
    lambda d: d.update(format="summit-timeline/2"),
    lambda d: d["events"][0].update(status="rumoured"),
    lambda d: d["events"][0].pop("title"),
    lambda d: d["events"][0].update(surprise=1),
    lambda d: d["places"][0].update(latitude=123.0),
    lambda d: d["people"][0].update(colour="red"),
])
def test_schema_rejects_what_the_loader_rejects(validator, breakage) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads(default_dataset().read_text(encoding="utf-8"))
    breakage(doc)
    assert list(validator.iter_errors(doc))
