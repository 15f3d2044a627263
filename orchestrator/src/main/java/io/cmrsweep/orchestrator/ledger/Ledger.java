package io.cmrsweep.orchestrator.ledger;

import io.cmrsweep.orchestrator.plan.PlannedTrial;
import io.cmrsweep.orchestrator.trial.TrialRecord;
import java.time.Instant;
import java.util.List;

/**
 * The durable record of intent and attempts for one sweep. Every state change is one transaction and
 * is a compare-and-set on (phase, attempt), so two writers (a coordinator and {@code cmr cancel}) can
 * never both move a trial. Committed result files, not the ledger, prove that a trial completed.
 */
public interface Ledger extends AutoCloseable {

  /** Adds the cells the ledger does not know yet as PENDING, in one transaction; returns how many. */
  int register(List<PlannedTrial> trials, Instant now);

  /** Every trial the ledger knows, in plan order. */
  List<TrialRecord> load();

  /**
   * Moves a trial from {@code before} to {@code after} (checked against the phase table) and appends an
   * event, in one transaction. Returns false, changing nothing, when the stored trial is no longer in
   * {@code before}'s phase and attempt.
   */
  boolean record(TrialRecord before, TrialRecord after, String event);

  /** The event history of one trial, oldest first. */
  List<LedgerEvent> events(String trialId);

  boolean cancelRequested();

  /** The decided rounds of an adaptive sweep, in order (empty for a grid sweep). */
  List<Round> rounds();

  /**
   * Commits a round with its widths and choices in one transaction. Returns false, changing nothing, when a
   * round with its number is already recorded: a decided round is never decided again.
   */
  boolean recordRound(Round round);

  void requestCancel(boolean cancel);

  /** The execution.backend the sweep was first run with; empty for a new ledger or one from before it was kept. */
  java.util.Optional<String> backend();

  /** Keeps the sweep's execution.backend; the first one recorded stays. */
  void recordBackend(String backend);

  @Override
  void close();
}
