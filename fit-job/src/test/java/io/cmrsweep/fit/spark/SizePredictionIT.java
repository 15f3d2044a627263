package io.cmrsweep.fit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.core.fit.FitFormat;
import io.cmrsweep.core.fit.FitOutputs;
import io.cmrsweep.core.fit.FitTable;
import io.cmrsweep.core.fit.PredictionRow;
import io.cmrsweep.fit.local.LocalFit;
import io.cmrsweep.fit.synthetic.SizedSweep;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The size law in the Spark fit job: the replicate CMRs of every size are gathered on the driver and the law
 * is fitted per (domain, b), so the predictions do not depend on how the replicates were partitioned and
 * equal the local fit's.
 */
class SizePredictionIT {
  @TempDir
  Path dir;

  private static final String[] FIT = {"--bootstrap", "12", "--seed", "9", "--predict-params", "2.4e9,7e9"};

  private List<PredictionRow> run(String name, boolean spark, String... extra) {
    Path output = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("--input", dir.resolve("root/syn/losses").toString(), "--output",
        output.toString()));
    args.addAll(List.of(FIT));
    args.addAll(List.of(extra));
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    PrintStream errs = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code = spark ? new FitJobCommand(out, errs).run(args.toArray(String[]::new))
        : new LocalFit(out, errs).run(args.toArray(String[]::new));
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    return new FitOutputs(new Configuration()).read(new org.apache.hadoop.fs.Path(output.toUri()),
        FitTable.PREDICTIONS, FitFormat.JSON);
  }

  @Test
  void writesOnePredictionPerDomainAndTargetIndependentOfPartitioningAndEqualToTheLocalFit() {
    List<io.cmrsweep.core.loss.LossRecord> records = new ArrayList<>(SizedSweep.reference(1e-5).records(4));
    records.addAll(SizedSweep.reference(1e-5).withDomain("bio").withSizes(300_000_000L, 1_200_000_000L)
        .records(5));
    SyntheticLossFiles.writeParquet(dir.resolve("root"), records);

    List<PredictionRow> oneByOne = run("spark-1", true, "--master", "local[1]", "--replicates-per-task", "1");
    List<PredictionRow> sliced = run("spark-2", true, "--master", "local[2]", "--replicates-per-task", "5");
    List<PredictionRow> local = run("local", false);

    assertThat(oneByOne).extracting(r -> r.domain() + "@" + r.targetParams())
        .containsExactlyInAnyOrder("dom@2400000000", "dom@7000000000", "bio@2400000000", "bio@7000000000");
    assertThat(sliced).containsExactlyInAnyOrderElementsOf(oneByOne);
    assertThat(local).containsExactlyInAnyOrderElementsOf(oneByOne);
    PredictionRow dom = oneByOne.stream().filter(r -> r.domain().equals("dom") && r.targetParams() == 7_000_000_000L)
        .findFirst().orElseThrow();
    assertThat(dom.status()).as(dom.statusDetail()).isEqualTo("ok");
    assertThat(dom.replicates()).isEqualTo(12);
    assertThat(dom.ciLow()).isLessThanOrEqualTo(dom.cmr());
    assertThat(dom.ciHigh()).isGreaterThanOrEqualTo(dom.cmr());
    PredictionRow bio = oneByOne.stream().filter(r -> r.domain().equals("bio")).findFirst().orElseThrow();
    assertThat(bio.status()).isEqualTo("two_point");
    assertThat(bio.sizeModels()).containsExactly("m0", "m1");
  }
}
