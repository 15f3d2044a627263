package io.cmrsweep.orchestrator.lock;

import io.cmrsweep.core.storage.AtomicFiles;
import io.cmrsweep.core.storage.SweepLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * The coordinator lock of a sweep's storage (DESIGN 3.2), so two coordinators never run one sweep, whatever
 * ledgers they were given: an OS file lock on {@code <root>/<sweep>/.coordinator.lock} for local roots, a
 * {@link StorageLease} at {@code <root>/<sweep>/.coordinator.lease} for other roots; then the lock beside the
 * ledger, which keeps two sweeps that share one ledger file apart.
 */
public final class SweepLocks {
  /** A lease not refreshed for this long belongs to a dead coordinator. */
  public static final Duration LEASE_TTL = Duration.ofSeconds(60);
  private final SweepLayout layout;
  private final Configuration conf;
  private final Clock clock;
  private final Duration leaseTtl;

  public SweepLocks(SweepLayout layout, Configuration conf, Clock clock, Duration leaseTtl) {
    this.layout = layout;
    this.conf = conf;
    this.clock = clock;
    this.leaseTtl = leaseTtl;
  }

  /** Takes the storage lock, then {@code ledgerLock} if given; all or nothing. */
  public Acquisition acquire(Holder self, Optional<Path> ledgerLock) {
    Acquisition storage = storageLock(self);
    if (!(storage instanceof Acquisition.Held held) || ledgerLock.isEmpty()) {
      return storage;
    }
    Acquisition ledger = FileLockSweepLock.acquire(ledgerLock.get(), self);
    if (ledger instanceof Acquisition.Held both) {
      return new Acquisition.Held(new Pair(held.lock(), both.lock()));
    }
    held.lock().close();
    return ledger;
  }

  private Acquisition storageLock(Holder self) {
    Optional<Path> local = local(layout.coordinatorLock());
    if (local.isPresent()) {
      return FileLockSweepLock.acquire(local.get(), self);
    }
    try {
      var lease = layout.coordinatorLease();
      return StorageLease.acquire(new AtomicFiles(conf).fileSystem(lease), lease, self, clock, leaseTtl);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach " + layout.sweepDir() + " to take the coordinator lease: "
          + e.getMessage(), e);
    }
  }

  private static Optional<Path> local(org.apache.hadoop.fs.Path p) {
    URI uri = p.toUri();
    if (uri.getScheme() == null || uri.getScheme().equals("file")) {
      return Optional.of(Path.of(uri.getPath()));
    }
    return Optional.empty();
  }

  /** The storage lock and the ledger lock, released in reverse order. */
  private record Pair(SweepLock storage, SweepLock ledger) implements SweepLock {
    @Override
    public boolean held() {
      return storage.held() && ledger.held();
    }

    @Override
    public String where() {
      return storage.where();
    }

    @Override
    public void close() {
      try {
        ledger.close();
      } finally {
        storage.close();
      }
    }
  }
}
