package io.cmrsweep.worker.trial;

import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.core.loss.ParquetLossWriter;
import io.cmrsweep.core.tokenizer.TokenizerIdentity;
import io.cmrsweep.core.trial.EvalSchedule;
import io.cmrsweep.core.trial.TrialSpec;
import io.cmrsweep.core.trial.WorkerExit;
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
  private final String id;
  private final TrialSpec.Data data;
  private final TrialSpec.Training training;
  private final Corpora corpora;
  private final TokenizerIdentity tokenizer;
  private final List<TrainingListener> listeners;
  private final Configuration hadoopConf;

  public CptTrial(TrialSpec spec, Corpora corpora, TokenizerIdentity tokenizer, List<TrainingListener> listeners,
      Configuration hadoopConf) {
    this.spec = spec;
    this.id = spec.identity().trialId();
    this.data = spec.data();
    this.training = spec.training();
    this.corpora = corpora;
    this.tokenizer = tokenizer;
    this.listeners = List.copyOf(listeners);
    this.hadoopConf = hadoopConf;
  }

  public TrialOutcome run() {
    int ctx = spec.model().context();
    MixtureBatches batches = new MixtureBatches(corpora.train(data.generalCorpus()), corpora.train(data.domain()),
        data.ratio(), training.batchSize(), ctx, training.seed());
    ValidationSet general = new ValidationSet(corpora.valid(data.generalCorpus()), ctx, data.validationTokens());
    ValidationSet domain = new ValidationSet(corpora.valid(data.domain()), ctx, data.validationTokens());
    int tps = batches.tokensPerBatch();
    EvalSchedule schedule = EvalSchedule.of(training.evalTokens(), training.tokens(), tps);
    // a run stopped early follows the whole run's schedules and is measured at its stop: the full run's prefix
    long totalSteps = EvalSchedule.totalSteps(training.runTokens(), tps);
    Optional<ResumeStore> store = spec.paths().workDir().isBlank() ? Optional.empty()
        : Optional.of(new ResumeStore(LocalPaths.of("paths.workDir", spec.paths().workDir())));
    try (LanguageModel model = LanguageModel.create(spec.model(), training.seed());
        AdamW optimizer = new AdamW(model.parameters(), AdamWConfig.standard(), model.manager())) {
      new BaseCheckpoint().loadInto(LocalPaths.of("paths.baseCheckpoint", spec.paths().baseCheckpoint()), model,
          tokenizer);
      Measure measure = new Measure(model, general, domain, model.parameterCount());
      List<LossRecord> records = new ArrayList<>();
      long start = 0;
      Optional<ResumeStore.State> restored = store.flatMap(s -> s.restore(id, model, optimizer));
      if (restored.isEmpty() && !spec.paths().continueFrom().isBlank()) {
        restored = continued(model, optimizer, schedule, totalSteps, tps);
      }
      if (restored.isPresent()) {
        records.addAll(restored.get().records());
        start = restored.get().stepsDone();
        LOG.info("{} resumes after step {} of {} with {} records", id, start, totalSteps, records.size());
      } else {
        records.add(measure.at(0, 0));
        LOG.info("{} base losses: general {} domain {} ({} + {} validation tokens)", id,
            records.get(0).generalLoss(), records.get(0).domainLoss(), general.tokens(), domain.tokens());
      }
      List<TrainingListener> all = new ArrayList<>(listeners);
      all.add(new ProgressLog(id, totalSteps));
      TrainingLoop loop = new TrainingLoop(model, optimizer,
          new LearningRateSchedule.WarmupConstant(training.peakLr(), training.warmupTokens() / tps), batches, all);
      try {
        for (long s = start; s < totalSteps; s++) {
          loop.step(s);
          long done = s + 1;
          if (schedule.evaluatesAfter(done) || done == totalSteps) {
            LossRecord r = measure.at(done, done * tps);
            records.add(r);
            LOG.info("{} T={} general {} domain {}", id, r.tokens(), r.generalLoss(), r.domainLoss());
            if (!r.finite()) {
              return diverged(records, "validation loss became non-finite at step " + done);
            }
            store.ifPresent(st -> st.save(new ResumeStore.State(id, done, records), model, optimizer));
          }
        }
      } catch (DivergedException e) {
        long failed = e.step() + 1;
        records.add(record(failed, failed * tps, model.parameterCount(), Double.NaN, Double.NaN, Double.NaN,
            Double.NaN));
        return diverged(records, e.getMessage());
      }
      ParquetLossWriter.Commit commit = commit(records);
      return new TrialOutcome(WorkerExit.OK, id + ": " + records.size() + " loss records " + commit
          + " at " + spec.paths().lossFile(), records);
    }
  }

  /**
   * The final state of the shorter run this one continues ({@code paths.continueFrom}): the same ratio, seed, domain
   * and model, stopped early on the same schedules, so going on from it gives exactly the full run. Its records are
   * kept where the full run measures (its extra measurement at its stop is not), under this trial's id. Empty, with a
   * warning, when that run left no state: this run then starts from the base model, to the same losses.
   */
  private Optional<ResumeStore.State> continued(LanguageModel model, AdamW optimizer, EvalSchedule schedule,
      long totalSteps, int tokensPerStep) {
    String from = spec.paths().continueFrom();
    ResumeStore earlier = new ResumeStore(LocalPaths.of("paths.continueFrom", from));
    Optional<ResumeStore.State> state = earlier.latest();
    if (state.isEmpty()) {
      LOG.warn("{}: paths.continueFrom {} holds no saved state; training from the base model instead (the same"
          + " losses, all the tokens)", id, from);
      return Optional.empty();
    }
    ResumeStore.State s = state.get();
    LossRecord first = s.records().isEmpty() ? null : s.records().get(0);
    // the same cell, trained in steps of the same size (batch x context)
    boolean same = first != null && s.records().stream().allMatch(r -> r.ratio() == data.ratio()
        && r.seed() == training.seed() && r.domain().equals(data.domain()) && r.model().equals(spec.model().label())
        && r.tokens() == r.step() * tokensPerStep);
    if (!same || s.stepsDone() >= totalSteps) {
      String found = first == null ? "a state without records" : "trial " + s.trialId() + " (ratio " + first.ratio()
          + ", seed " + first.seed() + ", " + first.domain() + ", " + first.model() + ", " + s.records().stream()
          .filter(r -> r.step() > 0).findFirst().map(r -> r.tokens() / r.step() + " tokens per step").orElse("no step")
          + ") after step " + s.stepsDone();
      throw new BadSpecException("paths.continueFrom=" + from + " holds " + found + ", not a shorter run of this"
          + " trial (ratio " + data.ratio() + ", seed " + training.seed() + ", " + data.domain() + ", "
          + spec.model().label() + ", " + tokensPerStep + " tokens per step, " + totalSteps + " steps); give the work"
          + " directory of the run stopped early at"
          + " this ratio and seed, or leave paths.continueFrom empty");
    }
    earlier.load(model, optimizer);
    List<LossRecord> kept = new ArrayList<>();
    for (LossRecord r : s.records()) {
      if (r.step() == 0 || schedule.evaluatesAfter(r.step())) {
        kept.add(record(r.step(), r.tokens(), r.modelParams(), r.generalLoss(), r.domainLoss(),
            r.generalBitsPerByte(), r.domainBitsPerByte()));
      }
    }
    LOG.info("{} continues trial {} from {} after step {} of {}", id, s.trialId(), from, s.stepsDone(), totalSteps);
    return Optional.of(new ResumeStore.State(id, s.stepsDone(), kept));
  }

  private TrialOutcome diverged(List<LossRecord> records, String why) {
    commit(records);
    return new TrialOutcome(WorkerExit.DIVERGED, id + " diverged: " + why + "; " + records.size()
        + " records (the last with NaN losses) committed at " + spec.paths().lossFile(), records);
  }

  private ParquetLossWriter.Commit commit(List<LossRecord> records) {
    return new ParquetLossWriter(hadoopConf).write(new Path(spec.paths().lossFile()), records);
  }

  private LossRecord record(long step, long tokens, long params, double generalLoss, double domainLoss,
      double generalBitsPerByte, double domainBitsPerByte) {
    return new LossRecord(spec.identity().sweep(), id, data.domain(), spec.model().label(), params, data.ratio(),
        training.seed(), step, tokens, generalLoss, domainLoss, spec.identity().attempt(), generalBitsPerByte,
        domainBitsPerByte);
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
      int batch = training.batchSize();
      double g = general.loss(model, batch);
      double d = domain.loss(model, batch);
      return record(step, tokens, params, g, d, general.bitsPerByte(g), domain.bitsPerByte(d));
    }
  }
}
