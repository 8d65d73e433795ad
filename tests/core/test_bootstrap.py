"""The data folder's secrets: made once, private, and the same for every process."""

import stat
from concurrent.futures import ThreadPoolExecutor

from coalesce.core.bootstrap import read_or_create_secret


def test_a_secret_is_made_once_private_and_then_read(tmp_path):
    path = tmp_path / "secret_key"
    first = read_or_create_secret(path)
    assert read_or_create_secret(path, factory=lambda: "another") == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["secret_key"]  # no draft left behind


def test_processes_starting_together_all_read_the_one_secret(tmp_path):
    path = tmp_path / "secret_key"
    with ThreadPoolExecutor(max_workers=8) as pool:
        secrets = set(
            pool.map(lambda n: read_or_create_secret(path, factory=lambda: f"s{n}"), range(32))
        )
    assert len(secrets) == 1
    assert secrets == {path.read_text().strip()}
    assert "" not in secrets
