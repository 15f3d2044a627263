package io.cmrsweep.fit.spark;

import com.esotericsoftware.kryo.Kryo;
import io.cmrsweep.core.loss.LossRecord;
import io.cmrsweep.fit.bootstrap.Replicate;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.GroupKey;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Registers every class the fit job ships between JVMs, for {@code spark.kryo.registrationRequired=true}.
 * Records reachable from the shipped types (through components, lists and optionals) are found by
 * walking their declarations in a fixed order, so driver and executors assign the same ids.
 */
public final class FitKryoRegistrator implements KryoRegistrator {

  /** The roots of what crosses the wire: shuffled, broadcast, parallelized or collected. */
  static final List<Class<? extends Record>> SHIPPED = List.of(
      LossRecord.class, GroupKey.class, Group.class, ReplicateTask.class, Replicate.class, GroupReplicate.class);

  @Override
  public void registerClasses(Kryo kryo) {
    kryo.register(ArrayList.class);
    kryo.register(double[].class);
    kryo.register(long[].class);
    kryo.register(int[].class);
    kryo.register(String[].class);
    kryo.register(Object[].class);
    for (Class<?> type : reachable()) {
      register(kryo, type);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void register(Kryo kryo, Class<?> type) {
    if (type.isRecord()) {
      kryo.register(type, new RecordSerializer(type));
    } else {
      kryo.register(type);
    }
    kryo.register(java.lang.reflect.Array.newInstance(type, 0).getClass());
  }

  /** Shipped records and every record or enum they reach, in a deterministic order. */
  static Set<Class<?>> reachable() {
    Set<Class<?>> seen = new LinkedHashSet<>();
    for (Class<?> root : SHIPPED) {
      visit(root, seen);
    }
    return seen;
  }

  private static void visit(Type type, Set<Class<?>> seen) {
    if (type instanceof ParameterizedType p) {
      for (Type arg : p.getActualTypeArguments()) {
        visit(arg, seen);
      }
      return;
    }
    if (!(type instanceof Class<?> cls)) {
      return;
    }
    if (cls.isArray()) {
      visit(cls.getComponentType(), seen);
      return;
    }
    if (cls.isEnum() && seen.add(cls)) {
      return;
    }
    if (cls.isRecord() && seen.add(cls)) {
      for (RecordComponent c : cls.getRecordComponents()) {
        visit(c.getGenericType(), seen);
      }
    }
  }
}
