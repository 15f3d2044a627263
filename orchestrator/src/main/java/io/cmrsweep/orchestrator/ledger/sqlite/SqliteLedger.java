package io.cmrsweep.orchestrator.ledger.sqlite;

import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.orchestrator.ledger.Ledger;
import io.cmrsweep.orchestrator.ledger.LedgerEvent;
import io.cmrsweep.orchestrator.ledger.LedgerException;
import io.cmrsweep.orchestrator.ledger.Round;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import io.cmrsweep.orchestrator.trial.TrialPhase;
import io.cmrsweep.orchestrator.trial.TrialRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger in an embedded SQLite database: WAL mode (readers such as {@code cmr status} never block
 * the coordinator), one transaction per state change. {@code synchronous=NORMAL} in WAL mode keeps
 * every committed transaction across a killed process; only an OS crash may lose the newest ones, which
 * the start-up reconciliation against committed result files repairs.
 */
public final class SqliteLedger implements Ledger {
  private static final String SCHEMA = """
      CREATE TABLE IF NOT EXISTS trials (
        id TEXT PRIMARY KEY, ord INTEGER NOT NULL, kind TEXT NOT NULL, model TEXT NOT NULL, domain TEXT NOT NULL,
        ratio REAL NOT NULL, seed INTEGER NOT NULL, depends_on TEXT NOT NULL,
        phase TEXT NOT NULL, attempt INTEGER NOT NULL, charged INTEGER NOT NULL, uncharged INTEGER NOT NULL,
        last_error TEXT NOT NULL, not_before INTEGER NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, trial_id TEXT NOT NULL, at INTEGER NOT NULL, from_phase TEXT NOT NULL,
        to_phase TEXT NOT NULL, attempt INTEGER NOT NULL, detail TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS events_by_trial ON events(trial_id, seq);
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      """;

  private final Connection conn;
  private final String url;

  public SqliteLedger(String url) {
    this.url = url;
    String file = url.substring("jdbc:sqlite:".length());
    boolean onDisk = !file.isEmpty() && !file.startsWith(":memory:") && !file.startsWith("file:");
    Path path = onDisk ? Path.of(file).toAbsolutePath() : null;
    boolean existed = false;
    try {
      if (onDisk) {
        existed = Files.exists(path);
        if (existed && Files.size(path) == 0) {
          // SQLite would take a 0-byte file for a new database and report a sweep with no trials as done.
          throw LedgerDamage.of(path, "the file is empty (0 bytes), so it has lost every trial it held");
        }
        Path parent = path.getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
      }
      conn = DriverManager.getConnection(url);
    } catch (SQLException | java.io.IOException e) {
      throw new LedgerException("cannot open the ledger " + url + ": " + e.getMessage(), e);
    }
    try (Statement st = conn.createStatement()) {
      st.execute("PRAGMA busy_timeout=10000");
      if (existed) {
        checkIntegrity(st, path);
      }
      st.execute("PRAGMA journal_mode=WAL");
      st.execute("PRAGMA synchronous=NORMAL");
      for (String ddl : (SCHEMA + RoundsTable.SCHEMA).split(";")) {
        if (!ddl.isBlank()) {
          st.execute(ddl);
        }
      }
      addStopTokens(st);
      addContinues(st);
    } catch (SQLException e) {
      closeQuietly();
      if (path != null && LedgerDamage.isDamage(e)) {
        throw LedgerDamage.of(path, "SQLite reports " + e.getMessage());
      }
      throw new LedgerException("cannot open the ledger " + url + ": " + e.getMessage(), e);
    } catch (LedgerException e) {
      closeQuietly();
      throw e;
    }
  }

  /**
   * A ledger written before runs could stop early has no {@code stop_tokens} column: its trials all ran their whole
   * budget, which the column's default (0) says, so the column is added in place.
   */
  private static void addStopTokens(Statement st) throws SQLException {
    addColumn(st, "stop_tokens", "INTEGER NOT NULL DEFAULT 0");
  }

  /**
   * A ledger written before runs could continue shorter ones has no {@code continues} column: each of its trials
   * started from its base model, which the column's default ('') says, so the column is added in place.
   */
  private static void addContinues(Statement st) throws SQLException {
    addColumn(st, "continues", "TEXT NOT NULL DEFAULT ''");
  }

