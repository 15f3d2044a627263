package io.cmrsweep.worker.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MixtureBatchesTest {
  private final TokenText general = TinyFixtures.general(5_000, 1);
  private final TokenText domain = TinyFixtures.domain(5_000, 2);

  @Test
  void theDomainShareOverManyBatchesIsTheRatio() {
    MixtureBatches b = new MixtureBatches(general, domain, 0.3, 16, 32, 7);
    long domainRows = 0;
    int batches = 2000;
    for (int k = 0; k < batches; k++) {
      int d = b.at(k).domainRows();
      assertThat(d).isBetween(4, 5);
      domainRows += d;
    }
    assertThat(domainRows / (16.0 * batches)).isCloseTo(0.3, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void batchKDependsOnlyOnSeedAndK() {
    MixtureBatches a = new MixtureBatches(general, domain, 0.5, 4, 32, 7);
    MixtureBatches b = new MixtureBatches(general, domain, 0.5, 4, 32, 7);
    b.at(3);
    assertThat(b.at(11).inputs()).containsExactly(a.at(11).inputs());
    assertThat(new MixtureBatches(general, domain, 0.5, 4, 32, 8).at(11).inputs()).isNotEqualTo(a.at(11).inputs());
  }

  @Test
  void targetsAreInputsShiftedByOneAndRatiosZeroAndOneUseOneText() {
    Batch batch = new MixtureBatches(general, domain, 1.0, 2, 32, 3).at(0);
    assertThat(batch.domainRows()).isEqualTo(2);
    for (int i = 0; i < 31; i++) {
      assertThat(batch.targets()[i]).isEqualTo(batch.inputs()[i + 1]);
    }
    assertThat(MixtureBatches.generalOnly(general, 2, 32, 3).at(0).domainRows()).isZero();
  }
}
