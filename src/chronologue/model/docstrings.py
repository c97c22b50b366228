"""Field descriptions in a model's JSON schema, read from its attribute docstrings only when a schema is made.

The story's fields are documented as attribute docstrings (a string literal right below the annotated field).
pydantic's ``use_attribute_docstrings`` reads them while each class is being created, walking the stack and
tokenising the class's source: about 0.1 s of every process's start-up, spent again by every command that never
writes a schema. :func:`describe_fields`, a ``json_schema_extra`` hook, gives the same descriptions when a JSON
schema is generated instead, from one parse of each module's source.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import sys
from functools import cache
from typing import Any

from pydantic import BaseModel


@cache
def _module_docstrings(module: str) -> dict[str, dict[str, str]]:
    """class name -> {field name: its attribute docstring, cleaned as ``inspect.cleandoc`` does}, for the classes
    at the top level of ``module``'s source (empty when its source cannot be read)."""
    try:
        source = inspect.getsource(sys.modules[module])
    except (KeyError, OSError, TypeError):
        return {}
    found: dict[str, dict[str, str]] = {}
    for node in ast.parse(source).body:
        if not isinstance(node, ast.ClassDef):
            continue
        docs = found.setdefault(node.name, {})
        for statement, following in itertools.pairwise(node.body):
            if (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)
                    and isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)
                    and isinstance(following.value.value, str)):
                docs[statement.target.id] = inspect.cleandoc(following.value.value)
    return found


def attribute_docstrings(cls: type[BaseModel]) -> dict[str, str]:
    """Each field of model ``cls`` (or of the models it derives from) that has an attribute docstring -> that
    docstring."""
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if issubclass(klass, BaseModel) and klass is not BaseModel:
            docs.update(_module_docstrings(klass.__module__).get(klass.__qualname__, {}))
    return docs


def describe_fields(schema: dict[str, Any], cls: type[BaseModel]) -> None:
    """A model config's ``json_schema_extra``: every property of ``schema`` (the JSON schema of model ``cls``)
    that has no description gets its field's attribute docstring, if it has one."""
    properties = schema.get("properties", {})
    fields = cls.model_fields
    for name, doc in attribute_docstrings(cls).items():
        field = fields.get(name)
        key = field.alias if field is not None and field.alias in properties else name
        if key in properties:
            properties[key].setdefault("description", doc)
