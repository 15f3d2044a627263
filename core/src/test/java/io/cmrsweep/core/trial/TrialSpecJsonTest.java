package io.cmrsweep.core.trial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrialSpecJsonTest {
  private final TrialSpecJson json = new TrialSpecJson();

  static TrialSpec cpt() {
    return new TrialSpec(new TrialSpec.Identity("s1", "cpt-m1-legal-abc", TrialKind.CPT, 1),
        new ModelShape("m1", 64, 4, 4, 176, 128, 256),
        new TrialSpec.Data("corpora", "brown", "legal", 0.25, 200_000),
        new TrialSpec.Training(1, 1_000_000, 16, 3e-4, 20_000, List.of(10_000L, 100_000L, 1_000_000L)),
        new TrialSpec.Paths("root/s1/checkpoints/m1/base", "root/s1/checkpoints/m1/cpt-m1-legal-abc",
            "root/s1/losses/domain=legal/model=m1/cpt-m1-legal-abc.parquet"),
        new TrialSpec.Runtime(1));
  }

  @Test
  void roundTripsASpecThroughJson() {
    TrialSpec spec = cpt();

    assertThat(json.read(json.write(spec))).isEqualTo(spec);
  }

  @Test
  void readsASpecWrittenBeforeStopTokensExistedAsAFullRun() {
    String text = json.write(cpt()).replaceAll(",\\s*\"stopTokens\": 0", "");

    assertThat(text).doesNotContain("stopTokens");
    assertThat(json.read(text).training().runTokens()).isEqualTo(1_000_000);
  }

  @Test
  void roundTripsARunStoppedEarly() {
    TrialSpec full = cpt();
    var t = full.training();
    TrialSpec stopped = new TrialSpec(full.identity(), full.model(), full.data(), new TrialSpec.Training(t.seed(),
        t.tokens(), t.batchSize(), t.peakLr(), t.warmupTokens(), t.evalTokens(), 500_000), full.paths(),
        full.runtime());

    assertThat(json.read(json.write(stopped)).training().runTokens()).isEqualTo(500_000);
  }

  @Test
  void readsASpecWrittenBeforeContinueFromExistedAsARunFromTheBaseModel() {
    String text = json.write(cpt()).replaceAll(",\\s*\"continueFrom\": \"\"", "");

    assertThat(text).doesNotContain("continueFrom");
    assertThat(json.read(text).paths().continueFrom()).isEmpty();
  }

  @Test
  void roundTripsARunThatContinuesAShorterOne() {
    TrialSpec full = cpt();
    var p = full.paths();
    TrialSpec continued = full.withPaths(new TrialSpec.Paths(p.baseCheckpoint(), p.workDir(), p.lossFile(),
        "root/s1/checkpoints/m1/cpt-m1-legal-abc-t0.5"));

    assertThat(json.read(json.write(continued)).paths().continueFrom())
        .isEqualTo("root/s1/checkpoints/m1/cpt-m1-legal-abc-t0.5");
  }

  @Test
  void rejectsAPretrainingRunThatContinuesAnotherNamingTheField() {
    TrialSpec cpt = cpt();
    assertThatThrownBy(() -> new TrialSpec(new TrialSpec.Identity("s1", "pt-m1", TrialKind.PRETRAIN, 1), cpt.model(),
        new TrialSpec.Data("", "brown", "", 0, 1000), cpt.training(),
        new TrialSpec.Paths("root/s1/checkpoints/m1/base", "", "", "elsewhere"), cpt.runtime()))
        .hasMessageContaining("paths.continueFrom=elsewhere is for CPT trials");
  }

  @Test
  void rejectsAStopBeyondTheScheduleNamingTheField() {
    String text = json.write(cpt()).replace("\"stopTokens\": 0", "\"stopTokens\": 2000000");

    assertThatThrownBy(() -> json.read(text)).hasMessageContaining("training.stopTokens=2000000 must be in [0,"
        + " training.tokens=1000000]");
  }

  @Test
  void writesOneObjectPerPartOfTheSpec() {
    String text = json.write(cpt());

    assertThat(text).contains("\"identity\": {").contains("\"data\": {").contains("\"training\": {")
        .contains("\"paths\": {").contains("\"runtime\": {");
  }

  @Test
  void rejectsACptSpecWithoutALossFileNamingTheField() {
    String text = json.write(cpt()).replaceAll("\"lossFile\": \"[^\"]*\"", "\"lossFile\": \"\"");

    assertThatThrownBy(() -> json.read(text)).hasMessageContaining("paths.lossFile is missing");
  }

  @Test
  void rejectsABadLearningRateNamingItsPathValueAndAnExample() {
    String text = json.write(cpt()).replace("\"peakLr\": 3.0E-4", "\"peakLr\": 2");

    assertThatThrownBy(() -> json.read(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("training.peakLr=2.0 must be in (0, 1), e.g. 3e-3");
  }

  @Test
  void reportsEveryBrokenFieldOfAPartAtOnce() {
    String text = json.write(cpt()).replace("\"batchSize\": 16", "\"batchSize\": 0")
        .replace("\"warmupTokens\": 20000", "\"warmupTokens\": -1");

    assertThatThrownBy(() -> json.read(text)).hasMessageContaining("training.batchSize=0 must be > 0")
        .hasMessageContaining("training.warmupTokens=-1 must be in [0, training.tokens=1000000]");
  }

  @Test
  void namesAnEvalTokenBeyondTheTrainingLengthByIndex() {
    String text = json.write(cpt()).replace("1000000\n", "2000000\n");

    assertThatThrownBy(() -> json.read(text)).hasMessageContaining("training.evalTokens[2]=2000000");
  }

  @Test
  void namesAMissingPart() {
    String text = "{\"identity\": {\"sweep\": \"s\", \"trialId\": \"t\", \"kind\": \"PRETRAIN\", \"attempt\": 1}}";

    assertThatThrownBy(() -> json.read(text)).hasMessageContaining("model is missing")
        .hasMessageContaining("training is missing").hasMessageContaining("paths is missing");
  }

  @Test
  void rejectsAFieldOutsideItsPartNamingWhereItBelongs() {
    String text = json.write(cpt()).replaceFirst("\\{", "{\"peakLr\": 3e-4, ");

    assertThatThrownBy(() -> json.read(text))
        .hasMessageContaining("peakLr is not a field; allowed: identity, model, data, training, paths, runtime");
  }

  @Test
  void namesEveryFieldOfASpecInTheOldFlatForm() {
    String text = "{\"sweep\": \"s\", \"trialId\": \"t\", \"kind\": \"CPT\"}";

    assertThatThrownBy(() -> json.read(text)).hasMessageContaining("sweep, trialId, kind are not fields; allowed:");
  }

  @Test
  void rejectsAMisspeltFieldInsideAPart() {
    String text = json.write(cpt()).replace("\"threads\"", "\"thread\"");

    assertThatThrownBy(() -> json.read(text)).hasMessageContaining("runtime.thread is not a field of runtime");
  }

  @Test
  void withAttemptChangesOnlyTheAttempt() {
    TrialSpec next = cpt().withAttempt(3);

    assertThat(next.identity().attempt()).isEqualTo(3);
    assertThat(next.withAttempt(1)).isEqualTo(cpt());
    assertThatThrownBy(() -> cpt().withAttempt(0)).hasMessageContaining("identity.attempt=0 must be >= 1");
  }

  @Test
  void aPretrainSpecNeedsNoDomainOrLossFile() {
    TrialSpec cpt = cpt();
    TrialSpec pretrain = new TrialSpec(new TrialSpec.Identity("s1", "pt-m1", TrialKind.PRETRAIN, 1), cpt.model(),
        new TrialSpec.Data("", "brown", "", 0, 1000), cpt.training(),
        new TrialSpec.Paths("root/s1/checkpoints/m1/base", "", ""), cpt.runtime());

    assertThat(json.read(json.write(pretrain))).isEqualTo(pretrain);
  }

  @Test
  void countsTheParametersOfASmallModel() {
    ModelShape shape = new ModelShape("m1", 64, 4, 4, 176, 128, 256);

    assertThat(shape.parameterCount()).isEqualTo(256L * 64 + 4 * (4L * 64 * 64 + 3L * 64 * 176 + 2 * 64) + 64);
  }

  @Test
  void aModelWithoutTheLlamaFamilyKeysTakesTheSmallModelDefaults() {
    String text = json.write(cpt()).replaceAll("\"model\": \\{[^}]*\\}", "\"model\": {\"label\": \"m1\","
        + " \"dim\": 64, \"layers\": 4, \"heads\": 4, \"ffnDim\": 176, \"context\": 128, \"vocab\": 256}");

    assertThat(text).doesNotContain("kvHeads").doesNotContain("untiedHead");
    assertThat(json.read(text).model()).isEqualTo(new ModelShape("m1", 64, 4, 4, 176, 128, 256));
  }

  @Test
  void roundTripsAGroupedQueryUntiedModel() {
    TrialSpec spec = cpt().withModel(new ModelShape("m1", 64, 4, 8, 2, 176, 128, 300, 500000.0, 1e-5, true));

    assertThat(json.read(json.write(spec))).isEqualTo(spec);
  }
}
