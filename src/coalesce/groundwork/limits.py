"""Every limit of groundwork input, in one place (model, form, API schema and service)."""

MAX_FIELD = 300  # a prospective partner's description; a challenge, its strategy, with whom
