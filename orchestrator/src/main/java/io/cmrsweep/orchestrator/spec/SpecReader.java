package io.cmrsweep.orchestrator.spec;

import io.cmrsweep.core.amount.Amounts;
import io.cmrsweep.core.checkpoint.LlamaConfig;
import io.cmrsweep.core.fit.FitParameters;
import io.cmrsweep.core.fit.PredictParams;
import io.cmrsweep.core.fit.Resampling;
import io.cmrsweep.core.storage.Names;
import io.cmrsweep.core.tokenizer.TokenizerIdentity;
import io.cmrsweep.core.trial.CorpusFiles;
import io.cmrsweep.core.trial.ModelShape;
import io.cmrsweep.core.trial.TrialSpec;
import io.cmrsweep.fit.adaptive.Budget;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.orchestrator.spec.ExecutionSpec.Backend;
import io.cmrsweep.orchestrator.spec.ExecutionSpec.KubernetesSpec;
import io.cmrsweep.orchestrator.spec.ExecutionSpec.RetrySpec;
import io.cmrsweep.orchestrator.spec.ExecutionSpec.Toleration;
import io.cmrsweep.orchestrator.spec.SweepSpec.CorporaSpec;
import io.cmrsweep.orchestrator.spec.SweepSpec.CptSpec;
import io.cmrsweep.orchestrator.spec.SweepSpec.FitSpec;
import io.cmrsweep.orchestrator.spec.SweepSpec.PretrainSpec;
import io.cmrsweep.orchestrator.spec.SweepSpec.StorageSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads a sweep spec from YAML and validates all of it up front: every problem is reported at once,
 * each naming its field path, the bad value, what is allowed and how to fix it.
 */
public final class SpecReader {
  private static final Set<String> PULL_POLICIES = Set.of("Always", "IfNotPresent", "Never");
  private static final Set<String> EFFECTS = Set.of("", "NoSchedule", "PreferNoSchedule", "NoExecute");

  private final Path workingDir;

  /** Relative {@code models[i].from} directories resolve against the process's working directory. */
  public SpecReader() {
    this(Path.of("").toAbsolutePath());
  }

  public SpecReader(Path workingDir) {
    this.workingDir = workingDir;
  }

  public SweepSpec read(Path file) {
    return parse(SpecText.read(file), file.toString());
  }

  public SweepSpec parse(String yaml, String source) {
    Object doc;
    try {
      doc = new Load(LoadSettings.builder().setAllowDuplicateKeys(false).setLabel(source).build())
          .loadFromString(yaml);
    } catch (YamlEngineException e) {
      throw new SpecException(source, List.of(YamlSyntax.problem(yaml, e)));
    }
    Problems problems = new Problems();
    if (doc == null) {
      doc = Map.of(); // an empty file: report every required field as missing
    }
    if (!(doc instanceof Map)) {
      problems.add("the spec must be a YAML mapping with the fields sweep, storage, corpora, models, cpt, ...");
      throw new SpecException(source, problems.messages());
    }
    Fields top = Fields.of(doc, "", problems);
    String sweep = top.name("sweep", null);
    StorageSpec storage = storage(top.child("storage"));
    CorporaSpec corpora = corpora(top.child("corpora"));
    Optional<TokenizerIdentity> tokenizer = tokenizer(corpora.tokenizer(), problems);
    Map<String, String> from = new LinkedHashMap<>();
    List<ModelShape> models = models(top, from, new Tokenizer(corpora.tokenizer(), tokenizer));
    PretrainSpec pretrain = pretrain(top.child("pretrain"));
    CptSpec cpt = cpt(top.child("cpt"));
    List<Integer> seeds = seeds(top);
    FitSpec fit = fit(top.child("fit"));
    ExecutionSpec execution = execution(top.child("execution"), fit.parameters());
    Optional<AdaptiveSpec> adaptive = top.has("adaptive")
        ? adaptive(top.child("adaptive"), cpt, seeds, models.size(), corpora.domains().size(), fit.predictParams())
        : Optional.empty();
    top.rejectUnknown();
    if (problems.isEmpty() && execution.backend().simulated()) {
      SimulationReader.checkCells(execution.simulation(), models, cpt.ratios(), problems);
    }
    if (problems.isEmpty()) {
      Limits.planSize(models.size(), corpora.domains().size(), cpt.ratios().size(), seeds.size(),
          1 + adaptive.map(a -> a.stopAt().size()).orElse(0)).ifPresent(problems::add);
    }
    if (!problems.isEmpty()) {
      throw new SpecException(source, problems.messages());
    }
    return new SweepSpec(sweep, storage, corpora, models, pretrain, cpt, seeds, fit, execution, from, adaptive);
  }

