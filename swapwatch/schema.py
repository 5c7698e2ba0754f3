"""The JSON Schema of a data file, generated from the record models (for editors' autocomplete)."""

from __future__ import annotations

import json

from swapwatch import PROJECT_DIR
from swapwatch.records import DataFile

SCHEMA_PATH = PROJECT_DIR / "schema" / "swapwatch.schema.json"


def json_schema() -> dict:
    """The JSON Schema (draft 2020-12) that a data file must satisfy."""
    schema = DataFile.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "SwapWatch data file"
    schema["description"] = "Records of prisoner exchanges and the diplomacy around them; see data/README.md."
    return schema


def schema_text() -> str:
    """The schema as the text of schema/swapwatch.schema.json."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schema() -> None:
    """Regenerate schema/swapwatch.schema.json."""
    SCHEMA_PATH.parent.mkdir(exist_ok=True)
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
