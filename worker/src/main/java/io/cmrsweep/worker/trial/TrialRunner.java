package io.cmrsweep.worker.trial;

import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.core.trial.TrialSpec;
import io.cmrsweep.worker.corpus.Corpora;
import io.cmrsweep.worker.corpus.DocumentFiles;
import io.cmrsweep.worker.tokenizer.ByteTokenizer;
import io.cmrsweep.worker.tokenizer.Tokenizer;
import io.cmrsweep.worker.tokenizer.Tokenizers;
import io.cmrsweep.worker.train.TrainingListener;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** Checks what a spec needs beyond its own invariants, then runs the trial of its kind. */
public final class TrialRunner {
  private final Path defaultCorporaDir;
  private final List<TrainingListener> listeners;

  public TrialRunner(Path defaultCorporaDir, List<TrainingListener> listeners) {
    this.defaultCorporaDir = defaultCorporaDir;
    this.listeners = List.copyOf(listeners);
  }

  public TrialOutcome run(TrialSpec spec) {
    try (Tokenizer tokenizer = new Tokenizers("data.tokenizer").open(spec.data().tokenizer())) {
      checkVocabulary(spec, tokenizer);
      Path dir = corporaDir(spec.data(), defaultCorporaDir);
      Corpora corpora = Corpora.of(dir, tokenizer, spec.data(), new DocumentFiles(new Configuration()),
          Runtime.getRuntime().availableProcessors());
      return spec.identity().kind() == TrialKind.PRETRAIN
          ? new PretrainTrial(spec, corpora, listeners).run()
          : new CptTrial(spec, corpora, listeners).run();
    }
  }

  /** The byte tokenizer fills the model's 256 ids exactly; a file tokenizer needs at most model.vocab ids. */
  static void checkVocabulary(TrialSpec spec, Tokenizer tokenizer) {
    int vocab = spec.model().vocab();
    if (tokenizer instanceof ByteTokenizer && vocab != ByteTokenizer.VOCAB) {
      throw new BadSpecException("model.vocab=" + vocab + " but the byte-level tokenizer has " + ByteTokenizer.VOCAB
          + " tokens; set model.vocab to " + ByteTokenizer.VOCAB);
    }
    if (tokenizer.vocabularySize() > vocab) {
      throw new BadSpecException("data.tokenizer=" + spec.data().tokenizer() + " has " + tokenizer.vocabularySize()
          + " tokens, more than the model's embedding (model.vocab=" + vocab + "); set model.vocab to at least "
          + tokenizer.vocabularySize());
    }
  }

  /** {@code data.corporaDir}, or the worker's default when the spec leaves it empty. */
  public static Path corporaDir(TrialSpec.Data data, Path defaultDir) {
    return data.corporaDir().isBlank() ? defaultDir : LocalPaths.of("data.corporaDir", data.corporaDir());
  }
}
