package io.cmrsweep.core.trial;

import java.util.List;
import java.util.Set;

/**
 * A corpus read from a team's own files: paths or globs (local, mounted or any Hadoop FileSystem URI such as
 * {@code s3a://} or {@code hdfs://}), their format and, for JSONL and Parquet, the text field. A name that the
 * trial spec uses without a {@code CorpusFiles} entry is a built-in preset (brown, legal, computing).
 *
 * @param format {@code auto} (by extension: .jsonl/.json/.ndjson, .parquet, anything else plain text; a
 *     trailing .gz is gunzipped), {@code jsonl}, {@code parquet} or {@code text} (documents separated by a blank
 *     line)
 * @param field the JSONL key or Parquet string column holding a document's text
 */
public record CorpusFiles(String name, List<String> files, String format, String field) {
  public static final Set<String> FORMATS = Set.of("auto", "jsonl", "parquet", "text");

  public CorpusFiles {
    files = files == null ? List.of() : List.copyOf(files);
    format = format == null || format.isBlank() ? "auto" : format;
    field = field == null || field.isBlank() ? "text" : field;
    Invariants v = new Invariants("data.corpora[" + name + "]");
    v.name("name", name);
    v.check(!files.isEmpty(), v.path("files") + " is empty; list the corpus files or globs, e.g. [data/*.jsonl.gz]");
    for (int i = 0; i < files.size(); i++) {
      v.check(files.get(i) != null && !files.get(i).isBlank(), v.path("files[" + i + "]") + " is blank");
    }
    v.check(FORMATS.contains(format), v.path("format") + "=" + format + " must be one of auto, jsonl, parquet, text");
    v.enforce();
  }
}
