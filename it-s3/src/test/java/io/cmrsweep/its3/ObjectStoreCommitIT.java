package io.cmrsweep.its3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cmrsweep.core.fit.FitFormat;
import io.cmrsweep.core.fit.FitOutputs;
import io.cmrsweep.core.fit.FitResults;
import io.cmrsweep.core.loss.LossFiles;
import io.cmrsweep.core.loss.LossFormat;
import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.core.loss.ParquetLossWriter;
import io.cmrsweep.core.loss.ParquetLossWriter.Commit;
import io.cmrsweep.core.storage.AtomicFiles;
import io.cmrsweep.core.storage.CommitProtocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * core's commits against a real S3-compatible server: loss files and fit outputs are written to their final
 * keys once (no temporary object, no copy, which is what an s3a rename would be), a committed loss file is
 * never replaced, and a write that fails publishes nothing.
 */
class ObjectStoreCommitIT {
  private static S3Server s3;
  private static Configuration conf;

  @BeforeAll
  static void start() throws Exception {
    s3 = S3Server.start();
    conf = s3.hadoopConf();
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
  }

  @Test
  void s3aCommitsByWritingTheFinalKeyOnce() throws IOException {
    assertThat(new AtomicFiles(conf).protocol(path("anything"))).isEqualTo(CommitProtocol.WRITE_ONCE);
  }

  @Test
  void aLossFileIsUploadedToItsFinalKeyWithoutATemporaryObjectOrACopy() {
    S3Server.Counts before = s3.recording().counts();
    List<LossRecord> records = trajectory("cpt-a", 6, 0.0);

    Commit commit = new ParquetLossWriter(conf).write(path("a/losses/domain=legal/model=m1/cpt-a.parquet"), records);

    S3Server.Counts stage = s3.recording().counts().since(before);
    assertThat(commit).isEqualTo(Commit.WRITTEN);
    assertThat(stage.puts()).containsExactly("a/losses/domain=legal/model=m1/cpt-a.parquet");
    assertThat(stage.copies()).as("no rename (copy + delete) on an object store").isEmpty();
    assertThat(s3.keys()).filteredOn(k -> k.startsWith("a/")).containsExactly("a/losses/domain=legal/model=m1/cpt-a.parquet");
    assertThat(new LossFiles(conf).readAll(path("a/losses"), LossFormat.PARQUET)).isEqualTo(records);
  }

  @Test
  void aCommittedLossFileIsNeverReplacedByALaterAttempt() {
    Path target = path("b/losses/domain=legal/model=m1/cpt-b.parquet");
    List<LossRecord> first = trajectory("cpt-b", 4, 0.0);
    assertThat(new ParquetLossWriter(conf).write(target, first)).isEqualTo(Commit.WRITTEN);
    S3Server.Counts before = s3.recording().counts();

    Commit late = new ParquetLossWriter(conf).write(target, trajectory("cpt-b", 9, 1.0));

    assertThat(late).isEqualTo(Commit.ALREADY_PRESENT);
    assertThat(s3.recording().counts().since(before).puts()).as("nothing uploaded over a committed result").isEmpty();
    assertThat(new LossFiles(conf).read(target, LossFormat.PARQUET)).isEqualTo(first);
  }

  @Test
  void aWriteThatFailsHalfwayPublishesNoObject() {
    Path target = path("c/losses/domain=legal/model=m1/cpt-c.parquet");

    assertThatThrownBy(() -> new AtomicFiles(conf).commit(target, staged -> {
      try (FSDataOutputStream out = staged.getFileSystem(new Configuration()).create(staged, true)) {
        out.write("PAR1 half a file".getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      throw new IllegalStateException("worker killed while writing");
    })).hasMessageContaining("worker killed while writing");

    assertThat(s3.keys()).filteredOn(k -> k.startsWith("c/")).isEmpty();
  }

  @Test
  void aReplacedOutputIsReadEitherWholeOldOrWholeNewAndLeavesNoTemporaryObject() throws IOException {
    AtomicFiles files = new AtomicFiles(conf);
    Path target = path("d/report/index.html");
    files.replace(target, "old report".getBytes(StandardCharsets.UTF_8));
    S3Server.Counts before = s3.recording().counts();

    files.replace(target, "new report".getBytes(StandardCharsets.UTF_8));

    S3Server.Counts stage = s3.recording().counts().since(before);
    assertThat(stage.puts()).containsExactly("d/report/index.html");
    assertThat(stage.copies()).isEmpty();
    assertThat(new String(s3.bytes("d/report/index.html"), StandardCharsets.UTF_8)).isEqualTo("new report");
    assertThat(s3.keys()).filteredOn(k -> k.startsWith("d/")).containsExactly("d/report/index.html");
  }

  @Test
  void fitOutputsAreWrittenToTheirFinalKeysAndReadBack() {
    Path dir = path("e/fits");
    FitResults empty = new FitResults(List.of(), List.of(), List.of(), List.of());
    new FitOutputs(conf).write(dir, empty);
    new FitOutputs(conf).write(dir, empty);

    assertThat(s3.keys()).filteredOn(k -> k.startsWith("e/")).containsExactly("e/fits/cmr.json", "e/fits/cmr.parquet",
        "e/fits/curves.json", "e/fits/curves.parquet", "e/fits/laws.json", "e/fits/laws.parquet",
        "e/fits/predictions.json", "e/fits/predictions.parquet", "e/fits/sensitivity.json",
        "e/fits/sensitivity.parquet");
    assertThat(new FitOutputs(conf).read(dir, FitFormat.PARQUET)).isEqualTo(empty);
    assertThat(new FitOutputs(conf).read(dir, FitFormat.JSON)).isEqualTo(empty);
  }

  private static Path path(String key) {
    return new Path("s3a://" + S3Server.BUCKET + "/" + key);
  }

  private static List<LossRecord> trajectory(String trialId, int points, double shift) {
    List<LossRecord> out = new ArrayList<>();
    for (int i = 0; i < points; i++) {
      out.add(new LossRecord("s1", trialId, "legal", "m1", 224_640L, 0.25, 1, i, i * 4096L, 1.8 + 0.01 * i + shift,
          2.8 - 0.05 * i, 1));
    }
    return out;
  }
}
