"""The same trained model on Spark (``pnetp sisetp dedupe --engine spark``) gives the clusters DuckDB gives.

One small generated set (``test_linkage_run``'s: 400 records, 3 sources) and one local Spark session for the
module (two cores, two shuffle partitions, no web UI); it skips where pyspark or Java is missing, and on
PostgreSQL (file mode reads no database; `.ci/run`'s SQLite suite runs it).
"""

import csv

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from pnetp.linkage import engines

from .test_linkage_run import data  # noqa: F401 (a fixture)


@pytest.fixture(scope="module")
def spark():
    if connection.vendor != "sqlite":
        # File mode reads no database: the CI's SQLite run covers it, and one JVM at a time is enough on 2 cores.
        pytest.skip("o Spark lê arquivos, não o banco: roda só na suíte SQLite")
    missing = engines.spark_missing()
    if missing:
        pytest.skip(missing)
    session = engines.spark_session(engines.SPARK_LOCAL, partitions=2)
    yield session
    engines.stop_spark()


def _persons(path) -> set[frozenset]:
    """The clusters of a dedupe output (record → person id): person ids are random, the groups are not."""
    groups: dict[str, set] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            groups.setdefault(row["id_pessoa_unica"], set()).add(row["registro"])
    return {frozenset(g) for g in groups.values()}


def _dedupe(out, folder, *engine) -> set[frozenset]:
    call_command(
        "sisetp",
        "dedupe",
        str(out),
        "--estado",
        str(folder / "estado"),
        "--saida",
        str(folder / "pessoas.csv"),
        "--revisao",
        str(folder / "revisao.csv"),
        *engine,
    )
    return _persons(folder / "pessoas.csv")


def test_spark_and_duckdb_give_the_same_clusters(data, spark, tmp_path):  # noqa: F811
    out, truth = data
    duck = _dedupe(out, tmp_path / "duckdb")
    on_spark = _dedupe(out, tmp_path / "spark", "--engine", "spark")
    assert on_spark == duck
    assert sum(len(g) for g in duck) == len(truth)
    assert len(duck) < len(truth)  # records were linked: the comparison is not of singletons
    # the pairs left for review too, with their probabilities (in any order: ties are the engine's)
    reviews = [
        sorted((tmp_path / e / "revisao.csv").read_text(encoding="utf-8").splitlines()) for e in ("duckdb", "spark")
    ]
    assert reviews[0] == reviews[1]


def test_spark_master_only_with_the_spark_engine(tmp_path):
    with pytest.raises(CommandError, match="--spark-master só vale com --engine spark"):
        call_command(
            "sisetp",
            "dedupe",
            str(tmp_path),
            "--estado",
            str(tmp_path),
            "--saida",
            str(tmp_path / "p.csv"),
            "--spark-master",
            "spark://localhost:7077",
        )


def test_the_model_sql_is_rewritten_for_spark():
    """DuckDB's HAMMING has no Spark twin, and Java's regular expressions write a back-reference $1, not \\1."""
    import sqlglot

    sql = "SELECT HAMMING(a_l, a_r) <= 2 AS h, REGEXP_REPLACE(m_l, '([^ ])[^ ]*', '\\1', 'g') AS i FROM t"
    spark_sql = sqlglot.transpile(sql, read="duckdb", write="spark")[0]
    rewritten = sqlglot.parse_one(spark_sql, read="spark").transform(engines._portable).sql(dialect="spark")
    assert "HAMMING" not in rewritten.upper() and "SUBSTRING(a_l, i, 1) <> SUBSTRING(a_r, i, 1)" in rewritten
    assert "'$1'" in rewritten and "\\1" not in rewritten
