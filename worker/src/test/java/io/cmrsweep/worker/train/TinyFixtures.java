package io.cmrsweep.worker.train;

import io.cmrsweep.core.trial.ModelShape;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Tiny shapes and synthetic texts that train in a second on one core. */
public final class TinyFixtures {
  private TinyFixtures() {}

  public static ModelShape tinyShape() {
    return new ModelShape("tiny", 32, 2, 2, 64, 32, 256);
  }

  /** Sentences from a small grammar: learnable structure, not a constant string. */
  public static TokenText text(String name, String[] words, int length, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder();
    while (sb.length() < length) {
      int n = 3 + rng.nextInt(6);
      for (int i = 0; i < n; i++) {
        sb.append(i == 0 ? "" : " ").append(words[rng.nextInt(words.length)]);
      }
      sb.append(". ");
    }
    return new TokenText(name, sb.substring(0, length).getBytes(StandardCharsets.UTF_8));
  }

  public static TokenText general(int length, long seed) {
    return text("general", new String[] {"the", "cat", "sat", "on", "a", "mat", "and", "dog", "ran", "home"},
        length, seed);
  }

  public static TokenText domain(int length, long seed) {
    return text("domain", new String[] {"licensee", "shall", "grant", "warranty", "software", "notice",
        "liability", "provided"}, length, seed);
  }
}
