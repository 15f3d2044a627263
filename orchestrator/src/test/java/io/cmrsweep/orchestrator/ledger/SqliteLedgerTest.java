package io.cmrsweep.orchestrator.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cmrsweep.core.trial.TrialKind;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import io.cmrsweep.orchestrator.trial.Failure;
import io.cmrsweep.orchestrator.trial.TrialPhase;
import io.cmrsweep.orchestrator.trial.TrialRecord;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteLedgerTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final PlannedTrial PT = new PlannedTrial("pt-a-1", TrialKind.PRETRAIN, "a", "", 0, 0, "");
  private static final PlannedTrial CPT = new PlannedTrial("cpt-a-1", TrialKind.CPT, "a", "legal", 0.5, 1, "pt-a-1");

  @TempDir
  Path dir;

  @Test
  void keepsPhasesAttemptsAndReasonsAcrossReopening() throws Exception {
    Path file = dir.resolve("ledger.db");
    try (Ledger l = Ledgers.open(file.toString())) {
      assertThat(l.register(List.of(PT, CPT), T0)).isEqualTo(2);
      TrialRecord r = l.load().get(1);
      TrialRecord running = r.to(TrialPhase.RUNNING, T0.plusSeconds(1)).withAttempt(1);
      assertThat(l.record(r, running, "launching attempt 1")).isTrue();
      TrialRecord backoff = running.to(TrialPhase.BACKOFF, T0.plusSeconds(2))
          .withFailure(Failure.retryable("killed by signal 9"), true).withNotBefore(T0.plusSeconds(5));
      assertThat(l.record(running, backoff, "retry")).isTrue();
    }
    try (Ledger l = Ledgers.open(file.toString())) {
      assertThat(l.register(List.of(PT, CPT), T0)).as("registering again adds nothing").isZero();
      TrialRecord r = l.load().get(1);
      assertThat(r.phase()).isEqualTo(TrialPhase.BACKOFF);
      assertThat(r.attempt()).isEqualTo(1);
      assertThat(r.charged()).isEqualTo(1);
      assertThat(r.lastError()).isEqualTo("killed by signal 9");
      assertThat(r.notBefore()).isEqualTo(T0.plusSeconds(5));
      assertThat(l.events(CPT.id())).extracting(LedgerEvent::to).containsExactly(TrialPhase.RUNNING, TrialPhase.BACKOFF);
    }
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); ResultSet rs = c.createStatement()
        .executeQuery("PRAGMA journal_mode")) {
      assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
    }
  }

  @Test
  void keepsWhereARunStoppedEarlyEndsAcrossReopening() {
    Path file = dir.resolve("ledger.db");
    PlannedTrial stopped = new PlannedTrial("cpt-a-1-t0.5", TrialKind.CPT, "a", "legal", 0.5, 1, "pt-a-1", 500);
    try (Ledger l = Ledgers.open(file.toString())) {
      l.register(List.of(PT, CPT, stopped), T0);
    }
    try (Ledger l = Ledgers.open(file.toString())) {
      assertThat(l.load()).extracting(r -> r.trial().stopTokens()).containsExactly(0L, 0L, 500L);
      assertThat(l.load().get(2).trial()).isEqualTo(stopped);
    }
  }

  @Test
  void keepsWhichShorterRunATrialContinuesAcrossReopening() {
    Path file = dir.resolve("ledger.db");
    PlannedTrial stopped = new PlannedTrial("cpt-a-1-t0.5", TrialKind.CPT, "a", "legal", 0.5, 1, "pt-a-1", 500);
    PlannedTrial continued = CPT.continuing(stopped.id());
    try (Ledger l = Ledgers.open(file.toString())) {
      l.register(List.of(PT, stopped, continued), T0);
    }
    try (Ledger l = Ledgers.open(file.toString())) {
      assertThat(l.load()).extracting(r -> r.trial().continues()).containsExactly("", "", stopped.id());
      assertThat(l.load().get(2).trial()).isEqualTo(continued);
    }
  }

  @Test
  void aLedgerWrittenBeforeRunsCouldStopEarlyOrContinueOpensWithEveryTrialRunningItsWholeBudgetFromItsBase()
      throws Exception {
    Path file = dir.resolve("old.db");
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      c.createStatement().execute("CREATE TABLE trials (id TEXT PRIMARY KEY, ord INTEGER NOT NULL, kind TEXT NOT NULL,"
          + " model TEXT NOT NULL, domain TEXT NOT NULL, ratio REAL NOT NULL, seed INTEGER NOT NULL,"
          + " depends_on TEXT NOT NULL, phase TEXT NOT NULL, attempt INTEGER NOT NULL, charged INTEGER NOT NULL,"
          + " uncharged INTEGER NOT NULL, last_error TEXT NOT NULL, not_before INTEGER NOT NULL,"
          + " updated_at INTEGER NOT NULL)");
      c.createStatement().execute("INSERT INTO trials VALUES ('cpt-a-1', 1, 'CPT', 'a', 'legal', 0.5, 1, 'pt-a-1',"
          + " 'SUCCEEDED', 1, 0, 0, '', 0, 0)");
    }
    try (Ledger l = Ledgers.open(file.toString())) {
      assertThat(l.load()).singleElement().satisfies(r -> {
        assertThat(r.trial()).isEqualTo(CPT);
        assertThat(r.phase()).isEqualTo(TrialPhase.SUCCEEDED);
      });
    }
  }

  @Test
  void aStaleWriterCannotMoveATrialSomeoneElseMoved() {
    try (Ledger a = Ledgers.open(dir.resolve("l.db").toString()); Ledger b = Ledgers.open(dir.resolve("l.db").toString())) {
      a.register(List.of(PT), T0);
      TrialRecord seenByBoth = a.load().get(0);
      assertThat(b.record(seenByBoth, seenByBoth.to(TrialPhase.CANCELLED, T0), "cancel")).isTrue();
      assertThat(a.record(seenByBoth, seenByBoth.to(TrialPhase.RUNNING, T0).withAttempt(1), "launch")).isFalse();
      assertThat(a.load().get(0).phase()).isEqualTo(TrialPhase.CANCELLED);
    }
  }

  @Test
  void refusesAnIllegalMoveNamingBothEnds() {
    try (Ledger l = Ledgers.open(dir.resolve("l.db").toString())) {
      l.register(List.of(PT), T0);
      TrialRecord r = l.load().get(0);
      TrialRecord bogus = new TrialRecord(PT, TrialPhase.FAILED, 0, 0, 0, "x", Instant.EPOCH, T0);
      assertThatThrownBy(() -> l.record(r, bogus, "")).hasMessageContaining("PENDING -> FAILED");
    }
  }

  @Test
  void keepsTheCancelFlag() {
    try (Ledger l = Ledgers.open(dir.resolve("l.db").toString())) {
      assertThat(l.cancelRequested()).isFalse();
      l.requestCancel(true);
      assertThat(l.cancelRequested()).isTrue();
    }
  }

  @Test
  void aLongLivedConnectionSeesWhatAnotherProcessWroteAfterItsOwnReads() {
    try (Ledger coordinator = Ledgers.open(dir.resolve("l.db").toString())) {
      coordinator.register(List.of(PT), T0);
      assertThat(coordinator.cancelRequested()).isFalse();
      assertThat(coordinator.load()).hasSize(1);
      try (Ledger cancel = Ledgers.open(dir.resolve("l.db").toString())) {
        cancel.requestCancel(true);
        TrialRecord r = cancel.load().get(0);
        cancel.record(r, r.to(TrialPhase.CANCELLED, T0), "cancel");
      }
      assertThat(coordinator.cancelRequested()).isTrue();
      assertThat(coordinator.load().get(0).phase()).isEqualTo(TrialPhase.CANCELLED);
    }
  }

  @Test
  void refusesServerUrlsItCannotServeYet() {
    assertThatThrownBy(() -> Ledgers.open("jdbc:postgresql://db/cmr")).hasMessageContaining("storage.ledger");
  }

  @Test
  void aLedgerWhoseIntegrityCheckFindsProblemsIsRefusedWithTheFindings() throws Exception {
    Path file = dir.resolve("ledger.db");
    try (Ledger l = Ledgers.open(file.toString())) {
      l.register(List.of(PT, CPT), T0);
    }
    // An index dropped from the schema but not from the file: its page is orphaned, the trials read fine.
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var st = c.createStatement()) {
      st.execute("PRAGMA writable_schema=ON");
      st.execute("DELETE FROM sqlite_master WHERE name='events_by_trial'");
    }

    assertThatThrownBy(() -> Ledgers.open(file.toString())).isInstanceOf(LedgerException.class)
        .hasMessageStartingWith("ledger " + file + " is damaged: PRAGMA integrity_check reports *** in database main ***")
        .hasMessageContaining("*** Page").hasMessageContaining("never used").hasMessageNotContaining("\n")
        .hasMessageContaining("mv " + file + " " + file + ".damaged");
  }

  @Test
  void aFileThatIsNotADatabaseIsRefusedAsDamaged() throws Exception {
    Path file = java.nio.file.Files.writeString(dir.resolve("ledger.db"), "x".repeat(4096));

    assertThatThrownBy(() -> Ledgers.open(file.toString())).isInstanceOf(LedgerException.class)
        .hasMessageStartingWith("ledger " + file + " is damaged: SQLite reports").hasMessageContaining("not a database");
  }
}
