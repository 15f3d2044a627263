# The CPU worker: JRE 17, worker.jar and its lib/ (DJL, the PyTorch JNI and the PyTorch CPU native jar
# ai.djl.pytorch:pytorch-native-cpu:2.7.1:linux-x86_64 from Maven Central), launched by bin/worker with
# DJL offline: the native library comes from the jar on the classpath, never from a download.
# The coordinator's JobLauncher runs it with args `run --spec /etc/cmr/spec.json`.
# Build (from the repository root, after `mvn -B -DskipTests package`):
#   docker build -f docker/worker.Dockerfile -t cmr-sweep/worker:0.1.0 .
ARG JRE_IMAGE=eclipse-temurin:17-jre-jammy
FROM ${JRE_IMAGE}

RUN groupadd --gid 10001 cmr && useradd --uid 10001 --gid 10001 --create-home --home-dir /home/cmr cmr

# bin/worker expects the repository layout: <root>/bin/worker and <root>/worker/target/{worker.jar,lib/}.
COPY bin/worker /opt/cmr/bin/worker
COPY worker/target/lib/ /opt/cmr/worker/target/lib/
COPY worker/target/worker.jar /opt/cmr/worker/target/worker.jar
# lib/ also holds the S3A connector (hadoop-aws + AWS SDK v2 modules) for s3a:// loss files.
RUN chmod 0755 /opt/cmr/bin/worker \
 && ls /opt/cmr/worker/target/lib/pytorch-native-cpu-*-linux-x86_64.jar /opt/cmr/worker/target/lib/pytorch-jni-*.jar \
 && ls /opt/cmr/worker/target/lib/hadoop-aws-*.jar

# DJL extracts its native library into CMR_CACHE once per pod; DJL_OFFLINE forbids any download.
ENV CMR_CACHE=/home/cmr/.cache/cmr-sweep \
    DJL_OFFLINE=true \
    OPT_OUT_TRACKING=true \
    WORKER_XMX=2g
USER 10001:10001
WORKDIR /home/cmr
ENTRYPOINT ["/opt/cmr/bin/worker"]

