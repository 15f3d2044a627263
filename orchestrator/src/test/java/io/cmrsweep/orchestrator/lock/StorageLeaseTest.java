package io.cmrsweep.orchestrator.lock;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.core.storage.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lease through Hadoop's FileSystem (here file://, the code path s3a:// and hdfs:// roots take). */
class StorageLeaseTest {
  private static final Duration TTL = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-11-25T10:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final ManualClock clock = new ManualClock();

  private org.apache.hadoop.fs.Path lease() {
    return new org.apache.hadoop.fs.Path(dir.toUri().toString(), "s/.coordinator.lease");
  }

  private FileSystem fs() throws Exception {
    return new AtomicFiles(new Configuration()).fileSystem(lease());
  }

  private static Holder holder(String host, long pid) {
    return new Holder(host, pid, Instant.parse("2026-11-25T09:59:00Z"), "/l/" + host + ".db");
  }

  @Test
  void aSecondCoordinatorRefusesWhileAFreshLeaseExistsAndNamesItsHolder() throws Exception {
    Acquisition first = StorageLease.acquire(fs(), lease(), holder("alpha", 101), clock, TTL);
    assertThat(first).isInstanceOf(Acquisition.Held.class);
    clock.advance(Duration.ofSeconds(30));

    Acquisition second = StorageLease.acquire(fs(), lease(), holder("beta", 202), clock, TTL);

    assertThat(second).isInstanceOfSatisfying(Acquisition.Busy.class, b -> {
      assertThat(b.holder()).contains("pid 101 on host alpha").contains("ledger /l/alpha.db")
          .contains("refreshed 30 s ago");
      assertThat(b.where()).endsWith("s/.coordinator.lease");
    });
    ((Acquisition.Held) first).lock().close();
    assertThat(dir.resolve("s/.coordinator.lease")).doesNotExist();
    assertThat(StorageLease.acquire(fs(), lease(), holder("beta", 202), clock, TTL))
        .isInstanceOf(Acquisition.Held.class);
  }

  @Test
  void aLeaseNotRefreshedWithinItsTtlIsTakenOverAndItsOldHolderLearnsItLostIt() throws Exception {
    StorageLease first = (StorageLease) ((Acquisition.Held) StorageLease.acquire(fs(), lease(), holder("alpha", 101),
        clock, TTL)).lock();
    first.refresh();
    assertThat(first.held()).isTrue();
    clock.advance(TTL.plusSeconds(1)); // alpha stalled: no refresh for longer than the ttl

    Acquisition second = StorageLease.acquire(fs(), lease(), holder("beta", 202), clock, TTL);

    assertThat(second).isInstanceOf(Acquisition.Held.class);
    assertThat(Files.readString(dir.resolve("s/.coordinator.lease"))).contains("host=beta");
    first.refresh();
    assertThat(first.held()).isFalse();
    first.close();
    assertThat(Files.readString(dir.resolve("s/.coordinator.lease"))).as("the loser leaves the new lease alone")
        .contains("host=beta");
  }

  @Test
  void refreshingKeepsALiveHoldersLeaseFreshPastItsTtl() throws Exception {
    StorageLease first = (StorageLease) ((Acquisition.Held) StorageLease.acquire(fs(), lease(), holder("alpha", 101),
        clock, TTL)).lock();
    for (int i = 0; i < 4; i++) {
      clock.advance(Duration.ofSeconds(40));
      first.refresh();
    }

    assertThat(StorageLease.acquire(fs(), lease(), holder("beta", 202), clock, TTL))
        .isInstanceOf(Acquisition.Busy.class);
    assertThat(first.held()).isTrue();
    first.close();
  }
}
