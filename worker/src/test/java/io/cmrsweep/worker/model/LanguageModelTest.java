package io.cmrsweep.worker.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.cmrsweep.core.trial.ModelShape;
import io.cmrsweep.worker.train.TinyFixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LanguageModelTest {
  private final ModelShape shape = TinyFixtures.tinyShape();

  @Test
  void parameterCountMatchesTheShapeFormula() {
    try (LanguageModel model = LanguageModel.create(shape, 1)) {
      assertThat(model.parameterCount()).isEqualTo(shape.parameterCount());
    }
    ModelShape other = new ModelShape("m", 48, 3, 4, 128, 16, 256);
    try (LanguageModel model = LanguageModel.create(other, 1)) {
      assertThat(model.parameterCount()).isEqualTo(other.parameterCount());
    }
    ModelShape gqa = new ModelShape("g", 48, 2, 6, 2, 96, 16, 300, 50000.0, 1e-5, true);
    try (LanguageModel model = LanguageModel.create(gqa, 1)) {
      assertThat(model.parameterCount()).isEqualTo(gqa.parameterCount()).isLessThan(other.parameterCount() * 2);
    }
  }

  @Test
  void groupedQueryAttentionWithAnUntiedHeadIsCausalToo() {
    assertCausal(new ModelShape("g", 32, 2, 4, 1, 64, 32, 256, 50000.0, 1e-5, true));
  }

  @Test
  void futureTokensDoNotChangeEarlierLogits() {
    assertCausal(shape);
  }

  private static void assertCausal(ModelShape shape) {
    int t = shape.context();
    int cut = t / 2;
    long[] a = new long[t];
    long[] b = new long[t];
    for (int i = 0; i < t; i++) {
      a[i] = (i * 37 + 11) % 256;
      b[i] = i < cut ? a[i] : (i * 91 + 3) % 256;
    }
    try (LanguageModel model = LanguageModel.create(shape, 7);
        NDManager m = model.manager().newSubManager()) {
      float[] la = model.logits(m.create(a, new Shape(1, t)), false).toFloatArray();
      float[] lb = model.logits(m.create(b, new Shape(1, t)), false).toFloatArray();
      int v = shape.vocab();
      double before = 0;
      double after = 0;
      for (int i = 0; i < t * v; i++) {
        double d = Math.abs(la[i] - lb[i]);
        if (i / v < cut) {
          before = Math.max(before, d);
        } else {
          after = Math.max(after, d);
        }
      }
      assertThat(before).as("max logit change before the first changed token").isZero();
      assertThat(after).as("max logit change from the first changed token on").isGreaterThan(1e-3);
    }
  }

  @Test
  void sameSeedGivesTheSameWeightsAndADifferentSeedDoesNot() {
    try (LanguageModel a = LanguageModel.create(shape, 3);
        LanguageModel b = LanguageModel.create(shape, 3);
        LanguageModel c = LanguageModel.create(shape, 4)) {
      NDArray wa = a.parameters().get(0).getArray();
      assertThat(wa.toFloatArray()).containsExactly(b.parameters().get(0).getArray().toFloatArray());
      assertThat(wa.toFloatArray()).isNotEqualTo(c.parameters().get(0).getArray().toFloatArray());
    }
  }

  @Test
  void savedParametersLoadIntoAFreshModelWithIdenticalLogits(@TempDir Path dir) {
    long[] ids = new long[shape.context()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = (i * 13) % 256;
    }
    Path file = dir.resolve("params.bin");
    float[] expected;
    try (LanguageModel model = LanguageModel.create(shape, 5); NDManager m = model.manager().newSubManager()) {
      expected = model.logits(m.create(ids, new Shape(1, ids.length)), false).toFloatArray();
      model.save(file);
    }
    try (LanguageModel fresh = LanguageModel.create(shape, 99); NDManager m = fresh.manager().newSubManager()) {
      fresh.load(file);
      assertThat(fresh.logits(m.create(ids, new Shape(1, ids.length)), false).toFloatArray()).containsExactly(expected);
    }
  }
}
