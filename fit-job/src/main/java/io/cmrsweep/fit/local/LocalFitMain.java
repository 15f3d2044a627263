package io.cmrsweep.fit.local;

/** Composition root of the one-machine fit: {@code java -cp ... io.cmrsweep.fit.local.LocalFitMain --input ...}. */
public final class LocalFitMain {
  private LocalFitMain() {}

  public static void main(String[] args) {
    System.exit(new LocalFit(System.out, System.err).run(args));
  }
}
