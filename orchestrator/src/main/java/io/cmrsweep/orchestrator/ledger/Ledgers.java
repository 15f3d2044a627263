package io.cmrsweep.orchestrator.ledger;

import io.cmrsweep.orchestrator.ledger.sqlite.SqliteLedger;
import java.nio.file.Path;

/**
 * Opens a ledger from a location: a local file path (SQLite) or a JDBC URL. Only {@code jdbc:sqlite:}
 * exists today; a server database plugs in here by its URL prefix with another {@link Ledger}.
 */
public final class Ledgers {
  private Ledgers() {}

  public static Ledger open(String location) {
    if (location.startsWith("jdbc:sqlite:")) {
      return new SqliteLedger(location);
    }
    if (location.startsWith("jdbc:")) {
      throw new IllegalArgumentException("storage.ledger='" + location + "': only jdbc:sqlite: ledgers are supported;"
          + " give a file path or a jdbc:sqlite: URL");
    }
    Path file = Path.of(location).toAbsolutePath();
    return new SqliteLedger("jdbc:sqlite:" + file);
  }
}
