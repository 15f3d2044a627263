package io.cmrsweep.core.fit;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The model sizes, in parameters, at which the fit predicts the CMR from the size law (DESIGN 1.1 step 6):
 * {@code fit.predictParams: [1.0e9, 7.0e9]} in the sweep spec, {@code --predict-params 1e9,7e9} for the fit
 * job and the local fit. Both read the key from {@link #KEY} / {@link #OPTION} and validate with
 * {@link #problems}, so they refuse the same values with the same words. Empty: no predictions.
 *
 * @param targets distinct sizes in [{@link #MIN}, {@link #MAX}] parameters, ascending
 */
public record PredictParams(List<Long> targets) implements Serializable {
  /** The spec key under {@code fit:}. */
  public static final String KEY = "predictParams";
  /** The fit-job option: {@link #KEY} in kebab case (a literal, so annotations can use it; a test checks it). */
  public static final String OPTION = "--predict-params";
  /** Smallest target: a model below a million parameters is not a language model this law is about. */
  public static final double MIN = 1e6;
  /** Largest target: ten trillion parameters. */
  public static final double MAX = 1e13;
  /** Most targets per fit (each costs a column of bootstrap predictions and a row). */
  public static final int MAX_TARGETS = 16;

  public PredictParams {
    targets = List.copyOf(targets);
    List<Double> asDoubles = targets.stream().map(Long::doubleValue).toList();
    List<String> problems = problems(asDoubles, KEY);
    if (!problems.isEmpty()) {
      throw new FitParametersException(problems);
    }
    if (!targets.stream().sorted().toList().equals(targets)) {
      throw new IllegalArgumentException(KEY + "=" + targets + " must be ascending; use PredictParams.of");
    }
  }

  public static PredictParams none() {
    return new PredictParams(List.of());
  }

  /** Validated targets (sorted), or a {@link FitParametersException} naming {@code field} and every bad entry. */
  public static PredictParams of(List<Double> values, String field) {
    List<String> problems = problems(values, field);
    if (!problems.isEmpty()) {
      throw new FitParametersException(problems);
    }
    return new PredictParams(values.stream().map(Math::round).sorted().toList());
  }

  /** Every problem of {@code values}, each naming {@code field}[i], the value and the fix. */
  public static List<String> problems(List<Double> values, String field) {
    List<String> problems = new ArrayList<>();
    if (values.size() > MAX_TARGETS) {
      problems.add(field + " lists " + values.size() + " sizes; at most " + MAX_TARGETS
          + " are allowed; keep the sizes you will train");
      return problems;
    }
    List<Long> seen = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      Double v = values.get(i);
      if (v == null || !(v >= MIN && v <= MAX)) {
        problems.add(field + "[" + i + "]=" + v + " must be a model size in parameters between 1.0e6 and 1.0e13;"
            + " write e.g. 7.0e9 for a 7B model");
      } else if (seen.contains(Math.round(v))) {
        problems.add(field + "[" + i + "]=" + v + " is a duplicate; list each size once");
      } else {
        seen.add(Math.round(v));
      }
    }
    return problems;
  }

  public boolean isEmpty() {
    return targets.isEmpty();
  }

  /** {@code --predict-params 1.0E9,7.0E9}, or nothing when there are no targets. */
  public List<String> arguments() {
    if (targets.isEmpty()) {
      return List.of();
    }
    return List.of(OPTION, targets.stream().map(t -> Double.toString(t.doubleValue()))
        .collect(Collectors.joining(",")));
  }
}
