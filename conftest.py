"""Runs before Django is set up: tests get their own data folder and a fixed test key."""

import os
import tempfile

os.environ.setdefault("COALESCE_DATA_DIR", tempfile.mkdtemp(prefix="coalesce-test-"))
os.environ.setdefault("COALESCE_ENCRYPTION_KEYS", "x2Wc0rVb0n5xXK8oJ3tq6H1b9Wb8l8YQbB2mH0W5C3E=")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
os.environ.setdefault("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
