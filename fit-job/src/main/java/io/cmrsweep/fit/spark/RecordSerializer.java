package io.cmrsweep.fit.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kryo serializer for any Java record: writes the components in declaration order and reads them back
 * through the canonical constructor, so the record's invariants are checked on arrival and no final
 * field is ever written by reflection (which records forbid).
 */
final class RecordSerializer<T extends Record> extends Serializer<T> {
  private final RecordComponent[] components;
  private final Constructor<T> constructor;

  RecordSerializer(Class<T> type) {
    this.components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
    }
    try {
      this.constructor = type.getDeclaredConstructor(types);
      this.constructor.setAccessible(true);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("record " + type.getName() + " has no canonical constructor", e);
    }
    setImmutable(true);
  }

  @Override
  public void write(Kryo kryo, Output out, T value) {
    for (RecordComponent c : components) {
      Object v;
      try {
        v = c.getAccessor().invoke(value);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + c.getName(), e);
      }
      writeValue(kryo, out, c.getType(), v);
    }
  }

  @Override
  public T read(Kryo kryo, Input in, Class<T> type) {
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      args[i] = readValue(kryo, in, components[i].getType());
    }
    try {
      return constructor.newInstance(args);
    } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot rebuild " + type.getName(), e);
    }
  }

  private static void writeValue(Kryo kryo, Output out, Class<?> type, Object v) {
    if (type == double.class) {
      out.writeDouble((Double) v);
    } else if (type == long.class) {
      out.writeLong((Long) v);
    } else if (type == int.class) {
      out.writeInt((Integer) v);
    } else if (type == boolean.class) {
      out.writeBoolean((Boolean) v);
    } else if (type == String.class) {
      out.writeString((String) v);
    } else if (type == double[].class) {
      double[] a = (double[]) v;
      out.writeInt(a == null ? -1 : a.length);
      if (a != null) {
        out.writeDoubles(a);
      }
    } else if (type == long[].class) {
      long[] a = (long[]) v;
      out.writeInt(a == null ? -1 : a.length);
      if (a != null) {
        out.writeLongs(a);
      }
    } else if (type == int[].class) {
      int[] a = (int[]) v;
      out.writeInt(a == null ? -1 : a.length);
      if (a != null) {
        out.writeInts(a);
      }
    } else if (List.class.isAssignableFrom(type)) {
      List<?> list = (List<?>) v;
      out.writeInt(list == null ? -1 : list.size());
      if (list != null) {
        for (Object item : list) {
          kryo.writeClassAndObject(out, item);
        }
      }
    } else if (type == Optional.class) {
      Optional<?> o = (Optional<?>) v;
      boolean present = o != null && o.isPresent();
      out.writeBoolean(present);
      if (present) {
        kryo.writeClassAndObject(out, o.get());
      }
    } else {
      kryo.writeClassAndObject(out, v);
    }
  }

  private static Object readValue(Kryo kryo, Input in, Class<?> type) {
    if (type == double.class) {
      return in.readDouble();
    } else if (type == long.class) {
      return in.readLong();
    } else if (type == int.class) {
      return in.readInt();
    } else if (type == boolean.class) {
      return in.readBoolean();
    } else if (type == String.class) {
      return in.readString();
    } else if (type == double[].class) {
      int n = in.readInt();
      return n < 0 ? null : in.readDoubles(n);
    } else if (type == long[].class) {
      int n = in.readInt();
      return n < 0 ? null : in.readLongs(n);
    } else if (type == int[].class) {
      int n = in.readInt();
      return n < 0 ? null : in.readInts(n);
    } else if (List.class.isAssignableFrom(type)) {
      int n = in.readInt();
      if (n < 0) {
        return null;
      }
      List<Object> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(kryo.readClassAndObject(in));
      }
      return List.copyOf(list);
    } else if (type == Optional.class) {
      return in.readBoolean() ? Optional.of(kryo.readClassAndObject(in)) : Optional.empty();
    } else {
      return kryo.readClassAndObject(in);
    }
  }
}
