package io.cmrsweep.orchestrator.spec;

import java.util.ArrayList;
import java.util.List;

/** Every problem found in a spec, each naming its field path; collected so that all are reported at once. */
public final class Problems {
  private final List<String> messages = new ArrayList<>();

  public void add(String message) {
    messages.add(message);
  }

  public boolean isEmpty() {
    return messages.isEmpty();
  }

  public List<String> messages() {
    return List.copyOf(messages);
  }
}
