package io.cmrsweep.orchestrator.cli;

import io.cmrsweep.orchestrator.trial.TrialPhase;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Sweep progress: one rewritten line on a terminal, a plain line per change (at most every few seconds) in logs. */
final class Progress {
  private final PrintWriter out;
  private final boolean live;
  private final Clock clock;
  private final Duration every;
  private String last = "";
  private Instant lastPrinted = Instant.EPOCH;

  Progress(PrintWriter out, boolean live, Clock clock, Duration every) {
    this.out = out;
    this.live = live;
    this.clock = clock;
    this.every = every;
  }

  static String line(Map<TrialPhase, Integer> c) {
    int total = c.values().stream().mapToInt(Integer::intValue).sum();
    int done = c.get(TrialPhase.SUCCEEDED);
    if (total == 0) {
      return "no trials in the ledger yet"; // never "0/0 succeeded (100%)": nothing is done
    }
    return String.format("%d/%d succeeded (%.0f%%), %d running, %d pending, %d backoff, %d failed, %d cancelled",
        done, total, 100.0 * done / total, c.get(TrialPhase.RUNNING), c.get(TrialPhase.PENDING),
        c.get(TrialPhase.BACKOFF), c.get(TrialPhase.FAILED), c.get(TrialPhase.CANCELLED));
  }

  void update(Map<TrialPhase, Integer> counts, boolean force) {
    String l = line(counts);
    Instant now = clock.instant();
    if (live) {
      out.print("\r" + l + "   ");
      out.flush();
    } else if (force || (!l.equals(last) && !now.isBefore(lastPrinted.plus(every)))) {
      out.println(now + " progress: " + l);
      out.flush();
      lastPrinted = now;
    }
    last = l;
  }

  void finish() {
    if (live) {
      out.println();
      out.flush();
    }
  }
}
