package io.cmrsweep.worker.corpus;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.cmrsweep.core.digest.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cleans every built-in {@link CorpusSource} from {@code <dir>/raw} into {@code <dir>/<name>/documents.jsonl}
 * (one {@code {"text": ...}} object per document, in a fixed order): the same input format a team's own corpus
 * uses, so the presets are tokenized, split and streamed by the same mechanism. Writes {@code <dir>/manifest.json}
 * with document counts, sizes and sha256 of each file. Files are written to temporaries and renamed.
 */
public final class CorpusPreparer {
  public static final String DOCUMENTS = "documents.jsonl";

  /** What was cleaned, per corpus name. */
  public record Prepared(String name, String source, int documents, long bytes, String sha256) {}

  public List<Prepared> prepare(Path dir, List<CorpusSource> sources) {
    Path raw = dir.resolve("raw");
    Map<String, Object> manifest = new LinkedHashMap<>();
    List<Prepared> out = new ArrayList<>();
    Gson line = new Gson();
    try {
      for (CorpusSource source : sources) {
        List<String> docs = source.read(raw);
        StringBuilder sb = new StringBuilder();
        for (String d : docs) {
          sb.append(line.toJson(Map.of("text", d))).append('\n');
        }
        Path target = dir.resolve(source.corpusName());
        Files.createDirectories(target);
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        writeAtomically(target.resolve(DOCUMENTS), bytes);
        Prepared p = new Prepared(source.corpusName(), source.pkg(), docs.size(), bytes.length, Sha256.hex(bytes));
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
    ShardPreparer.writeAtomically(file, bytes);
  }
}
