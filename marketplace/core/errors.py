"""The domain's one error type. Views turn it into a form error or a message."""


class DomainError(Exception):
    """A rule of the domain refused an action; `message` is shown to the user.

    `field` names the form field at fault, when there is one.
    """

    def __init__(self, message, *, field: str | None = None, code: str = "invalid"):
        super().__init__(str(message))
        self.message = message
        self.field = field
        self.code = code


class NotPermitted(DomainError):
    """The acting user may not do this to this object (HTTP 403)."""

    def __init__(self, message, *, code: str = "forbidden"):
        super().__init__(message, code=code)


class NotFound(Exception):
    """What a selector raises for an object that does not exist or that the user may not
    see: one answer for both, so nothing tells which. The site answers 404."""
