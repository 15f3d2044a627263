package io.cmrsweep.core.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Sha256Test {
  // FIPS 180-2 known answer for "abc".
  private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @Test
  void matchesTheKnownDigestOfAbc() {
    assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC);
  }

  @Test
  void shortensToTheFirstBytesOfTheSameDigest() {
    assertThat(Sha256.shortHex("abc", 6)).isEqualTo(ABC.substring(0, 12));
  }

  @Test
  void rejectsALengthBeyondTheDigest() {
    assertThatThrownBy(() -> Sha256.shortHex("abc", 33)).hasMessageContaining("bytes=33 must be in [1, 32]");
  }
}
