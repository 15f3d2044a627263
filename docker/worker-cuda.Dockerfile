# The CUDA worker: the same worker on an nvidia/cuda runtime base, with libtorch 2.7.1+cu128 baked into
# the image and DJL pointed at it (PYTORCH_LIBRARY_PATH/PYTORCH_VERSION/PYTORCH_FLAVOR); DJL's CUDA JNI
# glue (jnilib/linux-x86_64/cu128/libdjl_torch.so) is already inside pytorch-jni-2.7.1-0.36.0.jar.
#
# Why not a CUDA native jar from Maven Central: the project runs DJL 0.36.0 with PyTorch 2.7.1, and
# Central has no ai.djl.pytorch:pytorch-native-cu1xx for 2.7.1 (pytorch-native-cu124 stops at 2.5.1,
# whose JNI is pytorch-jni 2.5.1-0.32.0, i.e. DJL 0.32; there is no cu126/cu128 artifact at all), and
# DJL would otherwise download libtorch from its CDN at run time. So the download happens here, at build
# time, from PyTorch's own release server, and the pods never download anything.
#
# Build (from the repository root, after `mvn -B -DskipTests package`; the build needs network access to
# download.pytorch.org, about 3 GB):
#   docker build -f docker/worker-cuda.Dockerfile -t cmr-sweep/worker-cuda:0.1.0 .
ARG CUDA_IMAGE=nvidia/cuda:12.8.1-runtime-ubuntu22.04
FROM ${CUDA_IMAGE}

ARG LIBTORCH_URL=https://download.pytorch.org/libtorch/cu128/libtorch-cxx11-abi-shared-with-deps-2.7.1%2Bcu128.zip
# Pin the archive: docker build --build-arg LIBTORCH_SHA256=<sha256 of the zip> ... (checked when given).
ARG LIBTORCH_SHA256=

RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless ca-certificates curl unzip \
 && curl -fsSL "${LIBTORCH_URL}" -o /opt/libtorch.zip \
 && if [ -n "${LIBTORCH_SHA256}" ]; then echo "${LIBTORCH_SHA256}  /opt/libtorch.zip" | sha256sum -c -; fi \
 && unzip -q /opt/libtorch.zip -d /opt \
 && rm /opt/libtorch.zip \
 && ls /opt/libtorch/lib/libtorch_cuda.so \
 && apt-get purge -y curl unzip && apt-get autoremove -y && rm -rf /var/lib/apt/lists/*

RUN groupadd --gid 10001 cmr && useradd --uid 10001 --gid 10001 --create-home --home-dir /home/cmr cmr

COPY bin/worker /opt/cmr/bin/worker
COPY worker/target/lib/ /opt/cmr/worker/target/lib/
COPY worker/target/worker.jar /opt/cmr/worker/target/worker.jar
# The CPU native jar is replaced by /opt/libtorch (a Class-Path entry that is missing is skipped by java).
RUN chmod 0755 /opt/cmr/bin/worker \
 && rm -f /opt/cmr/worker/target/lib/pytorch-native-cpu-*.jar \
 && ls /opt/cmr/worker/target/lib/pytorch-jni-2.7.1-*.jar /opt/cmr/worker/target/lib/hadoop-aws-*.jar

ENV CMR_CACHE=/home/cmr/.cache/cmr-sweep \
    DJL_OFFLINE=true \
    OPT_OUT_TRACKING=true \
    PYTORCH_LIBRARY_PATH=/opt/libtorch/lib \
    PYTORCH_VERSION=2.7.1 \
    PYTORCH_FLAVOR=cu128 \
    WORKER_XMX=4g
USER 10001:10001
WORKDIR /home/cmr
ENTRYPOINT ["/opt/cmr/bin/worker"]

