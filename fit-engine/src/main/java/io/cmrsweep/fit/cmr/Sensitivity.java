package io.cmrsweep.fit.cmr;

import io.cmrsweep.core.fit.Binding;
import java.util.Arrays;
import java.util.Objects;

/**
 * The CMR of one fit over the sensitivity grids of {@link FitSettings#lambdaGrid()} and
 * {@link FitSettings#epsGrid()} (DESIGN 1.1 step 5), with the constraint that binds at each point. Along
 * lambda, T0 and the CMR law are re-solved at the settings' eps; along eps, only sup A moves (dF/dT does
 * not depend on eps), so the CMR law of the settings' lambda is bounded by each eps's sup A.
 *
 * @param lambdas the lambda grid, ascending
 * @param lambdaCmr CMR at each lambda of the grid (NaN where no ratio is feasible)
 * @param epsilons the eps grid, ascending
 * @param epsSupA sup A at each eps
 * @param epsCmr CMR at each eps of the grid (NaN where no ratio is feasible)
 */
public record Sensitivity(double[] lambdas, double[] lambdaCmr, Binding[] lambdaBinding, double[] epsilons,
    double[] epsSupA, double[] epsCmr, Binding[] epsBinding) implements java.io.Serializable {

  public Sensitivity {
    lambdas = lambdas.clone();
    epsilons = epsilons.clone();
    lambdaCmr = lambdaCmr.clone();
    lambdaBinding = lambdaBinding.clone();
    epsSupA = epsSupA.clone();
    epsCmr = epsCmr.clone();
    epsBinding = epsBinding.clone();
    if (lambdaBinding.length != lambdas.length || lambdaCmr.length != lambdas.length) {
      throw new IllegalArgumentException("lambdaBinding has " + lambdaBinding.length + " entries, lambdaCmr "
          + lambdaCmr.length + "; one per lambda");
    }
    if (epsSupA.length != epsilons.length || epsCmr.length != epsilons.length
        || epsBinding.length != epsilons.length) {
      throw new IllegalArgumentException("epsSupA, epsCmr and epsBinding must have one entry per eps; got "
          + epsSupA.length + ", " + epsCmr.length + ", " + epsBinding.length);
    }
  }

  /** Nothing known: NaN and {@link Binding#NONE} on both grids of {@code settings}. */
  public static Sensitivity none(FitSettings settings) {
    double[] lambdas = settings.lambdaGrid();
    double[] epsilons = settings.epsGrid();
    int nl = lambdas.length;
    int ne = epsilons.length;
    double[] l = new double[nl];
    double[] e = new double[ne];
    Arrays.fill(l, Double.NaN);
    Arrays.fill(e, Double.NaN);
    Binding[] bl = new Binding[nl];
    Binding[] be = new Binding[ne];
    Arrays.fill(bl, Binding.NONE);
    Arrays.fill(be, Binding.NONE);
    return new Sensitivity(lambdas, l, bl, epsilons, e, e, be);
  }

  @Override
  public double[] lambdas() {
    return lambdas.clone();
  }

  @Override
  public double[] epsilons() {
    return epsilons.clone();
  }

  @Override
  public double[] lambdaCmr() {
    return lambdaCmr.clone();
  }

  @Override
  public Binding[] lambdaBinding() {
    return lambdaBinding.clone();
  }

  @Override
  public double[] epsSupA() {
    return epsSupA.clone();
  }

  @Override
  public double[] epsCmr() {
    return epsCmr.clone();
  }

  @Override
  public Binding[] epsBinding() {
    return epsBinding.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sensitivity s && Arrays.equals(lambdas, s.lambdas) && Arrays.equals(epsilons, s.epsilons)
        && Arrays.equals(lambdaCmr, s.lambdaCmr)
        && Arrays.equals(lambdaBinding, s.lambdaBinding) && Arrays.equals(epsSupA, s.epsSupA)
        && Arrays.equals(epsCmr, s.epsCmr) && Arrays.equals(epsBinding, s.epsBinding);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(lambdaCmr), Arrays.hashCode(epsCmr));
  }

  @Override
  public String toString() {
    return "Sensitivity[lambda=" + Arrays.toString(lambdaCmr) + ", eps=" + Arrays.toString(epsCmr) + "]";
  }
}
