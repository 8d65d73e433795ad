"""Every policy action named in the code exists in its domain's rule table.

Actions are bare strings (``policy.require(actor, "charter.edit")``,
``@coalition_page("members.list")``, ``{% if actor|can:"decisions.list" %}``); a typo
would raise KeyError only when that line runs. This reads the source and the templates
and resolves each name against the table of the policy it is asked of.
"""

import ast
import importlib
import re
from pathlib import Path

import coalesce
from coalesce.core.policy import POLICIES, policy_for

SOURCE = Path(coalesce.__file__).parent
ASKS = {"require", "allows"}
CAN_FILTER = re.compile(r"""\|can:["']([^"']+)["']""")


def python_modules():
    for path in sorted(SOURCE.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, "coalesce." + ".".join(path.relative_to(SOURCE).with_suffix("").parts)


def imported_names(tree) -> dict[str, str]:
    """Local name → the module or object it was imported from (``policy`` →
    ``coalesce.decisions.policy``; ``require`` → ``coalesce.decisions.policy.require``)."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                names[alias.asname or alias.name] = alias.name
    return names


def asked_policy_module(call, names, own_module) -> str | None:
    """The policy module a ``require``/``allows`` call asks, or None if it is not one."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in ASKS and isinstance(func.value, ast.Name):
        target = names.get(func.value.id)
        return target if target and target.endswith(".policy") else None
    if isinstance(func, ast.Name) and func.id in ASKS:
        target = names.get(func.id, f"{own_module}.{func.id}")
        module = target.rsplit(".", 1)[0]
        return module if module.endswith(".policy") else None
    return None


def string_argument(call, position):
    if len(call.args) > position:
        arg = call.args[position]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            return arg.value
    return None


def asks_with_its_action(function) -> bool:
    """True when ``function`` passes its ``action`` parameter on to the policy."""
    for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)):
        name = getattr(call.func, "attr", getattr(call.func, "id", None))
        passed = [*call.args, *(k.value for k in call.keywords)]
        if name in ASKS | {"policy_for"} | ASKERS.keys() and any(
            isinstance(arg, ast.Name) and arg.id == "action" for arg in passed
        ):
            return True
    return False


def find_askers() -> dict[str, int]:
    """Functions anywhere in the code that take an ``action`` and ask the policy with it
    (``coalition_page(action)``, ``_own_plan(user, id, action)``), with its position."""
    functions = [
        node
        for path, _module in python_modules()
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.FunctionDef) and "action" in parameter_names(node)
    ]
    while True:  # helpers that hand the action to a helper that asks, and so on
        before = len(ASKERS)
        for function in functions:
            if function.name not in ASKERS and asks_with_its_action(function):
                ASKERS[function.name] = action_position(function)
        if len(ASKERS) == before:
            return ASKERS


ASKERS: dict[str, int | None] = {}


def parameter_names(function) -> list[str]:
    return [a.arg for a in (*function.args.args, *function.args.kwonlyargs)]


def action_position(function) -> int | None:
    """Where ``action`` stands among the positional parameters (None: keyword-only)."""
    positional = [a.arg for a in function.args.args]
    return positional.index("action") if "action" in positional else None


def default_action(function) -> str | None:
    """An asker's default action (``facilitated(..., action="session.run")``)."""
    args = function.args
    pairs = [*zip(args.args[len(args.args) - len(args.defaults) :], args.defaults, strict=True)]
    pairs += [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d]
    for arg, default in pairs:
        if arg.arg == "action" and isinstance(default, ast.Constant):
            return default.value
    return None


def passed_actions(call):
    """Actions handed to a helper that asks the policy with them."""
    name = getattr(call.func, "attr", getattr(call.func, "id", None))
    if name not in ASKERS:
        return
    for keyword in call.keywords:
        if keyword.arg == "action" and isinstance(keyword.value, ast.Constant):
            yield keyword.value.value
    if ASKERS[name] is not None and (action := string_argument(call, ASKERS[name])):
        yield action


def named_actions():
    """(where, policy module or None for "whichever defines it", action) for every ask."""
    find_askers()
    for path, module in python_modules():
        tree = ast.parse(path.read_text(), filename=str(path))
        names = imported_names(tree)
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            where = f"{path.relative_to(SOURCE)}:{call.lineno}"
            asked = asked_policy_module(call, names, module)
            if asked and (action := string_argument(call, 1)):
                yield where, asked, action
            for action in passed_actions(call):
                yield where, None, action
        for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            if function.name in ASKERS and (action := default_action(function)):
                yield f"{path.relative_to(SOURCE)}:{function.lineno}", None, action
    for path in sorted(SOURCE.rglob("*.html")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            for action in CAN_FILTER.findall(line):
                yield f"{path.relative_to(SOURCE)}:{number}", None, action


def test_every_named_action_exists_in_the_table_it_is_asked_of():
    found = list(named_actions())
    unknown = []
    for where, module, action in found:
        if module is None:
            try:
                policy_for(action)
            except KeyError:
                unknown.append((where, action))
        elif action not in importlib.import_module(module).POLICY.rules:
            unknown.append((where, f"{module}: {action}"))
    assert not unknown
    # The reader really reads: most of the code's asks are found.
    assert len(found) > 150


def test_every_rule_is_asked_somewhere():
    asked = {action for _where, _module, action in named_actions()}
    unused = {
        f"{domain}: {action}"
        for domain, policy in POLICIES.items()
        for action in policy.rules
        if action not in asked
    }
    assert not unused


def test_a_misspelt_action_is_caught():
    tree = ast.parse('policy.require(actor, "charter.edti")')
    names = {"policy": "coalesce.coalitions.policy"}
    (call,) = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    module = asked_policy_module(call, names, "coalesce.x")
    assert module == "coalesce.coalitions.policy"
    assert string_argument(call, 1) not in importlib.import_module(module).POLICY.rules
