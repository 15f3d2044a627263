package io.cmrsweep.fit.adaptive;

import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.fit.group.Group;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Decides the cells of an adaptive sweep (DESIGN 6). Pure: the same groups, cells and settings give the same
 * plan. A round fits every group in process ({@link WidthModel}: bootstrap width plus per-ratio variance
 * shares) and chooses greedily, at most {@link Goal#batch()} cells: first cells for groups that have no interval
 * yet (the unmeasured ratio farthest from the measured ones, else a seed at the ratio with the fewest), then the
 * candidate with the largest expected width reduction per token, updating the expected widths after each pick
 * and skipping targets expected to be reached. A target is a group's own CMR, or with {@link Goal#predicts()} the
 * CMR predicted at a target size per domain ({@link PredictionTargets}), whose variance weighs each group's by how
 * much the prediction moves with it.
 */
public final class AdaptivePlanner {
  /**
   * A target is given up when, with every candidate ratio measured, running every remaining candidate is still
   * expected to leave its width above this multiple of the target width: the variance model's expected widths
   * are rough (a width from 40 replicates moves by about a quarter between rounds), so only a clear miss stops.
   */
  static final double REACH_MARGIN = 3;
  private final WidthModel model;

  /**
   * @param settings the fit settings (eps, lambda, level, seed) of the sweep
   * @param replicates bootstrap replicates of the width (a modest B such as 40)
   * @param partialReplicates replicates of each ratio's partial bootstrap (e.g. 12)
   */
  public AdaptivePlanner(FitSettings settings, int replicates, int partialReplicates) {
    if (replicates < 10 || partialReplicates < 4) {
      throw new IllegalArgumentException("replicates=" + replicates + " and partialReplicates=" + partialReplicates
          + " must be >= 10 and >= 4; use e.g. 40 and 12");
    }
    this.model = new WidthModel(settings, replicates, partialReplicates);
  }

  /**
   * The first round: per group, {@code ratios} ratios spread evenly over the group's candidate ratios (the
   * smallest and the largest included), each with the group's smallest candidate seed and its full token budget
   * (the largest: the unit T / T_max of every law is the full budget, so every group starts with full runs).
   */
  public List<Cell> initial(Collection<Cell> candidates, int ratios) {
    if (ratios < 2) {
      throw new IllegalArgumentException("initial ratios=" + ratios + " must be >= 2");
    }
    List<Cell> out = new ArrayList<>();
    byGroup(candidates).forEach((group, cells) -> {
      List<Double> rs = cells.stream().map(Cell::ratio).distinct().sorted().toList();
      int seed = cells.stream().mapToInt(Cell::seed).min().orElseThrow();
      long full = fullBudget(cells);
      Set<Double> picked = new TreeSet<>();
      int k = Math.min(ratios, rs.size());
      for (int i = 0; i < k; i++) {
        picked.add(rs.get(k == 1 ? 0 : (int) Math.round(i * (rs.size() - 1) / (double) (k - 1))));
      }
      double lowest = picked.iterator().next();
      long early = cells.stream().mapToLong(Cell::tokens).filter(t -> t < full).max().orElse(full);
      for (Cell c : cells) {
        long tokens = c.ratio() == lowest ? early : full;
        if (c.seed() == seed && c.tokens() == tokens && picked.contains(c.ratio())) {
          out.add(c);
        }
      }
    });
    out.sort(Cell.ORDER);
    return List.copyOf(out);
  }

  /**
   * Every group's width as {@link #next} measures it, without choosing: for a fixed design that stops on the
   * same rule (the efficiency benchmark's grid).
   */
  public List<GroupWidth> widths(Collection<Group> groups) {
    List<GroupWidth> out = new ArrayList<>();
    for (Group g : groups) {
      String name = g.key().domain() + "/" + g.key().model();
      out.add(model.measure(name, g, false).width());
    }
    return out;
  }

  /**
   * The widths {@link #next} stops on for {@code goal}, without choosing: every group's, or with
   * {@link Goal#predicts()} the predicted CMR's at each target size (a fixed design that stops on the same rule).
   */
  public List<GroupWidth> targetWidths(Collection<Group> groups, Goal goal) {
    if (!goal.predicts()) {
      return widths(groups);
    }
    Map<String, WidthModel.State> states = new TreeMap<>();
    for (Group g : groups) {
      String name = g.key().domain() + "/" + g.key().model();
      states.put(name, model.measure(name, g, false));
    }
    return PredictionTargets.of(states, goal.predictAt(), model.settings().level(), model.replicates()).stream()
        .map(Target::width).toList();
  }

  /**
   * The next round, given the groups fitted from every completed cell ({@code run}: all cells chosen so far,
   * all completed) and the candidate cells of the spec.
   */
  public RoundPlan next(Collection<Group> groups, Collection<Cell> run, Collection<Cell> candidates, Goal goal) {
    Map<String, Group> byName = new TreeMap<>();
    for (Group g : groups) {
      byName.put(g.key().domain() + "/" + g.key().model(), g);
    }
    Map<String, List<Cell>> open = new TreeMap<>();
    Map<String, List<Cell>> extensions = new TreeMap<>();
    Map<String, Long> full = new TreeMap<>();
    byGroup(candidates).forEach((name, cells) -> {
      open.put(name, openCells(cells, run));
      extensions.put(name, extensions(cells, run));
      full.put(name, fullBudget(cells));
    });
    Map<String, WidthModel.State> states = new LinkedHashMap<>();
    List<GroupWidth> widths = new ArrayList<>();
    for (String name : open.keySet()) {
      Group g = byName.get(name);
      WidthModel.State s = g == null
          ? WidthModel.State.noData(name)
          : model.measure(name, g, open.get(name).stream().map(c -> new WidthModel.NewRun(c.ratio(), c.tokens()))
              .toList());
      states.put(name, s);
      widths.add(s.width());
    }
    List<Target> targets = new ArrayList<>();
    if (goal.predicts()) {
      targets.addAll(PredictionTargets.of(states, goal.predictAt(), model.settings().level(), model.replicates()));
      targets.forEach(t -> widths.add(t.width()));
    } else {
      states.forEach((name, s) -> targets.add(new Target(s.width(), Map.of(name, 1.0))));
    }
    List<GroupWidth> goals = targets.stream().map(Target::width).toList();
    String what = goal.predicts() ? "predicted CMR's" : "group's CMR";
    if (targets.stream().allMatch(t -> reached(t, states, goal))) {
      return new RoundPlan(widths, List.of(), RoundPlan.Outcome.TARGET_REACHED, "every " + what + " interval is at"
          + " most " + fmt(goal.targetWidth()) + " wide (" + summary(goals) + ")");
    }
    long left = goal.budget().limit() - goal.budget().spent(run);
    Map<String, Double> outOfReach = new TreeMap<>();
    for (Target t : targets) {
      if (!reached(t, states, goal)) {
        double best = reachable(t, states, open, extensions);
        if (best > REACH_MARGIN * goal.targetWidth()) {
          outOfReach.put(t.name(), best);
        }
      }
    }
    List<Target> pursued = targets.stream().filter(t -> !reached(t, states, goal)
        && !outOfReach.containsKey(t.name())).toList();
    if (pursued.isEmpty()) {
      return new RoundPlan(widths, List.of(), RoundPlan.Outcome.OUT_OF_REACH, "the target " + fmt(goal.targetWidth())
          + " is out of reach: every candidate ratio is measured and even with every remaining candidate cell the"
          + " expected width stays above it (" + outOfReach.entrySet().stream().map(e -> e.getKey() + " width "
          + fmt(widthOf(targets, e.getKey())) + ", expected " + fmt(e.getValue()) + " with all")
          .collect(Collectors.joining(", ")) + "); accept the width, or narrow it at the source:"
          + " more checkpoints, larger validation sets, a longer T_max, or ratios nearer the CMR");
    }
    List<String> unfinished = pursued.stream().flatMap(t -> t.weights().keySet().stream()).distinct().sorted()
        .toList();
    boolean anyCandidate = unfinished.stream().anyMatch(n -> !open.get(n).isEmpty() || !extensions.get(n).isEmpty());
    if (!anyCandidate) {
      return new RoundPlan(widths, List.of(), RoundPlan.Outcome.CANDIDATES_EXHAUSTED, "every candidate cell of "
          + String.join(", ", unfinished) + " has run and the target " + fmt(goal.targetWidth())
          + " is not reached (" + summary(goals) + "); add ratios or seeds to the spec, or accept the width");
    }
    boolean affordable = unfinished.stream().flatMap(n -> Stream.concat(open.get(n).stream(),
        extensions.get(n).stream())).anyMatch(c -> goal.budget().cost(c, run) <= left);
    if (!affordable) {
      return new RoundPlan(widths, List.of(), RoundPlan.Outcome.BUDGET_SPENT, "budget spent: "
          + goal.budget().spent(run) + " of " + goal.budget() + " used, the next cell does not fit; target "
          + fmt(goal.targetWidth()) + " not reached (" + summary(goals) + ")");
    }
    List<Choice> choices = choose(states, pursued, unfinished, open, extensions, full, goal, run, left);
    return new RoundPlan(widths, choices, RoundPlan.Outcome.CONTINUE, choices.size() + " cell(s) chosen ("
        + summary(goals) + ")");
  }

  private List<Choice> choose(Map<String, WidthModel.State> states, List<Target> targets, List<String> unfinished,
      Map<String, List<Cell>> open, Map<String, List<Cell>> extensions, Map<String, Long> full, Goal goal,
      Collection<Cell> run, long budgetLeft) {
    List<Choice> out = new ArrayList<>();
    long left = budgetLeft;
    Map<String, Double> expected = new TreeMap<>();
    targets.forEach(t -> expected.put(t.name(), t.width().width()));
    // runs stopped before their critical point are finished first: their T0 is an extrapolation, and the rest of
    // the same run costs no more than the full run the planner would otherwise have chosen
    for (String name : unfinished) {
      for (Cell c : extensionsDue(states.get(name), extensions.get(name))) {
        if (out.size() < goal.batch() && goal.budget().cost(c, run) <= left) {
          long before = c.ranBefore(run);
          out.add(new Choice(c, Double.NaN, "extend the run at ratio " + c.ratio() + " seed " + c.seed()
              + ", stopped at " + share(before, full.get(name)) + " of the token budget before its critical point,"
              + " to " + share(c.tokens(), full.get(name)) + " (the rest of the same run, "
              + (c.tokens() - before) + " tokens)"));
          left -= goal.budget().cost(c, run);
        }
      }
    }
    // groups without an interval first, one cell each in turn, so every group gets one; a group that has a
    // bootstrap but too few law points (its shares are measured) needs one new ratio, so one per round
    boolean picked = true;
    Set<String> once = new HashSet<>();
    while (picked && out.size() < goal.batch()) {
      picked = false;
      for (var e : states.entrySet()) {
        if (out.size() >= goal.batch() || e.getValue().width().identified() || !unfinished.contains(e.getKey())
            || once.contains(e.getKey()) || e.getValue().lawChecked()) {
          continue; // a checked law without an interval waits for its extensions (above)
        }
        if (!e.getValue().shares().isEmpty()) {
          once.add(e.getKey());
        }
        Choice c = explore(e.getKey(), e.getKey() + " has no interval yet (" + e.getValue().width().status() + ")",
            e.getValue(), open.get(e.getKey()), full.get(e.getKey()), out, goal, run, left);
        if (c != null) {
          out.add(c);
          left -= goal.budget().cost(c.cell(), run);
          taken(open.get(e.getKey()), c.cell());
          picked = true;
        }
      }
    }
    while (out.size() < goal.batch()) {
      Scored best = null;
      for (Target t : targets) {
        double width = expected.get(t.name());
        double total = variance(t, states);
        if (!Double.isFinite(width) || width <= goal.targetWidth()) {
          continue;
        }
        for (var w : t.weights().entrySet()) {
          WidthModel.State s = states.get(w.getKey());
          if (s == null || !s.width().identified()) {
            continue;
          }
          for (Cell c : open.get(w.getKey())) {
            if (goal.budget().cost(c, run) > left) {
              continue;
            }
            Scored sc = score(s, w.getValue(), total, width, t.name(), c, full.get(w.getKey()));
            if (sc != null && (best == null || sc.beats(best))) {
              best = sc;
            }
          }
          for (Cell c : extensions.get(w.getKey())) {
            long cost = goal.budget().cost(c, run);
            Double f = s.extensionFactor(c.ratio());
            if (cost > left || f == null || s.stoppedBeforePeak().contains(c.ratio())) {
              continue;
            }
            double reduction = w.getValue() * s.totalVariance() * (1 - f * f);
            double gain = total > 0 ? width * (1 - Math.sqrt(Math.max(0, 1 - reduction / total))) : 0;
            long rest = c.tokens() - c.ranBefore(run);
            Scored sc = new Scored(c, gain, gain / rest, false, null, "continue the run at ratio " + c.ratio()
                + " seed " + c.seed() + " from " + share(c.ranBefore(run), c.tokens()) + " to the full budget: the run"
                + " continued along its fitted laws scales the interval by " + String.format(Locale.ROOT, "%.2f", f),
                t.name());
            if (best == null || sc.beats(best)) {
              best = sc;
            }
          }
        }
      }
      if (best == null) {
        break;
      }
      String name = best.cell.group();
      WidthModel.State s = states.get(name);
      Map<String, Double> before = new TreeMap<>();
      for (Target t : targets) {
        before.put(t.name(), variance(t, states));
      }
      WidthModel.Share share = best.share;
      boolean extension = best.cell.ranBefore(run) > 0;
      Double factor = extension ? s.extensionFactor(best.cell.ratio()) : s.factor(best.cell.ratio(),
          best.cell.tokens());
      s.measuredNow(best.cell.ratio());
      if (extension) {
        // a continued run narrows the whole group; it is continued once
        s.shares().values().forEach(v -> v.variance *= factor * factor);
        s.extensionFactors().remove(best.cell.ratio());
      } else if (factor != null) {
        // a simulated run narrowed the whole group: every share shrinks alike; the new ratio's own share is
        // unknown until it is measured, so more of it waits for the next round
        s.shares().values().forEach(v -> v.variance *= factor * factor);
        s.shares().put(best.cell.ratio(), new WidthModel.Share(0, 1));
      } else {
        share.addRun();
        if (!s.shares().containsKey(best.cell.ratio())) {
          s.shares().put(best.cell.ratio(), share);
        }
      }
      double was = expected.get(best.target);
      for (Target t : targets) {
        double v0 = before.get(t.name());
        if (t.weights().containsKey(name) && v0 > 0) {
          expected.put(t.name(), expected.get(t.name()) * Math.sqrt(variance(t, states) / v0));
        }
      }
      String of = goal.predicts() ? " of " + best.target : "";
      out.add(new Choice(best.cell, best.gain, best.why + ": expected width" + of + " " + fmt(was) + " -> "
          + fmt(expected.get(best.target)) + " (" + String.format(Locale.ROOT, "%.3g", best.perToken * 1e9)
          + " per 1e9 tokens)"));
      left -= goal.budget().cost(best.cell, run);
      taken(open.get(name), best.cell);
      Cell chosenCell = best.cell;
      extensions.get(name).removeIf(c -> c.ratio() == chosenCell.ratio() && c.seed() == chosenCell.seed());
    }
    if (out.isEmpty()) {
      // every open target lacks an interval although its groups have one (a prediction needs more sizes or fits)
      for (Target t : targets) {
        if (!out.isEmpty() || t.width().identified()) {
          continue;
        }
        for (String name : t.weights().keySet()) {
          Choice c = out.isEmpty() && states.containsKey(name) ? explore(name, "the " + t.name() + " prediction has no"
              + " interval yet (" + t.width().status() + ")", states.get(name), open.get(name), full.get(name), out,
              goal, run, left) : null;
          if (c != null) {
            out.add(c);
          }
        }
      }
    }
    return out;
  }

  /**
   * The width {@code t} is expected to reach if every open candidate of its groups ran, by the variance model (each
   * measured ratio's share divided by (n + k) / n for its k open seeds, and the group's variance times the squared
   * factor of every stopped run it could continue); 0 (never out of reach) while a group lacks an interval or still
   * has an unmeasured candidate ratio or a continuation the model could not value, and when no candidate is left
   * (the sweep stops as exhausted then).
   */
  private static double reachable(Target t, Map<String, WidthModel.State> states, Map<String, List<Cell>> open,
      Map<String, List<Cell>> extensions) {
    double total = variance(t, states);
    if (!t.width().identified() || !(total > 0)) {
      return 0;
    }
    double projected = 0;
    int candidates = 0;
    for (var w : t.weights().entrySet()) {
      WidthModel.State s = states.get(w.getKey());
      if (s == null || !s.width().identified()) {
        return 0;
      }
      List<Cell> cells = open.getOrDefault(w.getKey(), List.of());
      if (cells.stream().anyMatch(c -> !s.shares().containsKey(c.ratio()))) {
        return 0;
      }
      List<Cell> continuable = extensions.getOrDefault(w.getKey(), List.of());
      double shrink = 1;
      for (double r : continuable.stream().map(Cell::ratio).distinct().toList()) {
        Double f = s.extensionFactor(r);
        if (f == null) {
          return 0;
        }
        shrink *= f * f;
      }
      candidates += cells.size() + continuable.size();
      for (var e : s.shares().entrySet()) {
        long more = cells.stream().filter(c -> c.ratio() == e.getKey()).count();
        WidthModel.Share share = e.getValue();
        projected += w.getValue() * share.variance() * share.runs / (share.runs + more) * shrink;
      }
    }
    return candidates == 0 ? 0 : t.width().width() * Math.sqrt(projected / total);
  }

  private static double widthOf(List<Target> targets, String name) {
    return targets.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow().width().width();
  }

  /**
   * Whether {@code t} is done: its width is at most the target and every group it rests on has an interval of its
   * own (a prediction through a size whose CMR law has no check of its form is not).
   */
  private static boolean reached(Target t, Map<String, WidthModel.State> states, Goal goal) {
    return t.width().reached(goal.targetWidth()) && t.weights().keySet().stream()
        .allMatch(n -> states.containsKey(n) && states.get(n).width().identified());
  }

  /** The target's variance as the model sees it: weight x total variance summed over its identified groups. */
  private static double variance(Target t, Map<String, WidthModel.State> states) {
    double v = 0;
    for (var w : t.weights().entrySet()) {
      WidthModel.State s = states.get(w.getKey());
      if (s != null && s.width().identified()) {
        v += w.getValue() * s.totalVariance();
      }
    }
    return v;
  }

  private record Scored(Cell cell, double gain, double perToken, boolean newRatio, WidthModel.Share share,
      String why, String target) {
    boolean beats(Scored o) {
      if (perToken != o.perToken) {
        return perToken > o.perToken;
      }
      if (newRatio != o.newRatio) {
        return newRatio; // equal gain: a new ratio also tests the law's form
      }
      return Cell.ORDER.compare(cell, o.cell) < 0;
    }
  }

  /**
   * One more run at {@code c}: its share of its group's variance, times the group's weight in the target, taken
   * off the target's variance {@code total}; the gain is what that does to the target's expected width. Null for a
   * new ratio with a budget shorter than {@code full} that the model could not value by a simulated run.
   */
  private static Scored score(WidthModel.State s, double weight, double total, double width, String target,
      Cell c, long full) {
    double groupTotal = s.totalVariance();
    WidthModel.Share own = s.shares().get(c.ratio());
    boolean isNew = own == null;
    Double factor = isNew ? s.factor(c.ratio(), c.tokens()) : null;
    if (isNew && factor == null && c.tokens() < full) {
      return null;
    }
    WidthModel.Share share = isNew ? nearest(s.shares(), c.ratio()) : own;
    double reduction = groupTotal > 0
        ? weight * (factor != null ? groupTotal * (1 - factor * factor) : share.reduction()) : 0;
    double gain = total > 0 ? width * (1 - Math.sqrt(Math.max(0, 1 - reduction / total))) : 0;
    String why = factor != null
        ? "new ratio " + c.ratio() + budgetNote(c, full) + ": a run simulated there from its neighbours' fitted laws"
            + " and noise scales the interval by " + String.format(Locale.ROOT, "%.2f", factor)
        : isNew
        ? "new ratio " + c.ratio() + " scored as one more run of its nearest measured ratio "
            + nearestRatio(s.shares(), c.ratio()) + " (variance share " + pct(share.variance() / groupTotal) + ")"
        : "seed " + c.seed() + " at ratio " + c.ratio() + " (" + share.runs + " run(s), variance share "
            + pct(share.variance() / groupTotal) + ")";
    return new Scored(c, gain, gain / c.tokens(), isNew, share, why, target);
  }

  private static WidthModel.Share nearest(TreeMap<Double, WidthModel.Share> shares, double r) {
    return shares.get(nearestRatio(shares, r));
  }

  private static double nearestRatio(TreeMap<Double, WidthModel.Share> shares, double r) {
    Double lo = shares.floorKey(r);
    Double hi = shares.ceilingKey(r);
    if (lo == null) {
      return hi;
    }
    if (hi == null) {
      return lo;
    }
    return r - lo <= hi - r ? lo : hi;
  }

  /**
   * A cell for a group with no interval: the new run whose simulated run narrows the group's bootstrap most per
   * token (its variance 1 - factor^2 taken off, over its tokens), where there is one; else the full-budget new
   * ratio farthest from the measured ones, else the thinnest ratio.
   */
  private static Choice explore(String name, String reason, WidthModel.State s, List<Cell> open, long full,
      List<Choice> chosen, Goal goal, Collection<Cell> run, long left) {
    Set<Double> measured = new TreeSet<>(s.measuredRatios());
    chosen.stream().map(Choice::cell).filter(c -> c.group().equals(name)).forEach(c -> measured.add(c.ratio()));
    Comparator<Cell> perToken = Comparator.comparingDouble((Cell c) -> {
      double f = s.factor(c.ratio(), c.tokens());
      return -(1 - f * f) / c.tokens();
    });
    Cell narrowest = open.stream().filter(c -> !measured.contains(c.ratio()) && s.factor(c.ratio(), c.tokens()) != null
        && goal.budget().cost(c, run) <= left).min(perToken.thenComparing(Cell.ORDER)).orElse(null);
    if (narrowest != null) {
      return new Choice(narrowest, Double.NaN, reason + "; new ratio " + narrowest.ratio() + budgetNote(narrowest,
          full) + ": a run simulated there narrows the interval most per token (by a factor "
          + String.format(Locale.ROOT, "%.2f", s.factor(narrowest.ratio(), narrowest.tokens())) + ")");
    }
    Cell best = null;
    double bestDistance = -1;
    for (Cell c : open) {
      if (measured.contains(c.ratio()) || c.tokens() != full || goal.budget().cost(c, run) > left) {
        continue;
      }
      double d = measured.stream().mapToDouble(m -> Math.abs(m - c.ratio())).min().orElse(1);
      if (d > bestDistance || (d == bestDistance && Cell.ORDER.compare(c, best) < 0)) {
        best = c;
        bestDistance = d;
      }
    }
    if (best != null) {
      return new Choice(best, Double.NaN, reason + "; new ratio "
          + best.ratio() + " is the farthest (" + fmt(bestDistance) + ") from the measured ratios " + measured);
    }
    Map<Double, Long> seeds = s.runsPerRatio();
    Comparator<Cell> thinnest = Comparator.comparingLong((Cell c) -> seeds.getOrDefault(c.ratio(), 0L)
        + chosen.stream().filter(ch -> ch.cell().group().equals(name) && ch.cell().ratio() == c.ratio()).count())
        .thenComparing(Cell.ORDER);
    return open.stream().filter(c -> goal.budget().cost(c, run) <= left).min(thinnest)
        .map(c -> new Choice(c, Double.NaN, reason + "; every candidate ratio of " + name + " is measured, so one"
            + " more seed at ratio " + c.ratio() + ", the one with the fewest runs"))
        .orElse(null);
  }

  /**
   * The candidates of one group that can still run: a (ratio, seed) that ran at one budget is spent at every budget
   * (a shorter run is the prefix of the longer one), and more seeds of a measured ratio run at its measured budget
   * (the largest it ran at), so its runs stay alike.
   */
  static List<Cell> openCells(List<Cell> cells, Collection<Cell> run) {
    Set<String> spent = new HashSet<>();
    Map<Double, Long> measuredBudget = new TreeMap<>();
    String group = cells.isEmpty() ? "" : cells.get(0).group();
    for (Cell c : run) {
      if (c.group().equals(group)) {
        spent.add(c.ratio() + "/" + c.seed());
        measuredBudget.merge(c.ratio(), c.tokens(), Math::max);
      }
    }
    return new ArrayList<>(cells.stream().filter(c -> !spent.contains(c.ratio() + "/" + c.seed())
        && measuredBudget.getOrDefault(c.ratio(), c.tokens()) == c.tokens()).toList());
  }

  /**
   * The extensions a group may run: for every run that stopped before the largest budget, the same (ratio, seed)
   * at the largest budget, which continues it.
   */
  static List<Cell> extensions(List<Cell> cells, Collection<Cell> run) {
    long full = fullBudget(cells);
    List<Cell> out = new ArrayList<>();
    for (Cell c : cells) {
      long before = c.ranBefore(run);
      if (c.tokens() == full && before > 0 && before < full) {
        out.add(c);
      }
    }
    return out;
  }

  /** The extensions of the runs at ratios the group saw stop before their critical point. */
  private static List<Cell> extensionsDue(WidthModel.State s, List<Cell> extensions) {
    if (s == null || extensions == null) {
      return List.of();
    }
    return extensions.stream().filter(c -> s.stoppedBeforePeak().contains(c.ratio())).toList();
  }

  private static String share(long tokens, long full) {
    return String.format(Locale.ROOT, "%.2f", (double) tokens / full);
  }

  /** The largest token budget among a group's candidates: T_max of its laws. */
  private static long fullBudget(Collection<Cell> cells) {
    return cells.stream().mapToLong(Cell::tokens).max().orElse(0);
  }

  /** Removes a chosen cell, every other budget of its (ratio, seed) and every other budget of its ratio. */
  private static void taken(List<Cell> open, Cell chosen) {
    open.removeIf(c -> c.ratio() == chosen.ratio() && (c.seed() == chosen.seed() || c.tokens() != chosen.tokens()));
  }

  private static String budgetNote(Cell c, long full) {
    return c.tokens() < full ? " stopped at " + String.format(Locale.ROOT, "%.2f", (double) c.tokens() / full)
        + " of the token budget" : "";
  }

  private static Map<String, List<Cell>> byGroup(Collection<Cell> cells) {
    Map<String, List<Cell>> out = new TreeMap<>();
    cells.stream().sorted(Cell.ORDER).forEach(c -> out.computeIfAbsent(c.group(), k -> new ArrayList<>()).add(c));
    return out;
  }

  private static String summary(List<GroupWidth> widths) {
    List<String> parts = new ArrayList<>();
    for (GroupWidth w : widths) {
      parts.add(w.group() + " width " + (w.identified() ? fmt(w.width()) : "unknown (" + w.status() + ")"));
    }
    return String.join(", ", parts);
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * v);
  }
}
