package io.cmrsweep.core.fit;

import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/** Writes fit-output rows field by field, in {@link RowSchema} column order. */
final class FitWriteSupport<R extends Record> extends WriteSupport<R> {
  private final RowSchema<R> schema;
  private final MessageType messageType;
  private final Map<String, String> meta;
  private RecordConsumer consumer;

  FitWriteSupport(RowSchema<R> schema) {
    this.schema = schema;
    this.messageType = ParquetColumns.messageType(schema);
    this.meta = Map.of("cmr-sweep.contract", "fit-output/" + schema.type().getSimpleName());
  }

  @Override
  public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
    return new WriteContext(messageType, meta);
  }

  @Override
  public WriteContext init(ParquetConfiguration configuration) {
    return new WriteContext(messageType, meta);
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(R row) {
    Object[] cells = schema.cells(row);
    List<Column> columns = schema.columns();
    consumer.startMessage();
    for (int i = 0; i < cells.length; i++) {
      Column c = columns.get(i);
      consumer.startField(c.name(), i);
      if (c.type().isList()) {
        list((List<?>) cells[i]);
      } else {
        scalar(cells[i]);
      }
      consumer.endField(c.name(), i);
    }
    consumer.endMessage();
  }

  private void list(List<?> values) {
    consumer.startGroup();
    if (!values.isEmpty()) {
      consumer.startField(ParquetColumns.LIST, 0);
      for (Object v : values) {
        consumer.startGroup();
        consumer.startField(ParquetColumns.ELEMENT, 0);
        scalar(v);
        consumer.endField(ParquetColumns.ELEMENT, 0);
        consumer.endGroup();
      }
      consumer.endField(ParquetColumns.LIST, 0);
    }
    consumer.endGroup();
  }

  private void scalar(Object v) {
    if (v instanceof String s) {
      consumer.addBinary(Binary.fromString(s));
    } else if (v instanceof Long l) {
      consumer.addLong(l);
    } else if (v instanceof Integer n) {
      consumer.addInteger(n);
    } else if (v instanceof Double d) {
      consumer.addDouble(d);
    } else if (v instanceof Boolean b) {
      consumer.addBoolean(b);
    } else {
      throw new IllegalStateException("no Parquet value for a " + (v == null ? "null" : v.getClass().getName())
          + " cell");
    }
  }
}
