package io.cmrsweep.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputListTest {
  private final Configuration conf = new Configuration();

  @TempDir
  java.nio.file.Path dir;

  @Test
  void readsBackTheFilesItWroteInOrderSkippingTheHeader() throws Exception {
    Path list = new Path(dir.toUri().toString(), "fits/inputs.txt");
    List<Path> files = List.of(new Path("s3a://bucket/cmr/s1/losses/domain=legal/model=a/cpt-b.parquet"),
        new Path(dir.toUri().toString(), "s1/losses/domain=legal/model=a/cpt-a.parquet"));

    new InputList(conf).write(list, List.of("2 loss files of sweep s1", "spec: sweep.yaml"), files);

    assertThat(Files.readString(dir.resolve("fits/inputs.txt"))).startsWith("# 2 loss files of sweep s1\n# spec: ");
    assertThat(new InputList(conf).read(list)).isEqualTo(files);
  }

  @Test
  void resolvesRelativeEntriesAgainstTheListsDirectoryAndIgnoresBlankLines() throws Exception {
    Files.writeString(dir.resolve("inputs.txt"), "\n# by hand\nlosses/a.parquet\n\n");

    assertThat(new InputList(conf).read(new Path(dir.toUri().toString(), "inputs.txt")))
        .containsExactly(new Path(dir.toUri().toString(), "losses/a.parquet"));
  }

  @Test
  void aMissingListFailsNamingItAndTheFix() {
    Path missing = new Path(dir.toUri().toString(), "nowhere.txt");

    assertThatThrownBy(() -> new InputList(conf).read(missing)).isInstanceOf(LossFormatException.class)
        .hasMessageContaining("input list " + missing + " does not exist").hasMessageContaining("--input <dir>");
  }
}
