package io.cmrsweep.orchestrator.plan;

import io.cmrsweep.core.storage.Names;
import io.cmrsweep.core.trial.TrialKind;

/**
 * One cell of the grid. {@code dependsOn} is the id of the pretrain trial whose base model a CPT trial
 * starts from, empty for a pretrain trial and for a CPT trial whose base is an existing checkpoint
 * ({@code from:}); {@code domain} is empty and {@code ratio} 0 for pretraining. {@code stopTokens} is where a
 * CPT run stopped early ends (an adaptive sweep's shorter token budget, {@code adaptive.stopAt}); 0 runs all of
 * cpt.tokens.
 * {@code continues} is the id of a run of the same cell stopped early whose final state this longer run goes on
 * from (an adaptive sweep extending a run that stopped before its critical point), empty when it starts from the
 * base model.
 */
public record PlannedTrial(String id, TrialKind kind, String model, String domain, double ratio, int seed,
    String dependsOn, long stopTokens, String continues) {

  public PlannedTrial {
    Names.require("trial id", id);
    Names.require("model", model);
    if (kind == null) {
      throw new IllegalArgumentException("kind is missing");
    }
    domain = domain == null ? "" : domain;
    dependsOn = dependsOn == null ? "" : dependsOn;
    continues = continues == null ? "" : continues;
    if (continues.equals(id) || (kind == TrialKind.PRETRAIN && !continues.isEmpty())) {
      throw new IllegalArgumentException("trial " + id + " cannot continue '" + continues + "': only a CPT trial"
          + " continues another, shorter run");
    }
    if (kind == TrialKind.CPT && domain.isEmpty()) {
      throw new IllegalArgumentException("a CPT trial needs a domain: " + id);
    }
    if (kind == TrialKind.PRETRAIN && !dependsOn.isEmpty()) {
      throw new IllegalArgumentException("a pretrain trial depends on nothing: " + id);
    }
    if (stopTokens < 0 || (kind == TrialKind.PRETRAIN && stopTokens != 0)) {
      throw new IllegalArgumentException("stopTokens=" + stopTokens + " of " + id + " must be 0 (the whole run)"
          + " or, for a CPT trial, > 0");
    }
  }

  /** A trial that runs its whole token budget. */
  public PlannedTrial(String id, TrialKind kind, String model, String domain, double ratio, int seed,
      String dependsOn) {
    this(id, kind, model, domain, ratio, seed, dependsOn, 0, "");
  }

  /** A trial that starts from the base model and stops at {@code stopTokens} (0: the whole run). */
  public PlannedTrial(String id, TrialKind kind, String model, String domain, double ratio, int seed,
      String dependsOn, long stopTokens) {
    this(id, kind, model, domain, ratio, seed, dependsOn, stopTokens, "");
  }

  /** This trial going on from the final state of {@code shorterRun}, a run of the same cell stopped earlier. */
  public PlannedTrial continuing(String shorterRun) {
    return new PlannedTrial(id, kind, model, domain, ratio, seed, dependsOn, stopTokens, shorterRun);
  }

  public boolean continuesAnother() {
    return !continues.isEmpty();
  }

  /** The tokens this CPT trial trains on: its stop, or all of {@code cptTokens} (the spec's cpt.tokens). */
  public long runTokens(long cptTokens) {
    return stopTokens > 0 ? stopTokens : cptTokens;
  }

  public boolean hasDependency() {
    return !dependsOn.isEmpty();
  }
}
