package io.cmrsweep.core.fit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Fit-output rows as one Parquet file, without Spark, through Hadoop paths (file://, hdfs://, s3a://).
 * Columns are matched by name, so their order in the file and extra columns do not matter; a missing or
 * mistyped column fails naming the file and the column.
 */
public final class FitParquetCodec {
  private final Configuration conf;

  public FitParquetCodec(Configuration conf) {
    this.conf = conf;
  }

  /** Writes {@code rows} to {@code file}, replacing it; callers commit atomically around this. */
  public <R extends Record> void write(Path file, RowSchema<R> schema, List<R> rows) {
    OutputFile out;
    try {
      out = HadoopOutputFile.fromPath(file, conf);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
    }
    try (ParquetWriter<R> writer = new Builder<>(out, schema)
        .withConf(conf)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .build()) {
      for (R r : rows) {
        writer.write(r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
    }
  }

  public <R extends Record> List<R> read(Path file, RowSchema<R> schema) {
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
      MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
      MessageType requested = requested(file, schema, fileSchema);
      reader.setRequestedSchema(requested);
      MessageColumnIO io = new ColumnIOFactory().getColumnIO(requested, fileSchema);
      Materializer<R> materializer = new Materializer<>(file.toString(), schema, requested);
      List<R> rows = new ArrayList<>();
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        RecordReader<R> records = io.getRecordReader(pages, materializer);
        for (long i = 0; i < pages.getRowCount(); i++) {
          materializer.rowNumber = rows.size() + 1L;
          rows.add(records.read());
        }
      }
      return rows;
    } catch (java.io.FileNotFoundException e) {
      throw new FitFormatException(file + " does not exist; run the fit first (cmr fit <spec>)", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (FitFormatException e) {
      throw e;
    } catch (ParquetDecodingException e) {
      throw new FitFormatException("cannot decode " + file + ": " + e.getMessage() + "; "
          + FitFormatException.RERUN, e);
    } catch (RuntimeException e) {
      // parquet-hadoop reports a file that is not Parquet at all (bad magic number) as a RuntimeException.
      throw new FitFormatException("cannot read " + file + " as Parquet: " + e.getMessage() + "; "
          + FitFormatException.RERUN, e);
    }
  }

  /** The file's columns in contract order, after checking every one is there with a readable type. */
  private static MessageType requested(Path file, RowSchema<?> schema, MessageType fileSchema) {
    List<Type> fields = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Column c : schema.columns()) {
      if (!fileSchema.containsField(c.name())) {
        problems.add("column '" + c.name() + "' (" + c.type().label() + ") is missing");
        continue;
      }
      Type t = fileSchema.getType(c.name());
      PrimitiveType scalar = c.type().isList() ? ParquetColumns.listElement(t)
          : t.isPrimitive() ? t.asPrimitiveType() : null;
      if (scalar == null || !ParquetColumns.readableAs(c.type().element(), scalar)) {
        problems.add("column '" + c.name() + "' has type " + ParquetColumns.describe(t) + " but the contract needs "
            + c.type().label());
        continue;
      }
      fields.add(t);
    }
    if (!problems.isEmpty()) {
      throw new FitFormatException(file + " does not follow the fit-output contract: " + String.join("; ", problems)
          + "; " + FitFormatException.RERUN + ". Expected columns: " + schema.expectedColumns());
    }
    return new MessageType(fileSchema.getName(), fields);
  }

  private static final class Builder<R extends Record> extends ParquetWriter.Builder<R, Builder<R>> {
    private final RowSchema<R> schema;

    Builder(OutputFile file, RowSchema<R> schema) {
      super(file);
      this.schema = schema;
    }

    @Override
    protected Builder<R> self() {
      return this;
    }

    @Override
    protected WriteSupport<R> getWriteSupport(Configuration conf) {
      return new FitWriteSupport<>(schema);
    }
  }

  /** Collects one row's cells by column (the requested schema is in contract order), then builds the row. */
  private static final class Materializer<R extends Record> extends RecordMaterializer<R> {
    private final String source;
    private final RowSchema<R> schema;
    private final Object[] cells;
    private final GroupConverter root;
    long rowNumber;

    Materializer(String source, RowSchema<R> schema, MessageType requested) {
      this.source = source;
      this.schema = schema;
      this.cells = new Object[schema.columns().size()];
      Converter[] converters = new Converter[cells.length];
      for (int i = 0; i < cells.length; i++) {
        int index = i;
        Column c = schema.columns().get(i);
        Consumer<Object> sink = v -> cells[index] = v;
        converters[i] = c.type().isList() ? new ListConverter(this, c, requested.getType(i), sink)
            : new Cell(c.type(), sink);
      }
      this.root = new GroupConverter() {
        @Override
        public Converter getConverter(int fieldIndex) {
          return converters[fieldIndex];
        }

        @Override
        public void start() {
          java.util.Arrays.fill(cells, null);
        }

        @Override
        public void end() {}
      };
    }

    String where() {
      return source + " row " + rowNumber;
    }

    @Override
    public R getCurrentRecord() {
      for (int i = 0; i < cells.length; i++) {
        Column c = schema.columns().get(i);
        if (cells[i] == null) {
          if (c.type() != ColumnType.DOUBLE) {
            throw new FitFormatException(where() + ": column '" + c.name() + "' is null; the contract needs a "
                + c.type().label() + "; " + FitFormatException.RERUN);
          }
          cells[i] = Double.NaN;
        }
      }
      return schema.row(cells.clone(), where());
    }

    @Override
    public GroupConverter getRootConverter() {
      return root;
    }
  }

  /** A list column, three-level (repeated group around the element) or two-level (repeated element). */
  private static final class ListConverter extends GroupConverter {
    private final Consumer<Object> sink;
    private final Converter child;
    private List<Object> values;

    ListConverter(Materializer<?> m, Column column, Type type, Consumer<Object> sink) {
      this.sink = sink;
      ColumnType element = column.type().element();
      Type repeated = type.asGroupType().getType(0);
      Consumer<Object> add = v -> values.add(v);
      if (repeated.isPrimitive()) {
        child = new Cell(element, add);
      } else {
        Cell cell = new Cell(element, add);
        child = new GroupConverter() {
          private int before;

          @Override
          public Converter getConverter(int fieldIndex) {
            return cell;
          }

          @Override
          public void start() {
            before = values.size();
          }

          @Override
          public void end() {
            if (values.size() == before) {
              if (element != ColumnType.DOUBLE) {
                throw new FitFormatException(m.where() + ": column '" + column.name() + "' has a null element;"
                    + " the contract needs a " + column.type().label() + "; " + FitFormatException.RERUN);
              }
              values.add(Double.NaN);
            }
          }
        };
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return child;
    }

    @Override
    public void start() {
      values = new ArrayList<>();
    }

    @Override
    public void end() {
      sink.accept(List.copyOf(values));
    }
  }

  private static final class Cell extends PrimitiveConverter {
    private final ColumnType type;
    private final Consumer<Object> sink;

    Cell(ColumnType type, Consumer<Object> sink) {
      this.type = type;
      this.sink = sink;
    }

    @Override
    public void addBinary(Binary value) {
      sink.accept(value.toStringUsingUTF8());
    }

    @Override
    public void addLong(long value) {
      sink.accept(value);
    }

    @Override
    public void addInt(int value) {
      sink.accept(type == ColumnType.INT64 ? (Object) (long) value : (Object) value);
    }

    @Override
    public void addDouble(double value) {
      sink.accept(value);
    }

    @Override
    public void addFloat(float value) {
      sink.accept((double) value);
    }

    @Override
    public void addBoolean(boolean value) {
      sink.accept(value);
    }
  }
}
