package io.cmrsweep.worker.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.cmrsweep.worker.model.LanguageModel;
import java.util.List;

/**
 * One optimizer step at a time: draw batch k, forward, backward, clip, AdamW update. All per-step arrays
 * live in a sub-manager closed at the end of the step (after the update, so autograd's saved tensors stay
 * alive through backward).
 */
public final class TrainingLoop {
  private final LanguageModel model;
  private final AdamW optimizer;
  private final LearningRateSchedule schedule;
  private final MixtureBatches batches;
  private final List<TrainingListener> listeners;

  public TrainingLoop(LanguageModel model, AdamW optimizer, LearningRateSchedule schedule, MixtureBatches batches,
      List<TrainingListener> listeners) {
    this.model = model;
    this.optimizer = optimizer;
    this.schedule = schedule;
    this.batches = batches;
    this.listeners = List.copyOf(listeners);
  }

  /**
   * Runs step {@code step} (0-based).
   *
   * @throws DivergedException when the loss or gradient norm is not finite; the parameters are then left
   *     as they were before this step
   */
  public StepResult step(long step) {
    Batch batch = batches.at(step);
    double lr = schedule.at(step);
    double loss;
    double norm;
    try (NDManager sub = model.manager().newSubManager()) {
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray l = model.meanLoss(sub, batch.inputs(), batch.targets(), batch.rows(), true);
        for (TrainingListener listener : listeners) {
          listener.afterForward(step);
        }
        collector.backward(l);
        loss = l.getFloat();
      }
      if (!Double.isFinite(loss)) {
        throw new DivergedException(step, "training loss", loss);
      }
      norm = optimizer.step(lr);
      if (!Double.isFinite(norm)) {
        throw new DivergedException(step, "gradient norm", norm);
      }
    }
    StepResult result = new StepResult(step, loss, norm, lr, batch.tokens(), batch.domainRows());
    for (TrainingListener listener : listeners) {
      listener.onStep(result);
    }
    return result;
  }
}
