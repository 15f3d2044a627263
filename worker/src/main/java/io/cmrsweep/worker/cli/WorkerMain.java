package io.cmrsweep.worker.cli;

import io.cmrsweep.core.trial.TrialSpec;
import io.cmrsweep.core.trial.TrialSpecJson;
import io.cmrsweep.worker.corpus.Corpora;
import io.cmrsweep.worker.corpus.CorpusPreparer;
import io.cmrsweep.worker.corpus.CorpusSource;
import io.cmrsweep.worker.trial.BadSpecException;
import io.cmrsweep.worker.trial.TrialOutcome;
import io.cmrsweep.worker.trial.TrialRunner;
import io.cmrsweep.worker.trial.WorkerExit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker process: {@code worker run --spec trial.json} runs one trial; {@code worker prepare-corpora
 * --dir DIR} cleans and splits the corpora that {@code bin/fetch-corpora} fetched into {@code DIR/raw}.
 * The exit code is a {@link WorkerExit}.
 */
public final class WorkerMain {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);
  static final String USAGE = "usage: worker run --spec trial.json | worker prepare-corpora [--dir DIR]";
  private final Map<String, String> env;

  public WorkerMain(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  public static void main(String[] args) {
    System.exit(new WorkerMain(System.getenv()).run(args).code());
  }

  public WorkerExit run(String[] args) {
    if (args.length == 0) {
      System.err.println(USAGE);
      return WorkerExit.BAD_SPEC;
    }
    try {
      return switch (args[0]) {
        case "run" -> runTrial(Path.of(option(args, "--spec", null)));
        case "prepare-corpora" -> prepareCorpora(Path.of(option(args, "--dir", defaultCorporaDir().toString())));
        default -> throw new BadSpecException("unknown command '" + args[0] + "'; " + USAGE);
      };
    } catch (BadSpecException | Corpora.MissingCorpusException e) {
      LOG.error("bad spec: {}", e.getMessage());
      return WorkerExit.BAD_SPEC;
    } catch (RuntimeException | Error e) {
      LOG.error("worker crashed", e);
      return WorkerExit.CRASHED;
    }
  }

  private WorkerExit runTrial(Path specFile) {
    String json;
    try {
      json = Files.readString(specFile);
    } catch (IOException e) {
      throw new BadSpecException("cannot read spec " + specFile + ": " + e.getMessage(), e);
    }
    TrialSpec spec;
    try {
      spec = new TrialSpecJson().read(json);
    } catch (IllegalArgumentException e) {
      throw new BadSpecException(e.getMessage(), e);
    }
    configureEngine(spec.threads());
    LOG.info("trial {} ({}, model {}, ratio {}, seed {}, attempt {})", spec.trialId(), spec.kind(),
        spec.model().label(), spec.ratio(), spec.seed(), spec.attempt());
    TrialOutcome outcome = new TrialRunner(defaultCorporaDir(), List.of()).run(spec);
    if (outcome.exit() == WorkerExit.OK) {
      LOG.info(outcome.message());
    } else {
      LOG.error(outcome.message());
    }
    return outcome.exit();
  }

  private WorkerExit prepareCorpora(Path dir) {
    for (CorpusPreparer.Prepared p : new CorpusPreparer().prepare(dir, List.of(CorpusSource.values()))) {
      LOG.info("{} ({}): train {} docs {} bytes, valid {} docs {} bytes", p.name(), p.source(), p.trainDocs(),
          p.trainBytes(), p.validDocs(), p.validBytes());
    }
    return WorkerExit.OK;
  }

  /**
   * DJL reads these when the engine starts, so they are set before the first NDArray: the spec's intra-op
   * thread count (more threads than free cores collapses libgomp), one inter-op thread, no downloads.
   */
  static void configureEngine(int threads) {
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
  }

  private Path defaultCorporaDir() {
    String cache = env.get("CMR_CACHE");
    Path base = cache == null || cache.isBlank() ? Path.of(System.getProperty("user.home"), ".cache", "cmr-sweep")
        : Path.of(cache);
    return base.resolve("corpora");
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 1; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    if (fallback == null) {
      throw new BadSpecException(name + " is missing; " + USAGE);
    }
    return fallback;
  }
}
