"""Where the trained model scores the pairs: DuckDB in this process (the default) or Apache Spark.

The model is trained once, on DuckDB (``run.predict_edges``); Spark then runs the same settings with the
same m, u and prior over every blocked pair, which is the part that grows with the data. ``opened`` is
the one place that knows the engines: it gives Splink's database API and a way to read rows back.

Spark: ``local[2]`` by default (a JVM child of this process, Debian's openjdk-17-jre-headless), or a
cluster's master URL. Two DuckDB functions of the model's SQL have no Spark twin and are rewritten on
the way (``_portable``): HAMMING, and the ``\\1`` back-reference of REGEXP_REPLACE (Java's is ``$1``).
DAMERAU_LEVENSHTEIN and Jaro-Winkler come from the jar that Splink ships for Spark.
"""

import importlib.util
import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

DUCKDB, SPARK = "duckdb", "spark"
NAMES = (DUCKDB, SPARK)
SPARK_LOCAL = "local[2]"
SPARK_DRIVER_MEMORY = "2g"  # the shared machine: the JVM's heap, on top of this process
SPARK_PARTITIONS = 8  # shuffle partitions: a few per core of local[2]; a cluster sets its own
# DuckDB spills to disk beyond this. At a million records this process holds ~1.9 GB besides (the feature
# columns, 1.4 GB, and their Arrow copy): 2 GB took the whole past 3.9 GB; the target is 4 GB
DUCKDB_MEMORY_LIMIT = "1536MB"


@dataclass(frozen=True)
class Engine:
    name: str = DUCKDB
    spark_master: str = SPARK_LOCAL
    partitions: int | None = None  # shuffle partitions; None: the session's (SPARK_PARTITIONS when made here)

    def __post_init__(self):
        if self.name not in NAMES:
            raise ValueError(f"unknown linkage engine {self.name!r} (one of {', '.join(NAMES)})")


@dataclass
class Backend:
    """An opened engine: Splink's database API, and ``rows(sql)`` → list of tuples (our own queries)."""

    api: object
    rows: object


@contextmanager
def opened(engine: Engine | None = None):
    engine = engine or Engine()
    if engine.name == SPARK:
        with _spark(engine) as backend:
            yield backend
        return
    import duckdb
    from splink import DuckDBAPI

    # spilled data goes to a folder of its own, removed afterwards (an in-memory DuckDB spills to ".tmp" in the
    # working directory otherwise: the project's folder, for a worker)
    with tempfile.TemporaryDirectory(prefix="pnetp-linkage-") as spill:
        con = duckdb.connect()
        try:
            con.execute("SET threads TO 2")  # shared machine; more threads give little on 2 cores
            con.execute(f"SET memory_limit = '{DUCKDB_MEMORY_LIMIT}'")
            con.execute(f"SET temp_directory = '{spill}'")
            con.execute("SET preserve_insertion_order = false")
            yield Backend(DuckDBAPI(con), lambda sql: con.execute(sql).fetchall())
        finally:
            con.close()


def spark_missing() -> str | None:
    """Why Spark cannot start here (no pyspark, no Java), or None."""
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark não está instalado (pip install pyspark)."
    java_home = os.environ.get("JAVA_HOME")
    if not shutil.which("java") and not (java_home and os.access(os.path.join(java_home, "bin", "java"), os.X_OK)):
        return "Java não encontrado: instale o JDK 17 (Debian: apt-get install openjdk-17-jre-headless)."
    return None


