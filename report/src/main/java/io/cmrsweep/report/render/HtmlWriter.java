package io.cmrsweep.report.render;

import java.util.List;
import java.util.Map;

/**
 * Renders report blocks as one self-contained HTML page: styles inline, charts embedded as inline SVG, no
 * scripts and no external resources, so it opens offline and from a file.
 */
public final class HtmlWriter {
  private static final String STYLE = "body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;"
      + "color:#222}table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 8px;"
      + "text-align:left}th{background:#f3f3f3}figure{display:inline-block;margin:0.5em}"
      + "figcaption{font-size:0.85em;color:#555}h2{border-bottom:1px solid #ddd;padding-bottom:0.2em}";

  /** Renders {@code blocks}, taking each figure's SVG from {@code svgById}. */
  public String render(String title, List<Block> blocks, Map<String, String> svgById) {
    StringBuilder sb = new StringBuilder(64 * 1024);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(title))
        .append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
    for (Block b : blocks) {
      if (b instanceof Block.Heading h) {
        sb.append("<h").append(h.level()).append('>').append(esc(h.text())).append("</h").append(h.level())
            .append(">\n");
      } else if (b instanceof Block.Paragraph p) {
        sb.append("<p>").append(esc(p.text())).append("</p>\n");
      } else if (b instanceof Block.Bullets l) {
        sb.append("<ul>\n");
        l.items().forEach(i -> sb.append("<li>").append(esc(i)).append("</li>\n"));
        sb.append("</ul>\n");
      } else if (b instanceof Block.Table t) {
        sb.append("<table>\n<tr>");
        t.header().forEach(h -> sb.append("<th>").append(esc(h)).append("</th>"));
        sb.append("</tr>\n");
        for (List<String> r : t.rows()) {
          sb.append("<tr>");
          r.forEach(c -> sb.append("<td>").append(esc(c)).append("</td>"));
          sb.append("</tr>\n");
        }
        sb.append("</table>\n");
      } else if (b instanceof Block.Figure f) {
        sb.append("<figure id=\"").append(esc(f.chartId())).append("\">\n")
            .append(svgById.getOrDefault(f.chartId(), "")).append("<figcaption>").append(esc(f.caption()))
            .append("</figcaption>\n</figure>\n");
      }
    }
    sb.append("</body>\n</html>\n");
    return sb.toString();
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
