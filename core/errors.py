"""The one error type that people can cause anywhere in the portal, with a translated
message and the field it belongs to. Each app subclasses it (RegisterError,
BookingError, …) so that forms and the API show every app's errors the same way."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class DomainError(ValidationError):
    """A ValidationError that names its field (``None`` for the form as a whole).

    ``DomainError(_("…"), field="business_id")`` for one message, or
    ``DomainError.from_validation_error(exc)`` to wrap a model's ``full_clean`` errors.
    """

    def __init__(self, message, *, field=None, code=None, params=None):
        if isinstance(message, dict):
            super().__init__(message)
            self.field = next(iter(message), None)
        elif field:
            super().__init__({field: [ValidationError(message, code=code, params=params)]})
            self.field = field
        else:
            super().__init__(message, code=code, params=params)
            self.field = None

    @classmethod
    def from_validation_error(cls, exc: ValidationError):
        if isinstance(exc, cls):
            return exc
        if hasattr(exc, "error_dict"):
            return cls(exc.error_dict)
        return cls(
            exc.error_list[0].message, code=exc.error_list[0].code, params=exc.error_list[0].params
        )

    @property
    def errors_by_field(self) -> dict[str | None, list[str]]:
        """{field or None: [translated message, …]}"""
        if hasattr(self, "error_dict"):
            return {
                (None if key == NON_FIELD_ERRORS else key): list(ValidationError(errors).messages)
                for key, errors in self.error_dict.items()
            }
        return {None: list(self.messages)}


def add_error_to_form(form, error: ValidationError, field_map: dict[str, str] | None = None):
    """Show a DomainError next to the form's field of the same name (or the one
    ``field_map`` names), and as a form error when the form has no such field."""
    field_map = field_map or {}
    for field, messages in DomainError.from_validation_error(error).errors_by_field.items():
        name = field_map.get(field, field)
        form.add_error(name if name in form.fields else None, messages)