def spark_session(master: str = SPARK_LOCAL, partitions: int = SPARK_PARTITIONS):
    """The Spark session (created on first use, then reused: starting the JVM takes tens of seconds)."""
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    session = (
        SparkSession.builder.master(master)
        .appName("pnetp-sisetp-dedupe")
        .config("spark.driver.memory", SPARK_DRIVER_MEMORY)
        .config("spark.jars", similarity_jar_location())  # Splink's string-similarity UDFs
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", str(partitions))
        .config("spark.sql.session.timeZone", "UTC")
        # the blocking query (one UNION branch per rule, each excluding the rules before it) makes
        # constraint inference grow without end: at 100k it filled a 2 GB heap while planning
        .config("spark.sql.constraintPropagation.enabled", "false")
        # no broadcast joins: the blocking query joins the records to themselves once per rule, and
        # as broadcast hash tables in one task they did not fit (10k: "Could not allocate memory to
        # grow BytesToBytesMap"); sort-merge joins spill to disk instead
        .config("spark.sql.autoBroadcastJoinThreshold", "-1")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


def stop_spark() -> None:
    """Stop the session and end its JVM (tests and benchmarks; a command's JVM ends with its process)."""
    from pyspark import SparkContext
    from pyspark.sql import SparkSession

    session = SparkSession.getActiveSession()
    if session is not None:
        session.stop()
    gateway = SparkContext._gateway
    if gateway is not None:
        gateway.shutdown()
        proc = getattr(gateway, "proc", None)
        if proc is not None:
            proc.stdin.close()  # the JVM ends when its standard input does
            proc.wait(timeout=60)
        SparkContext._gateway = SparkContext._jvm = None


@contextmanager
def _spark(engine: Engine):
    session = spark_session(engine.spark_master, engine.partitions or SPARK_PARTITIONS)
    if engine.partitions:
        session.conf.set("spark.sql.shuffle.partitions", str(engine.partitions))
    # persist: intermediate tables kept by Spark (memory, then disk), no checkpoint folder to set up;
    # Splink repartitions its tables to half the shuffle partitions
    api = _spark_sql()(spark_session=session, break_lineage_method="persist")
    before = _temporary_views(session)
    try:
        yield Backend(api, lambda sql: [tuple(row) for row in session.sql(sql).collect()])
    finally:  # the session outlives the run (its JVM is slow to start): leave it as found
        for name in _temporary_views(session) - before:
            session.catalog.dropTempView(name)
        session.catalog.clearCache()


def _temporary_views(session) -> set[str]:
    return {row.tableName for row in session.sql("SHOW TABLES").collect() if row.isTemporary}


_BACKREFERENCE = re.compile(r"\\(\d)")
_HAMMING = "IF(A IS NULL OR B IS NULL, NULL, SIZE(FILTER(SEQUENCE(1, LENGTH(A)), i -> SUBSTRING(A, i, 1) <> SUBSTRING(B, i, 1))))"


def _portable(node):
    """A node of the model's DuckDB SQL (transpiled to Spark by Splink) as Spark computes it."""
    from sqlglot import exp, parse_one

    if isinstance(node, exp.Anonymous) and node.name.upper() == "HAMMING" and len(node.expressions) == 2:
        left, right = node.expressions
        return parse_one(_HAMMING, read="spark").transform(
            lambda n: (left if n.name == "A" else right).copy() if isinstance(n, exp.Column) and n.name in "AB" else n
        )
    if isinstance(node, exp.RegexpReplace) and isinstance(node.args.get("replacement"), exp.Literal):
        node.set("replacement", exp.Literal.string(_BACKREFERENCE.sub(r"$\1", node.args["replacement"].this)))
    return node


@lru_cache(maxsize=1)
def _spark_sql():
    """Splink's SparkAPI with the model's SQL made portable (``_portable``); built on first use, so that
    pyspark loads only for the Spark engine."""
    import sqlglot
    from splink.backends.spark import SparkAPI

    class SparkSQL(SparkAPI):
        def _table_registration(self, input, table_name: str) -> None:
            # A table made from local rows keeps them inside every query plan that reads it, and the
            # blocking query reads it twice per rule: 10k records filled a 2 GB heap while Spark planned.
            # Checkpointed, the plans refer to its blocks instead.
            from pyspark.sql import DataFrame

            if not isinstance(input, DataFrame):
                input = self.spark.createDataFrame(input).localCheckpoint()
            super()._table_registration(input, table_name)

        def _setup_for_execute_sql(self, sql: str, physical_name: str) -> str:
            tree = sqlglot.parse(sql, read="spark")[0].transform(_portable)
            return tree.sql(dialect="customspark", pretty=True)

    return SparkSQL
