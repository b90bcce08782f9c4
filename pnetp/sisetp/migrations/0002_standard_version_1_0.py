"""Version 1.0 of the standard, the one every case received so far refers to.

No publication date yet: it is set when the committee approves the standard.
"""

from django.db import migrations


def create_version(apps, schema_editor):
    StandardVersion = apps.get_model("sisetp", "StandardVersion")
    StandardVersion.objects.get_or_create(
        version="1.0",
        defaults={
            "title": "Parâmetros mínimos de dados sobre tráfico de pessoas – versão 1.0",
            "notes": "Primeira versão: leiaute de pessoas dos casos e de identidades, vocabulários com "
            "correspondência ao HTCDS 2.0, ao CTDC (2024 e v6) e ao Disque 100.",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("sisetp", "0001_initial")]

    operations = [migrations.RunPython(create_version, migrations.RunPython.noop)]
