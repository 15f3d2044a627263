package io.cmrsweep.fit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cmrsweep.core.fit.CmrRow;
import io.cmrsweep.core.fit.FitFormat;
import io.cmrsweep.core.fit.FitOutputs;
import io.cmrsweep.core.fit.FitTable;
import io.cmrsweep.core.loss.InputList;
import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.fit.cmr.FitSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fit job on a real local Spark with real Parquet and CSV files, run as spark-submit would run it. */
class SparkFitJobIT {
  @TempDir
  static Path dir;

  private static List<LossRecord> records;
  private static Path losses;

  @BeforeAll
  static void writeAThreeGroupSweep() {
    records = SyntheticLossFiles.groups(1e-4, "legal/m1", "legal/m2", "bio/m1");
    losses = SyntheticLossFiles.writeParquet(dir.resolve("root"), records);
  }

  private record Run(int code, String out, String err, Path output) {
    JsonArray json(String name) throws IOException {
      return JsonParser.parseString(Files.readString(output.resolve(name + ".json"))).getAsJsonArray();
    }
  }

  private Run fit(String name, String... extra) {
    Path output = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("--output", output.toString(), "--bootstrap", "24", "--seed", "5"));
    if (List.of(extra).stream().noneMatch(a -> a.equals("--input") || a.equals("--input-list"))) {
      args.addAll(List.of("--input", losses.toString()));
    }
    args.addAll(List.of(extra));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new FitJobCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8)).run(args.toArray(String[]::new));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), output);
  }

  @Test
  void fitsEveryGroupAndWritesTheContractsOutputs() throws IOException {
    Run run = fit("multi", "--master", "local[2]");

    assertThat(run.code()).as(run.err()).isZero();
    JsonArray cmr = run.json("cmr");
    assertThat(cmr).hasSize(3);
    for (var e : cmr) {
      JsonObject o = e.getAsJsonObject();
      assertThat(o.keySet()).contains("sweep", "domain", "model", "model_params", "cmr", "ci_low", "ci_high", "level",
          "replicates", "failed_replicates", "t_max", "lambda", "eps", "sup_a", "status", "answer", "binding",
          "conclusion", "sup_a_ci_low", "law_cmr", "binding_share_sup_a");
      assertThat(o.get("status").getAsString()).isEqualTo("ok");
      assertThat(o.get("replicates").getAsInt()).isEqualTo(24);
      assertThat(o.get("cmr").getAsDouble()).isBetween(o.get("ci_low").getAsDouble() - 1e-9,
          o.get("ci_high").getAsDouble() + 1e-9);
    }
    assertThat(run.json("curves")).isNotEmpty();
    assertThat(run.json("laws")).isNotEmpty();
    assertThat(run.json("sensitivity")).hasSize(3 * (FitSettings.defaults().lambdaGrid().length
        + FitSettings.defaults().epsGrid().length));
    FitOutputs outputs = new FitOutputs(new Configuration());
    org.apache.hadoop.fs.Path fits = new org.apache.hadoop.fs.Path(run.output().toUri());
    assertThat(run.output().resolve("cmr.parquet")).isRegularFile();
    assertThat(outputs.read(fits, FitFormat.PARQUET)).isEqualTo(outputs.read(fits, FitFormat.JSON));
    assertThat(outputs.read(fits, FitTable.CMR, FitFormat.PARQUET)).extracting(CmrRow::seeds).containsOnly(1);
    assertThat(run.out()).contains("legal", "bio", "m1", "m2", "CMR");
    for (var e : cmr) {
      assertThat(run.out()).contains(e.getAsJsonObject().get("conclusion").getAsString());
    }
  }

  @Test
  void givesIdenticalEstimatesOnOneOrTwoCoresAndAnyTaskSize() throws IOException {
    Run one = fit("l1", "--master", "local[1]");
    Run two = fit("l2", "--master", "local[2]", "--replicates-per-task", "5");

    assertThat(one.code()).as(one.err()).isZero();
    assertThat(two.code()).as(two.err()).isZero();
    assertThat(Files.readString(two.output().resolve("cmr.json")))
        .isEqualTo(Files.readString(one.output().resolve("cmr.json")));
    assertThat(Files.readString(two.output().resolve("curves.json")))
        .isEqualTo(Files.readString(one.output().resolve("curves.json")));
    assertThat(Files.readString(two.output().resolve("sensitivity.json")))
        .isEqualTo(Files.readString(one.output().resolve("sensitivity.json")));
  }

  @Test
  void fitsExactlyTheFilesOfAnInputListAndNotTheOthersInTheirDirectory() throws IOException {
    List<org.apache.hadoop.fs.Path> listed = new ArrayList<>();
    try (var files = Files.list(losses.resolve("domain=legal/model=m2"))) {
      files.filter(f -> f.toString().endsWith(".parquet"))
          .forEach(f -> listed.add(new org.apache.hadoop.fs.Path(f.toUri())));
    }
    org.apache.hadoop.fs.Path list = new org.apache.hadoop.fs.Path(dir.resolve("inputs.txt").toUri());
    new InputList(new Configuration()).write(list, List.of("current cells"), listed);

    Run run = fit("listed", "--input-list", dir.resolve("inputs.txt").toString(), "--master", "local[2]");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.err()).contains("reading " + listed.size() + " loss file(s) listed in ");
    assertThat(run.json("cmr")).extracting(e -> e.getAsJsonObject().get("domain").getAsString() + "/"
        + e.getAsJsonObject().get("model").getAsString()).containsExactly("legal/m2");
  }

  @Test
  void readsCsvWithTheSameResultAsParquet() throws IOException {
    Path csv = SyntheticLossFiles.writeCsv(dir.resolve("csv/losses.csv"), records);

    Run fromCsv = fit("csv-out", "--input", csv.toString(), "--format", "csv", "--master", "local[1]");
    Run fromParquet = fit("parquet-out", "--master", "local[1]");

    assertThat(fromCsv.code()).as(fromCsv.err()).isZero();
    assertThat(fromCsv.json("cmr")).isEqualTo(fromParquet.json("cmr"));
  }

  @Test
  void countsNonFiniteRowsInTheOutputInsteadOfDroppingThemSilently() throws IOException {
    List<LossRecord> withNan = new ArrayList<>(SyntheticLossFiles.groups(1e-4, "legal/m1"));
    LossRecord r = withNan.get(5);
    withNan.set(5, new LossRecord(r.sweep(), r.trialId(), r.domain(), r.model(), r.modelParams(), r.ratio(), r.seed(),
        r.step(), r.tokens(), Double.NaN, r.domainLoss(), r.attempt()));
    Path input = SyntheticLossFiles.writeParquet(dir.resolve("nan-root"), withNan);

    Run run = fit("nan-out", "--input", input.toString(), "--master", "local[1]");

    assertThat(run.code()).as(run.err()).isZero();
    JsonObject row = run.json("cmr").get(0).getAsJsonObject();
    assertThat(row.get("non_finite_rows").getAsInt()).isEqualTo(1);
  }

  @Test
  void namesTheColumnAndFileOfAFileThatBreaksTheContract() throws IOException {
    Path bad = dir.resolve("bad/losses.csv");
    Files.createDirectories(bad.getParent());
    Files.writeString(bad, "sweep,trial_id,domain,model,ratio\ns,t,d,m,0.5\n");

    Run run = fit("bad-out", "--input", bad.toString(), "--format", "csv", "--master", "local[1]");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("losses.csv", "model_params", "general_loss").doesNotContain("\tat ");
  }

  @Test
  void failsWithThePathOfAnUnreadableFile() throws IOException {
    Path garbage = dir.resolve("garbage/losses/x.parquet");
    Files.createDirectories(garbage.getParent());
    Files.writeString(garbage, "this is not parquet");

    Run run = fit("garbage-out", "--input", garbage.getParent().toString(), "--master", "local[1]");

    assertThat(run.code()).isNotZero();
    assertThat(run.err()).contains("x.parquet");
  }

  @Test
  void reportsEveryBadFileAtOnceAsBadInputWithoutFailingASparkTask() throws IOException {
    Path in = dir.resolve("two-bad");
    Files.createDirectories(in);
    Files.writeString(in.resolve("a.csv"), "sweep,trial_id,domain,model,ratio\ns,t,d,m,0.5\n");
    Files.writeString(in.resolve("b.csv"), "");
    SyntheticLossFiles.writeCsv(in.resolve("good/losses.csv"), records);

    Run run = fit("two-bad-out", "--input", in.toString(), "--format", "csv", "--master", "local[1]");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).containsOnlyOnce("fit-job: bad input: 2 loss file(s) break the loss-record contract: ")
        .contains("a.csv: header lacks column(s) model_params").contains("b.csv is empty").doesNotContain("\tat ");
    assertThat(run.output()).as("no outputs written").isEmptyDirectory();
  }

  @Test
  void anOutputThatIsAFileFailsWithTwoBeforeAnyInputIsReadOrBootstrapRuns() throws IOException {
    Path file = Files.writeString(dir.resolve("output-is-a-file"), "not a directory");

    Run run = fit("output-is-a-file", "--master", "local[1]");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("fit-job: cannot write the outputs: --output: cannot write to " + file + ": " + file
        + " exists and is not a directory; give --output a directory the fit job can create and write")
        .doesNotContain("reading").doesNotContain("bootstrap").doesNotContain("\tat ");
    assertThat(Files.readString(file)).isEqualTo("not a directory");
  }

  @Test
  void reportsAGroupFilterThatMatchesNothing() {
    Run run = fit("none-out", "--groups", "syn/finance/.*", "--master", "local[1]");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--groups 'syn/finance/.*'");
  }

  @Test
  void explainsBadOptionsWithoutStartingSpark() {
    Run run = fit("opts-out", "--bootstrap", "-3", "--level", "2");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("bootstrap").contains("level").doesNotContain("SparkContext");
  }
}
