package io.cmrsweep.core.trial;

import java.util.List;
import java.util.TreeSet;

/**
 * The optimizer steps after which a trial evaluates (the worker; the simulated backend uses the same schedule) (and saves resumable state). Requested token counts
 * are rounded up to whole steps; the last step is always included. With no request, the standard schedule
 * is the union of {@value #POINTS} log-spaced and {@value #POINTS} evenly spaced points: the log-spaced
 * ones resolve the early rise of the general loss, the regular ones its later course.
 */
public record EvalSchedule(List<Long> steps) {
  public static final int POINTS = 10;

  public EvalSchedule {
    steps = List.copyOf(new TreeSet<>(steps));
  }

  public static EvalSchedule of(List<Long> evalTokens, long totalTokens, int tokensPerStep) {
    long totalSteps = totalSteps(totalTokens, tokensPerStep);
    TreeSet<Long> steps = new TreeSet<>();
    if (evalTokens.isEmpty()) {
      for (int i = 0; i <= POINTS; i++) {
        steps.add(Math.max(1, Math.round(totalSteps * (double) i / POINTS)));
        steps.add(Math.max(1, Math.round(Math.pow(totalSteps, (double) i / POINTS))));
      }
    } else {
      for (long t : evalTokens) {
        steps.add(Math.min(totalSteps, Math.max(1, (t + tokensPerStep - 1) / tokensPerStep)));
      }
    }
    steps.add(totalSteps);
    return new EvalSchedule(List.copyOf(steps));
  }

  public static long totalSteps(long totalTokens, int tokensPerStep) {
    return Math.max(1, (totalTokens + tokensPerStep - 1) / tokensPerStep);
  }

  public boolean evaluatesAfter(long stepsDone) {
    return steps.contains(stepsDone);
  }
}
