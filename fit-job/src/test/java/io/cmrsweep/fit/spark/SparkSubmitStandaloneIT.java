package io.cmrsweep.fit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded fit-job.jar through the project's own bin/spark-submit, as a user runs it after the README's
 * build step: in local mode, and on a real standalone cluster (a Master and a Worker started from the
 * same jars on 127.0.0.1 and stopped by this test) in client deploy mode. Both give the same estimates.
 */
class SparkSubmitStandaloneIT {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path REPO = MODULE.getParent();

  @TempDir
  Path dir;

  @Test
  void givesTheSameEstimatesInLocalModeAndOnAStandaloneCluster() throws Exception {
    Path losses = SyntheticLossFiles.writeParquet(dir.resolve("root"),
        SyntheticLossFiles.groups(1e-4, "legal/m1", "legal/m2"));

    Submitted local = submit("local", losses, "--master", "local[1]");
    assertThat(local.code()).as(local.log()).isZero();
    assertThat(local.log()).contains("legal", "m1", "m2", "CMR");

    Submitted cluster;
    try (StandaloneCluster spark = StandaloneCluster.start(REPO, Files.createDirectories(dir.resolve("cluster")), 2)) {
      cluster = submit("cluster", losses, "--master", spark.masterUrl(), "--deploy-mode", "client",
          "--conf", "spark.executor.cores=1", "--conf", "spark.cores.max=2", "--conf", "spark.executor.memory=1g");
    }
    assertThat(cluster.code()).as(cluster.log()).isZero();
    assertThat(Files.readString(cluster.output().resolve("cmr.json")))
        .isEqualTo(Files.readString(local.output().resolve("cmr.json")));
    assertThat(Files.readString(cluster.output().resolve("curves.json")))
        .isEqualTo(Files.readString(local.output().resolve("curves.json")));
    assertThat(Files.list(dir.resolve("cluster/work")).toList()).as("the cluster's executors ran the tasks")
        .anySatisfy(app -> assertThat(app.getFileName().toString()).startsWith("app-"));
  }

  /**
   * What a user sees of a bad input file through bin/spark-submit: the job's own progress lines and the
   * one {@code fit-job: bad input:} line, none of Spark's executor or task-set logging and stack traces.
   */
  @Test
  void aBadInputFileGivesOneCleanLineAndNoSparkStackTraces() throws Exception {
    Path losses = Files.createDirectories(dir.resolve("bad"));
    Files.writeString(losses.resolve("losses.csv"), "sweep,trial_id,domain,model,ratio\ns,t,d,m,0.5\n");

    Submitted bad = submit("bad", losses, "--master", "local[1]", "--format", "csv");

    assertThat(bad.code()).as(bad.log()).isEqualTo(2);
    List<String> lines = bad.log().lines().toList();
    assertThat(lines).as(bad.log()).filteredOn(l -> l.startsWith("fit-job: bad input: ")).singleElement().asString()
        .contains("losses.csv: header lacks column(s) model_params");
    assertThat(lines).as("only the job's own lines (and the JDK's note on incubator modules)")
        .allMatch(l -> l.contains("fit-job: ") || l.equals("WARNING: Using incubator modules: jdk.incubator.vector"));
  }

  @Test
  void anOutputThatIsAFileFailsWithTwoBeforeTheInputIsRead() throws Exception {
    Path losses = SyntheticLossFiles.writeParquet(dir.resolve("root"), SyntheticLossFiles.groups(1e-4, "legal/m1"));
    Files.writeString(dir.resolve("fits-file"), "not a directory");

    Submitted file = submit("file", losses, "--master", "local[1]");

    assertThat(file.code()).as(file.log()).isEqualTo(2);
    assertThat(file.log()).contains("fit-job: cannot write the outputs: --output: cannot write to "
        + dir.resolve("fits-file")).doesNotContain("reading").doesNotContain("\tat ");
  }

  private record Submitted(int code, String log, Path output) {}

  /** Runs bin/spark-submit; options after the Spark ones that start with --format go to the job instead. */
  private Submitted submit(String name, Path losses, String... options) throws IOException, InterruptedException {
    List<String> sparkOptions = new ArrayList<>(List.of(options));
    List<String> jobOptions = new ArrayList<>();
    int format = sparkOptions.indexOf("--format");
    if (format >= 0) {
      jobOptions.addAll(sparkOptions.subList(format, sparkOptions.size()));
      sparkOptions = new ArrayList<>(sparkOptions.subList(0, format));
    }
    Path output = dir.resolve("fits-" + name);
    Path log = dir.resolve(name + ".log");
    List<String> command = new ArrayList<>(List.of(REPO.resolve("bin/spark-submit").toString()));
    command.addAll(sparkOptions);
    command.addAll(List.of(MODULE.resolve("target/fit-job.jar").toString(), "--input", losses.toString(),
        "--output", output.toString(), "--bootstrap", "40", "--seed", "3"));
    command.addAll(jobOptions);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      return new Submitted(-1, "timed out\n" + Files.readString(log), output);
    }
    return new Submitted(p.exitValue(), Files.readString(log), output);
  }
}
