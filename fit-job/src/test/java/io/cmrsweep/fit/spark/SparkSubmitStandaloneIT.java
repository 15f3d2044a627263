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

  private record Submitted(int code, String log, Path output) {}

  private Submitted submit(String name, Path losses, String... sparkOptions) throws IOException, InterruptedException {
    Path output = dir.resolve("fits-" + name);
    Path log = dir.resolve(name + ".log");
    List<String> command = new ArrayList<>(List.of(REPO.resolve("bin/spark-submit").toString()));
    command.addAll(List.of(sparkOptions));
    command.addAll(List.of(MODULE.resolve("target/fit-job.jar").toString(), "--input", losses.toString(),
        "--output", output.toString(), "--bootstrap", "40", "--seed", "3"));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      return new Submitted(-1, "timed out\n" + Files.readString(log), output);
    }
    return new Submitted(p.exitValue(), Files.readString(log), output);
  }
}
