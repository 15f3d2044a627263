package io.cmrsweep.worker.trial;

import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.core.loss.ParquetLossWriter;
import io.cmrsweep.core.trial.TrialSpec;
import io.cmrsweep.worker.corpus.Corpora;
import io.cmrsweep.worker.model.LanguageModel;
import io.cmrsweep.worker.train.AdamW;
import io.cmrsweep.worker.train.AdamWConfig;
import io.cmrsweep.worker.train.DivergedException;
import io.cmrsweep.worker.train.LearningRateSchedule;
import io.cmrsweep.worker.train.MixtureBatches;
import io.cmrsweep.worker.train.ProgressLog;
import io.cmrsweep.worker.train.TrainingListener;
import io.cmrsweep.worker.train.TrainingLoop;
import io.cmrsweep.worker.train.ValidationSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One continual pre-training trial: load the base model, measure both validation losses at T = 0, train
 * on the R-mixture with warmup-constant LR, measure again after every scheduled step, and commit the loss
 * records atomically. Resumable state is saved at every measurement.
 */
public final class CptTrial {
  private static final Logger LOG = LoggerFactory.getLogger(CptTrial.class);
  private final TrialSpec spec;
  private final Corpora corpora;
  private final List<TrainingListener> listeners;

  public CptTrial(TrialSpec spec, Corpora corpora, List<TrainingListener> listeners) {
    this.spec = spec;
    this.corpora = corpora;
    this.listeners = List.copyOf(listeners);
  }

  public TrialOutcome run() {
    int ctx = spec.model().context();
    MixtureBatches batches = new MixtureBatches(corpora.train(spec.generalCorpus()), corpora.train(spec.domain()),
        spec.ratio(), spec.batchSize(), ctx, spec.seed());
    ValidationSet general = new ValidationSet(corpora.valid(spec.generalCorpus()), ctx, spec.validationTokens());
    ValidationSet domain = new ValidationSet(corpora.valid(spec.domain()), ctx, spec.validationTokens());
    int tps = batches.tokensPerBatch();
    EvalSchedule schedule = EvalSchedule.of(spec.evalTokens(), spec.tokens(), tps);
    long totalSteps = EvalSchedule.totalSteps(spec.tokens(), tps);
    Optional<ResumeStore> store = spec.workDir().isBlank() ? Optional.empty()
        : Optional.of(new ResumeStore(LocalPaths.of("workDir", spec.workDir())));
    try (LanguageModel model = LanguageModel.create(spec.model(), spec.seed());
        AdamW optimizer = new AdamW(model.parameters(), AdamWConfig.standard(), model.manager())) {
      new BaseCheckpoint().loadInto(LocalPaths.of("baseCheckpoint", spec.baseCheckpoint()), model);
      Measure measure = new Measure(model, general, domain, model.parameterCount());
      List<LossRecord> records = new ArrayList<>();
      long start = 0;
      Optional<ResumeStore.State> restored = store.flatMap(s -> s.restore(spec.trialId(), model, optimizer));
      if (restored.isPresent()) {
        records.addAll(restored.get().records());
        start = restored.get().stepsDone();
        LOG.info("{} resumes after step {} of {} with {} records", spec.trialId(), start, totalSteps, records.size());
      } else {
        records.add(measure.at(0, 0));
        LOG.info("{} base losses: general {} domain {} ({} + {} validation tokens)", spec.trialId(),
            records.get(0).generalLoss(), records.get(0).domainLoss(), general.tokens(), domain.tokens());
      }
      List<TrainingListener> all = new ArrayList<>(listeners);
      all.add(new ProgressLog(spec.trialId(), totalSteps));
      TrainingLoop loop = new TrainingLoop(model, optimizer,
          new LearningRateSchedule.WarmupConstant(spec.peakLr(), spec.warmupTokens() / tps), batches, all);
      try {
        for (long s = start; s < totalSteps; s++) {
          loop.step(s);
          long done = s + 1;
          if (schedule.evaluatesAfter(done)) {
            LossRecord r = measure.at(done, done * tps);
            records.add(r);
            LOG.info("{} T={} general {} domain {}", spec.trialId(), r.tokens(), r.generalLoss(), r.domainLoss());
            if (!r.finite()) {
              return diverged(records, "validation loss became non-finite at step " + done);
            }
            store.ifPresent(st -> st.save(new ResumeStore.State(spec.trialId(), done, records), model, optimizer));
          }
        }
      } catch (DivergedException e) {
        long failed = e.step() + 1;
        records.add(record(failed, failed * tps, model.parameterCount(), Double.NaN, Double.NaN));
        return diverged(records, e.getMessage());
      }
      ParquetLossWriter.Commit commit = commit(records);
      return new TrialOutcome(WorkerExit.OK, spec.trialId() + ": " + records.size() + " loss records " + commit
          + " at " + spec.lossFile(), records);
    }
  }

  private TrialOutcome diverged(List<LossRecord> records, String why) {
    commit(records);
    return new TrialOutcome(WorkerExit.DIVERGED, spec.trialId() + " diverged: " + why + "; " + records.size()
        + " records (the last with NaN losses) committed at " + spec.lossFile(), records);
  }

  private ParquetLossWriter.Commit commit(List<LossRecord> records) {
    return new ParquetLossWriter(new Configuration()).write(new Path(spec.lossFile()), records);
  }

  private LossRecord record(long step, long tokens, long params, double generalLoss, double domainLoss) {
    return new LossRecord(spec.sweep(), spec.trialId(), spec.domain(), spec.model().label(), params, spec.ratio(),
        spec.seed(), step, tokens, generalLoss, domainLoss, spec.attempt());
  }

  /** Both validation losses of the current weights, as a loss record. */
  private final class Measure {
    private final LanguageModel model;
    private final ValidationSet general;
    private final ValidationSet domain;
    private final long params;

    Measure(LanguageModel model, ValidationSet general, ValidationSet domain, long params) {
      this.model = model;
      this.general = general;
      this.domain = domain;
      this.params = params;
    }

    LossRecord at(long step, long tokens) {
      return record(step, tokens, params, general.loss(model, spec.batchSize()), domain.loss(model, spec.batchSize()));
    }
  }
}
