package io.cmrsweep.fit.group;

import java.util.Comparator;
import java.util.Objects;

/** What one CMR fit is about: one sweep, one domain, one model size. Ordered by sweep, domain, model. */
public record GroupKey(String sweep, String domain, String model)
    implements Comparable<GroupKey>, java.io.Serializable {
  private static final Comparator<GroupKey> ORDER = Comparator.comparing(GroupKey::sweep)
      .thenComparing(GroupKey::domain).thenComparing(GroupKey::model);

  public GroupKey {
    Objects.requireNonNull(sweep, "sweep is missing");
    Objects.requireNonNull(domain, "domain is missing");
    Objects.requireNonNull(model, "model is missing");
  }

  @Override
  public int compareTo(GroupKey o) {
    return ORDER.compare(this, o);
  }

  /**
   * A 64-bit hash that is the same in every JVM and Spark executor (FNV-1a over the UTF-16 units of
   * {@link #toString()}), used to seed bootstrap replicates.
   */
  public long stableHash() {
    long h = 0xcbf29ce484222325L;
    String s = toString();
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }

  @Override
  public String toString() {
    return sweep + "/" + domain + "/" + model;
  }
}
