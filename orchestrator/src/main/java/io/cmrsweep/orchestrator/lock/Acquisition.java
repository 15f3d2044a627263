package io.cmrsweep.orchestrator.lock;

/** The outcome of trying to take a coordinator lock: held, or busy with who holds it. */
public sealed interface Acquisition {

  /** The lock is ours until closed. */
  record Held(SweepLock lock) implements Acquisition {}

  /**
   * Another coordinator holds it.
   *
   * @param where the lock file or lease
   * @param holder who holds it, as far as it is known
   */
  record Busy(String where, String holder) implements Acquisition {}
}
