"""The house rules of docs/architecture.md that a reader can check: small modules and
short functions. (The one-way layers are checked by ``lint-imports`` in ./dev test.)"""

import ast
from pathlib import Path

import coalesce

SOURCE = Path(coalesce.__file__).parent
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60


def modules():
    for path in sorted(SOURCE.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def test_no_module_is_over_500_lines():
    long = {
        str(path.relative_to(SOURCE)): n
        for path in modules()
        if (n := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert not long


def test_no_function_is_over_60_lines_outside_demo_data():
    long = {}
    for path in modules():
        if path.relative_to(SOURCE).parts[0] == "demo":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(SOURCE)}:{node.lineno} {node.name}"] = length
    assert not long


def test_no_two_api_schemas_share_a_name():
    """django-ninja names a schema in the OpenAPI document by its class name: a second
    class of the same name silently replaces the first one's definition."""
    from ninja import Schema

    import coalesce.api  # noqa: F401 — imports every operation module

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    seen = {}
    for schema in subclasses(Schema):
        if schema.__module__.startswith("coalesce."):
            seen.setdefault(schema.__name__, set()).add(schema.__module__)
    clashes = {name: modules for name, modules in seen.items() if len(modules) > 1}
    assert not clashes
