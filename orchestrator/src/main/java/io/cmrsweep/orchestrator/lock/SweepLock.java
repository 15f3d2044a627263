package io.cmrsweep.orchestrator.lock;

/** A held coordinator lock; closing releases it. */
public interface SweepLock extends AutoCloseable {

  /** False once the lock was lost (a lease another coordinator took over after this one stopped refreshing). */
  boolean held();

  /** Where the lock lives, for messages. */
  String where();

  @Override
  void close();
}
