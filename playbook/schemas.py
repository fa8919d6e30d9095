"""JSON Schemas for editors, generated from the model (never written by hand)."""

from __future__ import annotations

import json

from playbook.kinds import KINDS, SINGLETONS


def schemas() -> dict[str, bytes]:
    """File name → JSON Schema of every kind of content file."""
    result = {}
    for kind in [*KINDS.values(), *SINGLETONS.values()]:
        schema = kind.model.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"Playbook {kind.name}"
        result[kind.schema_name] = (json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode(
            "utf-8"
        )
    return result
