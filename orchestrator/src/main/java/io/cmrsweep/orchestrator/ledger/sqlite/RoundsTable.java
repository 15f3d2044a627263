package io.cmrsweep.orchestrator.ledger.sqlite;

import io.cmrsweep.orchestrator.ledger.Round;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The owner of the adaptive rounds' schema: one row per round, its groups' widths and its chosen cells.
 * Statements only; the caller holds the transaction.
 */
final class RoundsTable {
  static final String SCHEMA = """
      CREATE TABLE IF NOT EXISTS rounds (
        round INTEGER PRIMARY KEY, decided_at INTEGER NOT NULL, outcome TEXT NOT NULL, reason TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS round_widths (
        round INTEGER NOT NULL, ord INTEGER NOT NULL, grp TEXT NOT NULL, status TEXT NOT NULL, cmr REAL,
        low REAL, high REAL, width REAL, PRIMARY KEY (round, ord));
      CREATE TABLE IF NOT EXISTS round_cells (
        round INTEGER NOT NULL, ord INTEGER NOT NULL, trial_id TEXT NOT NULL UNIQUE, grp TEXT NOT NULL,
        ratio REAL NOT NULL, seed INTEGER NOT NULL, gain REAL, reason TEXT NOT NULL, PRIMARY KEY (round, ord));
      """;

  private RoundsTable() {}

  static boolean insert(Connection conn, Round r) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(
        "INSERT OR IGNORE INTO rounds(round, decided_at, outcome, reason) VALUES (?,?,?,?)")) {
      ps.setInt(1, r.number());
      ps.setLong(2, r.decidedAt().toEpochMilli());
      ps.setString(3, r.outcome());
      ps.setString(4, r.reason());
      if (ps.executeUpdate() != 1) {
        return false;
      }
    }
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO round_widths(round, ord, grp, status, cmr, low,"
        + " high, width) VALUES (?,?,?,?,?,?,?,?)")) {
      int ord = 0;
      for (Round.Width w : r.widths()) {
        ps.setInt(1, r.number());
        ps.setInt(2, ord++);
        ps.setString(3, w.group());
        ps.setString(4, w.status());
        real(ps, 5, w.cmr());
        real(ps, 6, w.low());
        real(ps, 7, w.high());
        real(ps, 8, w.width());
        ps.executeUpdate();
      }
    }
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO round_cells(round, ord, trial_id, grp, ratio, seed,"
        + " gain, reason) VALUES (?,?,?,?,?,?,?,?)")) {
      int ord = 0;
      for (Round.Chosen c : r.chosen()) {
        ps.setInt(1, r.number());
        ps.setInt(2, ord++);
        ps.setString(3, c.trialId());
        ps.setString(4, c.group());
        ps.setDouble(5, c.ratio());
        ps.setInt(6, c.seed());
        real(ps, 7, c.expectedGain());
        ps.setString(8, c.reason());
        ps.executeUpdate();
      }
    }
    return true;
  }

  static List<Round> load(Connection conn) throws SQLException {
    Map<Integer, List<Round.Width>> widths = new LinkedHashMap<>();
    Map<Integer, List<Round.Chosen>> cells = new LinkedHashMap<>();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT round, grp, status, cmr, low, high, width FROM round_widths"
            + " ORDER BY round, ord")) {
      while (rs.next()) {
        widths.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(new Round.Width(rs.getString(2),
            rs.getString(3), real(rs, 4), real(rs, 5), real(rs, 6), real(rs, 7)));
      }
    }
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT round, trial_id, grp, ratio, seed, gain, reason FROM round_cells"
            + " ORDER BY round, ord")) {
      while (rs.next()) {
        cells.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(new Round.Chosen(rs.getString(2),
            rs.getString(3), rs.getDouble(4), rs.getInt(5), real(rs, 6), rs.getString(7)));
      }
    }
    List<Round> out = new ArrayList<>();
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT round, decided_at, outcome, reason FROM rounds ORDER BY round")) {
      while (rs.next()) {
        int n = rs.getInt(1);
        out.add(new Round(n, Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
            widths.getOrDefault(n, List.of()), cells.getOrDefault(n, List.of())));
      }
    }
    return out;
  }

  /** SQLite stores NaN as NULL and refuses nothing else; +inf (a width not yet known) round-trips. */
  private static void real(PreparedStatement ps, int i, double v) throws SQLException {
    if (Double.isNaN(v)) {
      ps.setNull(i, java.sql.Types.REAL);
    } else {
      ps.setDouble(i, v);
    }
  }

  private static double real(ResultSet rs, int i) throws SQLException {
    double v = rs.getDouble(i);
    return rs.wasNull() ? Double.NaN : v;
  }
}
