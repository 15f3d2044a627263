package io.cmrsweep.orchestrator.launch.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.orchestrator.launch.AttemptRef;
import io.cmrsweep.orchestrator.launch.AttemptState;
import io.cmrsweep.orchestrator.trial.FailureClass;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodFailuresTest {
  private static final AttemptRef REF = new AttemptRef("cpt-a", 1);
  private static final Job ACTIVE = new JobBuilder().withNewStatus().withActive(1).endStatus().build();

  private static Pod terminated(int code, String reason) {
    return new PodBuilder().withNewStatus().withPhase("Failed").addNewContainerStatus().withName("worker")
        .withNewState().withNewTerminated().withExitCode(code).withReason(reason).endTerminated().endState()
        .endContainerStatus().endStatus().build();
  }

  private static FailureClass classOf(Pod pod) {
    AttemptState s = PodFailures.classify(REF, ACTIVE, List.of(pod));
    assertThat(s.status()).isEqualTo(AttemptState.Status.FAILED);
    return s.failure().orElseThrow().kind();
  }

  @Test
  void classifiesOomKilledAsRetryable() {
    assertThat(classOf(terminated(137, "OOMKilled"))).isEqualTo(FailureClass.RETRYABLE);
  }

  @Test
  void classifiesWorkerExitCodesLikeTheLocalBackend() {
    assertThat(classOf(terminated(2, "Error"))).isEqualTo(FailureClass.TERMINAL);
    assertThat(classOf(terminated(3, "Error"))).isEqualTo(FailureClass.TERMINAL);
    assertThat(classOf(terminated(1, "Error"))).isEqualTo(FailureClass.RETRYABLE);
  }

  @Test
  void aWorkerThatCannotWriteItsStorageIsTerminalWithTheContainersTerminationMessage() {
    Pod pod = new PodBuilder().withNewStatus().withPhase("Failed").addNewContainerStatus().withName("worker")
        .withNewState().withNewTerminated().withExitCode(4).withReason("Error")
        .withMessage("paths.lossFile: cannot write to /data/losses: /data/losses: Read-only file system\n")
        .endTerminated().endState().endContainerStatus().endStatus().build();
    AttemptState s = PodFailures.classify(REF, ACTIVE, List.of(pod));
    assertThat(s.failure()).contains(io.cmrsweep.orchestrator.trial.Failure.terminal("storage not writable (worker"
        + " exit code 4): paths.lossFile: cannot write to /data/losses: /data/losses: Read-only file system"));
  }

  @Test
  void classifiesAnUnpullableImageAsTerminal() {
    Pod pod = new PodBuilder().withNewStatus().withPhase("Pending").addNewContainerStatus().withName("worker")
        .withNewState().withNewWaiting().withReason("ImagePullBackOff").withMessage("not found").endWaiting().endState()
        .endContainerStatus().endStatus().build();
    assertThat(classOf(pod)).isEqualTo(FailureClass.TERMINAL);
  }

  @Test
  void classifiesEvictionAndPreemptionAsNotCharged() {
    assertThat(classOf(new PodBuilder().withNewStatus().withPhase("Failed").withReason("Evicted")
        .withMessage("node low on memory").endStatus().build())).isEqualTo(FailureClass.NOT_CHARGED);
    assertThat(classOf(new PodBuilder().withNewStatus().withPhase("Failed").addNewCondition().withType("DisruptionTarget")
        .withStatus("True").withReason("PreemptionByScheduler").endCondition().endStatus().build()))
        .isEqualTo(FailureClass.NOT_CHARGED);
  }

  @Test
  void aPendingPodIsStillRunningAndACompleteJobExitedOk() {
    Pod pending = new PodBuilder().withNewStatus().withPhase("Pending").endStatus().build();
    assertThat(PodFailures.classify(REF, ACTIVE, List.of(pending)).status()).isEqualTo(AttemptState.Status.RUNNING);
    Job done = new JobBuilder().withNewStatus().withSucceeded(1).endStatus().build();
    assertThat(PodFailures.classify(REF, done, List.of()).status()).isEqualTo(AttemptState.Status.EXITED_OK);
  }
}
