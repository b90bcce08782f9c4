"""Events lose their three indexes on places (municipality, UF, country): no query looks events up by place.

Measured at 200k records (benchmarks/results/sisetp_import.txt, 2026-12-06): COPY of the events cost
the PostgreSQL backend 1.5 CPU s with its five indexes and 0.6 s with the primary key and the case's;
the three place indexes were 60 % of an event's insert, ~4.5 CPU s at a million records, and the same
kind of cost on SQLite. Every read groups or filters events by case and kind (statistics, maps, flows,
linkage), joining the place tables by their own keys; nothing filters events by a place id. What loses
its index: a check that a municipality, UF or country is unused before it is deleted (PROTECT), which the
territory app never does (its reference tables are loaded, not pruned).

Only the indexes go (``DROP INDEX``, found by introspection as migration 0015 does): the foreign keys stay
as they are, not dropped and re-validated as Django's ``AlterField`` would on PostgreSQL (or the table rebuilt
three times on SQLite). Reversible: the indexes are created again.
"""

from django.db import migrations, models
import django.db.models.deletion

_COLUMNS = ("municipality_id", "federative_unit_id", "country_id")
_TABLE = "sisetp_event"


def _plain_indexes(schema_editor) -> list[str]:
    """Names of the non-unique single-column indexes of ``_TABLE`` on ``_COLUMNS`` (the "_like" twin too)."""
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, _TABLE)
    return [
        name
        for name, info in constraints.items()
        if info["index"]
        and not info["unique"]
        and not info["primary_key"]
        and info["columns"] in [[c] for c in _COLUMNS]
    ]


def drop(apps, schema_editor):
    for name in _plain_indexes(schema_editor):
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


def create(apps, schema_editor):
    event = apps.get_model("sisetp", "Event")
    for name in ("municipality", "federative_unit", "country"):
        field = event._meta.get_field(name)
        schema_editor.execute(schema_editor._create_index_sql(event, fields=[field]))


class Migration(migrations.Migration):
    dependencies = [
        ("sisetp", "0016_merge_0015_drop_like_indexes_0015_moved_out_of_sisetp"),
        ("territory", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(drop, create)],
            state_operations=[
                migrations.AlterField(
                    model_name="event",
                    name="country",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        help_text="País do evento (ISO 3166-1); Brasil quando há UF ou município.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="territory.country",
                        verbose_name="país",
                    ),
                ),
                migrations.AlterField(
                    model_name="event",
                    name="federative_unit",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        help_text="UF do evento; deduzida do município quando ele é informado.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="territory.federativeunit",
                        verbose_name="UF",
                    ),
                ),
                migrations.AlterField(
                    model_name="event",
                    name="municipality",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        help_text="Município do evento (código IBGE), quando conhecido.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="territory.municipality",
                        verbose_name="município",
                    ),
                ),
            ],
        ),
    ]
