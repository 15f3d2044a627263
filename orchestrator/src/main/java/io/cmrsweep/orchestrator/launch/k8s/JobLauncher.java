package io.cmrsweep.orchestrator.launch.k8s;

import io.cmrsweep.core.trial.TerminationMessage;
import io.cmrsweep.core.trial.TrialSpec;
import io.cmrsweep.core.trial.TrialSpecJson;
import io.cmrsweep.orchestrator.launch.AttemptRef;
import io.cmrsweep.orchestrator.launch.AttemptState;
import io.cmrsweep.orchestrator.launch.Launcher;
import io.cmrsweep.orchestrator.spec.ExecutionSpec;
import io.cmrsweep.orchestrator.spec.ExecutionSpec.KubernetesSpec;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kubernetes Job per trial attempt, named from (sweep, trial id, attempt). The worker reads its
 * trial spec from a downward-API file built from a pod annotation, so a Job is a single object: it
 * exists completely or not at all. The coordinator owns retries ({@code backoffLimit: 0}).
 */
public final class JobLauncher implements Launcher {
  private static final Logger LOG = LoggerFactory.getLogger(JobLauncher.class);
  static final String SPEC_DIR = "/etc/cmr";

  private final KubernetesClient client;
  private final String sweep;
  private final ExecutionSpec execution;
  private final KubernetesSpec k8s;
  private final List<String> runOptions;
  private final TrialSpecJson json = new TrialSpecJson();

  public JobLauncher(KubernetesClient client, String sweep, ExecutionSpec execution) {
    this(client, sweep, execution, List.of());
  }

  /** {@code runOptions} follow {@code run --spec FILE} in every worker's args (e.g. --hadoop-conf k=v). */
  public JobLauncher(KubernetesClient client, String sweep, ExecutionSpec execution, List<String> runOptions) {
    this.client = client;
    this.sweep = sweep;
    this.execution = execution;
    this.k8s = execution.kubernetes();
    this.runOptions = List.copyOf(runOptions);
  }

  @Override
  public List<AttemptState> observe() {
    String ns = k8s.namespace();
    List<Job> jobs = client.batch().v1().jobs().inNamespace(ns).withLabel(JobNames.SWEEP, JobNames.sweepLabel(sweep))
        .list().getItems();
    Map<String, List<Pod>> podsByJob = new HashMap<>();
    for (Pod p : client.pods().inNamespace(ns).withLabel(JobNames.SWEEP, JobNames.sweepLabel(sweep)).list().getItems()) {
      String job = p.getMetadata().getLabels() == null ? null : p.getMetadata().getLabels().get(JobNames.JOB);
      if (job != null) {
        podsByJob.computeIfAbsent(job, k -> new ArrayList<>()).add(p);
      }
    }
    List<AttemptState> out = new ArrayList<>();
    for (Job job : jobs) {
      var meta = job.getMetadata();
      String trial = meta.getAnnotations() == null ? null : meta.getAnnotations().get(JobNames.TRIAL_ID);
      String attempt = meta.getLabels() == null ? null : meta.getLabels().get(JobNames.ATTEMPT);
      if (trial == null || attempt == null) {
        continue;
      }
      AttemptRef ref = new AttemptRef(trial, Integer.parseInt(attempt));
      out.add(PodFailures.classify(ref, job, podsByJob.getOrDefault(meta.getName(), List.of())));
    }
    return out;
  }

