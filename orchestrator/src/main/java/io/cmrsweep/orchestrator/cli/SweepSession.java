package io.cmrsweep.orchestrator.cli;

import io.cmrsweep.core.storage.SweepLayout;
import io.cmrsweep.fit.adaptive.AdaptivePlanner;
import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.orchestrator.adaptive.AdaptiveSweep;
import io.cmrsweep.orchestrator.adaptive.CellMap;
import io.cmrsweep.orchestrator.adaptive.StoredLosses;
import io.cmrsweep.orchestrator.launch.Launcher;
import io.cmrsweep.orchestrator.launch.k8s.JobLauncher;
import io.cmrsweep.orchestrator.launch.local.LocalLauncher;
import io.cmrsweep.orchestrator.launch.simulated.SimulatedLauncher;
import io.cmrsweep.orchestrator.ledger.Ledger;
import io.cmrsweep.orchestrator.ledger.Ledgers;
import io.cmrsweep.orchestrator.lock.Acquisition;
import io.cmrsweep.orchestrator.lock.Holder;
import io.cmrsweep.orchestrator.lock.SweepLocks;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import io.cmrsweep.orchestrator.plan.TrialGrid;
import io.cmrsweep.orchestrator.plan.TrialSpecFactory;
import io.cmrsweep.orchestrator.reconcile.Decider;
import io.cmrsweep.orchestrator.reconcile.Reconciler;
import io.cmrsweep.orchestrator.reconcile.StorageResults;
import io.cmrsweep.orchestrator.retry.RetryPolicy;
import io.cmrsweep.orchestrator.spec.AdaptiveSpec;
import io.cmrsweep.orchestrator.spec.ExecutionSpec;
import io.cmrsweep.orchestrator.spec.SpecException;
import io.cmrsweep.orchestrator.spec.SpecReader;
import io.cmrsweep.orchestrator.spec.SweepSpec;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * Everything one command needs about one sweep, wired by constructor from its spec: the layout, the
 * plan, the ledger location and lock, and the backend's launcher. The CLI's composition root.
 */
final class SweepSession {
  private final SweepSpec spec;
  private final Path specFile;
  private final SweepLayout layout;
  private final SweepLayout checkpoints;
  private final List<PlannedTrial> plan;
  private final Path workingDir;
  private final Clock clock;

  private SweepSession(SweepSpec spec, Path specFile, Path workingDir, Clock clock) {
    this.spec = spec;
    this.specFile = specFile;
    this.workingDir = workingDir;
    this.clock = clock;
    this.layout = SweepLayout.of(absoluteRoot(spec.storage().root(), workingDir), spec.sweep());
    String ckpt = spec.storage().checkpoints();
    this.checkpoints = ckpt.isBlank() ? layout : SweepLayout.of(absoluteRoot(ckpt, workingDir), spec.sweep());
    this.plan = new TrialGrid().plan(spec);
  }

  /** Reads the sweep named by {@code arg}: a spec file, or a sweep directory holding sweep.yaml. */
  static SweepSession open(String arg, Path workingDir, Clock clock) {
    Path p = workingDir.resolve(arg);
    if (Files.isDirectory(p)) {
      p = p.resolve("sweep.yaml");
    }
    if (!Files.isRegularFile(p)) {
      throw new SpecException(arg, List.of("sweep '" + arg + "' is neither a spec file nor a sweep directory with"
          + " sweep.yaml; give the YAML spec you ran, e.g. examples/quickstart.yaml"));
    }
    return new SweepSession(new SpecReader(workingDir).read(p), p, workingDir, clock);
  }

  SweepSpec spec() {
    return spec;
  }

  SweepLayout layout() {
    return layout;
  }

  /**
   * Where base checkpoints, resume state and (local backend) attempt logs live: the sweep root, or
   * {@code storage.checkpoints} when the root is an object store.
   */
  SweepLayout checkpoints() {
    return checkpoints;
  }

  /** Hadoop's default configuration with the spec's {@code storage.hadoopConf} applied (never credentials). */
  Configuration hadoopConf() {
    Configuration conf = new Configuration();
    spec.storage().hadoopConf().forEach(conf::set);
    return conf;
  }

  /** The spec's Hadoop settings as worker options ({@code --hadoop-conf k=v}), so loss files reach the same store. */
  List<String> workerOptions() {
    List<String> out = new ArrayList<>();
    spec.storage().hadoopConf().forEach((k, v) -> out.addAll(List.of("--hadoop-conf", k + "=" + v)));
    return out;
  }

  List<PlannedTrial> plan() {
    return plan;
  }

  Path specFile() {
    return specFile;
  }

  TrialSpecFactory specs() {
    return new TrialSpecFactory(spec, layout, checkpoints, p -> absoluteRoot(p, workingDir));
  }

  /** The ledger: {@code storage.ledger}, or {@code ledger.db} beside the sweep when its root is local. */
  String ledgerLocation() {
    String configured = spec.storage().ledger();
    if (!configured.isEmpty()) {
      return configured.startsWith("jdbc:") ? configured : workingDir.resolve(configured).toString();
    }
    return localPath(layout.sweepDir()).map(d -> d.resolve("ledger.db").toString())
        .orElse(workingDir.resolve(spec.sweep() + ".ledger.db").toString());
  }

  Ledger openLedger() {
    return Ledgers.open(ledgerLocation());
  }

  /** Whether the sweep has a ledger to read: always for a server URL, for SQLite once its file exists. */
  boolean ledgerExists() {
    String loc = ledgerLocation();
    return loc.startsWith("jdbc:") && !loc.startsWith("jdbc:sqlite:")
        || java.nio.file.Files.exists(Path.of(loc.replaceFirst("^jdbc:sqlite:", "")));
  }

