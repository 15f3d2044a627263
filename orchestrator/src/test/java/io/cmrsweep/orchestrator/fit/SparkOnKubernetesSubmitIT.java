package io.cmrsweep.orchestrator.fit;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submits the fit job with the project's own {@code bin/spark-submit} in Kubernetes cluster mode, with the
 * same properties file the k8s manifests use, against a fabric8 mock API server; Spark's real submission
 * client creates the driver pod, its service and its config map, which are checked here. Nothing runs in
 * the pods (no cluster here); that the job itself runs is shown by the local and standalone tests.
 */
class SparkOnKubernetesSubmitIT {
  private static final Path REPO = Path.of("").toAbsolutePath().getParent();

  private KubernetesMockServer server;
  private KubernetesClient client;

  @TempDir
  Path dir;

  @BeforeEach
  void startApiServer() {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new SparkApiServerDispatcher(), false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
  }

  @AfterEach
  void stopApiServer() {
    client.close();
    server.destroy();
  }

  @Test
  void createsTheDriverPodServiceAndConfigMapWithTheManifestsSparkConf() throws Exception {
    Path log = dir.resolve("spark-submit.log");
    Process submit = new ProcessBuilder(
        REPO.resolve("bin/spark-submit").toString(),
        "--master", "k8s://http://127.0.0.1:" + server.getPort(),
        "--deploy-mode", "cluster",
        "--name", "cmr-fit",
        "--properties-file", REPO.resolve("k8s/base/spark-on-k8s.conf").toString(),
        "--class", "io.cmrsweep.fit.spark.FitJobMain",
        "local:///opt/cmr/fit-job.jar",
        "--input", "s3a://cmr/quickstart/losses", "--output", "s3a://cmr/quickstart/fits", "--bootstrap", "1000")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();

    boolean finished = submit.waitFor(180, TimeUnit.SECONDS);
    if (!finished) {
      submit.destroyForcibly();
    }
    assertThat(finished).as("spark-submit finished; log:%n%s", read(log)).isTrue();
    assertThat(submit.exitValue()).as("spark-submit exit code; log:%n%s", read(log)).isZero();

    List<Pod> drivers = client.pods().inNamespace("cmr-sweep").withLabel("spark-role", "driver").list().getItems();
    assertThat(drivers).hasSize(1);
    Pod driver = drivers.get(0);
    assertThat(driver.getMetadata().getLabels()).containsEntry("app.kubernetes.io/part-of", "cmr-sweep");
    assertThat(driver.getSpec().getServiceAccountName()).isEqualTo("cmr-fit");
    Container container = driver.getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("cmr-sweep/fit-job:0.1.0");
    assertThat(container.getArgs()).containsSubsequence("driver", "--class", "io.cmrsweep.fit.spark.FitJobMain",
        "local:///opt/cmr/fit-job.jar", "--input", "s3a://cmr/quickstart/losses", "--output",
        "s3a://cmr/quickstart/fits", "--bootstrap", "1000");
    assertThat(container.getResources().getRequests().get("cpu").toString()).isEqualTo("1");

    assertThat(client.services().inNamespace("cmr-sweep").list().getItems())
        .anySatisfy(s -> assertThat(s.getMetadata().getName()).endsWith("-driver-svc"));
    List<ConfigMap> confs = client.configMaps().inNamespace("cmr-sweep").list().getItems();
    assertThat(confs).anySatisfy(cm -> assertThat(cm.getData().get("spark.properties"))
        .contains("spark.kryo.registrationRequired=true")
        .contains("spark.kryo.registrator=io.cmrsweep.fit.spark.FitKryoRegistrator")
        .contains("spark.executor.instances=4"));
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "(no log)";
    } catch (IOException e) {
      return "(unreadable log: " + e.getMessage() + ")";
    }
  }
}
