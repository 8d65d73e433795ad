"""First-run set-up of the data folder: it holds what must never be committed."""

import os
import secrets
import tempfile
from pathlib import Path


def data_dir() -> Path:
    path = Path(os.environ.get("COALESCE_DATA_DIR", Path.cwd() / "data")).resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def read_or_create_secret(path: Path, factory=lambda: secrets.token_urlsafe(50)) -> str:
    """Return the secret stored at ``path``, creating it (mode 0600) on first use.

    The secret is written to a private file first and then linked into place, so a
    process starting at the same moment reads either no file or the whole secret.
    """
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    value = factory()
    fd, draft = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(value + "\n")
        os.link(draft, path)
    except FileExistsError:  # another process created it first: use theirs
        return path.read_text().strip()
    finally:
        os.unlink(draft)
    return value
