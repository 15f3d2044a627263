package io.cmrsweep.worker.trial;

import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.core.trial.TrialSpec;
import io.cmrsweep.worker.corpus.Corpora;
import io.cmrsweep.worker.tokenizer.ByteTokenizer;
import io.cmrsweep.worker.train.TrainingListener;
import java.nio.file.Path;
import java.util.List;

/** Checks what a spec needs beyond its own invariants, then runs the trial of its kind. */
public final class TrialRunner {
  private final Path defaultCorporaDir;
  private final List<TrainingListener> listeners;

  public TrialRunner(Path defaultCorporaDir, List<TrainingListener> listeners) {
    this.defaultCorporaDir = defaultCorporaDir;
    this.listeners = List.copyOf(listeners);
  }

  public TrialOutcome run(TrialSpec spec) {
    ByteTokenizer tokenizer = new ByteTokenizer();
    if (spec.model().vocab() != tokenizer.vocabularySize()) {
      throw new BadSpecException("model.vocab=" + spec.model().vocab() + " but the worker's byte-level tokenizer has "
          + tokenizer.vocabularySize() + " tokens; set model.vocab to " + tokenizer.vocabularySize());
    }
    Path dir = spec.data().corporaDir().isBlank() ? defaultCorporaDir
        : LocalPaths.of("data.corporaDir", spec.data().corporaDir());
    Corpora corpora = new Corpora(dir, tokenizer);
    return spec.identity().kind() == TrialKind.PRETRAIN
        ? new PretrainTrial(spec, corpora, listeners).run()
        : new CptTrial(spec, corpora, listeners).run();
  }
}
