package io.cmrsweep.orchestrator.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a configured tool command (the worker, spark-submit) is found: a relative path such as
 * {@code bin/worker} resolves against the tool home ({@code CMR_HOME} under {@code bin/cmr}, else the
 * working directory), so a sweep runs the same from any directory; an absolute path is kept, and a bare
 * name such as {@code java} is left to the PATH lookup of the process start.
 */
public final class Executables {
  private Executables() {}

  /** {@code command} with its first element resolved against {@code home}; the arguments are kept as they are. */
  public static List<String> resolve(List<String> command, Path home) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("the command is empty; give the executable first");
    }
    List<String> out = new ArrayList<>(command);
    String exe = out.get(0);
    if (exe.contains("/") && !Path.of(exe).isAbsolute()) {
      out.set(0, home.resolve(exe).toString());
    }
    return out;
  }
}
