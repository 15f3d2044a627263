package io.cmrsweep.fit.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.cmrsweep.fit.cmr.FitSettings;
import io.cmrsweep.fit.group.Group;
import io.cmrsweep.fit.group.GroupAssembler;
import io.cmrsweep.core.fit.CmrRow;
import io.cmrsweep.fit.output.FitRows;
import io.cmrsweep.fit.synthetic.SyntheticSweep;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** What a Spark job ships between driver and executors survives Java serialization unchanged. */
class SerializationTest {

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  @Test
  void groupsSettingsBootstrapReplicatesAndRowsRoundTrip() throws Exception {
    Group g = new GroupAssembler().assemble(SyntheticSweep.reference(1e-5).records(2)).get(0);
    assertThat(roundTrip(g)).isEqualTo(g);
    Bootstrap bootstrap = roundTrip(new Bootstrap(FitSettings.defaults()));
    Replicate r = bootstrap.replicate(roundTrip(g), 3);
    assertThat(roundTrip(r)).isEqualTo(r).isEqualTo(new Bootstrap(FitSettings.defaults()).replicate(g, 3));
    BootstrapRun run = new Bootstrap(FitSettings.defaults()).runAll(g, 3);
    CmrRow row = FitRows.cmr(run.point(), run.summary());
    assertThat(roundTrip(row)).isEqualTo(row);
    assertThat(roundTrip(run.summary())).isEqualTo(run.summary());
  }
}
