package chaincast.cli;

import java.math.BigDecimal;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Path counts as people write them: {@code 1000000}, {@code 1_000_000}, {@code 1,000,000}, {@code
 * 1e6} or {@code 2.5e5}; anything that is not a whole number is refused with what was given.
 */
final class WholeNumberConverter implements ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    String plain = value.strip().replace("_", "").replace(",", "");
    try {
      return new BigDecimal(plain).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a whole number (write 1000000, 1_000_000 or 1e6)");
    }
  }
}
