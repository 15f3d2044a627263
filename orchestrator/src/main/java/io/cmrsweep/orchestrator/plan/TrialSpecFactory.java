package io.cmrsweep.orchestrator.plan;

import io.cmrsweep.core.storage.SweepLayout;
import io.cmrsweep.core.trial.CorpusFiles;
import io.cmrsweep.core.trial.ModelShape;
import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.core.trial.TrialSpec;
import io.cmrsweep.orchestrator.spec.SweepSpec;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** The one adapter from a sweep spec and a planned cell to the {@link TrialSpec} a worker process runs. */
public final class TrialSpecFactory {
  private final SweepSpec spec;
  private final SweepLayout layout;
  private final SweepLayout checkpoints;
  private final Map<String, ModelShape> models;
  private final String corporaDir;
  private final String tokenizer;
  private final List<CorpusFiles> files;

  public TrialSpecFactory(SweepSpec spec, SweepLayout layout) {
    this(spec, layout, layout, UnaryOperator.identity());
  }

  /**
   * {@code checkpoints} lays out base checkpoints and resume state (the sweep root, or storage.checkpoints
   * when the root is an object store); {@code located} turns a local path of the spec (the corpora directory,
   * corpus files, the tokenizer) into the location workers must see (a relative path made absolute); URIs with
   * a scheme pass unchanged.
   */
  public TrialSpecFactory(SweepSpec spec, SweepLayout layout, SweepLayout checkpoints, UnaryOperator<String> located) {
    this.spec = spec;
    this.layout = layout;
    this.checkpoints = checkpoints;
    var corpora = spec.corpora();
    this.corporaDir = located.apply(corpora.dir());
    this.tokenizer = corpora.tokenizer().equals(TrialSpec.Data.BYTE_TOKENIZER) ? corpora.tokenizer()
        : located.apply(corpora.tokenizer());
    this.files = corpora.files().stream().map(c -> new CorpusFiles(c.name(),
        c.files().stream().map(located).toList(), c.format(), c.field())).toList();
    this.models = spec.models().stream().collect(Collectors.toMap(ModelShape::label, Function.identity()));
  }

  public SweepLayout layout() {
    return layout;
  }

  public TrialSpec create(PlannedTrial trial, int attempt) {
    ModelShape model = models.get(trial.model());
    if (model == null) {
      throw new IllegalArgumentException("trial " + trial.id() + " names model '" + trial.model() + "' not in the spec");
    }
    var cpt = spec.cpt();
    String producer = trial.kind() == TrialKind.PRETRAIN ? trial.id() : trial.dependsOn();
    String base = spec.baseCheckpoint(trial.model())
        .orElseGet(() -> checkpoints.baseCheckpoint(trial.model(), producer).toString());
    TrialSpec.Paths paths = new TrialSpec.Paths(base,
        checkpoints.trialCheckpoint(trial.model(), trial.id()).toString(),
        trial.kind() == TrialKind.CPT ? layout.lossFile(trial.domain(), trial.model(), trial.id()).toString() : "",
        trial.continuesAnother() ? checkpoints.trialCheckpoint(trial.model(), trial.continues()).toString() : "");
    TrialSpec.Identity identity = new TrialSpec.Identity(spec.sweep(), trial.id(), trial.kind(), attempt);
    TrialSpec.Runtime runtime = new TrialSpec.Runtime(spec.execution().threadsPerWorker());
    if (trial.kind() == TrialKind.PRETRAIN) {
      var p = spec.pretrain();
      return new TrialSpec(identity, model,
          new TrialSpec.Data(corporaDir, spec.corpora().general(), "", 0, cpt.validationTokens(), tokenizer, files),
          new TrialSpec.Training(p.seed(), p.tokens(), p.batchSize(), p.peakLr(), p.warmupTokens(), List.of()),
          paths, runtime);
    }
    return new TrialSpec(identity, model,
        new TrialSpec.Data(corporaDir, spec.corpora().general(), trial.domain(), trial.ratio(), cpt.validationTokens(),
            tokenizer, files),
        new TrialSpec.Training(trial.seed(), cpt.tokens(), cpt.batchSize(), cpt.peakLr(), cpt.warmupTokens(),
            cpt.evalTokens(), trial.stopTokens()),
        paths, runtime);
  }
}
