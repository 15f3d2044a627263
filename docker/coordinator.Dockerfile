# The coordinator: the cmr CLI (orchestrator jar + lib/, with fabric8 for the worker Jobs and SQLite for
# the ledger, and the report module for `cmr report`) and the project's Spark 4.1.1
# runtime (spark-home/, jars from Maven Central) so that `cmr fit` and the fit Job can spark-submit to
# Kubernetes. The fit job's own jar is not needed here: it is submitted as local:///opt/cmr/fit-job.jar
# and lives in the fit-job image.
# Used by the coordinator Job (`cmr sweep /etc/cmr/sweep.yaml`), the fit Job (spark-submit) and the
# nightly CronJob (`cmr fit`, which writes the report after the fit).
# Build (from the repository root, after `mvn -B -DskipTests package`):
#   docker build -f docker/coordinator.Dockerfile -t cmr-sweep/coordinator:0.1.0 .
ARG JRE_IMAGE=eclipse-temurin:17-jre-jammy
FROM ${JRE_IMAGE}
ARG VERSION=0.1.0-SNAPSHOT

RUN groupadd --gid 10001 cmr && useradd --uid 10001 --gid 10001 --create-home --home-dir /home/cmr cmr

# bin/cmr and bin/spark-submit expect the repository layout under CMR_HOME=/opt/cmr.
COPY spark-home/jars/ /opt/cmr/spark-home/jars/
COPY spark-home/bin/ /opt/cmr/spark-home/bin/
COPY spark-home/conf/ /opt/cmr/spark-home/conf/
COPY orchestrator/target/lib/ /opt/cmr/orchestrator/target/lib/
COPY orchestrator/target/orchestrator-${VERSION}.jar /opt/cmr/orchestrator/target/orchestrator-${VERSION}.jar
COPY bin/cmr bin/spark-submit bin/spark-class /opt/cmr/bin/
# Both lib/ and spark-home/jars carry the S3A connector (hadoop-aws + AWS SDK v2 modules) for s3a:// roots.
RUN chmod 0755 /opt/cmr/bin/* /opt/cmr/spark-home/bin/* \
 && ls /opt/cmr/spark-home/jars/spark-kubernetes_2.13-*.jar /opt/cmr/spark-home/jars/hadoop-aws-*.jar \
    /opt/cmr/orchestrator/target/lib/hadoop-aws-*.jar

ENV PATH=/opt/cmr/bin:${PATH}
USER 10001:10001
WORKDIR /opt/cmr
ENTRYPOINT ["/opt/cmr/bin/cmr"]
