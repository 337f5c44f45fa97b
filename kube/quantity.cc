#include "kube/quantity.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <limits>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace horizon::kube {
namespace {

using int128 = __int128;
using uint128 = unsigned __int128;

constexpr int128 kMaxMantissa = static_cast<int128>(~static_cast<uint128>(0) >> 1);
constexpr uint128 kMaxMagnitude = static_cast<uint128>(kMaxMantissa);
// Nothing finer than 10^-9 is kept; everything below rounds up to it.
constexpr int64_t kNanoExponent = -9;
// 10^38 is the largest power of ten below 2^127.
constexpr int kMaxPow10 = 38;
// Upstream parses the exponent of "1e<n>" at 64 bits and rejects anything
// outside the int32 scale it stores it in (its negation must fit too).
constexpr int64_t kMaxSuffixExponent = std::numeric_limits<int32_t>::max();
// Past this many places a BinarySI fraction is only checked for non-zero
// digits; 69 = 60 (Ei's power of two) + 9 (nano) keeps that exact, see
// BinaryToDecimal.
constexpr size_t kBinaryFractionDigits = 69;
// Shown input is cut here so a megabyte of garbage does not become a
// megabyte of error message.
constexpr size_t kMaxQuotedInput = 64;

constexpr std::array<uint128, kMaxPow10 + 1> MakePowersOfTen() {
  std::array<uint128, kMaxPow10 + 1> powers{};
  uint128 p = 1;
  for (int i = 0; i <= kMaxPow10; ++i) {
    powers[i] = p;
    p *= 10;
  }
  return powers;
}
constexpr std::array<uint128, kMaxPow10 + 1> kPow10 = MakePowersOfTen();

constexpr const char* kDecimalSuffixes[] = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
constexpr int64_t kMinDecimalSuffixExponent = -9;
constexpr int64_t kMaxDecimalSuffixExponent = 18;
constexpr const char* kBinarySuffixes[] = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
constexpr int64_t kMaxBinarySuffixPower = 6;  // Ei = 1024^6

absl::string_view ToAbsl(std::string_view s) { return absl::string_view(s.data(), s.size()); }

// Escapes and shortens text for an error message.
std::string Shown(std::string_view text) {
  std::string shown = absl::CHexEscape(ToAbsl(text.substr(0, kMaxQuotedInput)));
  if (text.size() > kMaxQuotedInput) shown += "...";
  return shown;
}

absl::Status ParseError(std::string_view text, std::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("quantity \"", Shown(text), "\": ", ToAbsl(why)));
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The letters upstream's scanner collects into a suffix before deciding
// whether the suffix means anything.
bool IsSuffixLetter(char c) {
  switch (c) {
    case 'e':
    case 'E':
    case 'i':
    case 'n':
    case 'u':
    case 'm':
    case 'k':
    case 'K':
    case 'M':
    case 'G':
    case 'T':
    case 'P':
      return true;
    default:
      return false;
  }
}

int NumDigits(uint128 v) {
  int digits = 1;
  while (digits <= kMaxPow10 && v >= kPow10[digits]) ++digits;
  return digits;
}

int CountTrailingZeroBits(uint128 v) {
  const uint64_t low = static_cast<uint64_t>(v);
  if (low != 0) return __builtin_ctzll(low);
  return 64 + __builtin_ctzll(static_cast<uint64_t>(v >> 64));
}

uint128 Magnitude(int128 v) { return v < 0 ? -static_cast<uint128>(v) : static_cast<uint128>(v); }

// *m = *m * 10^shift + digit, failing rather than exceeding kMaxMagnitude.
bool ShiftAdd(uint128* m, int64_t shift, unsigned digit) {
  if (*m == 0) {
    *m = digit;
    return true;
  }
  if (shift < 0 || shift > kMaxPow10) return false;
  const uint128 p = kPow10[shift];
  if (*m > kMaxMagnitude / p) return false;
  *m *= p;
  if (*m > kMaxMagnitude - digit) return false;
  *m += digit;
  return true;
}

// m * 10^shift for shift >= 0, failing on overflow of the signed mantissa.
bool ScaleUp(int128 m, int64_t shift, int128* out) {
  if (m == 0) {
    *out = 0;
    return true;
  }
  if (shift > kMaxPow10) return false;
  const int128 p = static_cast<int128>(kPow10[shift]);
  int128 product;
  if (__builtin_mul_overflow(m, p, &product) || product == -kMaxMantissa - 1) return false;
  *out = product;
  return true;
}

// ceil(m / 10^shift) for shift >= 0: rounds towards +infinity.
int128 CeilDivPow10(int128 m, int64_t shift) {
  if (shift == 0) return m;
  // |m| < 10^39 <= 10^shift, so the quotient lies strictly between -1 and 1.
  if (shift > kMaxPow10) return m > 0 ? 1 : 0;
  const int128 p = static_cast<int128>(kPow10[shift]);
  const int128 q = m / p;  // truncation is already the ceiling for m < 0
  return m % p > 0 ? q + 1 : q;
}

// Compares |a| = ma * 10^ea with |b| = mb * 10^eb.
int CompareMagnitude(uint128 ma, int64_t ea, uint128 mb, int64_t eb) {
  if (ma == 0 || mb == 0) return (ma != 0) - (mb != 0);
  if (ea != eb) {
    const int64_t order_a = NumDigits(ma) + ea;
    const int64_t order_b = NumDigits(mb) + eb;
    if (order_a != order_b) return order_a > order_b ? 1 : -1;
    // Same number of integer digits, so shifting the one with the larger
    // exponent gives it as many digits as the other; overflowing 128 bits
    // then means it is the larger.
    uint128 shifted;
    if (ea > eb) {
      if (__builtin_mul_overflow(ma, kPow10[ea - eb], &shifted)) return 1;
      ma = shifted;
    } else {
      if (__builtin_mul_overflow(mb, kPow10[eb - ea], &shifted)) return -1;
      mb = shifted;
    }
  }
  return (ma > mb) - (ma < mb);
}

// A non-negative decimal magnitude * 10^exponent.
struct Decimal {
  uint128 magnitude = 0;
  int64_t exponent = 0;
};

// The digits of a number, integer part then fraction part, read as one
// sequence without copying either.
struct DigitSequence {
  std::string_view head;
  std::string_view tail;
  size_t size() const { return head.size() + tail.size(); }
  char operator[](size_t i) const { return i < head.size() ? head[i] : tail[i - head.size()]; }
};

// Turns `digits`, whose last digit has place value 10^last_place, into a
// Decimal rounded up (away from zero) to a multiple of 10^-9. `sticky` says
// the caller already dropped a non-zero tail below the last digit. Returns
// false when the significant digits do not fit kMaxMagnitude.
bool DigitsToDecimal(const DigitSequence& digits, int64_t last_place, bool sticky, Decimal* out) {
  const size_t n = digits.size();
  size_t start = 0;
  while (start < n && digits[start] == '0') ++start;
  // Digits below 10^-9 only decide whether to round up.
  size_t cut = 0;
  if (last_place < kNanoExponent) {
    cut = static_cast<size_t>(
        std::min<int64_t>(static_cast<int64_t>(n - start), kNanoExponent - last_place));
  }
  const size_t kept_end = n - cut;
  for (size_t i = kept_end; i < n && !sticky; ++i) sticky = digits[i] != '0';

  // Zeros are counted rather than multiplied in, so "1" followed by fifty
  // zeros fits and trailing zeros land in the exponent.
  uint128 m = 0;
  int64_t zeros = 0;
  for (size_t i = start; i < kept_end; ++i) {
    const char c = digits[i];
    if (c == '0') {
      ++zeros;
      continue;
    }
    if (!ShiftAdd(&m, zeros + 1, static_cast<unsigned>(c - '0'))) return false;
    zeros = 0;
  }
  int64_t exponent = last_place + static_cast<int64_t>(cut) + zeros;
  if (sticky) {
    if (m == 0) {
      m = 1;
    } else if (!ShiftAdd(&m, exponent - kNanoExponent, 1)) {
      return false;
    }
    exponent = kNanoExponent;
    // Rounding up may have produced new trailing zeros (...9 + 1).
    while (m % 10 == 0) {
      m /= 10;
      ++exponent;
    }
  }
  if (m == 0) exponent = 0;
  out->magnitude = m;
  out->exponent = exponent;
  return true;
}

// The value of `int_digits`.`frac_digits` * 2^power (power 10..60), rounded
// up to a multiple of 10^-9 and capped at 2^63-1 as upstream caps BinarySI.
Decimal BinaryToDecimal(std::string_view int_digits, std::string_view frac_digits, int power) {
  const Decimal cap{static_cast<uint128>(std::numeric_limits<int64_t>::max()), 0};
  while (!int_digits.empty() && int_digits.front() == '0') int_digits.remove_prefix(1);
  // Twenty integer digits are at least 10^19, past the cap before scaling.
  if (int_digits.size() > 19) return cap;

  // Fraction digits beyond kBinaryFractionDigits are summarised by `sticky`.
  // In nano units the kept number times 2^power is a multiple of
  // 2^power/10^60, so when it is not a whole nano it is at least that far
  // below the next one, while the dropped tail adds less than 2^power/10^60.
  // The tail can therefore only matter when the kept part is a whole number
  // of nanos, and then it rounds up by exactly one.
  bool sticky = false;
  if (frac_digits.size() > kBinaryFractionDigits) {
    for (size_t i = kBinaryFractionDigits; i < frac_digits.size() && !sticky; ++i) {
      sticky = frac_digits[i] != '0';
    }
    frac_digits = frac_digits.substr(0, kBinaryFractionDigits);
  }

  // Multiply the digit string by 2^power; carries grow it by at most 19
  // digits because 2^60 < 10^19.
  constexpr size_t kBufferSize = 19 + kBinaryFractionDigits + 20;
  char buffer[kBufferSize];
  size_t begin = kBufferSize - int_digits.size() - frac_digits.size();
  std::copy(int_digits.begin(), int_digits.end(), buffer + begin);
  std::copy(frac_digits.begin(), frac_digits.end(), buffer + begin + int_digits.size());
  const uint64_t factor = uint64_t{1} << power;
  uint64_t carry = 0;
  for (size_t i = kBufferSize; i > begin; --i) {
    // 9 * 2^60 + 2^60 < 2^64.
    const uint64_t v = static_cast<uint64_t>(buffer[i - 1] - '0') * factor + carry;
    buffer[i - 1] = static_cast<char>('0' + v % 10);
    carry = v / 10;
  }
  while (carry != 0) {
    buffer[--begin] = static_cast<char>('0' + carry % 10);
    carry /= 10;
  }
  const std::string_view product(buffer + begin, kBufferSize - begin);

  // Cap on the integer part first: it alone decides whether the digits fit.
  std::string_view int_part = product.substr(0, product.size() - frac_digits.size());
  while (!int_part.empty() && int_part.front() == '0') int_part.remove_prefix(1);
  if (int_part.size() > 19) return cap;

  Decimal d;
  if (!DigitsToDecimal(DigitSequence{product, {}}, -static_cast<int64_t>(frac_digits.size()),
                       sticky, &d)) {
    return cap;
  }
  if (CompareMagnitude(d.magnitude, d.exponent, cap.magnitude, cap.exponent) > 0) return cap;
  return d;
}

struct Suffix {
  int base = 10;         // 10 or 2
  int64_t exponent = 0;  // of the base
  Quantity::Format format = Quantity::Format::kDecimalSI;
};

// Reads the part after "e"/"E" as Go's strconv.ParseInt(s, 10, 64) would,
// then applies upstream's int32 bound. Returns false for malformed text and
// sets *too_large for well-formed exponents out of range.
bool ParseExponent(std::string_view s, int64_t* exponent, bool* too_large) {
  *too_large = false;
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return false;
  int64_t value = 0;
  for (char c : s) {
    if (!IsDigit(c)) return false;
    // Keep scanning past the bound so malformed text is still reported as such.
    if (value <= kMaxSuffixExponent) value = value * 10 + (c - '0');
  }
  if (value > kMaxSuffixExponent) {
    *too_large = true;
    return true;
  }
  *exponent = negative ? -value : value;
  return true;
}

absl::Status InterpretSuffix(std::string_view text, std::string_view s, Suffix* out) {
  if (s.empty()) {
    *out = Suffix{10, 0, Quantity::Format::kDecimalSI};
    return absl::OkStatus();
  }
  if (s.size() == 1) {
    for (int64_t i = 0; i < static_cast<int64_t>(std::size(kDecimalSuffixes)); ++i) {
      if (s == kDecimalSuffixes[i]) {
        *out = Suffix{10, kMinDecimalSuffixExponent + 3 * i, Quantity::Format::kDecimalSI};
        return absl::OkStatus();
      }
    }
  }
  if (s.size() == 2 && s[1] == 'i') {
    for (int64_t i = 1; i <= kMaxBinarySuffixPower; ++i) {
      if (s[0] == kBinarySuffixes[i][0]) {
        *out = Suffix{2, 10 * i, Quantity::Format::kBinarySI};
        return absl::OkStatus();
      }
    }
  }
  if (s.size() > 1 && (s[0] == 'e' || s[0] == 'E')) {
    int64_t exponent = 0;
    bool too_large = false;
    if (ParseExponent(s.substr(1), &exponent, &too_large)) {
      if (too_large) return ParseError(text, "exponent outside [-2147483647, 2147483647]");
      *out = Suffix{10, exponent, Quantity::Format::kDecimalExponent};
      return absl::OkStatus();
    }
  }
  return ParseError(text, absl::StrCat("unknown suffix \"", Shown(s), "\""));
}

// Appends the decimal digits of v.
void AppendDigits(uint128 v, std::string* out) {
  char buffer[40];
  char* end = buffer + sizeof(buffer);
  char* p = end;
  // Peel off 19-digit chunks so the digit loop runs on 64-bit words.
  constexpr uint64_t kChunk = 10000000000000000000ull;
  while (v > std::numeric_limits<uint64_t>::max()) {
    uint64_t chunk = static_cast<uint64_t>(v % kChunk);
    v /= kChunk;
    for (int i = 0; i < 19; ++i) {
      *--p = static_cast<char>('0' + chunk % 10);
      chunk /= 10;
    }
  }
  uint64_t low = static_cast<uint64_t>(v);
  do {
    *--p = static_cast<char>('0' + low % 10);
    low /= 10;
  } while (low != 0);
  out->append(p, end);
}

// digits := digits * factor, on a decimal string.
void MultiplyDigits(std::string* digits, uint32_t factor) {
  uint64_t carry = 0;
  for (size_t i = digits->size(); i > 0; --i) {
    const uint64_t v = static_cast<uint64_t>((*digits)[i - 1] - '0') * factor + carry;
    (*digits)[i - 1] = static_cast<char>('0' + v % 10);
    carry = v / 10;
  }
  std::string prefix;
  while (carry != 0) {
    prefix.insert(prefix.begin(), static_cast<char>('0' + carry % 10));
    carry /= 10;
  }
  digits->insert(0, prefix);
}

// Appends magnitude * 10^exponent / 1024^power, known to be an integer.
void AppendBinaryMantissa(uint128 magnitude, int64_t exponent, int64_t power, std::string* out) {
  const int64_t bits = 10 * power;
  uint128 value;
  if (exponent <= kMaxPow10 && !__builtin_mul_overflow(magnitude, kPow10[exponent], &value)) {
    AppendDigits(value >> bits, out);
    return;
  }
  // Only sums of BinarySI quantities past 2^128 get here (parsing caps them
  // at 2^63-1). The value is m * 2^e * 5^e, and power <= 6 bounds e below 70.
  // Divide out the twos, then multiply the fives in on a digit string.
  std::string digits;
  AppendDigits(exponent >= bits ? magnitude : magnitude >> (bits - exponent), &digits);
  for (int64_t fives = std::min(exponent, bits); fives > 0; fives -= 13) {
    uint32_t factor = 1;
    for (int64_t i = 0; i < std::min<int64_t>(fives, 13); ++i) factor *= 5;
    MultiplyDigits(&digits, factor);
  }
  if (exponent > bits) digits.append(static_cast<size_t>(exponent - bits), '0');
  out->append(digits);
}

}  // namespace

