package io.cmrsweep.core.loss;

import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/** Writes {@link LossRecord}s field by field, in {@link LossColumn} order. */
final class LossWriteSupport extends WriteSupport<LossRecord> {
  private final MessageType schema = LossColumn.parquetSchema();
  private RecordConsumer consumer;

  @Override
  public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
    return new WriteContext(schema, Map.of("cmr-sweep.contract", "loss-record/1"));
  }

  @Override
  public WriteContext init(ParquetConfiguration configuration) {
    return new WriteContext(schema, Map.of("cmr-sweep.contract", "loss-record/1"));
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(LossRecord r) {
    consumer.startMessage();
    string(LossColumn.SWEEP, r.sweep());
    string(LossColumn.TRIAL_ID, r.trialId());
    string(LossColumn.DOMAIN, r.domain());
    string(LossColumn.MODEL, r.model());
    int64(LossColumn.MODEL_PARAMS, r.modelParams());
    float64(LossColumn.RATIO, r.ratio());
    int32(LossColumn.SEED, r.seed());
    int64(LossColumn.STEP, r.step());
    int64(LossColumn.TOKENS, r.tokens());
    float64(LossColumn.GENERAL_LOSS, r.generalLoss());
    float64(LossColumn.DOMAIN_LOSS, r.domainLoss());
    int32(LossColumn.ATTEMPT, r.attempt());
    float64(LossColumn.GENERAL_BITS_PER_BYTE, r.generalBitsPerByte());
    float64(LossColumn.DOMAIN_BITS_PER_BYTE, r.domainBitsPerByte());
    consumer.endMessage();
  }

  private void string(LossColumn c, String v) {
    consumer.startField(c.columnName(), c.ordinal());
    consumer.addBinary(Binary.fromString(v));
    consumer.endField(c.columnName(), c.ordinal());
  }

  private void int64(LossColumn c, long v) {
    consumer.startField(c.columnName(), c.ordinal());
    consumer.addLong(v);
    consumer.endField(c.columnName(), c.ordinal());
  }

  private void int32(LossColumn c, int v) {
    consumer.startField(c.columnName(), c.ordinal());
    consumer.addInteger(v);
    consumer.endField(c.columnName(), c.ordinal());
  }

  private void float64(LossColumn c, double v) {
    consumer.startField(c.columnName(), c.ordinal());
    consumer.addDouble(v);
    consumer.endField(c.columnName(), c.ordinal());
  }
}
