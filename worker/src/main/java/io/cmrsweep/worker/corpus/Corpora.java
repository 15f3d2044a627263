package io.cmrsweep.worker.corpus;

import io.cmrsweep.core.trial.CorpusFiles;
import io.cmrsweep.core.trial.TrialSpec;
import io.cmrsweep.worker.tokenizer.Tokenizer;
import io.cmrsweep.worker.train.TokenText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The corpora one trial reads, prepared under {@code <dir>/prepared} (once; a trial whose preparation exists only
 * opens it): a corpus the spec lists in {@code data.corpora} is read from its files, any other name is a
 * built-in preset, {@code <dir>/<name>/documents.jsonl} as {@code bin/fetch-corpora} writes it.
 */
public final class Corpora {
  public static final String PREPARED = "prepared";
  private final Path dir;
  private final Tokenizer tokenizer;
  private final List<CorpusFiles> files;
  private final ShardPreparer preparer;
  private final Map<String, PreparedCorpus> opened = new HashMap<>();

  public Corpora(Path dir, Tokenizer tokenizer, List<CorpusFiles> files, ShardPreparer preparer) {
    this.dir = dir;
    this.tokenizer = tokenizer;
    this.files = List.copyOf(files);
    this.preparer = preparer;
  }

  /** The corpora of a trial's data section, prepared with {@code threads} threads when they must be. */
  public static Corpora of(Path dir, Tokenizer tokenizer, TrialSpec.Data data, DocumentFiles documents, int threads) {
    return new Corpora(dir, tokenizer, data.corpora(), new ShardPreparer(dir.resolve(PREPARED), documents, threads));
  }

  public TokenText train(String name) {
    return prepared(name).train();
  }

  public TokenText valid(String name) {
    return prepared(name).valid();
  }

  public synchronized PreparedCorpus prepared(String name) {
    return opened.computeIfAbsent(name, n -> preparer.prepare(definition(n), tokenizer));
  }

  /** The definition of {@code name}: listed, or the built-in preset of that name. */
  public CorpusFiles definition(String name) {
    for (CorpusFiles c : files) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    Path preset = dir.resolve(name).resolve(CorpusPreparer.DOCUMENTS);
    if (!Files.isRegularFile(preset)) {
      throw new BadInputException("corpus '" + name + "' is not listed in the corpora and is not a built-in"
          + " preset under " + dir + " (no " + preset + "); list its files, or run bin/fetch-corpora (or bin/worker"
          + " prepare-corpora --dir " + dir + ") for brown, legal and computing");
    }
    return new CorpusFiles(name, List.of(preset.toUri().toString()), "jsonl", "text");
  }
}
