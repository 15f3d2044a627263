package io.cmrsweep.worker.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cmrsweep.worker.corpus.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizersTest {
  private static final List<String> WORDS = List.of("the", "licensee", "shall", "grant", "a", "notice", "of",
      "warranty", "to", "software", "cat", "sat", "on", "mat", ".");

  @TempDir
  Path dir;

  private final Tokenizers tokenizers = new Tokenizers("data.tokenizer");

  static String sentences(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder();
    for (int s = 0; s < n; s++) {
      int len = 4 + rng.nextInt(8);
      for (int i = 0; i < len; i++) {
        sb.append(i == 0 ? "" : " ").append(WORDS.get(rng.nextInt(WORDS.size() - 1)));
      }
      sb.append(" .\n");
    }
    return sb.toString();
  }

  @Test
  void aWordLevelTokenizerJsonGivesItsVocabularyIdsAndRoundTrips() {
    Path file = TokenizerFixtures.wordLevel(dir.resolve("tokenizer.json"), WORDS, 0);
    try (Tokenizer t = tokenizers.open(file.toString())) {
      assertThat(t.kind()).isEqualTo("huggingface");
      assertThat(t.vocabularySize()).isEqualTo(2 + WORDS.size());
      assertThat(t.encode("the licensee shall grant zzz")).containsExactly(2, 3, 4, 5, 0);
      assertThat(t.documentSeparator()).containsExactly(1);
      String text = "the cat sat on a mat . a licensee shall grant a notice of warranty to software .";
      assertThat(t.decode(t.encode(text))).isEqualTo(text);
    }
  }

  @Test
  void aLongDocumentIsNeverTruncated() {
    Path file = TokenizerFixtures.wordLevel(dir.resolve("tokenizer.json"), WORDS, 0);
    String text = String.join(" ", java.util.Collections.nCopies(5000, "warranty"));
    try (Tokenizer t = tokenizers.open(file.toString())) {
      int[] ids = t.encode(text);
      assertThat(ids).hasSize(5000);
      assertThat(Arrays.stream(ids).distinct().toArray()).containsExactly(2 + WORDS.indexOf("warranty"));
    }
  }

  @Test
  void aSentencePieceModelTrainedBySpmTrainGivesTheIdsOfPythonSentencepiece() throws IOException {
    Path model = TokenizerFixtures.sentencePiece(dir.resolve("spm"), sentences(3000, 1), 24);
    List<String> lines = new ArrayList<>(sentences(25, 2).lines().toList());
    lines.add("unseen words: zebra quartz, and the licensee.");
    List<String> reference = TokenizerFixtures.pythonSentencePieceIds(dir, model, lines);

    try (Tokenizer t = tokenizers.open(model.toString())) {
      assertThat(t.kind()).isEqualTo("sentencepiece");
      assertThat(t.vocabularySize()).isEqualTo(24);
      assertThat(t.documentSeparator()).containsExactly(2);
      for (int i = 0; i < lines.size(); i++) {
        int[] ids = t.encode(lines.get(i));
        assertThat(Arrays.toString(ids).replace(" ", "")).as(lines.get(i))
            .isEqualTo(reference.get(i).replace(" ", ""));
        if (i < lines.size() - 1) {
          assertThat(t.decode(ids)).isEqualTo(lines.get(i));
        }
      }
    }
    assertThat(Files.size(model)).isPositive();
  }

  @Test
  void aFileThatIsNotATokenizerIsBadInputNamingTheField() throws IOException {
    Path json = Files.writeString(dir.resolve("broken.json"), "{\"model\": {\"type\": \"WordLevel\"}}");
    assertThatThrownBy(() -> tokenizers.open(json.toString())).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("data.tokenizer=" + json + " cannot be loaded as a Hugging Face tokenizer.json");
    assertThatThrownBy(() -> tokenizers.open(dir.resolve("none.model").toString()))
        .isInstanceOf(BadInputException.class).hasMessageContaining("none.model: no such file");
    assertThatThrownBy(() -> tokenizers.open("vocab.txt")).isInstanceOf(BadInputException.class)
        .hasMessageContaining("data.tokenizer=vocab.txt is not a tokenizer");
  }

  @Test
  void theByteTokenizerIsTheDefaultAndRoundTripsAnyText() {
    try (Tokenizer t = tokenizers.open("")) {
      String text = "naïve — 東京 ✓";
      assertThat(t.kind()).isEqualTo("byte");
      assertThat(t.decode(t.encode(text))).isEqualTo(text);
      assertThat(t.encode("A")).containsExactly(65);
    }
  }
}
