package io.cmrsweep.core.simulation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a simulated sweep was generated from, written beside its results as {@code simulation/truth.json}
 * (DESIGN 3.2) so that the fit's printout and the report can set the true CMR beside each estimate. This
 * record is the only definition of that file; {@link SimulationTruthFile} is its codec.
 *
 * @param sweep the sweep name
 * @param noise loss-noise standard deviation, nats
 * @param seed the simulation seed (with the trial id it seeds each trial's noise)
 * @param failureRate the share of attempts that fail (retryably) on purpose
 * @param sizeLaw the size law's form ({@code power} or {@code logit_linear})
 * @param c size-law parameter c
 * @param k size-law parameter k
 * @param g size-law parameter g (power form)
 * @param s4 CMR-law exponent
 * @param b4 CMR-law intercept
 * @param lambda the lambda the laws were built for
 * @param eps the tolerance the laws were built for
 * @param supA the sup A built into the general rise at T_max, or empty when it follows from the token laws
 * @param riseExponent the exponent of that rise over R (with a built-in sup A)
 * @param baseGeneral L_gen of a 1e9-parameter base model
 * @param baseDomain L_dom of a 1e9-parameter base model
 * @param tMaxTokens the sweep's T_max
 * @param models the true values per swept model size
 */
public record SimulationTruth(
    String sweep,
    double noise,
    long seed,
    double failureRate,
    String sizeLaw,
    double c,
    double k,
    double g,
    double s4,
    double b4,
    double lambda,
    double eps,
    Optional<Double> supA,
    double riseExponent,
    double baseGeneral,
    double baseDomain,
    long tMaxTokens,
    List<Model> models) {

  public SimulationTruth {
    Objects.requireNonNull(sweep, "sweep");
    Objects.requireNonNull(sizeLaw, "sizeLaw");
    Objects.requireNonNull(supA, "supA");
    models = List.copyOf(models);
  }

  /**
   * The truth of one swept model size at T_max.
   *
   * @param model the model label
   * @param params parameter count N
   * @param cmr the true CMR, min(law, sup A), at the built lambda and eps
   * @param lawCmr the CMR law's value a4 + b4 (what the size law gives)
   * @param supA the true sup A at the built eps
   * @param cmrAtReportedLambdas the true CMR at lambda 100, 1000 and 7000, in that order
   */
  public record Model(String model, long params, double cmr, double lawCmr, double supA,
      List<Double> cmrAtReportedLambdas) {
    public Model {
      Objects.requireNonNull(model, "model");
      cmrAtReportedLambdas = List.copyOf(cmrAtReportedLambdas);
    }
  }

  /** The true values of one model label, if it was swept. */
  public Optional<Model> model(String label) {
    return models.stream().filter(m -> m.model().equals(label)).findFirst();
  }
}
