#include "kube/quantity.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace horizon::kube {
namespace {

using Format = Quantity::Format;

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
constexpr int64_t kInt64Min = std::numeric_limits<int64_t>::min();

// Parses text that the test itself expects to be valid.
Quantity Q(const std::string& text) {
  absl::StatusOr<Quantity> q = Quantity::Parse(text);
  EXPECT_TRUE(q.ok()) << text << ": " << q.status();
  return q.ok() ? *q : Quantity();
}

const char* FormatName(Format f) {
  switch (f) {
    case Format::kDecimalSI:
      return "DecimalSI";
    case Format::kBinarySI:
      return "BinarySI";
    case Format::kDecimalExponent:
      return "DecimalExponent";
  }
  return "?";
}

// Most expectations come from upstream's quantity_test.go tables
// (TestQuantityParse, TestQuantityString, TestQuantityParseEmit,
// TestParseQuantitySubNanoRoundsUp); the canonical string stands for the value.
struct ParseCase {
  std::string name;
  std::string input;
  std::string canonical;
  Format format;
};

TEST(QuantityTest, ParsesAndPrintsCanonically) {
  const std::vector<ParseCase> cases = {
      // Zeros of every flavour print as "0" but keep the suffix's format.
      {"zero", "0", "0", Format::kDecimalSI},
      {"zero nano", "0n", "0", Format::kDecimalSI},
      {"zero kibi keeps binary format", "0Ki", "0", Format::kBinarySI},
      {"zero exponent", "0e5", "0", Format::kDecimalExponent},
      {"zero with huge negative exponent", "0e-2147483647", "0", Format::kDecimalExponent},
      {"negative zero", "-0", "0", Format::kDecimalSI},
      {"double zero", "00", "0", Format::kDecimalSI},
      {"signed zero fraction", "+0.000", "0", Format::kDecimalSI},
      // Binary suffixes.
      {"one", "1", "1", Format::kDecimalSI},
      {"kibi", "1Ki", "1Ki", Format::kBinarySI},
      {"8 kibi", "8Ki", "8Ki", Format::kBinarySI},
      {"mebi", "7Mi", "7Mi", Format::kBinarySI},
      {"gibi", "6Gi", "6Gi", Format::kBinarySI},
      {"tebi", "5Ti", "5Ti", Format::kBinarySI},
      {"pebi", "4Pi", "4Pi", Format::kBinarySI},
      {"exbi", "3Ei", "3Ei", Format::kBinarySI},
      {"1024Mi is 1Gi", "1024Mi", "1Gi", Format::kBinarySI},
      {"307200Ki is 300Mi", "307200Ki", "300Mi", Format::kBinarySI},
      {"1025024Mi is 1001Gi", "1025024Mi", "1001Gi", Format::kBinarySI},
      {"1024Gi is 1Ti", "1024Gi", "1Ti", Format::kBinarySI},
      // Decimal suffixes.
      {"nano", "5n", "5n", Format::kDecimalSI},
      {"micro", "4u", "4u", Format::kDecimalSI},
      {"milli", "3m", "3m", Format::kDecimalSI},
      {"kilo", "8k", "8k", Format::kDecimalSI},
      {"50 kilo", "50k", "50k", Format::kDecimalSI},
      {"mega", "7M", "7M", Format::kDecimalSI},
      {"giga", "6G", "6G", Format::kDecimalSI},
      {"tera", "5T", "5T", Format::kDecimalSI},
      {"40 tera", "40T", "40T", Format::kDecimalSI},
      {"peta", "2P", "2P", Format::kDecimalSI},
      {"exa", "1E", "1E", Format::kDecimalSI},
      {"12 exa", "12E", "12E", Format::kDecimalSI},
      {"1000M is 1G", "1000M", "1G", Format::kDecimalSI},
      {"0.001T is 1G", "0.001T", "1G", Format::kDecimalSI},
      {"1000u is 1m", "1000u", "1m", Format::kDecimalSI},
      {"1080000000n is 1080m", "1080000000n", "1080m", Format::kDecimalSI},
      {"1000 is 1k", "1000", "1k", Format::kDecimalSI},
      {"half is 500m", "0.5", "500m", Format::kDecimalSI},
      {"1500m stays", "1500m", "1500m", Format::kDecimalSI},
      {"100m stays", "100m", "100m", Format::kDecimalSI},
      // Decimal exponents: the printed exponent is a multiple of three.
      {"exponent milli", "1E-3", "1e-3", Format::kDecimalExponent},
      {"exponent kilo", "1e3", "1e3", Format::kDecimalExponent},
      {"exponent mega", "1E6", "1e6", Format::kDecimalExponent},
      {"exponent 14", "1e14", "100e12", Format::kDecimalExponent},
      {"explicit plus exponent", "1.3E+6", "1300e3", Format::kDecimalExponent},
      {"exponent with fraction", "1.2e3", "1200", Format::kDecimalExponent},
      {"exponent trailing zero fraction", "1.40e9", "1400e6", Format::kDecimalExponent},
      {"half e0", "0.5e0", "500e-3", Format::kDecimalExponent},
      {"half e-1", "0.5e-1", "50e-3", Format::kDecimalExponent},
      {".001e12 is 1e9", ".001e12", "1e9", Format::kDecimalExponent},
      {"1000e-12 is 1e-9", "1000e-12", "1e-9", Format::kDecimalExponent},
      {"three hundred e6", "300e6", "300e6", Format::kDecimalExponent},
      // Fractions with suffixes.
      {"fraction kilo", "100.035k", "100035", Format::kDecimalSI},
      {"fraction mega", "10.035M", "10035k", Format::kDecimalSI},
      {"fraction units", "9.01", "9010m", Format::kDecimalSI},
      {"fraction 8.1k", "8.1k", "8100", Format::kDecimalSI},
      {"fraction micro-precision mega", "7.123456M", "7123456", Format::kDecimalSI},
      {"fraction nano-precision giga", "6.987654321G", "6987654321", Format::kDecimalSI},
      {"fraction tera", "5.444T", "5444G", Format::kDecimalSI},
      {"fraction peta", "2.5P", "2500T", Format::kDecimalSI},
      {"fraction exa", "1.01E", "1010P", Format::kDecimalSI},
      {"tiny fraction kilo", "0.0005k", "500m", Format::kDecimalSI},
      {"1.08 is 1080m", "1.08", "1080m", Format::kDecimalSI},
      // Below nano everything rounds up (away from zero) to the next nano.
      {"round 3.001n", "3.001n", "4n", Format::kDecimalSI},
      {"round 1.1e-9", "1.1E-9", "2e-9", Format::kDecimalExponent},
      {"round tenth of a nano", "0.0000000001", "1n", Format::kDecimalSI},
      {"round 0.00000012345", "0.00000012345", "124n", Format::kDecimalSI},
      {"round half nano exponent", "0.5e-9", "1e-9", Format::kDecimalExponent},
      {"round 0.9n", "0.9n", "1n", Format::kDecimalSI},
      {"round negative away from zero", "-0.0000000001", "-1n", Format::kDecimalSI},
      {"round 1e-100", "1e-100", "1e-9", Format::kDecimalExponent},
      {"round smallest exponent", "1e-2147483647", "1e-9", Format::kDecimalExponent},
      {"round long mantissa exact", "1000000000000000000000e-30", "1e-9", Format::kDecimalExponent},
      {"round long mantissa up", "1000000000000000000001e-30", "2e-9", Format::kDecimalExponent},
      {"round long mantissa below", "999999999999999999999e-30", "1e-9", Format::kDecimalExponent},
      {"round long fraction", "1.0000000000000000000000000000000000000000001", "1000000001n",
       Format::kDecimalSI},
      // Fractional binary values: integers keep BinarySI, others print DecimalSI.
      {"half mebi", "0.5Mi", "512Ki", Format::kBinarySI},
      {"half gibi", "0.5Gi", "512Mi", Format::kBinarySI},
      {"1.5Gi", "1.5Gi", "1536Mi", Format::kBinarySI},
      {"1.5Ki has no binary suffix", "1.5Ki", "1536", Format::kBinarySI},
      {"1.1Ki is not an integer", "1.1Ki", "1126400m", Format::kBinarySI},
      {"100.035Ki", "100.035Ki", "102435840m", Format::kBinarySI},
      {"0.05Gi", "0.05Gi", "53687091200m", Format::kBinarySI},
      {"0.025Ti", "0.025Ti", "27487790694400m", Format::kBinarySI},
      {"binary under 1024 prints decimal", "0.5Ki", "512", Format::kBinarySI},
      {".001Ki", ".001Ki", "1024m", Format::kBinarySI},
      {"binary below one becomes decimal", ".000001Ki", "1024u", Format::kDecimalSI},
      {"binary nano", ".000000001Ki", "1024n", Format::kDecimalSI},
      {"binary below nano rounds up", ".000000000001Ki", "2n", Format::kDecimalSI},
      {"binary far below nano", "0.00000000000000000000001Ki", "1n", Format::kDecimalSI},
      {"binary long fraction rounds up", "1." + std::string(100, '0') + "1Ki", "1024000000001n",
       Format::kBinarySI},
      {"7Ei fits int64", "7Ei", "7Ei", Format::kBinarySI},
      {"9Ei caps at int64 max", "9Ei", "9223372036854775807", Format::kBinarySI},
      {"8Ei caps at int64 max", "8Ei", "9223372036854775807", Format::kBinarySI},
      {"huge kibi caps", "9223372036854775807Ki", "9223372036854775807", Format::kBinarySI},
      {"negative cap", "-9Ei", "-9223372036854775807", Format::kBinarySI},
      {"many digit exbi caps", std::string(60, '9') + "Ei", "9223372036854775807",
       Format::kBinarySI},
      // Upstream's grammar quirks and signs.
      {"leading dot", ".001", "1m", Format::kDecimalSI},
      {"leading dot kilo", ".0001k", "100m", Format::kDecimalSI},
      {"trailing dot", "1.", "1", Format::kDecimalSI},
      {"trailing dot with suffix", "1.G", "1G", Format::kDecimalSI},
      {"explicit plus", "+1.5", "1500m", Format::kDecimalSI},
      {"negative milli", "-100m", "-100m", Format::kDecimalSI},
      {"negative binary", "-1.5Gi", "-1536Mi", Format::kBinarySI},
      {"negative 2048", "-2048Ki", "-2Mi", Format::kBinarySI},
      {"leading zeros", "000012k", "12k", Format::kDecimalSI},
      // Past int64 and past the suffix tables.
      {"int64 max", "9223372036854775807", "9223372036854775807", Format::kDecimalSI},
      {"past int64", "9223372036854775808", "9223372036854775808", Format::kDecimalSI},
      {"past exa uses e-notation", "1000E", "1e21", Format::kDecimalSI},
      {"5000E", "5000E", "5e21", Format::kDecimalSI},
      {"1e24 in DecimalSI", "1000000E", "1e24", Format::kDecimalSI},
      {"36 digits", "123456789012345678901234567890123456", "123456789012345678901234567890123456",
       Format::kDecimalSI},
      {"int128 max digits", "170141183460469231731687303715884105727",
       "170141183460469231731687303715884105727", Format::kDecimalSI},
      {"ten to the fifty", "1" + std::string(50, '0'), "100e48", Format::kDecimalSI},
      {"big exponent", "1e30", "1e30", Format::kDecimalExponent},
      {"largest exponent", "1e2147483583", "1e2147483583", Format::kDecimalExponent},
      {"largest exponent, padded", "1e2147483582", "100e2147483580", Format::kDecimalExponent},
  };
  for (const ParseCase& c : cases) {
    SCOPED_TRACE(c.name + ": " + c.input);
    absl::StatusOr<Quantity> q = Quantity::Parse(c.input);
    ASSERT_TRUE(q.ok()) << q.status();
    EXPECT_EQ(q->ToString(), c.canonical);
    EXPECT_EQ(FormatName(q->format()), std::string(FormatName(c.format)));
    // The canonical form denotes the same value.
    absl::StatusOr<Quantity> again = Quantity::Parse(c.canonical);
    ASSERT_TRUE(again.ok()) << again.status();
    EXPECT_EQ(again->Compare(*q), 0) << again->ToString();
    // Signs flip cleanly (upstream: never "-0").
    if (!q->IsZero()) {
      absl::StatusOr<Quantity> negative = Quantity::Parse("-" + c.input);
      if (c.input[0] != '-' && c.input[0] != '+') {
        ASSERT_TRUE(negative.ok()) << negative.status();
        EXPECT_EQ(negative->ToString(), "-" + c.canonical);
        EXPECT_EQ(negative->Compare(q->Negated()), 0);
      }
    } else {
      EXPECT_EQ(q->Negated().ToString(), "0");
    }
  }
}

// Quantities built in code rather than parsed; expectations from upstream's
// TestQuantityString and TestBinarySIZeroExponentString.
struct PrintCase {
  std::string name;
  Quantity q;
  std::string canonical;
};

TEST(QuantityTest, PrintsConstructedQuantities) {
  const std::vector<PrintCase> cases = {
      {"binary 1Gi", Quantity::FromInt(int64_t{1} << 30, Format::kBinarySI), "1Gi"},
      {"binary 300Mi", Quantity::FromInt(int64_t{300} << 20, Format::kBinarySI), "300Mi"},
      {"binary 6Ki", Quantity::FromInt(6 * 1024, Format::kBinarySI), "6Ki"},
      {"binary 1001Gi", Quantity::FromInt(int64_t{1001} << 30, Format::kBinarySI), "1001Gi"},
      {"binary 1Ti", Quantity::FromInt(int64_t{1} << 40, Format::kBinarySI), "1Ti"},
      {"binary small integer", Quantity::FromInt(5, Format::kBinarySI), "5"},
      {"binary milli", Quantity::FromMilli(500, Format::kBinarySI), "500m"},
      {"binary 1234567m", Quantity::FromMilli(1234567, Format::kBinarySI), "1234567m"},
      {"binary 1025", Quantity::FromInt(1025, Format::kBinarySI), "1025"},
      {"binary 2000", Quantity::FromInt(2000, Format::kBinarySI), "2000"},
      {"binary -2000", Quantity::FromInt(-2000, Format::kBinarySI), "-2000"},
      {"binary -2048", Quantity::FromInt(-2048, Format::kBinarySI), "-2Ki"},
      {"binary zero", Quantity::FromInt(0, Format::kBinarySI), "0"},
      {"decimal 1G", Quantity::FromInt(1000000000), "1G"},
      {"decimal 1m", Quantity::FromMilli(1), "1m"},
      {"decimal 80m", Quantity::FromMilli(80), "80m"},
      {"decimal 1080m", Quantity::FromMilli(1080), "1080m"},
      {"decimal 300M", Quantity::FromInt(300000000), "300M"},
      {"decimal 1T", Quantity::FromInt(1000000000000), "1T"},
      {"decimal 1234567M", Quantity::FromInt(1234567000000), "1234567M"},
      {"decimal 3k", Quantity::FromInt(3000), "3k"},
      {"decimal -9010m", Quantity::FromMilli(-9010), "-9010m"},
      {"decimal int64 min", Quantity::FromInt(kInt64Min), "-9223372036854775808"},
      {"default is zero", Quantity(), "0"},
      {"exponent 1e9", Quantity::FromInt(1000000000, Format::kDecimalExponent), "1e9"},
      {"exponent 1e-3", Quantity::FromMilli(1, Format::kDecimalExponent), "1e-3"},
      {"exponent 80e-3", Quantity::FromMilli(80, Format::kDecimalExponent), "80e-3"},
      {"exponent 300e6", Quantity::FromInt(300000000, Format::kDecimalExponent), "300e6"},
      {"exponent 3e3", Quantity::FromInt(3000, Format::kDecimalExponent), "3e3"},
      {"exponent 1500", Quantity::FromInt(1500, Format::kDecimalExponent), "1500"},
      {"exponent zero", Quantity::FromInt(0, Format::kDecimalExponent), "0"},
  };
  for (const PrintCase& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(c.q.ToString(), c.canonical);
    if (!c.q.IsZero() && c.canonical[0] != '-') {
      EXPECT_EQ(c.q.Negated().ToString(), "-" + c.canonical);
    }
    EXPECT_EQ(Q(c.canonical).Compare(c.q), 0);
  }
}

// BinarySI values past the Ei suffix can only come from arithmetic (parsing
// caps BinarySI at 2^63-1); upstream prints them in decimal notation.
TEST(QuantityTest, PrintsBinaryValuesPastExbi) {
  struct Case {
    std::string name;
    Quantity q;
    std::string canonical;
  };
  const auto doubled = [](Quantity q, int times) {
    for (int i = 0; i < times; ++i) q.Add(Quantity(q));
    return q;
  };
  // digits * 10^exponent in BinarySI, built only from exact additions of
  // operands with equal exponents (nine self-additions multiply by ten).
  const auto binary = [](int64_t digits, int exponent) {
    Quantity q = Quantity::FromInt(digits, Format::kBinarySI);
    for (int e = 0; e < exponent; ++e) {
      const Quantity once = q;
      for (int i = 0; i < 9; ++i) q.Add(once);
    }
    return q;
  };
  const std::vector<Case> cases = {
      {"2^70 prints its digits", doubled(Q("1Ei"), 10), "1180591620717411303424"},
      {"3 * 2^70", doubled(Q("3Ei"), 10), "3541774862152233910272"},
      {"2^69 is 512Ei", doubled(Q("1Ei"), 9), "512Ei"},
      {"10^70 uses e-notation", binary(1, 70), "10e69"},
      {"10^72", binary(1, 72), "1e72"},
      {"10^60 is 5^60 Ei", binary(1, 60), "867361737988403547205962240695953369140625Ei"},
      {"4e58 is 5^58 Ei", binary(4, 58), "34694469519536141888238489627838134765625Ei"},
      {"7e30 is a multiple of 1Gi", binary(7, 30), "6519258022308349609375Gi"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(FormatName(c.q.format()), std::string("BinarySI"));
    EXPECT_EQ(c.q.ToString(), c.canonical);
  }
  // Exact arithmetic: the binary detour did not disturb the value.
  EXPECT_EQ(binary(1, 60), Q("1e60"));
  EXPECT_EQ(binary(4, 58), Q("4e58"));
  EXPECT_EQ(doubled(Q("1Ei"), 10), Q("1180591620717411303424"));
}

struct RoundingCase {
  std::string name;
  std::string input;
  int64_t milli;
  int64_t value;
};

TEST(QuantityTest, MilliValueAndValueRoundUpAndSaturate) {
  const std::vector<RoundingCase> cases = {
      {"one", "1", 1000, 1},
      {"half", "500m", 500, 1},
      {"one and a half", "1.5", 1500, 2},
      {"a tenth over one milli", "1.0001m", 2, 1},
      {"sub milli", "0.1m", 1, 1},
      {"one nano", "1n", 1, 1},
      {"rounded nano", "1e-100", 1, 1},
      {"zero", "0", 0, 0},
      {"gibi", "1Gi", 1073741824000, 1073741824},
      {"100Mi", "100Mi", 104857600000, 104857600},
      {"negative milli rounds towards +inf", "-1.5m", -1, 0},
      {"negative one and a half", "-1.5", -1500, -1},
      {"negative two and a half", "-2.5", -2500, -2},
      {"negative nano", "-1n", 0, 0},
      {"int64 max", "9223372036854775807", kInt64Max, kInt64Max},
      {"int64 min", "-9223372036854775808", kInt64Min, kInt64Min},
      {"milli at the int64 edge", "9223372036854775.807", kInt64Max, 9223372036854776},
      {"milli one past the int64 edge", "9223372036854775.808", kInt64Max, 9223372036854776},
      {"negative milli at the edge", "-9223372036854775.808", kInt64Min, -9223372036854775},
      {"past int64 saturates", "1e30", kInt64Max, kInt64Max},
      {"negative past int64 saturates", "-1e30", kInt64Min, kInt64Min},
      {"far past int64 saturates", "1e2147483583", kInt64Max, kInt64Max},
      {"capped binary", "9Ei", kInt64Max, kInt64Max},
  };
  for (const RoundingCase& c : cases) {
    SCOPED_TRACE(c.name + ": " + c.input);
    const Quantity q = Q(c.input);
    EXPECT_EQ(q.MilliValue(), c.milli);
    EXPECT_EQ(q.Value(), c.value);
    EXPECT_EQ(q.ScaledValue(-3), c.milli);
    EXPECT_EQ(q.ScaledValue(0), c.value);
  }
}

TEST(QuantityTest, ScaledValue) {
  struct Case {
    std::string name;
    std::string input;
    int scale;
    int64_t want;
  };
  const std::vector<Case> cases = {
      {"kilo of 1.5k rounds up", "1.5k", 3, 2},
      {"micro of 1.5k", "1.5k", -6, 1500000000},
      {"negative kilo rounds towards +inf", "-1.5k", 3, -1},
      {"nano of one", "1", -9, 1000000000},
      {"tiny positive share rounds to one", "1", 40, 1},
      {"tiny negative share rounds to zero", "-1", 40, 0},
      {"scale far below saturates", "5", -40, kInt64Max},
      {"negative scale far below saturates", "-5", -40, kInt64Min},
      {"exact giga", "6G", 9, 6},
      {"nano of a nano", "1n", -9, 1},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(Q(c.input).ScaledValue(c.scale), c.want);
  }
}

struct ArithmeticCase {
  std::string name;
  std::string a;
  char op;  // '+' or '-'
  std::string b;
  std::string want;
  Format format;
};

TEST(QuantityTest, AddAndSub) {
  const std::vector<ArithmeticCase> cases = {
      {"units plus milli", "1", '+', "500m", "1500m", Format::kDecimalSI},
      {"binary sum", "1Gi", '+', "512Mi", "1536Mi", Format::kBinarySI},
      {"self difference", "1Gi", '-', "1Gi", "0", Format::kBinarySI},
      {"goes negative", "100m", '-', "1", "-900m", Format::kDecimalSI},
      {"zero takes the other's format", "0", '+', "1Gi", "1Gi", Format::kBinarySI},
      {"zero addend keeps format", "1Gi", '+', "0", "1Gi", Format::kBinarySI},
      {"zero minus milli", "0", '-', "100m", "-100m", Format::kDecimalSI},
      {"zero minus binary", "0", '-', "1Gi", "-1Gi", Format::kBinarySI},
      {"non-zero keeps its own format", "1k", '+', "1Ki", "2024", Format::kDecimalSI},
      {"binary left keeps binary", "1Ki", '+', "1k", "2024", Format::kBinarySI},
      {"exponent format", "1e3", '+', "1", "1001", Format::kDecimalExponent},
      {"nano plus exa", "1n", '+', "1E", "1000000000000000000000000001n", Format::kDecimalSI},
      {"past int64", "9223372036854775807", '+', "1", "9223372036854775808", Format::kDecimalSI},
      {"negative binary", "-1Ei", '-', "1Ei", "-2Ei", Format::kBinarySI},
      {"sub nano sums", "1n", '+', "1n", "2n", Format::kDecimalSI},
      {"cancels to zero", "-1.5", '+', "1500m", "0", Format::kDecimalSI},
      {"far apart exact", "1e28", '+', "1n", "10000000000000000000000000000000000001e-9",
       Format::kDecimalExponent},
      {"far apart exact decimal", "10000000000000000000k", '+', "1n",
       "10000000000000000000000000000001n", Format::kDecimalSI},
      // 10^49 nanos do not fit 128 bits: the nano is rounded up into the last
      // digit that fits (10^2).
      {"too far apart rounds up", "1e40", '+', "1n", "10000000000000000000000000000000000000100",
       Format::kDecimalExponent},
      {"too far apart below rounds up", "1e40", '-', "1n", "10e39", Format::kDecimalExponent},
  };
  for (const ArithmeticCase& c : cases) {
    SCOPED_TRACE(c.name + ": " + c.a + " " + c.op + " " + c.b);
    Quantity q = Q(c.a);
    Quantity& result = c.op == '+' ? q.Add(Q(c.b)) : q.Sub(Q(c.b));
    EXPECT_EQ(&result, &q);
    EXPECT_EQ(q.ToString(), c.want);
    EXPECT_EQ(FormatName(q.format()), std::string(FormatName(c.format)));
  }
}

TEST(QuantityTest, AddSaturatesAtTheExponentLimit) {
  const Quantity largest = Q("170141183460469231731687303715884105727e2147483583");
  Quantity q = largest;
  q.Add(largest);
  EXPECT_EQ(q, largest);
  EXPECT_GT(q, Q("1e2147483583"));
  Quantity negative = largest.Negated();
  negative.Sub(largest);
  EXPECT_EQ(negative, largest.Negated());
  EXPECT_EQ(negative.Sign(), -1);
}

struct CompareCase {
  std::string name;
  std::string a;
  std::string b;
  int want;
};

TEST(QuantityTest, Compare) {
  const std::vector<CompareCase> cases = {
      {"zeros", "0", "0", 0},
      {"zeros of different formats", "0Ki", "0e3", 0},
      {"milli greater", "100m", "50m", 1},
      {"milli less", "50m", "100m", -1},
      {"tera beats gibi", "10000T", "100Gi", 1},
      {"kibi equals 1024", "1Ki", "1024", 0},
      {"formats are ignored", "1k", "1e3", 0},
      {"exa equals exponent", "1E", "1e18", 0},
      {"negative below positive", "-1", "1", -1},
      {"more negative is less", "-2", "-1", -1},
      {"nano above zero", "1n", "0", 1},
      {"negative nano below zero", "-1n", "0", -1},
      {"exponent order", "1e40", "1e39", 1},
      {"36 nines below 1e36", std::string(36, '9'), "1e36", -1},
      {"same order, shifted", "1.5Gi", "1536Mi", 0},
      {"int128 max below 1e39", "170141183460469231731687303715884105727", "1e39", -1},
      {"int128 max above 1e38", "170141183460469231731687303715884105727", "1e38", 1},
      {"fraction digits decide", "1.000000001", "1", 1},
      {"huge exponents", "2e2147483583", "19e2147483582", 1},
  };
  for (const CompareCase& c : cases) {
    SCOPED_TRACE(c.name + ": " + c.a + " vs " + c.b);
    const Quantity a = Q(c.a);
    const Quantity b = Q(c.b);
    EXPECT_EQ(a.Compare(b), c.want);
    EXPECT_EQ(b.Compare(a), -c.want);
    EXPECT_EQ(a == b, c.want == 0);
    EXPECT_EQ(a != b, c.want != 0);
    EXPECT_EQ(a < b, c.want < 0);
    EXPECT_EQ(a <= b, c.want <= 0);
    EXPECT_EQ(a > b, c.want > 0);
    EXPECT_EQ(a >= b, c.want >= 0);
  }
}

struct ErrorCase {
  std::string name;
  std::string input;
};

TEST(QuantityTest, RejectsMalformedInput) {
  const std::vector<ErrorCase> cases = {
      {"empty", ""},
      {"unknown suffix", "12zz"},
      {"two points", "1.2.3"},
      {"suffix without number", "Ki"},
      {"milli without number", "m"},
      {"lone point", "."},
      {"lone sign", "-"},
      {"signed point", "-."},
      {"double sign", "--1"},
      {"exponent without digits", "1e"},
      {"exponent with only a sign", "-3.01e-"},
      {"plus exponent without digits", "1E+"},
      {"doubled exponent letter", "1ee5"},
      {"point after suffix", "1.1.M"},
      {"sign inside number", "1+1.0M"},
      {"lower-case mi", "0.1mi"},
      {"am", "0.1am"},
      {"word", "aoeu"},
      {"bare i", ".5i"},
      {"one i", "1i"},
      {"negative i", "-3.01i"},
      {"capital K", "1K"},
      {"exponent then binary", "1e5Ki"},
      {"digits after suffix", "1k5"},
      {"leading space", " 1"},
      {"trailing space", "1 "},
      {"trailing newline", "1\n"},
      {"embedded nul", std::string("1\0", 2)},
      {"non-ascii", "1\xc2\xb5"},
      {"exponent past int32", "1e4294967297"},
      {"exponent just past int32", "1e2147483648"},
      {"exponent min int32", "1e-2147483648"},
      {"exponent past int64", "1e9223372036854775808"},
      {"value past the exponent limit", "1e2147483647"},
      {"too many significant digits", "170141183460469231731687303715884105728"},
      {"too many digits with a fraction", std::string(40, '7') + ".5"},
      {"sub nano round up overflows", "170141183460469231731687303715884105727.0000000001G"},
  };
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<Quantity> q = Quantity::Parse(c.input);
    ASSERT_FALSE(q.ok()) << c.input << " parsed as " << q->ToString();
    EXPECT_EQ(q.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_TRUE(absl::StartsWith(q.status().message(), "quantity \"")) << q.status();
  }
}

TEST(QuantityTest, ErrorMessagesNameTheInput) {
  EXPECT_EQ(Quantity::Parse("12zz").status().message(),
            "quantity \"12zz\": unexpected character 'z' at offset 2");
  EXPECT_EQ(Quantity::Parse("12mk").status().message(), "quantity \"12mk\": unknown suffix \"mk\"");
  EXPECT_EQ(Quantity::Parse("").status().message(), "quantity \"\": empty string");
  EXPECT_EQ(Quantity::Parse("1.2.3").status().message(),
            "quantity \"1.2.3\": unexpected character '.' at offset 3");
  EXPECT_EQ(Quantity::Parse("Ki").status().message(),
            "quantity \"Ki\": expected a number before the suffix");
  EXPECT_EQ(Quantity::Parse("1\n").status().message(),
            "quantity \"1\\n\": unexpected character '\\n' at offset 1");
  // Long input is shortened in the message.
  const std::string long_input = std::string(1000, '1') + "x";
  const absl::Status status = Quantity::Parse(long_input).status();
  EXPECT_TRUE(absl::StrContains(status.message(), std::string(64, '1') + "...\""));
  EXPECT_LT(status.message().size(), 200u);
}

TEST(QuantityTest, AsDouble) {
  EXPECT_EQ(Q("1.5").AsDouble(), 1.5);
  EXPECT_EQ(Q("100m").AsDouble(), 0.1);
  EXPECT_EQ(Q("0.3").AsDouble(), 0.3);
  EXPECT_EQ(Q("-1Gi").AsDouble(), -1073741824.0);
  EXPECT_EQ(Q("1e-100").AsDouble(), 1e-9);
  EXPECT_EQ(Q("0").AsDouble(), 0.0);
  EXPECT_EQ(Q("170141183460469231731687303715884105727").AsDouble(), 1.7014118346046923e38);
  EXPECT_TRUE(std::isinf(Q("1e400").AsDouble()));
  EXPECT_LT(Q("-1e400").AsDouble(), 0);
}

TEST(QuantityTest, SignZeroAndConstructors) {
  EXPECT_EQ(Q("5m").Sign(), 1);
  EXPECT_EQ(Q("-5m").Sign(), -1);
  EXPECT_EQ(Q("0Ki").Sign(), 0);
  EXPECT_TRUE(Quantity().IsZero());
  EXPECT_TRUE(Q("-0.0e7").IsZero());
  EXPECT_FALSE(Q("1n").IsZero());
  EXPECT_EQ(Quantity().format(), Format::kDecimalSI);
  EXPECT_EQ(Quantity::FromMilli(1500), Q("1.5"));
  EXPECT_EQ(Quantity::FromMilli(kInt64Min).MilliValue(), kInt64Min);
  EXPECT_EQ(Quantity::FromInt(kInt64Max).Value(), kInt64Max);
  EXPECT_EQ(Quantity::FromInt(2), Q("2"));
  EXPECT_EQ(Quantity::FromInt(3, Format::kBinarySI).format(), Format::kBinarySI);
  const Quantity q = Q("1.5Gi");
  EXPECT_EQ(q.Negated().Negated(), q);
  EXPECT_EQ(q.Negated().format(), Format::kBinarySI);
  EXPECT_EQ(q.ToString(), "1536Mi");  // Negated does not touch its source.
}

// Any string parse accepts prints to a canonical form that parses back to
// the same value and prints identically; everything else is InvalidArgument.
// The inputs mix valid and broken pieces so both paths are exercised.
TEST(QuantityTest, RandomInputsRoundTripOrFailCleanly) {
  const std::vector<std::string> signs = {"", "", "-", "+", "--"};
  const std::vector<std::string> suffixes = {
      "",    "",   "n",  "u",    "m",  "k",  "M",   "G",    "T",    "P", "E", "Ki",
      "Mi",  "Gi", "Ti", "Pi",   "Ei", "e3", "E-7", "e+2",  "e-12", "e", "i", "K",
      "e40", "zz", ".",  "e-30", "mi", "1",  "e99", "e-99", "Ki5",  " "};
  std::mt19937 rng(20240611);  // fixed seed: the test must be reproducible
  const auto pick = [&rng](size_t n) {
    return std::uniform_int_distribution<size_t>(0, n - 1)(rng);
  };
  const auto digits = [&](size_t max_len) {
    std::string d(pick(max_len + 1), '0');
    for (char& c : d) c = static_cast<char>('0' + pick(10));
    return d;
  };
  int parsed = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string input = signs[pick(signs.size())] + digits(25);
    if (pick(2) == 0) input += "." + digits(25);
    input += suffixes[pick(suffixes.size())];
    SCOPED_TRACE(input);
    absl::StatusOr<Quantity> q = Quantity::Parse(input);
    if (!q.ok()) {
      ASSERT_EQ(q.status().code(), absl::StatusCode::kInvalidArgument);
      continue;
    }
    ++parsed;
    const std::string canonical = q->ToString();
    absl::StatusOr<Quantity> again = Quantity::Parse(canonical);
    ASSERT_TRUE(again.ok()) << canonical << ": " << again.status();
    ASSERT_EQ(again->Compare(*q), 0) << canonical;
    ASSERT_EQ(again->ToString(), canonical);
    Quantity sum = *q;
    sum.Sub(*q);
    ASSERT_TRUE(sum.IsZero()) << canonical;
  }
  EXPECT_GT(parsed, 5000);
}

}  // namespace
}  // namespace horizon::kube
