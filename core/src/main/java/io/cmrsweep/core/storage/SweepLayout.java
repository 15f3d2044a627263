package io.cmrsweep.core.storage;

import org.apache.hadoop.fs.Path;

/**
 * The storage layout under a sweep root (DESIGN 3.2). Roots are Hadoop URIs (file://, hdfs://, s3a://)
 * or plain local paths.
 */
public record SweepLayout(Path root, String sweep) {
  /** Name of a base model directory below its pre-training trial's directory. */
  public static final String BASE = "base";

  public SweepLayout {
    if (root == null) {
      throw new IllegalArgumentException("storage root is missing; give a directory or URI such as file:///data/cmr");
    }
    Names.require("sweep", sweep);
  }

  public static SweepLayout of(String root, String sweep) {
    return new SweepLayout(new Path(root), sweep);
  }

  public Path sweepDir() {
    return new Path(root, sweep);
  }

  public Path specFile() {
    return new Path(sweepDir(), "sweep.yaml");
  }

  public Path checkpointsDir() {
    return new Path(sweepDir(), "checkpoints");
  }

  /**
   * The base model written by the pre-training trial {@code pretrainTrialId}:
   * {@code checkpoints/<model>/<pretrain_trial_id>/base}. Addressed by the trial's identity, so a changed
   * model shape or pre-training setting under the same label (a new trial id) never finds an old base.
   */
  public Path baseCheckpoint(String model, String pretrainTrialId) {
    return new Path(trialCheckpoint(model, pretrainTrialId), BASE);
  }

  /** Working directory of one trial (resume state), beside its base model for a pre-training trial. */
  public Path trialCheckpoint(String model, String trialId) {
    return new Path(new Path(new Path(sweepDir(), "checkpoints"), Names.require("model", model)),
        Names.require("trial_id", trialId));
  }

  public Path lossesDir() {
    return new Path(sweepDir(), "losses");
  }

  public Path lossFile(String domain, String model, String trialId) {
    return new Path(lossesDir(), lossFileKey(domain, model, trialId));
  }

  /**
   * A trial's loss file relative to {@link #lossesDir()}: {@code domain=<d>/model=<m>/<trial_id>.parquet}.
   * A plain string, so scanning thousands of results needs no Hadoop paths.
   */
  public static String lossFileKey(String domain, String model, String trialId) {
    return "domain=" + Names.require("domain", domain) + "/model=" + Names.require("model", model) + "/"
        + Names.require("trial_id", trialId) + ".parquet";
  }

  public Path fitsDir() {
    return new Path(sweepDir(), "fits");
  }

  /** The fit's input list (core's {@code InputList}): the loss files {@code cmr fit} gave the fit job. */
  public Path fitInputList() {
    return new Path(fitsDir(), "inputs.txt");
  }

  /**
   * The coordinator lock of the sweep's storage: an OS file lock on local roots, a lease object
   * ({@code .coordinator.lease}) on object stores and HDFS, where OS locks do not exist.
   */
  public Path coordinatorLock() {
    return new Path(sweepDir(), ".coordinator.lock");
  }

  public Path coordinatorLease() {
    return new Path(sweepDir(), ".coordinator.lease");
  }

  public Path reportDir() {
    return new Path(sweepDir(), "report");
  }

  /** A simulated sweep's truth and label (DESIGN 3.2): {@code <sweep>/simulation/}. */
  public Path simulationDir() {
    return new Path(sweepDir(), "simulation");
  }

  /** The truth a simulated sweep was generated from: {@code <sweep>/simulation/truth.json}. */
  public Path truthFile() {
    return new Path(simulationDir(), "truth.json");
  }

  public Path logsDir() {
    return new Path(sweepDir(), "logs");
  }
}
