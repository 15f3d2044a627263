package io.cmrsweep.orchestrator.cli;

import io.cmrsweep.orchestrator.ledger.LedgerException;
import io.cmrsweep.orchestrator.spec.SpecException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code cmr} command line. {@link #main} only calls {@link #run}, which returns the exit code:
 * 0 success, 2 bad input or usage (the message names the field), 1 failed trials or errors, 3 cancelled.
 */
@Command(name = "cmr", mixinStandardHelpOptions = true, version = "cmr 0.1.0",
    description = "Plans, runs and fits Critical Mixture Ratio sweeps.",
    subcommands = {PlanCommand.class, PrepareCommand.class, SweepCommand.class, StatusCommand.class, RetryCommand.class,
        CancelCommand.class, FitCommand.class, ReportCommand.class})
public final class CmrMain implements Runnable {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int BAD_INPUT = 2;
  static final int CANCELLED = 3;

  private final Path workingDir;
  private final Clock clock;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean terminal;

  public CmrMain(Path workingDir, Clock clock, PrintWriter out, PrintWriter err, boolean terminal) {
    this.workingDir = workingDir;
    this.clock = clock;
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  public static void main(String[] args) {
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
    System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.hadoop", "warn");
    int code = new CmrMain(Path.of("").toAbsolutePath(), Clock.systemUTC(),
        new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.console() != null).run(args);
    System.exit(code);
  }

  public int run(String... args) {
    CommandLine cl = new CommandLine(this, new Factory());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof SpecException spec) {
        err.println("cmr: " + spec.getMessage());
        err.flush();
        return BAD_INPUT;
      }
      if (e instanceof IllegalArgumentException bad) {
        err.println("cmr: " + bad.getMessage());
        err.flush();
        return BAD_INPUT;
      }
      if (e instanceof LedgerException ledger) {
        err.println("cmr: " + ledger.getMessage());
        err.flush();
        return FAILED;
      }
      err.println("cmr: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      err.flush();
      return FAILED;
    });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(out);
  }

  Path workingDir() {
    return workingDir;
  }

  Clock clock() {
    return clock;
  }

  PrintWriter out() {
    return out;
  }

  PrintWriter err() {
    return err;
  }

  boolean terminal() {
    return terminal;
  }

  /** Gives every subcommand this instance (working directory, clock, streams) by constructor. */
  private final class Factory implements CommandLine.IFactory {
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      for (var c : cls.getDeclaredConstructors()) {
        if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == CmrMain.class) {
          c.setAccessible(true);
          return cls.cast(c.newInstance(CmrMain.this));
        }
      }
      return fallback.create(cls);
    }
  }
}
