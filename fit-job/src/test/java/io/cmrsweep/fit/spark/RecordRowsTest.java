package io.cmrsweep.fit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class RecordRowsTest {
  record Point(double tokens, boolean extrapolated) {}

  record Result(String domain, long modelParams, double ciLow, double supA, int failedReplicates,
      double cmrAtLambda100, List<Point> points) {}

  @Test
  void namesColumnsInSnakeCaseAsTheContractSpellsThem() {
    StructType schema = RecordRows.schema(Result.class);

    assertThat(schema.fieldNames()).containsExactly("domain", "model_params", "ci_low", "sup_a",
        "failed_replicates", "cmr_at_lambda_100", "points");
    assertThat(schema.apply("model_params").dataType()).isEqualTo(DataTypes.LongType);
    assertThat(schema.apply("points").dataType().simpleString()).isEqualTo("array<struct<tokens:double,extrapolated:boolean>>");
  }

  @Test
  void turnsNestedRecordsIntoRows() {
    Row row = RecordRows.row(new Result("legal", 5, 0.1, 0.9, 2, 0.3, List.of(new Point(1e6, true))));

    assertThat(row.getString(0)).isEqualTo("legal");
    assertThat(row.getLong(1)).isEqualTo(5L);
    assertThat(row.<Row>getList(6).get(0).getBoolean(1)).isTrue();
  }
}
