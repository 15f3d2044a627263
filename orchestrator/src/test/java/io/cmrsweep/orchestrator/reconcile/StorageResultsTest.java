package io.cmrsweep.orchestrator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.core.storage.SweepLayout;
import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageResultsTest {
  private static final PlannedTrial PT = new PlannedTrial("pt-a-1", TrialKind.PRETRAIN, "a", "", 0, 0, "");
  private static final PlannedTrial DONE = new PlannedTrial("cpt-a-1", TrialKind.CPT, "a", "legal", 0.1, 1, "pt-a-1");
  private static final PlannedTrial HALF = new PlannedTrial("cpt-a-2", TrialKind.CPT, "a", "legal", 0.2, 1, "pt-a-1");

  @TempDir
  Path root;

  @Test
  void onlyCommittedFilesAndNonEmptyBaseCheckpointsCountAsResults() throws Exception {
    SweepLayout layout = SweepLayout.of(root.toString(), "s");
    Path done = Path.of(layout.lossFile("legal", "a", DONE.id()).toString());
    Files.createDirectories(done.getParent());
    Files.write(done, new byte[] {1});
    Files.write(done.resolveSibling("." + HALF.id() + ".parquet.inprogress-123"), new byte[] {1});
    Path base = Path.of(layout.baseCheckpoint("a", PT.id()).toString());
    Files.createDirectories(base);
    StorageResults results = new StorageResults(layout, new Configuration());

    assertThat(results.committed(PT)).as("an empty base directory is not a committed model").isFalse();
    assertThat(results.scan(List.of(PT, DONE, HALF))).containsExactly(DONE.id());
    Files.writeString(base.resolve("model.bin"), "w");
    assertThat(results.committed(PT)).isTrue();
    assertThat(results.committed(DONE)).isTrue();
    assertThat(results.committed(HALF)).isFalse();
    assertThat(results.scan(List.of(PT, DONE, HALF))).containsExactlyInAnyOrder(PT.id(), DONE.id());
  }

  @Test
  void orphansAreLossFilesAndBaseCheckpointsOfNoCurrentCell() throws Exception {
    SweepLayout layout = SweepLayout.of(root.toString(), "s");
    for (PlannedTrial t : List.of(DONE, HALF)) {
      Path f = Path.of(layout.lossFile("legal", "a", t.id()).toString());
      Files.createDirectories(f.getParent());
      Files.write(f, new byte[] {1});
    }
    Path gone = Path.of(layout.lossFile("legal", "a", "cpt-a-removed").toString());
    Files.write(gone, new byte[] {1});
    Files.write(gone.resolveSibling(".cpt-a-x.parquet.inprogress-1"), new byte[] {1});
    for (String base : List.of(layout.baseCheckpoint("a", PT.id()).toString(),
        layout.baseCheckpoint("a", "pt-a-old").toString(), root.resolve("s/checkpoints/a/base").toString())) {
      Files.createDirectories(Path.of(base));
      Files.writeString(Path.of(base, "model.bin"), "w");
    }
    Files.createDirectories(Path.of(layout.trialCheckpoint("a", DONE.id()).toString(), "resume"));
    Files.createDirectories(Path.of(layout.baseCheckpoint("a", "pt-a-empty").toString()));
    StorageResults results = new StorageResults(layout, new Configuration());

    assertThat(results.orphans(List.of(PT, DONE, HALF))).containsExactly(
        new Orphan(Orphan.Kind.BASE_CHECKPOINT, "", root.resolve("s/checkpoints/a/base").toString()),
        new Orphan(Orphan.Kind.BASE_CHECKPOINT, "pt-a-old", layout.baseCheckpoint("a", "pt-a-old").toString()),
        new Orphan(Orphan.Kind.LOSS_FILE, "cpt-a-removed", gone.toString()));
    assertThat(results.lossFiles(List.of(PT, HALF, DONE))).extracting(Object::toString)
        .containsExactly(layout.lossFile("legal", "a", HALF.id()).toString(),
            layout.lossFile("legal", "a", DONE.id()).toString());
    assertThat(results.allLossFiles()).hasSize(3);
  }

  @Test
  void theScanKeyIsTheLayoutsLossFilePathBelowLosses() {
    SweepLayout layout = SweepLayout.of("/data", "s");
    String full = layout.lossFile("legal", "a", DONE.id()).toString();
    assertThat(full).isEqualTo(layout.lossesDir() + "/" + StorageResults.key(DONE));
  }
}
