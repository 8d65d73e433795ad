"""The limits of digests: one constant each, shared by the rules, services and tests."""

# People whose digests one task builds and sends (its queries do not grow with it).
BATCH_SIZE = 500
# What one digest lists at most; the rest is counted ("and 12 more").
MAX_UPDATES = 25
MAX_REQUESTS = 10
# The site's address, kept to write the e-mail's links when no request is at hand.
MAX_SITE_URL = 200
