package io.cmrsweep.orchestrator.launch.local;

import io.cmrsweep.core.trial.TerminationMessage;
import io.cmrsweep.core.trial.TrialSpec;
import io.cmrsweep.core.trial.TrialSpecJson;
import io.cmrsweep.orchestrator.launch.AttemptRef;
import io.cmrsweep.orchestrator.launch.AttemptState;
import io.cmrsweep.orchestrator.launch.Executables;
import io.cmrsweep.orchestrator.launch.Launcher;
import io.cmrsweep.orchestrator.trial.Failure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each attempt as a local worker process: {@code <command...> run --spec <logs>/<trial>/attempt-<n>.spec.json},
 * arguments passed without a shell, output to {@code attempt-<n>.log} beside the spec. The spec path on
 * the command line names the attempt, so after a coordinator restart the launcher finds still-running
 * workers among the machine's processes and adopts them instead of starting duplicates.
 */
public final class LocalLauncher implements Launcher {
  private static final Logger LOG = LoggerFactory.getLogger(LocalLauncher.class);
  private static final Pattern SPEC_FILE = Pattern.compile("attempt-(\\d+)\\.spec\\.json");

  private final List<String> command;
  private final List<String> runOptions;
  private final Map<String, String> env;
  private final Path logsDir;
  private final Path workingDir;
  private final Duration killGrace;
  private final TrialSpecJson json = new TrialSpecJson();
  private final Map<AttemptRef, Tracked> tracked = new ConcurrentHashMap<>();
  private final Semaphore changes = new Semaphore(0);
  private boolean scanned;

  /** A worker process: started here ({@code process} present, exit code known) or adopted. */
  private record Tracked(ProcessHandle handle, Optional<Process> process) {}

  public LocalLauncher(List<String> command, Map<String, String> env, Path logsDir, Path workingDir,
      Duration killGrace) {
    this(command, List.of(), env, logsDir, workingDir, killGrace);
  }

