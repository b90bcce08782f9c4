"""The record linkage's models left for the ``linkage`` app (``linkage.0001_initial``): state only, the tables stay.

The identity access log's batch entries keep their foreign key to the same table, now ``linkage.LinkageRun``.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("linkage", "0001_initial"),
        ("sisetp", "0014_merge_20261206_0723"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="identityaccesslog",
                    name="linkage_run",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="Entrada de lote: a execução da ligação de registros que leu as identidades.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="linkage.linkagerun",
                        verbose_name="execução da ligação",
                    ),
                ),
                migrations.DeleteModel(name="HistoricalReviewPair"),
                migrations.DeleteModel(name="ReviewPair"),
                migrations.DeleteModel(name="LinkageRun"),
            ],
        ),
    ]
