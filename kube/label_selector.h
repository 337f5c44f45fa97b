// Kubernetes label selectors.
//
// LabelSelectorSpec is the API object (metav1.LabelSelector: matchLabels and
// matchExpressions). Selector is the parsed, matchable form, built either from
// the string syntax used by `status.selector` and `?labelSelector=`
// ("a=b,c!=d,e in (x,y),f notin (z),g,!h") or from a LabelSelectorSpec.
// ValidateLabelKey / ValidateLabelValue check the API's label syntax.
#ifndef HORIZON_KUBE_LABEL_SELECTOR_H_
#define HORIZON_KUBE_LABEL_SELECTOR_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace horizon::kube {

using Labels = std::map<std::string, std::string>;

// Checks a label key: an optional DNS-1123 subdomain prefix (<= 253
// characters) and "/", then a name of 1-63 characters [A-Za-z0-9._-] that
// starts and ends with an alphanumeric. InvalidArgument names the key.
absl::Status ValidateLabelKey(std::string_view key);
// Checks a label value: empty, or <= 63 characters [A-Za-z0-9._-] starting and
// ending with an alphanumeric. InvalidArgument names the value.
absl::Status ValidateLabelValue(std::string_view value);

// metav1.LabelSelectorRequirement. `op` is "In", "NotIn", "Exists" or
// "DoesNotExist" as written in the API object.
struct LabelSelectorRequirement {
  std::string key;
  std::string op;
  std::vector<std::string> values;
};

// metav1.LabelSelector.
struct LabelSelectorSpec {
  std::map<std::string, std::string> match_labels;
  std::vector<LabelSelectorRequirement> match_expressions;
};

class Selector {
 public:
  enum class Operator { kEquals, kNotEquals, kIn, kNotIn, kExists, kDoesNotExist };
  struct Requirement {
    std::string key;
    Operator op;
    std::vector<std::string> values;  // sorted, de-duplicated
  };

  // Matches every label set.
  Selector() = default;
  static Selector Everything() { return Selector(); }
  // Matches nothing (upstream's labels.Nothing(), e.g. for a nil LabelSelector).
  static Selector Nothing();

  // Parses the string form as upstream's labels.Parse does: an empty (or
  // all-blank) string matches everything; `in`/`notin` are keywords only in
  // operator position, so they may also be keys and values. Errors are
  // InvalidArgument and name the input, the offset and the problem:
  // `selector "a in (b": found end of string at offset 7, expected ',' or ')'`.
  // Keys and values are validated as Kubernetes label keys/values.
  // Two deliberate differences from upstream: `==` is stored (and printed) as
  // `=`, which matches the same labels; the numeric `>`/`<` operators, which a
  // metav1.LabelSelector cannot express, are rejected.
  static absl::StatusOr<Selector> Parse(std::string_view text);
  // Converts a LabelSelectorSpec (upstream's LabelSelectorAsSelector): an empty
  // spec matches everything. Invalid operators or values are InvalidArgument.
  static absl::StatusOr<Selector> FromSpec(const LabelSelectorSpec& spec);
  // As FromSpec, for an optional API field: an absent selector (upstream's nil
  // *LabelSelector) matches nothing.
  static absl::StatusOr<Selector> FromOptionalSpec(const std::optional<LabelSelectorSpec>& spec);

  bool Matches(const Labels& labels) const;
  bool Empty() const { return !nothing_ && requirements_.empty(); }
  bool MatchesNothing() const { return nothing_; }
  const std::vector<Requirement>& requirements() const { return requirements_; }

  // Canonical string form (requirements sorted by key, set values sorted), as
  // upstream prints it; Parse(ToString()) gives an equal selector. Nothing()
  // prints as "" (as upstream), so check MatchesNothing() before sending the
  // string anywhere.
  std::string ToString() const;

 private:
  std::vector<Requirement> requirements_;
  bool nothing_ = false;
};

}  // namespace horizon::kube

#endif  // HORIZON_KUBE_LABEL_SELECTOR_H_
