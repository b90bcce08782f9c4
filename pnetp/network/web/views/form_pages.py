"""The management pages' one form shape: save through a service, its errors back onto the form's fields."""

from django.core.exceptions import ValidationError
from django.shortcuts import render


def save_form(form, save):
    """Run ``save(cleaned_data)``; a service's ValidationError goes back onto the form's fields. True if saved."""
    if not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, exc.messages)
        return False
    return True


def form_page(request, title, form, back, **extra):
    context = {"title": title, "form": form, "back": back, **extra}
    return render(request, "network/manage_form.html", context)
