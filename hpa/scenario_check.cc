#include "hpa/scenario_check.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "kube/quantity.h"

namespace horizon::hpa {
namespace {

using nlohmann::json;

// The quantity a JSON scalar spells, if it spells one. Quantities appear in
// results as canonical strings ("500m") while authors write "0.5" or 0.5.
std::optional<kube::Quantity> AsQuantity(const json& j) {
  std::string text;
  if (j.is_string()) {
    text = j.get<std::string>();
  } else if (j.is_number()) {
    text = j.dump();
  } else {
    return std::nullopt;
  }
  absl::StatusOr<kube::Quantity> q = kube::Quantity::Parse(text);
  if (!q.ok()) return std::nullopt;
  return *q;
}

// `j[key]`, or null when `j` is not an object or lacks the key; never throws.
const json& Member(const json& j, const char* key) {
  static const json kNull;
  if (!j.is_object()) return kNull;
  auto it = j.find(key);
  return it == j.end() ? kNull : *it;
}

// The first metric's explanation, where podGroups/podRequests live.
const json& FirstMetric(const json& result) {
  static const json kNull;
  const json& metrics = Member(Member(result, "explanation"), "metrics");
  if (!metrics.is_array() || metrics.empty()) return kNull;
  return metrics[0];
}

// Duration strings compare by length ("90s" == "1m30s").
bool SameDuration(const json& want, const json& got) {
  if (!want.is_string() || !got.is_string()) return false;
  std::string w = want.get<std::string>();
  std::string g = got.get<std::string>();
  absl::Duration wd, gd;
  if (absl::ParseDuration(w, &wd) && absl::ParseDuration(g, &gd)) return wd == gd;
  return w == g;
}

// Equality of two lists of strings regardless of order (pod names).
bool SameSet(const json& a, const json& b) {
  if (!a.is_array() || !b.is_array() || a.size() != b.size()) return false;
  std::vector<json> x(a.begin(), a.end());
  std::vector<json> y(b.begin(), b.end());
  std::sort(x.begin(), x.end());
  std::sort(y.begin(), y.end());
  for (size_t i = 0; i < x.size(); ++i) {
    if (!SemanticallyEqual(x[i], y[i])) return false;
  }
  return true;
}

// A map from condition type to one of its fields ("status" or "reason").
json ConditionField(const json& result, const std::string& type, const char* field) {
  const json& conditions = Member(result, "conditions");
  if (!conditions.is_array()) return json();
  for (const json& c : conditions) {
    if (Member(c, "type") == type) return Member(c, field);
  }
  return json();
}

json AllConditionFields(const json& result, const char* field) {
  json out = json::object();
  const json& conditions = Member(result, "conditions");
  if (!conditions.is_array()) return out;
  for (const json& c : conditions) {
    const json& type = Member(c, "type");
    if (type.is_string()) out[type.get<std::string>()] = Member(c, field);
  }
  return out;
}

class Checker {
 public:
  explicit Checker(const json& result) : result_(result) {}

  void Equal(const std::string& key, const json& want, const json& got) {
    if (!SemanticallyEqual(want, got)) Fail(key, want, got);
  }

  void Fail(const std::string& key, const json& want, const json& got) {
    mismatches_.push_back(Mismatch{key, want, got});
  }

  // A map type -> value compared with one field of the result's conditions.
  void Conditions(const std::string& key, const json& want, const char* field) {
    if (!want.is_object()) {
      Fail(key, want, AllConditionFields(result_, field));
      return;
    }
    for (auto it = want.begin(); it != want.end(); ++it) {
      Equal(absl::StrCat(key, ".", it.key()), it.value(), ConditionField(result_, it.key(), field));
    }
  }

  // Whether a nullable result field is set, against want true/false.
  void Presence(const std::string& key, const json& want, const json& got) {
    if (!want.is_boolean() || want.get<bool>() != !got.is_null()) Fail(key, want, got);
  }

