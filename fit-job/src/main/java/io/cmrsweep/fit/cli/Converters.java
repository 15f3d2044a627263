package io.cmrsweep.fit.cli;

import io.cmrsweep.core.amount.Amounts;
import io.cmrsweep.core.fit.Resampling;
import io.cmrsweep.core.loss.LossFormat;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters of the fit commands; picocli puts the option's name in front of their messages. */
final class Converters {
  private Converters() {}

  static final class Format implements ITypeConverter<LossFormat> {
    @Override
    public LossFormat convert(String value) {
      return LossFormat.parse(value.trim())
          .orElseThrow(() -> new TypeConversionException("'" + value + "' is not a format; use parquet or csv"));
    }
  }

  static final class Mode implements ITypeConverter<Resampling> {
    @Override
    public Resampling convert(String value) {
      return Resampling.parse(value).orElseThrow(() -> new TypeConversionException(
          "'" + value + "' is not a resampling mode; use " + Resampling.allowed()));
    }
  }

  /** A model size as the spec's fit.predictParams takes it: 7e9, 7B, 460M. */
  static final class Size implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      return Amounts.parse(value).orElseThrow(() -> new TypeConversionException("'" + value + "' is not a number of"
          + " parameters; write e.g. 7B or 7e9"));
    }
  }

  static final class Regex implements ITypeConverter<Pattern> {
    @Override
    public Pattern convert(String value) {
      try {
        return Pattern.compile(value);
      } catch (PatternSyntaxException e) {
        throw new TypeConversionException("'" + value + "' is not a regular expression (" + e.getDescription()
            + " near index " + e.getIndex() + "); escape special characters, e.g. 'quickstart/legal/.*'");
      }
    }
  }
}
