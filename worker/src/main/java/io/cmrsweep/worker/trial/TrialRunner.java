package io.cmrsweep.worker.trial;

import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.core.trial.TrialSpec;
import io.cmrsweep.worker.corpus.Corpora;
import io.cmrsweep.worker.tokenizer.ByteTokenizer;
import io.cmrsweep.worker.train.TrainingListener;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/** Checks what a spec needs beyond its own invariants, then runs the trial of its kind. */
public final class TrialRunner {
  private final Path defaultCorporaDir;
  private final List<TrainingListener> listeners;
  private final Configuration hadoopConf;

  /** A runner whose loss files go through Hadoop's default configuration (core-site.xml on the classpath). */
  public TrialRunner(Path defaultCorporaDir, List<TrainingListener> listeners) {
    this(defaultCorporaDir, listeners, new Configuration());
  }

  /** {@code hadoopConf} reaches the loss file's storage (e.g. fs.s3a.endpoint for an s3a:// loss file). */
  public TrialRunner(Path defaultCorporaDir, List<TrainingListener> listeners, Configuration hadoopConf) {
    this.defaultCorporaDir = defaultCorporaDir;
    this.listeners = List.copyOf(listeners);
    this.hadoopConf = hadoopConf;
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
        : new CptTrial(spec, corpora, listeners, hadoopConf).run();
  }
}
