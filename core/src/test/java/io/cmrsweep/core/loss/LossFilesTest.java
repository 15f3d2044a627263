package io.cmrsweep.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cmrsweep.core.storage.SweepLayout;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossFilesTest {
  private final Configuration conf = new Configuration();

  @TempDir
  java.nio.file.Path dir;

  @Test
  void findsCommittedLossFilesOfASweepAndSkipsHiddenTemporaries() throws Exception {
    SweepLayout layout = SweepLayout.of(dir.toUri().toString(), "s1");
    ParquetLossWriter writer = new ParquetLossWriter(conf);
    writer.write(layout.lossFile("legal", "m1", "a"), LossFixtures.trajectory(2));
    writer.write(layout.lossFile("bio", "m2", "b"), LossFixtures.trajectory(3));
    Files.writeString(dir.resolve("s1/losses/domain=legal/model=m1/.c.parquet.inprogress-x"), "partial");
    Files.writeString(dir.resolve("s1/losses/_SUCCESS"), "");

    LossFiles files = new LossFiles(conf);

    assertThat(files.list(layout.lossesDir(), LossFormat.PARQUET))
        .extracting(Path::getName).containsExactly("b.parquet", "a.parquet");
    assertThat(files.readAll(layout.lossesDir(), LossFormat.PARQUET)).hasSize(5);
  }

  @Test
  void explainsAMissingInput() {
    Path missing = new Path(dir.toUri().toString(), "nowhere");

    assertThatThrownBy(() -> new LossFiles(conf).list(missing, LossFormat.PARQUET))
        .isInstanceOf(LossFormatException.class)
        .hasMessageContaining("nowhere does not exist");
  }
}
