package io.cmrsweep.fit.spark;

/** Entry point of {@code spark-submit fit-job.jar ...}; exits with what {@link FitJobCommand} returns. */
public final class FitJobMain {
  private FitJobMain() {}

  public static void main(String[] args) {
    int code = new FitJobCommand(System.out, System.err).run(args);
    if (code != 0) {
      System.exit(code);
    }
  }
}
