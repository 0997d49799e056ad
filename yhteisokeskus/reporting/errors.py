"""The one error type people can cause with the centre's reports, with a translated
message and the field it belongs to."""

from organisations.errors import RegisterError


class ReportError(RegisterError):
    pass
