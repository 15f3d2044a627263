package io.cmrsweep.fit.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Runs a fit command with the family's conventions: a bad or unknown option exits 2 with one line per
 * problem (naming the option and the value) followed by the usage, {@code --help} exits 0, and what the
 * command returns is the exit code.
 */
public final class FitCli {
  private FitCli() {}

  public static int execute(Object command, PrintStream out, PrintStream err, String... args) {
    CommandLine cl = new CommandLine(command);
    PrintWriter errWriter = new PrintWriter(err, true);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(errWriter);
    cl.setParameterExceptionHandler((ParameterException e, String[] given) -> {
      CommandLine bad = e.getCommandLine();
      for (String line : e.getMessage().split("\\R")) {
        errWriter.println(bad.getCommandName() + ": " + line);
      }
      UnmatchedArgumentException.printSuggestions(e, errWriter);
      bad.usage(errWriter);
      errWriter.flush();
      return CommandLine.ExitCode.USAGE;
    });
    int code = cl.execute(args);
    cl.getOut().flush();
    errWriter.flush();
    return code;
  }
}
