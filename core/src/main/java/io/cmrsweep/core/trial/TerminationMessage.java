package io.cmrsweep.core.trial;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The one-line reason a failing worker leaves for whoever classifies its exit, after Kubernetes'
 * convention: the worker writes it to the file named by {@value #ENV} (the local launcher sets one per
 * attempt), else to {@value #KUBERNETES_PATH} when that exists (a container's {@code terminationMessagePath},
 * which the kubelet reports as the container's {@code terminated.message}). Readers and the writer share
 * this definition, so the reason that reaches the ledger is the worker's own words, not a bare exit code.
 */
public final class TerminationMessage {
  public static final String ENV = "CMR_TERMINATION_LOG";
  public static final String KUBERNETES_PATH = "/dev/termination-log";
  /** Kubernetes keeps at most 4096 bytes; the ledger and {@code cmr status} want one readable line. */
  public static final int MAX_CHARS = 1000;

  private TerminationMessage() {}

  /** Where this process should leave its message: {@value #ENV}, else the Kubernetes file if present. */
  public static Optional<Path> location(Map<String, String> env) {
    String configured = env.get(ENV);
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured));
    }
    Path k8s = Path.of(KUBERNETES_PATH);
    return Files.isWritable(k8s) ? Optional.of(k8s) : Optional.empty();
  }

  /** {@code reason} as one line of at most {@link #MAX_CHARS} characters. */
  public static String oneLine(String reason) {
    String line = reason == null ? "" : reason.replaceAll("\\s+", " ").strip();
    return line.length() <= MAX_CHARS ? line : line.substring(0, MAX_CHARS - 3) + "...";
  }

  /**
   * Writes the message; false when it cannot (the exit code still tells the class of failure, and the
   * storage that refused the outputs may refuse this file too, so this never throws).
   */
  public static boolean write(Path file, String reason) {
    try {
      Files.writeString(file, oneLine(reason) + "\n", StandardCharsets.UTF_8);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The message a worker left in {@code file}, if any. */
  public static Optional<String> read(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      return Optional.of(oneLine(Files.readString(file, StandardCharsets.UTF_8))).filter(s -> !s.isEmpty());
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The message Kubernetes reported for a terminated container, cleaned up the same way. */
  public static Optional<String> of(String reported) {
    return Optional.ofNullable(reported).map(TerminationMessage::oneLine).filter(s -> !s.isEmpty());
  }
}
