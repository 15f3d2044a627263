package io.cmrsweep.worker.trial;

import io.cmrsweep.core.trial.ModelShape;
import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.core.trial.TrialSpec;
import io.cmrsweep.worker.train.TinyFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Tiny corpora on disk and specs for trials that finish in seconds. */
public final class TrialFixtures {
  private TrialFixtures() {}

  public static Path writeCorpora(Path dir) {
    try {
      for (String[] c : new String[][] {{"general", "1"}, {"legal", "2"}}) {
        Path d = dir.resolve(c[0]);
        Files.createDirectories(d);
        long seed = Long.parseLong(c[1]);
        var train = c[0].equals("general") ? TinyFixtures.general(20_000, seed) : TinyFixtures.domain(20_000, seed);
        var valid = c[0].equals("general") ? TinyFixtures.general(3_000, seed + 10)
            : TinyFixtures.domain(3_000, seed + 10);
        Files.write(d.resolve("train.txt"), train.tokens());
        Files.write(d.resolve("valid.txt"), valid.tokens());
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