Quantity Quantity::Normalized(int128 mantissa, int64_t exponent, Format format) {
  if (mantissa == 0) return Quantity(0, 0, format);
  while (mantissa % 10 == 0 && exponent < kMaxExponent) {
    mantissa /= 10;
    ++exponent;
  }
  return Quantity(mantissa, static_cast<int>(exponent), format);
}

absl::StatusOr<Quantity> Quantity::Parse(std::string_view text) {
  if (text.empty()) return ParseError(text, "empty string");
  const size_t n = text.size();
  size_t pos = 0;
  bool negative = false;
  if (text[0] == '+' || text[0] == '-') {
    negative = text[0] == '-';
    pos = 1;
  }
  const size_t int_begin = pos;
  while (pos < n && IsDigit(text[pos])) ++pos;
  const std::string_view int_digits = text.substr(int_begin, pos - int_begin);
  std::string_view frac_digits;
  if (pos < n && text[pos] == '.') {
    const size_t frac_begin = ++pos;
    while (pos < n && IsDigit(text[pos])) ++pos;
    frac_digits = text.substr(frac_begin, pos - frac_begin);
  }
  if (int_digits.empty() && frac_digits.empty()) {
    return ParseError(text, "expected a number before the suffix");
  }
  // The suffix is letters, then optionally a signed integer (for "e-3").
  const size_t suffix_begin = pos;
  while (pos < n && IsSuffixLetter(text[pos])) ++pos;
  if (pos < n && (text[pos] == '+' || text[pos] == '-')) ++pos;
  while (pos < n && IsDigit(text[pos])) ++pos;
  if (pos != n) {
    return ParseError(
        text, absl::StrCat("unexpected character '", absl::CHexEscape(ToAbsl(text.substr(pos, 1))),
                           "' at offset ", pos));
  }
  Suffix suffix;
  if (absl::Status s = InterpretSuffix(text, text.substr(suffix_begin), &suffix); !s.ok()) {
    return s;
  }

  Format format = suffix.format;
  Decimal d;
  if (suffix.base == 10) {
    const int64_t last_place = suffix.exponent - static_cast<int64_t>(frac_digits.size());
    if (!DigitsToDecimal(DigitSequence{int_digits, frac_digits}, last_place, false, &d)) {
      return ParseError(text, "more significant digits than a quantity holds (38)");
    }
  } else {
    d = BinaryToDecimal(int_digits, frac_digits, static_cast<int>(suffix.exponent));
    // Upstream prints BinarySI fractions as DecimalSI rather than rounding.
    if (d.magnitude != 0 && CompareMagnitude(d.magnitude, d.exponent, 1, 0) < 0) {
      format = Format::kDecimalSI;
    }
  }
  if (d.magnitude != 0 && d.exponent > kMaxExponent) {
    return ParseError(text, "value out of range");
  }
  const int128 m = static_cast<int128>(d.magnitude);
  return Quantity(negative ? -m : m, static_cast<int>(d.exponent), format);
}

