package io.cmrsweep.worker.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.cmrsweep.core.trial.ModelShape;
import io.cmrsweep.worker.model.LanguageModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfCheckpointTest {
  private static final ModelShape SHAPE = new ModelShape("h", 32, 2, 4, 2, 64, 16, 256, 40000.0, 1e-5, true);
  @TempDir
  Path dir;

  /** The worker's own tensors of {@link #SHAPE} under their HF names. */
  private static Map<String, Safetensors.Tensor> tensors() {
    Map<String, Safetensors.Tensor> out = new LinkedHashMap<>();
    try (LanguageModel model = LanguageModel.create(SHAPE, 4)) {
      Map<String, long[]> shapes = model.hfTensorShapes();
      model.forEachHfTensor((name, values) -> out.put(name, new Safetensors.Tensor(shapes.get(name), values)));
    }
    return out;
  }

  private Path writeWith(Map<String, Safetensors.Tensor> tensors) throws IOException {
    try (LanguageModel model = LanguageModel.create(SHAPE, 4)) {
      HfCheckpoint.write(dir, model);
    }
    Safetensors.write(dir.resolve(HfCheckpoint.WEIGHTS), tensors);
    return dir;
  }

  private static void load(Path dir) {
    try (LanguageModel model = LanguageModel.create(SHAPE, 9)) {
      HfCheckpoint.loadInto(dir, model);
    }
  }

  @Test
  void aWrittenCheckpointLoadsBackToIdenticalLogits() {
    long[] ids = new long[SHAPE.context()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = (i * 29 + 5) % SHAPE.vocab();
    }
    float[] expected;
    try (LanguageModel model = LanguageModel.create(SHAPE, 4); NDManager m = model.manager().newSubManager()) {
      HfCheckpoint.write(dir, model);
      expected = model.logits(m.create(ids, new Shape(1, ids.length)), false).toFloatArray();
    }
    assertThat(HfCheckpoint.shape(dir, "h", SHAPE.context())).isEqualTo(SHAPE);
    try (LanguageModel fresh = LanguageModel.create(SHAPE, 77); NDManager m = fresh.manager().newSubManager()) {
      HfCheckpoint.loadInto(dir, fresh);
      assertThat(fresh.logits(m.create(ids, new Shape(1, ids.length)), false).toFloatArray()).containsExactly(expected);
      assertThat(fresh.parameters()).allSatisfy(p -> assertThat(p.getArray().hasGradient())
          .as("loaded parameter %s still trains", p.getName()).isTrue());
    }
  }

  @Test
  void aMissingTensorIsRefusedNamingItAndItsExpectedShape() throws IOException {
    Map<String, Safetensors.Tensor> t = tensors();
    t.remove("model.layers.1.self_attn.k_proj.weight");
    Path d = writeWith(t);

    assertThatThrownBy(() -> load(d)).isInstanceOf(CheckpointException.class)
        .hasMessageContaining("tensor model.layers.1.self_attn.k_proj.weight is missing")
        .hasMessageContaining("[16, 32]");
  }

  @Test
  void aMisShapedTensorIsRefusedNamingItsFileExpectedAndActualShape() throws IOException {
    Map<String, Safetensors.Tensor> t = tensors();
    t.put("model.layers.0.mlp.up_proj.weight", new Safetensors.Tensor(new long[] {32, 64}, new float[32 * 64]));
    Path d = writeWith(t);

    assertThatThrownBy(() -> load(d)).isInstanceOf(CheckpointException.class)
        .hasMessageContaining(d.resolve("model.safetensors").toString())
        .hasMessageContaining("model.layers.0.mlp.up_proj.weight has shape [32, 64]")
        .hasMessageContaining("implies [64, 32]");
  }

  @Test
  void aTensorWithNoPlaceInTheModelSuchAsABiasIsRefused() throws IOException {
    Map<String, Safetensors.Tensor> t = tensors();
    t.put("model.layers.0.self_attn.q_proj.bias", new Safetensors.Tensor(new long[] {32}, new float[32]));
    Path d = writeWith(t);

    assertThatThrownBy(() -> load(d)).hasMessageContaining("tensor model.layers.0.self_attn.q_proj.bias [32] has no place");
  }

  @Test
  void aTruncatedWeightsFileIsRefusedNamingTheFile() throws IOException {
    Path d = writeWith(tensors());
    Path weights = d.resolve("model.safetensors");
    byte[] bytes = Files.readAllBytes(weights);
    Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length - 100));

    assertThatThrownBy(() -> load(d)).isInstanceOf(CheckpointException.class)
        .hasMessageContaining(weights.toString()).hasMessageContaining("truncated or corrupt");
  }

  @Test
  void anIndexNamingAShardThatIsNotThereIsRefused() throws IOException {
    Path d = writeWith(tensors());
    Files.delete(d.resolve("model.safetensors"));
    Files.writeString(d.resolve(HfCheckpoint.INDEX),
        "{\"weight_map\": {\"model.embed_tokens.weight\": \"model-00001-of-00002.safetensors\"}}");

    assertThatThrownBy(() -> load(d)).isInstanceOf(CheckpointException.class)
        .hasMessageContaining("weight_map[model.embed_tokens.weight]=model-00001-of-00002.safetensors names no shard");
  }

  @Test
  void halfPrecisionDecodesExactly() {
    assertThat(Safetensors.halfToFloat(0x3c00)).isEqualTo(1.0f);
    assertThat(Safetensors.halfToFloat(0xc000)).isEqualTo(-2.0f);
    assertThat(Safetensors.halfToFloat(0x0001)).isEqualTo(0x1p-24f);
    assertThat(Safetensors.halfToFloat(0x7bff)).isEqualTo(65504f);
    assertThat(Safetensors.halfToFloat(0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(Safetensors.halfToFloat(0x7e00)).isNaN();
  }
}
