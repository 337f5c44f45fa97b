// Kubernetes resource quantities ("500m", "1.5Gi", "5e3").
//
// Quantity holds an exact decimal value (a 128-bit mantissa times a power of
// ten) together with the notation it was written in, and reproduces the
// behaviour of k8s.io/apimachinery/pkg/api/resource.Quantity that Horizon
// depends on: the full grammar, MilliValue()/Value() rounding up, and the
// canonical string form the API server prints.
#ifndef HORIZON_KUBE_QUANTITY_H_
#define HORIZON_KUBE_QUANTITY_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace horizon::kube {

class Quantity {
 public:
  // The notation a quantity is printed in (its "format" upstream).
  enum class Format {
    kDecimalSI,        // 1500m, 2k, 3M
    kBinarySI,         // 1Ki, 1536Mi
    kDecimalExponent,  // 1e3, 5E-3
  };

  // Zero, DecimalSI.
  Quantity() = default;

  // Parses the Kubernetes quantity grammar:
  //   <quantity> ::= <signedNumber><suffix>
  //   <suffix>   ::= <binarySI> | <decimalExponent> | <decimalSI>
  //   binarySI: Ki Mi Gi Ti Pi Ei; decimalSI: n u m "" k M G T P E;
  //   decimalExponent: e<signedNumber> | E<signedNumber>
  // Values more precise than 10^-9 are rounded up (away from zero) to 10^-9,
  // and BinarySI magnitudes are capped at 2^63-1, as upstream does. A BinarySI
  // value strictly between -1 and 1 becomes DecimalSI. A number needs at least
  // one digit ("1.", ".5" are fine; "Ki", "." are not).
  // Errors (InvalidArgument) name the input: "quantity \"12zz\": ...". Values
  // whose significant digits (above 10^-9) exceed the 128-bit mantissa, or
  // that need an exponent past kMaxExponent, are errors, not approximations.
  static absl::StatusOr<Quantity> Parse(std::string_view text);

  // value / 1000, e.g. FromMilli(1500) == 1500m.
  static Quantity FromMilli(int64_t milli, Format format = Format::kDecimalSI);
  // An integer value, e.g. FromInt(2) == 2.
  static Quantity FromInt(int64_t value, Format format = Format::kDecimalSI);

  // The value in thousandths, rounded up (towards +infinity), saturating at the
  // int64 range. "1.0001m" -> 2, "-1.5m" -> -1.
  int64_t MilliValue() const;
  // The value rounded up to an integer, saturating at the int64 range.
  int64_t Value() const;
  // ceil(value / 10^scale), saturating: ScaledValue(-3) == MilliValue().
  int64_t ScaledValue(int scale) const;
  // The nearest double.
  double AsDouble() const;

  Format format() const { return format_; }
  int Sign() const;
  bool IsZero() const { return mantissa_ == 0; }

  // Canonical form, as the API server serialises the quantity: the format is
  // kept, the value printed with the largest suffix that keeps an integer
  // mantissa ("1.5Gi" -> "1536Mi", "0.5" -> "500m", "1000" -> "1k").
  // As upstream, BinarySI values under 1024 in magnitude, with a fraction, or
  // needing a suffix past Ei print as DecimalSI ("1.1Ki" -> "1126400m"), and
  // DecimalSI values past the "E" suffix print in e-notation ("1000E" -> "1e21").
  std::string ToString() const;

  // -1, 0, 1 comparing the values (formats are ignored).
  int Compare(const Quantity& other) const;

  // Exact arithmetic. The result keeps this quantity's format, except that a
  // zero quantity takes the other's format (upstream: 0 + 1Gi prints "1Gi").
  // Only when the exact result needs more than the 128-bit mantissa (operands
  // some 10^38 apart) is it rounded up at the finest precision that fits; past
  // the exponent range it saturates.
  Quantity& Add(const Quantity& other);
  Quantity& Sub(const Quantity& other);
  Quantity Negated() const;

  friend bool operator==(const Quantity& a, const Quantity& b) { return a.Compare(b) == 0; }
  friend bool operator!=(const Quantity& a, const Quantity& b) { return a.Compare(b) != 0; }
  friend bool operator<(const Quantity& a, const Quantity& b) { return a.Compare(b) < 0; }
  friend bool operator<=(const Quantity& a, const Quantity& b) { return a.Compare(b) <= 0; }
  friend bool operator>(const Quantity& a, const Quantity& b) { return a.Compare(b) > 0; }
  friend bool operator>=(const Quantity& a, const Quantity& b) { return a.Compare(b) >= 0; }

  // The largest exponent_ a quantity may carry. Parse accepts exponents up to
  // 2^31-1 like upstream; the headroom below that keeps exponent arithmetic
  // in Add from overflowing.
  static constexpr int kMaxExponent = 2147483647 - 64;

 private:
  Quantity(__int128 mantissa, int exponent, Format format)
      : mantissa_(mantissa), exponent_(exponent), format_(format) {}

  // Builds mantissa * 10^exponent with trailing zeros moved into the exponent,
  // so each value has one representation. |mantissa| must not exceed the
  // int128 maximum and exponent must lie in [-9, kMaxExponent].
  static Quantity Normalized(__int128 mantissa, int64_t exponent, Format format);
  // Add() once the exact sum does not fit the mantissa.
  void AddRounded(const Quantity& other);

  // value = mantissa_ * 10^exponent_, with -9 <= exponent_ <= kMaxExponent and
  // |mantissa_| <= 2^127-1. mantissa_ has no trailing zeros unless exponent_
  // is kMaxExponent, and zero has exponent_ 0, so each value has one form.
  __int128 mantissa_ = 0;
  int exponent_ = 0;
  Format format_ = Format::kDecimalSI;
};

}  // namespace horizon::kube

#endif  // HORIZON_KUBE_QUANTITY_H_
