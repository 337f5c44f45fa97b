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
  // Values more precise than 10^-9 are rounded up to 10^-9, as upstream does.
  // Errors (InvalidArgument) name the input: "quantity \"12zz\": unknown suffix".
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
  std::string ToString() const;

  // -1, 0, 1 comparing the values (formats are ignored).
  int Compare(const Quantity& other) const;

  // Exact arithmetic; the result keeps this quantity's format.
  // Saturates (like MilliValue) if the mantissa would overflow 128 bits.
  Quantity& Add(const Quantity& other);
  Quantity& Sub(const Quantity& other);
  Quantity Negated() const;

  friend bool operator==(const Quantity& a, const Quantity& b) { return a.Compare(b) == 0; }
  friend bool operator!=(const Quantity& a, const Quantity& b) { return a.Compare(b) != 0; }
  friend bool operator<(const Quantity& a, const Quantity& b) { return a.Compare(b) < 0; }
  friend bool operator<=(const Quantity& a, const Quantity& b) { return a.Compare(b) <= 0; }
  friend bool operator>(const Quantity& a, const Quantity& b) { return a.Compare(b) > 0; }
  friend bool operator>=(const Quantity& a, const Quantity& b) { return a.Compare(b) >= 0; }

 private:
  Quantity(__int128 mantissa, int exponent, Format format)
      : mantissa_(mantissa), exponent_(exponent), format_(format) {}

  // value = mantissa_ * 10^exponent_
  __int128 mantissa_ = 0;
  int exponent_ = 0;
  Format format_ = Format::kDecimalSI;
};

}  // namespace horizon::kube

#endif  // HORIZON_KUBE_QUANTITY_H_
