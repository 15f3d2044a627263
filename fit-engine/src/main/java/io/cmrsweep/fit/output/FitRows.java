package io.cmrsweep.fit.output;

import io.cmrsweep.core.fit.Binding;
import io.cmrsweep.core.fit.CmrRow;
import io.cmrsweep.core.fit.CurveRow;
import io.cmrsweep.core.fit.FitResults;
import io.cmrsweep.core.fit.LawForm;
import io.cmrsweep.core.fit.LawRow;
import io.cmrsweep.core.fit.SensitivityParameter;
import io.cmrsweep.core.fit.SensitivityRow;
import io.cmrsweep.fit.bootstrap.BootstrapSummary;
import io.cmrsweep.fit.bootstrap.ConstraintSummary;
import io.cmrsweep.fit.bootstrap.SensitivityBands;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.fit.cmr.GroupFit;
import io.cmrsweep.fit.cmr.RatioFit;
import io.cmrsweep.fit.cmr.Sensitivity;
import io.cmrsweep.fit.group.InputIssues;
import io.cmrsweep.fit.law.FitResult;
import io.cmrsweep.fit.law.TwoTermPowerLaw;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns the fit's results into the rows of the fit-output contract (core {@code io.cmrsweep.core.fit}).
 * This is where engine types meet the contract: the general token law, fitted as (A, s, B, d, b2), is
 * reported in {@link LawForm#TWO_TERM} order (a2, s2, a3, s3, b2) with s2 <= s3.
 */
public final class FitRows {
  private final List<CmrRow> cmr = new ArrayList<>();
  private final List<LawRow> laws = new ArrayList<>();
  private final List<CurveRow> curves = new ArrayList<>();
  private final List<SensitivityRow> sensitivity = new ArrayList<>();

  /** Adds the rows of one group. */
  public FitRows add(GroupFit fit, BootstrapSummary boot) {
    cmr.add(cmr(fit, boot));
    laws.addAll(laws(fit));
    curves.addAll(curves(fit, boot));
    sensitivity.addAll(sensitivity(fit, boot));
    return this;
  }

  public FitResults results() {
    return new FitResults(cmr, laws, curves, sensitivity);
  }

  public static CmrRow cmr(GroupFit fit, BootstrapSummary boot) {
    List<RatioFit> rs = fit.ratios();
    InputIssues is = fit.issues();
    List<Double> lambdas = FitSettings.REPORTED_LAMBDAS;
    Verdict verdict = Verdict.of(fit, boot);
    ConstraintSummary c = boot.constraints();
    return new CmrRow(fit.key().sweep(), fit.key().domain(), fit.key().model(), fit.modelParams(), fit.cmr(),
        boot.ciLow(), boot.ciHigh(), boot.level(), boot.replicates(), boot.failed(), boot.failureText(),
        fit.tMax(), fit.lambda(), fit.eps(), fit.supA(), fit.status().label(), fit.detail(), fit.interpolated(),
        verdict.answer(), fit.binding(), verdict.conclusion(), c.supALow(), c.supAHigh(), fit.lawCmr(), c.lawLow(),
        c.lawHigh(), c.share(Binding.SUP_A), c.share(Binding.LAW), c.share(Binding.INTERPOLATION),
        rs.stream().mapToInt(RatioFit::seeds).min().orElse(0), boot.widening().resampling(),
        boot.widening().factor(),
        lambdas, lambdas.stream().map(fit::cmrAtLambda).toList(), fit.baseGeneral(), fit.baseDomain(),
        map(rs, RatioFit::ratio), map(rs, RatioFit::t0), map(rs, RatioFit::extrapolated), map(rs, RatioFit::feasible),
        rs.stream().filter(RatioFit::feasible).map(RatioFit::ratio).toList(),
        map(rs, r -> r.domainLaw().r2()), map(rs, r -> r.generalLaw().r2()), map(rs, r -> r.generalLaw().rmse()),
        params(fit.cmrLaw()), r2(fit.cmrLaw()), params(fit.ratioLawGeneral()), r2(fit.ratioLawGeneral()),
        params(fit.ratioLawDomain()), r2(fit.ratioLawDomain()),
        is.nonFiniteRows(), is.duplicateCheckpoints(), is.zeroRatioRows(), is.trajectoriesWithoutBase(),
        is.conflictingModelParams(), is.summary(), Advice.of(fit, boot, verdict.answer()));
  }

  /** Every law fitted for {@code fit}: token laws per ratio, then ratio laws, then the CMR law. */
  public static List<LawRow> laws(GroupFit fit) {
    List<LawRow> rows = new ArrayList<>();
    for (RatioFit r : fit.ratios()) {
      rows.add(law(fit, r.ratio(), r.domainLaw(), LawForm.POWER));
      rows.add(law(fit, r.ratio(), r.generalLaw(), LawForm.TWO_TERM));
    }
    fit.ratioLawGeneral().ifPresent(l -> rows.add(law(fit, Double.NaN, l, LawForm.POWER)));
    fit.ratioLawDomain().ifPresent(l -> rows.add(law(fit, Double.NaN, l, LawForm.POWER)));
    fit.cmrLaw().ifPresent(l -> rows.add(law(fit, Double.NaN, l, LawForm.POWER)));
    return rows;
  }

  /** The curve of {@code fit} on its grid; the band is NaN where the summary has none. */
  public static List<CurveRow> curves(GroupFit fit, BootstrapSummary summary) {
    double[] grid = fit.curveGrid();
    double[] tokens = fit.curveTokens();
    double[] values = fit.curveValues();
    double[] lo = summary.curveLow();
    double[] hi = summary.curveHigh();
    List<CurveRow> rows = new ArrayList<>();
    for (int i = 0; i < grid.length; i++) {
      rows.add(new CurveRow(fit.key().sweep(), fit.key().domain(), fit.key().model(), tokens[i], grid[i], values[i],
          i < lo.length ? lo[i] : Double.NaN, i < hi.length ? hi[i] : Double.NaN));
    }
    return rows;
  }

  /** The CMR over the lambda grid, then over the eps grid, each point with its band and binding. */
  public static List<SensitivityRow> sensitivity(GroupFit fit, BootstrapSummary boot) {
    Sensitivity s = fit.sensitivity();
    SensitivityBands band = boot.sensitivity();
    List<SensitivityRow> rows = new ArrayList<>();
    double[] lambdas = s.lambdas();
    double[] cmr = s.lambdaCmr();
    Binding[] binding = s.lambdaBinding();
    double[] lo = band.lambdaLow();
    double[] hi = band.lambdaHigh();
    double[] share = band.lambdaSupAShare();
    for (int i = 0; i < lambdas.length; i++) {
      rows.add(new SensitivityRow(fit.key().sweep(), fit.key().domain(), fit.key().model(),
          SensitivityParameter.LAMBDA, lambdas[i], lambdas[i] == fit.lambda(), cmr[i], at(lo, i), at(hi, i),
          binding[i], fit.supA(), at(share, i)));
    }
    double[] eps = s.epsilons();
    double[] supA = s.epsSupA();
    cmr = s.epsCmr();
    binding = s.epsBinding();
    lo = band.epsLow();
    hi = band.epsHigh();
    share = band.epsSupAShare();
    for (int i = 0; i < eps.length; i++) {
      rows.add(new SensitivityRow(fit.key().sweep(), fit.key().domain(), fit.key().model(),
          SensitivityParameter.EPS, eps[i], eps[i] == fit.eps(), cmr[i], at(lo, i), at(hi, i), binding[i], supA[i],
          at(share, i)));
    }
    return rows;
  }

  private static double at(double[] values, int i) {
    return i < values.length ? values[i] : Double.NaN;
  }

  private static LawRow law(GroupFit fit, double ratio, FitResult f, LawForm form) {
    boolean twoTerm = form == LawForm.TWO_TERM;
    double[] p = twoTerm ? TwoTermPowerLaw.ordered(f.parameters()) : f.parameters();
    List<String> names = twoTerm ? form.parameterNames() : f.parameterNames();
    List<Double> values = new ArrayList<>();
    for (double v : p) {
      values.add(v);
    }
    return new LawRow(fit.key().sweep(), fit.key().domain(), fit.key().model(), f.law(), form, ratio, names, values,
        f.r2(), f.rmse(), f.points(), f.iterations(), f.converged(), f.failure());
  }

  private static <T> List<T> map(List<RatioFit> rs, Function<RatioFit, T> f) {
    List<T> out = new ArrayList<>();
    for (RatioFit r : rs) {
      out.add(f.apply(r));
    }
    return out;
  }

  private static List<Double> params(Optional<FitResult> law) {
    List<Double> out = new ArrayList<>();
    law.ifPresent(l -> {
      for (double v : l.parameters()) {
        out.add(v);
      }
    });
    return out;
  }

  private static double r2(Optional<FitResult> law) {
    return law.map(FitResult::r2).orElse(Double.NaN);
  }
}
