package io.cmrsweep.fit.cli;

import io.cmrsweep.core.fit.FitParameters;
import io.cmrsweep.core.fit.FitParametersException;
import io.cmrsweep.core.fit.PredictParams;
import io.cmrsweep.core.fit.Resampling;
import io.cmrsweep.core.loss.LossFormat;
import io.cmrsweep.fit.cmr.FitSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every fit command shares (DESIGN 3.4), mixed into the Spark fit job and the local fit.
 * The fit parameters keep the names the sweep spec's {@code fit:} section uses and are validated by
 * {@link FitParameters}, so a value the spec refuses is refused here with the same words.
 */
public final class FitOptions {
  private static final FitParameters D = FitParameters.defaults();

  @Spec(Spec.Target.MIXEE)
  private CommandSpec command;

  @ArgGroup(exclusive = true, multiplicity = "1")
  private Input input;

  /** Exactly one of {@code --input} and {@code --input-list}. */
  static final class Input {
    @Option(names = "--input", required = true, paramLabel = "<dir|file>",
        description = "loss records: a file or a directory searched recursively (file://, hdfs://, s3a://)")
    private String under;

    @Option(names = "--input-list", required = true, paramLabel = "<file>",
        description = "a text file naming one loss file per line (cmr fit writes <root>/<sweep>/fits/inputs.txt"
            + " with the current spec's cells only); instead of --input")
    private String listedIn;
  }

  @Option(names = "--output", required = true, paramLabel = "<dir>",
      description = "directory for the fit outputs (cmr, laws, curves)")
  private String output;

  @Option(names = "--format", paramLabel = "parquet|csv", converter = Converters.Format.class,
      description = "input format (default: parquet)")
  private LossFormat format = LossFormat.PARQUET;

  @Option(names = "--" + FitParameters.BOOTSTRAP, paramLabel = "N",
      description = "bootstrap replicates per group; 0 = point estimate only (default: ${DEFAULT-VALUE})")
  private int bootstrap = D.bootstrap();

  @Option(names = "--" + FitParameters.LEVEL, paramLabel = "L",
      description = "confidence level of the percentile interval, in (0, 1) (default: ${DEFAULT-VALUE})")
  private double level = D.level();

  @Option(names = "--" + FitParameters.EPS, paramLabel = "E",
      description = "general-loss tolerance in nats, > 0 (default: ${DEFAULT-VALUE})")
  private double eps = D.eps();

  @Option(names = "--" + FitParameters.LAMBDA, paramLabel = "L",
      description = "weight of the general-loss term in F(R, T), > 0 (default: ${DEFAULT-VALUE})")
  private double lambda = D.lambda();

  @Option(names = "--" + FitParameters.SEED, paramLabel = "S",
      description = "seed of the bootstrap; results do not depend on partitioning (default: ${DEFAULT-VALUE})")
  private long seed = D.seed();

  @Option(names = "--" + FitParameters.RESAMPLING, paramLabel = "MODE", converter = Converters.Mode.class,
      description = "auto | checkpoint | seed | residual | wild | block (default: auto: by seed when every cell has >= 2"
          + " seeds, else wild residuals around the fitted token laws)")
  private Resampling resampling = D.resampling();

  @Option(names = PredictParams.OPTION, paramLabel = "N[,N...]", split = ",", converter = Converters.Size.class,
      description = "model sizes in parameters at which to predict the CMR from the size law, e.g. 1e9,7e9 or 1B,7B"
          + " (the spec's fit." + PredictParams.KEY + "; default: none)")
  private List<Double> predictParams = new ArrayList<>();

  @Option(names = "--groups", paramLabel = "REGEX", converter = Converters.Regex.class,
      description = "only groups whose sweep/domain/model matches it, e.g. 'quickstart/.*'")
  private Pattern groups;

  public LossSource input() {
    return input.listedIn != null ? LossSource.listedIn(input.listedIn) : LossSource.under(input.under);
  }

  public String output() {
    return output;
  }

  public LossFormat format() {
    return format;
  }

  public Optional<Pattern> groups() {
    return Optional.ofNullable(groups);
  }

  /** The target sizes of the size law; a usage error (exit 2) naming every bad entry otherwise. */
  public PredictParams predictParams() {
    try {
      return PredictParams.of(predictParams, PredictParams.OPTION);
    } catch (FitParametersException e) {
      throw new ParameterException(command.commandLine(), String.join(System.lineSeparator(), e.problems()));
    }
  }

  /** The fit settings; a usage error (exit 2) naming every bad option at once otherwise. */
  public FitSettings settings() {
    try {
      return FitSettings.of(FitParameters.of(eps, lambda, level, bootstrap, seed, resampling, k -> "--" + k));
    } catch (FitParametersException e) {
      throw new ParameterException(command.commandLine(), String.join(System.lineSeparator(), e.problems()));
    }
  }
}
