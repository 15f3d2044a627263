package io.cmrsweep.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cmrsweep.core.trial.ModelShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LlamaConfigTest {
  private static final String BASE = """
      {"model_type": "llama", "hidden_size": 64, "intermediate_size": 176, "num_hidden_layers": 2,
       "num_attention_heads": 8, "num_key_value_heads": 2, "rms_norm_eps": 1e-5, "rope_theta": 500000.0,
       "max_position_embeddings": 256, "vocab_size": 300, "tie_word_embeddings": false, "hidden_act": "silu",
       "attention_bias": false, "rope_scaling": null, "bos_token_id": 1, "torch_dtype": "bfloat16"
      """;
  @TempDir
  Path dir;

  private Path config(String extra) throws IOException {
    Files.writeString(dir.resolve("config.json"), BASE + extra + "}");
    return dir;
  }

  @Test
  void readsEveryArchitectureKeyIntoTheShape() throws IOException {
    ModelShape shape = LlamaConfig.read(config(""), "m", 128);

    assertThat(shape).isEqualTo(new ModelShape("m", 64, 2, 8, 2, 176, 128, 300, 500000.0, 1e-5, true));
  }

  @Test
  void aWrittenConfigReadsBackToTheSameShape() throws IOException {
    ModelShape shape = new ModelShape("m", 48, 3, 6, 3, 96, 64, 256, 20000.0, 1e-5, false);
    Files.writeString(dir.resolve("config.json"), LlamaConfig.write(shape));

    assertThat(LlamaConfig.read(dir, "m", 64)).isEqualTo(shape);
  }

  @Test
  void leftOutKeysTakeTransformersLlamaDefaults() throws IOException {
    Files.writeString(dir.resolve("config.json"), """
        {"hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 1, "num_attention_heads": 4,
         "vocab_size": 256}""");

    ModelShape shape = LlamaConfig.read(dir, "m", 32);

    assertThat(shape.kvHeads()).isEqualTo(4);
    assertThat(shape.ropeTheta()).isEqualTo(10000.0);
    assertThat(shape.normEps()).isEqualTo(1e-6);
    assertThat(shape.untiedHead()).as("LlamaConfig's tie_word_embeddings default is false").isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "sliding_window | , \"sliding_window\": 4096",
      "use_sliding_window | , \"use_sliding_window\": true",
      "num_local_experts | , \"num_local_experts\": 8",
      "num_experts_per_tok | , \"num_experts_per_tok\": 2",
      "attention_bias | , \"attention_bias\": true",
      "mlp_bias | , \"mlp_bias\": true",
      "rope_scaling | , \"rope_scaling\": {\"type\": \"linear\", \"factor\": 2.0}",
      "hidden_act | , \"hidden_act\": \"gelu\"",
      "model_type | , \"model_type\": \"qwen2\"",
      "head_dim | , \"head_dim\": 16",
      "attention_dropout | , \"attention_dropout\": 0.1"})
  void aFeatureTheModelCannotRepresentIsRefusedNamingTheFileAndTheField(String field, String extra)
      throws IOException {
    // The base text already has some of these keys; a JSON object's later duplicate wins in Gson.
    Path d = config(extra);

    assertThatThrownBy(() -> LlamaConfig.read(d, "m", 128)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(d.resolve("config.json").toString()).hasMessageContaining(field + "=");
  }

  @Test
  void aMissingRequiredKeyIsNamed() throws IOException {
    Files.writeString(dir.resolve("config.json"), "{\"hidden_size\": 32, \"num_hidden_layers\": 1,"
        + " \"num_attention_heads\": 4, \"vocab_size\": 256}");

    assertThatThrownBy(() -> LlamaConfig.read(dir, "m", 32)).hasMessageContaining("intermediate_size is missing");
  }

  @Test
  void keyValueHeadsThatDoNotDivideTheHeadsAreRefusedUnderTheirConfigName() throws IOException {
    Path d = config(", \"num_key_value_heads\": 3");

    assertThatThrownBy(() -> LlamaConfig.read(d, "m", 128)).hasMessageContaining("num_key_value_heads=3");
  }

  @Test
  void aTrainingContextBeyondTheCheckpointsPositionsIsRefused() throws IOException {
    Path d = config("");

    assertThatThrownBy(() -> LlamaConfig.read(d, "m", 512)).hasMessageContaining("max_position_embeddings=256");
  }

  @Test
  void aMissingConfigSaysWhatTheDirectoryShouldHold() {
    assertThatThrownBy(() -> LlamaConfig.read(dir, "m", 128)).hasMessageContaining("config.json does not exist")
        .hasMessageContaining("model.safetensors");
  }
}
