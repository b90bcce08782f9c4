from django.core.exceptions import ValidationError


def add_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: per field when it names fields the form has."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
