package io.cmrsweep.orchestrator.lock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An OS file lock (fcntl on Linux) on a local file; the OS drops it when the process dies, so a killed
 * coordinator never leaves a stale lock. The holder is written into the file for the next one to read.
 */
public final class FileLockSweepLock implements SweepLock {
  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private FileLockSweepLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock on {@code file} (created with its directories) or says who holds it. */
  public static Acquisition acquire(Path file, Holder self) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException heldHere) {
        l = null; // a coordinator in this very JVM holds it
      }
      if (l == null) {
        ch.close();
        return new Acquisition.Busy(file.toString(), holderIn(file));
      }
      byte[] text = Holder.text(self.fields()).getBytes(StandardCharsets.UTF_8);
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(text), 0);
      ch.force(false);
      return new Acquisition.Held(new FileLockSweepLock(file, ch, l));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
    }
  }

  private static String holderIn(Path file) {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      return text.isBlank() ? "unknown (the lock file names no holder)" : Holder.of(Holder.parse(text)).describe();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  @Override
  public boolean held() {
    return lock.isValid();
  }

  @Override
  public String where() {
    return file.toString();
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release " + file + ": " + e.getMessage(), e);
    }
  }
}