  /** {@code runOptions} follow {@code run --spec FILE} on every worker's command line (e.g. --hadoop-conf k=v). */
  public LocalLauncher(List<String> command, List<String> runOptions, Map<String, String> env, Path logsDir,
      Path workingDir, Duration killGrace) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("execution.workerCommand is empty; give the worker executable");
    }
    this.command = List.copyOf(command);
    this.runOptions = List.copyOf(runOptions);
    this.env = Map.copyOf(env);
    this.logsDir = logsDir.toAbsolutePath().normalize();
    this.workingDir = workingDir;
    this.killGrace = killGrace;
  }

  @Override
  public List<AttemptState> observe() {
    if (!scanned) {
      adoptRunningWorkers();
      scanned = true;
    }
    List<AttemptState> out = new ArrayList<>();
    tracked.forEach((ref, t) -> out.add(state(ref, t)));
    return out;
  }

  private AttemptState state(AttemptRef ref, Tracked t) {
    if (t.process().isEmpty()) {
      return t.handle().isAlive() ? AttemptState.running(ref) : AttemptState.endedUnknown(ref);
    }
    // Ask the Process, not its handle: the handle can report death before the exit status is reaped.
    Process p = t.process().get();
    if (p.isAlive()) {
      return AttemptState.running(ref);
    }
    int code = p.exitValue();
    return code == 0 ? AttemptState.exitedOk(ref)
        : AttemptState.failed(ref, Failure.fromExitCode(code, TerminationMessage.read(terminationFile(ref))));
  }

  @Override
  public void launch(TrialSpec spec) {
    if (!scanned) {
      adoptRunningWorkers();
      scanned = true;
    }
    TrialSpec.Identity id = spec.identity();
    AttemptRef ref = new AttemptRef(id.trialId(), id.attempt());
    if (tracked.containsKey(ref)) {
      return;
    }
    Path dir = logsDir.resolve(id.trialId());
    Path specFile = dir.resolve("attempt-" + id.attempt() + ".spec.json");
    Path log = dir.resolve("attempt-" + id.attempt() + ".log");
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve(".attempt-" + id.attempt() + ".spec.json.tmp");
      Files.writeString(tmp, json.write(spec), StandardCharsets.UTF_8);
      Files.move(tmp, specFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      List<String> argv = new ArrayList<>(Executables.resolve(command, workingDir));
      argv.addAll(List.of("run", "--spec", specFile.toString()));
      argv.addAll(runOptions);
      ProcessBuilder pb = new ProcessBuilder(argv).directory(workingDir.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
      pb.environment().putAll(env);
      pb.environment().put("CMR_TRIAL_ID", id.trialId());
      pb.environment().put("CMR_ATTEMPT", Integer.toString(id.attempt()));
      pb.environment().put("OMP_NUM_THREADS", Integer.toString(spec.runtime().threads()));
      Path termination = terminationFile(ref);
      Files.deleteIfExists(termination); // a message left by an earlier coordinator's launch of this attempt
      pb.environment().put(TerminationMessage.ENV, termination.toString());
      Process p = pb.start();
      tracked.put(ref, new Tracked(p.toHandle(), Optional.of(p)));
      p.onExit().thenRun(changes::release);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start worker " + command + " for " + ref + ": " + e.getMessage(), e);
    }
  }

  /** Where the worker of {@code ref} leaves the reason it failed: {@code <logs>/<trial>/attempt-<n>.termination}. */
  private Path terminationFile(AttemptRef ref) {
    return logsDir.resolve(ref.trialId()).resolve("attempt-" + ref.attempt() + ".termination");
  }

  @Override
  public void kill(AttemptRef ref) {
    Tracked t = tracked.remove(ref);
    if (t == null) {
      return;
    }
    List<ProcessHandle> tree = new ArrayList<>(t.handle().descendants().toList());
    tree.add(t.handle());
    tree.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + killGrace.toNanos();
    for (ProcessHandle h : tree) {
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        h.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    }
    LOG.info("stopped worker {} (pid {})", ref, t.handle().pid());
  }

  @Override
  public void release(AttemptRef ref) {
    tracked.remove(ref);
  }

  @Override
  public void awaitChange(Duration max) throws InterruptedException {
    if (changes.tryAcquire(max.toMillis(), TimeUnit.MILLISECONDS)) {
      changes.drainPermits();
    }
  }

  /** Finds live workers of this sweep by the spec path on their command line. */
  private void adoptRunningWorkers() {
    String prefix = logsDir.toString() + "/";
    ProcessHandle self = ProcessHandle.current();
    ProcessHandle.allProcesses().forEach(h -> {
      if (h.pid() == self.pid()) {
        return;
      }
      String[] args = commandLine(h);
      if (args == null) {
        return;
      }
      for (int i = 0; i + 1 < args.length; i++) {
        if (args[i].equals("--spec") && args[i + 1].startsWith(prefix)) {
          Path spec = Path.of(args[i + 1]);
          Matcher m = SPEC_FILE.matcher(spec.getFileName().toString());
          if (m.matches() && spec.getParent() != null && spec.getParent().getParent() != null
              && spec.getParent().getParent().equals(logsDir)) {
            AttemptRef ref = new AttemptRef(spec.getParent().getFileName().toString(), Integer.parseInt(m.group(1)));
            // A wrapper script and the JVM it starts both carry the spec path; keep the outermost.
            Tracked known = tracked.get(ref);
            if (known == null || isAncestor(h, known.handle())) {
              tracked.put(ref, new Tracked(h, Optional.empty()));
              h.onExit().thenRun(changes::release);
              LOG.info("adopted running worker {} (pid {})", ref, h.pid());
            }
          }
        }
      }
    });
  }

  /**
   * The process's arguments. On Linux they are read from /proc directly: the JDK's ProcessHandle.Info
   * gives up on command lines longer than a page, such as a JVM with a long class path.
   */
  private static String[] commandLine(ProcessHandle h) {
    Path proc = Path.of("/proc", Long.toString(h.pid()), "cmdline");
    try {
      if (Files.isReadable(proc)) {
        String raw = new String(Files.readAllBytes(proc), StandardCharsets.UTF_8);
        String[] parts = raw.split("\0");
        return parts.length <= 1 ? null : java.util.Arrays.copyOfRange(parts, 1, parts.length);
      }
    } catch (IOException e) {
      return null; // the process ended, or is not ours to read
    }
    return h.info().arguments().orElse(null);
  }

  private static boolean isAncestor(ProcessHandle candidate, ProcessHandle of) {
    for (Optional<ProcessHandle> p = of.parent(); p.isPresent(); p = p.get().parent()) {
      if (p.get().pid() == candidate.pid()) {
        return true;
      }
    }
    return false;
  }

  private static java.io.File nullDevice() {
    return new java.io.File("/dev/null");
  }

  @Override
  public void close() {
    // Workers outlive the coordinator on purpose: a restarted coordinator adopts them.
  }
}
