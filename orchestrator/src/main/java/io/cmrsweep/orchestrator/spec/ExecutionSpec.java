package io.cmrsweep.orchestrator.spec;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** How trials run: backend, how many at once, retries, and the backend's own settings. */
public record ExecutionSpec(
    Backend backend,
    int parallelism,
    int threadsPerWorker,
    RetrySpec retry,
    List<String> workerCommand,
    Map<String, String> env,
    KubernetesSpec kubernetes,
    SimulationSpec simulation) {

  public ExecutionSpec {
    if (backend == null) {
      throw new IllegalArgumentException("execution.backend is missing");
    }
    if (parallelism < 1 || threadsPerWorker < 1) {
      throw new IllegalArgumentException("execution.parallelism and execution.threadsPerWorker must be >= 1");
    }
    workerCommand = List.copyOf(workerCommand);
    env = Map.copyOf(env);
    simulation = simulation == null ? SimulationSpec.defaults() : simulation;
  }

  /** A real backend (local processes or Kubernetes), with the simulation's defaults unused. */
  public ExecutionSpec(Backend backend, int parallelism, int threadsPerWorker, RetrySpec retry,
      List<String> workerCommand, Map<String, String> env, KubernetesSpec kubernetes) {
    this(backend, parallelism, threadsPerWorker, retry, workerCommand, env, kubernetes, SimulationSpec.defaults());
  }

  /**
   * {@code SIMULATED} trains nothing: CPT trials draw their loss records from a known truth (testing and
   * planning); a sweep never switches between it and a real backend.
   */
  public enum Backend {
    LOCAL, KUBERNETES, SIMULATED;

    public boolean simulated() {
      return this == SIMULATED;
    }

    /** The name the spec and the ledger use. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public record RetrySpec(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier) {}

  /**
   * {@code credentialsSecret}: a Secret whose keys (e.g. AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) become the
   * worker's environment through envFrom, optional so that a sweep on a volume needs none; empty: none.
   */
  public record KubernetesSpec(
      String namespace,
      String image,
      String imagePullPolicy,
      String cpu,
      String memory,
      int gpus,
      Map<String, String> nodeSelector,
      List<Toleration> tolerations,
      String serviceAccount,
      String volumeClaim,
      String mountPath,
      Duration activeDeadline,
      String credentialsSecret) {
    public KubernetesSpec {
      nodeSelector = Map.copyOf(nodeSelector);
      tolerations = List.copyOf(tolerations);
    }
  }

  public record Toleration(String key, String operator, String value, String effect) {}
}