  @Override
  public void launch(TrialSpec spec) {
    Job job = job(spec);
    TrialSpec.Identity id = spec.identity();
    try {
      client.batch().v1().jobs().inNamespace(k8s.namespace()).resource(job).create();
      LOG.info("created Job {} for {}#{}", job.getMetadata().getName(), id.trialId(), id.attempt());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        LOG.info("adopted existing Job {} for {}#{}", job.getMetadata().getName(), id.trialId(), id.attempt());
        return;
      }
      throw e;
    }
  }

  /** The Job of one attempt; package-private so tests can compare it with what the API server holds. */
  Job job(TrialSpec spec) {
    AttemptRef ref = new AttemptRef(spec.identity().trialId(), spec.identity().attempt());
    String name = JobNames.job(sweep, ref);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(JobNames.MANAGED_BY, "cmr");
    labels.put(JobNames.SWEEP, JobNames.sweepLabel(sweep));
    labels.put(JobNames.ATTEMPT, Integer.toString(spec.identity().attempt()));
    labels.put(JobNames.JOB, name);
    List<EnvVar> env = new ArrayList<>();
    execution.env().forEach((k, v) -> env.add(new EnvVar(k, v, null)));
    env.add(new EnvVar("CMR_TRIAL_ID", spec.identity().trialId(), null));
    env.add(new EnvVar("CMR_ATTEMPT", Integer.toString(spec.identity().attempt()), null));
    env.add(new EnvVar("OMP_NUM_THREADS", Integer.toString(spec.runtime().threads()), null));
    env.add(new EnvVar(TerminationMessage.ENV, TerminationMessage.KUBERNETES_PATH, null));
    Map<String, Quantity> requests = new LinkedHashMap<>();
    requests.put("cpu", new Quantity(k8s.cpu()));
    requests.put("memory", new Quantity(k8s.memory()));
    Map<String, Quantity> limits = new LinkedHashMap<>();
    limits.put("memory", new Quantity(k8s.memory()));
    if (k8s.gpus() > 0) {
      requests.put("nvidia.com/gpu", new Quantity(Integer.toString(k8s.gpus())));
      limits.put("nvidia.com/gpu", new Quantity(Integer.toString(k8s.gpus())));
    }
    List<Toleration> tolerations = k8s.tolerations().stream().map(t -> new TolerationBuilder()
        .withKey(t.key().isEmpty() ? null : t.key()).withOperator(t.operator())
        .withValue(t.value().isEmpty() ? null : t.value()).withEffect(t.effect().isEmpty() ? null : t.effect())
        .build()).toList();
    var mounts = new ArrayList<io.fabric8.kubernetes.api.model.VolumeMount>();
    mounts.add(new VolumeMountBuilder().withName("trial-spec").withMountPath(SPEC_DIR).withReadOnly(true).build());
    if (!k8s.volumeClaim().isEmpty()) {
      mounts.add(new VolumeMountBuilder().withName("storage").withMountPath(k8s.mountPath()).build());
    }
    List<String> args = new ArrayList<>(List.of("run", "--spec", SPEC_DIR + "/spec.json"));
    args.addAll(runOptions);
    // Credentials (AWS_ACCESS_KEY_ID, ...) only ever come from a Secret, never from the spec or a ConfigMap.
    List<EnvFromSource> envFrom = k8s.credentialsSecret().isEmpty() ? List.of()
        : List.of(new EnvFromSourceBuilder().withNewSecretRef().withName(k8s.credentialsSecret()).withOptional(true)
            .endSecretRef().build());
    JobBuilder b = new JobBuilder()
        .withNewMetadata().withName(name).withNamespace(k8s.namespace()).withLabels(labels)
        .addToAnnotations(JobNames.TRIAL_ID, spec.identity().trialId()).endMetadata()
        .withNewSpec()
        .withBackoffLimit(0)
        .withTtlSecondsAfterFinished(7 * 24 * 3600)
        .withActiveDeadlineSeconds(k8s.activeDeadline().isZero() ? null : k8s.activeDeadline().toSeconds())
        .withNewTemplate()
        .withNewMetadata().withLabels(labels).addToAnnotations(JobNames.TRIAL_ID, spec.identity().trialId())
        .addToAnnotations(JobNames.SPEC, json.write(spec)).endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withServiceAccountName(k8s.serviceAccount().isEmpty() ? null : k8s.serviceAccount())
        .withNodeSelector(k8s.nodeSelector().isEmpty() ? null : k8s.nodeSelector())
        .withTolerations(tolerations)
        .addNewContainer()
        .withName("worker").withImage(k8s.image()).withImagePullPolicy(k8s.imagePullPolicy())
        .withArgs(args)
        .withEnv(env)
        .withTerminationMessagePath(TerminationMessage.KUBERNETES_PATH)
        .withEnvFrom(envFrom)
        .withNewResources().withRequests(requests).withLimits(limits).endResources()
        .withVolumeMounts(mounts)
        .endContainer()
        .addNewVolume().withName("trial-spec").withNewDownwardAPI()
        .addNewItem().withPath("spec.json").withNewFieldRef().withFieldPath("metadata.annotations['" + JobNames.SPEC + "']")
        .endFieldRef().endItem().endDownwardAPI().endVolume()
        .endSpec()
        .endTemplate()
        .endSpec();
    Job job = b.build();
    if (!k8s.volumeClaim().isEmpty()) {
      job.getSpec().getTemplate().getSpec().getVolumes().add(new io.fabric8.kubernetes.api.model.VolumeBuilder()
          .withName("storage").withNewPersistentVolumeClaim().withClaimName(k8s.volumeClaim()).endPersistentVolumeClaim()
          .build());
    }
    return job;
  }

  @Override
  public void kill(AttemptRef ref) {
    delete(ref);
    LOG.info("deleted Job {} ({})", JobNames.job(sweep, ref), ref);
  }

  @Override
  public void release(AttemptRef ref) {
    delete(ref);
  }

  private void delete(AttemptRef ref) {
    client.batch().v1().jobs().inNamespace(k8s.namespace()).withName(JobNames.job(sweep, ref))
        .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
  }

  @Override
  public void awaitChange(Duration max) throws InterruptedException {
    // No watch on Jobs: nothing wakes this early, so it waits the whole bound (the caller's poll interval).
    Thread.sleep(Math.max(0, max.toMillis()));
  }

  @Override
  public void close() {
    client.close();
  }
}
