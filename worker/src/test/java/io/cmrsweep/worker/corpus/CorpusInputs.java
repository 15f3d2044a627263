package io.cmrsweep.worker.corpus;

import com.google.gson.Gson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** Corpus files as teams hold them (JSONL, gzip, Parquet, text), written by the tests from seeded sentences. */
final class CorpusInputs {
  private CorpusInputs() {}

  static List<String> documents(int n, long seed) {
    String[] words = {"the", "licensee", "shall", "grant", "a", "notice", "of", "warranty", "to", "software"};
    SplittableRandom rng = new SplittableRandom(seed);
    List<String> docs = new ArrayList<>();
    for (int d = 0; d < n; d++) {
      StringBuilder sb = new StringBuilder("doc " + seed + "-" + d + ":");
      int len = 20 + rng.nextInt(40);
      for (int i = 0; i < len; i++) {
        sb.append(' ').append(words[rng.nextInt(words.length)]);
      }
      docs.add(sb.append('.').toString());
    }
    return docs;
  }

  static Path jsonl(Path file, List<String> docs, String field, boolean gzip) {
    Gson gson = new Gson();
    StringBuilder sb = new StringBuilder();
    for (String d : docs) {
      sb.append(gson.toJson(Map.of(field, d, "id", d.hashCode()))).append('\n');
    }
    return write(file, sb.toString().getBytes(StandardCharsets.UTF_8), gzip);
  }

  static Path text(Path file, List<String> docs) {
    return write(file, String.join("\n\n", docs).getBytes(StandardCharsets.UTF_8), false);
  }

  static Path parquet(Path file, List<String> docs, String column) {
    MessageType schema = MessageTypeParser.parseMessageType("message doc { required binary " + column
        + " (STRING); required int32 n; }");
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(
        new org.apache.hadoop.fs.Path(file.toUri()), new Configuration())).withType(schema).build()) {
      int n = 0;
      for (String d : docs) {
        w.write(new SimpleGroupFactory(schema).newGroup().append(column, d).append("n", n++));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static Path write(Path file, byte[] bytes, boolean gzip) {
    try {
      Files.createDirectories(file.getParent());
      try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
        out.write(bytes);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
