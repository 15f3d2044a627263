package io.cmrsweep.worker.train;

/** The training loss or gradient became NaN or infinite: the trial cannot continue. */
public final class DivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long step;

  public DivergedException(long step, String what, double value) {
    super(what + " became " + value + " at step " + step + "; the trial diverged (lower peakLr or check the data)");
    this.step = step;
  }

  public long step() {
    return step;
  }
}
