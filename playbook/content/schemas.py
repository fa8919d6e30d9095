"""JSON Schemas for editors, generated from the model (never written by hand)."""

from __future__ import annotations

import json

from playbook.content.kinds import KINDS, SINGLETONS
from playbook.content.model import Branding, Hidden, Model, Note, Override


def schemas() -> dict[str, bytes]:
    """File name → JSON Schema of every kind of content file, the fork's overlay files included."""
    models: dict[str, type[Model]] = {kind.name: kind.model for kind in [*KINDS.values(), *SINGLETONS.values()]}
    models.update({"branding": Branding, "hidden": Hidden, "note": Note, "override": Override})
    result = {}
    for name, model in models.items():
        schema = model.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"Playbook {name}"
        text = json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        result[f"{name}.schema.json"] = text.encode("utf-8")
    return result
