package io.cmrsweep.orchestrator.lock;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A coordinator lease in storage where OS file locks do not exist (s3a://, hdfs://): an object naming its
 * holder and when it last refreshed it, written through Hadoop's FileSystem. The holder refreshes it every
 * quarter of {@code ttl}; a coordinator that finds a lease refreshed within {@code ttl} refuses to start,
 * one that finds an older lease (its holder died) replaces it. After writing, the lease is read back and
 * must carry this holder's token, so of two coordinators racing for a free lease one sees the other's and
 * gives up (S3 is strongly consistent for reads after writes). If a refresh finds another holder's token,
 * the lease was lost and {@link #held()} turns false.
 */
public final class StorageLease implements SweepLock {
  private static final Logger LOG = LoggerFactory.getLogger(StorageLease.class);
  private final FileSystem fs;
  private final Path lease;
  private final Map<String, String> body;
  private final String token;
  private final Clock clock;
  private final ScheduledExecutorService refresher;
  private volatile boolean held = true;

  private StorageLease(FileSystem fs, Path lease, Map<String, String> body, String token, Clock clock, Duration ttl) {
    this.fs = fs;
    this.lease = lease;
    this.body = body;
    this.token = token;
    this.clock = clock;
    this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cmr-lease-refresh");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(1, ttl.toMillis() / 4);
    refresher.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
  }

  /** Takes the lease at {@code lease}, or says who holds it. */
  public static Acquisition acquire(FileSystem fs, Path lease, Holder self, Clock clock, Duration ttl) {
    try {
      Map<String, String> existing = read(fs, lease);
      if (existing != null) {
        Instant refreshed = refreshed(existing);
        Duration age = Duration.between(refreshed, clock.instant());
        if (age.compareTo(ttl) < 0) {
          return busy(lease, existing, age);
        }
        LOG.warn("coordinator lease {} was last refreshed {} s ago by {}; taking it over", lease, age.toSeconds(),
            Holder.of(existing).describe());
        fs.delete(lease, false);
      }
      String token = UUID.randomUUID().toString();
      Map<String, String> body = new java.util.LinkedHashMap<>(self.fields());
      body.put("token", token);
      body.put("refreshed", clock.instant().toString());
      try (OutputStream out = fs.create(lease, false)) {
        out.write(Holder.text(body).getBytes(StandardCharsets.UTF_8));
      } catch (FileAlreadyExistsException raced) {
        Map<String, String> other = read(fs, lease);
        return busy(lease, other == null ? Map.of() : other, Duration.ZERO);
      }
      Map<String, String> back = read(fs, lease);
      if (back == null || !token.equals(back.get("token"))) {
        return busy(lease, back == null ? Map.of() : back, Duration.ZERO);
      }
      return new Acquisition.Held(new StorageLease(fs, lease, body, token, clock, ttl));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot take the coordinator lease " + lease + ": " + e.getMessage(), e);
    }
  }

  private static Acquisition busy(Path lease, Map<String, String> holder, Duration age) {
    return new Acquisition.Busy(lease.toString(), Holder.of(holder).describe() + ", lease refreshed "
        + age.toSeconds() + " s ago");
  }

  private static Instant refreshed(Map<String, String> body) {
    try {
      return Instant.parse(body.getOrDefault("refreshed", ""));
    } catch (DateTimeParseException e) {
      return Instant.EPOCH; // unreadable: treated as expired
    }
  }

  private static Map<String, String> read(FileSystem fs, Path lease) throws IOException {
    try (InputStream in = fs.open(lease)) {
      return Holder.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  /** Rewrites the lease with a new refresh time while it is still ours. */
  synchronized void refresh() {
    if (!held) {
      return;
    }
    try {
      Map<String, String> now = read(fs, lease);
      if (now == null || !token.equals(now.get("token"))) {
        held = false;
        LOG.error("coordinator lease {} was taken over by {}; this coordinator must stop", lease,
            now == null ? "nobody (it was deleted)" : Holder.of(now).describe());
        return;
      }
      body.put("refreshed", clock.instant().toString());
      try (OutputStream out = fs.create(lease, true)) {
        out.write(Holder.text(body).getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException | RuntimeException e) {
      // A missed refresh is not yet a lost lease: the next one may succeed within the ttl.
      LOG.warn("could not refresh the coordinator lease {}: {}", lease, e.getMessage());
    }
  }

  @Override
  public boolean held() {
    return held;
  }

  @Override
  public String where() {
    return lease.toString();
  }

  @Override
  public synchronized void close() {
    refresher.shutdownNow();
    try {
      Map<String, String> now = read(fs, lease);
      if (held && now != null && token.equals(now.get("token"))) {
        fs.delete(lease, false);
      }
    } catch (IOException e) {
      LOG.warn("could not remove the coordinator lease {}: {}; it expires by itself", lease, e.getMessage());
    } finally {
      held = false;
    }
  }
}
