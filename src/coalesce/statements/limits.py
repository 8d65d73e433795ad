"""Every limit of statement input, in one place (model, form, API schema and service)."""

MAX_TITLE = 200  # a statement's title
MAX_TEXT = 20000  # one version of its text (Markdown)
MAX_COMMENT = 4000  # a comment on a version
DEFAULT_COMMENT_DAYS = 3  # working days members have to comment on a version
MAX_COMMENT_DAYS = 15  # at most three working weeks
MAX_LOGO_BYTES = 512 * 1024  # a logo as uploaded (PNG or JPEG)
MAX_LOGO_BASE64 = -(-MAX_LOGO_BYTES // 3) * 4  # the same logo, base64-encoded (the API)
MAX_LOGO_PIXELS = 25_000_000  # larger images are refused before they are decoded
LOGO_BOX = (320, 160)  # a logo is shrunk to fit this box (pixels), and kept as PNG
