"""Every limit of expertise input, in one place (model, form, API schema and service)."""

MAX_ENTRY_TEXT = 300  # what one offer or need says
MAX_REQUEST_TEXT = 2000  # a request for help
MAX_RESPONSE = 1000  # a member's answer to a request
MAX_LANGUAGE = 10  # a language code, such as "fr" or "pt-br"
MAX_QUERY = 100  # a directory search's text
MAX_ENTRIES_PER_MEMBER = 60  # offers and needs one member may list, together
DIRECTORY_PAGE = 50  # directory results on one page (the API may ask for up to 200)
MAX_LISTED = 100  # requests (or responses) one list shows
