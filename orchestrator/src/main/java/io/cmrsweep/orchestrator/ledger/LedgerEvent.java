package io.cmrsweep.orchestrator.ledger;

import io.cmrsweep.orchestrator.trial.TrialPhase;
import java.time.Instant;

/** One recorded state change: when, from which phase to which, for which attempt, and why. */
public record LedgerEvent(String trialId, Instant at, TrialPhase from, TrialPhase to, int attempt, String detail) {}
