package io.cmrsweep.worker.trial;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.worker.model.LanguageModel;
import io.cmrsweep.worker.train.AdamW;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Resumable state of one trial under its work directory: {@code resume/step-<n>/} holds the parameters,
 * the AdamW moments and {@code state.json} (steps done, records so far); {@code resume/LATEST} names the
 * newest complete one and is replaced atomically, so a kill at any moment leaves a loadable state.
 */
public final class ResumeStore {
  private static final String LATEST = "LATEST";
  private final Path dir;
  private final Gson gson = new GsonBuilder().serializeSpecialFloatingPointValues().create();

  /** What a state file records besides the arrays. */
  public record State(String trialId, long stepsDone, List<LossRecord> records) {
    public State {
      records = List.copyOf(records);
    }
  }

  public ResumeStore(Path workDir) {
    this.dir = workDir.resolve("resume");
  }

  public void save(State state, LanguageModel model, AdamW optimizer) {
    String name = "step-" + state.stepsDone();
    Path target = dir.resolve(name);
    Path tmp = dir.resolve(".tmp-" + name);
    try {
      Files.createDirectories(dir);
      if (Files.exists(tmp)) {
        BaseCheckpoint.deleteTree(tmp);
      }
      Files.createDirectories(tmp);
      model.save(tmp.resolve("params.bin"));
      optimizer.save(tmp.resolve("optimizer.bin"));
      Files.writeString(tmp.resolve("state.json"), gson.toJson(state));
      if (Files.exists(target)) {
        BaseCheckpoint.deleteTree(target);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      Path pointer = dir.resolve("." + LATEST + ".tmp");
      Files.writeString(pointer, name, StandardCharsets.UTF_8);
      Files.move(pointer, dir.resolve(LATEST), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      removeOlderThan(name);
    } catch (IOException e) {
      throw new UncheckedIOException("could not save resume state in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The newest complete state, if any; it is loaded into {@code model} and {@code optimizer}. */
  public Optional<State> restore(String trialId, LanguageModel model, AdamW optimizer) {
    Optional<State> state = latest();
    state.ifPresent(st -> {
      if (!trialId.equals(st.trialId())) {
        throw new BadSpecException("workDir " + dir.getParent() + " holds state of trial " + st.trialId()
            + ", not " + trialId + "; give each trial its own workDir");
      }
      load(model, optimizer);
    });
    return state;
  }

  /**
   * What the newest complete state records (its trial, steps and records), without loading its arrays: how a run
   * that continues another checks that it is the right one before {@link #load}.
   */
  public Optional<State> latest() {
    Path pointer = dir.resolve(LATEST);
    if (!Files.isRegularFile(pointer)) {
      return Optional.empty();
    }
    try {
      return Optional.of(gson.fromJson(Files.readString(latestDir().resolve("state.json")), State.class));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read resume state in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Loads the newest complete state's parameters and AdamW moments into {@code model} and {@code optimizer}. */
  public void load(LanguageModel model, AdamW optimizer) {
    try {
      Path latest = latestDir();
      model.load(latest.resolve("params.bin"));
      optimizer.load(latest.resolve("optimizer.bin"));
    } catch (IOException e) {
      throw new UncheckedIOException("could not read resume state in " + dir + ": " + e.getMessage(), e);
    }
  }

  private Path latestDir() throws IOException {
    return dir.resolve(Files.readString(dir.resolve(LATEST), StandardCharsets.UTF_8).strip());
  }

  private void removeOlderThan(String keep) throws IOException {
    try (Stream<Path> children = Files.list(dir)) {
      for (Path p : children.toList()) {
        String n = p.getFileName().toString();
        if (n.startsWith("step-") && !n.equals(keep)) {
          BaseCheckpoint.deleteTree(p);
        }
      }
    }
  }
}
