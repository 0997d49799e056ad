"""The register's error type: the portal's one domain error (core.errors), so that forms
and the API show it like every other app's."""

from core.errors import DomainError


class RegisterError(DomainError):
    pass
