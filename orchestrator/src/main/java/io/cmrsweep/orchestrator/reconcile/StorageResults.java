package io.cmrsweep.orchestrator.reconcile;

import io.cmrsweep.core.storage.AtomicFiles;
import io.cmrsweep.core.storage.SweepLayout;
import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Committed results in the sweep's storage (DESIGN 3.2): through java.nio for local roots, through
 * Hadoop's FileSystem for hdfs:// and s3a://. Hidden names ({@code .x.inprogress-...}) are never
 * results. (Hadoop's local file system forks a process per file to read permissions when listing with
 * locations, which made a 10,000-file scan take seconds; hence the local path.)
 */
public final class StorageResults implements ResultStore {
  private final SweepLayout layout;
  private final SweepLayout checkpoints;
  private final Configuration conf;
  private final boolean local;
  private FileSystem fs;

  public StorageResults(SweepLayout layout, Configuration conf) {
    this(layout, layout, conf);
  }

  /** {@code checkpoints}: where base checkpoints live when not under the sweep root (storage.checkpoints). */
  public StorageResults(SweepLayout layout, SweepLayout checkpoints, Configuration conf) {
    this.layout = layout;
    this.checkpoints = checkpoints;
    this.conf = conf;
    this.local = isLocal(layout.root());
  }

  @Override
  public boolean committed(PlannedTrial trial) {
    Path proof = proof(trial);
    if (isLocal(proof)) {
      java.nio.file.Path p = localPath(proof);
      return trial.kind() == TrialKind.CPT ? Files.isRegularFile(p) : nonEmptyDir(p);
    }
    try {
      FileSystem proofFs = new AtomicFiles(conf).fileSystem(proof);
      if (trial.kind() == TrialKind.CPT) {
        return proofFs.exists(proof);
      }
      return proofFs.listStatus(proof).length > 0;
    } catch (FileNotFoundException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check the result of " + trial.id() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Set<String> scan(Collection<PlannedTrial> trials) {
    Set<String> files = new HashSet<>();
    try {
      if (local) {
        java.nio.file.Path dir = localPath(layout.lossesDir()).toAbsolutePath().normalize();
        if (Files.isDirectory(dir)) {
          // Keyed by the path below losses/ ("domain=d/model=m/<id>.parquet"), built without Hadoop Paths:
          // constructing 10,000 of those cost more than the whole directory walk.
          Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(java.nio.file.Path f,
                java.nio.file.attribute.BasicFileAttributes attrs) {
              if (attrs.isRegularFile() && !f.getFileName().toString().startsWith(".")) {
                files.add(dir.relativize(f).toString());
              }
              return java.nio.file.FileVisitResult.CONTINUE;
            }
          });
        }
      } else {
        walk(layout.lossesDir(), files);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + layout.lossesDir() + ": " + e.getMessage(), e);
    }
    Set<String> out = new HashSet<>();
    for (PlannedTrial t : trials) {
      boolean done = t.kind() == TrialKind.CPT ? files.contains(key(t)) : committed(t);
      if (done) {
        out.add(t.id());
      }
    }
    return out;
  }

  private Path proof(PlannedTrial t) {
    return t.kind() == TrialKind.CPT ? layout.lossFile(t.domain(), t.model(), t.id())
        : checkpoints.baseCheckpoint(t.model());
  }

  private static boolean isLocal(Path p) {
    String scheme = p.toUri().getScheme();
    return scheme == null || scheme.equals("file");
  }

  /** A CPT result's key: its path below losses/, as {@link SweepLayout#lossFileKey} lays it out. */
  static String key(PlannedTrial t) {
    return SweepLayout.lossFileKey(t.domain(), t.model(), t.id());
  }

  /**
   * One recursive listing: on an object store that is a flat listing of keys in pages, not one request per
   * directory. Names below a hidden segment ({@code .x.inprogress-...}) are never results.
   */
  private void walk(Path dir, Set<String> out) throws IOException {
    String base = fs().makeQualified(dir).toUri().getPath();
    RemoteIterator<LocatedFileStatus> files;
    try {
      files = fs().listFiles(dir, true);
    } catch (FileNotFoundException e) {
      return;
    }
    while (files.hasNext()) {
      String full = files.next().getPath().toUri().getPath();
      String rel = full.startsWith(base + "/") ? full.substring(base.length() + 1) : full;
      if (!rel.startsWith(".") && !rel.contains("/.")) {
        out.add(rel);
      }
    }
  }

  private FileSystem fs() throws IOException {
    if (fs == null) {
      fs = new AtomicFiles(conf).fileSystem(layout.root());
    }
    return fs;
  }

  private static java.nio.file.Path localPath(Path p) {
    URI uri = p.toUri();
    return java.nio.file.Path.of(Optional.ofNullable(uri.getPath()).orElse(p.toString()));
  }

  private static boolean nonEmptyDir(java.nio.file.Path p) {
    if (!Files.isDirectory(p)) {
      return false;
    }
    try (Stream<java.nio.file.Path> s = Files.list(p)) {
      return s.findAny().isPresent();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + p + ": " + e.getMessage(), e);
    }
  }
}
