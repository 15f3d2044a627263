package io.cmrsweep.fit.spark;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Spark standalone cluster on 127.0.0.1: one Master and one Worker started with the project's
 * {@code spark-class} from the same Maven-assembled jars, stopped (with every process they started) on
 * {@link #close()}.
 */
final class StandaloneCluster implements AutoCloseable {
  private final List<Process> processes = new ArrayList<>();
  private final int masterPort;
  private final int masterUiPort;

  private StandaloneCluster(int masterPort, int masterUiPort) {
    this.masterPort = masterPort;
    this.masterUiPort = masterUiPort;
  }

  static StandaloneCluster start(Path repo, Path workDir, int workerCores) throws IOException {
    StandaloneCluster cluster = new StandaloneCluster(freePort(), freePort());
    try {
      String sparkClass = repo.resolve("bin/spark-class").toString();
      cluster.launch(workDir.resolve("master.log"), sparkClass, "org.apache.spark.deploy.master.Master",
          "--host", "127.0.0.1", "--port", String.valueOf(cluster.masterPort),
          "--webui-port", String.valueOf(cluster.masterUiPort));
      cluster.launch(workDir.resolve("worker.log"), sparkClass, "org.apache.spark.deploy.worker.Worker",
          "--host", "127.0.0.1", "--cores", String.valueOf(workerCores), "--memory", "2g",
          "--webui-port", String.valueOf(freePort()), "--work-dir", workDir.resolve("work").toString(),
          cluster.masterUrl());
      cluster.awaitAliveWorkers(1);
      return cluster;
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  private void launch(Path log, String... command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("SPARK_WORKER_OPTS", "-Dspark.worker.cleanup.enabled=false");
    processes.add(pb.start());
  }

  private void awaitAliveWorkers(int n) {
    HttpClient http = HttpClient.newHttpClient();
    URI status = URI.create("http://127.0.0.1:" + masterUiPort + "/json/");
    await("standalone worker registered with " + masterUrl())
        .atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(IOException.class)
        .until(() -> {
          for (Process p : processes) {
            if (!p.isAlive()) {
              throw new IllegalStateException("a cluster process exited with " + p.exitValue());
            }
          }
          String body = http.send(HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.ofString()).body();
          return body.replace(" ", "").contains("\"aliveworkers\":" + n);
        });
  }

  @Override
  public void close() {
    // Worker first, so that it stops its executors; then the master.
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process p = processes.get(i);
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      try {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
