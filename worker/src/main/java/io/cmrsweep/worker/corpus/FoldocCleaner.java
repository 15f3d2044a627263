package io.cmrsweep.worker.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Entries of the FOLDOC dictd file: a headword at column 0 (consecutive column-0 lines are alternative
 * headwords of one entry), an indented body. Date stamps such as {@code (2018-05-22)} are dropped,
 * {@code {link text}} becomes {@code link text}, the {@code 00-database-*} headers and the introduction
 * are skipped, and each body paragraph is put on one line.
 */
public final class FoldocCleaner {
  private static final Pattern DATE = Pattern.compile("^\\(\\d{4}-\\d\\d-\\d\\d\\)$");
  private static final String PREAMBLE = "<introduction> FOLDOC is";
  private static final int PREAMBLE_SEARCH = 5;
  private static final Pattern LINK = Pattern.compile("\\{([^{}]*)}");

  public List<String> clean(String dict) {
    List<String> entries = new ArrayList<>();
    List<String> heads = new ArrayList<>();
    List<String> body = new ArrayList<>();
    for (String line : dict.replace("\r\n", "\n").split("\n", -1)) {
      boolean head = !line.isEmpty() && !Character.isWhitespace(line.charAt(0));
      if (head) {
        if (body.stream().anyMatch(b -> !b.isEmpty())) {
          emit(entries, heads, body);
          heads.clear();
        }
        body.clear();
        heads.add(line.strip());
      } else {
        body.add(line.strip());
      }
    }
    emit(entries, heads, body);
    // Everything up to the introduction entry is the dictd header and licence preamble.
    for (int i = 0; i < Math.min(PREAMBLE_SEARCH, entries.size()); i++) {
      if (entries.get(i).contains(PREAMBLE)) {
        return List.copyOf(entries.subList(i + 1, entries.size()));
      }
    }
    return entries;
  }

  private static void emit(List<String> entries, List<String> heads, List<String> body) {
    if (heads.isEmpty() || heads.get(0).startsWith("00-database")) {
      return;
    }
    List<String> paragraphs = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : body) {
      if (line.isEmpty() || DATE.matcher(line).matches()) {
        flush(paragraphs, current);
        continue;
      }
      if (current.length() > 0) {
        current.append(' ');
      }
      current.append(line);
    }
    flush(paragraphs, current);
    if (paragraphs.isEmpty()) {
      return;
    }
    String text = heads.get(0) + "\n" + String.join("\n", paragraphs);
    entries.add(LINK.matcher(text).replaceAll("$1"));
  }

  private static void flush(List<String> paragraphs, StringBuilder current) {
    if (current.length() > 0) {
      paragraphs.add(current.toString().replaceAll("\\s+", " "));
      current.setLength(0);
    }
  }
}
