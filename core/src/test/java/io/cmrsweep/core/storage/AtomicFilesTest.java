package io.cmrsweep.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir
  java.nio.file.Path dir;

  @Test
  void replaceOverwritesAnOutputAndLeavesNoTemporaryOrChecksumBehind() throws Exception {
    AtomicFiles files = new AtomicFiles(new Configuration());
    Path target = new Path(dir.toUri().toString(), "fits/cmr.json");

    files.replace(target, "[1]".getBytes(StandardCharsets.UTF_8));
    files.replace(target, "[2]".getBytes(StandardCharsets.UTF_8));

    assertThat(Files.readString(dir.resolve("fits/cmr.json"))).isEqualTo("[2]");
    try (var listing = Files.list(dir.resolve("fits"))) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("cmr.json");
    }
  }
}
