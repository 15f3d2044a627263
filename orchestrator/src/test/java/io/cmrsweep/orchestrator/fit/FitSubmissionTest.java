package io.cmrsweep.orchestrator.fit;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.core.storage.SweepLayout;
import io.cmrsweep.orchestrator.spec.SpecReader;
import io.cmrsweep.orchestrator.spec.SweepSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitSubmissionTest {
  @TempDir
  Path home;

  private SweepSpec spec(String fit) {
    return new SpecReader().parse("""
        sweep: s1
        storage: {root: /data/cmr}
        corpora: {domains: [legal]}
        models: [{label: a, dim: 48, layers: 2, heads: 4, ffnDim: 128}]
        cpt: {ratios: [0.1]}
        fit: %s
        """.formatted(fit), "t.yaml");
  }

  @Test
  void submitsTheFitJobWithTheSweepsLossesAndFitSettings() {
    SweepSpec s = spec("{bootstrap: 300, level: 0.9, eps: 0.02, lambda: 100, seed: 11, master: 'local[2]',"
        + " sparkConf: [spark.executor.instances=2]}");
    FitSubmission fit = new FitSubmission(s.fit(), SweepLayout.of("/data/cmr", "s1"), home);
    assertThat(fit.command()).containsExactly(home.resolve("bin/spark-submit").toString(), "--master", "local[2]",
        "--conf", "spark.executor.instances=2", home.resolve("fit-job/target/fit-job.jar").toString(),
        "--input-list", "/data/cmr/s1/fits/inputs.txt", "--output", "/data/cmr/s1/fits", "--format", "parquet",
        "--bootstrap", "300", "--level", "0.9", "--eps", "0.02", "--lambda", "100.0", "--seed", "11",
        "--resampling", "auto");
  }

  @Test
  void passesTheTargetSizesToTheFitJobUnderItsOptionAndNothingWithoutThem() {
    FitSubmission with = new FitSubmission(spec("{bootstrap: 3, predictParams: [7.0e+9, 1000000000]}").fit(),
        SweepLayout.of("/data/cmr", "s1"), home);
    FitSubmission without = new FitSubmission(spec("{bootstrap: 3}").fit(), SweepLayout.of("/data/cmr", "s1"), home);

    assertThat(with.command()).endsWith("--resampling", "auto", "--predict-params", "1.0E9,7.0E9");
    assertThat(without.command()).endsWith("--resampling", "auto");
  }

  @Test
  void passesTheStoragesHadoopSettingsToTheDriverAndExecutorsAsSparkHadoopConf() {
    SweepSpec s = new SpecReader().parse("""
        sweep: s1
        storage: {root: 's3a://team/cmr', checkpoints: /mnt/ckpt, hadoopConf: {fs.s3a.endpoint: 'http://minio:9000',
          fs.s3a.path.style.access: true}}
        corpora: {domains: [legal]}
        models: [{label: a, dim: 48, layers: 2, heads: 4, ffnDim: 128}]
        cpt: {ratios: [0.1]}
        fit: {sparkConf: [spark.executor.instances=2]}
        """, "t.yaml");
    FitSubmission fit = new FitSubmission(s.fit(), s.storage().hadoopConf(), SweepLayout.of("s3a://team/cmr", "s1"),
        home);

    assertThat(fit.command()).containsSubsequence("--conf", "spark.hadoop.fs.s3a.endpoint=http://minio:9000",
            "--conf", "spark.hadoop.fs.s3a.path.style.access=true", "--conf", "spark.executor.instances=2")
        .containsSubsequence("--input-list", "s3a://team/cmr/s1/fits/inputs.txt", "--output", "s3a://team/cmr/s1/fits");
  }

  @Test
  void runsSparkSubmitAsAChildProcessAndReturnsItsExitCode() throws Exception {
    Path script = home.resolve("fake-submit");
    Files.writeString(script, "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$(dirname \"$0\")/args.txt\"\nexit 7\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    SweepSpec s = spec("{submit: [" + script + "], bootstrap: 5}");
    int code = new FitSubmission(s.fit(), SweepLayout.of("/data/cmr", "s1"), home).run();
    assertThat(code).isEqualTo(7);
    List<String> args = Files.readAllLines(home.resolve("args.txt"));
    assertThat(args).containsSubsequence("--input-list", "/data/cmr/s1/fits/inputs.txt").containsSubsequence("--bootstrap", "5");
  }
}
