package io.cmrsweep.fit.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cmrsweep.fit.bootstrap.Bootstrap;
import io.cmrsweep.fit.bootstrap.BootstrapRun;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.fit.cmr.GroupFit;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.GroupAssembler;
import io.cmrsweep.fit.group.GroupKey;
import io.cmrsweep.fit.group.InputIssues;
import io.cmrsweep.fit.synthetic.SyntheticSweep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitJsonTest {
  private static final List<String> CONTRACT_KEYS = List.of("sweep", "domain", "model", "model_params", "cmr",
      "ci_low", "ci_high", "level", "replicates", "failed_replicates", "t_max", "lambda", "eps", "sup_a", "status");

  private static BootstrapRun run(Group g) {
    return new Bootstrap(FitSettings.defaults()).runAll(g, 4);
  }

  @Test
  void cmrJsonCarriesTheContractKeysTheT0sTheLawsAndTheAdvice(@TempDir Path dir) throws Exception {
    Group g = new GroupAssembler().assemble(SyntheticSweep.reference(1e-5).records(3)).get(0);
    BootstrapRun r = run(g);
    Path file = dir.resolve("cmr.json");
    new FitJson().write(file, List.of(CmrRow.of(r.point(), r.summary())));
    JsonArray array = JsonParser.parseString(Files.readString(file)).getAsJsonArray();
    assertThat(array).hasSize(1);
    JsonObject o = array.get(0).getAsJsonObject();
    assertThat(o.keySet()).containsAll(CONTRACT_KEYS)
        .contains("t0", "t0_extrapolated", "feasible_ratios", "cmr_law", "cmr_law_r2", "ratio_law_general",
            "token_law_r2_general", "cmr_lambda_100", "cmr_lambda_1000", "cmr_lambda_7000", "advice",
            "non_finite_rows", "duplicate_checkpoints", "input_issues");
    assertThat(o.get("status").getAsString()).isEqualTo("ok");
    assertThat(o.get("cmr").getAsDouble()).isBetween(0.0, 1.0);
    assertThat(o.get("replicates").getAsInt()).isEqualTo(4);
    assertThat(o.get("t0").getAsJsonArray()).hasSize(6);
    assertThat(o.get("cmr_law").getAsJsonArray()).hasSize(3);
    assertThat(o.get("feasible_ratios").getAsJsonArray().toString()).isEqualTo("[0.2,0.3]");
    // One seed per ratio; the first ratio above the CMR has T0 = 1.14 T_max, close enough not to ask for
    // a longer T_max.
    assertThat(o.get("advice").getAsString()).contains("More seeds per ratio").doesNotContain("longer T_max");
  }

  @Test
  void aFailedGroupWritesNullsForMissingNumbersAndItsStatus() {
    GroupFit fit = new io.cmrsweep.fit.cmr.CmrPipeline(FitSettings.defaults())
        .fit(new Group(new GroupKey("s", "d", "m"), 5, List.of(), InputIssues.none()));
    BootstrapRun r = new Bootstrap(FitSettings.defaults()).runAll(
        new Group(new GroupKey("s", "d", "m"), 5, List.of(), InputIssues.none()), 10);
    String json = new FitJson().toJson(List.of(CmrRow.of(fit, r.summary())));
    JsonObject o = JsonParser.parseString(json).getAsJsonArray().get(0).getAsJsonObject();
    assertThat(o.get("cmr").isJsonNull()).isTrue();
    assertThat(o.get("ci_low").isJsonNull()).isTrue();
    assertThat(o.get("status").getAsString()).isEqualTo("empty_group");
    assertThat(o.get("replicates").getAsInt()).isZero();
    assertThat(o.get("advice").getAsString()).contains("ratios in (0, 1]");
  }

  @Test
  void lawAndCurveRowsDescribeEveryFittedLawAndTheBand() {
    Group g = new GroupAssembler().assemble(SyntheticSweep.reference(0).records(3)).get(0);
    BootstrapRun r = run(g);
    List<LawRow> laws = LawRow.of(r.point());
    assertThat(laws).extracting(LawRow::law).containsOnly("token_domain", "token_general", "ratio_general",
        "ratio_domain", "cmr");
    assertThat(laws).hasSize(6 * 2 + 3);
    LawRow general = laws.get(1);
    assertThat(general.parameterNames()).containsExactly("a2", "s2", "a3", "s3", "b2");
    assertThat(general.parameters().get(1)).isLessThan(general.parameters().get(3));
    List<CurveRow> curve = CurveRow.of(r.point(), r.summary());
    assertThat(curve).hasSize(FitSettings.defaults().curvePoints());
    assertThat(curve).allSatisfy(c -> assertThat(c.bandLow()).isLessThanOrEqualTo(c.bandHigh()));
    JsonObject first = JsonParser.parseString(new FitJson().toJson(curve)).getAsJsonArray().get(0).getAsJsonObject();
    assertThat(first.keySet()).containsExactly("sweep", "domain", "model", "tokens", "t_over_t_max", "cmr",
        "band_low", "band_high");
  }
}
