package io.cmrsweep.fit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.core.loss.LossFormat;
import io.cmrsweep.fit.cmr.Resampling;
import org.junit.jupiter.api.Test;

class FitJobArgsTest {

  @Test
  void fillsEveryOptionItIsNotGivenWithTheDocumentedDefault() {
    FitJobArgs.Parsed parsed = FitJobArgs.parse(new String[] {"--input", "in", "--output", "out"});

    FitJobOptions o = parsed.options().orElseThrow();
    assertThat(o.format()).isEqualTo(LossFormat.PARQUET);
    assertThat(o.settings().bootstrap()).isEqualTo(1000);
    assertThat(o.settings().level()).isEqualTo(0.95);
    assertThat(o.settings().eps()).isEqualTo(0.05);
    assertThat(o.settings().lambda()).isEqualTo(1000);
    assertThat(o.settings().resampling()).isEqualTo(Resampling.AUTO);
    assertThat(o.master()).isEqualTo("local[*]");
    assertThat(o.groupFilter()).isEmpty();
  }

  @Test
  void readsOptionsGivenWithSpacesOrEqualsSigns() {
    FitJobOptions o = FitJobArgs.parse(new String[] {"--input=in", "--output", "out", "--format", "CSV",
        "--bootstrap=200", "--level", "0.9", "--eps", "0.02", "--lambda", "100", "--seed", "7",
        "--resampling", "seed", "--groups", "s/legal/.*", "--replicates-per-task", "25"}).options().orElseThrow();

    assertThat(o.format()).isEqualTo(LossFormat.CSV);
    assertThat(o.settings().bootstrap()).isEqualTo(200);
    assertThat(o.settings().level()).isEqualTo(0.9);
    assertThat(o.settings().eps()).isEqualTo(0.02);
    assertThat(o.settings().lambda()).isEqualTo(100);
    assertThat(o.settings().seed()).isEqualTo(7L);
    assertThat(o.settings().resampling()).isEqualTo(Resampling.SEED);
    assertThat(o.groupFilter().orElseThrow().pattern()).isEqualTo("s/legal/.*");
    assertThat(o.replicatesPerTask()).contains(25);
  }

  @Test
  void reportsEveryProblemAtOnceNamingOptionAndValue() {
    FitJobArgs.Parsed parsed = FitJobArgs.parse(new String[] {"--format", "xml", "--bootstrap", "many",
        "--resampling", "rows", "--groups", "(", "--colour", "red"});

    assertThat(parsed.options()).isEmpty();
    assertThat(parsed.problems()).anySatisfy(p -> assertThat(p).contains("--input is missing"))
        .anySatisfy(p -> assertThat(p).contains("--output is missing"))
        .anySatisfy(p -> assertThat(p).contains("--format='xml'").contains("parquet or csv"))
        .anySatisfy(p -> assertThat(p).contains("--bootstrap='many' is not a number"))
        .anySatisfy(p -> assertThat(p).contains("--resampling='rows'").contains("auto, checkpoint or seed"))
        .anySatisfy(p -> assertThat(p).contains("--groups='('").contains("regular expression"))
        .anySatisfy(p -> assertThat(p).contains("unknown option --colour"));
  }

  @Test
  void rejectsAConfidenceLevelOutsideTheUnitInterval() {
    FitJobArgs.Parsed parsed = FitJobArgs.parse(new String[] {"--input", "i", "--output", "o", "--level", "95"});

    assertThat(parsed.options()).isEmpty();
    assertThat(parsed.problems()).singleElement().asString().contains("95");
  }

  @Test
  void answersHelp() {
    assertThat(FitJobArgs.parse(new String[] {"--help"}).help()).isTrue();
  }
}