  /**
   * {@code adaptive:}: the candidates are cpt.ratios x seeds of every size and domain, so they are checked here
   * against the initial design and the budget ({@code groups} = sizes x domains).
   */
  private Optional<AdaptiveSpec> adaptive(Fields f, CptSpec cpt, List<Integer> seeds, int sizes, int domains,
      PredictParams predict) {
    int groups = sizes * domains;
    double width = f.number("targetWidth", null);
    if (!Double.isNaN(width) && !(width > 0 && width < 1)) {
      f.problems().add(f.path("targetWidth") + "=" + width + " must be in (0, 1): the width of the CMR interval to"
          + " reach, e.g. 0.02");
    }
    String target = f.string("target", AdaptiveSpec.PER_SIZE);
    if (!target.equals(AdaptiveSpec.PER_SIZE) && !target.equals(AdaptiveSpec.PREDICTED)) {
      f.problems().add(f.path("target") + "='" + target + "' is not supported; use " + AdaptiveSpec.PER_SIZE
          + " (the width is required of every swept size) or " + AdaptiveSpec.PREDICTED + " (of the CMR predicted"
          + " at the sizes of fit.predictParams)");
    }
    if (target.equals(AdaptiveSpec.PREDICTED) && predict.isEmpty()) {
      f.problems().add(f.path("target") + "=" + AdaptiveSpec.PREDICTED + " needs target sizes: list them in"
          + " fit.predictParams (e.g. [1.0e9, 7.0e9]), or use " + AdaptiveSpec.PER_SIZE);
    }
    if (target.equals(AdaptiveSpec.PREDICTED) && sizes < 2) {
      f.problems().add(f.path("target") + "=" + AdaptiveSpec.PREDICTED + " needs at least 2 models to fit the CMR"
          + " across sizes; models has " + sizes + ". Add models, or use " + AdaptiveSpec.PER_SIZE);
    }
    Budget budget = budget(f.child("budget"), f.path("budget"));
    int batch = f.integer("batch", 4, 1, Limits.ADAPTIVE_BATCH);
    // 3, the fewest the CMR law needs: the planner adds ratios where they narrow the interval (DESIGN 6, Efficiency)
    int initial = f.integer("initialRatios", 3, 3);
    int replicates = f.integer("replicates", 40, 10, Limits.ADAPTIVE_REPLICATES);
    List<Double> stopAt = stopAt(f, cpt);
    f.rejectUnknown();
    if (!f.failed("initialRatios") && !cpt.ratios().isEmpty() && initial > cpt.ratios().size()) {
      f.problems().add(f.path("initialRatios") + "=" + initial + " must be <= the " + cpt.ratios().size()
          + " candidate ratios of cpt.ratios; lower it or add ratios to cpt.ratios");
    }
    if (budget != null && !f.failed("initialRatios") && !cpt.ratios().isEmpty() && groups > 0) {
      int first = Math.min(initial, cpt.ratios().size()) * groups;
      long cost = budget.unit() == Budget.Unit.TRIALS ? first : first * cpt.tokens();
      if (cost > budget.limit()) {
        f.problems().add(f.path("budget") + "=" + budget + " does not cover the initial design (" + first
            + " trials, " + cost + (budget.unit() == Budget.Unit.TRIALS ? " trials" : " tokens") + "); raise it to at"
            + " least " + cost + " or lower adaptive.initialRatios");
      }
      long grid = (long) cpt.ratios().size() * seeds.size() * groups;
      if (grid <= first) {
        f.problems().add(f.path("initialRatios") + "=" + initial + " already runs all " + grid + " candidate cells"
            + " (cpt.ratios x seeds); add seeds or ratios, or remove the adaptive section to run the grid");
      }
    }
    if (!f.problems().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new AdaptiveSpec(width, target,
        target.equals(AdaptiveSpec.PREDICTED) ? predict : PredictParams.none(), budget, batch, initial, replicates,
        stopAt));
  }

  /**
   * {@code stopAt: [0.5]}: shares of cpt.tokens at which a candidate run may stop (besides running all of it),
   * ascending; each in (0, 1), at least one token, and late enough that the stopped run has the checkpoints a
   * ratio's fit needs (else the planner could never choose it, its simulated run failing to fit).
   */
  private static List<Double> stopAt(Fields f, CptSpec cpt) {
    long tokens = cpt.tokens();
    int needed = FitSettings.defaults().minCheckpoints();
    List<Object> raw = f.list("stopAt", false);
    List<Double> out = new ArrayList<>();
    for (int i = 0; raw != null && i < raw.size(); i++) {
      Object v = raw.get(i);
      String field = f.path("stopAt") + "[" + i + "]";
      Double share = Fields.toDouble(v);
      if (share == null) {
        f.problems().add(field + "=" + Fields.show(v) + " must be a share of cpt.tokens in (0, 1), e.g. 0.5");
      } else if (!(share > 0 && share < 1)) {
        f.problems().add(field + "=" + share + " must be in (0, 1): a share of cpt.tokens at which a run may stop"
            + " early (every run may also run all of cpt.tokens); e.g. 0.5");
      } else if (out.contains(share)) {
        f.problems().add(field + "=" + share + " is a duplicate; list each share once");
      } else if (Math.round(share * tokens) < 1) {
        f.problems().add(field + "=" + share + " of cpt.tokens=" + tokens + " is less than one token; raise it");
      } else if (!cpt.evalTokens().isEmpty() && checkpointsUpTo(cpt.evalTokens(), share * tokens) < needed) {
        List<Long> at = cpt.evalTokens();
        f.problems().add(field + "=" + share + " stops a run after " + checkpointsUpTo(at, share * tokens)
            + " checkpoint(s) with T > 0 (cpt's checkpoints up to " + Math.round(share * tokens) + " tokens, and the"
            + " stop); a ratio's fit needs " + needed + ", so no such run could ever be chosen. Raise the share"
            + (at.size() >= needed ? " to at least " + Math.ceil(1000.0 * at.get(needed - 1) / tokens) / 1000 : "")
            + ", or give cpt more checkpoints before the stop"
            + " (cpt.checkpoints: " + (int) Math.ceil(needed / share) + ")");
      } else {
        out.add(share);
      }
    }
    return out.stream().sorted().toList();
  }

