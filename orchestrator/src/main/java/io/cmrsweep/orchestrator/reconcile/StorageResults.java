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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
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
    Set<String> files = lossKeys();
    Set<String> out = new HashSet<>();
    for (PlannedTrial t : trials) {
      boolean done = t.kind() == TrialKind.CPT ? files.contains(key(t)) : committed(t);
      if (done) {
        out.add(t.id());
      }
    }
    return out;
  }

  /** The committed loss files of the CPT cells among {@code trials}, in their order. */
  public List<Path> lossFiles(Collection<PlannedTrial> trials) {
    Set<String> files = lossKeys();
    List<Path> out = new ArrayList<>();
    for (PlannedTrial t : trials) {
      if (t.kind() == TrialKind.CPT && files.contains(key(t))) {
        out.add(layout.lossFile(t.domain(), t.model(), t.id()));
      }
    }
    return out;
  }

  /** Every committed loss file in storage, of current cells or not, sorted by path. */
  public List<Path> allLossFiles() {
    return lossKeys().stream().sorted().map(k -> new Path(layout.lossesDir(), k)).toList();
  }

  /**
   * Results in storage that no cell of {@code plan} produced: loss files whose trial id is not a current
   * cell, and base checkpoints of no current pre-training trial (including a {@code checkpoints/<model>/base}
   * from before bases were addressed by trial id). Sorted by location.
   */
  public List<Orphan> orphans(Collection<PlannedTrial> plan) {
    Set<String> current = new HashSet<>();
    Set<String> pretrain = new HashSet<>();
    for (PlannedTrial t : plan) {
      if (t.kind() == TrialKind.CPT) {
        current.add(key(t));
      } else {
        pretrain.add(t.id());
      }
    }
    List<Orphan> out = new ArrayList<>();
    for (String k : lossKeys()) {
      if (!current.contains(k)) {
        String name = k.substring(k.lastIndexOf('/') + 1);
        String id = name.endsWith(".parquet") ? name.substring(0, name.length() - ".parquet".length()) : name;
        out.add(new Orphan(Orphan.Kind.LOSS_FILE, id, new Path(layout.lossesDir(), k).toString()));
      }
    }
    try {
      for (BaseDir base : bases()) {
        String model = base.model();
        String dir = base.dir();
        if (dir.equals(SweepLayout.BASE)) {
          out.add(new Orphan(Orphan.Kind.BASE_CHECKPOINT, "",
              new Path(new Path(checkpoints.checkpointsDir(), model), dir).toString()));
        } else if (!pretrain.contains(dir)) {
          out.add(new Orphan(Orphan.Kind.BASE_CHECKPOINT, dir, checkpoints.baseCheckpoint(model, dir).toString()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + checkpoints.checkpointsDir() + ": " + e.getMessage(), e);
    }
    out.sort(Comparator.comparing(Orphan::location));
    return out;
  }

  /** Committed loss files as their path below losses/ ("domain=d/model=m/<id>.parquet"). */
  private Set<String> lossKeys() {
    Set<String> files = new HashSet<>();
    try {
      if (local) {
        java.nio.file.Path dir = localPath(layout.lossesDir()).toAbsolutePath().normalize();
        if (Files.isDirectory(dir)) {
          // Keyed by the path below losses/, built without Hadoop Paths: constructing 10,000 of those cost
          // more than the whole directory walk.
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
    return files;
  }

  /**
   * Committed base checkpoints as (model, directory below checkpoints/model): a pre-training trial id whose
   * {@code base} is non-empty, or {@code base} itself for the layout before bases were addressed by trial.
   */
  private List<BaseDir> bases() throws IOException {
    List<BaseDir> out = new ArrayList<>();
    for (String model : children(checkpoints.checkpointsDir())) {
      Path modelDir = new Path(checkpoints.checkpointsDir(), model);
      for (String dir : children(modelDir)) {
        Path candidate = dir.equals(SweepLayout.BASE) ? new Path(modelDir, dir)
            : new Path(new Path(modelDir, dir), SweepLayout.BASE);
        if (nonEmpty(candidate)) {
          out.add(new BaseDir(model, dir));
        }
      }
    }
    return out;
  }

  private record BaseDir(String model, String dir) {}

  /** Names of the visible sub-directories of {@code dir}; none when it does not exist. */
  private List<String> children(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    if (isLocal(dir)) {
      java.nio.file.Path p = localPath(dir);
      if (Files.isDirectory(p)) {
        try (Stream<java.nio.file.Path> s = Files.list(p)) {
          s.filter(Files::isDirectory).map(c -> c.getFileName().toString()).filter(n -> !n.startsWith("."))
              .forEach(out::add);
        }
      }
      return out;
    }
    try {
      for (FileStatus st : new AtomicFiles(conf).fileSystem(dir).listStatus(dir)) {
        if (st.isDirectory() && !st.getPath().getName().startsWith(".")) {
          out.add(st.getPath().getName());
        }
      }
    } catch (FileNotFoundException e) {
      return out;
    }
    return out;
  }

  private boolean nonEmpty(Path dir) throws IOException {
    if (isLocal(dir)) {
      return nonEmptyDir(localPath(dir));
    }
    try {
      return new AtomicFiles(conf).fileSystem(dir).listStatus(dir).length > 0;
    } catch (FileNotFoundException e) {
      return false;
    }
  }

  private Path proof(PlannedTrial t) {
    return t.kind() == TrialKind.CPT ? layout.lossFile(t.domain(), t.model(), t.id())
        : checkpoints.baseCheckpoint(t.model(), t.id());
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
