package io.cmrsweep.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cmrsweep.core.loss.ParquetLossWriter.Commit;
import java.nio.file.Files;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetLossCodecTest {
  private final Configuration conf = new Configuration();

  @TempDir
  java.nio.file.Path dir;

  @Test
  void writesAndReadsBackEveryColumnExactly() {
    List<LossRecord> records = LossFixtures.trajectory(25);
    Path file = new Path(dir.toUri().toString(), "losses/domain=legal/model=m1/t1.parquet");

    assertThat(new ParquetLossWriter(conf).write(file, records)).isEqualTo(Commit.WRITTEN);

    assertThat(new ParquetLossReader(conf).read(file)).containsExactlyElementsOf(records);
  }

  @Test
  void writesAndReadsBackTheBitsPerByteColumns() {
    LossRecord r = new LossRecord("s", "t", "legal", "m", 10, 0.5, 1, 3, 96, 2.1, 3.2, 1, 1.25, 1.75);
    Path file = new Path(dir.toUri().toString(), "bpb.parquet");

    new ParquetLossWriter(conf).write(file, List.of(r));

    LossRecord back = new ParquetLossReader(conf).read(file).get(0);
    assertThat(back.generalBitsPerByte()).isEqualTo(1.25);
    assertThat(back.domainBitsPerByte()).isEqualTo(1.75);
  }

  @Test
  void readsAFileWrittenBeforeTheBitsPerByteColumnsWithNanInThem() throws Exception {
    MessageType schema = MessageTypeParser.parseMessageType("message loss_record { required binary sweep (STRING);"
        + " required binary trial_id (STRING); required binary domain (STRING); required binary model (STRING);"
        + " required int64 model_params; required double ratio; required int32 seed; required int64 step;"
        + " required int64 tokens; required double general_loss; required double domain_loss; required int32 attempt; }");
    Path file = new Path(dir.toUri().toString(), "old.parquet");
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, conf))
        .withConf(conf).withType(schema).build()) {
      w.write(new SimpleGroupFactory(schema).newGroup().append("sweep", "s").append("trial_id", "t")
          .append("domain", "d").append("model", "m").append("model_params", 1L).append("ratio", 0.5)
          .append("seed", 1).append("step", 0L).append("tokens", 0L).append("general_loss", 1.0)
          .append("domain_loss", 2.0).append("attempt", 1));
    }

    LossRecord r = new ParquetLossReader(conf).read(file).get(0);

    assertThat(r.domainLoss()).isEqualTo(2.0);
    assertThat(r.generalBitsPerByte()).isNaN();
    assertThat(r.domainBitsPerByte()).isNaN();
  }

  @Test
  void keepsNanAndInfiniteLossesOfADivergedRun() {
    List<LossRecord> records = List.of(
        LossFixtures.record(0, 1.8, 2.8),
        LossFixtures.record(4096, Double.NaN, Double.POSITIVE_INFINITY));
    Path file = new Path(dir.toUri().toString(), "diverged.parquet");

    new ParquetLossWriter(conf).write(file, records);

    List<LossRecord> back = new ParquetLossReader(conf).read(file);
    assertThat(back.get(1).generalLoss()).isNaN();
    assertThat(back.get(1).domainLoss()).isInfinite();
    assertThat(back.get(1).finite()).isFalse();
  }

  @Test
  void neverReplacesACommittedFileAndLeavesNoTemporaries() throws Exception {
    Path file = new Path(dir.toUri().toString(), "t1.parquet");
    ParquetLossWriter writer = new ParquetLossWriter(conf);
    writer.write(file, LossFixtures.trajectory(3));

    Commit second = writer.write(file, LossFixtures.trajectory(7));

    assertThat(second).isEqualTo(Commit.ALREADY_PRESENT);
    assertThat(new ParquetLossReader(conf).read(file)).hasSize(3);
    try (var listing = Files.list(dir)) {
      assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("t1.parquet");
    }
  }

  @Test
  void namesTheFileAndColumnWhenAColumnIsMissingOrHasTheWrongType() throws Exception {
    MessageType schema = MessageTypeParser.parseMessageType(
        "message m { required binary sweep (STRING); required binary trial_id (STRING);"
            + " required binary domain (STRING); required binary model (STRING); required int64 model_params;"
            + " required binary ratio (STRING); required int32 seed; required int64 step; required int64 tokens;"
            + " required double general_loss; required int32 attempt; }");
    Path file = new Path(dir.toUri().toString(), "bad.parquet");
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, conf))
        .withConf(conf).withType(schema).build()) {
      w.write(new SimpleGroupFactory(schema).newGroup().append("sweep", "s").append("trial_id", "t")
          .append("domain", "d").append("model", "m").append("model_params", 1L).append("ratio", "0.5")
          .append("seed", 1).append("step", 0L).append("tokens", 0L).append("general_loss", 1.0)
          .append("attempt", 1));
    }

    assertThatThrownBy(() -> new ParquetLossReader(conf).read(file))
        .isInstanceOf(LossFormatException.class)
        .hasMessageContaining("bad.parquet")
        .hasMessageContaining("column 'ratio' has type string but the contract needs double")
        .hasMessageContaining("column 'domain_loss' (double) is missing");
  }

  @Test
  void readsWidenedIntegerAndFloatColumnsWrittenByOtherTools() throws Exception {
    MessageType schema = MessageTypeParser.parseMessageType(
        "message m { optional binary sweep (STRING); optional binary trial_id (STRING);"
            + " optional binary domain (STRING); optional binary model (STRING); optional int32 model_params;"
            + " optional double ratio; optional int32 seed; optional int32 step; optional int64 tokens;"
            + " optional float general_loss; optional double domain_loss; optional int32 attempt;"
            + " optional binary note (STRING); }");
    Path file = new Path(dir.toUri().toString(), "spark-like.parquet");
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, conf))
        .withConf(conf).withType(schema).build()) {
      w.write(new SimpleGroupFactory(schema).newGroup().append("sweep", "s").append("trial_id", "t")
          .append("domain", "d").append("model", "m").append("model_params", 7).append("ratio", 0.5)
          .append("seed", 3).append("step", 2).append("tokens", 100L).append("general_loss", 1.5f)
          .append("domain_loss", 2.5).append("attempt", 1).append("note", "ignored"));
    }

    LossRecord r = new ParquetLossReader(conf).read(file).get(0);

    assertThat(r.modelParams()).isEqualTo(7L);
    assertThat(r.step()).isEqualTo(2L);
    assertThat(r.generalLoss()).isEqualTo(1.5);
  }

  @Test
  void rejectsARowThatBreaksTheContractNamingRowAndValue() throws Exception {
    MessageType schema = LossColumn.parquetSchema();
    Path file = new Path(dir.toUri().toString(), "ratio.parquet");
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(HadoopOutputFile.fromPath(file, conf))
        .withConf(conf).withType(schema).build()) {
      w.write(new SimpleGroupFactory(schema).newGroup().append("sweep", "s").append("trial_id", "t")
          .append("domain", "d").append("model", "m").append("model_params", 1L).append("ratio", 1.4)
          .append("seed", 1).append("step", 0L).append("tokens", 0L).append("general_loss", 1.0)
          .append("domain_loss", 2.0).append("attempt", 1));
    }

    assertThatThrownBy(() -> new ParquetLossReader(conf).read(file))
        .isInstanceOf(LossFormatException.class)
        .hasMessageContaining("ratio.parquet row 1: ratio=1.4 must be a domain share in [0, 1]");
  }
}
