package io.cmrsweep.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommitProtocolTest {
  @TempDir
  java.nio.file.Path dir;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "s3a, WRITE_ONCE", "s3, WRITE_ONCE", "S3A, WRITE_ONCE", "gs, WRITE_ONCE", "abfs, WRITE_ONCE",
      "abfss, WRITE_ONCE", "wasbs, WRITE_ONCE", "oss, WRITE_ONCE",
      "file, RENAME", "hdfs, RENAME", "viewfs, RENAME", "webhdfs, RENAME"})
  void writesObjectStoreKeysOnceAndRenamesOnFileSystems(String scheme, CommitProtocol expected) {
    assertThat(CommitProtocol.forScheme(scheme)).isEqualTo(expected);
  }

  @Test
  void aPathWithoutSchemeIsOnTheLocalFileSystemAndCommitsByRename() throws Exception {
    AtomicFiles files = new AtomicFiles(new Configuration());
    assertThat(files.protocol(new Path(dir.resolve("x").toString()))).isEqualTo(CommitProtocol.RENAME);
    assertThat(files.protocol(new Path(dir.resolve("x").toUri()))).isEqualTo(CommitProtocol.RENAME);
    assertThat(CommitProtocol.forScheme(null)).isEqualTo(CommitProtocol.RENAME);
  }
}
