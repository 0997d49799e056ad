"""The one error type people can cause with pilots, with a translated message and the
field it belongs to."""

from organisations.errors import RegisterError


class PilotError(RegisterError):
    pass
