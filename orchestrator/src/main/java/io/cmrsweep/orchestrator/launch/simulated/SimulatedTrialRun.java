package io.cmrsweep.orchestrator.launch.simulated;

import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.core.loss.ParquetLossWriter;
import io.cmrsweep.core.storage.AtomicFiles;
import io.cmrsweep.core.trial.EvalSchedule;
import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.core.trial.TrialSpec;
import io.cmrsweep.fit.truth.SimulatedTrial;
import io.cmrsweep.orchestrator.spec.SimulationSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * What one simulated attempt does, in place of a worker: a CPT trial commits the loss file a worker would
 * (same key, same core writer, measured at the worker's checkpoint schedule) with records drawn from the
 * truth; a pre-training trial writes {@value #MARKER} into its base checkpoint directory, which the reconciler
 * takes as its committed result and which says that no model was trained.
 */
final class SimulatedTrialRun {
  static final String MARKER = "SIMULATED.txt";
  private final SimulationSpec simulation;
  private final Configuration conf;

  SimulatedTrialRun(SimulationSpec simulation, Configuration conf) {
    this.simulation = simulation;
    this.conf = conf;
  }

  /** Runs the attempt; returns a one-line summary. Throws when storage refuses the write. */
  String run(TrialSpec spec) {
    TrialSpec.Identity id = spec.identity();
    if (id.kind() == TrialKind.PRETRAIN) {
      Path marker = new Path(spec.paths().baseCheckpoint(), MARKER);
      new AtomicFiles(conf).replace(marker, ("simulated base model of sweep " + id.sweep() + ", trial "
          + id.trialId() + ": execution.backend=simulated trains nothing; CPT trials draw their losses from"
          + " simulation/truth.json\n").getBytes(StandardCharsets.UTF_8));
      return id.trialId() + ": simulated pre-training (marker " + marker + ")";
    }
    List<LossRecord> records = records(spec);
    ParquetLossWriter.Commit commit = new ParquetLossWriter(conf).write(new Path(spec.paths().lossFile()), records);
    return id.trialId() + ": " + records.size() + " simulated loss records " + commit;
  }

  /**
   * The records a worker would measure: the base point and every checkpoint of the worker's schedule, up to and
   * including the stop of a run stopped early (training.stopTokens), whose laws keep T_max = training.tokens.
   */
  List<LossRecord> records(TrialSpec spec) {
    TrialSpec.Training training = spec.training();
    int tps = training.batchSize() * spec.model().context();
    EvalSchedule schedule = EvalSchedule.of(training.evalTokens(), training.tokens(), tps);
    long stop = EvalSchedule.totalSteps(training.runTokens(), tps);
    TreeSet<Long> kept = new TreeSet<>(schedule.steps().stream().filter(x -> x <= stop).toList());
    kept.add(stop);
    List<Long> steps = List.copyOf(kept);
    long[] s = new long[steps.size() + 1];
    long[] t = new long[steps.size() + 1];
    for (int i = 0; i < steps.size(); i++) {
      s[i + 1] = steps.get(i);
      t[i + 1] = steps.get(i) * tps;
    }
    long tMax = EvalSchedule.totalSteps(training.tokens(), tps) * tps;
    TrialSpec.Identity id = spec.identity();
    SimulatedTrial trial = new SimulatedTrial(id.sweep(), id.trialId(), spec.data().domain(), spec.model().label(),
        spec.model().parameterCount(), spec.data().ratio(), training.seed(), id.attempt());
    return simulation.truth().records(trial, tMax, s, t, simulation.noise(), simulation.seed());
  }

  /** Whether this attempt fails on purpose: a uniform draw seeded by (seed, trial, attempt) below failureRate. */
  boolean failsOnPurpose(TrialSpec.Identity id) {
    if (simulation.failureRate() == 0) {
      return false;
    }
    long h = simulation.seed() * 0x9E3779B97F4A7C15L ^ (id.trialId().hashCode() * 0xBF58476D1CE4E5B9L)
        ^ (id.attempt() * 0x94D049BB133111EBL);
    return new java.util.SplittableRandom(h).nextDouble() < simulation.failureRate();
  }
}
