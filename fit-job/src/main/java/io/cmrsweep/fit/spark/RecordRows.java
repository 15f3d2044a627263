package io.cmrsweep.fit.spark;

import io.cmrsweep.fit.output.ResultRow;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Maps the fit's result rows to Spark rows with an explicit schema: column names and order come from
 * {@link ResultRow#columns()} (the contract's snake_case names), column types from the row record's
 * declared component types, so a list that happens to be empty still has its element type. Explicit
 * schemas keep Parquet column names stable (bean encoders derive them from getters, research pitfall 10).
 */
final class RecordRows {
  private RecordRows() {}

  static StructType schema(ResultRow sample) {
    RecordComponent[] components = components(sample);
    Iterator<String> names = sample.columns().keySet().iterator();
    List<StructField> fields = new ArrayList<>();
    for (RecordComponent c : components) {
      fields.add(DataTypes.createStructField(names.next(), dataType(c.getGenericType()), !c.getType().isPrimitive()));
    }
    return DataTypes.createStructType(fields);
  }

  static Row row(ResultRow value) {
    Map<String, Object> columns = value.columns();
    Object[] cells = new Object[columns.size()];
    int i = 0;
    for (Object v : columns.values()) {
      cells[i++] = v instanceof List<?> list ? scala.jdk.javaapi.CollectionConverters.asScala(list).toSeq() : v;
    }
    return RowFactory.create(cells);
  }

  private static RecordComponent[] components(ResultRow sample) {
    if (!sample.getClass().isRecord()) {
      throw new IllegalArgumentException(sample.getClass().getName() + " is not a record");
    }
    RecordComponent[] components = sample.getClass().getRecordComponents();
    if (components.length != sample.columns().size()) {
      throw new IllegalStateException(sample.getClass().getSimpleName() + " declares " + components.length
          + " components but " + sample.columns().size() + " columns");
    }
    return components;
  }

  private static DataType dataType(Type type) {
    if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
      return DataTypes.createArrayType(dataType(p.getActualTypeArguments()[0]), true);
    }
    if (type == double.class || type == Double.class) {
      return DataTypes.DoubleType;
    }
    if (type == long.class || type == Long.class) {
      return DataTypes.LongType;
    }
    if (type == int.class || type == Integer.class) {
      return DataTypes.IntegerType;
    }
    if (type == boolean.class || type == Boolean.class) {
      return DataTypes.BooleanType;
    }
    if (type == String.class) {
      return DataTypes.StringType;
    }
    throw new IllegalArgumentException("no Spark column type for " + type.getTypeName());
  }
}
