package io.cmrsweep.core.storage;

import org.apache.hadoop.fs.Path;

/**
 * The storage layout under a sweep root (DESIGN 3.2). Roots are Hadoop URIs (file://, hdfs://, s3a://)
 * or plain local paths.
 */
public record SweepLayout(Path root, String sweep) {

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

  public Path baseCheckpoint(String model) {
    return new Path(new Path(new Path(sweepDir(), "checkpoints"), Names.require("model", model)), "base");
  }

  /** Working checkpoint of one CPT trial, used to resume a preempted attempt. */
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

  public Path reportDir() {
    return new Path(sweepDir(), "report");
  }

  public Path logsDir() {
    return new Path(sweepDir(), "logs");
  }
}
