package io.cmrsweep.orchestrator.testing;

import io.cmrsweep.orchestrator.cli.CmrMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;

/** Runs the real {@code cmr} command line in this JVM and captures its exit code and output. */
public final class Cmr {
  private Cmr() {}

  public record Result(int code, String out, String err) {}

  public static Result run(Path workingDir, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new CmrMain(workingDir, Clock.systemUTC(), new PrintWriter(out), new PrintWriter(err), false).run(args);
    return new Result(code, out.toString(), err.toString());
  }
}
