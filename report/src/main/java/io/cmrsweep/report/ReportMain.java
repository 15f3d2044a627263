package io.cmrsweep.report;

import io.cmrsweep.core.storage.SweepLayout;
import java.io.UncheckedIOException;
import java.time.Clock;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code report --root <storage root> --sweep <name>}: writes the sweep's report (used by the nightly
 * CronJob; {@code cmr report} does the same from a spec). Exit codes: 0 ok, 2 bad usage or input, 1 I/O.
 */
public final class ReportMain {
  private ReportMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    String root = null;
    String sweep = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--root" -> root = args[i + 1];
        case "--sweep" -> sweep = args[i + 1];
        default -> {
          System.err.println("report: unknown option " + args[i] + "; usage: report --root <uri> --sweep <name>");
          return 2;
        }
      }
    }
    if (root == null || sweep == null || args.length % 2 != 0) {
      System.err.println("report: usage: report --root <storage root> --sweep <name>");
      return 2;
    }
    try {
      Report.Written w = new Report(new Configuration(), Clock.systemUTC()).write(SweepLayout.of(root, sweep));
      System.out.println("report: " + w.groups() + " group(s), " + w.charts() + " charts -> " + w.index());
      w.changes().forEach(c -> System.out.println("report: " + c));
      return 0;
    } catch (IllegalArgumentException e) {
      System.err.println("report: " + e.getMessage());
      return 2;
    } catch (UncheckedIOException e) {
      System.err.println("report: " + e.getMessage());
      return 1;
    }
  }
}
