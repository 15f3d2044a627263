package io.cmrsweep.orchestrator.ledger.sqlite;

import io.cmrsweep.orchestrator.ledger.LedgerException;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * A ledger file that SQLite finds damaged, and how to rebuild it. The ledger only records progress: the
 * committed loss files and base checkpoints in storage are the proof that a cell is done, and
 * {@code cmr sweep} adopts them on start, so a fresh ledger loses attempt counts and history, not results.
 */
final class LedgerDamage {
  private static final int SQLITE_CORRUPT = 11;
  private static final int SQLITE_NOTADB = 26;

  private LedgerDamage() {}

  static boolean isDamage(SQLException e) {
    int primary = e.getErrorCode() & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
  }

  static LedgerException of(Path file, String finding) {
    return new LedgerException("ledger " + file + " is damaged: " + finding + ". It cannot be trusted, and nothing"
        + " was run. Rebuild it from the committed results in storage, which are the proof of completion: move it"
        + " aside with `mv " + file + " " + file + ".damaged` (and its -wal and -shm files if present), then run"
        + " `cmr sweep <spec>` again; cells whose loss file or base checkpoint is committed are marked succeeded"
        + " without running again, the rest run. Attempt counts and event history start afresh.", null);
  }
}
