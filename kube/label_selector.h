// Kubernetes label selectors.
//
// LabelSelectorSpec is the API object (metav1.LabelSelector: matchLabels and
// matchExpressions). Selector is the parsed, matchable form, built either from
// the string syntax used by `status.selector` and `?labelSelector=`
// ("a=b,c!=d,e in (x,y),f notin (z),g,!h") or from a LabelSelectorSpec.
#ifndef HORIZON_KUBE_LABEL_SELECTOR_H_
#define HORIZON_KUBE_LABEL_SELECTOR_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace horizon::kube {

using Labels = std::map<std::string, std::string>;

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

  // Parses the string form. Errors are InvalidArgument and name the input and
  // the problem: `selector "a in (b": missing ')'`. Keys and values are
  // validated as Kubernetes label keys/values.
  static absl::StatusOr<Selector> Parse(std::string_view text);
  // Converts a LabelSelectorSpec (upstream's LabelSelectorAsSelector): an empty
  // spec matches everything. Invalid operators or values are InvalidArgument.
  static absl::StatusOr<Selector> FromSpec(const LabelSelectorSpec& spec);

  bool Matches(const Labels& labels) const;
  bool Empty() const { return !nothing_ && requirements_.empty(); }
  bool MatchesNothing() const { return nothing_; }
  const std::vector<Requirement>& requirements() const { return requirements_; }

  // Canonical string form (requirements sorted by key), as upstream prints it.
  std::string ToString() const;

 private:
  std::vector<Requirement> requirements_;
  bool nothing_ = false;
};

}  // namespace horizon::kube

#endif  // HORIZON_KUBE_LABEL_SELECTOR_H_
