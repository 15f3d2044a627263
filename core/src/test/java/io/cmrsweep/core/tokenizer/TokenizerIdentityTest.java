package io.cmrsweep.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerIdentityTest {
  @TempDir Path dir;

  @Test
  void aTokenizerJsonCountsItsLargestVocabularyOrAddedTokenIdPlusOne() throws IOException {
    Path file = dir.resolve("tokenizer.json");
    Files.writeString(file, "{\"added_tokens\": [{\"id\": 1999, \"content\": \"<x>\"}],"
        + " \"model\": {\"type\": \"WordLevel\", \"vocab\": {\"a\": 0, \"b\": 7}}}");

    TokenizerIdentity id = TokenizerIdentity.of(file.toString());

    assertThat(id.kind()).isEqualTo("huggingface");
    assertThat(id.vocabularySize()).isEqualTo(2000);
    assertThat(id.sha256()).isEqualTo(io.cmrsweep.core.digest.Sha256.hex(Files.readAllBytes(file)));
  }

  @Test
  void aSentencePieceModelCountsTheRepeatedPiecesOfItsProtobuf() throws IOException {
    // field 1 (pieces, length-delimited) three times, then field 2 (trainer spec) once
    byte[] proto = {0x0a, 0x01, 'a', 0x0a, 0x01, 'b', 0x0a, 0x01, 'c', 0x12, 0x02, 0x08, 0x01};
    Path file = dir.resolve("spm.model");
    Files.write(file, proto);

    assertThat(TokenizerIdentity.of(file.toString()).vocabularySize()).isEqualTo(3);
    Files.write(file, new byte[] {0x0a, 0x05, 'a'});
    assertThatThrownBy(() -> TokenizerIdentity.of(file.toString())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file + " cannot be read as a SentencePiece model");
  }

  @Test
  void theRecordedIdentityReadsBackAndAnOldByteSideFileStandsForBytes() throws IOException {
    TokenizerIdentity hf = new TokenizerIdentity("huggingface", "ab".repeat(32), 2000);
    hf.writeBeside(dir);
    assertThat(TokenizerIdentity.recordedIn(dir)).contains(hf);
    assertThat(hf.sameTokensAs(TokenizerIdentity.ofBytes())).isFalse();

    Files.writeString(dir.resolve(TokenizerIdentity.FILE), "{\"type\": \"byte-level-utf8\", \"vocab_size\": 256}");
    assertThat(TokenizerIdentity.recordedIn(dir)).contains(TokenizerIdentity.ofBytes());

    Files.writeString(dir.resolve(TokenizerIdentity.FILE), "{\"kind\": \"bpe\"}");
    assertThatThrownBy(() -> TokenizerIdentity.recordedIn(dir)).hasMessageContaining(
        dir.resolve(TokenizerIdentity.FILE) + " is not a tokenizer identity");
  }

  @Test
  void aMissingOrEmptyTokenizerFileIsNamed() throws IOException {
    assertThatThrownBy(() -> TokenizerIdentity.of(dir.resolve("nope.json").toString()))
        .hasMessageContaining("nope.json: no such file");
    Files.createFile(dir.resolve("empty.model"));
    assertThatThrownBy(() -> TokenizerIdentity.of(dir.resolve("empty.model").toString()))
        .hasMessageContaining("empty.model is an empty file");
    assertThat(TokenizerIdentity.of("byte")).isEqualTo(TokenizerIdentity.ofBytes());
  }
}
