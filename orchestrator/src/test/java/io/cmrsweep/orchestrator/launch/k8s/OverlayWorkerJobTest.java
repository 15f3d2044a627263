package io.cmrsweep.orchestrator.launch.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.cmrsweep.core.storage.SweepLayout;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import io.cmrsweep.orchestrator.plan.TrialGrid;
import io.cmrsweep.orchestrator.plan.TrialSpecFactory;
import io.cmrsweep.orchestrator.spec.SpecReader;
import io.cmrsweep.orchestrator.spec.SweepSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The worker Jobs the coordinator would create from each overlay's sweep spec (k8s/overlays/{cpu,gpu}/sweep.yaml,
 * the file kustomize puts into ConfigMap cmr-sweep-spec): image, resources, GPU scheduling, service account and
 * the shared data claim. Built by the real {@link JobLauncher}; no API server is needed for that.
 */
class OverlayWorkerJobTest {
  private static final Path REPO = Path.of("").toAbsolutePath().getParent();

  @Test
  void gpuOverlayWorkersGetOneGpuAsRequestAndLimitAndRunOnlyOnGpuNodes() {
    Job job = workerJob("gpu");
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    Container worker = pod.getContainers().get(0);

    assertThat(worker.getImage()).isEqualTo("cmr-sweep/worker-cuda:0.1.0");
    assertThat(worker.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("1"))
        .containsEntry("memory", new Quantity("48Gi"));
    assertThat(worker.getResources().getRequests()).containsEntry("nvidia.com/gpu", new Quantity("1"))
        .containsEntry("cpu", new Quantity("8"));
    assertThat(pod.getNodeSelector()).containsExactly(Map.entry("nvidia.com/gpu.present", "true"));
    assertThat(pod.getTolerations()).extracting(Toleration::getKey, Toleration::getOperator, Toleration::getEffect)
        .containsExactly(tuple("nvidia.com/gpu", "Exists", "NoSchedule"));
    assertSharedStorageAndNoApiAccount(pod, worker);
  }

  @Test
  void cpuOverlayWorkersRequestCpuAndMemoryAndNoGpu() {
    Job job = workerJob("cpu");
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    Container worker = pod.getContainers().get(0);

    assertThat(worker.getImage()).isEqualTo("cmr-sweep/worker:0.1.0");
    assertThat(worker.getResources().getRequests()).containsEntry("cpu", new Quantity("4"))
        .containsEntry("memory", new Quantity("8Gi")).doesNotContainKey("nvidia.com/gpu");
    assertThat(worker.getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
    assertThat(pod.getNodeSelector()).isNullOrEmpty();
    assertThat(pod.getTolerations()).isEmpty();
    assertSharedStorageAndNoApiAccount(pod, worker);
  }

  private static void assertSharedStorageAndNoApiAccount(PodSpec pod, Container worker) {
    assertThat(pod.getServiceAccountName()).isEqualTo("cmr-worker");
    assertThat(worker.getArgs()).containsExactly("run", "--spec", "/etc/cmr/spec.json");
    assertThat(worker.getEnvFrom()).as("credentials from the Secret, optional for a sweep on the volume")
        .singleElement().satisfies(from -> {
          assertThat(from.getSecretRef().getName()).isEqualTo("cmr-s3");
          assertThat(from.getSecretRef().getOptional()).isTrue();
        });
    assertThat(worker.getEnv()).extracting(EnvVar::getName).doesNotContain("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
    assertThat(worker.getVolumeMounts()).extracting(VolumeMount::getName, VolumeMount::getMountPath)
        .contains(tuple("storage", "/data"));
    assertThat(pod.getVolumes()).anySatisfy(v -> {
      assertThat(v.getName()).isEqualTo("storage");
      assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("cmr-data");
    });
  }

  @Test
  void workersOfAnS3aSweepGetTheSpecsHadoopSettingsAsOptionsAndCheckpointsOnTheMountedClaim() {
    SweepSpec spec = new SpecReader().parse("""
        sweep: s3k
        storage: {root: 's3a://team/cmr', checkpoints: /data/ckpt, hadoopConf: {fs.s3a.endpoint: 'http://minio:9000'}}
        corpora: {domains: [legal]}
        models: [{label: a, dim: 48, layers: 2, heads: 4, ffnDim: 128}]
        cpt: {ratios: [0.1]}
        execution:
          backend: kubernetes
          kubernetes: {image: w:1, volumeClaim: cmr-data, mountPath: /data, credentialsSecret: cmr-s3}
        """, "t.yaml");
    List<PlannedTrial> plan = new TrialGrid().plan(spec);
    TrialSpecFactory specs = new TrialSpecFactory(spec, SweepLayout.of(spec.storage().root(), spec.sweep()),
        SweepLayout.of(spec.storage().checkpoints(), spec.sweep()), p -> p.startsWith("/") ? p : "/data/" + p);
    var trial = specs.create(plan.get(plan.size() - 1), 1);
    Job job = new JobLauncher(null, spec.sweep(), spec.execution(), List.of("--hadoop-conf",
        "fs.s3a.endpoint=http://minio:9000")).job(trial);
    Container worker = job.getSpec().getTemplate().getSpec().getContainers().get(0);

    assertThat(worker.getArgs()).containsExactly("run", "--spec", "/etc/cmr/spec.json", "--hadoop-conf",
        "fs.s3a.endpoint=http://minio:9000");
    assertThat(trial.paths().lossFile()).startsWith("s3a://team/cmr/s3k/losses/");
    assertThat(trial.paths().baseCheckpoint()).startsWith("/data/ckpt/s3k/checkpoints/a/").endsWith("/base");
    assertThat(trial.paths().workDir()).startsWith("/data/ckpt/s3k/checkpoints/a/");
  }

  /** The first CPT trial's Job, attempt 1, as the coordinator would create it from the overlay's spec. */
  private static Job workerJob(String overlay) {
    SweepSpec spec = new SpecReader().read(REPO.resolve("k8s/overlays/" + overlay + "/sweep.yaml"));
    List<PlannedTrial> plan = new TrialGrid().plan(spec);
    PlannedTrial cpt = plan.get(plan.size() - 1);
    TrialSpecFactory specs = new TrialSpecFactory(spec, SweepLayout.of(spec.storage().root(), spec.sweep()));
    return new JobLauncher(null, spec.sweep(), spec.execution()).job(specs.create(cpt, 1));
  }
}
