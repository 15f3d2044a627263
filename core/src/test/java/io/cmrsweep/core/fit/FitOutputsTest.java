package io.cmrsweep.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FitOutputsTest {
  @TempDir
  java.nio.file.Path dir;

  private final Configuration conf = new Configuration();
  private final FitOutputs outputs = new FitOutputs(conf);

  private Path fits() {
    return new Path(dir.toUri().toString(), "fits");
  }

  private static FitResults sample() {
    return new FitResults(List.of(FitRowsFixtures.cmr("dom", 0.25, 2), FitRowsFixtures.failed()),
        FitRowsFixtures.laws(), FitRowsFixtures.curves(), FitRowsFixtures.sensitivity(),
        FitRowsFixtures.predictions());
  }

  @ParameterizedTest
  @EnumSource(FitFormat.class)
  void everyRowTypeRoundTripsWithNanEmptyListsAndListsHoldingNan(FitFormat format) {
    FitResults written = sample();
    outputs.write(fits(), written);

    FitResults read = outputs.read(fits(), format);

    // Records compare doubles with Double.compare, so NaN equals NaN here.
    assertThat(read.cmr()).containsExactlyElementsOf(written.cmr());
    assertThat(read.laws()).containsExactlyElementsOf(written.laws());
    assertThat(read.curves()).containsExactlyElementsOf(written.curves());
    assertThat(read.sensitivity()).containsExactlyElementsOf(written.sensitivity());
    assertThat(read.predictions()).containsExactlyElementsOf(written.predictions());
  }

  @Test
  void writesOneJsonAndOneParquetFilePerTableAndNothingElse() throws Exception {
    outputs.write(fits(), sample());
    outputs.write(fits(), sample());

    try (var listing = Files.list(dir.resolve("fits"))) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("cmr.json",
          "cmr.parquet", "laws.json", "laws.parquet", "curves.json", "curves.parquet", "sensitivity.json",
          "sensitivity.parquet", "predictions.json", "predictions.parquet");
    }
    assertThat(dir.resolve("fits/cmr.parquet")).isRegularFile();
  }

  @ParameterizedTest
  @EnumSource(FitFormat.class)
  void readsAFitWrittenBeforeThePredictionsTableAsHavingNoPredictions(FitFormat format) throws Exception {
    outputs.write(fits(), sample());
    Files.delete(dir.resolve("fits/predictions" + format.extension()));

    FitResults read = outputs.read(fits(), format);

    assertThat(read.cmr()).hasSize(2);
    assertThat(read.predictions()).isEmpty();
  }

  @Test
  void replacesAnOlderParquetDatasetDirectoryOfTheSameName() throws Exception {
    Files.createDirectories(dir.resolve("fits/cmr.parquet"));
    Files.writeString(dir.resolve("fits/cmr.parquet/part-00000.parquet"), "old");

    outputs.write(fits(), sample());

    assertThat(outputs.read(fits(), FitTable.CMR, FitFormat.PARQUET)).hasSize(2);
  }

  @Test
  void jsonHasTheSnakeCaseKeysInRecordOrderAndNullForNan() throws Exception {
    outputs.write(fits(), sample());

    String json = Files.readString(dir.resolve("fits/curves.json"));
    assertThat(json).containsSubsequence("\"sweep\"", "\"domain\"", "\"model\"", "\"tokens\"", "\"t_over_t_max\"",
        "\"cmr\"", "\"band_low\": null", "\"band_high\": null");
    assertThat(Files.readString(dir.resolve("fits/cmr.json"))).contains("\"seeds\": 2",
        "\"answer\": \"upper_bound\"", "\"binding\": \"sup_a\"", "\"sup_a_ci_low\": 0.26",
        "\"cmr_at_reported_lambdas\": [\n      0.31,\n      null,\n      0.12\n    ]");
  }

  @Test
  void aJsonFileLackingAColumnNamesTheFileAndTheColumnAndSaysToRerunTheFit() throws Exception {
    outputs.write(fits(), sample());
    java.nio.file.Path cmr = dir.resolve("fits/cmr.json");
    Files.writeString(cmr, Files.readString(cmr).replaceAll("\"seeds\": \\d+,", ""));

    assertThatThrownBy(() -> outputs.read(fits(), FitFormat.JSON))
        .isInstanceOf(FitFormatException.class)
        .hasMessageContaining("cmr.json row 1 lacks column(s) seeds int32")
        .hasMessageContaining("re-run the fit");
  }

  @Test
  void aJsonColumnOfTheWrongTypeNamesTheFileRowAndColumn() throws Exception {
    outputs.write(fits(), sample());
    java.nio.file.Path laws = dir.resolve("fits/laws.json");
    Files.writeString(laws, Files.readString(laws).replaceFirst("\"points\": 40", "\"points\": \"forty\""));

    assertThatThrownBy(() -> outputs.read(fits(), FitFormat.JSON))
        .isInstanceOf(FitFormatException.class)
        .hasMessageContaining("laws.json row 1: column 'points'=\"forty\" is not a int32");
  }

  @Test
  void aParquetFileLackingAColumnNamesTheFileAndTheColumn() throws Exception {
    Path file = new Path(fits(), "curves.parquet");
    writeCurves(file, "message curves { required binary sweep (STRING); required binary domain (STRING);"
        + " required binary model (STRING); required double tokens; required double t_over_t_max;"
        + " required double cmr; required double band_low; }");

    assertThatThrownBy(() -> outputs.read(fits(), FitTable.CURVES, FitFormat.PARQUET))
        .isInstanceOf(FitFormatException.class)
        .hasMessageContaining("curves.parquet does not follow the fit-output contract: column 'band_high' (double)"
            + " is missing")
        .hasMessageContaining("re-run the fit");
  }

  @Test
  void aParquetColumnOfTheWrongTypeNamesTheFileAndTheColumn() throws Exception {
    Path file = new Path(fits(), "curves.parquet");
    writeCurves(file, "message curves { required binary sweep (STRING); required binary domain (STRING);"
        + " required binary model (STRING); required double tokens; required double t_over_t_max;"
        + " required binary cmr (STRING); required double band_low; required double band_high; }");

    assertThatThrownBy(() -> outputs.read(fits(), FitTable.CURVES, FitFormat.PARQUET))
        .isInstanceOf(FitFormatException.class)
        .hasMessageContaining("curves.parquet")
        .hasMessageContaining("column 'cmr' has type binary but the contract needs double");
  }

  @Test
  void readsAParquetFileWhoseColumnsAreInAnotherOrder() throws Exception {
    Path file = new Path(fits(), "curves.parquet");
    writeCurves(file, "message curves { required double band_high; required double band_low; required double cmr;"
        + " required double t_over_t_max; required double tokens; required binary model (STRING);"
        + " required binary domain (STRING); required binary sweep (STRING); }");

    assertThat(outputs.read(fits(), FitTable.CURVES, FitFormat.PARQUET))
        .containsExactly(new CurveRow("syn", "dom", "m1", 4.2e9, 1.0, 0.25, 0.21, 0.27));
  }

  @Test
  void aMissingOutputSaysToRunTheFitFirst() {
    for (FitFormat format : FitFormat.values()) {
      assertThatThrownBy(() -> outputs.read(fits(), format))
          .isInstanceOf(FitFormatException.class)
          .hasMessageContaining("cmr" + format.extension() + " does not exist; run the fit first");
    }
  }

  @Test
  void aRowTheRecordRejectsFailsNamingTheFileAndRow() throws Exception {
    outputs.write(fits(), sample());
    java.nio.file.Path cmr = dir.resolve("fits/cmr.json");
    Files.writeString(cmr, Files.readString(cmr).replaceFirst("\"seeds\": 2", "\"seeds\": -1"));

    assertThatThrownBy(() -> outputs.read(fits(), FitFormat.JSON))
        .isInstanceOf(FitFormatException.class)
        .hasMessageContaining("cmr.json row 1: seeds=-1 must be >= 0");
  }

  /** Writes one curve row (the reference values) with a hand-made schema, as another tool might. */
  private void writeCurves(Path file, String schemaText) throws Exception {
    MessageType schema = MessageTypeParser.parseMessageType(schemaText);
    Files.createDirectories(dir.resolve("fits"));
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, conf))
        .withType(schema).withConf(conf).build()) {
      Group g = new SimpleGroupFactory(schema).newGroup();
      for (org.apache.parquet.schema.Type t : schema.getFields()) {
        switch (t.getName()) {
          case "sweep" -> g.add("sweep", "syn");
          case "domain" -> g.add("domain", "dom");
          case "model" -> g.add("model", "m1");
          case "tokens" -> g.add("tokens", 4.2e9);
          case "t_over_t_max" -> g.add("t_over_t_max", 1.0);
          case "cmr" -> {
            if (t.asPrimitiveType().getPrimitiveTypeName()
                == org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY) {
              g.add("cmr", "x");
            } else {
              g.add("cmr", 0.25);
            }
          }
          case "band_low" -> g.add("band_low", 0.21);
          case "band_high" -> g.add("band_high", 0.27);
          default -> throw new IllegalArgumentException(t.getName());
        }
      }
      w.write(g);
    }
  }
}
