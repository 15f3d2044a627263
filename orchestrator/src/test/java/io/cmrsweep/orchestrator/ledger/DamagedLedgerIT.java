package io.cmrsweep.orchestrator.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.orchestrator.testing.Cmr;
import io.cmrsweep.orchestrator.testing.FakeSweep;
import io.cmrsweep.orchestrator.trial.TrialPhase;
import io.cmrsweep.orchestrator.trial.TrialRecord;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ledger damaged outside the trials table (an index page overwritten) or truncated to 0 bytes is
 * refused by every command that opens it, with a message that says how to rebuild it; and the rebuild
 * it describes (move the file aside, run cmr sweep again) really adopts the committed results.
 */
class DamagedLedgerIT {
  private static final String GRID = """
      corpora: {domains: [legal]}
      models: [{label: a, dim: 48, layers: 2, heads: 4, ffnDim: 128}]
      cpt: {ratios: [0.1, 0.2], tokens: 1000, checkpoints: 4}
      """;

  @TempDir
  Path dir;

  @Test
  void aLedgerWithAGarbledIndexPageIsRefusedByEveryCommandAndRebuildsFromTheCommittedResults() throws Exception {
    FakeSweep sweep = new FakeSweep(dir, GRID, 2, 2);
    Cmr.Result first = Cmr.run(dir, "sweep", sweep.spec().toString());
    assertThat(first.code()).as(first.out() + first.err()).isZero();
    Path ledger = sweep.sweepDir().resolve("ledger.db");
    garbleIndexPage(ledger, "events_by_trial");

    for (String command : new String[] {"status", "sweep", "retry", "cancel"}) {
      Cmr.Result r = Cmr.run(dir, command, sweep.spec().toString());
      assertThat(r.code()).as(command + ": " + r.out() + r.err()).isEqualTo(1);
      assertThat(r.err()).as(command).startsWith("cmr: ledger " + ledger + " is damaged: ").contains("malformed")
          .contains("ledger " + ledger + " is damaged")
          .contains("mv " + ledger + " " + ledger + ".damaged").contains("cmr sweep")
          .contains("committed").doesNotContain("\tat ");
    }
    assertThat(sweep.starts(sweep.plan().get(1).id())).as("a refused sweep runs nothing").isEqualTo(1);

    Files.move(ledger, ledger.resolveSibling("ledger.db.damaged"));
    Files.deleteIfExists(ledger.resolveSibling("ledger.db-wal"));
    Files.deleteIfExists(ledger.resolveSibling("ledger.db-shm"));
    Cmr.Result rebuilt = Cmr.run(dir, "sweep", sweep.spec().toString());

    assertThat(rebuilt.code()).as(rebuilt.out() + rebuilt.err()).isZero();
    assertThat(sweep.ledger()).hasSize(3).extracting(TrialRecord::phase).containsOnly(TrialPhase.SUCCEEDED);
    assertThat(sweep.ledger()).extracting(TrialRecord::attempt).containsOnly(0);
    try (Ledger l = Ledgers.open(ledger.toString())) {
      for (var t : sweep.plan()) {
        assertThat(l.events(t.id())).extracting(LedgerEvent::detail).contains("committed result found in storage");
      }
    }
    for (var t : sweep.plan()) {
      assertThat(sweep.starts(t.id())).as("rebuilding runs nothing again: " + t.id()).isEqualTo(1);
    }
    assertThat(sweep.violations()).isEmpty();
    Cmr.Result status = Cmr.run(dir, "status", sweep.spec().toString());
    assertThat(status.code()).as(status.err()).isZero();
    assertThat(status.out()).contains("3/3 succeeded");
  }

  @Test
  void anEmptyLedgerFileIsReportedAsEmptyNotAsAFinishedSweep() throws Exception {
    FakeSweep sweep = new FakeSweep(dir, GRID, 2, 2);
    Path ledger = sweep.sweepDir().resolve("ledger.db");
    Files.createDirectories(ledger.getParent());
    Files.createFile(ledger);

    Cmr.Result status = Cmr.run(dir, "status", sweep.spec().toString());

    assertThat(status.out() + status.err()).doesNotContain("succeeded (100%)");
    assertThat(status.code()).isEqualTo(1);
    assertThat(status.err()).startsWith("cmr: ledger " + ledger + " is damaged: the file is empty (0 bytes)")
        .contains("cmr sweep");
  }

  /** Overwrites the root page of an index (not the trials table) with garbage, after the WAL was checkpointed. */
  private static void garbleIndexPage(Path ledger, String index) throws Exception {
    long page;
    long pageSize;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ledger)) {
      c.createStatement().execute("PRAGMA wal_checkpoint(TRUNCATE)");
      try (ResultSet rs = c.createStatement().executeQuery("SELECT rootpage FROM sqlite_master WHERE name='" + index + "'")) {
        page = rs.getLong(1);
      }
      try (ResultSet rs = c.createStatement().executeQuery("PRAGMA page_size")) {
        pageSize = rs.getLong(1);
      }
      try (ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
        assertThat(rs.getString(1)).isEqualTo("ok");
      }
    }
    byte[] garbage = new byte[(int) pageSize];
    Arrays.fill(garbage, (byte) 0x5a);
    try (RandomAccessFile f = new RandomAccessFile(ledger.toFile(), "rw")) {
      f.seek((page - 1) * pageSize);
      f.write(garbage);
    }
  }
}
