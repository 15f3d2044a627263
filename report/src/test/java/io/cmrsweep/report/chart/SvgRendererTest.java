package io.cmrsweep.report.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SvgRendererTest {
  private final SvgRenderer renderer = new SvgRenderer();

  @Test
  void drawsPointsLinesBandsMarkersAndALegendInOneStandaloneSvg() {
    double[] t = {1e4, 1e5, 1e6};
    Chart chart = Chart.of("CMR vs tokens", "tokens T", "CMR", true, List.of(
        Series.band("95% band", "#1f77b4", t, new double[] {0.1, 0.2, 0.3}, new double[] {0.2, 0.3, 0.4}),
        Series.line("CMR law", "#1f77b4", t, new double[] {0.15, 0.25, 0.35}),
        Series.points("T0 points", "#d62728", t, new double[] {0.14, Double.NaN, 0.36})))
        .withMarker("T_max", 1e6);

    String svg = renderer.render(chart);

    assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>\n");
    assertThat(svg).contains("<title>CMR vs tokens</title>", "<polygon", "<polyline", "T_max", "95% band",
        "(log scale)");
    assertThat(svg.split("r=\"2.6\"", -1)).as("the NaN point is a gap, not a circle").hasSize(3);
    assertThat(svg).doesNotContain("NaN", "Infinity", "<script");
    assertThat(svg.replace("http://www.w3.org/2000/svg", "")).as("no external resource").doesNotContain("http");
  }

  @Test
  void escapesTextSoLabelsCannotBreakTheDocument() {
    String svg = renderer.render(Chart.of("a < b & \"c\"", "x", "y", false,
        List.of(Series.line("<R>", "#000", new double[] {0, 1}, new double[] {0, 1}))));

    assertThat(svg).contains("a &lt; b &amp; &quot;c&quot;", "&lt;R&gt;").doesNotContain("<R>");
  }

  @Test
  void labelsTicksCompactly() {
    assertThat(Ticks.label(2_000_000)).isEqualTo("2M");
    assertThat(Ticks.label(50_000)).isEqualTo("50k");
    assertThat(Ticks.label(0.25)).isEqualTo("0.25");
    assertThat(Ticks.linear(0, 1, 5)).containsExactly(0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0);
  }
}
