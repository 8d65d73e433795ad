"""Domain exceptions: raised by services and policies, mapped once to HTTP responses."""


class DomainError(Exception):
    """Bad input or a rule that forbids the action; the message is safe to show."""

    status = 400

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class Conflict(DomainError):
    status = 409


class NotFound(DomainError):
    """Missing, or not visible to this person: both look the same from outside."""

    status = 404

    def __init__(self, message: str = "Not found.", field: str | None = None):
        super().__init__(message, field)


class Forbidden(DomainError):
    status = 403

    def __init__(self, message: str = "You are not allowed to do this.", field: str | None = None):
        super().__init__(message, field)


class Throttled(DomainError):
    """Too many requests of this kind from one address or for one e-mail address."""

    status = 429
