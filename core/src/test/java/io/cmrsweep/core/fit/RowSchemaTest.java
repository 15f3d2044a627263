package io.cmrsweep.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowSchemaTest {
  record Bad(String name, Map<String, Double> byName, List<Integer> counts) {}

  record Tiny(String name, LawForm form, List<Double> values) {}

  @Test
  void namesColumnsBySnakeCaseOfTheComponentsInDeclarationOrder() {
    assertThat(CurveRow.SCHEMA.columns()).extracting(Column::name).containsExactly("sweep", "domain", "model",
        "tokens", "t_over_t_max", "cmr", "band_low", "band_high");
    assertThat(CmrRow.SCHEMA.columns()).extracting(Column::name).contains("model_params", "sup_a", "t0",
        "t0_extrapolated", "token_law_r2_domain", "cmr_law_r2", "seeds", "reported_lambdas",
        "cmr_at_reported_lambdas");
  }

  @Test
  void typesColumnsByTheComponentsGenericType() {
    assertThat(LawRow.SCHEMA.columns()).extracting(Column::type).containsExactly(ColumnType.STRING,
        ColumnType.STRING, ColumnType.STRING, ColumnType.STRING, ColumnType.STRING, ColumnType.DOUBLE,
        ColumnType.STRING_LIST, ColumnType.DOUBLE_LIST, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.INT32,
        ColumnType.INT32, ColumnType.BOOLEAN, ColumnType.STRING);
    assertThat(CmrRow.SCHEMA.columns().get(3)).isEqualTo(new Column("model_params", ColumnType.INT64, "modelParams"));
  }

  @Test
  void rejectsEveryComponentNoColumnCanHoldNamingRecordAndComponent() {
    assertThatThrownBy(() -> RowSchema.of(Bad.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Bad.byName has type java.util.Map<java.lang.String, java.lang.Double>")
        .hasMessageContaining("Bad.counts has type java.util.List<java.lang.Integer>");
  }

  @Test
  void writesEnumsAsLowerCaseNamesAndReadsThemBack() {
    RowSchema<Tiny> schema = RowSchema.of(Tiny.class);
    Tiny t = new Tiny("x", LawForm.TWO_TERM, List.of(1.0));

    Object[] cells = schema.cells(t);

    assertThat(cells).containsExactly("x", "two_term", List.of(1.0));
    assertThat(schema.row(cells, "here")).isEqualTo(t);
    assertThatThrownBy(() -> schema.row(new Object[] {"x", "cubic", List.of()}, "f.json row 3"))
        .isInstanceOf(FitFormatException.class)
        .hasMessageContaining("f.json row 3: column 'form'='cubic' is not one of [power, two_term]");
  }
}
