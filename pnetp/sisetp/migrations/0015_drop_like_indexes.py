"""Drop the ``varchar_pattern_ops`` ("_like") indexes PostgreSQL got beside three plain indexes.

On PostgreSQL Django adds a second index, for ``LIKE 'abc%'``, to every indexed text column: here the
country of an event, the country of a citizenship link and ``CasePerson.person_key``. Nothing queries
them with LIKE or ``startswith`` (countries are compared by code, person keys by equality, ``IN`` and
``coalesce``), so they only cost every import (~3 M index entries at a million records). The plain
indexes stay. SQLite has no such indexes: nothing to do there.
"""

from django.db import migrations

# (table, column): the indexed text columns whose "_like" twin goes.
_COLUMNS = (
    ("sisetp_event", "country_id"),
    ("sisetp_caseperson_citizenships", "country_id"),
    ("sisetp_caseperson", "person_key"),
)


def _like_indexes(schema_editor) -> list[tuple[str, str, str]]:
    """(table, column, index name) of the "_like" indexes on ``_COLUMNS`` that exist."""
    found = []
    with schema_editor.connection.cursor() as cursor:
        for table, column in _COLUMNS:
            constraints = schema_editor.connection.introspection.get_constraints(cursor, table)
            for name, info in constraints.items():
                if info["index"] and info["columns"] == [column] and name.endswith("_like"):
                    found.append((table, column, name))
    return found


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _table, _column, name in _like_indexes(schema_editor):
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    models = {
        "sisetp_event": (apps.get_model("sisetp", "Event"), "country"),
        "sisetp_caseperson": (apps.get_model("sisetp", "CasePerson"), "person_key"),
    }
    person = apps.get_model("sisetp", "CasePerson")
    through = person._meta.get_field("citizenships").remote_field.through
    models["sisetp_caseperson_citizenships"] = (through, "country")
    for table, _column in _COLUMNS:
        model, name = models[table]
        statement = schema_editor._create_like_index_sql(model, model._meta.get_field(name))
        if statement is not None:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("sisetp", "0014_merge_20261206_0723"),
    ]

    operations = [migrations.RunPython(drop, create)]
