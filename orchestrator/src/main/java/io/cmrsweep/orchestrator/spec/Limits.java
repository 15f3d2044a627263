package io.cmrsweep.orchestrator.spec;

import java.time.Duration;
import java.util.Optional;

/**
 * The largest values a sweep spec may hold, one per quantity, documented in the orchestrator README. They
 * sit well above any sweep this project can run (the paper's largest sweep is 4 sizes, 8 ratios, 3 seeds
 * and a few billion tokens) and stop typos such as {@code 4000B} or a pasted ratio list before a worker
 * starts, a plan allocates, or a spec is copied into storage.
 */
public final class Limits {
  /** A spec file larger than this is refused before it is parsed. */
  public static final long SPEC_BYTES = 1L << 20;
  /** Trials (pretrain and CPT) in one sweep's plan; a ledger of this size checks its integrity in ~35 ms. */
  public static final long TRIALS = 10_000;

  static final Limit TOKENS = new Limit(100_000_000_000L, "100000000000 (100B) tokens", "use at most 100B");
  static final Limit VALIDATION_TOKENS = new Limit(100_000_000L, "100000000 (100M) tokens",
      "every worker holds the validation set in memory; use at most 100M");
  static final Limit EVAL_POINTS = new Limit(1_000, "1000 evaluation points",
      "use at most 1000 (20 to 50 resolve a loss curve)");
  static final Limit BATCH = new Limit(4_096, "4096 sequences", "use a smaller batch");
  static final Limit DIM = new Limit(16_384, "16384", "use a smaller model width");
  static final Limit LAYERS = new Limit(256, "256", "use fewer layers");
  static final Limit HEADS = new Limit(256, "256", "use fewer heads");
  static final Limit FFN_DIM = new Limit(65_536, "65536", "use a smaller ffnDim");
  static final Limit CONTEXT = new Limit(32_768, "32768", "use a shorter context");
  static final Limit VOCAB = new Limit(1 << 20, "1048576", "use a smaller vocabulary");
  static final Limit PARALLELISM = new Limit(1_024, "1024", "run at most 1024 trials at once");
  static final Limit THREADS = new Limit(256, "256", "use at most 256 threads per worker");
  static final Limit ATTEMPTS = new Limit(100, "100", "a trial that fails 100 times will not succeed; use e.g. 3");
  static final Limit GPUS = new Limit(64, "64", "request at most 64 GPUs per worker");

  static final Limit RATIOS = new Limit(100, "100", "list at most 100 ratios (a CMR curve needs 5 to 20)");
  static final Limit SEEDS = new Limit(100, "100", "list at most 100 seeds (3 to 5 give a spread)");
  static final Limit MODELS = new Limit(32, "32", "list at most 32 model sizes");
  static final Limit DOMAINS = new Limit(64, "64", "list at most 64 domains, or split the sweep");

  static final Limit PLAN = new Limit(TRIALS, TRIALS + " trials", "a sweep holds at most " + TRIALS + " trials");
  static final Limit ADAPTIVE_TOKENS = new Limit(1_000_000_000_000_000L, "1e18 tokens", "use a smaller token budget");
  static final Limit ADAPTIVE_BATCH = new Limit(1_024, "1024", "choose at most 1024 cells per round");
  static final Limit ADAPTIVE_REPLICATES = new Limit(2_000, "2000",
      "the in-process fit between rounds needs a modest B, e.g. 40");

  /** Backoffs and deadlines in a spec. */
  static final Duration DURATION = Duration.ofDays(30);

  private Limits() {}

  /** A problem when the plan of these factors would exceed {@link #TRIALS}, counted before anything plans it. */
  static Optional<String> planSize(int models, int domains, int ratios, int seeds, int budgets) {
    long cpt = (long) models * domains * ratios * seeds * budgets;
    if (cpt + models <= TRIALS) {
      return Optional.empty();
    }
    return Optional.of("models x corpora.domains x cpt.ratios x seeds" + (budgets > 1 ? " x token budgets" : "")
        + " = " + models + " x " + domains + " x " + ratios + " x " + seeds + (budgets > 1 ? " x " + budgets : "")
        + " = " + cpt + " CPT trials (+ " + models + " pretrain) exceeds the maximum of " + TRIALS + " trials per"
        + " sweep; split the sweep or use fewer ratios, seeds, domains" + (budgets > 1 ? ", models or adaptive.stopAt"
        + " shares" : " or models"));
  }

  /** A maximum, as the message shows it, and what to do about a value above it. */
  record Limit(long max, String shown, String fix) {
    String exceeded(String field, long value) {
      return field + "=" + value + " exceeds the maximum of " + shown + "; " + fix;
    }

    String tooMany(String field, int size) {
      return field + " has " + size + " entries, more than the maximum of " + max + "; " + fix;
    }
  }
}
