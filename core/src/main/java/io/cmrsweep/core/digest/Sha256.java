package io.cmrsweep.core.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests as lower-case hex: whole (corpus checksums) or shortened (stable ids and names). */
public final class Sha256 {
  private Sha256() {}

  /** The full digest of {@code bytes}: 64 hex characters. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(digest(bytes));
  }

  /** The first {@code bytes} bytes of the digest of {@code text} (UTF-8), as 2 x {@code bytes} hex characters. */
  public static String shortHex(String text, int bytes) {
    if (bytes < 1 || bytes > 32) {
      throw new IllegalArgumentException("bytes=" + bytes + " must be in [1, 32] (a SHA-256 digest has 32 bytes)");
    }
    return HexFormat.of().formatHex(digest(text.getBytes(StandardCharsets.UTF_8)), 0, bytes);
  }

  /** The raw 32-byte digest of {@code bytes}. */
  public static byte[] digest(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
