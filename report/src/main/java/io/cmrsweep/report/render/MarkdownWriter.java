package io.cmrsweep.report.render;

import java.util.List;

/** Renders report blocks as GitHub-flavoured Markdown; figures link to charts/<id>.svg. */
public final class MarkdownWriter {

  public String render(List<Block> blocks) {
    StringBuilder sb = new StringBuilder();
    for (Block b : blocks) {
      if (b instanceof Block.Heading h) {
        sb.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
      } else if (b instanceof Block.Paragraph p) {
        sb.append(p.text()).append("\n\n");
      } else if (b instanceof Block.Bullets l) {
        l.items().forEach(i -> sb.append("- ").append(i).append('\n'));
        sb.append('\n');
      } else if (b instanceof Block.Table t) {
        sb.append("| ").append(String.join(" | ", t.header())).append(" |\n|");
        t.header().forEach(h -> sb.append("---|"));
        sb.append('\n');
        for (List<String> r : t.rows()) {
          sb.append("| ").append(String.join(" | ", r.stream().map(c -> c.replace("|", "\\|")).toList()))
              .append(" |\n");
        }
        sb.append('\n');
      } else if (b instanceof Block.Figure f) {
        sb.append("![").append(f.caption()).append("](charts/").append(f.chartId()).append(".svg)\n\n");
      }
    }
    return sb.toString();
  }
}
