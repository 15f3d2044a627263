package io.cmrsweep.orchestrator.spec;

import io.cmrsweep.core.fit.FitParameters;
import io.cmrsweep.core.storage.Names;
import io.cmrsweep.core.trial.ModelShape;
import io.cmrsweep.core.trial.CorpusFiles;
import io.cmrsweep.core.trial.TrialSpec;
import java.util.List;
import java.util.Objects;

/**
 * A validated sweep: what to train (corpora, model sizes, pretrain and CPT settings, ratios, seeds),
 * how to fit, where to store and how to execute. Read from YAML by {@link SpecReader}.
 */
public record SweepSpec(
    String sweep,
    StorageSpec storage,
    CorporaSpec corpora,
    List<ModelShape> models,
    PretrainSpec pretrain,
    CptSpec cpt,
    List<Integer> seeds,
    FitSpec fit,
    ExecutionSpec execution) {

  public SweepSpec {
    Names.require("sweep", sweep);
    models = List.copyOf(models);
    seeds = List.copyOf(seeds);
    if (models.isEmpty() || seeds.isEmpty()) {
      throw new IllegalArgumentException("models and seeds must not be empty");
    }
    if (storage == null || corpora == null || pretrain == null || cpt == null || fit == null || execution == null) {
      throw new IllegalArgumentException("every section of a sweep spec must be present");
    }
  }

  /** Where the trial data lives and where the ledger is kept. */
  public record StorageSpec(String root, String ledger) {
    public StorageSpec {
      if (root == null || root.isBlank()) {
        throw new IllegalArgumentException("storage.root is missing");
      }
      ledger = ledger == null ? "" : ledger;
    }
  }

  /**
   * The corpora: {@code dir} holds the built-in presets (one folder per corpus, from bin/fetch-corpora) and the
   * prepared token shards ({@code dir/prepared}); {@code files} defines corpora read from a team's own files;
   * {@code tokenizer} is {@code byte}, a Hugging Face tokenizer.json or a SentencePiece .model.
   */
  public record CorporaSpec(String dir, String general, List<String> domains, String tokenizer,
      List<CorpusFiles> files) {
    public CorporaSpec {
      domains = List.copyOf(domains);
      tokenizer = tokenizer == null || tokenizer.isBlank() ? TrialSpec.Data.BYTE_TOKENIZER : tokenizer;
      files = files == null ? List.of() : List.copyOf(files);
    }

    /** True for today's built-in setting: byte tokens and presets only. */
    public boolean builtIn() {
      return tokenizer.equals(TrialSpec.Data.BYTE_TOKENIZER) && files.isEmpty();
    }
  }

  public record PretrainSpec(long tokens, int batchSize, double peakLr, long warmupTokens, int seed) {}

  /** CPT settings; {@code evalTokens} is the checkpoint schedule (T at which losses are measured). */
  public record CptSpec(List<Double> ratios, long tokens, List<Long> evalTokens, int batchSize, double peakLr,
      long warmupTokens, long validationTokens) {
    public CptSpec {
      ratios = List.copyOf(ratios);
      evalTokens = List.copyOf(evalTokens);
    }
  }

  /** The fit parameters and how to run the fit job through spark-submit (DESIGN 3.4). */
  public record FitSpec(FitParameters parameters, String master, List<String> submit, String jar,
      List<String> sparkConf) {
    public FitSpec {
      Objects.requireNonNull(parameters, "fit parameters are missing");
      submit = List.copyOf(submit);
      sparkConf = List.copyOf(sparkConf);
    }
  }
}
