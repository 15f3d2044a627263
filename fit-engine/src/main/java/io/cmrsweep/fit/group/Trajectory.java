package io.cmrsweep.fit.group;

import java.util.Arrays;
import java.util.Objects;

/**
 * One trial's checkpoints (one ratio, one seed), sorted by tokens; the T = 0 base point is included
 * when it was measured. Ties in tokens are allowed because a checkpoint bootstrap draws the same
 * checkpoint more than once; the assembler itself never produces ties. Losses must be finite (the
 * assembler sets non-finite rows aside and counts them). Arrays are copied in and out.
 */
public record Trajectory(double ratio, int seed, double[] tokens, double[] generalLoss, double[] domainLoss)
    implements java.io.Serializable {

  public Trajectory {
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(generalLoss, "generalLoss");
    Objects.requireNonNull(domainLoss, "domainLoss");
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new IllegalArgumentException("ratio=" + ratio + " must be a domain share in [0, 1]; write e.g. 0.25");
    }
    if (tokens.length != generalLoss.length || tokens.length != domainLoss.length) {
      throw new IllegalArgumentException("trajectory ratio=" + ratio + " seed=" + seed + " has " + tokens.length
          + " tokens, " + generalLoss.length + " general losses and " + domainLoss.length
          + " domain losses; give one of each per checkpoint");
    }
    tokens = tokens.clone();
    generalLoss = generalLoss.clone();
    domainLoss = domainLoss.clone();
    for (int i = 0; i < tokens.length; i++) {
      String at = "trajectory ratio=" + ratio + " seed=" + seed + " checkpoint " + i + ": ";
      if (!(tokens[i] >= 0 && Double.isFinite(tokens[i]))) {
        throw new IllegalArgumentException(at + "tokens=" + tokens[i] + " must be finite and >= 0 (0 = base model)");
      }
      if (i > 0 && tokens[i] < tokens[i - 1]) {
        throw new IllegalArgumentException(at + "tokens=" + tokens[i] + " comes after " + tokens[i - 1]
            + "; sort checkpoints by tokens");
      }
      if (!Double.isFinite(generalLoss[i]) || !Double.isFinite(domainLoss[i])) {
        throw new IllegalArgumentException(at + "losses (" + generalLoss[i] + ", " + domainLoss[i]
            + ") must be finite; set diverged checkpoints aside (GroupAssembler counts them)");
      }
    }
  }

  @Override
  public double[] tokens() {
    return tokens.clone();
  }

  @Override
  public double[] generalLoss() {
    return generalLoss.clone();
  }

  @Override
  public double[] domainLoss() {
    return domainLoss.clone();
  }

  public int size() {
    return tokens.length;
  }

  /** Tokens of checkpoint i (no copy). */
  public double tokensAt(int i) {
    return tokens[i];
  }

  public double generalAt(int i) {
    return generalLoss[i];
  }

  public double domainAt(int i) {
    return domainLoss[i];
  }

  public boolean hasBasePoint() {
    return tokens.length > 0 && tokens[0] == 0.0;
  }

  /** Largest tokens, 0 when empty. */
  public double maxTokens() {
    return tokens.length == 0 ? 0 : tokens[tokens.length - 1];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Trajectory t && Double.compare(ratio, t.ratio) == 0 && seed == t.seed
        && Arrays.equals(tokens, t.tokens) && Arrays.equals(generalLoss, t.generalLoss)
        && Arrays.equals(domainLoss, t.domainLoss);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ratio, seed, Arrays.hashCode(tokens), Arrays.hashCode(generalLoss),
        Arrays.hashCode(domainLoss));
  }

  @Override
  public String toString() {
    return "Trajectory[ratio=" + ratio + ", seed=" + seed + ", checkpoints=" + tokens.length + "]";
  }
}
