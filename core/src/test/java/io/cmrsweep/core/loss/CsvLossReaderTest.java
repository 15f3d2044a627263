package io.cmrsweep.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvLossReaderTest {
  private static final String HEADER =
      "sweep,trial_id,domain,model,model_params,ratio,seed,step,tokens,general_loss,domain_loss,attempt";

  private static List<LossRecord> parse(String text) throws Exception {
    return CsvLossReader.parse("losses.csv", new BufferedReader(new StringReader(text)));
  }

  @Test
  void readsRowsWithTheContractHeaderIncludingNonFiniteLosses() throws Exception {
    List<LossRecord> rows = parse(HEADER + "\n"
        + "s1,t1,legal,m1,224640,0.25,1,0,0,1.80,2.80,1\n"
        + "\n"
        + "s1,t1,legal,m1,224640,0.25,1,2,4096,NaN,-inf,1\n");

    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).isEqualTo(new LossRecord("s1", "t1", "legal", "m1", 224640, 0.25, 1, 0, 0, 1.8, 2.8, 1));
    assertThat(rows.get(1).generalLoss()).isNaN();
    assertThat(rows.get(1).domainLoss()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(rows.get(0).generalBitsPerByte()).as("a file without the bits-per-byte columns").isNaN();
  }

  @Test
  void readsTheBitsPerByteColumnsWhenTheHeaderHasThem() throws Exception {
    List<LossRecord> rows = parse(HEADER + ",general_bits_per_byte,domain_bits_per_byte\n"
        + "s1,t1,legal,m1,224640,0.25,1,0,0,1.80,2.80,1,2.6,4.04\n");

    assertThat(rows.get(0).generalBitsPerByte()).isEqualTo(2.6);
    assertThat(rows.get(0).domainBitsPerByte()).isEqualTo(4.04);
  }

  @Test
  void acceptsColumnsInAnyOrderWithQuotesAndExtraColumns() throws Exception {
    List<LossRecord> rows = parse(
        "note,attempt,domain_loss,general_loss,tokens,step,seed,ratio,model_params,model,domain,trial_id,sweep\n"
            + "\"a, b\",2,2.5,1.5,10,1,7,1,5,m2,\"le\"\"gal\",t9,s2\n");

    assertThat(rows.get(0)).isEqualTo(new LossRecord("s2", "t9", "le\"gal", "m2", 5, 1.0, 7, 1, 10, 1.5, 2.5, 2));
  }

  @Test
  void namesEveryMissingHeaderColumn() {
    assertThatThrownBy(() -> parse("sweep,trial_id,domain,model\n"))
        .isInstanceOf(LossFormatException.class)
        .hasMessageContaining("header lacks column(s) model_params, ratio, seed, step, tokens, general_loss,"
            + " domain_loss, attempt");
  }

  @Test
  void namesLineColumnAndValueOfAnUnparsableNumber() {
    assertThatThrownBy(() -> parse(HEADER + "\ns1,t1,legal,m1,224640,0.25,1,0,lots,1.8,2.8,1\n"))
        .isInstanceOf(LossFormatException.class)
        .hasMessage("losses.csv line 2: column 'tokens'='lots' is not a int64 number");
  }

  @Test
  void rejectsNegativeTokensWithTheLine() {
    assertThatThrownBy(() -> parse(HEADER + "\ns1,t1,legal,m1,224640,0.25,1,0,-5,1.8,2.8,1\n"))
        .isInstanceOf(LossFormatException.class)
        .hasMessageStartingWith("losses.csv row 2: tokens=-5 must be >= 0");
  }

  @Test
  void explainsAnEmptyFile() {
    assertThatThrownBy(() -> parse(""))
        .isInstanceOf(LossFormatException.class)
        .hasMessageContaining("losses.csv is empty");
  }
}
