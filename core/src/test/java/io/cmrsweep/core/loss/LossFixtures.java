package io.cmrsweep.core.loss;

import java.util.ArrayList;
import java.util.List;

final class LossFixtures {
  private LossFixtures() {}

  static LossRecord record(long tokens, double general, double domain) {
    return new LossRecord("s1", "cpt-m1-legal-r0.25-s1", "legal", "m1", 224_640L, 0.25, 1, tokens / 2048,
        tokens, general, domain, 1);
  }

  static List<LossRecord> trajectory(int points) {
    List<LossRecord> out = new ArrayList<>();
    for (int i = 0; i < points; i++) {
      out.add(record(i * 4096L, 1.8 + 0.01 * i, 2.8 - 0.05 * i));
    }
    return out;
  }
}
