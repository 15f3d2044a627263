package io.cmrsweep.orchestrator.spec;

import io.cmrsweep.core.storage.CommitProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a storage section must satisfy beyond its field types. The worker writes base checkpoints and
 * resume state with DJL, which needs a local or mounted file system: a root on an object store (or any
 * other non-local file system) needs {@code storage.checkpoints}, which must itself be local. Hadoop
 * settings travel to every process through the spec, which is copied into storage and, on Kubernetes,
 * into a ConfigMap: credentials are refused there and belong in the environment or a Secret.
 */
final class StorageChecks {
  private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  /** Words that mark a Hadoop or AWS setting as a secret (fs.s3a.secret.key, fs.azure.account.key..., ...). */
  private static final List<String> SECRET_WORDS = List.of("secret", "password", "access.key", "session.token",
      "account.key", "credential");
  private static final String EXAMPLE = "/mnt/cmr-checkpoints";

  private final String rootField;
  private final String checkpointsField;
  private final String confField;

  StorageChecks(String rootField, String checkpointsField, String confField) {
    this.rootField = rootField;
    this.checkpointsField = checkpointsField;
    this.confField = confField;
  }

  List<String> problems(String root, String checkpoints, Map<String, String> hadoopConf) {
    List<String> out = new ArrayList<>();
    Optional<String> rootScheme = remoteScheme(root);
    if (rootScheme.isPresent() && checkpoints.isBlank()) {
      String kind = CommitProtocol.isObjectStore(rootScheme.get()) ? "an object store" : "not a local file system";
      out.add(checkpointsField + " is missing: " + rootField + "='" + root + "' is " + kind + ", and the worker"
          + " writes base checkpoints and resume state with DJL to a local or mounted file system only; set "
          + checkpointsField + " to a local or mounted directory, e.g. " + checkpointsField + ": " + EXAMPLE
          + " (on Kubernetes a volume mounted in the coordinator and every worker)");
    }
    if (!checkpoints.isBlank()) {
      remoteScheme(checkpoints).ifPresent(s -> out.add(checkpointsField + "='" + checkpoints + "' is not on a local"
          + " file system (scheme " + s + ":); checkpoints are written by DJL to local or mounted storage; give a"
          + " directory path or file:// URI, e.g. " + EXAMPLE));
      if (checkpoints.contains("..")) {
        out.add(checkpointsField + "='" + checkpoints + "' must not contain '..'; give the directory without parent"
            + " references");
      }
    }
    for (String key : hadoopConf.keySet()) {
      String field = confField + "." + key;
      if (!KEY.matcher(key).matches()) {
        out.add(field + " is not a Hadoop setting name; use letters, digits, '.', '_' and '-', e.g. fs.s3a.endpoint");
      } else if (secret(key)) {
        out.add(field + " is a credential; the spec is copied into storage and into ConfigMaps, so never put"
            + " credentials in it: remove it and give AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the"
            + " environment (on Kubernetes from the Secret cmr-s3) or a Hadoop credential provider");
      }
    }
    return out;
  }

  /** A problem when {@code location} (read by the worker with plain file I/O, as {@code why} says) is remote. */
  static Optional<String> localDirectoryProblem(String field, String location, String why) {
    return remoteScheme(location).map(s -> field + "='" + location + "' is not on a local file system (scheme " + s
        + ":); " + why + " from a local or mounted directory: copy the data to a volume mounted in every worker"
        + " and give its path, e.g. /data/corpora");
  }

  /** The scheme of a location that is not on the local file system; empty for paths and file: URIs. */
  static Optional<String> remoteScheme(String location) {
    Matcher m = SCHEME.matcher(location);
    if (!m.find() || m.group(1).equalsIgnoreCase("file")) {
      return Optional.empty();
    }
    return Optional.of(m.group(1).toLowerCase(Locale.ROOT));
  }

  private static boolean secret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return SECRET_WORDS.stream().anyMatch(w -> k.contains(w)) && !k.endsWith(".provider")
        && !k.endsWith(".providers") && !k.contains("provider.path");
  }
}