  /** {@code budget: {trials: N}} or {@code budget: {tokens: N}}, exactly one. */
  private static Budget budget(Fields f, String path) {
    boolean trials = f.has("trials");
    boolean tokens = f.has("tokens");
    Budget out = null;
    if (trials && tokens) {
      f.problems().add(f.path("trials") + " and " + f.path("tokens") + " are both set; keep one budget");
    } else if (!trials && !tokens) {
      f.problems().add(path + " is missing or empty; give {trials: N} or {tokens: N},"
          + " e.g. budget: {trials: 40}");
    } else if (trials) {
      long n = f.amount("trials", null, 1, Limits.PLAN);
      out = f.failed("trials") ? null : Budget.trials(n);
    } else {
      long n = f.amount("tokens", null, 1, Limits.ADAPTIVE_TOKENS);
      out = f.failed("tokens") ? null : Budget.tokens(n);
    }
    f.rejectUnknown();
    return out;
  }

  /** Distinct checkpoints with T > 0 of a run stopped at {@code stop}: those of the schedule up to it, and the stop. */
  private static int checkpointsUpTo(List<Long> schedule, double stop) {
    long last = Math.round(stop);
    int n = (int) schedule.stream().filter(t -> t <= last).count();
    return schedule.contains(last) ? n : n + 1;
  }

  private StorageSpec storage(Fields f) {
    String root = f.string("root", null);
    if (root.contains("..")) {
      f.problems().add(f.path("root") + "='" + root + "' must not contain '..'; give the directory without parent references");
    }
    String ledger = f.string("ledger", "");
    if (!ledger.isEmpty() && !ledger.startsWith("jdbc:") && ledger.contains("..")) {
      f.problems().add(f.path("ledger") + "='" + ledger + "' must not contain '..'");
    }
    String checkpoints = f.string("checkpoints", "");
    Map<String, String> hadoopConf = f.stringMap("hadoopConf");
    new StorageChecks(f.path("root"), f.path("checkpoints"), f.path("hadoopConf"))
        .problems(root, checkpoints, hadoopConf).forEach(f.problems()::add);
    f.rejectUnknown();
    return new StorageSpec(root.isBlank() ? "." : root, ledger, checkpoints, hadoopConf);
  }

  private CorporaSpec corpora(Fields f) {
    String dir = f.string("dir", "corpora");
    StorageChecks.localDirectoryProblem(f.path("dir"), dir, "the worker reads corpora").ifPresent(f.problems()::add);
    String general = f.name("general", "general");
    List<String> domains = f.strings("domains", null);
    if (!f.countWithin(f.path("domains"), domains.size(), Limits.DOMAINS)) {
      f.rejectUnknown();
      return new CorporaSpec(dir, general, List.of(), TrialSpec.Data.BYTE_TOKENIZER, List.of());
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < domains.size(); i++) {
      String d = domains.get(i);
      String field = f.path("domains") + "[" + i + "]";
      Names.problem(field, d).ifPresent(f.problems()::add);
      if (!seen.add(d)) {
        f.problems().add(field + "='" + d + "' is a duplicate; list each domain once");
      }
      if (d.equals(general)) {
        f.problems().add(field + "='" + d + "' is the general corpus; a domain must differ from corpora.general");
      }
    }
    String tokenizer = f.string("tokenizer", TrialSpec.Data.BYTE_TOKENIZER);
    if (!tokenizer.equals(TrialSpec.Data.BYTE_TOKENIZER) && !tokenizer.endsWith(".json")
        && !tokenizer.endsWith(".model")) {
      f.problems().add(f.path("tokenizer") + "='" + tokenizer + "' must be byte, a Hugging Face tokenizer.json"
          + " (*.json) or a SentencePiece model (*.model)");
    }
    List<CorpusFiles> files = corpusFiles(f.child("files"));
    f.rejectUnknown();
    return new CorporaSpec(dir, general, domains, tokenizer, files);
  }

