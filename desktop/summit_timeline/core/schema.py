"""The JSON Schema of ``summit-timeline/1``, generated from the model.

The structs in ``model`` are the single definition of the format; the
schema shipped in ``resources/schema/`` is this function's output, written
by ``make schema`` and checked for drift by a test, so that editors which
validate as people type agree with the loader.
"""

from __future__ import annotations

import json
from typing import Any

import msgspec

from .model import FORMAT, Timeline

SCHEMA_ID = "https://summit-timeline.invalid/schema/summit-timeline-1.schema.json"


def schema() -> dict[str, Any]:
    generated = msgspec.json.schema(Timeline)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"Summit Timeline file ({FORMAT})",
        "description": "A timeline of leaders' meetings: people, places, sources, tracks "
        "(lanes) and events with EDTF dates and a dated history of reports.",
        **generated,
    }


def schema_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
