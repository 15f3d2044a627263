package io.cmrsweep.core.trial;

import java.util.List;

/**
 * Everything one worker process needs to run one trial; the orchestrator writes it as JSON
 * ({@link TrialSpecJson}) and a person can write one by hand. The parts are grouped by concept, each
 * checks its own invariants and names the broken field by its path in the JSON ({@code training.peakLr}).
 *
 * <p>Paths are Hadoop URIs or local paths. For {@link TrialKind#PRETRAIN}, {@code paths.baseCheckpoint} is
 * where the base model is written and {@code data.domain}/{@code paths.lossFile} are empty; for
 * {@link TrialKind#CPT} it is the base model read, {@code paths.workDir} holds resumable state and
 * {@code paths.lossFile} receives the loss records (DESIGN 3.1).
 */
public record TrialSpec(Identity identity, ModelShape model, Data data, Training training, Paths paths,
    Runtime runtime) {

  public TrialSpec {
    Invariants v = new Invariants("");
    v.check(identity != null, "identity is missing; give {sweep, trialId, kind, attempt}");
    v.check(model != null, "model is missing; give {label, dim, layers, heads, ffnDim, context, vocab}");
    v.check(data != null, "data is missing; give {corporaDir, generalCorpus, domain, ratio, validationTokens}");
    v.check(training != null, "training is missing; give {seed, tokens, batchSize, peakLr, warmupTokens, evalTokens}");
    v.check(paths != null, "paths is missing; give {baseCheckpoint, workDir, lossFile}");
    v.check(runtime != null, "runtime is missing; give {threads}");
    v.enforce();
    if (identity.kind() == TrialKind.CPT) {
      v.name("data.domain", data.domain());
      v.check(!paths.lossFile().isBlank(),
          "paths.lossFile is missing; a CPT trial writes its loss records there");
    } else {
      v.check(training.stopTokens() == 0, "training.stopTokens=" + training.stopTokens() + " is for CPT trials;"
          + " a pretraining run always ends at training.tokens, so remove it");
      v.check(paths.continueFrom().isBlank(), "paths.continueFrom=" + paths.continueFrom() + " is for CPT trials;"
          + " a pretraining run always starts from scratch, so remove it");
    }
    v.enforce();
  }

  /** Who the trial is: its sweep, stable id, kind and the attempt number that runs it. */
  public record Identity(String sweep, String trialId, TrialKind kind, int attempt) {
    public Identity {
      Invariants v = new Invariants("identity");
      v.name("sweep", sweep);
      v.name("trialId", trialId);
      v.check(kind != null, "identity.kind is missing; use PRETRAIN or CPT");
      v.check(attempt >= 1, "identity.attempt=" + attempt + " must be >= 1 (the first attempt is 1)");
      v.enforce();
    }

    public Identity withAttempt(int newAttempt) {
      return new Identity(sweep, trialId, kind, newAttempt);
    }
  }

  /**
   * What the trial reads: the corpora directory (empty: the worker's default; prepared token shards live under
   * it), the general corpus, the domain corpus (empty for pre-training), the domain share R, the held-out
   * tokens scored per text, the tokenizer ({@code byte}, a Hugging Face {@code tokenizer.json} or a
   * SentencePiece {@code .model} file) and the corpora read from files (a name not listed is a built-in preset).
   */
  public record Data(String corporaDir, String generalCorpus, String domain, double ratio, long validationTokens,
      String tokenizer, List<CorpusFiles> corpora) {
    public static final String BYTE_TOKENIZER = "byte";

    public Data {
      corporaDir = corporaDir == null ? "" : corporaDir;
      domain = domain == null ? "" : domain;
      tokenizer = tokenizer == null || tokenizer.isBlank() ? BYTE_TOKENIZER : tokenizer;
      corpora = corpora == null ? List.of() : List.copyOf(corpora);
      Invariants v = new Invariants("data");
      v.name("generalCorpus", generalCorpus);
      if (!domain.isEmpty()) {
        v.name("domain", domain);
      }
      v.check(ratio >= 0 && ratio <= 1, "data.ratio=" + ratio + " must be a domain share in [0, 1], e.g. 0.25");
      v.positive("validationTokens", validationTokens, ", e.g. 32768");
      v.check(corpora.stream().map(CorpusFiles::name).distinct().count() == corpora.size(),
          "data.corpora names a corpus twice; give each name once");
      v.enforce();
    }

    /** Built-in corpora only, byte-level tokens. */
    public Data(String corporaDir, String generalCorpus, String domain, double ratio, long validationTokens) {
      this(corporaDir, generalCorpus, domain, ratio, validationTokens, BYTE_TOKENIZER, List.of());
    }

    /** The file-backed definition of {@code name}, if the spec lists one. */
    public java.util.Optional<CorpusFiles> files(String name) {
      return corpora.stream().filter(c -> c.name().equals(name)).findFirst();
    }
  }

  /**
   * How the trial trains.
   *
   * @param evalTokens tokens at which losses are measured, increasing and at most {@code tokens}; for CPT,
   *     T = 0 (the base model) is always measured too; empty = the worker's default schedule
   * @param stopTokens where a CPT run stops, in (0, tokens]; 0 (or absent from the JSON) = at {@code tokens}. The
   *     learning-rate and evaluation schedules stay those of {@code tokens}, and the stop is measured too, so a run
   *     stopped early is the exact prefix of the full run: its laws share T_max = {@code tokens} with the full runs
   */
  public record Training(int seed, long tokens, int batchSize, double peakLr, long warmupTokens,
      List<Long> evalTokens, long stopTokens) {
    public Training {
      evalTokens = evalTokens == null ? List.of() : List.copyOf(evalTokens);
      Invariants v = new Invariants("training");
      v.positive("tokens", tokens, "");
      v.positive("batchSize", batchSize, ", e.g. 16");
      v.check(peakLr > 0 && peakLr < 1, "training.peakLr=" + peakLr + " must be in (0, 1), e.g. 3e-3");
      v.check(warmupTokens >= 0 && warmupTokens <= tokens, "training.warmupTokens=" + warmupTokens
          + " must be in [0, training.tokens=" + tokens + "]");
      for (int i = 0; i < evalTokens.size(); i++) {
        long t = evalTokens.get(i);
        v.check(t > 0 && t <= tokens && (i == 0 || t > evalTokens.get(i - 1)), "training.evalTokens[" + i + "]=" + t
            + " must be increasing and in (0, training.tokens=" + tokens + "]");
      }
      v.check(stopTokens >= 0 && stopTokens <= tokens, "training.stopTokens=" + stopTokens + " must be in [0,"
          + " training.tokens=" + tokens + "]; 0 runs the whole schedule");
      v.enforce();
    }

    /** A run of the whole schedule. */
    public Training(int seed, long tokens, int batchSize, double peakLr, long warmupTokens, List<Long> evalTokens) {
      this(seed, tokens, batchSize, peakLr, warmupTokens, evalTokens, 0);
    }

    public Training withEvalTokens(List<Long> newEvalTokens) {
      return new Training(seed, tokens, batchSize, peakLr, warmupTokens, newEvalTokens, stopTokens);
    }

    /** Where the run stops: {@code stopTokens}, or {@code tokens} when it runs the whole schedule. */
    public long runTokens() {
      return stopTokens == 0 ? tokens : stopTokens;
    }
  }

  /**
   * Where the trial reads and writes: the base model, its resumable state (empty: no resume), its loss file (empty
   * for pre-training) and {@code continueFrom}: the work directory of a run of the same ratio and seed that stopped
   * early ({@code training.stopTokens}), whose final state this CPT run continues instead of starting again
   * (empty, or absent from older JSON: it starts from the base model).
   */
  public record Paths(String baseCheckpoint, String workDir, String lossFile, String continueFrom) {
    public Paths {
      workDir = workDir == null ? "" : workDir;
      lossFile = lossFile == null ? "" : lossFile;
      continueFrom = continueFrom == null ? "" : continueFrom;
      if (baseCheckpoint == null || baseCheckpoint.isBlank()) {
        throw new IllegalArgumentException("paths.baseCheckpoint is missing; give the base model directory");
      }
      if (!continueFrom.isBlank() && continueFrom.equals(workDir)) {
        throw new IllegalArgumentException("paths.continueFrom=" + continueFrom + " is this trial's own workDir;"
            + " give the work directory of the shorter run it continues, or leave it empty");
      }
    }

    /** Paths of a run that starts from the base model. */
    public Paths(String baseCheckpoint, String workDir, String lossFile) {
      this(baseCheckpoint, workDir, lossFile, "");
    }
  }

  /** How the worker process runs: PyTorch intra-op threads. */
  public record Runtime(int threads) {
    public Runtime {
      if (threads <= 0) {
        throw new IllegalArgumentException("runtime.threads=" + threads
            + " must be > 0 (use 1 per process on small CPUs)");
      }
    }
  }

  /** The same trial for another attempt. */
  public TrialSpec withAttempt(int attempt) {
    return new TrialSpec(identity.withAttempt(attempt), model, data, training, paths, runtime);
  }

  public TrialSpec withModel(ModelShape newModel) {
    return new TrialSpec(identity, newModel, data, training, paths, runtime);
  }

  public TrialSpec withTraining(Training newTraining) {
    return new TrialSpec(identity, model, data, newTraining, paths, runtime);
  }

  public TrialSpec withPaths(Paths newPaths) {
    return new TrialSpec(identity, model, data, training, newPaths, runtime);
  }
}
