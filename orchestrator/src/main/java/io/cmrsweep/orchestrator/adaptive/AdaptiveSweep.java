package io.cmrsweep.orchestrator.adaptive;

import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.fit.adaptive.AdaptivePlanner;
import io.cmrsweep.fit.adaptive.Cell;
import io.cmrsweep.fit.adaptive.Choice;
import io.cmrsweep.fit.adaptive.GroupWidth;
import io.cmrsweep.fit.adaptive.RoundPlan;
import io.cmrsweep.fit.group.GroupAssembler;
import io.cmrsweep.orchestrator.ledger.Ledger;
import io.cmrsweep.orchestrator.ledger.Round;
import io.cmrsweep.orchestrator.plan.LongestRuns;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import io.cmrsweep.orchestrator.spec.AdaptiveSpec;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator of an adaptive sweep (DESIGN 6): round 0 is the initial design; after each round whose
 * trials all succeeded it fits in process, lets the planner choose, and commits the round to the ledger before
 * any of its trials is registered or launched. Everything it does next follows from the ledger's rounds, so a
 * coordinator killed at any point resumes the same plan: a recorded round is never decided again, and an
 * unrecorded one is decided from the same committed results, to the same cells.
 */
public final class AdaptiveSweep {
  private static final Logger LOG = LoggerFactory.getLogger(AdaptiveSweep.class);

  /** Runs a plan's trials to the end; true when every one succeeded, false when the sweep must stop here. */
  public interface Trials {
    boolean run(List<PlannedTrial> plan) throws InterruptedException;
  }

  private final Ledger ledger;
  private final CellMap cells;
  private final AdaptivePlanner planner;
  private final AdaptiveSpec spec;
  private final LossSource losses;
  private final Clock clock;
  private final PrintWriter out;

  public AdaptiveSweep(Ledger ledger, CellMap cells, AdaptivePlanner planner, AdaptiveSpec spec, LossSource losses,
      Clock clock, PrintWriter out) {
    this.ledger = ledger;
    this.cells = cells;
    this.planner = planner;
    this.spec = spec;
    this.losses = losses;
    this.clock = clock;
    this.out = out;
  }

  /** Runs rounds until the planner stops (that round returned) or a round's trials do not all succeed (empty). */
  public Optional<Round> run(Trials trials) throws InterruptedException {
    while (true) {
      List<Round> rounds = ledger.rounds();
      if (rounds.isEmpty()) {
        commit(initial());
        continue;
      }
      Round last = rounds.get(rounds.size() - 1);
      if (last.stops()) {
        return Optional.of(last);
      }
      if (!trials.run(cells.plan(rounds))) {
        return Optional.empty();
      }
      commit(decide(rounds));
    }
  }

  private void commit(Round r) {
    if (ledger.recordRound(r)) {
      announce(r);
    } else {
      LOG.warn("adaptive round {} was already recorded by another writer; following it", r.number());
    }
  }

  private Round initial() {
    List<Cell> first = planner.initial(cells.candidates(), spec.initialRatios());
    List<Round.Chosen> chosen = new ArrayList<>();
    long full = first.stream().mapToLong(Cell::tokens).max().orElse(0);
    for (Cell c : first) {
      chosen.add(new Round.Chosen(cells.trialId(c), c.group(), c.ratio(), c.seed(), Double.NaN, "initial design: "
          + spec.initialRatios() + " ratios spread over cpt.ratios, first seed" + (c.tokens() < full
          ? "; the lowest stopped at " + String.format(java.util.Locale.ROOT, "%.2f", (double) c.tokens() / full)
          + " of the token budget (its critical point comes first; continued if it stops before it)" : "")));
    }
    return new Round(0, clock.instant(), Round.CONTINUE, "initial design, " + first.size() + " cell(s); target width "
        + spec.targetWidth() + (spec.predictAt().isEmpty() ? " per size" : " of the CMR predicted at "
        + spec.predictAt().targets() + " parameters") + ", budget " + spec.budget(), List.of(), chosen);
  }

  /** The next round from the committed results of every chosen trial (all succeeded). */
  Round decide(List<Round> rounds) {
    List<Cell> run = cells.chosen(rounds);
    List<PlannedTrial> cpt = LongestRuns.of(cells.plan(rounds)).stream().filter(t -> t.kind() == TrialKind.CPT)
        .toList();
    var groups = new GroupAssembler().assemble(losses.read(cpt));
    RoundPlan plan = planner.next(groups, run, cells.candidates(), spec.goal());
    List<Round.Width> widths = new ArrayList<>();
    for (GroupWidth w : plan.widths()) {
      widths.add(new Round.Width(w.group(), w.status(), w.cmr(), w.low(), w.high(), w.width()));
    }
    List<Round.Chosen> chosen = new ArrayList<>();
    for (Choice c : plan.choices()) {
      chosen.add(new Round.Chosen(cells.trialId(c.cell()), c.cell().group(), c.cell().ratio(), c.cell().seed(),
          c.expectedGain(), c.reason()));
    }
    int number = rounds.get(rounds.size() - 1).number() + 1;
    return new Round(number, clock.instant(), plan.outcome().name(), plan.reason(), widths, chosen);
  }

  private void announce(Round r) {
    out.println("adaptive round " + r.number() + ": " + (r.stops() ? r.outcome() + ": " : "") + r.reason());
    for (Round.Chosen c : r.chosen()) {
      out.println("  + " + c.group() + " r=" + c.ratio() + " seed " + c.seed() + ": " + c.reason());
    }
    out.flush();
  }
}
