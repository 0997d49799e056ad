"""The one error type people can cause with the centre's reports, with a translated
message and the field it belongs to."""

from core.errors import DomainError


class ReportError(DomainError):
    pass
