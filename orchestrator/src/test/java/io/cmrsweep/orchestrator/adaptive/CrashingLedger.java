package io.cmrsweep.orchestrator.adaptive;

import io.cmrsweep.orchestrator.ledger.Ledger;
import io.cmrsweep.orchestrator.ledger.LedgerEvent;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import io.cmrsweep.orchestrator.ledger.Round;
import io.cmrsweep.orchestrator.trial.TrialRecord;
import java.time.Instant;
import java.util.List;

/**
 * A ledger that "kills the coordinator" right after its {@code crashAt}-th committed write (registering cells,
 * moving a trial, recording a round): the write is durable, then a {@link Crash} unwinds everything, as a
 * SIGKILL would leave it. Writes are counted from 1; crashAt 0 never crashes.
 */
final class CrashingLedger implements Ledger {
  /** The simulated kill; an Error, so no handler for runtime failures in the coordinator swallows it. */
  static final class Crash extends Error {
    Crash(int write) {
      super("killed after write " + write);
    }
  }

  private final Ledger delegate;
  private final int crashAt;
  private int writes;

  CrashingLedger(Ledger delegate, int crashAt) {
    this.delegate = delegate;
    this.crashAt = crashAt;
  }

  int writes() {
    return writes;
  }

  private void wrote() {
    writes++;
    if (writes == crashAt) {
      throw new Crash(writes);
    }
  }

  @Override
  public int register(List<PlannedTrial> trials, Instant now) {
    int n = delegate.register(trials, now);
    if (n > 0) {
      wrote();
    }
    return n;
  }

  @Override
  public List<TrialRecord> load() {
    return delegate.load();
  }

  @Override
  public boolean record(TrialRecord before, TrialRecord after, String event) {
    boolean ok = delegate.record(before, after, event);
    if (ok) {
      wrote();
    }
    return ok;
  }

  @Override
  public List<LedgerEvent> events(String trialId) {
    return delegate.events(trialId);
  }

  @Override
  public boolean cancelRequested() {
    return delegate.cancelRequested();
  }

  @Override
  public void requestCancel(boolean cancel) {
    delegate.requestCancel(cancel);
  }

  @Override
  public java.util.Optional<String> backend() {
    return delegate.backend();
  }

  /** Not a crash point: written once, before any cell, and idempotent (a resumed sweep writes the same value). */
  @Override
  public void recordBackend(String backend) {
    delegate.recordBackend(backend);
  }

  @Override
  public List<Round> rounds() {
    return delegate.rounds();
  }

  @Override
  public boolean recordRound(Round round) {
    boolean ok = delegate.recordRound(round);
    if (ok) {
      wrote();
    }
    return ok;
  }

  @Override
  public void close() {
    delegate.close();
  }
}
