package io.cmrsweep.orchestrator.reconcile;

import io.cmrsweep.orchestrator.launch.AttemptState;
import io.cmrsweep.orchestrator.launch.Launcher;
import io.cmrsweep.orchestrator.ledger.Ledger;
import io.cmrsweep.orchestrator.plan.PlannedTrial;
import io.cmrsweep.orchestrator.plan.TrialSpecFactory;
import io.cmrsweep.orchestrator.trial.TrialPhase;
import io.cmrsweep.orchestrator.trial.TrialRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconcile loop of one coordinator: each {@link #tick()} observes (ledger, backend, storage),
 * decides per trial with the pure {@link Decider}, acts on the backend and records in the ledger. Launch
 * intent is recorded before the launch and results are recorded after they are committed, so a crash
 * at any point leaves a state that the next {@link #start} reconciles against the backend and storage.
 */
public final class Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  private final Ledger ledger;
  private final Launcher launcher;
  private final ResultStore results;
  private final TrialSpecFactory specs;
  private final Decider decider;
  private final Clock clock;
  private final int parallelism;
  private final Map<String, TrialRecord> records = new LinkedHashMap<>();
  private Set<String> committedAtStart = Set.of();
  private boolean firstTick = true;
  private boolean cancelled;

  public Reconciler(Ledger ledger, Launcher launcher, ResultStore results, TrialSpecFactory specs, Decider decider,
      Clock clock, int parallelism) {
    this.ledger = ledger;
    this.launcher = launcher;
    this.results = results;
    this.specs = specs;
    this.decider = decider;
    this.clock = clock;
    this.parallelism = parallelism;
  }

  /** Registers the plan's cells, loads the ledger and looks up every committed result once. */
  public void start(List<PlannedTrial> plan) {
    int added = ledger.register(plan, clock.instant());
    Set<String> planned = new java.util.HashSet<>();
    plan.forEach(t -> planned.add(t.id()));
    records.clear();
    for (TrialRecord r : ledger.load()) {
      if (planned.contains(r.id())) {
        records.put(r.id(), r);
      }
    }
    committedAtStart = results.scan(plan);
    firstTick = true;
    LOG.info("sweep {}: {} cells ({} new), {} with committed results", specs.layout().sweep(), records.size(), added,
        committedAtStart.size());
  }

  /** Puts trials in the given phases back to PENDING with a fresh retry budget (cmr retry, resume). */
  public int requeue(Set<TrialPhase> phases, String why) {
    int n = 0;
    for (TrialRecord r : new ArrayList<>(records.values())) {
      if (phases.contains(r.phase())) {
        TrialRecord next = r.to(TrialPhase.PENDING, clock.instant()).withBudgetReset();
        if (write(r, next, why)) {
          n++;
        }
      }
    }
    return n;
  }

  /** One round of observe, decide, act, record. Returns how many trials changed. */
  public int tick() {
    Instant now = clock.instant();
    boolean cancel = ledger.cancelRequested();
    Map<String, List<AttemptState>> attempts = new HashMap<>();
    for (AttemptState s : launcher.observe()) {
      attempts.computeIfAbsent(s.ref().trialId(), k -> new ArrayList<>()).add(s);
    }
    int running = count(TrialPhase.RUNNING);
    int changed = 0;
    for (TrialRecord rec : new ArrayList<>(records.values())) {
      List<AttemptState> seen = attempts.getOrDefault(rec.id(), List.of());
      Optional<AttemptState> current = Optional.empty();
      for (AttemptState s : seen) {
        if (rec.phase() == TrialPhase.RUNNING && s.ref().attempt() == rec.attempt()) {
          current = Optional.of(s);
        } else if (s.running()) {
          LOG.warn("trial {}: stopping stray attempt {} (ledger: {} attempt {})", rec.id(), s.ref().attempt(),
              rec.phase(), rec.attempt());
          launcher.kill(s.ref());
        } else {
          launcher.release(s.ref());
        }
      }
      if (!firstTick && !rec.phase().active()) {
        continue;
      }
      boolean slotFree = running < parallelism;
      boolean ready = dependencyReady(rec);
      boolean committed = committed(rec, current, now, ready, slotFree);
      Decision d = decider.decide(rec, new Observation(committed, ready, current, cancel, slotFree), now);
      if (d.action() == Decision.Action.NONE) {
        continue;
      }
      if (act(rec, d, current, now)) {
        changed++;
      }
      running += (records.get(rec.id()).phase() == TrialPhase.RUNNING ? 1 : 0)
          - (rec.phase() == TrialPhase.RUNNING ? 1 : 0);
    }
    committedAtStart = Set.of();
    firstTick = false;
    cancelled = cancel;
    return changed;
  }

  private boolean committed(TrialRecord rec, Optional<AttemptState> current, Instant now, boolean ready,
      boolean slotFree) {
    if (firstTick) {
      // After a restart the storage scan is the truth for every cell, whatever the ledger says.
      return committedAtStart.contains(rec.id());
    }
    return switch (rec.phase()) {
      // Looked up only when it can change the decision: an attempt has ended, or a launch is about to happen.
      case RUNNING -> !current.map(AttemptState::running).orElse(false) && results.committed(rec.trial());
      case PENDING, BACKOFF -> ready && slotFree && !now.isBefore(rec.notBefore()) && results.committed(rec.trial());
      default -> false;
    };
  }

  private boolean act(TrialRecord rec, Decision d, Optional<AttemptState> current, Instant now) {
    switch (d.action()) {
      case LAUNCH -> {
        if (!write(rec, d.next(), d.reason())) {
          return false;
        }
        try {
          launcher.launch(specs.create(rec.trial(), d.next().attempt()));
          LOG.info("trial {}: {}", rec.id(), d.reason());
        } catch (RuntimeException e) {
          Decision f = decider.launchFailed(d.next(), String.valueOf(e.getMessage()), now);
          LOG.warn("trial {}: {}", rec.id(), f.reason());
          write(d.next(), f.next(), f.reason());
        }
        return true;
      }
      case KILL -> {
        current.ifPresent(s -> launcher.kill(s.ref()));
        return write(rec, d.next(), d.reason());
      }
      case RELEASE -> {
        boolean written = write(rec, d.next(), d.reason());
        current.map(AttemptState::ref).ifPresent(launcher::release);
        return written;
      }
      case RECORD -> {
        return write(rec, d.next(), d.reason());
      }
      default -> {
        return false;
      }
    }
  }

  private boolean write(TrialRecord before, TrialRecord after, String why) {
    if (!ledger.record(before, after, why)) {
      LOG.warn("trial {}: changed by another writer; reloading it", before.id());
      ledger.load().stream().filter(r -> r.id().equals(before.id())).findFirst()
          .ifPresent(r -> records.put(r.id(), r));
      return false;
    }
    records.put(after.id(), after);
    switch (after.phase()) {
      case FAILED -> LOG.error("trial {}: {}", after.id(), why);
      case BACKOFF -> LOG.warn("trial {}: {}", after.id(), why);
      case SUCCEEDED -> LOG.info("trial {}: succeeded ({})", after.id(), why);
      default -> LOG.debug("trial {}: {} ({})", after.id(), after.phase(), why);
    }
    return true;
  }

  private boolean dependencyReady(TrialRecord rec) {
    if (!rec.trial().hasDependency()) {
      return true;
    }
    TrialRecord base = records.get(rec.trial().dependsOn());
    return base != null && base.phase() == TrialPhase.SUCCEEDED;
  }

  /** True when nothing is left to do: no trial can still move without a user's action. */
  public boolean finished() {
    for (TrialRecord r : records.values()) {
      if (r.phase() == TrialPhase.RUNNING || r.phase() == TrialPhase.BACKOFF) {
        return false;
      }
      if (r.phase() == TrialPhase.PENDING && !cancelled && !blocked(r)) {
        return false;
      }
    }
    return true;
  }

  /** A pending CPT trial whose base has failed or been cancelled cannot run in this sweep run. */
  public boolean blocked(TrialRecord r) {
    if (!r.trial().hasDependency()) {
      return false;
    }
    TrialRecord base = records.get(r.trial().dependsOn());
    return base == null || base.phase() == TrialPhase.FAILED || base.phase() == TrialPhase.CANCELLED;
  }

  public boolean cancelled() {
    return cancelled;
  }

  public Map<TrialPhase, Integer> counts() {
    Map<TrialPhase, Integer> out = new EnumMap<>(TrialPhase.class);
    for (TrialPhase p : TrialPhase.values()) {
      out.put(p, 0);
    }
    records.values().forEach(r -> out.merge(r.phase(), 1, Integer::sum));
    return out;
  }

  public List<TrialRecord> records() {
    return List.copyOf(records.values());
  }

  private int count(TrialPhase phase) {
    int n = 0;
    for (TrialRecord r : records.values()) {
      if (r.phase() == phase) {
        n++;
      }
    }
    return n;
  }
}
