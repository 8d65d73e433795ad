"""Loading module files and the catalogue of modules this installation offers.

Shipped modules live in ``training/modules/``; more can be added with the
``COALESCE_MODULES_DIR`` environment variable (a folder of ``*.yaml`` files).
"""

import os
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from coalesce.core.errors import DomainError, NotFound
from coalesce.training.schema import Module

SHIPPED = Path(__file__).parent / "modules"


class ModuleFileError(DomainError):
    """A module file that does not follow the format; ``problems`` lists each one."""

    def __init__(self, path, problems: list[str]):
        self.path = str(path)
        self.problems = problems
        super().__init__(f"{path}: " + "; ".join(problems))


def _location(loc) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(top level)"


def load_module(path) -> Module:
    """Read and validate one module file; raises ModuleFileError naming each problem."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ModuleFileError(path, [f"cannot be read: {error.strerror}"]) from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise ModuleFileError(
            path, [f"{where}not valid YAML ({getattr(error, 'problem', error)})"]
        ) from error
    if not isinstance(data, dict):
        raise ModuleFileError(path, ["the file must be a mapping of fields (id, title, …)"])
    try:
        return Module.model_validate(data)
    except ValidationError as error:
        problems = [
            f"{_location(e['loc'])}: {e['msg'].removeprefix('Value error, ')}"
            for e in error.errors()
        ]
        raise ModuleFileError(path, problems) from error


def module_files() -> list[Path]:
    folders = [SHIPPED]
    extra = os.environ.get("COALESCE_MODULES_DIR")
    if extra:
        folders.append(Path(extra))
    return sorted(p for folder in folders if folder.is_dir() for p in folder.glob("*.yaml"))


@lru_cache(maxsize=1)
def catalogue() -> dict[str, Module]:
    modules = {}
    for path in module_files():
        module = load_module(path)
        modules[module.id] = module
    return modules


def get_module(module_id: str) -> Module:
    try:
        return catalogue()[module_id]
    except KeyError as error:
        raise NotFound() from error
