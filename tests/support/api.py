"""A small JSON client for the API tests."""

from django.test import Client

from coalesce.accounts.models import ApiToken


class Api:
    """Calls /api/… as one caller: a bearer token, a signed-in session, or nobody."""

    def __init__(self, raw_token: str | None = None, client: Client | None = None):
        self.client = client or Client()
        self.headers = {"Authorization": f"Bearer {raw_token}"} if raw_token else {}

    def get(self, path, params=None):
        return self.client.get("/api" + path, params or {}, headers=self.headers)

    def _send(self, method, path, data):
        return getattr(self.client, method)(
            "/api" + path,
            data if data is not None else {},
            content_type="application/json",
            headers=self.headers,
        )

    def post(self, path, data=None):
        return self._send("post", path, data)

    def put(self, path, data=None):
        return self._send("put", path, data)

    def patch(self, path, data=None):
        return self._send("patch", path, data)

    def delete(self, path):
        return self.client.delete("/api" + path, headers=self.headers)


def api_as(world, role: str) -> Api:
    if role == "anonymous":
        return Api()
    _token, raw = ApiToken.issue(world.users[role], "tests")
    return Api(raw)


def assert_error(response, status: int, field=...):
    assert response.status_code == status, response.content
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    assert "field" in body
    if field is not ...:
        assert body["field"] == field, body
    return body
