#!/usr/bin/env bash
# Issue 3 benchmark: Spark scaling (local[1] vs local[2]) and overhead vs the single-process engine for
# B bootstrap replicates per group on a 4-model x 6-ratio synthetic sweep. Usage: bench/spark-bench.sh [B]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -f fit-job/target/fit-job.jar ] && [ -n "$(ls spark-home/jars 2>/dev/null)" ] \
  || mvn -B -q -DskipTests -pl fit-job -am package
# The Java 17 module options Spark needs, from the one place the project keeps them for Spark JVMs.
opens=$(sed -n 's/^spark.driver.defaultJavaOptions *//p' spark-home/conf/spark-defaults.conf)
export SPARK_LOCAL_IP=127.0.0.1
exec java -Xmx3g $opens -Dlog4j2.configurationFile=spark-home/conf/log4j2.properties \
  -cp "fit-job/target/fit-job.jar:spark-home/jars/*" io.cmrsweep.fit.spark.bench.SparkScalingBench "${1:-10000}"
