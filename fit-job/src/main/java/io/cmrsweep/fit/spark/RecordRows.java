package io.cmrsweep.fit.spark;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Maps the fit's output records to Spark rows with an explicit schema: record components become
 * snake_case columns ({@code ciLow} -> {@code ci_low}), nested records become structs and lists become
 * arrays. Explicit schemas keep Parquet column names stable (bean encoders would derive them from getter
 * names, research note pitfall 10).
 */
final class RecordRows {
  private RecordRows() {}

  static StructType schema(Class<? extends Record> type) {
    List<StructField> fields = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      fields.add(DataTypes.createStructField(snake(c.getName()), dataType(c.getGenericType()), nullable(c)));
    }
    return DataTypes.createStructType(fields);
  }

  static Row row(Record value) {
    RecordComponent[] components = value.getClass().getRecordComponents();
    Object[] cells = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      cells[i] = cell(read(components[i], value));
    }
    return RowFactory.create(cells);
  }

  static String snake(String camel) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < camel.length(); i++) {
      char ch = camel.charAt(i);
      boolean boundary = Character.isUpperCase(ch) && i > 0
          && (Character.isLowerCase(camel.charAt(i - 1)) || Character.isDigit(camel.charAt(i - 1)));
      if (Character.isDigit(ch) && i > 0 && Character.isLetter(camel.charAt(i - 1))) {
        boundary = true;
      }
      if (boundary) {
        sb.append('_');
      }
      sb.append(Character.toLowerCase(ch));
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  private static boolean nullable(RecordComponent c) {
    return !c.getType().isPrimitive();
  }

  private static DataType dataType(Type type) {
    if (type instanceof Class<?> cls) {
      if (cls == double.class || cls == Double.class) {
        return DataTypes.DoubleType;
      }
      if (cls == long.class || cls == Long.class) {
        return DataTypes.LongType;
      }
      if (cls == int.class || cls == Integer.class) {
        return DataTypes.IntegerType;
      }
      if (cls == boolean.class || cls == Boolean.class) {
        return DataTypes.BooleanType;
      }
      if (cls == String.class || cls.isEnum()) {
        return DataTypes.StringType;
      }
      if (cls == double[].class) {
        return DataTypes.createArrayType(DataTypes.DoubleType, false);
      }
      if (cls == long[].class) {
        return DataTypes.createArrayType(DataTypes.LongType, false);
      }
      if (cls.isRecord()) {
        @SuppressWarnings("unchecked")
        Class<? extends Record> rec = (Class<? extends Record>) cls;
        return schema(rec);
      }
    }
    if (type instanceof ParameterizedType p) {
      Type raw = p.getRawType();
      if (raw == List.class) {
        return ArrayType.apply(dataType(p.getActualTypeArguments()[0]), true);
      }
      if (raw == Optional.class) {
        return dataType(p.getActualTypeArguments()[0]);
      }
    }
    throw new IllegalArgumentException("no Spark type for " + type.getTypeName());
  }

  private static Object cell(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Enum<?> e) {
      return e.name().toLowerCase(Locale.ROOT);
    }
    if (v instanceof Optional<?> o) {
      return o.map(RecordRows::cell).orElse(null);
    }
    if (v instanceof Record r) {
      return row(r);
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object item : list) {
        out.add(cell(item));
      }
      return scala.jdk.javaapi.CollectionConverters.asScala(out).toSeq();
    }
    if (v instanceof double[] d) {
      Double[] boxed = new Double[d.length];
      for (int i = 0; i < d.length; i++) {
        boxed[i] = d[i];
      }
      return scala.jdk.javaapi.CollectionConverters.asScala(List.of(boxed)).toSeq();
    }
    if (v instanceof long[] l) {
      List<Long> boxed = new ArrayList<>(l.length);
      for (long x : l) {
        boxed.add(x);
      }
      return scala.jdk.javaapi.CollectionConverters.asScala(boxed).toSeq();
    }
    return v;
  }

  private static Object read(RecordComponent c, Record value) {
    try {
      return c.getAccessor().invoke(value);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + c.getName() + " of " + value.getClass().getSimpleName(), e);
    }
  }
}
