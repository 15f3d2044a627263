package io.cmrsweep.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SweepLayoutTest {
  @Test
  void placesLossFilesByDomainAndModelUnderTheSweep() {
    SweepLayout layout = SweepLayout.of("s3a://bucket/cmr", "s1");

    assertThat(layout.lossFile("legal", "m1", "cpt-abc").toString())
        .isEqualTo("s3a://bucket/cmr/s1/losses/domain=legal/model=m1/cpt-abc.parquet");
    assertThat(layout.baseCheckpoint("m1", "pt-m1-abc").toString())
        .isEqualTo("s3a://bucket/cmr/s1/checkpoints/m1/pt-m1-abc/base");
    assertThat(layout.fitsDir().toString()).isEqualTo("s3a://bucket/cmr/s1/fits");
  }

  @Test
  void refusesNamesThatWouldEscapeTheSweepDirectory() {
    SweepLayout layout = SweepLayout.of("/data", "s1");

    assertThatThrownBy(() -> layout.lossFile("../etc", "m1", "t"))
        .hasMessageContaining("domain='../etc' is not a safe name");
    assertThatThrownBy(() -> layout.baseCheckpoint("m1", "../pt"))
        .hasMessageContaining("trial_id='../pt' is not a safe name");
    assertThatThrownBy(() -> SweepLayout.of("/data", "a/b"))
        .hasMessageContaining("sweep='a/b' is not a safe name");
  }
}
