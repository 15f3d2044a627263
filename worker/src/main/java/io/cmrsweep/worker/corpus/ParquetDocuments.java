package io.cmrsweep.worker.corpus;

import java.io.IOException;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/** Reads one top-level string column of a Parquet file, row by row, projecting away every other column. */
final class ParquetDocuments {
  private final Configuration conf;

  ParquetDocuments(Configuration conf) {
    this.conf = conf;
  }

  void read(SourceFile file, String column, Consumer<String> documents) throws IOException {
    Path path = new Path(file.uri());
    ParquetFileReader reader;
    try {
      reader = ParquetFileReader.open(HadoopInputFile.fromPath(path, conf));
    } catch (RuntimeException e) {
      throw new BadInputException(file.uri() + " is not a Parquet file: " + e.getMessage(), e);
    }
    try (reader) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      if (!schema.containsField(column)) {
        throw new BadInputException(file.uri() + " has no column '" + column + "' (columns: "
            + schema.getFields().stream().map(Type::getName).toList() + "); set the corpus's field: to the string"
            + " column that holds the text");
      }
      Type t = schema.getType(column);
      if (!t.isPrimitive() || t.asPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.BINARY
          || t.isRepetition(Type.Repetition.REPEATED)) {
        throw new BadInputException(file.uri() + " column '" + column + "' is " + t
            + ", not a string column; set the corpus's field: to the string column that holds the text");
      }
      MessageType projection = new MessageType(schema.getName(), t);
      reader.setRequestedSchema(projection);
      MessageColumnIO io = new ColumnIOFactory().getColumnIO(projection, schema);
      TextMaterializer m = new TextMaterializer();
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        RecordReader<String> rows = io.getRecordReader(pages, m);
        for (long i = 0; i < pages.getRowCount(); i++) {
          String text = rows.read();
          if (text != null && !text.isBlank()) {
            documents.accept(text);
          }
        }
      }
    }
  }

  /** One optional string cell per row. */
  private static final class TextMaterializer extends RecordMaterializer<String> {
    private String current;
    private final GroupConverter root = new GroupConverter() {
      private final PrimitiveConverter cell = new PrimitiveConverter() {
        @Override
        public void addBinary(Binary value) {
          current = value.toStringUsingUTF8();
        }
      };

      @Override
      public Converter getConverter(int fieldIndex) {
        return cell;
      }

      @Override
      public void start() {
        current = null;
      }

      @Override
      public void end() {}
    };

    @Override
    public String getCurrentRecord() {
      return current;
    }

    @Override
    public GroupConverter getRootConverter() {
      return root;
    }
  }
}
