"""The management pages' one form shape: save through a service, its errors back onto the form's fields."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import render


def save_form(form, save):
    """Run ``save(cleaned_data)``; a service's ValidationError goes back onto the form's fields. True if saved."""
    if not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except ValidationError as exc:
        errors_onto(form, exc)
        return False
    return True


def save_or_refuse(form, save, refused: str = ""):
    """``save(cleaned_data)``'s result, or None with its errors on the form: a ValidationError on the fields, a
    refusal (PermissionDenied) on the whole form, its message or ``refused``."""
    if not form.is_valid():
        return None
    try:
        return save(form.cleaned_data)
    except ValidationError as exc:
        errors_onto(form, exc)
    except PermissionDenied as exc:
        form.add_error(None, str(exc) or refused)
    return None


def errors_onto(form, exc: ValidationError) -> None:
    """A service's ValidationError onto the form: per field where the form has it, else on the whole form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def form_page(request, title, form, back, **extra):
    context = {"title": title, "form": form, "back": back, **extra}
    return render(request, "network/manage_form.html", context)
