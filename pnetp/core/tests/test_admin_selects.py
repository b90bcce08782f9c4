"""No admin add/change page renders a <select> over every municipality (5,570 options, ~20 s to load)."""

from django.contrib import admin

from pnetp.territory.models import Municipality


def _municipality_fields(model) -> list[str]:
    return [
        f.name
        for f in model._meta.get_fields()
        if f.is_relation and f.concrete and getattr(f, "related_model", None) is Municipality and f.editable
    ]


def _searched(model_admin) -> set[str]:
    return set(model_admin.autocomplete_fields) | set(model_admin.raw_id_fields)


def test_every_municipality_foreign_key_in_the_admin_is_searched():
    unsearched = []
    for model, model_admin in admin.site._registry.items():
        admins = [(model, model_admin)] + [
            (i.model, i) for i in (cls(model, admin.site) for cls in model_admin.inlines)
        ]
        for target, target_admin in admins:
            excluded = set(target_admin.exclude or ()) | set(target_admin.readonly_fields or ())
            for name in _municipality_fields(target):
                if name not in _searched(target_admin) and name not in excluded:
                    unsearched.append(f"{target.__name__}.{name}")
    assert unsearched == []
