package io.cmrsweep.core.amount;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AmountsTest {
  @Test
  void readsPlainNumbersExponentsAndTheSuffixesModelNamesAndTokenCountsUse() {
    assertThat(Amounts.parse("200000")).hasValue(200_000);
    assertThat(Amounts.parse(" 1e6 ")).hasValue(1e6);
    assertThat(Amounts.parse("7.0E+9")).hasValue(7e9);
    assertThat(Amounts.parse("200k")).hasValue(200_000);
    assertThat(Amounts.parse("1.5M")).hasValue(1_500_000);
    assertThat(Amounts.parse("460m")).hasValue(460_000_000);
    assertThat(Amounts.parse("7B")).hasValue(7e9);
    assertThat(Amounts.parse("1.6b")).hasValue(1.6e9);
    assertThat(Amounts.parse("2G")).hasValue(2e9);
  }

  @Test
  void anythingElseIsNoCount() {
    assertThat(Amounts.parse("big")).isEmpty();
    assertThat(Amounts.parse("-5")).isEmpty();
    assertThat(Amounts.parse("7T")).isEmpty();
    assertThat(Amounts.parse("")).isEmpty();
    assertThat(Amounts.parse("1e")).isEmpty();
  }
}
