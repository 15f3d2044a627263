package io.cmrsweep.orchestrator.cli;

import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.core.trial.TrialSpec;
import io.cmrsweep.core.trial.TrialSpecJson;
import io.cmrsweep.core.trial.WorkerExit;
import io.cmrsweep.orchestrator.launch.Executables;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import io.cmrsweep.orchestrator.plan.TrialSpecFactory;
import io.cmrsweep.orchestrator.spec.ExecutionSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code <workerCommand> prepare --spec <file>} once per domain (the general corpus with it), so every
 * corpus is tokenized into shards before the first trial needs it; a preparation that exists is only found
 * again. The worker's exit code decides: 2 is bad input (a missing file, a missing field), named in the log.
 */
final class CorpusPreparation {
  private final SweepSession session;
  private final PrintWriter out;
  private final PrintWriter err;

  CorpusPreparation(SweepSession session, PrintWriter out, PrintWriter err) {
    this.session = session;
    this.out = out;
    this.err = err;
  }

  /** A trial spec per domain (its first CPT cell), or the first pre-training spec when there is no domain. */
  List<TrialSpec> specs() {
    Map<String, PlannedTrial> first = new LinkedHashMap<>();
    for (PlannedTrial t : session.plan()) {
      if (t.kind() == TrialKind.CPT) {
        first.putIfAbsent(t.domain(), t);
      }
    }
    if (first.isEmpty()) {
      session.plan().stream().filter(t -> t.kind() == TrialKind.PRETRAIN).findFirst()
          .ifPresent(t -> first.put("", t));
    }
    TrialSpecFactory factory = session.specs();
    List<TrialSpec> out = new ArrayList<>();
    first.values().forEach(t -> out.add(factory.create(t, 1)));
    return out;
  }

  /** The cmr exit code: OK when every corpus is prepared. */
  int run(Path logDir) {
    ExecutionSpec ex = session.spec().execution();
    try {
      Files.createDirectories(logDir);
      Path log = logDir.resolve("prepare.log");
      for (TrialSpec spec : specs()) {
        String what = spec.data().generalCorpus() + (spec.data().domain().isEmpty() ? "" : " + "
            + spec.data().domain());
        Path file = logDir.resolve("prepare-" + (spec.data().domain().isEmpty() ? spec.data().generalCorpus()
            : spec.data().domain()) + ".spec.json");
        Files.writeString(file, new TrialSpecJson().write(spec));
        List<String> argv = new ArrayList<>(Executables.resolve(ex.workerCommand(), session.home()));
        argv.addAll(List.of("prepare", "--spec", file.toString()));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(session.home().toFile()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(ex.env());
        int code = pb.start().waitFor();
        if (code != 0) {
          err.println("cmr: preparing corpora " + what + " failed (worker exit " + code + "); see " + log + ":");
          List<String> lines = Files.readAllLines(log);
          lines.subList(Math.max(0, lines.size() - 5), lines.size()).forEach(l -> err.println("  " + l));
          err.flush();
          return code == WorkerExit.BAD_SPEC.code() ? CmrMain.BAD_INPUT : CmrMain.FAILED;
        }
        out.println("corpora " + what + " prepared (tokenizer " + spec.data().tokenizer() + ", shards under "
            + spec.data().corporaDir() + "/prepared)");
      }
      out.flush();
      return CmrMain.OK;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run the corpus preparation: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CmrMain.CANCELLED;
    }
  }
}
