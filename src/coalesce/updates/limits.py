"""Every limit of updates input, in one place (model, form, API schema and service)."""

MAX_TITLE = 200  # an update's title
MAX_BODY = 20000  # an update's body (Markdown)
MAX_REPLY = 10000  # a reply (Markdown)
MAX_TOKEN = 100  # an acknowledgement link's token, as sent back
LIST_LIMIT = 100  # the newest updates a list shows
