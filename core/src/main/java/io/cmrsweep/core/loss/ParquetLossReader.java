package io.cmrsweep.core.loss;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.HadoopReadOptions;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.ParquetDecodingException;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads loss records from a Parquet file written by this project, by Spark or by any other writer that
 * follows the contract. Columns are matched by name (order and extra columns do not matter); a missing
 * column or a wrong type fails with the column and the file named. Widening is accepted (int32 where
 * int64 is expected, float where double is expected), since it loses nothing.
 */
public final class ParquetLossReader {
  private final Configuration conf;

  public ParquetLossReader(Configuration conf) {
    this.conf = conf;
  }

  public List<LossRecord> read(Path file) {
    // The options from this reader's own Configuration: ParquetFileReader.open(InputFile) alone builds a new
    // Configuration per file, which parses Hadoop's default XML resources each time (about 20 ms a file, the
    // bulk of reading a 10,000-trial sweep's losses).
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf),
        HadoopReadOptions.builder(conf, file).build())) {
      MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
      MessageType requested = requestedSchema(file, fileSchema);
      reader.setRequestedSchema(requested);
      MessageColumnIO io = new ColumnIOFactory().getColumnIO(requested, fileSchema);
      List<LossRecord> records = new ArrayList<>();
      Materializer materializer = new Materializer(file.toString(), requested);
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        RecordReader<LossRecord> rows = io.getRecordReader(pages, materializer);
        for (long i = 0; i < pages.getRowCount(); i++) {
          materializer.rowNumber = records.size() + 1L;
          records.add(rows.read());
        }
      }
      return records;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read loss file " + file + ": " + e.getMessage(), e);
    } catch (ParquetDecodingException e) {
      throw new LossFormatException("cannot decode loss file " + file + ": " + e.getMessage(), e);
    } catch (LossFormatException e) {
      throw e;
    } catch (RuntimeException e) {
      // parquet-hadoop reports a file that is not Parquet at all (bad magic number) as a RuntimeException.
      throw new LossFormatException("cannot read loss file " + file + " as Parquet: " + e.getMessage(), e);
    }
  }

  private static MessageType requestedSchema(Path file, MessageType fileSchema) {
    List<Type> fields = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (LossColumn c : LossColumn.all()) {
      if (!fileSchema.containsField(c.columnName()) && c.optional()) {
        continue;
      }
      if (!fileSchema.containsField(c.columnName())) {
        problems.add("column '" + c.columnName() + "' (" + c.contractType() + ") is missing");
        continue;
      }
      Type t = fileSchema.getType(c.columnName());
      if (!t.isPrimitive() || !compatible(c.physicalType(), t.asPrimitiveType().getPrimitiveTypeName())) {
        problems.add("column '" + c.columnName() + "' has type " + describe(t) + " but the contract needs "
            + c.contractType());
        continue;
      }
      fields.add(t);
    }
    if (!problems.isEmpty()) {
      throw new LossFormatException("loss file " + file + " does not follow the loss-record contract: "
          + String.join("; ", problems) + ". Expected columns: " + expectedColumns());
    }
    return new MessageType("loss_record", fields);
  }

  static String expectedColumns() {
    StringBuilder sb = new StringBuilder();
    for (LossColumn c : LossColumn.all()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(c.columnName()).append(' ').append(c.contractType());
    }
    return sb.toString();
  }

  private static boolean compatible(PrimitiveTypeName wanted, PrimitiveTypeName actual) {
    return wanted == actual
        || (wanted == PrimitiveTypeName.INT64 && actual == PrimitiveTypeName.INT32)
        || (wanted == PrimitiveTypeName.DOUBLE && actual == PrimitiveTypeName.FLOAT);
  }

  private static String describe(Type t) {
    if (!t.isPrimitive()) {
      return "group";
    }
    return switch (t.asPrimitiveType().getPrimitiveTypeName()) {
      case BINARY -> "string";
      case INT64 -> "int64";
      case INT32 -> "int32";
      case DOUBLE -> "double";
      case FLOAT -> "float";
      case BOOLEAN -> "boolean";
      default -> t.asPrimitiveType().getPrimitiveTypeName().name().toLowerCase();
    };
  }

  /** Converts column values into a {@link RowBuilder}; the requested schema is in contract order, optional columns
   * a file lacks left out. */
  private static final class Materializer extends RecordMaterializer<LossRecord> {
    private final RowBuilder row;
    private final GroupConverter root;
    long rowNumber;

    Materializer(String source, MessageType requested) {
      this.row = new RowBuilder(source);
      Converter[] converters = new Converter[requested.getFieldCount()];
      for (LossColumn c : LossColumn.all()) {
        if (requested.containsField(c.columnName())) {
          converters[requested.getFieldIndex(c.columnName())] = new Cell(row, c);
        }
      }
      this.root = new GroupConverter() {
        @Override
        public Converter getConverter(int fieldIndex) {
          return converters[fieldIndex];
        }

        @Override
        public void start() {
          row.reset();
        }

        @Override
        public void end() {}
      };
    }

    @Override
    public LossRecord getCurrentRecord() {
      return row.build(rowNumber);
    }

    @Override
    public GroupConverter getRootConverter() {
      return root;
    }
  }

  private static final class Cell extends PrimitiveConverter {
    private final RowBuilder row;
    private final LossColumn column;

    Cell(RowBuilder row, LossColumn column) {
      this.row = row;
      this.column = column;
    }

    @Override
    public void addBinary(Binary value) {
      row.set(column, value.toStringUsingUTF8());
    }

    @Override
    public void addLong(long value) {
      row.set(column, value);
    }

    @Override
    public void addInt(int value) {
      row.set(column, column.physicalType() == PrimitiveTypeName.INT64 ? (Object) (long) value : (Object) value);
    }

    @Override
    public void addDouble(double value) {
      row.set(column, value);
    }

    @Override
    public void addFloat(float value) {
      row.set(column, (double) value);
    }
  }
}
