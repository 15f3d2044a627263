package io.cmrsweep.its3;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.CopyOptions;
import org.jclouds.blobstore.options.GetOptions;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;

/**
 * A real S3-compatible server on 127.0.0.1 (S3Proxy 2.6.0 over jclouds' in-memory {@code transient} blob
 * store, AWS signature v2/v4 with a test key pair) and one bucket. Every object written, copied and read is
 * recorded, so tests can count what a run stored and read.
 */
final class S3Server implements AutoCloseable {
  static final String BUCKET = "cmr-it";
  static final String ACCESS_KEY = "cmr-it-access";
  static final String SECRET_KEY = "cmr-it-secret";

  private final BlobStoreContext context;
  private final Recording store;
  private final S3Proxy proxy;

  private S3Server(BlobStoreContext context, Recording store, S3Proxy proxy) {
    this.context = context;
    this.store = store;
    this.proxy = proxy;
  }

  static S3Server start() throws Exception {
    BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("unused", "unused")
        .overrides(new Properties()).build(BlobStoreContext.class);
    Recording store = new Recording(context.getBlobStore());
    S3Proxy proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
    proxy.start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("S3Proxy did not start within 30 s: " + proxy.getState());
      }
      Thread.sleep(10);
    }
    store.createContainerInLocation(null, BUCKET);
    return new S3Server(context, store, proxy);
  }

  String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  /** What a sweep spec puts in storage.hadoopConf to reach this server: no credentials. */
  Map<String, String> hadoopSettings() {
    Map<String, String> m = new TreeMap<>();
    m.put("fs.s3a.endpoint", endpoint());
    m.put("fs.s3a.endpoint.region", "us-east-1");
    m.put("fs.s3a.path.style.access", "true");
    m.put("fs.s3a.connection.ssl.enabled", "false");
    return m;
  }

  /** The credentials as processes get them: the AWS SDK's environment variables. */
  Map<String, String> credentialsEnvironment() {
    return Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY);
  }

  /** A configuration for this JVM (the environment cannot be set in-process, so the keys go in here). */
  Configuration hadoopConf() {
    Configuration conf = new Configuration();
    hadoopSettings().forEach(conf::set);
    conf.set("fs.s3a.access.key", ACCESS_KEY);
    conf.set("fs.s3a.secret.key", SECRET_KEY);
    conf.setBoolean("fs.s3a.impl.disable.cache", true);
    return conf;
  }

  /** Every key in the bucket, sorted. */
  List<String> keys() {
    List<String> out = new ArrayList<>();
    ListContainerOptions options = ListContainerOptions.Builder.recursive();
    while (true) {
      PageSet<? extends StorageMetadata> page = store.list(BUCKET, options);
      page.forEach(m -> out.add(m.getName()));
      if (page.getNextMarker() == null) {
        break;
      }
      options = ListContainerOptions.Builder.recursive().afterMarker(page.getNextMarker());
    }
    Collections.sort(out);
    return out;
  }

  byte[] bytes(String key) throws java.io.IOException {
    Blob b = store.unrecorded(BUCKET, key);
    try (var in = b.getPayload().openStream()) {
      return in.readAllBytes();
    }
  }

  Recording recording() {
    return store;
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
    context.close();
  }

  /** The blob store behind the server, counting the objects put (whole or multipart), copied and read. */
  static final class Recording extends ForwardingBlobStore {
    private final List<String> puts = Collections.synchronizedList(new ArrayList<>());
    private final List<String> copies = Collections.synchronizedList(new ArrayList<>());
    private final List<String> reads = Collections.synchronizedList(new ArrayList<>());

    Recording(BlobStore delegate) {
      super(delegate);
    }

    @Override
    public String putBlob(String container, Blob blob) {
      puts.add(blob.getMetadata().getName());
      return super.putBlob(container, blob);
    }

    @Override
    public String putBlob(String container, Blob blob, PutOptions options) {
      puts.add(blob.getMetadata().getName());
      return super.putBlob(container, blob, options);
    }

    @Override
    public String completeMultipartUpload(MultipartUpload mpu, List<MultipartPart> parts) {
      puts.add(mpu.blobName());
      return super.completeMultipartUpload(mpu, parts);
    }

    @Override
    public String copyBlob(String fromContainer, String fromName, String toContainer, String toName,
        CopyOptions options) {
      copies.add(fromName + " -> " + toName);
      return super.copyBlob(fromContainer, fromName, toContainer, toName, options);
    }

    @Override
    public Blob getBlob(String container, String name) {
      reads.add(name);
      return super.getBlob(container, name);
    }

    @Override
    public Blob getBlob(String container, String name, GetOptions options) {
      reads.add(name);
      return super.getBlob(container, name, options);
    }

    /** Reads a blob for a test's own checks, which are not counted. */
    Blob unrecorded(String container, String name) {
      return delegate().getBlob(container, name);
    }

    /** A snapshot of what was recorded so far; {@link Counts#since} gives one stage's share. */
    Counts counts() {
      synchronized (puts) {
        synchronized (copies) {
          synchronized (reads) {
            return new Counts(List.copyOf(puts), List.copyOf(copies), List.copyOf(reads));
          }
        }
      }
    }
  }

  /** Keys written (each completed upload once), copies ("from -> to") and reads (each GET, ranged ones too). */
  record Counts(List<String> puts, List<String> copies, List<String> reads) {
    Counts since(Counts before) {
      return new Counts(puts.subList(before.puts.size(), puts.size()),
          copies.subList(before.copies.size(), copies.size()), reads.subList(before.reads.size(), reads.size()));
    }
  }
}
