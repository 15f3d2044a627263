package io.cmrsweep.orchestrator.lock;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who holds a sweep's coordinator lock: written into the lock file or lease so that a second coordinator
 * can say who is in the way. {@code ledger} is the holder's ledger, where {@code cmr cancel} must reach it.
 */
public record Holder(String host, long pid, Instant started, String ledger) {

  public Holder {
    host = host == null || host.isBlank() ? "unknown-host" : host.strip();
    ledger = ledger == null ? "" : ledger;
    if (started == null) {
      throw new IllegalArgumentException("started is missing");
    }
  }

  /** This process, on this host. */
  public static Holder self(Instant started, String ledger) {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = System.getenv().getOrDefault("HOSTNAME", "unknown-host");
    }
    return new Holder(host, ProcessHandle.current().pid(), started, ledger);
  }

  /** {@code key=value} lines, the body of a lock file or lease. */
  Map<String, String> fields() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("host", host);
    m.put("pid", Long.toString(pid));
    m.put("started", started.toString());
    m.put("ledger", ledger);
    return m;
  }

  /** Reads {@link #fields()} back; missing or garbled fields become "unknown" rather than failing. */
  static Holder of(Map<String, String> fields) {
    long pid;
    Instant started;
    try {
      pid = Long.parseLong(fields.getOrDefault("pid", "-1"));
    } catch (NumberFormatException e) {
      pid = -1;
    }
    try {
      started = Instant.parse(fields.getOrDefault("started", ""));
    } catch (java.time.format.DateTimeParseException e) {
      started = Instant.EPOCH;
    }
    return new Holder(fields.get("host"), pid, started, fields.get("ledger"));
  }

  /** How messages name the holder: {@code pid 123 on host h since 2026-...Z (ledger /x/ledger.db)}. */
  public String describe() {
    return "pid " + (pid < 0 ? "?" : pid) + " on host " + host + " since " + started
        + (ledger.isEmpty() ? "" : " (ledger " + ledger + ")");
  }

  static String text(Map<String, String> fields) {
    StringBuilder sb = new StringBuilder();
    fields.forEach((k, v) -> sb.append(k).append('=').append(v.replace('\n', ' ')).append('\n'));
    return sb.toString();
  }

  static Map<String, String> parse(String text) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : text.split("\\R")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        m.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    return m;
  }
}
