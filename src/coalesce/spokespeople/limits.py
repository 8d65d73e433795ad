"""Every limit of spokespeople input, in one place (model, form, API schema and service)."""

MAX_TOPIC = 60  # a topic slug, e.g. "police-oversight" (a focus area's name, slugified)
MAX_LANGUAGE = 12  # a language code, e.g. "en" or "pt-br"
MAX_REGION = 80  # a region a mandate or request is for; empty: coalition-wide
MAX_TITLE = 200  # a voice request's title
MAX_ROWS = 500  # rows one list answers with