  void PodGroups(const json& want) {
    const json& got = Member(FirstMetric(result_), "podGroups");
    if (!want.is_object()) {
      Fail("podGroups", want, got);
      return;
    }
    for (auto it = want.begin(); it != want.end(); ++it) {
      const std::string key = absl::StrCat("podGroups.", it.key());
      const json& g = Member(got, it.key().c_str());
      const bool same =
          it.value().is_array() ? SameSet(it.value(), g) : SemanticallyEqual(it.value(), g);
      if (!same) Fail(key, it.value(), g);
    }
  }

  std::vector<Mismatch> Take() { return std::move(mismatches_); }

 private:
  const json& result_;
  std::vector<Mismatch> mismatches_;
};

}  // namespace

bool SemanticallyEqual(const json& a, const json& b) {
  if (a.is_object() && b.is_object()) {
    // A member set to null is the same as one left out.
    for (auto it = a.begin(); it != a.end(); ++it) {
      if (!SemanticallyEqual(it.value(), Member(b, it.key().c_str()))) return false;
    }
    for (auto it = b.begin(); it != b.end(); ++it) {
      if (!a.contains(it.key()) && !it.value().is_null()) return false;
    }
    return true;
  }
  if (a.is_array() && b.is_array()) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!SemanticallyEqual(a[i], b[i])) return false;
    }
    return true;
  }
  if (a == b) return true;
  // Numbers and strings that spell the same quantity.
  if ((a.is_string() || a.is_number()) && (b.is_string() || b.is_number())) {
    std::optional<kube::Quantity> qa = AsQuantity(a);
    std::optional<kube::Quantity> qb = AsQuantity(b);
    return qa.has_value() && qb.has_value() && *qa == *qb;
  }
  return false;
}

std::vector<Mismatch> CheckExpectations(const json& expect, const json& result) {
  if (expect.is_null()) return {};
  if (!expect.is_object()) return {Mismatch{"expect", expect, json("expected an object")}};

  Checker check(result);
  const bool recommendation_only = Member(expect, "compare") == "recommendation";
  const json& metric = FirstMetric(result);
  for (auto it = expect.begin(); it != expect.end(); ++it) {
    const std::string& key = it.key();
    const json& want = it.value();
    if (key == "desiredReplicas") {
      // The case is about the raw recommendation; the final count may differ.
      if (!recommendation_only) check.Equal(key, want, Member(result, "desiredReplicas"));
    } else if (key == "recommendation" || key == "currentMetrics" || key == "statusUpdated" ||
               key == "events") {
      check.Equal(key, want, Member(result, key.c_str()));
    } else if (key == "requeueAfter") {
      const json& got = Member(result, "requeueAfter");
      if (!SameDuration(want, got)) check.Fail(key, want, got);
    } else if (key == "compare") {
      if (want != "recommendation") check.Fail(key, want, json("\"recommendation\" or absent"));
    } else if (key == "error" || key == "reconcileError") {
      check.Presence(key, want, Member(result, key.c_str()));
    } else if (key == "conditions") {
      check.Conditions(key, want, "status");
    } else if (key == "conditionReasons") {
      check.Conditions(key, want, "reason");
    } else if (key == "conditionOrder") {
      json order = json::array();
      const json& conditions = Member(result, "conditions");
      if (conditions.is_array()) {
        for (const json& c : conditions) order.push_back(Member(c, "type"));
      }
      check.Equal(key, want, order);
    } else if (key == "attemptedScaleTo") {
      const json& write = Member(result, "scaleWrite");
      const json got = Member(write, "attempted") == true ? Member(write, "replicas") : json();
      check.Equal(key, want, got);
    } else if (key == "podGroups") {
      check.PodGroups(want);
    } else if (key == "podRequests") {
      check.Equal(key, want, Member(metric, "podRequests"));
    } else if (key == "podRequestsError") {
      const json& got = Member(metric, "error");
      if (!want.is_string() || !got.is_string() ||
          !absl::StrContains(got.get<std::string>(), want.get<std::string>())) {
        check.Fail(key, want, got);
      }
    } else if (key == "defaultedBehavior") {
      check.Equal(key, want, Member(result, "behavior"));
    } else if (key == "upstreamError" || key == "derived") {
      // Informational: notes on how upstream words or derives the case.
    } else {
      check.Fail(key, want, json("unknown expect key"));
    }
  }
  return check.Take();
}

}  // namespace horizon::hpa
