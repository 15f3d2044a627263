#!/usr/bin/env bash
# Issue 3 benchmark: Spark scaling (local[1] vs local[2]) and overhead vs the single-process engine for
# B bootstrap replicates per group on a 4-model x 6-ratio synthetic sweep. Usage: bench/spark-bench.sh [B]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# The benchmark (bench/fit), fit-job.jar as spark-submit gets it, fit-engine's test-jar (synthetic sweeps), Spark.
cp="bench/fit/target/bench-fit.jar:fit-job/target/fit-job.jar:$(ls fit-engine/target/fit-engine-*tests.jar 2>/dev/null | head -n1)"
if [[ ! -f bench/fit/target/bench-fit.jar || ! -f fit-job/target/fit-job.jar || "$cp" == *: \
      || -z "$(ls spark-home/jars 2>/dev/null)" ]]; then
  mvn -B -q -ntp -DskipTests -pl spark-home,bench/fit -am package
  cp="bench/fit/target/bench-fit.jar:fit-job/target/fit-job.jar:$(ls fit-engine/target/fit-engine-*tests.jar | head -n1)"
fi
# The Java 17 module options Spark needs, from the one place the project keeps them for Spark JVMs.
opens=$(sed -n 's/^spark.driver.defaultJavaOptions *//p' spark-home/conf/spark-defaults.conf)
export SPARK_LOCAL_IP=127.0.0.1
exec java -Xmx3g $opens -Dlog4j2.configurationFile=spark-home/conf/log4j2.properties \
  -cp "$cp:spark-home/jars/*" io.cmrsweep.bench.fit.SparkScalingBench "${1:-10000}"
