package io.cmrsweep.core.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;

/**
 * Whether a trial can write its outputs, asked before it trains (create the directory, write and delete
 * a probe file) and asked of any failure while it runs: an access, read-only or full-disk error is a
 * permanent fault of the storage that another attempt cannot fix, unlike a crash.
 */
public final class WritableCheck {
  /** The operating system's words for faults that stay until someone fixes the storage. */
  private static final List<String> PERMANENT = List.of("operation not permitted", "permission denied",
      "read-only file system", "no space left on device", "disk quota exceeded", "not a directory",
      "access denied", "accessdenied");
  /** What to do about a trial's storage that refuses its outputs. */
  public static final String TRIAL_FIX = "make it writable by the worker (or free space), or point storage.root"
      + " elsewhere, then run cmr retry";

  private final Configuration conf;

  public WritableCheck(Configuration conf) {
    this.conf = conf;
  }

  /**
   * Makes sure {@code dir} exists and takes a new file, or throws {@link StorageNotWritableException}
   * naming {@code field}, the directory, the reason and {@code fix}.
   */
  public void requireDirectory(String field, String dir, String fix) {
    URI uri = new org.apache.hadoop.fs.Path(dir).toUri();
    try {
      if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
        Path local = Path.of(uri.getPath());
        Files.createDirectories(local);
        Files.delete(Files.createTempFile(local, ".cmr-write-probe-", ""));
      } else {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(dir);
        FileSystem fs = p.getFileSystem(conf);
        if (!fs.mkdirs(p)) {
          throw new IOException("cannot create the directory");
        }
        org.apache.hadoop.fs.Path probe = new org.apache.hadoop.fs.Path(p, ".cmr-write-probe-"
            + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try (FSDataOutputStream out = fs.create(probe, false)) {
          out.write(1);
        }
        fs.delete(probe, false);
      }
    } catch (IOException | RuntimeException e) {
      throw new StorageNotWritableException(field + ": cannot write to " + dir + ": " + reason(e) + "; " + fix, e);
    }
  }

  /** The storage fault behind {@code failure}, if it is one: a reason that another attempt cannot change. */
  public static Optional<StorageNotWritableException> classify(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StorageNotWritableException s) {
        return Optional.of(s);
      }
      if (isPermanent(t)) {
        return Optional.of(new StorageNotWritableException("cannot write the trial's outputs: " + reason(t) + "; "
            + TRIAL_FIX, failure));
      }
    }
    return Optional.empty();
  }

  private static boolean isPermanent(Throwable t) {
    if (t instanceof AccessDeniedException || t instanceof ReadOnlyFileSystemException
        || t instanceof org.apache.hadoop.security.AccessControlException) {
      return true;
    }
    if (!(t instanceof IOException)) {
      return false;
    }
    String text = (t instanceof FileSystemException f && f.getReason() != null ? f.getReason() : "") + " "
        + (t.getMessage() == null ? "" : t.getMessage());
    String lower = text.toLowerCase(Locale.ROOT);
    return PERMANENT.stream().anyMatch(lower::contains);
  }

  /** The path and the operating system's reason, as plainly as the exception gives them. */
  static String reason(Throwable t) {
    if (t instanceof FileAlreadyExistsException f) {
      return f.getFile() + " exists and is not a directory";
    }
    if (t instanceof FileSystemException f) {
      String why = f.getReason() != null ? f.getReason()
          : t instanceof AccessDeniedException ? "Permission denied" : t.getClass().getSimpleName();
      return f.getFile() + ": " + why;
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