  /**
   * The coordinator lock: one coordinator per sweep's storage, whatever its ledger (SweepLocks), and one
   * per ledger file. Local locks are dropped by the OS when the process dies; a lease expires.
   */
  Acquisition lock() {
    String loc = ledgerLocation();
    Optional<Path> ledgerLock = loc.startsWith("jdbc:") && !loc.startsWith("jdbc:sqlite:") ? Optional.empty()
        : Optional.of(Path.of(loc.replaceFirst("^jdbc:sqlite:", "") + ".lock").toAbsolutePath());
    return new SweepLocks(layout, hadoopConf(), clock, SweepLocks.LEASE_TTL)
        .acquire(Holder.self(clock.instant(), loc), ledgerLock);
  }

  /** Committed results and orphans in the sweep's storage. */
  StorageResults results() {
    return new StorageResults(layout, checkpoints, hadoopConf());
  }

  /**
   * Where the corpus preparation writes its specs and log: the sweep's logs directory when local, else the one
   * beside the checkpoints (storage.checkpoints, required for a remote root), else a folder in the working
   * directory.
   */
  Path logsDirForPreparation() {
    return localPath(layout.logsDir()).or(() -> localPath(checkpoints.logsDir()))
        .orElse(workingDir.resolve(spec.sweep() + "-logs")).resolve("prepare");
  }

  Launcher launcher() {
    ExecutionSpec ex = spec.execution();
    if (ex.backend() == ExecutionSpec.Backend.SIMULATED) {
      // Writing a loss file is short CPU work: more threads than cores only queue.
      int threads = Math.max(1, Math.min(ex.parallelism(), Runtime.getRuntime().availableProcessors()));
      return new SimulatedLauncher(ex.simulation(), hadoopConf(), threads);
    }
    if (ex.backend() == ExecutionSpec.Backend.KUBERNETES) {
      return new JobLauncher(new KubernetesClientBuilder().build(), spec.sweep(), ex, workerOptions());
    }
    // Attempt logs are local files the worker's output is redirected to: under the root, or beside the checkpoints.
    Path logs = localPath(layout.logsDir()).or(() -> localPath(checkpoints.logsDir()))
        .orElseThrow(() -> new SpecException(specFile.toString(), List.of(
        "storage.root='" + spec.storage().root() + "' is not a local directory, but execution.backend=local"
            + " needs one for attempt logs; set storage.checkpoints to a local directory, or use a local root")));
    return new LocalLauncher(ex.workerCommand(), workerOptions(), ex.env(), logs, home(), Duration.ofSeconds(10));
  }

  /**
   * The longest wait between two reconcile rounds. Local workers wake the loop when they exit; Kubernetes
   * has no watch here, so each round lists Jobs and pods and a longer interval spares the API server.
   */
  Duration pollInterval() {
    return switch (spec.execution().backend()) {
      case KUBERNETES -> Duration.ofSeconds(1);
      // Simulated attempts end within milliseconds and wake the loop; the interval only bounds backoff waits.
      case SIMULATED -> Duration.ofMillis(50);
      case LOCAL -> Duration.ofMillis(500);
    };
  }

  /** True for a sweep run on the simulated backend: every command labels its output SIMULATED. */
  boolean simulated() {
    return spec.execution().backend().simulated();
  }

  Reconciler reconciler(Ledger ledger, Launcher launcher) {
    var r = spec.execution().retry();
    RetryPolicy policy = new RetryPolicy(r.maxAttempts(), r.initialBackoff(), r.maxBackoff(), r.multiplier());
    return new Reconciler(ledger, launcher, results(), specs(),
        new Decider(policy), clock, spec.execution().parallelism());
  }

  /**
   * The coordinator of an adaptive sweep over this session's grid; only for a spec with {@code adaptive:}. Its
   * fit between rounds uses the spec's fit parameters with the adaptive section's modest bootstrap.
   */
  AdaptiveSweep adaptive(Ledger ledger, java.io.PrintWriter out) {
    AdaptiveSpec a = spec.adaptive().orElseThrow(() -> new IllegalStateException("sweep " + spec.sweep()
        + " has no adaptive section"));
    AdaptivePlanner planner = new AdaptivePlanner(FitSettings.of(spec.fit().parameters()), a.replicates(),
        a.partialReplicates());
    return new AdaptiveSweep(ledger, cellMap(), planner, a, new StoredLosses(results(), hadoopConf()), clock, out);
  }

  /** The candidate cells of an adaptive sweep: the grid's CPT trials. */
  CellMap cellMap() {
    return new CellMap(plan, spec.cpt().tokens());
  }

  /** Where relative tool paths (bin/worker, bin/spark-submit) resolve: the repo root under bin/cmr, else the working directory. */
  Path home() {
    String h = System.getenv("CMR_HOME");
    return h == null || h.isBlank() ? workingDir : Path.of(h);
  }

  Clock clock() {
    return clock;
  }

  static Optional<Path> localPath(org.apache.hadoop.fs.Path p) {
    URI uri = p.toUri();
    if (uri.getScheme() == null || uri.getScheme().equals("file")) {
      return Optional.of(Path.of(uri.getPath()));
    }
    return Optional.empty();
  }

  private static String absoluteRoot(String root, Path workingDir) {
    if (root.contains("://") || root.startsWith("file:")) {
      return root;
    }
    return workingDir.resolve(root).toAbsolutePath().normalize().toString();
  }
}
