package io.cmrsweep.fit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.core.fit.FitParameters;
import io.cmrsweep.core.fit.Resampling;
import io.cmrsweep.core.loss.LossFormat;
import io.cmrsweep.fit.cli.LossSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The fit job's command line (README "The fit job", DESIGN 3.4), parsed by picocli without starting Spark. */
class FitJobCommandOptionsTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final FitJobCommand command = new FitJobCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
      new PrintStream(err, true, StandardCharsets.UTF_8));

  private FitJobOptions parse(String... args) {
    new CommandLine(command).parseArgs(args);
    return command.options();
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void fillsEveryOptionItIsNotGivenWithTheDocumentedDefault() {
    FitJobOptions o = parse("--input", "in", "--output", "out");

    assertThat(o.format()).isEqualTo(LossFormat.PARQUET);
    assertThat(o.settings().parameters()).isEqualTo(FitParameters.defaults());
    assertThat(o.settings().bootstrap()).isEqualTo(1000);
    assertThat(o.settings().level()).isEqualTo(0.95);
    assertThat(o.settings().eps()).isEqualTo(0.05);
    assertThat(o.settings().lambda()).isEqualTo(1000);
    assertThat(o.settings().resampling()).isEqualTo(Resampling.AUTO);
    assertThat(o.master()).isEqualTo("local[*]");
    assertThat(o.groupFilter()).isEmpty();
    assertThat(o.replicatesPerTask()).isEmpty();
  }

  @Test
  void readsEveryDocumentedOptionWithSpacesOrEqualsSigns() {
    FitJobOptions o = parse("--input=in", "--output", "out", "--format", "CSV", "--bootstrap=200", "--level", "0.9",
        "--eps", "0.02", "--lambda", "100", "--seed", "7", "--resampling", "seed", "--groups", "s/legal/.*",
        "--replicates-per-task", "25", "--master", "local[2]");

    assertThat(o.input()).isEqualTo(LossSource.under("in"));
    assertThat(o.output()).isEqualTo("out");
    assertThat(o.format()).isEqualTo(LossFormat.CSV);
    assertThat(o.settings().parameters()).isEqualTo(new FitParameters(0.02, 100, 0.9, 200, 7, Resampling.SEED));
    assertThat(o.groupFilter().orElseThrow().pattern()).isEqualTo("s/legal/.*");
    assertThat(o.replicatesPerTask()).contains(25);
    assertThat(o.master()).isEqualTo("local[2]");
  }

  @Test
  void readsBackTheArgumentsTheOrchestratorWritesFromASpec() {
    FitParameters p = new FitParameters(0.03, 7000, 0.8, 12, -5, Resampling.CHECKPOINT);
    List<String> args = new ArrayList<>(List.of("--input", "in", "--output", "out"));
    args.addAll(p.arguments());

    assertThat(parse(args.toArray(String[]::new)).settings().parameters()).isEqualTo(p);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "--format              | xml   | Invalid value for option '--format': 'xml' is not a format; use parquet or csv",
      "--bootstrap           | many  | Invalid value for option '--bootstrap': 'many' is not an int",
      "--level               | high  | Invalid value for option '--level': 'high' is not a double",
      "--seed                | 1.5   | Invalid value for option '--seed': '1.5' is not a long",
      "--resampling          | rows  | Invalid value for option '--resampling': 'rows' is not a resampling mode;"
          + " use auto, checkpoint, seed, residual, wild or block",
      "--groups              | (     | Invalid value for option '--groups': '(' is not a regular expression",
      "--level               | 95    | --level=95.0 must be in (0, 1); use e.g. 0.95",
      "--bootstrap           | -1    | --bootstrap=-1 must be >= 0 replicates",
      "--lambda              | 0     | --lambda=0.0 must be a finite weight > 0",
      "--replicates-per-task | 0     | --replicates-per-task=0 must be >= 1"})
  void aBadValueExitsWithTwoNamingTheOptionAndTheValueAndPrintsTheUsage(String option, String value, String says) {
    int code = command.run(new String[] {"--input", "i", "--output", "o", option, value});

    assertThat(code).isEqualTo(2);
    assertThat(err()).startsWith("fit-job: " + says).contains("Usage:").contains("--replicates-per-task")
        .doesNotContain("\tat ");
  }

  @Test
  void aZeroToleranceIsRefusedWithTheSameRuleTheSweepSpecUses() {
    int code = command.run(new String[] {"--input", "i", "--output", "o", "--eps", "0"});

    assertThat(code).isEqualTo(2);
    String rule = FitParameters.problems(0, 1000, 0.95, 1000, Resampling.AUTO, k -> "--" + k).get(0);
    assertThat(rule).startsWith("--eps=0.0 must be a finite tolerance > 0");
    assertThat(err()).startsWith("fit-job: " + rule + System.lineSeparator());
  }

  @Test
  void reportsEveryBadFitParameterAtOnce() {
    int code = command.run(new String[] {"--input", "i", "--output", "o", "--eps", "-1", "--level", "2"});

    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("fit-job: --eps=-1.0 must be").contains("fit-job: --level=2.0 must be in (0, 1)");
  }

  @Test
  void anUnknownOptionExitsWithTwoNamingIt() {
    int code = command.run(new String[] {"--input", "i", "--output", "o", "--colour", "red"});

    assertThat(code).isEqualTo(2);
    assertThat(err()).startsWith("fit-job: Unknown options: '--colour', 'red'").contains("Usage:");
  }

  @Test
  void readsTheInputListInsteadOfAnInputDirectory() {
    FitJobOptions o = parse("--input-list", "s3a://b/cmr/s/fits/inputs.txt", "--output", "out");

    assertThat(o.input()).isEqualTo(LossSource.listedIn("s3a://b/cmr/s/fits/inputs.txt"));
  }

  @Test
  void anInputDirectoryAndAnInputListTogetherExitWithTwoNamingBoth() {
    int code = command.run(new String[] {"--input", "i", "--input-list", "l", "--output", "o"});

    assertThat(code).isEqualTo(2);
    assertThat(err()).startsWith("fit-job: Error: --input=<dir|file>, --input-list=<file> are mutually exclusive");
  }

  @Test
  void aMissingOutputOrInputExitsWithTwoNamingWhatIsMissing() {
    int noOutput = command.run(new String[] {"--input", "i", "--eps", "0.1"});
    String first = err();
    err.reset();
    int noInput = command.run(new String[] {"--output", "o"});

    assertThat(noOutput).isEqualTo(2);
    assertThat(first).startsWith("fit-job: Missing required option: '--output=<dir>'");
    assertThat(noInput).isEqualTo(2);
    assertThat(err()).startsWith("fit-job: Error: Missing required argument (specify one of these):"
        + " (--input=<dir|file> | --input-list=<file>)").doesNotContain("\tat ");
  }

  @Test
  void helpListsEveryDocumentedOptionAndExitsWithZero() {
    int code = command.run(new String[] {"--help"});

    assertThat(code).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("spark-submit [spark options] fit-job.jar")
        .contains("--input", "--output", "--format", "--bootstrap", "--level", "--eps", "--lambda", "--seed",
            "--resampling", "--groups", "--replicates-per-task", "--master", "--help")
        .contains("default: 1000", "default: 0.95", "default: 0.05", "default: local[*]");
    assertThat(err()).isEmpty();
  }
}
