"""YAML read as an editor reads it: the YAML 1.2 core schema (yaml-language-server's default).

PyYAML's SafeLoader follows YAML 1.1 (`yes` is true, `010` is eight, `2025-06-11` a date); an
editor that underlines a data file against the JSON Schema sees 1.2 core types instead:
null (`~`, `null`, `Null`, `NULL`, empty), booleans (`true`, `True`, `TRUE`, false likewise),
integers (`12`, `-3`, `0o17`, `0x1F`), floats (`1.5`, `1e3`, `.inf`, `.nan`), everything else text.
"""

from __future__ import annotations

import math
import re

import yaml

_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML's safe loader with the YAML 1.2 core schema's implicit types."""


def _int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


def _float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> float:
    text = loader.construct_scalar(node)
    bare = text.lstrip("+-").lower()
    sign = -1.0 if text.startswith("-") else 1.0
    if bare == ".inf":
        return sign * math.inf
    if bare == ".nan":
        return math.nan
    return float(text)


def _mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
    """A mapping whose keys are unique, as YAML 1.2 requires (PyYAML keeps the last silently)."""
    keys = [loader.construct_object(key) for key, _ in node.value]
    for index, key in enumerate(keys):
        if key in keys[:index]:
            raise yaml.constructor.ConstructorError("while constructing a mapping", node.start_mark,
                                                    f"found duplicate key {key!r}", node.value[index][0].start_mark)
    return loader.construct_mapping(node)


def _map(loader: yaml.SafeLoader, node: yaml.MappingNode):
    data: dict = {}
    yield data
    data.update(_mapping(loader, node))


Yaml12Loader.add_constructor("tag:yaml.org,2002:map", _map)
Yaml12Loader.yaml_implicit_resolvers = {}
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"),
                                   ["~", "n", "N", ""])
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                   list("tTfF"))
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+.0123456789"))
Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _int)
Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _float)


def load(text: str) -> object:
    """text read as YAML 1.2 core (one document)."""
    return yaml.load(text, Loader=Yaml12Loader)
