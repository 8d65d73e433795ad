"""The one engine behind every domain's permission policy.

A domain writes its rules as a table — action name → ``rule(actor, obj) -> bool`` — and
builds a ``Policy`` from it; pages, the API and the command line ask ``allows`` or
``require``. What a refusal says is decided here, once:

* 404 (``NotFound``) when the actor may not know the target exists: the domain says so
  for the whole context (``context_hidden``: a coalition the actor cannot see), for an
  action (``hidden_when_refused``: another person's application), or for an object
  (``object_hidden``: a member the actor may not see listed);
* 403 (``Forbidden``) otherwise.

Every policy registers itself under its domain's name, and an action name belongs to one
domain only: ``policy_for(action)`` finds its policy (for a page's decorator or a
template's ``can`` filter), and a test checks that every action named in the code exists.
"""

from collections.abc import Callable, Iterable, Mapping

from coalesce.core.errors import Forbidden, NotFound

Rule = Callable[[object, object], bool]

POLICIES: dict[str, "Policy"] = {}


def _never(*_args) -> bool:
    return False


class Policy:
    def __init__(
        self,
        domain: str,
        rules: Mapping[str, Rule],
        *,
        hidden_when_refused: Iterable[str] = (),
        context_hidden: Callable[[object], bool] = _never,
        object_hidden: Callable[[object, object], bool] = _never,
    ):
        self.domain = domain
        self.rules = dict(rules)
        self.hidden_when_refused = frozenset(hidden_when_refused)
        unknown = self.hidden_when_refused - self.rules.keys()
        if unknown:
            raise ValueError(f"{domain}: hidden actions without a rule: {sorted(unknown)}")
        self.context_hidden = context_hidden
        self.object_hidden = object_hidden
        _register(self)

    @property
    def actions(self) -> frozenset[str]:
        return frozenset(self.rules)

    def allows(self, actor, action: str, obj=None) -> bool:
        return self.rules[action](actor, obj)

    def require(self, actor, action: str, obj=None) -> None:
        """Return when allowed; raise NotFound or Forbidden (see the module's docstring)."""
        if self.allows(actor, action, obj):
            return
        if (
            action in self.hidden_when_refused
            or self.context_hidden(actor)
            or (obj is not None and self.object_hidden(actor, obj))
        ):
            raise NotFound()
        raise Forbidden()


def _register(policy: Policy) -> None:
    for other in POLICIES.values():
        shared = policy.actions & other.actions
        if other.domain != policy.domain and shared:
            raise ValueError(f"{policy.domain} and {other.domain} both name {sorted(shared)}")
    POLICIES[policy.domain] = policy


def policy_for(action: str) -> Policy:
    """The policy whose table holds ``action`` (KeyError for an action nobody defines)."""
    for policy in POLICIES.values():
        if action in policy.rules:
            return policy
    raise KeyError(action)