  private static void addColumn(Statement st, String column, String type) throws SQLException {
    boolean has = false;
    try (ResultSet rs = st.executeQuery("PRAGMA table_info(trials)")) {
      while (rs.next()) {
        has |= column.equals(rs.getString("name"));
      }
    }
    if (!has) {
      st.execute("ALTER TABLE trials ADD COLUMN " + column + " " + type);
    }
  }

  /**
   * Every open of an existing ledger runs {@code PRAGMA integrity_check}: the trials table may read back
   * fine while an index or the events table is damaged, and the next write would then fail or corrupt
   * more. It costs about 35 ms on a ledger of 10,000 trials and 40,000 events (8 MB); quick_check, which
   * skips the index-against-table comparison, about 16 ms.
   */
  private static void checkIntegrity(Statement st, Path path) throws SQLException {
    List<String> findings = new ArrayList<>();
    try (ResultSet rs = st.executeQuery("PRAGMA integrity_check(5)")) {
      while (rs.next()) {
        findings.add(rs.getString(1).replaceAll("\\s+", " ").strip());
      }
    }
    if (!findings.equals(List.of("ok"))) {
      throw LedgerDamage.of(path, "PRAGMA integrity_check reports " + String.join("; ", findings));
    }
  }

  private void closeQuietly() {
    try {
      conn.close();
    } catch (SQLException ignored) {
      // already failing with the reason worth reporting
    }
  }

  @Override
  public synchronized int register(List<PlannedTrial> trials, Instant now) {
    java.util.Set<String> known = new java.util.HashSet<>();
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM trials")) {
      while (rs.next()) {
        known.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw fail("read trial ids", e);
    }
    String sql = "INSERT OR IGNORE INTO trials(id, ord, kind, model, domain, ratio, seed, depends_on, phase, attempt,"
        + " charged, uncharged, last_error, not_before, updated_at, stop_tokens, continues)"
        + " VALUES (?,?,?,?,?,?,?,?,?,0,0,0,'',0,?,?,?)";
    int added = 0;
    try (PreparedStatement ps = begin().prepareStatement(sql)) {
      int ord = 0;
      for (PlannedTrial t : trials) {
        ord++;
        if (known.contains(t.id())) {
          continue;
        }
        ps.setString(1, t.id());
        ps.setInt(2, ord);
        ps.setString(3, t.kind().name());
        ps.setString(4, t.model());
        ps.setString(5, t.domain());
        ps.setDouble(6, t.ratio());
        ps.setInt(7, t.seed());
        ps.setString(8, t.dependsOn());
        ps.setString(9, TrialPhase.PENDING.name());
        ps.setLong(10, now.toEpochMilli());
        ps.setLong(11, t.stopTokens());
        ps.setString(12, t.continues());
        added += ps.executeUpdate();
      }
      commit();
      return added;
    } catch (SQLException e) {
      throw fail("register trials", e);
    }
  }

