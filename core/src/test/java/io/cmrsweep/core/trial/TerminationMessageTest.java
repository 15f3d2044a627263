package io.cmrsweep.core.trial;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminationMessageTest {
  @TempDir
  Path dir;

  @Test
  void aMessageWrittenByTheWorkerIsReadBackAsOneLine() {
    Path file = dir.resolve("attempt-1.termination");
    assertThat(TerminationMessage.write(file, "crashed:\n  IllegalStateException: boom\tat step 3")).isTrue();
    assertThat(TerminationMessage.read(file)).contains("crashed: IllegalStateException: boom at step 3");
  }

  @Test
  void aLongMessageIsCutToTheLimit() {
    assertThat(TerminationMessage.oneLine("x".repeat(5000))).hasSize(TerminationMessage.MAX_CHARS).endsWith("...");
  }

  @Test
  void noFileOrAnEmptyOneIsNoMessage() throws Exception {
    assertThat(TerminationMessage.read(dir.resolve("missing"))).isEmpty();
    assertThat(TerminationMessage.read(Files.writeString(dir.resolve("blank"), " \n"))).isEmpty();
    assertThat(TerminationMessage.of(null)).isEmpty();
  }

  @Test
  void theEnvironmentNamesWhereTheWorkerWrites() {
    assertThat(TerminationMessage.location(Map.of(TerminationMessage.ENV, "/x/attempt-2.termination")))
        .contains(Path.of("/x/attempt-2.termination"));
  }

  @Test
  void writingWhereNothingCanBeWrittenReportsFalseInsteadOfThrowing() throws Exception {
    Path notADir = Files.writeString(dir.resolve("file"), "");
    assertThat(TerminationMessage.write(notADir.resolve("msg"), "reason")).isFalse();
  }
}
