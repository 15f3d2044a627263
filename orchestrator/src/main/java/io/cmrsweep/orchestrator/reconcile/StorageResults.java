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
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Committed results in the sweep's storage (DESIGN 3.2): through java.nio for local roots, through
 * Hadoop's FileSystem for hdfs:// and s3a://. Hidden names ({@code .x.inprogress-...}) are never
 * results. (Hadoop's local file system forks a process per file to read permissions when listing with
 * locations, which made a 10,000-file scan take seconds; hence the local path.)
 */
public final class StorageResults implements ResultStore {
  private final SweepLayout layout;
  private final Configuration conf;
  private final boolean local;
  private FileSystem fs;

  public StorageResults(SweepLayout layout, Configuration conf) {
    this.layout = layout;
    this.conf = conf;
    String scheme = layout.root().toUri().getScheme();
    this.local = scheme == null || scheme.equals("file");
  }

  @Override
  public boolean committed(PlannedTrial trial) {
    Path proof = proof(trial);
    if (local) {
      java.nio.file.Path p = localPath(proof);
      return trial.kind() == TrialKind.CPT ? Files.isRegularFile(p) : nonEmptyDir(p);
    }
    try {
      if (trial.kind() == TrialKind.CPT) {
        return fs().exists(proof);
      }
      return fs().listStatus(proof).length > 0;
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
    return t.kind() == TrialKind.CPT ? layout.lossFile(t.domain(), t.model(), t.id()) : layout.baseCheckpoint(t.model(), t.id());
  }

  /** A CPT result's key: its path below losses/, as {@link SweepLayout#lossFileKey} lays it out. */
  static String key(PlannedTrial t) {
    return SweepLayout.lossFileKey(t.domain(), t.model(), t.id());
  }

  private void walk(Path dir, Set<String> out) throws IOException {
    FileStatus[] children;
    try {
      children = fs().listStatus(dir);
    } catch (FileNotFoundException e) {
      return;
    }
    for (FileStatus st : children) {
      if (st.getPath().getName().startsWith(".")) {
        continue;
      }
      if (st.isDirectory()) {
        walk(st.getPath(), out);
      } else {
        String full = st.getPath().toUri().getPath();
        String base = fs().makeQualified(layout.lossesDir()).toUri().getPath();
        out.add(full.startsWith(base + "/") ? full.substring(base.length() + 1) : full);
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
