package io.cmrsweep.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChangesTest {
  private static final String HEADER = "Compared with the report of 2026-11-25T18:36:00Z:";

  private static Snapshot snapshot(double cmr, double low, double high) {
    return new Snapshot("2026-11-25T18:36:00Z", List.of(new Snapshot.Entry("legal", "s117k", cmr, low, high, "ok")));
  }

  @Test
  void theSameCmrAndIntervalAreCalledUnchanged() {
    List<String> lines = new Changes().between(Optional.of(snapshot(0.5017, 0.493, 0.510)),
        snapshot(0.5017, 0.4930001, 0.510));

    assertThat(lines).containsExactly(HEADER, "legal/s117k: unchanged at 50.17 % [49.30 %, 51.00 %].");
  }

  @Test
  void aWiderIntervalAroundTheSameCmrIsReportedAsAChangedInterval() {
    List<String> lines = new Changes().between(Optional.of(snapshot(0.5017, 0.493, 0.510)),
        snapshot(0.5017, 0.4873, 0.5163));

    assertThat(lines).containsExactly(HEADER,
        "legal/s117k: CMR unchanged at 50.17 %; interval [49.30 %, 51.00 %] -> [48.73 %, 51.63 %].");
  }

  @Test
  void aMovedCmrIsReportedWithItsShiftAndBothIntervals() {
    List<String> lines = new Changes().between(Optional.of(snapshot(0.50, 0.49, 0.51)), snapshot(0.52, 0.50, 0.54));

    assertThat(lines).containsExactly(HEADER,
        "legal/s117k: CMR 50.00 % -> 52.00 % (+2.00 pp); interval [49.00 %, 51.00 %] -> [50.00 %, 54.00 %].");
  }
}
