package io.cmrsweep.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WritableCheckTest {
  @TempDir
  Path dir;

  private final WritableCheck check = new WritableCheck(new Configuration());

  @Test
  void createsAMissingDirectoryAndLeavesNoProbeBehind() throws Exception {
    Path losses = dir.resolve("losses/m/legal");
    check.requireDirectory("paths.lossFile", losses.toString(), WritableCheck.TRIAL_FIX);
    assertThat(losses).isEmptyDirectory();
  }

  /** Tests run as root, which ignores permission bits: a regular file where the directory must be is unwritable to anyone. */
  @Test
  void aFileWhereTheDirectoryMustBeIsRefusedNamingTheFieldThePathAndTheFix() throws Exception {
    Files.writeString(dir.resolve("losses"), "not a directory");
    Path target = dir.resolve("losses/m/legal");
    assertThatThrownBy(() -> check.requireDirectory("paths.lossFile", target.toString(), WritableCheck.TRIAL_FIX))
        .isInstanceOf(StorageNotWritableException.class)
        .hasMessageStartingWith("paths.lossFile: cannot write to " + target + ": " + dir.resolve("losses"))
        .hasMessageContaining(": Not a directory").hasMessageContaining("cmr retry");
  }

  @Test
  void accessReadOnlyAndFullDiskFailuresAreStorageFaultsAndOtherFailuresAreNot() {
    assertThat(WritableCheck.classify(new UncheckedIOException(new AccessDeniedException("/data/losses/x"))))
        .hasValueSatisfying(e -> assertThat(e).hasMessageContaining("/data/losses/x: Permission denied"));
    assertThat(WritableCheck.classify(new RuntimeException("commit failed",
        new FileNotFoundException("/data/losses/.x.tmp (Read-only file system)")))).isPresent();
    assertThat(WritableCheck.classify(new IOException("write failed: No space left on device"))).isPresent();
    assertThat(WritableCheck.classify(new IOException("/data/x (Operation not permitted)")))
        .hasValueSatisfying(e -> assertThat(e).hasMessageContaining("/data/x (Operation not permitted)"));
    assertThat(WritableCheck.classify(new IllegalStateException("NDArray shape mismatch"))).isEmpty();
    assertThat(WritableCheck.classify(new IOException("Connection reset by peer"))).isEmpty();
  }
}
