"""The web layer's one way into a coalition: load it, work out the actor, check the policy."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from coalesce.coalitions import policy
from coalesce.coalitions.models import Coalition
from coalesce.core.errors import Forbidden, NotFound
from coalesce.core.localisation import use_time_zone
from coalesce.core.policy import policy_for


def coalition_page(action: str | None):
    """Decorate a view ``view(request, actor, ...)`` served under ``/c/<slug>/``.

    ``action`` (of any coalition domain: ``core.policy.policy_for`` finds its rules) is
    checked before the view runs (pass None when the rule needs the object: the view
    then calls its policy's ``require`` itself). A signed-out visitor is asked to sign
    in rather than refused. Domain errors raised inside are turned into pages by
    ``DomainErrorMiddleware``.
    """
    rules = policy_for(action) if action is not None else None

    def decorator(view):
        @wraps(view)
        def wrapper(request, slug, *args, **kwargs):
            coalition = get_object_or_404(Coalition, slug=slug)
            actor = policy.actor_for(request.user, coalition)
            request.actor = actor
            if not getattr(request.user, "time_zone", ""):
                use_time_zone(coalition.time_zone)
            if action is not None and not rules.allows(actor, action):
                if not actor.is_signed_in and actor.can_see_coalition:
                    return redirect_to_login(request.get_full_path())
                rules.require(actor, action)
            return view(request, actor, *args, **kwargs)

        wrapper.policy_action = action
        return wrapper

    return decorator


def page(request, actor, template, *, status=200, **context):
    """Render a coalition page with ``coalition`` and ``actor`` in its context."""
    context = {"coalition": actor.coalition, "actor": actor, **context}
    return render(request, template, context, status=status)


def sign_in_first(request, actor):
    """For views whose rule needs an object: a signed-out visitor is asked to sign in."""
    if not actor.is_signed_in and actor.can_see_coalition:
        return redirect_to_login(request.get_full_path())
    return None


def shown_to_form(error):
    """Errors a form can show; not-found and forbidden become error pages instead."""
    return not isinstance(error, NotFound | Forbidden)


def coalition_url(actor, name: str, *args, **kwargs) -> str:
    """The address of the page ``name`` ("app:page") in the actor's coalition: with the
    other path arguments by position or by name."""
    if args:
        return reverse(name, args=[actor.coalition.slug, *args])
    return reverse(name, kwargs={"slug": actor.coalition.slug, **kwargs})
