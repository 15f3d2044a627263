package io.cmrsweep.fit.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import static org.assertj.core.api.Assertions.within;

import io.cmrsweep.core.fit.FitFormat;
import io.cmrsweep.core.fit.FitOutputs;
import io.cmrsweep.core.fit.FitTable;
import io.cmrsweep.core.fit.PredictionRow;
import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.fit.synthetic.SizedSweep;
import io.cmrsweep.fit.truth.SizeLaw;
import io.cmrsweep.fit.truth.SizeLawForm;
import io.cmrsweep.fit.truth.TruthModel;
import io.cmrsweep.fit.synthetic.SyntheticSweep;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFitTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final LocalFit cli = new LocalFit(new PrintStream(out, true, StandardCharsets.UTF_8),
      new PrintStream(err, true, StandardCharsets.UTF_8));

  static final String HEADER = "sweep,trial_id,domain,model,model_params,ratio,seed,step,tokens,general_loss,"
      + "domain_loss,attempt";

  static void writeCsv(Path file, List<LossRecord> records) throws Exception {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (LossRecord r : records) {
      sb.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,%s,%d,%d,%d,%s,%s,%d%n", r.sweep(), r.trialId(),
          r.domain(), r.model(), r.modelParams(), r.ratio(), r.seed(), r.step(), r.tokens(), r.generalLoss(),
          r.domainLoss(), r.attempt()));
    }
    Files.writeString(file, sb.toString());
  }

  @Test
  void fitsACsvDirectoryWritesTheJsonAndParquetFilesAndPrintsATable(@TempDir Path dir) throws Exception {
    Path in = Files.createDirectories(dir.resolve("losses"));
    writeCsv(in.resolve("a.csv"), SyntheticSweep.reference(1e-5).records(1));
    Path outDir = dir.resolve("fits");
    int code = cli.run("--input", in.toString(), "--output", outDir.toString(), "--format", "csv",
        "--bootstrap", "10", "--level", "0.9");
    assertThat(code).as(err.toString()).isZero();
    var array = JsonParser.parseString(Files.readString(outDir.resolve("cmr.json"))).getAsJsonArray();
    assertThat(array).hasSize(1);
    assertThat(array.get(0).getAsJsonObject().get("level").getAsDouble()).isEqualTo(0.9);
    assertThat(outDir.resolve("laws.json")).exists();
    assertThat(outDir.resolve("curves.json")).exists();
    assertThat(outDir.resolve("cmr.parquet")).isRegularFile();
    assertThat(outDir.resolve("laws.parquet")).isRegularFile();
    assertThat(outDir.resolve("curves.parquet")).isRegularFile();
    assertThat(out.toString()).containsPattern("dom +m1 .* ok");
  }

  @Test
  void predictsTheCmrAtTheTargetSizesAcrossTheSweptSizesAndWritesThePredictionsTable(@TempDir Path dir)
      throws Exception {
    SizedSweep sweep = SizedSweep.reference(1e-5)
        .withTruth(TruthModel.defaults().withSizeLaw(new SizeLaw(SizeLawForm.LOGIT_LINEAR, -0.2, 0.25, 0)));
    Path in = Files.createDirectories(dir.resolve("losses"));
    writeCsv(in.resolve("a.csv"), sweep.records(3));
    Path outDir = dir.resolve("fits");

    int code = cli.run("--input", in.toString(), "--output", outDir.toString(), "--format", "csv",
        "--bootstrap", "40", "--predict-params", "4.8B,2.4e9");

    assertThat(code).as(err.toString()).isZero();
    List<PredictionRow> rows = new FitOutputs(new Configuration())
        .read(new org.apache.hadoop.fs.Path(outDir.toUri()), FitTable.PREDICTIONS, FitFormat.PARQUET);
    assertThat(rows).extracting(PredictionRow::targetParams).containsExactly(2_400_000_000L, 4_800_000_000L);
    PredictionRow far = rows.get(1);
    assertThat(far.status()).as(far.statusDetail()).isEqualTo("ok");
    assertThat(far.sizeModels()).containsExactly("m0", "m1", "m2", "m3");
    assertThat(far.extrapolation()).isEqualTo(4.0);
    assertThat(far.replicates()).isEqualTo(40);
    assertThat(far.failedReplicates()).isLessThan(40);
    // Four sizes: the saturating law (DESIGN 1.1 step 6), close to this logit-linear truth two sizes up.
    assertThat(far.form()).isEqualTo("saturating");
    assertThat(far.cmr()).isCloseTo(sweep.truth().cmr(4_800_000_000L), within(0.03));
    assertThat(far.sizeCmrs().get(3)).isCloseTo(sweep.truth().cmr(1_200_000_000L), within(0.02));
    assertThat(far.ciLow()).isLessThanOrEqualTo(far.cmr());
    assertThat(far.ciHigh()).isGreaterThanOrEqualTo(far.cmr());
    assertThat(outDir.resolve("predictions.json")).isRegularFile();
  }

  @Test
  void aBadTargetSizeExitsWithTwoNamingTheOptionEntryAndTheFix() {
    int code = cli.run("--input", "x", "--output", "o", "--predict-params", "7e9,12");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("local-fit: --predict-params[1]=12.0 must be a model size in parameters")
        .contains("7.0e9").doesNotContain("\tat ");
  }

  @Test
  void aTargetSizeThatIsNoNumberExitsWithTwoNamingTheEntryAndHowToWriteOne() {
    int code = cli.run("--input", "x", "--output", "o", "--predict-params", "7B,big");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--predict-params").contains("'big' is not a number of parameters; write e.g."
        + " 7B or 7e9").doesNotContain("\tat ");
  }

  @Test
  void aBadValueExitsWithTwoNamingTheOptionAndTheValueWithoutAStackTrace() {
    int code = cli.run("--input", "x", "--output", "o", "--bootstrap", "many");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("local-fit: Invalid value for option '--bootstrap': 'many' is not an int")
        .contains("Usage:").doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void badFitParametersAreAllReportedAtOnceInTheFitJobsWords() {
    int code = cli.run("--input", "x", "--output", "o", "--level", "1.5", "--eps", "0");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("local-fit: --eps=0.0 must be a finite tolerance > 0 in nats")
        .contains("local-fit: --level=1.5 must be in (0, 1)")
        .doesNotContain("\tat ");
  }

  @Test
  void anUnknownOptionOrAMissingOutputExitsWithTwoNamingIt() {
    assertThat(cli.run("--input", "x", "--output", "o", "--bogus", "1")).isEqualTo(2);
    assertThat(err.toString()).contains("local-fit: Unknown options: '--bogus', '1'");
    assertThat(cli.run("--input", "x")).isEqualTo(2);
    assertThat(err.toString()).contains("local-fit: Missing required option: '--output=<dir>'");
  }

  @Test
  void helpExitsWithZeroAndListsTheSharedOptionsWithoutTheSparkOnes() {
    assertThat(cli.run("--help")).isZero();
    assertThat(out.toString()).contains("--input", "--output", "--format", "--bootstrap", "--level", "--eps",
        "--lambda", "--seed", "--resampling", "--groups").doesNotContain("--master", "--replicates-per-task");
  }

  @Test
  void anInputListFitsExactlyTheFilesItNamesAndNothingElseInTheirDirectory(@TempDir Path dir) throws Exception {
    Path in = Files.createDirectories(dir.resolve("losses"));
    List<LossRecord> current = SyntheticSweep.reference(1e-5).records(1);
    writeCsv(in.resolve("current.csv"), current);
    writeCsv(in.resolve("stale.csv"), current.stream().map(r -> new LossRecord(r.sweep(), "stale-" + r.trialId(),
        r.domain(), "stale", r.modelParams(), r.ratio(), r.seed(), r.step(), r.tokens(), r.generalLoss(),
        r.domainLoss(), r.attempt())).toList());
    Path list = dir.resolve("inputs.txt");
    Files.writeString(list, "# the current cells\n" + in.resolve("current.csv") + "\n");

    int listed = cli.run("--input-list", list.toString(), "--output", dir.resolve("listed").toString(), "--format",
        "csv", "--bootstrap", "0");
    int all = cli.run("--input", in.toString(), "--output", dir.resolve("all").toString(), "--format", "csv",
        "--bootstrap", "0");

    assertThat(listed).as(err.toString()).isZero();
    assertThat(all).as(err.toString()).isZero();
    assertThat(JsonParser.parseString(Files.readString(dir.resolve("listed/cmr.json"))).getAsJsonArray())
        .singleElement().satisfies(g -> assertThat(g.getAsJsonObject().get("model").getAsString()).isEqualTo("m1"));
    assertThat(JsonParser.parseString(Files.readString(dir.resolve("all/cmr.json"))).getAsJsonArray()).hasSize(2);
  }

  @Test
  void groupsSelectsWhichGroupsAreFitted(@TempDir Path dir) throws Exception {
    Path in = Files.createDirectories(dir.resolve("losses"));
    writeCsv(in.resolve("a.csv"), SyntheticSweep.reference(1e-5).records(1));
    int code = cli.run("--input", in.toString(), "--output", dir.resolve("fits").toString(), "--format", "csv",
        "--bootstrap", "0", "--groups", ".*/other/.*");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("no group sweep/domain/model matches --groups '.*/other/.*'");
    code = cli.run("--input", in.toString(), "--output", dir.resolve("fits").toString(), "--format", "csv",
        "--bootstrap", "0", "--groups", "syn/dom/.*");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).containsPattern("dom +m1 .* ok");
  }

  @Test
  void aNegativeTokenCountInTheInputExitsWithTwoNamingTheColumn(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, HEADER + "\ns,t1,d,m,1,0.3,1,1,-100,2.0,3.0,1\n");
    int code = cli.run("--input", file.toString(), "--output", dir.resolve("o").toString(), "--format", "csv");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("tokens=-100 must be >= 0");
  }

  @Test
  void aRatioOutsideTheUnitIntervalExitsWithTwoNamingTheColumn(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, HEADER + "\ns,t1,d,m,1,1.3,1,1,100,2.0,3.0,1\n");
    int code = cli.run("--input", file.toString(), "--output", dir.resolve("o").toString(), "--format", "csv");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("ratio=1.3 must be a domain share in [0, 1]");
  }

  @Test
  void aMissingInputExitsWithTwo(@TempDir Path dir) {
    int code = cli.run("--input", dir.resolve("nope").toString(), "--output", dir.resolve("o").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("does not exist");
  }
}
