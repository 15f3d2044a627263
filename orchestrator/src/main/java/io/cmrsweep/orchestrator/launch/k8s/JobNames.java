package io.cmrsweep.orchestrator.launch.k8s;

import io.cmrsweep.core.digest.Sha256;
import io.cmrsweep.orchestrator.launch.AttemptRef;
import java.util.Locale;

/**
 * Deterministic Kubernetes names: the Job of (sweep, trial, attempt) always has the same name, so a
 * restarted coordinator finds it (or the API server refuses a duplicate) instead of starting it twice.
 * Names are DNS-1123 labels of at most 63 characters.
 */
final class JobNames {
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  static final String SWEEP = "cmr-sweep.io/sweep";
  static final String ATTEMPT = "cmr-sweep.io/attempt";
  static final String JOB = "cmr-sweep.io/job";
  static final String TRIAL_ID = "cmr-sweep.io/trial-id";
  static final String SPEC = "cmr-sweep.io/spec";

  private JobNames() {}

  static String job(String sweep, AttemptRef ref) {
    String prefix = sweep.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    if (prefix.length() > 30) {
      prefix = prefix.substring(0, 30);
    }
    prefix = prefix.replaceAll("-+$", "");
    return "cmr-" + prefix + "-" + hash(sweep + "/" + ref.trialId()) + "-a" + ref.attempt();
  }

  /** A label value (at most 63 characters) standing for the sweep. */
  static String sweepLabel(String sweep) {
    return sweep.length() <= 63 ? sweep : sweep.substring(0, 50) + "-" + hash(sweep);
  }

  static String hash(String s) {
    return Sha256.shortHex(s, 6);
  }
}
