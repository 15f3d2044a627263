# The fit job's driver and executor image for Spark on Kubernetes: the Apache Spark 4.1.1 image (its
# /opt/entrypoint.sh is what Spark's Kubernetes pods run: `driver ...` / `executor`) with the shaded
# fit-job.jar at /opt/cmr/fit-job.jar, submitted as local:///opt/cmr/fit-job.jar (k8s/base/spark-on-k8s.conf
# names this image cmr-sweep/fit-job:0.1.0).
# Runs as uid 10001 like the coordinator and the workers, so all of them can write the shared cmr-data
# claim; the user exists in the image and owns Spark's work dir (the pods' working directory).
# Build (from the repository root, after `mvn -B -DskipTests package`):
#   docker build -f docker/fit-job.Dockerfile -t cmr-sweep/fit-job:0.1.0 .
# The Spark version must stay that of spark-home (the submitting side): both are 4.1.1 (Scala 2.13).
# The S3A connector (hadoop-aws 3.4.2 matching Spark's Hadoop client, with the AWS SDK v2 modules it loads,
# about 14 MB; not the 642 MB SDK bundle) goes into /opt/spark/jars, so the driver and the executors read
# and write s3a:// storage roots; s3a/target/spark-jars leaves out what Spark already ships.
ARG SPARK_IMAGE=apache/spark:4.1.1-scala2.13-java17-ubuntu
FROM ${SPARK_IMAGE}

USER root
COPY fit-job/target/fit-job.jar /opt/cmr/fit-job.jar
COPY s3a/target/spark-jars/ /opt/spark/jars/
RUN chmod 0755 /opt/cmr && chmod 0644 /opt/cmr/fit-job.jar \
 && ls /opt/spark/jars/hadoop-aws-3.4.2.jar /opt/spark/jars/s3-2.29.52.jar \
 && groupadd --gid 10001 cmr && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /opt/spark/work-dir cmr \
 && mkdir -p /opt/spark/work-dir && chown 10001:10001 /opt/spark/work-dir
USER 10001:10001
ENTRYPOINT ["/opt/entrypoint.sh"]
