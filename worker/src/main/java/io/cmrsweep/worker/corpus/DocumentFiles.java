package io.cmrsweep.worker.corpus;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.cmrsweep.core.trial.CorpusFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Lists a corpus's files (paths or globs on any Hadoop FileSystem) and streams their documents: a JSONL line's
 * text field, a Parquet row's string column, or a blank-line separated paragraph of plain text. Gzip by the
 * {@code .gz} suffix. What cannot be read names the file and the field.
 */
public final class DocumentFiles {
  private final Configuration conf;

  public DocumentFiles(Configuration conf) {
    this.conf = conf;
  }

  /** Every file the definition names, sorted by URI and without duplicates. */
  public List<SourceFile> list(CorpusFiles corpus) {
    TreeMap<String, SourceFile> files = new TreeMap<>();
    for (int i = 0; i < corpus.files().size(); i++) {
      String pattern = corpus.files().get(i);
      String field = "corpus " + corpus.name() + " files[" + i + "]=" + pattern;
      try {
        Path p = new Path(pattern);
        FileSystem fs = p.getFileSystem(conf);
        FileStatus[] matched = fs.globStatus(p);
        if (matched == null || matched.length == 0) {
          throw new BadInputException(field + " matches no file; check the path (globs like data/*.jsonl.gz work)");
        }
        for (FileStatus s : matched) {
          if (s.isDirectory()) {
            throw new BadInputException(field + " matches the directory " + s.getPath()
                + "; name its files, e.g. " + s.getPath() + "/*.jsonl");
          }
          String uri = s.getPath().toString();
          files.put(uri, new SourceFile(uri, s.getLen(), s.getModificationTime(), change(s.getPath()),
              format(corpus.format(), uri), uri.endsWith(".gz")));
        }
      } catch (IOException e) {
        throw new BadInputException(field + " cannot be listed: " + e.getMessage(), e);
      }
    }
    for (SourceFile f : files.values()) {
      if (f.size() == 0) {
        throw new BadInputException("corpus " + corpus.name() + ": file " + f.uri() + " is empty; remove it from"
            + " the corpus files or fill it");
      }
    }
    return List.copyOf(files.values());
  }

  /** Streams the file's documents in file order and returns the sha256 of its bytes as stored. */
  public String read(SourceFile file, String field, Consumer<String> documents) {
    try {
      return switch (file.format()) {
        case "parquet" -> {
          new ParquetDocuments(conf).read(file, field, documents);
          yield sha256(file);
        }
        case "jsonl" -> readLines(file, documents, new JsonlField(file.uri(), field));
        default -> readLines(file, documents, null);
      };
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read corpus file " + file.uri() + ": " + e.getMessage(), e);
    }
  }

  private String readLines(SourceFile file, Consumer<String> documents, JsonlField jsonl) throws IOException {
    MessageDigest sha = sha256();
    Path p = new Path(file.uri());
    try (InputStream raw = new DigestInputStream(p.getFileSystem(conf).open(p), sha);
        InputStream in = file.gzip() ? new GZIPInputStream(raw, 1 << 16) : raw;
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      String line;
      long lineNo = 0;
      StringBuilder paragraph = new StringBuilder();
      while ((line = reader.readLine()) != null) {
        lineNo++;
        if (jsonl != null) {
          if (!line.isBlank()) {
            String text = jsonl.text(line, lineNo);
            if (!text.isBlank()) {
              documents.accept(text);
            }
          }
        } else if (line.isBlank()) {
          flush(paragraph, documents);
        } else {
          if (paragraph.length() > 0) {
            paragraph.append('\n');
          }
          paragraph.append(line);
        }
      }
      flush(paragraph, documents);
      raw.transferTo(OutputStreamSink.INSTANCE);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void flush(StringBuilder paragraph, Consumer<String> documents) {
    if (paragraph.length() > 0) {
      documents.accept(paragraph.toString());
      paragraph.setLength(0);
    }
  }

  /** The sha256 of the file's bytes as stored (compressed, for a .gz file). */
  public String sha256(SourceFile file) {
    MessageDigest sha = sha256();
    Path p = new Path(file.uri());
    try (InputStream in = new DigestInputStream(p.getFileSystem(conf).open(p), sha)) {
      in.transferTo(OutputStreamSink.INSTANCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read corpus file " + file.uri() + ": " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** A local file's inode and ctime, which every write and touch changes; empty elsewhere. */
  private static String change(Path path) {
    if (!"file".equals(path.toUri().getScheme())) {
      return "";
    }
    try {
      Map<String, Object> a = Files.readAttributes(java.nio.file.Path.of(path.toUri()), "unix:ino,ctime");
      return "ino=" + a.get("ino") + " ctime=" + ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "";
    }
  }

  static String format(String declared, String uri) {
    if (!declared.equals("auto")) {
      return declared;
    }
    String name = uri.endsWith(".gz") ? uri.substring(0, uri.length() - 3) : uri;
    if (name.endsWith(".jsonl") || name.endsWith(".json") || name.endsWith(".ndjson")) {
      return "jsonl";
    }
    return name.endsWith(".parquet") ? "parquet" : "text";
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The text field of one JSONL line; a line without it is bad input naming the file, line and field. */
  private record JsonlField(String uri, String field) {
    String text(String line, long lineNo) {
      JsonElement value;
      try {
        JsonElement e = JsonParser.parseString(line);
        value = e.isJsonObject() ? e.getAsJsonObject().get(field) : null;
      } catch (JsonParseException e) {
        throw new BadInputException(uri + " line " + lineNo + " is not JSON (" + e.getMessage()
            + "); each line must be one object with a string field '" + field + "'");
      }
      if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
        throw new BadInputException(uri + " line " + lineNo + " has no string field '" + field
            + "'; set the corpus's field: to the key that holds the text");
      }
      return value.getAsString();
    }
  }

  /** Discards what the checksum still has to read after the documents were taken. */
  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
