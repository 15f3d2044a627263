package io.cmrsweep.report.render;

import java.util.List;

/** A block of the report document, rendered alike to Markdown and HTML. */
public sealed interface Block {
  record Heading(int level, String text) implements Block {}

  record Paragraph(String text) implements Block {}

  record Bullets(List<String> items) implements Block {
    public Bullets {
      items = List.copyOf(items);
    }
  }

  record Table(List<String> header, List<List<String>> rows) implements Block {
    public Table {
      header = List.copyOf(header);
      rows = rows.stream().map(List::copyOf).toList();
    }
  }

  /** A chart, by the id of its SVG file under report/charts/. */
  record Figure(String chartId, String caption) implements Block {}
}
