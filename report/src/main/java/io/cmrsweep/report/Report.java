package io.cmrsweep.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.cmrsweep.core.fit.CmrRow;
import io.cmrsweep.core.fit.FitFormat;
import io.cmrsweep.core.simulation.SimulationTruth;
import io.cmrsweep.core.simulation.SimulationTruthFile;
import io.cmrsweep.core.storage.AtomicFiles;
import io.cmrsweep.core.storage.SweepLayout;
import io.cmrsweep.report.chart.SvgRenderer;
import io.cmrsweep.report.data.AdaptiveHistory;
import io.cmrsweep.report.data.SweepFiles;
import io.cmrsweep.report.data.SweepResults;
import io.cmrsweep.report.render.AdaptiveSection;
import io.cmrsweep.report.render.Block;
import io.cmrsweep.report.render.Changes;
import io.cmrsweep.report.render.GroupCharts;
import io.cmrsweep.report.render.HtmlWriter;
import io.cmrsweep.report.render.MarkdownWriter;
import io.cmrsweep.report.render.ReportDocument;
import io.cmrsweep.report.render.SizeSection;
import io.cmrsweep.report.render.Snapshot;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes a sweep's report under {@code <root>/<sweep>/report/}: index.html (self-contained), report.md,
 * charts/*.svg, and summary.json, which the next report compares against ("what changed").
 */
public final class Report {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);
  private final Configuration conf;
  private final Clock clock;
  private final FitFormat fitFormat;
  private final Gson gson = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

  /** A report that reads the fit outputs from their JSON files. */
  public Report(Configuration conf, Clock clock) {
    this(conf, clock, FitFormat.JSON);
  }

  /** A report that reads the fit outputs from their {@code fitFormat} files (JSON and Parquet hold the same rows). */
  public Report(Configuration conf, Clock clock, FitFormat fitFormat) {
    this.conf = conf;
    this.clock = clock;
    this.fitFormat = fitFormat;
  }

  /** What was written. */
  public record Written(Path index, Path markdown, int groups, int charts, List<String> changes) {
    public Written {
      changes = List.copyOf(changes);
    }
  }

  /** Writes the report of {@code layout}'s fits, charting the trajectories of exactly {@code lossFiles}. */
  public Written write(SweepLayout layout, List<Path> lossFiles) {
    return write(layout, lossFiles, Optional.empty());
  }

  /** As {@link #write(SweepLayout, List)}, and with {@code adaptive} how an adaptive sweep's rounds went. */
  public Written write(SweepLayout layout, List<Path> lossFiles, Optional<AdaptiveHistory> adaptive) {
    SweepResults results = new SweepFiles(conf).read(layout, fitFormat, lossFiles);
    Path dir = layout.reportDir();
    Path summary = new Path(dir, "summary.json");
    String generatedAt = STAMP.format(clock.instant());
    Snapshot current = Snapshot.of(generatedAt, results.groups());
    List<String> changes = new Changes().between(previous(summary), current);
    Optional<SimulationTruth> truth = new SimulationTruthFile(conf).read(layout.truthFile());
    List<Block> doc = new ReportDocument().build(results, changes, generatedAt, truth, adaptive);

    Map<String, String> svgs = new LinkedHashMap<>();
    SvgRenderer renderer = new SvgRenderer();
    for (CmrRow g : results.groups()) {
      for (GroupCharts.Named c : new GroupCharts().build(results, g)) {
        svgs.put(c.id(), renderer.render(c.chart()));
      }
    }
    new SizeSection().charts(results).forEach((id, chart) -> svgs.put(id, renderer.render(chart)));
    adaptive.ifPresent(h -> new AdaptiveSection().charts(h)
        .forEach((id, chart) -> svgs.put(id, renderer.render(chart))));
    for (Map.Entry<String, String> svg : svgs.entrySet()) {
      write(new Path(new Path(dir, "charts"), svg.getKey() + ".svg"), svg.getValue());
    }
    Path markdown = new Path(dir, "report.md");
    Path index = new Path(dir, "index.html");
    write(markdown, new MarkdownWriter().render(doc));
    write(index, new HtmlWriter().render((truth.isPresent() ? "SIMULATED " : "") + "CMR report: " + results.sweep(),
        doc, svgs));
    write(summary, gson.toJson(current));
    return new Written(index, markdown, results.groups().size(), svgs.size(), changes);
  }

  private Optional<Snapshot> previous(Path summary) {
    try {
      FileSystem fs = new AtomicFiles(conf).fileSystem(summary);
      try (InputStream in = fs.open(summary)) {
        return Optional.ofNullable(gson.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8),
            Snapshot.class));
      }
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      // An unreadable old summary only costs the "what changed" section; the report itself still matters.
      return Optional.empty();
    }
  }

  private void write(Path file, String text) {
    new AtomicFiles(conf).replace(file, text.getBytes(StandardCharsets.UTF_8));
  }
}