  /**
   * {@code corpora.files}: name to a glob, a list of paths/globs, or {@code {files, format, field}}; paths are
   * local (relative to the working directory) or Hadoop FileSystem URIs.
   */
  private List<CorpusFiles> corpusFiles(Fields f) {
    List<CorpusFiles> out = new ArrayList<>();
    for (String name : f.keys()) {
      String path = f.path(name);
      Names.problem(path, name).ifPresent(f.problems()::add);
      Object raw = f.raw(name);
      List<String> globs;
      String format = "auto";
      String field = "text";
      if (raw instanceof String s) {
        globs = List.of(s);
      } else if (raw instanceof List<?>) {
        globs = f.strings(name, null);
      } else {
        Fields c = f.child(name);
        Object listed = c.raw("files");
        globs = listed instanceof String s ? List.of(s) : c.strings("files", null);
        format = c.string("format", "auto");
        field = c.string("field", "text");
        if (!CorpusFiles.FORMATS.contains(format)) {
          f.problems().add(c.path("format") + "='" + format + "' must be one of auto, jsonl, parquet, text");
          format = "auto";
        }
        c.rejectUnknown();
      }
      if (globs.isEmpty()) {
        f.problems().add(path + " lists no files; give a path or glob, e.g. data/*.jsonl.gz");
        continue;
      }
      try {
        out.add(new CorpusFiles(name, globs, format, field));
      } catch (IllegalArgumentException e) {
        f.problems().add(path + ": " + e.getMessage());
      }
    }
    return out;
  }

  /** The spec's tokenizer reference and, when its file can be read here, its identity. */
  private record Tokenizer(String reference, Optional<TokenizerIdentity> identity) {
    String field() {
      return "corpora.tokenizer=" + reference;
    }
  }

