package io.cmrsweep.orchestrator.retry;

import java.time.Duration;
import java.util.Optional;

/**
 * How often and how soon to retry: at most {@code maxAttempts} charged attempts, exponential backoff
 * from {@code initial} capped at {@code max}. Stateless; the state (attempts used) lives in the ledger.
 */
public record RetryPolicy(int maxAttempts, Duration initial, Duration max, double multiplier) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts=" + maxAttempts + " must be >= 1");
    }
    if (initial.isNegative() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff must satisfy 0 <= initial=" + initial + " <= max=" + max);
    }
    if (!(multiplier >= 1)) {
      throw new IllegalArgumentException("multiplier=" + multiplier + " must be >= 1");
    }
  }

  /** The wait before the next attempt after {@code chargedFailures} charged failures; empty when the budget is spent. */
  public Optional<Duration> nextDelay(int chargedFailures) {
    if (chargedFailures >= maxAttempts) {
      return Optional.empty();
    }
    double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, chargedFailures - 1));
    return Optional.of(Duration.ofMillis((long) Math.min(millis, max.toMillis())));
  }
}
