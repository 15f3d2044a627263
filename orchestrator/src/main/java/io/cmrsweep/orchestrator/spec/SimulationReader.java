package io.cmrsweep.orchestrator.spec;

import io.cmrsweep.core.fit.FitParameters;
import io.cmrsweep.core.trial.ModelShape;
import io.cmrsweep.fit.truth.GeneralRise;
import io.cmrsweep.fit.truth.SizeLaw;
import io.cmrsweep.fit.truth.SizeLawForm;
import io.cmrsweep.fit.truth.TruthModel;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code execution.simulation} (DESIGN 3.5): every field checked, every problem naming its path. The
 * truth's lambda and eps default to the fit's, so that a fit with the sweep's own settings is compared with
 * the truth it can recover.
 */
final class SimulationReader {
  private SimulationReader() {}

  static SimulationSpec read(Fields f, boolean used, FitParameters fit) {
    if (!used && !f.keys().isEmpty()) {
      f.problems().add(f.path("") .replaceAll("\\.$", "") + " is set but execution.backend is not simulated; set"
          + " execution.backend: simulated to simulate the sweep, or remove the simulation block");
    }
    double noise = within(f, "noise", 1e-5, 0, 1, "a loss-noise standard deviation in [0, 1] nats, e.g. 1.0e-5");
    long seed = f.amount("seed", 1L, 0);
    double failureRate = within(f, "failureRate", 0.0, 0, 0.9,
        "a share of attempts in [0, 0.9] that fail on purpose, e.g. 0.05 (0 for none)");
    Fields t = f.child("truth");
    Fields law = t.child("sizeLaw");
    SizeLaw defaults = SizeLaw.defaults();
    String formName = law.string("form", defaults.form().name().toLowerCase(Locale.ROOT));
    SizeLawForm form = SizeLawForm.POWER;
    try {
      form = SizeLawForm.valueOf(formName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      law.problems().add(law.path("form") + "='" + formName + "' is not a size law; use power (c - k (N/1e9)^-g)"
          + " or logit_linear (logit CMR = c + k ln(N/1e9))");
    }
    double c = finite(law, "c", defaults.c());
    double k = finite(law, "k", defaults.k());
    double g = form == SizeLawForm.POWER ? within(law, "g", defaults.g(), 1e-9, 10, "an exponent in (0, 10], e.g. 0.3")
        : finite(law, "g", 0.0);
    law.rejectUnknown();
    TruthModel d = TruthModel.defaults();
    double s4 = within(t, "s4", d.s4(), 1e-9, 10, "a CMR-law exponent in (0, 10], e.g. 0.5");
    double b4 = within(t, "b4", d.b4(), 0, 0.99, "a CMR-law intercept in [0, 0.99], e.g. 0");
    // Absent: the fit's own value, or the truth's default where the fit's is itself invalid (reported under fit).
    double lambda = within(t, "lambda", fit.lambda() > 0 && fit.lambda() <= 1e9 ? fit.lambda() : d.lambda(), 1e-9,
        1e9, "a lambda in (0, 1e9], e.g. 1000 (default: fit.lambda)");
    double eps = within(t, "eps", fit.eps() > 0 && fit.eps() <= 10 ? fit.eps() : d.eps(), 1e-9, 10,
        "a tolerance in (0, 10] nats, e.g. 0.05 (default: fit.eps)");
    GeneralRise rise = new GeneralRise.Implied();
    double exponent = within(t, "riseExponent", 1.5, 1e-9, 10, "an exponent of the general rise over R in (0, 10], e.g. 1.5");
    if (t.has("supA")) {
      double supA = within(t, "supA", 1.0, 1e-9, 1, "a ratio in (0, 1] where the general rise reaches eps, e.g. 0.35");
      rise = new GeneralRise.Bounded(supA, exponent);
    }
    double baseGeneral = within(t, "baseGeneral", d.baseGeneral(), 1e-9, 100, "a loss in (0, 100] nats, e.g. 2.5");
    double baseDomain = within(t, "baseDomain", d.baseDomain(), 1e-9, 100, "a loss in (0, 100] nats, e.g. 3.1");
    t.rejectUnknown();
    f.rejectUnknown();
    return new SimulationSpec(noise, seed, failureRate,
        new TruthModel(new SizeLaw(form, c, k, form == SizeLawForm.POWER ? g : 0), s4, b4, lambda, eps, rise,
            baseGeneral, baseDomain));
  }

  /**
   * The truth must exist for every swept cell: the size law's CMR in (b4, 1] at every model's size, and every
   * ratio 0 or above b4.
   */
  static void checkCells(SimulationSpec sim, List<ModelShape> models, List<Double> ratios, Problems problems) {
    TruthModel truth = sim.truth();
    String base = "execution.simulation.truth.";
    for (ModelShape m : models) {
      long n = m.parameterCount();
      double cmr = truth.sizeLaw().cmr(n);
      if (!(cmr > truth.b4() && cmr <= 1)) {
        problems.add(base + "sizeLaw gives CMR=" + String.format(Locale.ROOT, "%.4g", cmr) + " for model " + m.label()
            + " (" + n + " parameters), outside (b4=" + truth.b4() + ", 1]; change c, k or g (the form"
            + " " + truth.sizeLaw().form().name().toLowerCase(Locale.ROOT) + " uses N/1e9) or the model sizes");
      }
    }
    for (int i = 0; i < ratios.size(); i++) {
      double r = ratios.get(i);
      if (r != 0 && r <= truth.b4()) {
        problems.add(base + "b4=" + truth.b4() + " is not below cpt.ratios[" + i + "]=" + r + ": the truth has no T0"
            + " for ratios in (0, b4]; lower b4 or drop the ratio");
      }
    }
  }

  private static double finite(Fields f, String key, double fallback) {
    double v = f.number(key, fallback);
    if (!Double.isFinite(v)) {
      f.problems().add(f.path(key) + "=" + v + " must be a finite number");
      return fallback;
    }
    return v;
  }

  private static double within(Fields f, String key, double fallback, double min, double max, String what) {
    double v = f.number(key, fallback);
    if (!(v >= min && v <= max)) {
      f.problems().add(f.path(key) + "=" + v + " must be " + what);
      return fallback;
    }
    return v;
  }
}
