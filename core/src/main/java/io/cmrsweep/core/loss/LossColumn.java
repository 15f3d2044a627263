package io.cmrsweep.core.loss;

import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/** The columns of the loss-record contract (DESIGN 3.1), in file order, with their physical types. */
public enum LossColumn {
  SWEEP("sweep", PrimitiveTypeName.BINARY),
  TRIAL_ID("trial_id", PrimitiveTypeName.BINARY),
  DOMAIN("domain", PrimitiveTypeName.BINARY),
  MODEL("model", PrimitiveTypeName.BINARY),
  MODEL_PARAMS("model_params", PrimitiveTypeName.INT64),
  RATIO("ratio", PrimitiveTypeName.DOUBLE),
  SEED("seed", PrimitiveTypeName.INT32),
  STEP("step", PrimitiveTypeName.INT64),
  TOKENS("tokens", PrimitiveTypeName.INT64),
  GENERAL_LOSS("general_loss", PrimitiveTypeName.DOUBLE),
  DOMAIN_LOSS("domain_loss", PrimitiveTypeName.DOUBLE),
  ATTEMPT("attempt", PrimitiveTypeName.INT32),
  /** Optional: files written before it existed read as NaN. */
  GENERAL_BITS_PER_BYTE("general_bits_per_byte", PrimitiveTypeName.DOUBLE, true),
  /** Optional: files written before it existed read as NaN. */
  DOMAIN_BITS_PER_BYTE("domain_bits_per_byte", PrimitiveTypeName.DOUBLE, true);

  private static final List<LossColumn> ALL = List.of(values());

  private final String columnName;
  private final PrimitiveTypeName physicalType;
  private final boolean optional;

  LossColumn(String columnName, PrimitiveTypeName physicalType) {
    this(columnName, physicalType, false);
  }

  LossColumn(String columnName, PrimitiveTypeName physicalType, boolean optional) {
    this.columnName = columnName;
    this.physicalType = physicalType;
    this.optional = optional;
  }

  /** True for a column that readers fill with NaN when a file lacks it (added after the first release). */
  public boolean optional() {
    return optional;
  }

  public String columnName() {
    return columnName;
  }

  public PrimitiveTypeName physicalType() {
    return physicalType;
  }

  /** Type name used in error messages and the CSV docs: string, int64, int32 or double. */
  public String contractType() {
    return switch (physicalType) {
      case BINARY -> "string";
      case INT64 -> "int64";
      case INT32 -> "int32";
      case DOUBLE -> "double";
      default -> physicalType.name().toLowerCase();
    };
  }

  public static List<LossColumn> all() {
    return ALL;
  }

  /** The Parquet schema written by this project; every column required but the optional ones (nullable). */
  public static MessageType parquetSchema() {
    Types.MessageTypeBuilder builder = Types.buildMessage();
    for (LossColumn c : ALL) {
      if (c.physicalType == PrimitiveTypeName.BINARY) {
        builder.required(c.physicalType).as(LogicalTypeAnnotation.stringType()).named(c.columnName);
      } else if (c.optional) {
        builder.optional(c.physicalType).named(c.columnName);
      } else {
        builder.required(c.physicalType).named(c.columnName);
      }
    }
    return builder.named("loss_record");
  }
}
