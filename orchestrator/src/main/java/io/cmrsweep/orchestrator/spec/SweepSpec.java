package io.cmrsweep.orchestrator.spec;

import io.cmrsweep.core.fit.FitParameters;
import io.cmrsweep.core.fit.PredictParams;
import io.cmrsweep.core.storage.Names;
import io.cmrsweep.core.trial.ModelShape;
import java.util.Collections;
import io.cmrsweep.core.trial.CorpusFiles;
import io.cmrsweep.core.trial.TrialSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A validated sweep: what to train (corpora, model sizes, pretrain and CPT settings, ratios, seeds),
 * how to fit, where to store and how to execute. Read from YAML by {@link SpecReader}. {@code baseCheckpoints}
 * maps the label of each model that starts from an existing checkpoint ({@code from:}) to its directory;
 * {@code adaptive} is present when the sweep runs in rounds chosen by the adaptive planner.
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
    ExecutionSpec execution,
    Map<String, String> baseCheckpoints,
    Optional<AdaptiveSpec> adaptive) {

  public SweepSpec {
    Names.require("sweep", sweep);
    models = List.copyOf(models);
    baseCheckpoints = Map.copyOf(baseCheckpoints == null ? Map.of() : baseCheckpoints);
    adaptive = adaptive == null ? Optional.empty() : adaptive;
    seeds = List.copyOf(seeds);
    if (models.isEmpty() || seeds.isEmpty()) {
      throw new IllegalArgumentException("models and seeds must not be empty");
    }
    if (storage == null || corpora == null || pretrain == null || cpt == null || fit == null || execution == null) {
      throw new IllegalArgumentException("every section of a sweep spec must be present");
    }
  }

  /** A sweep that runs its whole grid (no {@code adaptive:} section). */
  public SweepSpec(String sweep, StorageSpec storage, CorporaSpec corpora, List<ModelShape> models,
      PretrainSpec pretrain, CptSpec cpt, List<Integer> seeds, FitSpec fit, ExecutionSpec execution,
      Map<String, String> baseCheckpoints) {
    this(sweep, storage, corpora, models, pretrain, cpt, seeds, fit, execution, baseCheckpoints, Optional.empty());
  }

  /** A sweep whose base models are all pre-trained by the sweep itself. */
  public SweepSpec(String sweep, StorageSpec storage, CorporaSpec corpora, List<ModelShape> models,
      PretrainSpec pretrain, CptSpec cpt, List<Integer> seeds, FitSpec fit, ExecutionSpec execution) {
    this(sweep, storage, corpora, models, pretrain, cpt, seeds, fit, execution, Map.of());
  }

  /**
   * The checkpoint directory a model starts from ({@code models[i].from}, absolute), or empty when the sweep
   * pre-trains that model itself.
   */
  public Optional<String> baseCheckpoint(String label) {
    return Optional.ofNullable(baseCheckpoints.get(label));
  }

  /**
   * Where the trial data lives and where the ledger is kept. {@code checkpoints} is a local or mounted
   * directory for base checkpoints and resume state (empty: under {@code root}, which must then be local);
   * {@code hadoopConf} holds Hadoop settings (e.g. {@code fs.s3a.endpoint}) that the coordinator, every worker
   * and the fit job apply, never credentials.
   */
  public record StorageSpec(String root, String ledger, String checkpoints, Map<String, String> hadoopConf) {
    public StorageSpec {
      if (root == null || root.isBlank()) {
        throw new IllegalArgumentException("storage.root is missing");
      }
      ledger = ledger == null ? "" : ledger;
      checkpoints = checkpoints == null ? "" : checkpoints;
      hadoopConf = hadoopConf == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(hadoopConf));
    }

    public StorageSpec(String root, String ledger) {
      this(root, ledger, "", Map.of());
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

  /**
   * The fit parameters and how to run the fit job through spark-submit (DESIGN 3.4); {@code predictParams}
   * are the model sizes at which the size law predicts the CMR (none: no predictions).
   */
  public record FitSpec(FitParameters parameters, String master, List<String> submit, String jar,
      List<String> sparkConf, PredictParams predictParams) {
    public FitSpec {
      Objects.requireNonNull(parameters, "fit parameters are missing");
      submit = List.copyOf(submit);
      sparkConf = List.copyOf(sparkConf);
      predictParams = predictParams == null ? PredictParams.none() : predictParams;
    }

    /** A fit without target sizes. */
    public FitSpec(FitParameters parameters, String master, List<String> submit, String jar, List<String> sparkConf) {
      this(parameters, master, submit, jar, sparkConf, PredictParams.none());
    }
  }
}
