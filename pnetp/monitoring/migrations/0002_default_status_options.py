"""Default status vocabulary. The coordination may relabel, reorder, deactivate or add options later.

Choices behind the percentages (used only when a report gives no percent of its own):
- "atrasada" = 25%: work has started but is behind schedule, so it sits halfway between
  "não iniciada" (0%) and "em andamento" (50%).
- "contínua" = 100% and done: continuous activities (permanent campaigns, services) have no
  completion point; reporting one as "contínua" means it is being delivered as planned, so it
  counts as fully on track and is never "overdue" after its end date.
- "cancelada" does not count toward progress: the activity leaves the roll-up altogether
  instead of pulling its action, axis and plan down with a 0%.
"""

from django.db import migrations

DEFAULTS = [
    # slug, label, default_percent, counts_toward_progress, is_done, order
    ("nao-iniciada", "Não iniciada", 0, True, False, 10),
    ("em-andamento", "Em andamento", 50, True, False, 20),
    ("atrasada", "Atrasada", 25, True, False, 30),
    ("concluida", "Concluída", 100, True, True, 40),
    ("continua", "Contínua", 100, True, True, 50),
    ("cancelada", "Cancelada", 0, False, False, 60),
]


def create_defaults(apps, schema_editor):
    StatusOption = apps.get_model("monitoring", "StatusOption")
    for slug, label, percent, counts, done, order in DEFAULTS:
        StatusOption.objects.get_or_create(
            slug=slug,
            defaults={
                "label": label,
                "default_percent": percent,
                "counts_toward_progress": counts,
                "is_done": done,
                "order": order,
                "active": True,
            },
        )


def remove_unused_defaults(apps, schema_editor):
    StatusOption = apps.get_model("monitoring", "StatusOption")
    StatusOption.objects.filter(slug__in=[d[0] for d in DEFAULTS], reports__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, remove_unused_defaults)]
