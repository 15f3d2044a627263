package io.cmrsweep.worker.cli;

import io.cmrsweep.core.storage.WritableCheck;
import io.cmrsweep.core.trial.TerminationMessage;
import io.cmrsweep.core.trial.TrialSpec;
import io.cmrsweep.core.trial.TrialSpecJson;
import io.cmrsweep.core.trial.WorkerExit;
import io.cmrsweep.worker.corpus.BadInputException;
import io.cmrsweep.worker.corpus.Corpora;
import io.cmrsweep.worker.corpus.DocumentFiles;
import io.cmrsweep.worker.corpus.Manifest;
import io.cmrsweep.worker.corpus.PreparedCorpus;
import io.cmrsweep.worker.corpus.CorpusPreparer;
import io.cmrsweep.worker.corpus.CorpusSource;
import io.cmrsweep.worker.trial.BadSpecException;
import io.cmrsweep.worker.trial.TrialOutcome;
import io.cmrsweep.worker.trial.TrialRunner;
import io.cmrsweep.worker.tokenizer.Tokenizer;
import io.cmrsweep.worker.tokenizer.Tokenizers;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The worker process: {@code worker run --spec trial.json} runs one trial; {@code worker prepare --spec
 * trial.json} tokenizes the corpora it reads into token shards (once); {@code worker prepare-corpora
 * [--dir DIR]} cleans and splits the corpora that {@code bin/fetch-corpora} fetched into {@code DIR/raw}.
 * The exit code is a {@link WorkerExit}; bad usage is {@link WorkerExit#BAD_SPEC} with a one-line message.
 */
public final class WorkerMain {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerMain.class);
  static final String USAGE = "usage: worker run --spec FILE | worker prepare --spec FILE [--threads N]"
      + " | worker prepare-corpora [--dir DIR] (--help for more)";
  private final Map<String, String> env;
  private final PrintWriter err;

  public WorkerMain(Map<String, String> env, PrintWriter err) {
    this.env = Map.copyOf(env);
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new WorkerMain(System.getenv(), new PrintWriter(System.err, true)).run(args).code());
  }

  public WorkerExit run(String[] args) {
    CommandLine cl = new CommandLine(new Root())
        .addSubcommand(new RunCommand(this))
        .addSubcommand(new PrepareCommand(this))
        .addSubcommand(new PrepareCorporaCommand(this));
    cl.setErr(err);
    cl.setParameterExceptionHandler((e, a) -> {
      err.println("worker: " + e.getMessage() + "; " + USAGE);
      err.flush();
      return WorkerExit.BAD_SPEC.code();
    });
    cl.setExecutionExceptionHandler((e, c, parsed) -> failed(e).code());
    try {
      return WorkerExit.ofCode(cl.execute(args));
    } catch (Error e) {
      return failed(e);
    }
  }

  /** Classifies a failure, logs it and leaves its reason as the termination message. */
  private WorkerExit failed(Throwable e) {
    if (e instanceof BadSpecException || e instanceof BadInputException) {
      LOG.error("bad spec: {}", e.getMessage());
      return terminate(WorkerExit.BAD_SPEC, e.getMessage());
    }
    var storage = WritableCheck.classify(e);
    if (storage.isPresent()) {
      LOG.error("storage not writable: {}", storage.get().getMessage());
      return terminate(WorkerExit.STORAGE_NOT_WRITABLE, storage.get().getMessage());
    }
    LOG.error("worker crashed", e);
    return terminate(WorkerExit.CRASHED, e.getClass().getSimpleName() + ": " + e.getMessage());
  }

  /**
   * Leaves {@code reason} where the launcher reads it ({@link TerminationMessage}), so the ledger and
   * {@code cmr status} show why an attempt failed, not only its exit code.
   */
  private WorkerExit terminate(WorkerExit exit, String reason) {
    TerminationMessage.location(env).ifPresent(file -> {
      if (!TerminationMessage.write(file, reason)) {
        LOG.warn("could not write the termination message to {}", file);
      }
    });
    return exit;
  }

  @Command(name = "worker",
      description = "Runs one cmr-sweep trial, or prepares the corpora. Exit codes: 0 ok, 1 crashed (retryable),"
          + " 2 bad spec or usage, 3 diverged, 4 storage not writable. A failure's reason goes to the file named"
          + " by $" + TerminationMessage.ENV + " (else " + TerminationMessage.KUBERNETES_PATH + " if present).")
  static final class Root implements Runnable {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    private boolean help;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
      throw new ParameterException(spec.commandLine(), "a command is missing");
    }
  }

  @Command(name = "run", description = "Run the trial described by a spec file.")
  static final class RunCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    private boolean help;

    private final WorkerMain main;

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "the trial spec (JSON)")
    private Path specFile;

    @Option(names = {"-D", "--hadoop-conf"}, paramLabel = "KEY=VALUE", mapFallbackValue = "",
        description = "a Hadoop setting for the loss file's storage, e.g. fs.s3a.endpoint=http://minio:9000"
            + " (repeatable; the coordinator passes the spec's storage.hadoopConf). Credentials come from the"
            + " environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), never from here.")
    private Map<String, String> hadoopConf = new LinkedHashMap<>();

    RunCommand(WorkerMain main) {
      this.main = main;
    }

    @Override
    public Integer call() {
      return main.runTrial(specFile, hadoopConf).code();
    }
  }

  @Command(name = "prepare",
      description = "Tokenize the corpora a trial spec reads (data.generalCorpus and data.domain) into token shards"
          + " under data.corporaDir/prepared, unless an identical preparation exists.")
  static final class PrepareCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    private boolean help;

    private final WorkerMain main;

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "a trial spec (JSON)")
    private Path specFile;

    @Option(names = "--threads", paramLabel = "N", description = "files tokenized in parallel (default: all cores)")
    private Integer threads;

    PrepareCommand(WorkerMain main) {
      this.main = main;
    }

    @Override
    public Integer call() {
      int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
      if (n < 1) {
        throw new ParameterException(new CommandLine(this), "--threads=" + n + " must be >= 1");
      }
      return main.prepare(specFile, n).code();
    }
  }

  @Command(name = "prepare-corpora",
      description = "Clean and split the fetched corpora under DIR/raw into DIR/<corpus>/{train,valid}.txt.")
  static final class PrepareCorporaCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    private boolean help;

    private final WorkerMain main;

    @Option(names = "--dir", paramLabel = "DIR",
        description = "the corpora directory (default: $CMR_CACHE/corpora, CMR_CACHE defaulting to ~/.cache/cmr-sweep)")
    private Path dir;

    PrepareCorporaCommand(WorkerMain main) {
      this.main = main;
    }

    @Override
    public Integer call() {
      return main.prepareCorpora(dir == null ? main.defaultCorporaDir() : dir).code();
    }
  }

  private WorkerExit prepare(Path specFile, int threads) {
    TrialSpec spec = readSpec(specFile);
    System.setProperty("ai.djl.offline", "true");
    try (Tokenizer tokenizer = new Tokenizers("data.tokenizer").open(spec.data().tokenizer())) {
      Corpora corpora = Corpora.of(TrialRunner.corporaDir(spec.data(), defaultCorporaDir()), tokenizer, spec.data(),
          new DocumentFiles(new Configuration()), threads);
      List<String> names = spec.data().domain().isEmpty() ? List.of(spec.data().generalCorpus())
          : List.of(spec.data().generalCorpus(), spec.data().domain());
      for (String name : names) {
        PreparedCorpus p = corpora.prepared(name);
        Manifest m = p.manifest();
        LOG.info("{}: {} train + {} held-out documents, {} + {} tokens ({}), {}", name, m.train().documents(),
            m.valid().documents(), m.train().tokens(), m.valid().tokens(), m.tokenizer().kind(), p.dir());
      }
    }
    return WorkerExit.OK;
  }

  private static TrialSpec readSpec(Path specFile) {
    String json;
    try {
      json = Files.readString(specFile);
    } catch (IOException e) {
      throw new BadSpecException("cannot read spec " + specFile + ": " + e.getMessage(), e);
    }
    try {
      return new TrialSpecJson().read(json);
    } catch (IllegalArgumentException e) {
      throw new BadSpecException(e.getMessage(), e);
    }
  }

  private WorkerExit runTrial(Path specFile, Map<String, String> hadoopSettings) {
    TrialSpec spec = readSpec(specFile);
    configureEngine(spec.runtime().threads());
    TrialSpec.Identity id = spec.identity();
    LOG.info("trial {} ({}, model {}, ratio {}, seed {}, attempt {})", id.trialId(), id.kind(), spec.model().label(),
        spec.data().ratio(), spec.training().seed(), id.attempt());
    Configuration hadoopConf = new Configuration();
    hadoopSettings.forEach(hadoopConf::set);
    TrialOutcome outcome = new TrialRunner(defaultCorporaDir(), List.of(), hadoopConf).run(spec);
    if (outcome.exit() == WorkerExit.OK) {
      LOG.info(outcome.message());
      return outcome.exit();
    }
    LOG.error(outcome.message());
    return terminate(outcome.exit(), outcome.message());
  }

  private WorkerExit prepareCorpora(Path dir) {
    for (CorpusPreparer.Prepared p : new CorpusPreparer().prepare(dir, List.of(CorpusSource.values()))) {
      LOG.info("{} ({}): {} documents, {} bytes in {}", p.name(), p.source(), p.documents(), p.bytes(),
          dir.resolve(p.name()).resolve(CorpusPreparer.DOCUMENTS));
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
}
