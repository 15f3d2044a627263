package io.cmrsweep.worker.train;

/** Observes the training loop; hooks run on the training thread. */
public interface TrainingListener {

  /** After the forward pass of {@code step}, before backward (where autograd's saved tensors are needed). */
  default void afterForward(long step) {}

  default void onStep(StepResult result) {}
}
