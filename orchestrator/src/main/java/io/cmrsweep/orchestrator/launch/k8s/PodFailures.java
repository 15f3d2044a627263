package io.cmrsweep.orchestrator.launch.k8s;

import io.cmrsweep.core.trial.TerminationMessage;
import io.cmrsweep.orchestrator.launch.AttemptRef;
import io.cmrsweep.orchestrator.launch.AttemptState;
import io.cmrsweep.orchestrator.trial.Failure;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a Job and its pods into an attempt state, classifying failures: the worker's exit codes as
 * locally, OOMKilled and other kills retryable, evictions and preemptions not charged, and images or
 * pod configs that cannot work terminal (the Job would otherwise wait forever).
 */
final class PodFailures {
  private static final Set<String> TERMINAL_WAITING = Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName",
      "CreateContainerConfigError", "CreateContainerError", "ErrImageNeverPull");
  private static final Set<String> PREEMPTED = Set.of("Evicted", "Preempting", "Preempted", "NodeShutdown",
      "Terminated", "DeletionByTaintManager", "NodeLost", "UnexpectedAdmissionError");

  private PodFailures() {}

  static AttemptState classify(AttemptRef ref, Job job, List<Pod> pods) {
    for (Pod pod : pods) {
      Optional<Failure> f = podFailure(pod);
      if (f.isPresent()) {
        return AttemptState.failed(ref, f.get());
      }
    }
    var status = job.getStatus();
    if (status != null) {
      if (status.getSucceeded() != null && status.getSucceeded() > 0 || condition(job, "Complete")) {
        return AttemptState.exitedOk(ref);
      }
      if (condition(job, "Failed")) {
        String reason = status.getConditions().stream().filter(c -> "Failed".equals(c.getType()))
            .map(JobCondition::getReason).filter(r -> r != null).findFirst().orElse("unknown");
        if ("DeadlineExceeded".equals(reason)) {
          return AttemptState.failed(ref, Failure.retryable("Job deadline exceeded (execution.kubernetes.activeDeadline)"));
        }
        return AttemptState.failed(ref, Failure.retryable("Job failed: " + reason));
      }
    }
    return AttemptState.running(ref);
  }

  static Optional<Failure> podFailure(Pod pod) {
    var st = pod.getStatus();
    if (st == null) {
      return Optional.empty();
    }
    if (st.getReason() != null && PREEMPTED.contains(st.getReason())) {
      return Optional.of(Failure.notCharged("pod " + st.getReason().toLowerCase(java.util.Locale.ROOT)
          + (st.getMessage() == null ? "" : ": " + st.getMessage())));
    }
    for (PodCondition c : st.getConditions() == null ? List.<PodCondition>of() : st.getConditions()) {
      if ("DisruptionTarget".equals(c.getType()) && "True".equals(c.getStatus()) && "Failed".equals(st.getPhase())) {
        return Optional.of(Failure.notCharged("pod disrupted: " + c.getReason()));
      }
    }
    for (ContainerStatus cs : st.getContainerStatuses() == null ? List.<ContainerStatus>of() : st.getContainerStatuses()) {
      if (cs.getState() == null) {
        continue;
      }
      ContainerStateWaiting w = cs.getState().getWaiting();
      if (w != null && w.getReason() != null && TERMINAL_WAITING.contains(w.getReason())) {
        return Optional.of(Failure.terminal(w.getReason() + (w.getMessage() == null ? "" : ": " + w.getMessage())
            + "; fix execution.kubernetes.image or the pod settings"));
      }
      ContainerStateTerminated t = cs.getState().getTerminated();
      if (t != null && t.getExitCode() != null && t.getExitCode() != 0) {
        if ("OOMKilled".equals(t.getReason())) {
          return Optional.of(Failure.retryable("OOMKilled (exit code " + t.getExitCode()
              + "); raise execution.kubernetes.resources.memory if it repeats"));
        }
        return Optional.of(Failure.fromExitCode(t.getExitCode(), TerminationMessage.of(t.getMessage())));
      }
    }
    return Optional.empty();
  }

  private static boolean condition(Job job, String type) {
    var conds = job.getStatus().getConditions();
    return conds != null && conds.stream().anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