Quantity Quantity::FromMilli(int64_t milli, Format format) { return Normalized(milli, -3, format); }

Quantity Quantity::FromInt(int64_t value, Format format) { return Normalized(value, 0, format); }

int64_t Quantity::ScaledValue(int scale) const {
  if (mantissa_ == 0) return 0;
  const int64_t shift = static_cast<int64_t>(exponent_) - scale;
  int128 result;
  if (shift >= 0) {
    if (!ScaleUp(mantissa_, shift, &result)) {
      return mantissa_ > 0 ? std::numeric_limits<int64_t>::max()
                           : std::numeric_limits<int64_t>::min();
    }
  } else {
    result = CeilDivPow10(mantissa_, -shift);
  }
  if (result > std::numeric_limits<int64_t>::max()) return std::numeric_limits<int64_t>::max();
  if (result < std::numeric_limits<int64_t>::min()) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(result);
}

int64_t Quantity::MilliValue() const { return ScaledValue(-3); }

int64_t Quantity::Value() const { return ScaledValue(0); }

double Quantity::AsDouble() const {
  if (mantissa_ == 0) return 0.0;
  // strtod rounds a decimal string correctly; multiplying by a power of ten
  // in floating point would round twice.
  std::string text;
  text.reserve(56);
  if (mantissa_ < 0) text.push_back('-');
  AppendDigits(Magnitude(mantissa_), &text);
  text.push_back('e');
  absl::StrAppend(&text, exponent_);
  return std::strtod(text.c_str(), nullptr);
}