  /**
   * The identity of {@code corpora.tokenizer} when it is {@code byte} or a file this machine can read; a path that
   * exists only where the workers run (a volume mounted into the pods) is left to the worker to check.
   */
  private Optional<TokenizerIdentity> tokenizer(String reference, Problems problems) {
    if (TokenizerIdentity.isByte(reference)) {
      return Optional.of(TokenizerIdentity.ofBytes());
    }
    Path file;
    try {
      file = workingDir.resolve(TokenizerIdentity.path(reference));
    } catch (IllegalArgumentException e) {
      problems.add("corpora.tokenizer=" + reference + " is not a path: " + e.getMessage());
      return Optional.empty();
    }
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(TokenizerIdentity.of(file.toString()));
    } catch (IllegalArgumentException e) {
      problems.add("corpora.tokenizer: " + e.getMessage());
      return Optional.empty();
    }
  }

  private List<ModelShape> models(Fields top, Map<String, String> from, Tokenizer tokenizer) {
    List<Object> raw = top.list("models", true);
    List<ModelShape> out = new ArrayList<>();
    if (raw == null || !top.countWithin("models", raw.size(), Limits.MODELS)) {
      return out;
    }
    Set<String> labels = new HashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      String path = "models[" + i + "]";
      Fields m = Fields.of(raw.get(i), path, top.problems());
      int before = top.problems().messages().size();
      String label = m.name("label", null);
      if (m.has("from")) {
        Path dir = workingDir.resolve(m.string("from", null)).toAbsolutePath().normalize();
        fromCheckpoint(m, path, label, dir, tokenizer).ifPresent(shape -> {
          out.add(shape);
          from.put(label, dir.toString());
        });
        if (!label.isEmpty() && !labels.add(label)) {
          top.problems().add(path + ".label='" + label + "' is a duplicate; give each model size its own label");
        }
        continue;
      }
      int dim = m.integer("dim", null, 1, Limits.DIM);
      int layers = m.integer("layers", null, 1, Limits.LAYERS);
      int heads = m.integer("heads", null, 1, Limits.HEADS);
      int ffn = m.integer("ffnDim", null, 1, Limits.FFN_DIM);
      int context = m.integer("context", 128, 1, Limits.CONTEXT);
      int vocab = m.integer("vocab", 256, 1, Limits.VOCAB);
      m.rejectUnknown();
      if (!label.isEmpty() && !labels.add(label)) {
        top.problems().add(path + ".label='" + label + "' is a duplicate; give each model size its own label");
      }
      if (top.problems().messages().size() > before) {
        continue;
      }
      if (dim % heads != 0) {
        top.problems().add(path + ".dim=" + dim + " must be divisible by " + path + ".heads=" + heads
            + "; use a multiple of " + heads + ", e.g. " + (dim / heads) * heads + " or " + (dim / heads + 1) * heads);
        continue;
      }
      int needed = tokenizer.identity().map(TokenizerIdentity::vocabularySize).orElse(0);
      if (vocab < needed) {
        top.problems().add(tokenizer.field() + " has " + needed + " tokens, more than " + path + ".vocab=" + vocab
            + " embedding rows; set " + path + ".vocab to at least " + needed);
        continue;
      }
      try {
        out.add(new ModelShape(label, dim, layers, heads, ffn, context, vocab));
      } catch (IllegalArgumentException e) {
        top.problems().add(path + ": " + e.getMessage());
      }
    }
    return out;
  }

  /**
   * A model that starts from an existing Hugging Face Llama checkpoint: its shape is the checkpoint's config;
   * the spec may give only {@code label}, {@code from}, the training {@code context} and
   * {@code allowTokenizerMismatch}, and dimensions it repeats must agree with the config. Its vocabulary is the
   * config's {@code vocab_size}, which must hold every id of {@code corpora.tokenizer}; a base that records the
   * tokenizer it was trained with ({@value TokenizerIdentity#FILE}) must have been trained with this one, and a
   * directory that carries its own tokenizer file must carry this one unless
   * {@code allowTokenizerMismatch: true} says that another is meant.
   */
  private Optional<ModelShape> fromCheckpoint(Fields m, String path, String label, Path dir, Tokenizer tokenizer) {
    int context = m.integer("context", 128, 1, Limits.CONTEXT);
    boolean allowMismatch = m.flag("allowTokenizerMismatch", false);
    Map<String, Integer> given = new LinkedHashMap<>();
    for (String key : List.of("dim", "layers", "heads", "ffnDim", "vocab")) {
      if (m.has(key)) {
        given.put(key, m.integer(key, null, 1));
      }
    }
    m.rejectUnknown();
    ModelShape shape;
    try {
      shape = LlamaConfig.read(dir, label.isEmpty() ? "model" : label, context);
    } catch (IllegalArgumentException e) {
      m.problems().add(path + ".from: " + e.getMessage());
      return Optional.empty();
    }
    Map<String, int[]> actual = Map.of("dim", new int[] {shape.dim()}, "layers", new int[] {shape.layers()},
        "heads", new int[] {shape.heads()}, "ffnDim", new int[] {shape.ffnDim()}, "vocab", new int[] {shape.vocab()});
    Map<String, String> configKey = Map.of("dim", "hidden_size", "layers", "num_hidden_layers", "heads",
        "num_attention_heads", "ffnDim", "intermediate_size", "vocab", "vocab_size");
    boolean ok = true;
    for (Map.Entry<String, Integer> e : given.entrySet()) {
      int real = actual.get(e.getKey())[0];
      if (e.getValue() != real) {
        m.problems().add(path + "." + e.getKey() + "=" + e.getValue() + " conflicts with " + configKey.get(e.getKey())
            + "=" + real + " in " + dir.resolve(LlamaConfig.FILE) + "; leave it out (a from: model takes its shape"
            + " from the checkpoint)");
        ok = false;
      }
    }
    return ok && tokenizerFits(m.problems(), path, dir, shape, tokenizer, allowMismatch) ? Optional.of(shape)
        : Optional.empty();
  }

  private boolean tokenizerFits(Problems problems, String path, Path dir, ModelShape shape, Tokenizer tokenizer,
      boolean allowMismatch) {
    boolean ok = true;
    Optional<TokenizerIdentity> spec = tokenizer.identity();
    if (spec.isPresent() && spec.get().vocabularySize() > shape.vocab()) {
      problems.add(tokenizer.field() + " has " + spec.get().vocabularySize() + " tokens, more than the "
          + shape.vocab() + " rows of " + path + ".from's embedding (vocab_size=" + shape.vocab() + " in "
          + dir.resolve(LlamaConfig.FILE) + "); use the tokenizer the checkpoint was trained with, or a checkpoint"
          + " whose vocab_size is at least " + spec.get().vocabularySize());
      ok = false;
    }
    Optional<TokenizerIdentity> recorded;
    try {
      recorded = TokenizerIdentity.recordedIn(dir);
    } catch (IllegalArgumentException e) {
      problems.add(path + ".from: " + e.getMessage());
      return false;
    }
    if (recorded.isPresent() && spec.isPresent() && !recorded.get().sameTokensAs(spec.get())) {
      problems.add(tokenizer.field() + " is " + spec.get().label() + " but " + path + ".from=" + dir
          + " was trained with " + recorded.get().label() + " (" + dir.resolve(TokenizerIdentity.FILE) + "); its"
          + " token ids mean other tokens, so set corpora.tokenizer to the tokenizer it was trained with");
      return false;
    }
    Optional<Path> carried = TokenizerIdentity.carriedBy(dir);
    if (carried.isPresent() && !allowMismatch && recorded.isEmpty()) {
      String own;
      try {
        own = TokenizerIdentity.of(carried.get().toString()).sha256();
      } catch (IllegalArgumentException e) {
        own = "";
      }
      boolean same = spec.isPresent() && spec.get().sha256().equals(own);
      if (!same) {
        problems.add(path + ".from=" + dir + " carries its own tokenizer " + carried.get() + " but "
            + tokenizer.field() + (spec.isPresent() ? " is another tokenizer" : " cannot be compared with it here")
            + "; set corpora.tokenizer: " + carried.get() + " to continue the checkpoint with the tokens it was"
            + " trained on, or set " + path + ".allowTokenizerMismatch: true if another tokenizer is meant");
        ok = false;
      }
    }
    return ok;
  }

  private PretrainSpec pretrain(Fields f) {
    long tokens = f.amount("tokens", 400_000L, 1, Limits.TOKENS);
    int batch = f.integer("batchSize", 16, 1, Limits.BATCH);
    double lr = learningRate(f, "peakLr", 3e-3);
    long warmup = f.amount("warmupTokens", Math.min(tokens, 20_000L), 0, Limits.TOKENS);
    if (warmup > tokens && !f.failed("tokens") && !f.failed("warmupTokens")) {
      f.problems().add(f.path("warmupTokens") + "=" + warmup + " must be <= pretrain.tokens=" + tokens);
    }
    int seed = f.integer("seed", 0, 0);
    f.rejectUnknown();
    return new PretrainSpec(tokens, batch, lr, warmup, seed);
  }

  private CptSpec cpt(Fields f) {
    List<Object> rawRatios = f.list("ratios", true);
    if (rawRatios != null && !f.countWithin(f.path("ratios"), rawRatios.size(), Limits.RATIOS)) {
      rawRatios = null;
    }
    List<Double> ratios = new ArrayList<>();
    Set<Double> seen = new HashSet<>();
    for (int i = 0; rawRatios != null && i < rawRatios.size(); i++) {
      Object v = rawRatios.get(i);
      String field = f.path("ratios") + "[" + i + "]";
      Double r = Fields.toDouble(v);
      if (r == null) {
        f.problems().add(field + "=" + Fields.show(v) + " must be a number in (0, 1], e.g. 0.25");
      } else if (!(r > 0 && r <= 1)) {
        f.problems().add(field + "=" + r + " must be in (0, 1]; remove it or use a domain share between 0 and 1");
      } else if (!seen.add(r)) {
        f.problems().add(field + "=" + r + " is a duplicate; list each ratio once");
      } else {
        ratios.add(r);
      }
    }
    long tokens = f.amount("tokens", 200_000L, 1, Limits.TOKENS);
    List<Long> eval = schedule(f, tokens);
    int batch = f.integer("batchSize", 16, 1, Limits.BATCH);
    double lr = learningRate(f, "peakLr", 1e-3);
    long warmup = f.amount("warmupTokens", Math.min(tokens, 10_000L), 0, Limits.TOKENS);
    if (warmup > tokens && !f.failed("tokens") && !f.failed("warmupTokens")) {
      f.problems().add(f.path("warmupTokens") + "=" + warmup + " must be <= cpt.tokens=" + tokens);
    }
    long validation = f.amount("validationTokens", 20_000L, 1, Limits.VALIDATION_TOKENS);
    f.rejectUnknown();
    return new CptSpec(ratios, tokens, eval, batch, lr, warmup, validation);
  }

  /** Either an explicit {@code evalTokens} list or {@code checkpoints: N} evenly spaced up to T_max. */
  private List<Long> schedule(Fields f, long tokens) {
    if (f.has("evalTokens") && f.has("checkpoints")) {
      f.problems().add(f.path("checkpoints") + " and " + f.path("evalTokens") + " are both set; keep one");
    }
    List<Long> out = new ArrayList<>();
    // Compared with a cpt.tokens that failed, every point would be reported again against a placeholder.
    long max = f.failed("tokens") ? Long.MAX_VALUE : tokens;
    if (f.has("evalTokens")) {
      List<Object> raw = f.list("evalTokens", true);
      if (raw != null && !f.countWithin(f.path("evalTokens"), raw.size(), Limits.EVAL_POINTS)) {
        return out;
      }
      long prev = 0;
      for (int i = 0; raw != null && i < raw.size(); i++) {
        Object v = raw.get(i);
        String field = f.path("evalTokens") + "[" + i + "]";
        if (!(v instanceof Integer || v instanceof Long)) {
          f.problems().add(field + "=" + Fields.show(v) + " must be a whole number of tokens");
          continue;
        }
        long t = ((Number) v).longValue();
        if (t <= prev || t > max) {
          f.problems().add(field + "=" + t + " must be increasing and in (0, cpt.tokens=" + tokens + "]");
          continue;
        }
        out.add(t);
        prev = t;
      }
      return out;
    }
    int n = f.integer("checkpoints", 8, 1, Limits.EVAL_POINTS);
    if (f.failed("tokens") || f.failed("checkpoints")) {
      return out;
    }
    if (n > tokens) {
      f.problems().add(f.path("checkpoints") + "=" + n + " must be <= cpt.tokens=" + tokens);
      return out;
    }
    for (int i = 1; i <= n; i++) {
      long t = Math.round((double) tokens * i / n);
      if (out.isEmpty() || t > out.get(out.size() - 1)) {
        out.add(t);
      }
    }
    return out;
  }

  private double learningRate(Fields f, String key, double fallback) {
    double lr = f.number(key, fallback);
    if (!(lr > 0 && lr < 1)) {
      f.problems().add(f.path(key) + "=" + lr + " must be in (0, 1), e.g. 3e-3");
    }
    return lr;
  }

  private List<Integer> seeds(Fields top) {
    List<Object> raw = top.list("seeds", false);
    if (raw == null || !top.countWithin("seeds", raw.size(), Limits.SEEDS)) {
      return List.of(1);
    }
    if (raw.isEmpty()) {
      top.problems().add("seeds is empty; give at least one seed, e.g. seeds: [1]");
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Object v = raw.get(i);
      if (!(v instanceof Integer s) || s < 0) {
        top.problems().add("seeds[" + i + "]=" + Fields.show(v) + " must be a whole number >= 0");
      } else if (out.contains(s)) {
        top.problems().add("seeds[" + i + "]=" + s + " is a duplicate; list each seed once");
      } else {
        out.add(s);
      }
    }
    return out.isEmpty() ? List.of(1) : out;
  }

  /**
   * The fit parameters use the fit job's option names as keys and core's {@link FitParameters} rules, so
   * a value refused here is refused by the fit job with the same words (here {@code fit.eps}, there {@code --eps}).
   */
  private FitSpec fit(Fields f) {
    FitParameters d = FitParameters.defaults();
    int bootstrap = f.integer(FitParameters.BOOTSTRAP, d.bootstrap(), Integer.MIN_VALUE);
    double level = f.number(FitParameters.LEVEL, d.level());
    double eps = f.number(FitParameters.EPS, d.eps());
    double lambda = f.number(FitParameters.LAMBDA, d.lambda());
    // The spec's own default seed: sweeps fitted before it became explicit keep their numbers.
    long seed = f.amount(FitParameters.SEED, 7L, Long.MIN_VALUE);
    String mode = f.string(FitParameters.RESAMPLING, d.resampling().label());
    Resampling resampling = Resampling.parse(mode).orElseGet(() -> {
      f.problems().add(f.path(FitParameters.RESAMPLING) + "='" + mode + "' is not a resampling mode; use "
          + Resampling.allowed());
      return d.resampling();
    });
    List<String> invalid = FitParameters.problems(eps, lambda, level, bootstrap, resampling, f::path);
    invalid.forEach(f.problems()::add);
    FitParameters parameters = invalid.isEmpty()
        ? new FitParameters(eps, lambda, level, bootstrap, seed, resampling) : d;
    PredictParams predict = predictParams(f);
    String master = f.string("master", "local[2]");
    List<String> submit = f.strings("submit", List.of("bin/spark-submit"));
    String jar = f.string("jar", "fit-job/target/fit-job.jar");
    List<String> conf = f.strings("sparkConf", List.of());
    for (int i = 0; i < conf.size(); i++) {
      if (!conf.get(i).contains("=")) {
        f.problems().add(f.path("sparkConf") + "[" + i + "]='" + conf.get(i) + "' must be key=value, e.g. spark.executor.instances=4");
      }
    }
    f.rejectUnknown();
    return new FitSpec(parameters, master, submit, jar, conf, predict);
  }

  /**
   * {@code fit.predictParams}: model sizes in parameters. YAML 1.2 reads {@code 7e9} as a number but YAML 1.1
   * habits write {@code 7.0e+9} or quote it; any entry that reads as a number counts, and so does a size as model
   * names give it ({@code 7B}, {@code 460M}, {@code 1.6B}).
   */
  private PredictParams predictParams(Fields f) {
    List<Object> raw = f.list(PredictParams.KEY, false);
    if (raw == null) {
      return PredictParams.none();
    }
    String field = f.path(PredictParams.KEY);
    List<Double> values = new ArrayList<>();
    boolean typed = true;
    for (int i = 0; i < raw.size(); i++) {
      Object v = raw.get(i);
      Double d = Fields.toDouble(v);
      if (d == null && v instanceof String s) {
        OptionalDouble size = Amounts.parse(s);
        d = size.isPresent() ? size.getAsDouble() : null;
      }
      if (d == null) {
        f.problems().add(field + "[" + i + "]=" + Fields.show(v) + " must be a number of parameters, not "
            + Fields.describe(v) + "; write e.g. 7B or 7.0e9 for a 7B model");
        typed = false;
      }
      values.add(d);
    }
    // Entries that are not numbers were reported above; the shared rules judge the rest.
    List<String> problems = PredictParams.problems(values, field).stream()
        .filter(p -> !p.contains("=null ")).toList();
    problems.forEach(f.problems()::add);
    return typed && problems.isEmpty() ? PredictParams.of(values, field) : PredictParams.none();
  }

  private ExecutionSpec execution(Fields f, FitParameters fit) {
    String backendName = f.string("backend", "local");
    Backend backend = Backend.LOCAL;
    switch (backendName.toLowerCase(Locale.ROOT)) {
      case "local" -> backend = Backend.LOCAL;
      case "kubernetes", "k8s" -> backend = Backend.KUBERNETES;
      case "simulated" -> backend = Backend.SIMULATED;
      default -> f.problems().add(f.path("backend") + "='" + backendName + "' is not a backend; use local, kubernetes"
          + " or simulated");
    }
    int parallelism = f.integer("parallelism", 2, 1, Limits.PARALLELISM);
    int threads = f.integer("threadsPerWorker", 1, 1, Limits.THREADS);
    RetrySpec retry = retry(f.child("retry"));
    List<String> command = f.strings("workerCommand", List.of("bin/worker"));
    if (command.isEmpty()) {
      f.problems().add(f.path("workerCommand") + " is empty; give the worker executable, e.g. [bin/worker]");
    }
    Map<String, String> env = f.stringMap("env");
    for (String k : env.keySet()) {
      if (!k.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        f.problems().add(f.path("env") + "." + k + " is not a valid environment variable name; use letters, digits"
            + " and '_', not starting with a digit, e.g. " + k.replaceAll("[^A-Za-z0-9_]", "_"));
      }
    }
    KubernetesSpec k8s = kubernetes(f.child("kubernetes"), backend == Backend.KUBERNETES);
    SimulationSpec simulation = SimulationReader.read(f.child("simulation"), backend.simulated(), fit);
    f.rejectUnknown();
    return new ExecutionSpec(backend, parallelism, threads, retry, command.isEmpty() ? List.of("bin/worker") : command,
        env, k8s, simulation);
  }

  private RetrySpec retry(Fields f) {
    int max = f.integer("maxAttempts", 3, 1, Limits.ATTEMPTS);
    Duration initial = f.duration("initialBackoff", Duration.ofSeconds(2));
    Duration maxBackoff = f.duration("maxBackoff", Duration.ofMinutes(5));
    double multiplier = f.number("multiplier", 2.0);
    if (!(multiplier >= 1)) {
      f.problems().add(f.path("multiplier") + "=" + multiplier + " must be >= 1");
    }
    if (maxBackoff.compareTo(initial) < 0 && !f.failed("initialBackoff") && !f.failed("maxBackoff")) {
      f.problems().add(f.path("maxBackoff") + "=" + maxBackoff + " must be >= initialBackoff=" + initial);
    }
    f.rejectUnknown();
    return new RetrySpec(max, initial, maxBackoff, multiplier);
  }

  private KubernetesSpec kubernetes(Fields f, boolean used) {
    String namespace = f.string("namespace", "default");
    if (!namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
      f.problems().add(f.path("namespace") + "='" + namespace + "' is not a valid namespace (lowercase letters, digits, '-')");
    }
    String image = f.string("image", used ? null : "");
    String pull = f.string("imagePullPolicy", "IfNotPresent");
    if (!PULL_POLICIES.contains(pull)) {
      f.problems().add(f.path("imagePullPolicy") + "='" + pull + "' must be one of " + PULL_POLICIES);
    }
    Fields res = f.child("resources");
    String cpu = quantity(res, "cpu", "1");
    String memory = quantity(res, "memory", "2Gi");
    int gpus = res.integer("gpu", 0, 0, Limits.GPUS);
    res.rejectUnknown();
    Map<String, String> selector = f.stringMap("nodeSelector");
    List<Toleration> tolerations = new ArrayList<>();
    List<Object> raw = f.list("tolerations", false);
    for (int i = 0; raw != null && i < raw.size(); i++) {
      Fields t = Fields.of(raw.get(i), f.path("tolerations") + "[" + i + "]", f.problems());
      String op = t.string("operator", "Equal");
      if (!op.equals("Equal") && !op.equals("Exists")) {
        f.problems().add(t.path("operator") + "='" + op + "' must be Equal or Exists");
      }
      String effect = t.string("effect", "");
      if (!EFFECTS.contains(effect)) {
        f.problems().add(t.path("effect") + "='" + effect + "' must be NoSchedule, PreferNoSchedule or NoExecute");
      }
      tolerations.add(new Toleration(t.string("key", ""), op, t.string("value", ""), effect));
      t.rejectUnknown();
    }
    String account = f.string("serviceAccount", "");
    String claim = f.string("volumeClaim", "");
    String mount = f.string("mountPath", "/data");
    Duration deadline = f.duration("activeDeadline", Duration.ZERO);
    String secret = f.string("credentialsSecret", "");
    if (!secret.isEmpty() && !secret.matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
      f.problems().add(f.path("credentialsSecret") + "='" + secret + "' is not a Secret name (lowercase letters,"
          + " digits, '-' and '.'), e.g. cmr-s3");
    }
    f.rejectUnknown();
    return new KubernetesSpec(namespace, image, pull, cpu, memory, gpus, selector, tolerations, account, claim, mount,
        deadline, secret);
  }

  private static String quantity(Fields f, String key, String fallback) {
    String q = f.string(key, fallback);
    if (!q.matches("\\d+(\\.\\d+)?(m|k|Ki|Mi|Gi|Ti|M|G|T)?")) {
      f.problems().add(f.path(key) + "='" + q + "' is not a Kubernetes quantity such as 500m, 2, 4Gi");
    }
    return q;
  }
}
