package io.cmrsweep.fit.cmr;

import io.cmrsweep.core.fit.Binding;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.InputIssues;
import io.cmrsweep.fit.group.Trajectory;
import io.cmrsweep.fit.law.FitResult;
import io.cmrsweep.fit.law.LawFitter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The CMR of one group (DESIGN 1.1 steps 1-4). Never throws for bad data: every problem becomes a
 * {@link FitStatus} with a detail text, and what was computed before it is still reported.
 */
public final class CmrPipeline implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  /** Parameters of the general token law (two terms), for degrees-of-freedom corrections. */
  public static final int GENERAL_LAW_PARAMETERS = TokenLaws.GENERAL.parameterCount();
  /** Parameters of the domain token law. */
  public static final int DOMAIN_LAW_PARAMETERS = TokenLaws.DOMAIN.parameterCount();
  private final FitSettings settings;
  private final LawFitter fitter;

  public CmrPipeline(FitSettings settings) {
    this(settings, LawFitter.defaults());
  }

  public CmrPipeline(FitSettings settings, LawFitter fitter) {
    this.settings = settings;
    this.fitter = fitter;
  }

  public FitSettings settings() {
    return settings;
  }

  /** The point estimate, including the CMR at every reported lambda and on the sensitivity grids. */
  public GroupFit fit(Group group) {
    return run(group, group.tMax(), true);
  }

  /**
   * A bootstrap replicate's fit: T_max is the original group's (a resample may miss the last
   * checkpoint), and the domain ratio law is skipped. The sensitivity grids are evaluated, so that
   * every replicate contributes to their bands.
   */
  public GroupFit fitReplicate(Group group, double tMax) {
    return run(group, tMax, false);
  }

  /**
   * The group with every T > 0 loss replaced by its ratio's fitted token laws (fitted as in the point
   * estimate: seeds pooled, on the changes from the mean base losses, in T / T_max), for the bootstrap's
   * resampling around the fit. Base points and ratio-0 trajectories are kept as measured. Empty when the
   * group has no base point or a ratio's token laws do not converge (the point fit fails then too).
   */
  public Optional<Group> smoothed(Group group) {
    return smoothed(group, null);
  }

  /**
   * As {@link #smoothed(Group)}, with every trajectory's fitted laws evaluated at the checkpoints {@code grid}
   * (tokens, ascending) instead of its own: a run stopped early is continued along its fitted laws, so runs of
   * different budgets can be compared checkpoint by checkpoint. T = 0 keeps the run's base point (the mean base
   * losses where it has none).
   */
  public Optional<Group> smoothedAt(Group group, double[] grid) {
    return smoothed(group, grid.clone());
  }

  private Optional<Group> smoothed(Group group, double[] grid) {
    double tMax = group.tMax();
    double sumG = 0;
    double sumD = 0;
    int bases = 0;
    for (Trajectory t : group.trajectories()) {
      if (t.hasBasePoint()) {
        sumG += t.generalAt(0);
        sumD += t.domainAt(0);
        bases++;
      }
    }
    if (bases == 0 || !(tMax > 0)) {
      return Optional.empty();
    }
    double baseG = sumG / bases;
    double baseD = sumD / bases;
    TokenLaws tokenLaws = new TokenLaws(fitter);
    Map<Double, TokenLaws.Fitted> byRatio = new LinkedHashMap<>();
    List<Trajectory> out = new ArrayList<>();
    for (Trajectory t : group.trajectories()) {
      if (t.ratio() <= 0) {
        out.add(t);
        continue;
      }
      TokenLaws.Fitted f = byRatio.computeIfAbsent(t.ratio(), r -> tokenLaws.fit(r, TokenLaws.points(
          group.trajectories().stream().filter(u -> u.ratio() == r).toList(), tMax, baseG, baseD)));
      if (!f.domain().converged() || !f.general().converged()) {
        return Optional.empty();
      }
      double[] tok = grid == null ? t.tokens() : grid.clone();
      double[] g = grid == null ? t.generalLoss() : new double[tok.length];
      double[] d = grid == null ? t.domainLoss() : new double[tok.length];
      for (int i = 0; i < tok.length; i++) {
        if (tok[i] > 0) {
          g[i] = baseG + TokenLaws.GENERAL.value(f.general().parameters(), tok[i] / tMax);
          d[i] = baseD + TokenLaws.DOMAIN.value(f.domain().parameters(), tok[i] / tMax);
        } else if (grid != null) {
          g[i] = t.hasBasePoint() ? t.generalAt(0) : baseG;
          d[i] = t.hasBasePoint() ? t.domainAt(0) : baseD;
        }
      }
      out.add(new Trajectory(t.ratio(), t.seed(), tok, g, d));
    }
    return Optional.of(group.withTrajectories(out));
  }

  private GroupFit run(Group group, double tMax, boolean full) {
    Draft d = new Draft(group, tMax, settings);
    try {
      return attempt(group, d, full);
    } catch (RuntimeException e) {
      return d.fail(FitStatus.INTERNAL_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private GroupFit attempt(Group group, Draft d, boolean full) {
    List<Trajectory> usable = group.trajectories().stream().filter(t -> t.ratio() > 0).toList();
    if (usable.isEmpty()) {
      return d.fail(FitStatus.EMPTY_GROUP, "no trajectory with a ratio in (0, 1]"
          + (group.issues().isEmpty() ? "" : "; input issues: " + group.issues().summary()));
    }
    double sumG = 0;
    double sumD = 0;
    int bases = 0;
    for (Trajectory t : group.trajectories()) {
      if (t.hasBasePoint()) {
        sumG += t.generalAt(0);
        sumD += t.domainAt(0);
        bases++;
      }
    }
    if (bases == 0) {
      return d.fail(FitStatus.NO_BASE_POINT, "no T=0 checkpoint in any trajectory, so the base losses"
          + " L(M_S) are unknown; record the base model's losses at tokens=0 in each CPT trial");
    }
    d.baseGeneral = sumG / bases;
    d.baseDomain = sumD / bases;
    if (!(d.tMax > 0)) {
      return d.fail(FitStatus.TOO_FEW_CHECKPOINTS, "no checkpoint with tokens > 0");
    }
    List<Double> ratios = usable.stream().map(Trajectory::ratio).distinct().sorted().toList();
    if (ratios.size() < 2) {
      return d.fail(FitStatus.TOO_FEW_RATIOS, "found " + ratios.size() + " ratio in (0, 1] " + ratios
          + "; the CMR needs at least 2 (better 5 or more) ratios bracketing it");
    }
    TokenLaws tokenLaws = new TokenLaws(fitter);
    Map<Double, TokenLaws.Points> points = new LinkedHashMap<>();
    List<String> thin = new ArrayList<>();
    for (double r : ratios) {
      List<Trajectory> at = usable.stream().filter(t -> t.ratio() == r).toList();
      TokenLaws.Points p = TokenLaws.points(at, d.tMax, d.baseGeneral, d.baseDomain);
      points.put(r, p);
      if (p.distinct() < settings.minCheckpoints()) {
        thin.add("ratio " + r + " has " + p.distinct() + " distinct checkpoint(s) with T > 0");
      }
    }
    if (!thin.isEmpty()) {
      return d.fail(FitStatus.TOO_FEW_CHECKPOINTS, String.join("; ", thin) + "; each ratio needs at least "
          + settings.minCheckpoints() + " to fit the 5-parameter general law");
    }
    List<TokenLaws.Fitted> fits = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (double r : ratios) {
      TokenLaws.Fitted f = tokenLaws.fit(r, points.get(r));
      fits.add(f);
      for (FitResult law : List.of(f.domain(), f.general())) {
        if (!law.converged()) {
          failed.add("ratio " + r + " " + law.law() + ": " + law.failure());
        }
      }
    }
    CriticalPointSolver solver = new CriticalPointSolver(TokenLaws.DOMAIN, TokenLaws.GENERAL, settings.searchCap());
    if (!failed.isEmpty()) {
      d.ratios = ratioFits(fits, List.of(), d.tMax);
      return d.fail(FitStatus.LAW_DID_NOT_CONVERGE, String.join("; ", failed));
    }
    RatioLaws.Result ratioLaws = new RatioLaws(fitter).fit(fits, d.baseGeneral, d.baseDomain, settings.eps(), full);
    d.supA = ratioLaws.supA();
    d.ratioLawGeneral = ratioLaws.general();
    d.ratioLawDomain = ratioLaws.domain();
    double[] r = ratios.stream().mapToDouble(Double::doubleValue).toArray();
    CmrLawStep cmrLaws = new CmrLawStep(fitter, settings.weightCmrLaw());
    List<CriticalPoint> cps = criticalPoints(solver, fits, settings.lambda());
    d.ratios = ratioFits(fits, cps, d.tMax);
    CmrLawStep.Result main = cmrLaws.fit(r, cps, d.supA);
    d.cmrLaw = main.law();
    d.interpolated = main.interpolated();
    d.curve = main.curve();
    d.lawCmr = unbounded(main, cps);
    d.binding = Binding.of(d.lawCmr, d.supA, main.interpolated());
    d.sensitivity = sensitivity(solver, fits, r, cmrLaws, main, cps, ratioLaws, d);
    double[] lambdas = settings.lambdaGrid();
    double[] byLambda = d.sensitivity.lambdaCmr();
    for (int i = 0; i < lambdas.length; i++) {
      if (FitSettings.REPORTED_LAMBDAS.contains(lambdas[i])) {
        d.cmrByLambda.put(lambdas[i], byLambda[i]);
      }
    }
    double cmr = value(main, cps);
    if (Double.isNaN(cmr)) {
      return d.fail(FitStatus.NO_FEASIBLE_RATIO, "no measured ratio has T0 <= T_max at lambda="
          + settings.lambda() + "; the CMR is below the smallest ratio " + r[0] + " (T0 per ratio: "
          + d.ratios.stream().map(f -> f.ratio() + "->" + f.t0Kind()).collect(Collectors.joining(", ")) + ")");
    }
    return d.ok(cmr, main.note());
  }

  private static double value(CmrLawStep.Result result, List<CriticalPoint> cps) {
    if (cps.stream().noneMatch(CriticalPoint::feasible)) {
      return Double.NaN;
    }
    return result.curve().at(1.0);
  }

  /** The law's (or interpolation's) own CMR at T_max, before sup A; NaN when no ratio is feasible. */
  private static double unbounded(CmrLawStep.Result result, List<CriticalPoint> cps) {
    if (cps.stream().noneMatch(CriticalPoint::feasible)) {
      return Double.NaN;
    }
    return result.curve().unbounded(1.0);
  }

  /**
   * The CMR over the lambda grid (T0 re-solved and the CMR law refitted per lambda, at the settings' eps)
   * and over the eps grid (only sup A moves, so the main lambda's law is bounded by each eps's sup A).
   */
  private Sensitivity sensitivity(CriticalPointSolver solver, List<TokenLaws.Fitted> fits, double[] r,
      CmrLawStep cmrLaws, CmrLawStep.Result main, List<CriticalPoint> cps, RatioLaws.Result ratioLaws, Draft d) {
    double[] lambdas = settings.lambdaGrid();
    double[] lambdaCmr = new double[lambdas.length];
    Binding[] lambdaBinding = new Binding[lambdas.length];
    for (int i = 0; i < lambdas.length; i++) {
      boolean same = lambdas[i] == settings.lambda();
      List<CriticalPoint> at = same ? cps : criticalPoints(solver, fits, lambdas[i]);
      CmrLawStep.Result result = same ? main : cmrLaws.fit(r, at, d.supA);
      lambdaCmr[i] = value(result, at);
      lambdaBinding[i] = Binding.of(unbounded(result, at), d.supA, result.interpolated());
    }
    double[] eps = settings.epsGrid();
    double[] epsSupA = new double[eps.length];
    double[] epsCmr = new double[eps.length];
    Binding[] epsBinding = new Binding[eps.length];
    for (int j = 0; j < eps.length; j++) {
      epsSupA[j] = eps[j] == settings.eps() ? d.supA : ratioLaws.supAByEps().applyAsDouble(eps[j]);
      epsCmr[j] = Double.isNaN(d.lawCmr) ? Double.NaN : Math.max(0.0, Math.min(1.0, Math.min(d.lawCmr, epsSupA[j])));
      epsBinding[j] = Binding.of(d.lawCmr, epsSupA[j], main.interpolated());
    }
    return new Sensitivity(lambdas, lambdaCmr, lambdaBinding, eps, epsSupA, epsCmr, epsBinding);
  }

  private static List<CriticalPoint> criticalPoints(CriticalPointSolver solver, List<TokenLaws.Fitted> fits,
      double lambda) {
    List<CriticalPoint> cps = new ArrayList<>();
    for (TokenLaws.Fitted f : fits) {
      cps.add(solver.solve(f.domain(), f.general(), lambda, f.xFirst()));
    }
    return cps;
  }

  private static List<RatioFit> ratioFits(List<TokenLaws.Fitted> fits, List<CriticalPoint> cps, double tMax) {
    List<RatioFit> out = new ArrayList<>();
    for (int i = 0; i < fits.size(); i++) {
      TokenLaws.Fitted f = fits.get(i);
      CriticalPoint cp = cps.isEmpty() ? CriticalPoint.none() : cps.get(i);
      out.add(RatioFit.of(f.ratio(), f.seeds(), f.checkpoints(), cp, tMax, f.domain(), f.general()));
    }
    return out;
  }

  /** What is known so far about one group; turned into an immutable {@link GroupFit} at the end. */
  private static final class Draft {
    final Group group;
    final double tMax;
    final FitSettings settings;
    double baseGeneral = Double.NaN;
    double baseDomain = Double.NaN;
    double supA = Double.NaN;
    List<RatioFit> ratios = List.of();
    Optional<FitResult> ratioLawGeneral = Optional.empty();
    Optional<FitResult> ratioLawDomain = Optional.empty();
    Optional<FitResult> cmrLaw = Optional.empty();
    boolean interpolated;
    CmrCurve curve = new CmrCurve.None();
    final Map<Double, Double> cmrByLambda = new LinkedHashMap<>();
    double lawCmr = Double.NaN;
    Binding binding = Binding.NONE;
    Sensitivity sensitivity;

    Draft(Group group, double tMax, FitSettings settings) {
      this.group = group;
      this.tMax = tMax;
      this.settings = settings;
      this.sensitivity = Sensitivity.none(settings);
    }

    GroupFit fail(FitStatus status, String detail) {
      return build(status, detail, Double.NaN);
    }

    GroupFit ok(double cmr, String note) {
      return build(FitStatus.OK, note, cmr);
    }

    private GroupFit build(FitStatus status, String detail, double cmr) {
      Map<Double, Double> byLambda = new LinkedHashMap<>();
      for (double l : FitSettings.REPORTED_LAMBDAS) {
        byLambda.put(l, cmrByLambda.getOrDefault(l, Double.NaN));
      }
      InputIssues issues = group.issues();
      return new GroupFit(group.key(), group.modelParams(), status, detail, cmr, supA, tMax, baseGeneral,
          baseDomain, settings.lambda(), settings.eps(), ratios, ratioLawDomain, ratioLawGeneral, cmrLaw,
          interpolated, byLambda, issues, curve, settings.curveGrid(), status == FitStatus.OK ? binding : Binding.NONE,
          lawCmr, sensitivity);
    }
  }
}
