#!/usr/bin/env bash
# The pressure-write campaign of docs/benchmarks.md ("Writes beyond the memory budget"): every peer in the same run,
# the data 6-8x the budget. Run from the repository root after ./mvnw -B -pl pagebox-benchmarks -am package -DskipTests.
set -u
java=${JAVA:-java}            # a JDK 25
jar=${JAR:-pagebox-benchmarks/target/benchmarks.jar}
out=${OUT:-target/pressure-writes}
run() {
    name=$1; shift
    echo "== $name $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
    "$java" -cp "$jar" dev.pagebox.bench.ycsb.Ycsb --engines pagebox,rocksdb,lmdb,mvstore \
        --data-dir "$out/data" --output-dir "$out/$name" "$@" 2>&1 | grep -E "ops/s|results"
    grep -h "writes by source" "$out/$name"/logs/*pagebox*.log   # Pagebox's bytes by source, per run
}
run fill100 --regimes pressure --workloads fill-random --records 1000000 --value-size 100 --pressure-budget 16m --batch 1000 --keep-os-cache true --repeat 2
run fill2k --regimes pressure --workloads fill-random --records 200000 --value-size 2048 --pressure-budget 50m --batch 100 --keep-os-cache true --repeat 2
run resident100 --regimes resident --workloads fill-random --records 1000000 --value-size 100 --cache-budget 512m --batch 1000 --repeat 2
run a-warm --regimes pressure --workloads a --records 1000000 --value-size 100 --pressure-budget 16m --keep-os-cache true --duration 20s --repeat 2
run a-cold --regimes pressure --workloads a --records 1000000 --value-size 100 --pressure-budget 16m --keep-os-cache false --duration 20s --repeat 2
