"""Pages for decisions, decision rules and the conflict register, one module per subject.

Same shape as the coalition pages: ``coalition_page`` loads the coalition and the actor
and checks the action with the decisions policy; a view parses a form, calls one
service or selector and renders a template. Writes are POST-only and end in a redirect
with a message; a service's ``DomainError`` is shown on the form (or the page) with its
status and nothing is changed. A GET never writes: a decision whose window has passed
is shown as being counted until the task worker closes it.

Names of members are never printed here from membership rows directly: they come
masked from the selectors (``voice``, ``user_label``, ``comments``).
"""
