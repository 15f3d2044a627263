package io.cmrsweep.fit.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.fit.output.CurveRow;
import io.cmrsweep.fit.output.ResultRow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class RecordRowsTest {
  record Sample(String domain, long modelParams, double ciLow, List<Double> t0, List<Boolean> feasible)
      implements ResultRow {
    @Override
    public Map<String, Object> columns() {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("domain", domain);
      c.put("model_params", modelParams);
      c.put("ci_low", ciLow);
      c.put("t0", t0);
      c.put("feasible", feasible);
      return c;
    }
  }

  @Test
  void takesNamesFromTheRowsColumnsAndTypesFromTheRecord() {
    StructType schema = RecordRows.schema(new Sample("legal", 5, 0.1, List.of(), List.of()));

    assertThat(schema.fieldNames()).containsExactly("domain", "model_params", "ci_low", "t0", "feasible");
    assertThat(schema.apply("model_params").dataType()).isEqualTo(DataTypes.LongType);
    assertThat(schema.apply("t0").dataType().simpleString()).as("an empty list keeps its element type")
        .isEqualTo("array<double>");
    assertThat(schema.apply("feasible").dataType().simpleString()).isEqualTo("array<boolean>");
  }

  @Test
  void carriesValuesIncludingListsIntoTheRow() {
    Row row = RecordRows.row(new Sample("legal", 5, Double.NaN, List.of(1.5, 2.5), List.of(true)));

    assertThat(row.getString(0)).isEqualTo("legal");
    assertThat(row.getLong(1)).isEqualTo(5L);
    assertThat(row.getDouble(2)).isNaN();
    assertThat(row.<Double>getList(3)).containsExactly(1.5, 2.5);
  }

  @Test
  void describesTheContractsCurveRows() {
    StructType schema = RecordRows.schema(new CurveRow("s", "d", "m", 1e6, 1.0, 0.3, 0.2, 0.4));

    assertThat(schema.fieldNames()).containsExactly("sweep", "domain", "model", "tokens", "t_over_t_max", "cmr",
        "band_low", "band_high");
  }
}
