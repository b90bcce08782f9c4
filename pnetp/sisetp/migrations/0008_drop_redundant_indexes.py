"""Drop indexes that a unique index already covers: they cost every import and serve no query.

A large import writes ~10 rows per person, most of them into the many-to-many link tables; each
link table had an index on ``caseperson_id`` besides the unique (``caseperson_id``, term) index,
whose first column serves the same look-ups. Likewise ``Case.source`` (unique (source, record id))
and ``CasePerson.case`` (unique (case, person id)). Measured in ``benchmarks/sisetp_import.py``.
"""

import django.db.models.deletion
from django.db import migrations, models


def _redundant_link_indexes(apps, schema_editor):
    """(through model, index name): the plain one-column indexes on the person column of the link tables."""
    person = apps.get_model("sisetp", "CasePerson")
    found = []
    with schema_editor.connection.cursor() as cursor:
        for field in person._meta.many_to_many:
            through = field.remote_field.through
            column = through._meta.get_field(field.m2m_field_name()).column
            constraints = schema_editor.connection.introspection.get_constraints(cursor, through._meta.db_table)
            for name, info in constraints.items():
                if info["index"] and not info["unique"] and not info["primary_key"] and info["columns"] == [column]:
                    found.append((through, name))
    return found


def drop_link_indexes(apps, schema_editor):
    for through, name in _redundant_link_indexes(apps, schema_editor):
        schema_editor.execute(schema_editor._delete_index_sql(through, name))


def create_link_indexes(apps, schema_editor):
    person = apps.get_model("sisetp", "CasePerson")
    for field in person._meta.many_to_many:
        through = field.remote_field.through
        own = through._meta.get_field(field.m2m_field_name())
        schema_editor.execute(schema_editor._create_index_sql(through, fields=[own]))


class Migration(migrations.Migration):
    dependencies = [
        ("sisetp", "0007_identity_log_batch_entries"),
    ]

    operations = [
        migrations.AlterField(
            model_name="case",
            name="source",
            field=models.ForeignKey(
                db_index=False,
                help_text="Fonte de dados que registrou o caso.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="cases",
                to="sisetp.datasource",
                verbose_name="fonte",
            ),
        ),
        migrations.AlterField(
            model_name="caseperson",
            name="case",
            field=models.ForeignKey(
                db_index=False,
                help_text="Caso a que a pessoa pertence.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="persons",
                to="sisetp.case",
                verbose_name="caso",
            ),
        ),
        migrations.RunPython(drop_link_indexes, create_link_indexes),
    ]
