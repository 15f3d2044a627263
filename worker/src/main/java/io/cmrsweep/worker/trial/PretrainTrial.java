package io.cmrsweep.worker.trial;

import io.cmrsweep.core.tokenizer.TokenizerIdentity;
import io.cmrsweep.core.trial.EvalSchedule;
import io.cmrsweep.core.trial.TrialSpec;
import io.cmrsweep.core.trial.WorkerExit;
import io.cmrsweep.worker.corpus.Corpora;
import io.cmrsweep.worker.model.LanguageModel;
import io.cmrsweep.worker.tokenizer.Tokenizer;
import io.cmrsweep.worker.train.AdamW;
import io.cmrsweep.worker.train.AdamWConfig;
import io.cmrsweep.worker.train.DivergedException;
import io.cmrsweep.worker.train.LearningRateSchedule;
import io.cmrsweep.worker.train.MixtureBatches;
import io.cmrsweep.worker.train.ProgressLog;
import io.cmrsweep.worker.train.TrainingListener;
import io.cmrsweep.worker.train.TrainingLoop;
import io.cmrsweep.worker.train.ValidationSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pre-trains a base model from scratch on general text (warmup then cosine decay to 0.1x peak), logs the
 * general validation loss on the schedule, and writes the base checkpoint. A checkpoint already in place
 * for the same shape makes this a no-op, so a retried pre-training never overwrites a base in use.
 */
public final class PretrainTrial {
  private static final Logger LOG = LoggerFactory.getLogger(PretrainTrial.class);
  static final double FINAL_LR_FRACTION = 0.1;
  private final TrialSpec spec;
  private final String id;
  private final TrialSpec.Data data;
  private final TrialSpec.Training training;
  private final Corpora corpora;
  private final Tokenizer tokenizer;
  private final List<TrainingListener> listeners;

  public PretrainTrial(TrialSpec spec, Corpora corpora, Tokenizer tokenizer, List<TrainingListener> listeners) {
    this.spec = spec;
    this.id = spec.identity().trialId();
    this.data = spec.data();
    this.training = spec.training();
    this.corpora = corpora;
    this.tokenizer = tokenizer;
    this.listeners = List.copyOf(listeners);
  }

  public TrialOutcome run() {
    Path target = LocalPaths.of("paths.baseCheckpoint", spec.paths().baseCheckpoint());
    BaseCheckpoint checkpoint = new BaseCheckpoint();
    if (Files.isRegularFile(target.resolve(BaseCheckpoint.META))) {
      BaseCheckpoint.Meta meta = checkpoint.readMeta(target);
      if (!meta.shape().equals(spec.model())) {
        throw new BadSpecException("paths.baseCheckpoint=" + target + " already holds model " + meta.shape()
            + "; remove it or choose another directory for " + spec.model());
      }
      TokenizerIdentity recorded = TokenizerIdentity.recordedIn(target).orElse(TokenizerIdentity.ofBytes());
      if (!recorded.sameTokensAs(tokenizer.identity())) {
        throw new BadSpecException("paths.baseCheckpoint=" + target + " already holds a base trained with "
            + recorded.label() + ", not data.tokenizer=" + tokenizer.identity().label() + "; remove it or choose"
            + " another directory");
      }
      return new TrialOutcome(WorkerExit.OK, "base checkpoint " + target + " already present (general loss "
          + meta.generalValidLoss() + ")", List.of());
    }
    int ctx = spec.model().context();
    MixtureBatches batches = MixtureBatches.generalOnly(corpora.train(data.generalCorpus()), training.batchSize(), ctx,
        training.seed());
    ValidationSet valid = new ValidationSet(corpora.valid(data.generalCorpus()), ctx, data.validationTokens());
    int tps = batches.tokensPerBatch();
    long totalSteps = EvalSchedule.totalSteps(training.tokens(), tps);
    EvalSchedule schedule = EvalSchedule.of(training.evalTokens(), training.tokens(), tps);
    Optional<ResumeStore> store = spec.paths().workDir().isBlank() ? Optional.empty()
        : Optional.of(new ResumeStore(LocalPaths.of("paths.workDir", spec.paths().workDir())));
    try (LanguageModel model = LanguageModel.create(spec.model(), training.seed());
        AdamW optimizer = new AdamW(model.parameters(), AdamWConfig.standard(), model.manager())) {
      long start = store.flatMap(s -> s.restore(id, model, optimizer))
          .map(ResumeStore.State::stepsDone).orElse(0L);
      LOG.info("pretrain {}: {} parameters, {} steps of {} tokens, starting after step {}", spec.model().label(),
          model.parameterCount(), totalSteps, tps, start);
      List<TrainingListener> all = new ArrayList<>(listeners);
      all.add(new ProgressLog("pretrain " + spec.model().label(), totalSteps));
      TrainingLoop loop = new TrainingLoop(model, optimizer, new LearningRateSchedule.WarmupCosine(training.peakLr(),
          training.warmupTokens() / tps, totalSteps, FINAL_LR_FRACTION), batches, all);
      double loss = Double.NaN;
      try {
        for (long s = start; s < totalSteps; s++) {
          loop.step(s);
          long done = s + 1;
          if (schedule.evaluatesAfter(done)) {
            loss = valid.loss(model, training.batchSize());
            LOG.info("pretrain {} T={} general validation loss {}", spec.model().label(), done * tps, loss);
            if (!Double.isFinite(loss)) {
              return new TrialOutcome(WorkerExit.DIVERGED, "pretrain diverged: validation loss " + loss
                  + " at step " + done, List.of());
            }
            store.ifPresent(st -> st.save(new ResumeStore.State(id, done, List.of()), model, optimizer));
          }
        }
      } catch (DivergedException e) {
        return new TrialOutcome(WorkerExit.DIVERGED, "pretrain diverged: " + e.getMessage(), List.of());
      }
      if (Double.isNaN(loss)) {
        loss = valid.loss(model, training.batchSize());
      }
      checkpoint.save(target, model, tokenizer, new BaseCheckpoint.Meta(spec.model(),
          model.parameterCount(), totalSteps * tps, training.peakLr(), training.seed(), loss));
      return new TrialOutcome(WorkerExit.OK, "base checkpoint written to " + target + " (general validation loss "
          + loss + ")", List.of());
    }
  }
}
