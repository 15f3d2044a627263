package io.cmrsweep.orchestrator.lock;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.core.storage.SweepLayout;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepLocksTest {
  @TempDir
  Path dir;

  private SweepLocks locks() {
    return new SweepLocks(SweepLayout.of(dir.resolve("data").toString(), "s"), new Configuration(), Clock.systemUTC(),
        SweepLocks.LEASE_TTL);
  }

  private static Holder holder(String ledger) {
    return new Holder("host", 7, Instant.parse("2026-11-25T10:00:00Z"), ledger);
  }

  @Test
  void twoCoordinatorsWithDifferentLedgersOnOneSweepsStorageCannotBothHoldTheLock() {
    Acquisition first = locks().acquire(holder("a.db"), Optional.of(dir.resolve("a.db.lock")));
    Acquisition second = locks().acquire(holder("b.db"), Optional.of(dir.resolve("b.db.lock")));

    assertThat(first).isInstanceOf(Acquisition.Held.class);
    assertThat(second).isInstanceOfSatisfying(Acquisition.Busy.class, b -> {
      assertThat(b.where()).isEqualTo(dir.resolve("data/s/.coordinator.lock").toString());
      assertThat(b.holder()).isEqualTo("pid 7 on host host since 2026-11-25T10:00:00Z (ledger a.db)");
    });
    assertThat(dir.resolve("b.db.lock")).as("the ledger lock is not taken when storage is busy").doesNotExist();
    ((Acquisition.Held) first).lock().close();
    assertThat(locks().acquire(holder("b.db"), Optional.of(dir.resolve("b.db.lock"))))
        .isInstanceOf(Acquisition.Held.class);
  }

  @Test
  void twoSweepsSharingOneLedgerFileAreKeptApartByTheLedgerLock() {
    SweepLocks other = new SweepLocks(SweepLayout.of(dir.resolve("elsewhere").toString(), "s"), new Configuration(),
        Clock.systemUTC(), SweepLocks.LEASE_TTL);
    Acquisition first = locks().acquire(holder("shared.db"), Optional.of(dir.resolve("shared.db.lock")));
    Acquisition second = other.acquire(holder("shared.db"), Optional.of(dir.resolve("shared.db.lock")));

    assertThat(first).isInstanceOf(Acquisition.Held.class);
    assertThat(second).isInstanceOfSatisfying(Acquisition.Busy.class,
        b -> assertThat(b.where()).isEqualTo(dir.resolve("shared.db.lock").toString()));
    ((Acquisition.Held) first).lock().close();
    Acquisition again = other.acquire(holder("shared.db"), Optional.of(dir.resolve("shared.db.lock")));
    assertThat(again).as("the storage lock of the refused sweep was released").isInstanceOf(Acquisition.Held.class);
    ((Acquisition.Held) again).lock().close();
  }
}
