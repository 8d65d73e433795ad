"""Limits of coalition input shared by models, forms, the API's schemas and services.

Only the limits used outside their own module are here so far; the others are still
literals next to their one use."""

MAX_COALITION_NAME = 160
MAX_ORGANISATION_NAME = 200
