"""Check a YAML document against one of the declared JSON Schemas in ``schemas/``.

Errors become Problems at the line of the offending value (or key), with a message a member of
staff can act on: the dotted path of the value and what is wrong with it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
from referencing import Registry, Resource

from catalog.problems import Problem
from catalog.yaml_loader import JsonPath, YamlDocument

_SCHEMA_PACKAGE = "catalog.schemas"


@cache
def _registry() -> Registry:
    resources_ = []
    for entry in resources.files(_SCHEMA_PACKAGE).iterdir():
        if entry.name.endswith(".schema.json"):
            schema = json.loads(entry.read_text(encoding="utf-8"))
            resources_.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources_)


@cache
def _validator(name: str) -> jsonschema.protocols.Validator:
    schema = _registry()[f"{name}.schema.json"].contents
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    # JSON has no NaN or infinity, but YAML has (.nan, .inf, 1e999), and a NaN passes every
    # "minimum"/"maximum" because each comparison with it is false. So "number" means a finite
    # one here, and every bound in the schemas holds for every number that passes.
    finite = jsonschema.validators.extend(
        cls, type_checker=cls.TYPE_CHECKER.redefine("number", _is_finite_number))
    return finite(schema, registry=_registry())


def _is_finite_number(checker: object, instance: object) -> bool:
    if isinstance(instance, bool) or not isinstance(instance, int | float):
        return False
    return isinstance(instance, int) or math.isfinite(instance)


def schema_names() -> list[str]:
    """The names of the declared content schemas (``occupation``, ``workplace`` …)."""
    return sorted(e.name.removesuffix(".schema.json")
                  for e in resources.files(_SCHEMA_PACKAGE).iterdir()
                  if e.name.endswith(".schema.json"))


def check_schema(document: YamlDocument, name: str, *,
                 optional: Collection[JsonPath] = ()) -> list[Problem]:
    """Every way ``document`` breaks schema ``name``, in file order.

    ``optional``: mappings (by path) whose required keys may be missing here (the interface
    texts of a language that falls back to German).
    """
    problems = []
    for error in _validator(name).iter_errors(document.data):
        if error.validator == "required" and tuple(error.absolute_path) in optional:
            continue
        problems.extend(_problems_for(document, error))
    return sorted(set(problems), key=lambda p: (p.line or 0, p.column or 0, p.message))


def dotted(json_path: JsonPath) -> str:
    """``('tour', 'stops', 2, 'narration')`` → ``tour.stops[2].narration``."""
    text = ""
    for part in json_path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


def _problems_for(document: YamlDocument, error: jsonschema.ValidationError) -> list[Problem]:
    path: JsonPath = tuple(error.absolute_path)
    schema: Any = error.schema
    where = dotted(path)
    validator = error.validator
    value: Any = error.validator_value
    instance = error.instance
    if validator == "required":
        missing = [k for k in value if isinstance(instance, dict) and k not in instance]
        return [document.problem(path, f"{where}: missing required field '{k}'") for k in missing]
    if validator == "additionalProperties" and isinstance(instance, dict):
        allowed = sorted(schema.get("properties", {}))
        extra = [k for k in instance if k not in allowed]
        hint = f" (allowed: {', '.join(allowed)})" if allowed else ""
        return [document.problem((*path, k), f"{where}: unknown field '{k}'{hint}", key=True)
                for k in extra]
    if validator == "propertyNames":
        # The failing name is reported in the error's context.
        names = [c.instance for c in error.context] or ["?"]
        return [document.problem((*path, str(n)), f"{where}: '{n}' is not a valid key here "
                                 f"({_property_names_hint(error)})", key=True) for n in names]
    return [document.problem(path, f"{where}: {_message(error)}")]


def _property_names_hint(error: jsonschema.ValidationError) -> str:
    schema: Any = error.schema
    if "language_code" in json.dumps(schema.get("propertyNames", {})):
        return "expected a language code such as de or en"
    return "not an allowed name"


def _message(error: jsonschema.ValidationError) -> str:
    validator = error.validator
    value: Any = error.validator_value
    instance: Any = error.instance
    schema: Any = error.schema
    if validator == "type" and isinstance(instance, float) and not math.isfinite(instance):
        return (f"must be a finite number, not {_yaml_float(instance)} "
                "(.nan and .inf are not allowed)")
    if validator == "type":
        expected = " or ".join(value) if isinstance(value, list) else value
        message = f"should be {_article(expected)}, not {_describe(instance)}"
        if isinstance(instance, bool) and expected == "string":
            message += " (YAML reads yes/no/on/off as true/false; put the text in quotes)"
        return message
    if validator == "enum":
        return f"{instance!r} is not one of: {', '.join(map(str, value))}"
    if validator == "const":
        return f"must be {value!r}, not {instance!r}"
    if validator == "minItems":
        return f"needs at least {value} entries, has {len(instance)}"
    if validator == "maxItems":
        return f"may have at most {value} entries, has {len(instance)}"
    if validator == "minLength":
        return "must not be empty"
    if validator == "maxLength":
        return f"may be at most {value} characters long, is {len(instance)}"
    if validator == "minProperties":
        return "must not be empty"
    if validator == "pattern":
        description = schema.get("description")
        return f"{instance!r} is not allowed here" + (f" ({description})" if description else "")
    if validator in ("minimum", "maximum"):
        word = "at least" if validator == "minimum" else "at most"
        return f"must be {word} {value}, not {instance}"
    if validator == "uniqueItems":
        return "lists the same entry twice"
    return error.message


def _yaml_float(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    return ".inf" if value > 0 else "-.inf"


def _article(type_name: str) -> str:
    words = {"object": "a mapping (key: value)", "array": "a list", "string": "text",
             "number": "a number", "integer": "a whole number", "boolean": "true or false",
             "null": "empty"}
    return " or ".join(words.get(t, t) for t in type_name.split(" or "))


def _describe(instance: Any) -> str:
    if instance is None:
        return "empty"
    if isinstance(instance, bool):
        return f"{str(instance).lower()} (a yes/no value)"
    if isinstance(instance, dict):
        return "a mapping"
    if isinstance(instance, list):
        return "a list"
    if isinstance(instance, int | float):
        return f"the number {instance}"
    text = str(instance)
    return f"the text {text[:40]!r}" + ("…" if len(text) > 40 else "")


_LOCALIZED_DEFS = {"localized_text", "localized_list", "per_language_list"}


def localized_paths(name: str, data: Any) -> list[tuple[JsonPath, str]]:
    """Where ``data`` holds per-language texts, by the schema: (path, kind of definition)."""
    found: list[tuple[JsonPath, str]] = []
    resolver = _registry().resolver(base_uri=f"{name}.schema.json")
    _walk(resolver.lookup(f"{name}.schema.json").contents, data, (), resolver, found)
    return found


def _walk(schema: Any, data: Any, path: JsonPath, resolver: Any,
          found: list[tuple[JsonPath, str]]) -> None:
    if not isinstance(schema, dict):
        return
    ref = schema.get("$ref")
    if ref is not None:
        kind = ref.rsplit("/", 1)[-1]
        if kind in _LOCALIZED_DEFS:
            found.append((path, kind))
            return
        resolved = resolver.lookup(ref)
        _walk(resolved.contents, data, path, resolved.resolver, found)
        return
    if isinstance(data, dict):
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for key, value in data.items():
            if key in properties:
                _walk(properties[key], value, (*path, key), resolver, found)
            elif isinstance(extra, dict):
                _walk(extra, value, (*path, key), resolver, found)
    elif isinstance(data, list) and isinstance(schema.get("items"), dict):
        for i, item in enumerate(data):
            _walk(schema["items"], item, (*path, i), resolver, found)
