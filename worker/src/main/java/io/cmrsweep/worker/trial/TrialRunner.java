package io.cmrsweep.worker.trial;

import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.core.trial.TrialSpec;
import io.cmrsweep.worker.corpus.Corpora;
import io.cmrsweep.worker.corpus.DocumentFiles;
import io.cmrsweep.worker.tokenizer.Tokenizer;
import io.cmrsweep.worker.tokenizer.Tokenizers;
import io.cmrsweep.worker.train.TrainingListener;
import io.cmrsweep.core.storage.WritableCheck;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** Checks what a spec needs beyond its own invariants, then runs the trial of its kind. */
public final class TrialRunner {
  private final Path defaultCorporaDir;
  private final List<TrainingListener> listeners;
  private final Configuration hadoopConf;
  private final WritableCheck writable;

  /** A runner whose loss files go through Hadoop's default configuration (core-site.xml on the classpath). */
  public TrialRunner(Path defaultCorporaDir, List<TrainingListener> listeners) {
    this(defaultCorporaDir, listeners, new Configuration());
  }

  /** {@code hadoopConf} reaches the loss file's storage (e.g. fs.s3a.endpoint for an s3a:// loss file). */
  public TrialRunner(Path defaultCorporaDir, List<TrainingListener> listeners, Configuration hadoopConf) {
    this.defaultCorporaDir = defaultCorporaDir;
    this.listeners = List.copyOf(listeners);
    this.hadoopConf = hadoopConf;
    this.writable = new WritableCheck(hadoopConf);
  }

  /**
   * Fails before any training when an output cannot be written: found after the last step, it would cost
   * the whole training, and every retry would pay it again.
   */
  private void requireWritableOutputs(TrialSpec spec) {
    TrialSpec.Paths paths = spec.paths();
    if (spec.identity().kind() == TrialKind.PRETRAIN) {
      Path parent = LocalPaths.of("paths.baseCheckpoint", paths.baseCheckpoint()).toAbsolutePath().getParent();
      writable.requireDirectory("paths.baseCheckpoint", parent.toString(), WritableCheck.TRIAL_FIX);
    } else {
      writable.requireDirectory("paths.lossFile", new org.apache.hadoop.fs.Path(paths.lossFile()).getParent().toString(),
          WritableCheck.TRIAL_FIX);
    }
    if (!paths.workDir().isBlank()) {
      writable.requireDirectory("paths.workDir", LocalPaths.of("paths.workDir", paths.workDir()).toString(),
          WritableCheck.TRIAL_FIX);
    }
  }

  public TrialOutcome run(TrialSpec spec) {
    try (Tokenizer tokenizer = new Tokenizers("data.tokenizer").open(spec.data().tokenizer())) {
      checkVocabulary(spec, tokenizer);
      Path dir = corporaDir(spec.data(), defaultCorporaDir);
      Corpora corpora = Corpora.of(dir, tokenizer, spec.data(), new DocumentFiles(hadoopConf),
          Runtime.getRuntime().availableProcessors());
      requireWritableOutputs(spec);
      return spec.identity().kind() == TrialKind.PRETRAIN
          ? new PretrainTrial(spec, corpora, tokenizer, listeners).run()
          : new CptTrial(spec, corpora, tokenizer.identity(), listeners, hadoopConf).run();
    }
  }

  /**
   * Every id of the tokenizer needs a row of the model's embedding; a larger embedding (a checkpoint whose
   * vocab_size is padded, or a tokenizer that uses fewer ids) is fine.
   */
  static void checkVocabulary(TrialSpec spec, Tokenizer tokenizer) {
    int vocab = spec.model().vocab();
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
