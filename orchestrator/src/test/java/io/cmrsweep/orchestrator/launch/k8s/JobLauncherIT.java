package io.cmrsweep.orchestrator.launch.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.core.loss.ParquetLossWriter;
import io.cmrsweep.core.storage.SweepLayout;
import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.core.trial.TrialSpec;
import io.cmrsweep.core.trial.TrialSpecJson;
import io.cmrsweep.orchestrator.ledger.Ledger;
import io.cmrsweep.orchestrator.ledger.Ledgers;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import io.cmrsweep.orchestrator.plan.TrialGrid;
import io.cmrsweep.orchestrator.plan.TrialSpecFactory;
import io.cmrsweep.orchestrator.reconcile.Decider;
import io.cmrsweep.orchestrator.reconcile.Reconciler;
import io.cmrsweep.orchestrator.reconcile.StorageResults;
import io.cmrsweep.orchestrator.retry.RetryPolicy;
import io.cmrsweep.orchestrator.spec.SpecReader;
import io.cmrsweep.orchestrator.spec.SweepSpec;
import io.cmrsweep.orchestrator.trial.TrialPhase;
import io.cmrsweep.orchestrator.trial.TrialRecord;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kubernetes launcher against fabric8's CRUD mock API server; the test plays the Job controller. */
@EnableKubernetesMockClient(crud = true)
class JobLauncherIT {
  private static final String NS = "cmr";
  static KubernetesClient client;

  @TempDir
  Path dir;

  private SweepSpec spec;
  private List<PlannedTrial> plan;
  private SweepLayout layout;

  @BeforeEach
  void setUp() {
    spec = new SpecReader().parse("""
        sweep: kube
        storage: {root: %s}
        corpora: {domains: [legal]}
        models: [{label: a, dim: 48, layers: 2, heads: 4, ffnDim: 128}]
        cpt: {ratios: [0.1, 0.2], tokens: 1000, checkpoints: 2}
        execution:
          backend: kubernetes
          parallelism: 4
          threadsPerWorker: 4
          retry: {maxAttempts: 3, initialBackoff: 0ms, maxBackoff: 0ms}
          env: {HF_HOME: /cache}
          kubernetes:
            namespace: cmr
            image: registry.local/cmr/worker:0.1
            resources: {cpu: "4", memory: 16Gi, gpu: 1}
            nodeSelector: {gpu: h100}
            tolerations: [{key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}]
            serviceAccount: cmr-worker
        """.formatted(dir.resolve("data")), "kube.yaml");
    plan = new TrialGrid().plan(spec);
    layout = SweepLayout.of(dir.resolve("data").toString(), "kube");
    client.batch().v1().jobs().inNamespace(NS).delete();
    client.pods().inNamespace(NS).delete();
  }

  private JobLauncher launcher() {
    return new JobLauncher(client, spec.sweep(), spec.execution());
  }

  private Reconciler reconciler(Ledger ledger, JobLauncher launcher) {
    var r = spec.execution().retry();
    return new Reconciler(ledger, launcher, new StorageResults(layout, new Configuration()),
        new TrialSpecFactory(spec, layout), new Decider(new RetryPolicy(r.maxAttempts(), r.initialBackoff(),
        r.maxBackoff(), r.multiplier())), Clock.systemUTC(), spec.execution().parallelism());
  }

  private List<Job> jobs() {
    return client.batch().v1().jobs().inNamespace(NS).list().getItems();
  }

  private String jobName(String trialId, int attempt) {
    return JobNames.job("kube", new io.cmrsweep.orchestrator.launch.AttemptRef(trialId, attempt));
  }

  @Test
  void awaitChangeReturnsWithinItsBound() throws InterruptedException {
    long start = System.nanoTime();
    launcher().awaitChange(Duration.ofMillis(50));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
  }

