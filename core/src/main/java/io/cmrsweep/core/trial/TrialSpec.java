package io.cmrsweep.core.trial;

import io.cmrsweep.core.storage.Names;
import java.util.List;

/**
 * Everything one worker process needs to run one trial; the orchestrator writes it as JSON
 * ({@link TrialSpecJson}) and a person can write one by hand.
 *
 * <p>Paths are Hadoop URIs or local paths. For {@link TrialKind#PRETRAIN}, {@code baseCheckpoint} is
 * where the base model is written and {@code domain}/{@code lossFile} are empty; for {@link TrialKind#CPT}
 * it is the base model read, {@code workDir} holds resumable state and {@code lossFile} receives the loss
 * records (DESIGN 3.1).
 *
 * @param evalTokens CPT tokens at which losses are measured; T = 0 (the base model) is always measured too
 */
public record TrialSpec(
    String sweep,
    String trialId,
    TrialKind kind,
    ModelShape model,
    String corporaDir,
    String generalCorpus,
    String domain,
    double ratio,
    int seed,
    long tokens,
    int batchSize,
    double peakLr,
    long warmupTokens,
    List<Long> evalTokens,
    long validationTokens,
    String baseCheckpoint,
    String workDir,
    String lossFile,
    int threads,
    int attempt) {

  public TrialSpec {
    Names.require("sweep", sweep);
    Names.require("trialId", trialId);
    if (kind == null) {
      throw new IllegalArgumentException("kind is missing; use PRETRAIN or CPT");
    }
    if (model == null) {
      throw new IllegalArgumentException("model is missing");
    }
    Names.require("generalCorpus", generalCorpus);
    evalTokens = evalTokens == null ? List.of() : List.copyOf(evalTokens);
    domain = domain == null ? "" : domain;
    lossFile = lossFile == null ? "" : lossFile;
    workDir = workDir == null ? "" : workDir;
    if (kind == TrialKind.CPT) {
      Names.require("domain", domain);
      if (lossFile.isBlank()) {
        throw new IllegalArgumentException("lossFile is missing; a CPT trial writes its loss records there");
      }
    }
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new IllegalArgumentException("ratio=" + ratio + " must be a domain share in [0, 1]");
    }
    if (tokens <= 0) {
      throw new IllegalArgumentException("tokens=" + tokens + " must be > 0");
    }
    if (batchSize <= 0) {
      throw new IllegalArgumentException("batchSize=" + batchSize + " must be > 0");
    }
    if (!(peakLr > 0 && peakLr < 1)) {
      throw new IllegalArgumentException("peakLr=" + peakLr + " must be in (0, 1), e.g. 3e-3");
    }
    if (warmupTokens < 0 || warmupTokens > tokens) {
      throw new IllegalArgumentException("warmupTokens=" + warmupTokens + " must be in [0, tokens=" + tokens + "]");
    }
    for (int i = 0; i < evalTokens.size(); i++) {
      long t = evalTokens.get(i);
      if (t <= 0 || t > tokens || (i > 0 && t <= evalTokens.get(i - 1))) {
        throw new IllegalArgumentException("evalTokens[" + i + "]=" + t
            + " must be increasing and in (0, tokens=" + tokens + "]");
      }
    }
    if (validationTokens <= 0) {
      throw new IllegalArgumentException("validationTokens=" + validationTokens + " must be > 0");
    }
    if (baseCheckpoint == null || baseCheckpoint.isBlank()) {
      throw new IllegalArgumentException("baseCheckpoint is missing; give the base model directory");
    }
    if (threads <= 0) {
      throw new IllegalArgumentException("threads=" + threads + " must be > 0 (use 1 per process on small CPUs)");
    }
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt=" + attempt + " must be >= 1");
    }
  }

  /** The same trial for another attempt. */
  public TrialSpec withAttempt(int newAttempt) {
    return new TrialSpec(sweep, trialId, kind, model, corporaDir, generalCorpus, domain, ratio, seed, tokens,
        batchSize, peakLr, warmupTokens, evalTokens, validationTokens, baseCheckpoint, workDir, lossFile, threads,
        newAttempt);
  }
}