int Quantity::Sign() const { return (mantissa_ > 0) - (mantissa_ < 0); }

std::string Quantity::ToString() const {
  if (mantissa_ == 0) return "0";
  const uint128 magnitude = Magnitude(mantissa_);
  const int64_t exponent = exponent_;
  std::string out;
  out.reserve(24);
  if (mantissa_ < 0) out.push_back('-');

  Format format = format_;
  if (format == Format::kBinarySI) {
    // Values under 1024 in magnitude and fractions print as DecimalSI, and so
    // do multiples of 1024^7 and beyond, which have no binary suffix.
    format = Format::kDecimalSI;
    if (exponent >= 0 && CompareMagnitude(magnitude, exponent, 1024, 0) >= 0) {
      const int64_t power = (CountTrailingZeroBits(magnitude) + exponent) / 10;
      if (power <= kMaxBinarySuffixPower) {
        AppendBinaryMantissa(magnitude, exponent, power, &out);
        out += kBinarySuffixes[power];
        return out;
      }
    }
  }

  // Lower the exponent to a multiple of three, padding the mantissa.
  const int64_t padding = ((exponent % 3) + 3) % 3;
  const int64_t exponent3 = exponent - padding;
  AppendDigits(magnitude, &out);
  out.append(static_cast<size_t>(padding), '0');
  if (format == Format::kDecimalSI && exponent3 >= kMinDecimalSuffixExponent &&
      exponent3 <= kMaxDecimalSuffixExponent) {
    out += kDecimalSuffixes[(exponent3 - kMinDecimalSuffixExponent) / 3];
  } else if (exponent3 != 0) {
    // DecimalExponent, and DecimalSI beyond "E" (upstream falls back the same way).
    out.push_back('e');
    absl::StrAppend(&out, exponent3);
  }
  return out;
}