  @Test
  void createsOneJobPerAttemptWithTheExpectedPodTemplate() {
    TrialSpec trial = new TrialSpecFactory(spec, layout).create(plan.get(1), 2);
    launcher().launch(trial);
    launcher().launch(trial); // a second launch of the same attempt adopts, never duplicates

    assertThat(jobs()).hasSize(1);
    Job job = jobs().get(0);
    assertThat(job.getMetadata().getName()).isEqualTo(jobName(trial.identity().trialId(), 2)).hasSizeLessThanOrEqualTo(63)
        .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    assertThat(job.getMetadata().getLabels()).containsEntry("cmr-sweep.io/sweep", "kube")
        .containsEntry("cmr-sweep.io/attempt", "2");
    assertThat(job.getSpec().getBackoffLimit()).isZero();
    var pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getNodeSelector()).isEqualTo(Map.of("gpu", "h100"));
    assertThat(pod.getTolerations()).singleElement().satisfies(t -> {
      assertThat(t.getKey()).isEqualTo("nvidia.com/gpu");
      assertThat(t.getOperator()).isEqualTo("Exists");
      assertThat(t.getEffect()).isEqualTo("NoSchedule");
    });
    assertThat(pod.getServiceAccountName()).isEqualTo("cmr-worker");
    var c = pod.getContainers().get(0);
    assertThat(c.getImage()).isEqualTo("registry.local/cmr/worker:0.1");
    assertThat(c.getArgs()).containsExactly("run", "--spec", "/etc/cmr/spec.json");
    assertThat(c.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("1"))
        .containsEntry("memory", new Quantity("16Gi"));
    assertThat(c.getResources().getRequests()).containsEntry("cpu", new Quantity("4"));
    assertThat(c.getEnv()).anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("HF_HOME=/cache"))
        .anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("CMR_TRIAL_ID=" + trial.identity().trialId()))
        .anySatisfy(e -> assertThat(e.getName() + "=" + e.getValue()).isEqualTo("OMP_NUM_THREADS=4"));
    assertThat(pod.getVolumes().get(0).getDownwardAPI().getItems().get(0).getFieldRef().getFieldPath())
        .isEqualTo("metadata.annotations['cmr-sweep.io/spec']");
    String specJson = job.getSpec().getTemplate().getMetadata().getAnnotations().get("cmr-sweep.io/spec");
    assertThat(new TrialSpecJson().read(specJson)).isEqualTo(trial);
  }

  @Test
  void jobAndPodStatusDriveTheLedgerAndFailuresAreClassified() throws Exception {
    try (Ledger ledger = Ledgers.open(dir.resolve("ledger.db").toString())) {
      JobLauncher launcher = launcher();
      Reconciler r = reconciler(ledger, launcher);
      r.start(plan);
      r.tick();
      String pt = plan.get(0).id();
      assertThat(jobs()).extracting(j -> j.getMetadata().getName()).containsExactly(jobName(pt, 1));

      // The pretrain pod commits its base model and its Job completes.
      Files.createDirectories(Path.of(layout.baseCheckpoint("a", pt).toString()));
      Files.writeString(Path.of(layout.baseCheckpoint("a", pt).toString(), "model.bin"), "weights");
      succeed(jobName(pt, 1));
      r.tick();
      assertThat(phase(ledger, pt)).isEqualTo(TrialPhase.SUCCEEDED);
      r.tick();
      String oom = plan.get(1).id();
      String evicted = plan.get(2).id();
      assertThat(jobs()).extracting(j -> j.getMetadata().getName())
          .containsExactlyInAnyOrder(jobName(oom, 1), jobName(evicted, 1));

      pod(jobName(oom, 1), new PodStatusBuilder().withPhase("Failed").withContainerStatuses(new ContainerStatusBuilder()
          .withName("worker").withNewState().withNewTerminated().withExitCode(137).withReason("OOMKilled")
          .endTerminated().endState().build()).build());
      pod(jobName(evicted, 1), new PodStatusBuilder().withPhase("Failed").withReason("Evicted")
          .withMessage("The node was low on resource: memory.").build());
      r.tick();
      TrialRecord o = record(ledger, oom);
      assertThat(o.phase()).isEqualTo(TrialPhase.BACKOFF);
      assertThat(o.charged()).isEqualTo(1);
      assertThat(o.lastError()).contains("OOMKilled");
      TrialRecord e = record(ledger, evicted);
      assertThat(e.phase()).isEqualTo(TrialPhase.BACKOFF);
      assertThat(e.charged()).as("an eviction does not use up the retry budget").isZero();
      assertThat(e.uncharged()).isEqualTo(1);
      assertThat(e.lastError()).contains("evicted");
      assertThat(jobs()).as("finished attempts' Jobs are deleted").isEmpty();

      r.tick();
      assertThat(jobs()).extracting(j -> j.getMetadata().getName())
          .containsExactlyInAnyOrder(jobName(oom, 2), jobName(evicted, 2));
      pod(jobName(oom, 2), new PodStatusBuilder().withPhase("Pending").withContainerStatuses(new ContainerStatusBuilder()
          .withName("worker").withNewState().withNewWaiting().withReason("ImagePullBackOff")
          .withMessage("Back-off pulling image").endWaiting().endState().build()).build());
      PlannedTrial ev = plan.get(2);
      new ParquetLossWriter(new Configuration()).write(layout.lossFile(ev.domain(), ev.model(), ev.id()),
          List.of(new LossRecord("kube", ev.id(), ev.domain(), ev.model(), 1, ev.ratio(), ev.seed(), 0, 0, 3, 4, 2)));
      succeed(jobName(evicted, 2));
      r.tick();

      TrialRecord failed = record(ledger, oom);
      assertThat(failed.phase()).isEqualTo(TrialPhase.FAILED);
      assertThat(failed.lastError()).contains("ImagePullBackOff");
      assertThat(phase(ledger, evicted)).isEqualTo(TrialPhase.SUCCEEDED);
      assertThat(r.finished()).isTrue();
      assertThat(jobs()).isEmpty();
    }
  }

  @Test
  void aRestartedCoordinatorAdoptsRunningJobsInsteadOfLaunchingDuplicates() {
    Path ledgerFile = dir.resolve("ledger.db");
    try (Ledger ledger = Ledgers.open(ledgerFile.toString())) {
      Reconciler first = reconciler(ledger, launcher());
      first.start(plan);
      first.tick();
    }
    assertThat(jobs()).hasSize(1);
    String created = jobs().get(0).getMetadata().getUid();

    try (Ledger ledger = Ledgers.open(ledgerFile.toString())) {
      Reconciler second = reconciler(ledger, launcher());
      second.start(plan);
      second.tick();
      second.tick();
      assertThat(jobs()).hasSize(1);
      assertThat(jobs().get(0).getMetadata().getUid()).isEqualTo(created);
      TrialRecord pt = record(ledger, plan.get(0).id());
      assertThat(pt.phase()).isEqualTo(TrialPhase.RUNNING);
      assertThat(pt.attempt()).isEqualTo(1);
    }
  }

  @Test
  void anAttemptWhoseJobVanishedIsRelaunchedUnderTheNextNameWithoutCharge() {
    try (Ledger ledger = Ledgers.open(dir.resolve("ledger.db").toString())) {
      Reconciler r = reconciler(ledger, launcher());
      r.start(plan);
      r.tick();
      String pt = plan.get(0).id();
      client.batch().v1().jobs().inNamespace(NS).withName(jobName(pt, 1)).delete();
      r.tick();
      r.tick();
      assertThat(jobs()).extracting(j -> j.getMetadata().getName()).containsExactly(jobName(pt, 2));
      TrialRecord rec = record(ledger, pt);
      assertThat(rec.charged()).isZero();
      assertThat(rec.lastError()).contains("lost");
    }
  }

  private void succeed(String job) {
    client.batch().v1().jobs().inNamespace(NS).withName(job).editStatus(j -> new JobBuilder(j)
        .withStatus(new JobStatusBuilder().withSucceeded(1).addNewCondition().withType("Complete").withStatus("True")
            .endCondition().build()).build());
  }

  private void pod(String job, PodStatus status) {
    Pod pod = new PodBuilder().withNewMetadata().withName(job + "-x1").withNamespace(NS)
        .withLabels(Map.of("cmr-sweep.io/sweep", "kube", "cmr-sweep.io/job", job)).endMetadata()
        .withNewSpec().addNewContainer().withName("worker").withImage("w").endContainer().endSpec().build();
    client.pods().inNamespace(NS).resource(pod).create();
    client.pods().inNamespace(NS).withName(pod.getMetadata().getName())
        .editStatus(p -> new PodBuilder(p).withStatus(status).build());
  }

  private static TrialRecord record(Ledger ledger, String id) {
    return ledger.load().stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
  }

  private static TrialPhase phase(Ledger ledger, String id) {
    return record(ledger, id).phase();
  }
}
