package io.cmrsweep.core.trial;

/** What a worker process does: pre-train a base model, or run one continual pre-training trial from it. */
public enum TrialKind {
  PRETRAIN,
  CPT
}