int Quantity::Compare(const Quantity& other) const {
  const int sign = Sign();
  const int other_sign = other.Sign();
  if (sign != other_sign) return sign > other_sign ? 1 : -1;
  if (sign == 0) return 0;
  const int c = CompareMagnitude(Magnitude(mantissa_), exponent_, Magnitude(other.mantissa_),
                                 other.exponent_);
  return sign > 0 ? c : -c;
}

Quantity& Quantity::Add(const Quantity& other) {
  if (mantissa_ == 0) {
    *this = other;
    return *this;
  }
  if (other.mantissa_ == 0) return *this;
  const int64_t exponent = std::min(exponent_, other.exponent_);
  int128 a, b, sum;
  if (ScaleUp(mantissa_, exponent_ - exponent, &a) &&
      ScaleUp(other.mantissa_, other.exponent_ - exponent, &b) &&
      !__builtin_add_overflow(a, b, &sum) && sum != -kMaxMantissa - 1) {
    *this = Normalized(sum, exponent, format_);
    return *this;
  }
  AddRounded(other);
  return *this;
}

void Quantity::AddRounded(const Quantity& other) {
  // Try coarser precisions, starting with the finest at which the operand
  // with the larger exponent still fits, until the sum fits. Only operands
  // below the chosen precision are rounded (up); once both are at or below
  // one unit the sum always fits, so this ends within ~80 steps.
  const int64_t high = std::max(exponent_, other.exponent_);
  const int64_t low = std::min(exponent_, other.exponent_);
  for (int64_t target = std::max(low, high - kMaxPow10);; ++target) {
    int128 a, b, sum;
    const auto scale = [target](int128 m, int64_t e, int128* out) {
      if (e >= target) return ScaleUp(m, e - target, out);
      *out = CeilDivPow10(m, target - e);
      return true;
    };
    if (!scale(mantissa_, exponent_, &a) || !scale(other.mantissa_, other.exponent_, &b) ||
        __builtin_add_overflow(a, b, &sum) || sum == -kMaxMantissa - 1) {
      continue;
    }
    if (sum == 0) {
      *this = Quantity(0, 0, format_);
      return;
    }
    // Strip zeros first: a sum just past the range may still be representable.
    int64_t e = target;
    while (sum % 10 == 0) {
      sum /= 10;
      ++e;
    }
    if (e > kMaxExponent) {
      int128 rescaled;
      if (e - kMaxExponent <= kMaxPow10 && ScaleUp(sum, e - kMaxExponent, &rescaled)) {
        sum = rescaled;
      } else {
        sum = sum > 0 ? kMaxMantissa : -kMaxMantissa;
      }
      e = kMaxExponent;
    }
    *this = Normalized(sum, e, format_);
    return;
  }
}

Quantity& Quantity::Sub(const Quantity& other) { return Add(other.Negated()); }

Quantity Quantity::Negated() const { return Quantity(-mantissa_, exponent_, format_); }

}  // namespace horizon::kube
