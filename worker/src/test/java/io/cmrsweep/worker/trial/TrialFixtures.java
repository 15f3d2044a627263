package io.cmrsweep.worker.trial;

import io.cmrsweep.core.trial.ModelShape;
import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.core.trial.TrialSpec;
import com.google.gson.Gson;
import io.cmrsweep.worker.corpus.CorpusPreparer;
import io.cmrsweep.worker.train.TinyFixtures;
import io.cmrsweep.worker.train.TokenText;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Tiny corpora on disk and specs for trials that finish in seconds. */
public final class TrialFixtures {
  private TrialFixtures() {}

  /** Two built-in-style corpora ({@code <dir>/<name>/documents.jsonl}): 120 documents each, about 12 held out. */
  public static Path writeCorpora(Path dir) {
    try {
      Gson gson = new Gson();
      for (String[] c : new String[][] {{"general", "1"}, {"legal", "2"}}) {
        Path d = dir.resolve(c[0]);
        Files.createDirectories(d);
        long seed = Long.parseLong(c[1]);
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 120; i++) {
          TokenText doc = c[0].equals("general") ? TinyFixtures.general(200, seed * 1000 + i)
              : TinyFixtures.domain(200, seed * 1000 + i);
          byte[] bytes = new byte[(int) doc.length()];
          for (int k = 0; k < bytes.length; k++) {
            bytes[k] = (byte) doc.at(k);
          }
          jsonl.append(gson.toJson(Map.of("text", new String(bytes, StandardCharsets.UTF_8)))).append('\n');
        }
        Files.writeString(d.resolve(CorpusPreparer.DOCUMENTS), jsonl);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static ModelShape shape() {
    return TinyFixtures.tinyShape();
  }

  public static TrialSpec pretrain(Path corpora, Path base) {
    return new TrialSpec(new TrialSpec.Identity("t", "pretrain-tiny", TrialKind.PRETRAIN, 1), shape(),
        new TrialSpec.Data(corpora.toString(), "general", "", 0, 2048),
        new TrialSpec.Training(1, 40 * 8 * 32L, 8, 1e-2, 5 * 8 * 32L, List.of()),
        new TrialSpec.Paths(base.toString(), "", ""), new TrialSpec.Runtime(1));
  }

  public static TrialSpec cpt(Path corpora, Path base, Path workDir, Path lossFile, double ratio, long tokens) {
    List<Long> evals = Stream.of(256L, 1024L, 4096L, tokens).filter(t -> t <= tokens).distinct().toList();
    return new TrialSpec(new TrialSpec.Identity("t", "cpt-r" + ratio, TrialKind.CPT, 1), shape(),
        new TrialSpec.Data(corpora.toString(), "general", "legal", ratio, 1024),
        new TrialSpec.Training(3, tokens, 8, 1e-3, 2 * 8 * 32L, evals),
        new TrialSpec.Paths(base.toString(), workDir == null ? "" : workDir.toString(), lossFile.toString()),
        new TrialSpec.Runtime(1));
  }
}
