"""Every limit of statement input, in one place (model, form, API schema and service)."""

MAX_TITLE = 200  # a statement's title
MAX_TEXT = 20000  # one version of its text (Markdown)
MAX_COMMENT = 4000  # a comment on a version
DEFAULT_COMMENT_DAYS = 3  # working days members have to comment on a version
MAX_COMMENT_DAYS = 15  # at most three working weeks
