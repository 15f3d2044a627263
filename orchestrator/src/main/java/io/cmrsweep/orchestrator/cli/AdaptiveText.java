package io.cmrsweep.orchestrator.cli;

import io.cmrsweep.fit.adaptive.AdaptivePlanner;
import io.cmrsweep.fit.adaptive.Cell;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.orchestrator.adaptive.CellMap;
import io.cmrsweep.orchestrator.ledger.Ledger;
import io.cmrsweep.orchestrator.ledger.Round;
import io.cmrsweep.orchestrator.spec.AdaptiveSpec;
import io.cmrsweep.report.data.AdaptiveHistory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How {@code cmr plan}, {@code cmr status} and the report show an adaptive sweep: its settings, initial design and
 * rounds.
 */
final class AdaptiveText {
  private AdaptiveText() {}

  /** The rounds of an adaptive sweep for its report; empty for a grid sweep and before the sweep's ledger exists. */
  static Optional<AdaptiveHistory> history(SweepSession s) {
    Optional<AdaptiveSpec> spec = s.spec().adaptive();
    if (spec.isEmpty() || !s.ledgerExists()) {
      return Optional.empty();
    }
    List<Round> rounds;
    try (Ledger ledger = s.openLedger()) {
      rounds = ledger.rounds();
    }
    AdaptiveSpec a = spec.get();
    long full = s.spec().cpt().tokens();
    CellMap cells = s.cellMap();
    List<AdaptiveHistory.Round> out = new ArrayList<>();
    List<Cell> before = new ArrayList<>();
    for (Round r : rounds) {
      List<AdaptiveHistory.Cell> chosen = new ArrayList<>();
      for (Round.Chosen c : r.chosen()) {
        Optional<Cell> cell = cells.find(c.trialId());
        long tokens = cell.map(Cell::tokens).orElse(full);
        // a run continuing one of its cell stopped in an earlier round trains only the rest
        long trained = tokens - cell.map(x -> x.ranBefore(before)).orElse(0L);
        chosen.add(new AdaptiveHistory.Cell(c.trialId(), c.group(), c.ratio(), c.seed(), tokens, trained, c.reason()));
      }
      r.chosen().forEach(c -> cells.find(c.trialId()).ifPresent(before::add));
      out.add(new AdaptiveHistory.Round(r.number(), r.outcome(), r.reason(), r.widths().stream()
          .map(w -> new AdaptiveHistory.Width(w.group(), w.status(), w.cmr(), w.low(), w.high(), w.width())).toList(),
          chosen));
    }
    String goal = a.predictAt().isEmpty() ? "every swept size's CMR interval"
        : "the interval of the CMR predicted at " + a.predictAt().targets() + " parameters (per domain)";
    int grid = (int) cells.candidates().stream().filter(c -> c.tokens() == full).count();
    return Optional.of(new AdaptiveHistory(a.targetWidth(), goal, full, grid, out));
  }

  static void plan(SweepSession s, AdaptiveSpec a, PrintWriter out) {
    CellMap cells = s.cellMap();
    List<Cell> candidates = cells.candidates();
    String what = a.predictAt().isEmpty() ? "every size's CMR interval"
        : "the interval of the CMR predicted at " + a.predictAt().targets() + " parameters (per domain)";
    out.printf("adaptive: rounds until %s is at most %s wide, or the budget of %s is spent;"
        + " at most %d cell(s) per round; in-process fit with B=%d%n", what, a.targetWidth(), a.budget(), a.batch(),
        a.replicates());
    out.printf("  candidates: %d CPT cells (cpt.ratios %s x seeds %s per size and domain), %d tokens each%s;"
        + " the grid above lists them all, only chosen ones run%n", candidates.size(), s.spec().cpt().ratios(),
        s.spec().seeds(), s.spec().cpt().tokens(), a.stopAt().isEmpty() ? "" : ", or stopped early at " + a.stopAt()
        + " of them (the initial design's lowest ratio, and new ratios expected to see their critical point by then;"
        + " a run that stops before it is continued to the full budget)");
    AdaptivePlanner planner = new AdaptivePlanner(FitSettings.of(s.spec().fit().parameters()), a.replicates(),
        a.partialReplicates());
    List<Cell> initial = planner.initial(candidates, a.initialRatios());
    out.printf("  initial design (round 0): %d cell(s), %d ratio(s) spread over cpt.ratios, first seed:%n",
        initial.size(), a.initialRatios());
    for (Cell c : initial) {
      out.printf("    %-48s %s%s%n", cells.trialId(c), c, c.tokens() < s.spec().cpt().tokens()
          ? ", stopped at " + c.tokens() + " tokens" : "");
    }
  }

  static void rounds(List<Round> rounds, PrintWriter out) {
    if (rounds.isEmpty()) {
      out.println("adaptive: no round decided yet");
      return;
    }
    out.println("adaptive rounds:");
    for (Round r : rounds) {
      out.printf("  round %d (%s) %s: %s%n", r.number(), r.outcome(), r.decidedAt().truncatedTo(
          java.time.temporal.ChronoUnit.SECONDS), r.reason());
      for (Round.Width w : r.widths()) {
        out.printf("    width before: %-24s %s  CMR %s  CI [%s, %s]  (%s)%n", w.group(),
            Double.isFinite(w.width()) ? num(w.width()) : "unknown", num(w.cmr()), num(w.low()), num(w.high()),
            w.status());
      }
      for (Round.Chosen c : r.chosen()) {
        out.printf("    + %-48s r=%s seed %d  expected gain %s: %s%n", c.trialId(), c.ratio(), c.seed(),
            Double.isNaN(c.expectedGain()) ? "-" : num(c.expectedGain()), c.reason());
      }
    }
    Round last = rounds.get(rounds.size() - 1);
    out.println(last.stops() ? "adaptive: stopped after round " + last.number() + ": " + last.outcome()
        : "adaptive: round " + last.number() + " is running");
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
  }
}
