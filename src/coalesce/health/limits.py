"""Every limit of health-check input, in one place (model, form, API schema and service)."""

MIN_ANSWERS = 5  # any aggregate over fewer responses is withheld ("fewer than 5 answers")
MIN_SCORE = 1  # strongly disagree
MAX_SCORE = 5  # strongly agree
MAX_TITLE = 200  # a wave's title
MAX_ITEM_KEY = 40  # an item's key in the catalogue ("equity_voice")
MAX_WAVES = 40  # waves listed (and shown in the trend) at once
CONCERN_SCORE = "2.5"  # a theme scoring at most this is a concern …
CONCERN_FALL = "0.5"  # … and so is one that fell by at least this since the last wave
