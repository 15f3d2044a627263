package io.cmrsweep.core.loss;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;

/**
 * Reads loss records from CSV with a header line of the contract's column names (any order, extra
 * columns ignored). Fields may be quoted with '"' (RFC 4180). Losses accept NaN, Infinity, -Infinity,
 * inf and -inf, since diverged runs are data.
 */
public final class CsvLossReader {
  private final Configuration conf;

  public CsvLossReader(Configuration conf) {
    this.conf = conf;
  }

  public List<LossRecord> read(Path file) {
    try (FSDataInputStream in = file.getFileSystem(conf).open(file);
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return parse(file.toString(), reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read loss file " + file + ": " + e.getMessage(), e);
    }
  }

  static List<LossRecord> parse(String source, BufferedReader reader) throws IOException {
    String header = reader.readLine();
    if (header == null) {
      throw new LossFormatException(source + " is empty; a loss CSV starts with the header line: "
          + String.join(",", LossColumn.all().stream().map(LossColumn::columnName).toList()));
    }
    int[] index = columnIndex(source, splitLine(stripBom(header)));
    RowBuilder row = new RowBuilder(source);
    List<LossRecord> records = new ArrayList<>();
    String line;
    long lineNo = 1;
    while ((line = reader.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      List<String> fields = splitLine(line);
      row.reset();
      for (LossColumn c : LossColumn.all()) {
        int i = index[c.ordinal()];
        if (i < 0) {
          continue;
        }
        if (i >= fields.size()) {
          throw new LossFormatException(source + " line " + lineNo + ": has " + fields.size()
              + " fields but column '" + c.columnName() + "' is field " + (i + 1));
        }
        row.set(c, cell(source, lineNo, c, fields.get(i).trim()));
      }
      records.add(row.build(lineNo));
    }
    return records;
  }

  private static int[] columnIndex(String source, List<String> header) {
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      positions.putIfAbsent(header.get(i).trim(), i);
    }
    int[] index = new int[LossColumn.all().size()];
    List<String> missing = new ArrayList<>();
    for (LossColumn c : LossColumn.all()) {
      Integer i = positions.get(c.columnName());
      if (i == null && c.optional()) {
        index[c.ordinal()] = -1;
      } else if (i == null) {
        missing.add(c.columnName());
      } else {
        index[c.ordinal()] = i;
      }
    }
    if (!missing.isEmpty()) {
      throw new LossFormatException(source + ": header lacks column(s) " + String.join(", ", missing)
          + "; expected columns: " + ParquetLossReader.expectedColumns());
    }
    return index;
  }

  private static Object cell(String source, long lineNo, LossColumn c, String text) {
    try {
      return switch (c.physicalType()) {
        case BINARY -> text;
        case INT64 -> Long.parseLong(text);
        case INT32 -> Integer.parseInt(text);
        case DOUBLE -> parseDouble(text);
        default -> throw new IllegalStateException("unhandled type " + c.physicalType());
      };
    } catch (NumberFormatException e) {
      throw new LossFormatException(source + " line " + lineNo + ": column '" + c.columnName() + "'='" + text
          + "' is not a " + c.contractType() + " number");
    }
  }

  private static double parseDouble(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "nan" -> Double.NaN;
      case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
      case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  /** Splits one CSV line; quoted fields may contain commas and doubled quotes. */
  static List<String> splitLine(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cur.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
