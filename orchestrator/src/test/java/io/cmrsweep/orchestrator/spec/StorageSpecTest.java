package io.cmrsweep.orchestrator.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The storage section: object-store roots, where checkpoints go, and Hadoop settings without credentials. */
class StorageSpecTest {
  private final SpecReader reader = new SpecReader();

  private static String spec(String storage) {
    return """
        sweep: s3
        storage: %s
        corpora: {domains: [legal]}
        models:
          - {label: a, dim: 48, layers: 2, heads: 4, ffnDim: 128}
        cpt: {ratios: [0.1, 0.5]}
        """.formatted(storage);
  }

  @Test
  void anObjectStoreRootWithoutCheckpointsIsRefusedAtPlanTimeNamingTheFieldAndTheFix() {
    SpecException e = catchThrowableOfType(SpecException.class,
        () -> reader.parse(spec("{root: 's3a://team-bucket/cmr'}"), "t.yaml"));

    assertThat(e.problems()).singleElement().asString()
        .startsWith("storage.checkpoints is missing: storage.root='s3a://team-bucket/cmr' is an object store")
        .contains("set storage.checkpoints to a local or mounted directory, e.g. storage.checkpoints: /mnt/");
  }

  @Test
  void aRootOnAnotherNonLocalFileSystemAlsoNeedsLocalCheckpoints() {
    SpecException e = catchThrowableOfType(SpecException.class,
        () -> reader.parse(spec("{root: 'hdfs://nn:8020/cmr'}"), "t.yaml"));

    assertThat(e.problems()).singleElement().asString()
        .startsWith("storage.checkpoints is missing: storage.root='hdfs://nn:8020/cmr' is not a local file system");
  }

  @Test
  void checkpointsThatAreThemselvesOnAnObjectStoreAreRefused() {
    SpecException e = catchThrowableOfType(SpecException.class,
        () -> reader.parse(spec("{root: 's3a://b/cmr', checkpoints: 's3a://b/ckpt'}"), "t.yaml"));

    assertThat(e.problems()).singleElement().asString()
        .startsWith("storage.checkpoints='s3a://b/ckpt' is not on a local file system (scheme s3a:)");
  }

  @Test
  void credentialsInHadoopConfAreRefusedAndPointAtTheEnvironmentOrASecret() {
    SpecException e = catchThrowableOfType(SpecException.class, () -> reader.parse(spec("""
        {root: 's3a://b/cmr', checkpoints: /mnt/ckpt, hadoopConf: {fs.s3a.access.key: AKIA, fs.s3a.secret.key: x,
         fs.s3a.session.token: t, fs.s3a.endpoint: 'http://minio:9000'}}"""), "t.yaml"));

    assertThat(e.problems()).hasSize(3).allSatisfy(p -> assertThat(p).contains("is a credential",
        "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("storage.hadoopConf.fs.s3a.secret.key "))
        .anySatisfy(p -> assertThat(p).startsWith("storage.hadoopConf.fs.s3a.access.key "))
        .anySatisfy(p -> assertThat(p).startsWith("storage.hadoopConf.fs.s3a.session.token "));
  }

  @Test
  void readsAnObjectStoreRootWithLocalCheckpointsAndHadoopSettings() {
    SweepSpec s = reader.parse(spec("""
        {root: 's3a://b/cmr', checkpoints: /mnt/ckpt, hadoopConf: {fs.s3a.endpoint: 'http://minio:9000',
         fs.s3a.path.style.access: true, fs.s3a.aws.credentials.provider: \
        software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider}}"""), "t.yaml");

    assertThat(s.storage().root()).isEqualTo("s3a://b/cmr");
    assertThat(s.storage().checkpoints()).isEqualTo("/mnt/ckpt");
    assertThat(s.storage().hadoopConf()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "fs.s3a.aws.credentials.provider", "software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider",
        "fs.s3a.endpoint", "http://minio:9000", "fs.s3a.path.style.access", "true"));
  }

  @Test
  void aLocalRootNeedsNoCheckpointsField() {
    SweepSpec s = reader.parse(spec("{root: /data/cmr}"), "t.yaml");

    assertThat(s.storage().checkpoints()).isEmpty();
    assertThat(s.storage().hadoopConf()).isEmpty();
  }
}