  @Override
  public synchronized List<TrialRecord> load() {
    List<TrialRecord> out = new ArrayList<>();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, kind, model, domain, ratio, seed, depends_on, phase, attempt, charged,"
            + " uncharged, last_error, not_before, updated_at, stop_tokens, continues FROM trials ORDER BY ord")) {
      while (rs.next()) {
        PlannedTrial t = new PlannedTrial(rs.getString(1), TrialKind.valueOf(rs.getString(2)), rs.getString(3),
            rs.getString(4), rs.getDouble(5), rs.getInt(6), rs.getString(7), rs.getLong(15), rs.getString(16));
        out.add(new TrialRecord(t, TrialPhase.valueOf(rs.getString(8)), rs.getInt(9), rs.getInt(10), rs.getInt(11),
            rs.getString(12), Instant.ofEpochMilli(rs.getLong(13)), Instant.ofEpochMilli(rs.getLong(14))));
      }
      return out;
    } catch (SQLException e) {
      throw fail("load trials", e);
    }
  }

  @Override
  public synchronized boolean record(TrialRecord before, TrialRecord after, String event) {
    if (!before.id().equals(after.id())) {
      throw new IllegalArgumentException("cannot record " + before.id() + " as " + after.id());
    }
    if (before.phase() != after.phase()) {
      before.phase().moveTo(after.phase(), before.id());
    }
    try (PreparedStatement up = begin().prepareStatement("UPDATE trials SET phase=?, attempt=?, charged=?, uncharged=?,"
        + " last_error=?, not_before=?, updated_at=? WHERE id=? AND phase=? AND attempt=?");
        PreparedStatement ev = conn.prepareStatement("INSERT INTO events(trial_id, at, from_phase, to_phase, attempt,"
            + " detail) VALUES (?,?,?,?,?,?)")) {
      up.setString(1, after.phase().name());
      up.setInt(2, after.attempt());
      up.setInt(3, after.charged());
      up.setInt(4, after.uncharged());
      up.setString(5, after.lastError());
      up.setLong(6, after.notBefore().toEpochMilli());
      up.setLong(7, after.updatedAt().toEpochMilli());
      up.setString(8, before.id());
      up.setString(9, before.phase().name());
      up.setInt(10, before.attempt());
      if (up.executeUpdate() != 1) {
        conn.rollback();
        conn.setAutoCommit(true);
        return false;
      }
      ev.setString(1, after.id());
      ev.setLong(2, after.updatedAt().toEpochMilli());
      ev.setString(3, before.phase().name());
      ev.setString(4, after.phase().name());
      ev.setInt(5, after.attempt());
      ev.setString(6, event == null ? "" : event);
      ev.executeUpdate();
      commit();
      return true;
    } catch (SQLException e) {
      throw fail("record " + before.id() + " " + before.phase() + " -> " + after.phase(), e);
    }
  }

  @Override
  public synchronized List<LedgerEvent> events(String trialId) {
    List<LedgerEvent> out = new ArrayList<>();
    try (PreparedStatement ps = conn.prepareStatement("SELECT at, from_phase, to_phase, attempt, detail FROM events"
        + " WHERE trial_id=? ORDER BY seq")) {
      ps.setString(1, trialId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new LedgerEvent(trialId, Instant.ofEpochMilli(rs.getLong(1)), TrialPhase.valueOf(rs.getString(2)),
              TrialPhase.valueOf(rs.getString(3)), rs.getInt(4), rs.getString(5)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw fail("read events of " + trialId, e);
    }
  }

  @Override
  public synchronized boolean cancelRequested() {
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE key='cancel'")) {
      return rs.next() && "true".equals(rs.getString(1));
    } catch (SQLException e) {
      throw fail("read the cancel flag", e);
    }
  }

  @Override
  public synchronized void requestCancel(boolean cancel) {
    try (PreparedStatement ps = conn.prepareStatement("INSERT OR REPLACE INTO meta(key, value) VALUES ('cancel', ?)")) {
      ps.setString(1, Boolean.toString(cancel));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw fail("write the cancel flag", e);
    }
  }

  @Override
  public synchronized java.util.Optional<String> backend() {
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE key='backend'")) {
      return rs.next() ? java.util.Optional.of(rs.getString(1)) : java.util.Optional.empty();
    } catch (SQLException e) {
      throw fail("read the backend", e);
    }
  }

  @Override
  public synchronized List<Round> rounds() {
    try {
      return RoundsTable.load(conn);
    } catch (SQLException e) {
      throw fail("read the adaptive rounds", e);
    }
  }

  @Override
  public synchronized void recordBackend(String backend) {
    try (PreparedStatement ps = conn.prepareStatement("INSERT OR IGNORE INTO meta(key, value) VALUES ('backend', ?)")) {
      ps.setString(1, backend);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw fail("write the backend", e);
    }
  }

  @Override
  public synchronized boolean recordRound(Round round) {
    try {
      boolean added = RoundsTable.insert(begin(), round);
      if (added) {
        commit();
      } else {
        conn.rollback();
        conn.setAutoCommit(true);
      }
      return added;
    } catch (SQLException e) {
      throw fail("record adaptive round " + round.number(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      conn.close();
    } catch (SQLException e) {
      throw fail("close", e);
    }
  }

  /**
   * Starts a write transaction. Reads run in autocommit mode instead: an explicit transaction left open
   * by a read would pin this connection to an old WAL snapshot and hide other writers (cmr cancel).
   */
  private Connection begin() throws SQLException {
    conn.setAutoCommit(false);
    return conn;
  }

  private void commit() throws SQLException {
    conn.commit();
    conn.setAutoCommit(true);
  }

  private LedgerException fail(String what, SQLException e) {
    try {
      if (!conn.getAutoCommit()) {
        conn.rollback();
        conn.setAutoCommit(true);
      }
    } catch (SQLException ignored) {
      // the original failure is the one worth reporting
    }
    return new LedgerException("ledger " + url + ": could not " + what + ": " + e.getMessage(), e);
  }
}
