package io.cmrsweep.worker.corpus;

import com.google.gson.GsonBuilder;
import io.cmrsweep.core.digest.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cleans and splits every {@link CorpusSource} from {@code <dir>/raw} into {@code <dir>/<name>/train.txt}
 * and {@code valid.txt}, and writes {@code <dir>/manifest.json} with document counts, sizes and sha256 of
 * each file. Files are written to temporaries and renamed, so a reader never sees half a corpus.
 */
public final class CorpusPreparer {
  static final int HOLDOUT_PERIOD = 10;

  /** What was prepared, per corpus name. */
  public record Prepared(String name, String source, int trainDocs, int validDocs, long trainBytes, long validBytes,
      String trainSha256, String validSha256) {}

  public List<Prepared> prepare(Path dir, List<CorpusSource> sources) {
    Path raw = dir.resolve("raw");
    Map<String, Object> manifest = new LinkedHashMap<>();
    List<Prepared> out = new java.util.ArrayList<>();
    try {
      for (CorpusSource source : sources) {
        CorpusSplit split = CorpusSplit.of(source.read(raw), HOLDOUT_PERIOD);
        Path target = dir.resolve(source.corpusName());
        Files.createDirectories(target);
        byte[] train = split.train().getBytes(StandardCharsets.UTF_8);
        byte[] valid = split.valid().getBytes(StandardCharsets.UTF_8);
        writeAtomically(target.resolve("train.txt"), train);
        writeAtomically(target.resolve("valid.txt"), valid);
        Prepared p = new Prepared(source.corpusName(), source.pkg(), split.trainDocs(), split.validDocs(),
            train.length, valid.length, Sha256.hex(train), Sha256.hex(valid));
        out.add(p);
        manifest.put(p.name(), p);
      }
      writeAtomically(dir.resolve("manifest.json"),
          new GsonBuilder().setPrettyPrinting().create().toJson(manifest).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not prepare corpora in " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
