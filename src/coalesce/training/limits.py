"""Every limit of training input, in one place: models, forms, the API's schemas and the
services all read these, so what the OpenAPI document promises is what is enforced."""

MAX_TITLE = 200  # a plan's (and a live session's) title
MAX_AVAILABLE = 12 * 60  # minutes a plan may fill
MAX_ITEM_MINUTES = 600  # an item's local minutes override
MAX_BREAK_MINUTES = 600
MAX_NOTE = 500  # a local note on an item
MAX_VIDEO = 500  # a local video link on an item
MAX_BREAK_LABEL = 100

MAX_CARD = 500  # a card on a live board
MAX_RECORD_FIELD = 300  # one field of a group's record
MAX_NAME = 60  # a participant's display name, a paper sheet's label
