#include "hpa/scenario_check.h"

#include <cctype>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace horizon::hpa {
namespace {

using nlohmann::json;

// A result as EncodeDecision writes it.
const json& Result() {
  static const json result = json::parse(R"json({
    "name": "case",
    "desiredReplicas": 5,
    "recommendation": 6,
    "currentMetrics": [{"type": "Resource",
                        "resource": {"name": "cpu",
                                     "current": {"averageUtilization": 80, "averageValue": "500m"}}}],
    "conditions": [
      {"type": "AbleToScale", "status": "True", "reason": "SucceededRescale", "message": "m1"},
      {"type": "ScalingActive", "status": "True", "reason": "ValidMetricFound", "message": "m2"},
      {"type": "ScalingLimited", "status": "True", "reason": "ScaleUpLimit", "message": "m3"}
    ],
    "error": null,
    "reconcileError": "invalid metrics (1 invalid out of 2)",
    "events": [{"type": "Normal", "reason": "SuccessfulRescale",
                "message": "New size: 5; reason: cpu resource utilization (percentage of request) above target"}],
    "scaleWrite": {"attempted": true, "replicas": 5, "succeeded": true, "conflicts": 0},
    "statusUpdated": true,
    "requeueAfter": "1m30s",
    "behavior": {"scaleUp": {"selectPolicy": "Max", "stabilizationWindowSeconds": 0,
                             "policies": [{"type": "Pods", "value": 4, "periodSeconds": 15}]},
                 "scaleDown": {"selectPolicy": "Max", "tolerance": "100m",
                               "policies": [{"type": "Percent", "value": 100, "periodSeconds": 15}]}},
    "explanation": {
      "metrics": [{"type": "Resource", "name": "cpu",
                   "podGroups": {"readyCount": 2, "unready": ["web-3", "web-2"], "missing": [],
                                 "ignored": ["web-9"]},
                   "podRequests": {"web-0": 500, "web-1": 500},
                   "usage": "80% (400m avg)", "target": "50%", "ratio": 1.6, "proposal": 6,
                   "error": "missing request for cpu in container app of Pod web-4"}],
      "stages": []
    }
  })json");
  return result;
}

struct Case {
  std::string name;
  std::string expect;
  // The keys of the mismatches CheckExpectations must report, in order.
  std::vector<std::string> mismatched;
};

// gtest case names allow only letters, digits and underscores.
std::string CaseName(const testing::TestParamInfo<Case>& info) {
  std::string name = info.param.name;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

std::vector<Case> Cases() {
  return {
      {"nothing expected", "{}", {}},
      {"desiredReplicas matches", R"({"desiredReplicas": 5})", {}},
      {"desiredReplicas differs", R"({"desiredReplicas": 4})", {"desiredReplicas"}},
      {"recommendation matches", R"({"recommendation": 6})", {}},
      {"recommendation differs", R"({"recommendation": 5})", {"recommendation"}},
      {"recommendation null when one exists", R"({"recommendation": null})", {"recommendation"}},
      {"compare recommendation skips desiredReplicas",
       R"({"compare": "recommendation", "desiredReplicas": 9, "recommendation": 6})",
       {}},
      {"compare recommendation still checks it",
       R"({"compare": "recommendation", "desiredReplicas": 9, "recommendation": 7})",
       {"recommendation"}},
      {"unsupported compare value", R"({"compare": "desired"})", {"compare"}},
      {"currentMetrics with quantities spelled differently",
       R"({"currentMetrics": [{"type": "Resource", "resource": {"name": "cpu",
            "current": {"averageUtilization": 80, "averageValue": "0.5"}}}]})",
       {}},
      {"currentMetrics with a quantity as a number",
       R"({"currentMetrics": [{"type": "Resource", "resource": {"name": "cpu",
            "current": {"averageUtilization": 80, "averageValue": 0.5}}}]})",
       {}},
      {"currentMetrics with another value",
       R"({"currentMetrics": [{"type": "Resource", "resource": {"name": "cpu",
            "current": {"averageUtilization": 80, "averageValue": "400m"}}}]})",
       {"currentMetrics"}},
      {"currentMetrics missing a field the result has",
       R"({"currentMetrics": [{"type": "Resource", "resource": {"name": "cpu",
            "current": {"averageUtilization": 80}}}]})",
       {"currentMetrics"}},
      {"currentMetrics with an explicit null for an absent field",
       R"({"currentMetrics": [{"type": "Resource", "resource": {"name": "cpu",
            "current": {"averageUtilization": 80, "averageValue": "500m", "value": null}}}]})",
       {}},
      {"currentMetrics empty", R"({"currentMetrics": []})", {"currentMetrics"}},
      {"requeueAfter same length other spelling", R"({"requeueAfter": "90s"})", {}},
      {"requeueAfter differs", R"({"requeueAfter": "15s"})", {"requeueAfter"}},
      {"statusUpdated matches", R"({"statusUpdated": true})", {}},
      {"statusUpdated differs", R"({"statusUpdated": false})", {"statusUpdated"}},
      {"error false matches", R"({"error": false})", {}},
      {"error true differs", R"({"error": true})", {"error"}},
      {"error neither true nor false", R"({"error": "x"})", {"error"}},
      {"reconcileError true matches", R"({"reconcileError": true})", {}},
      {"reconcileError false differs", R"({"reconcileError": false})", {"reconcileError"}},
      {"conditions match",
       R"({"conditions": {"AbleToScale": "True", "ScalingLimited": "True"}})",
       {}},
      {"conditions differ per type",
       R"({"conditions": {"AbleToScale": "False", "ScalingActive": "True", "ScaledToZero": "False"}})",
       {"conditions.AbleToScale", "conditions.ScaledToZero"}},
      {"condition expected absent", R"({"conditions": {"ScaledToZero": null}})", {}},
      {"conditionReasons match",
       R"({"conditionReasons": {"ScalingActive": "ValidMetricFound", "ScalingLimited": "ScaleUpLimit"}})",
       {}},
      {"conditionReasons differ",
       R"({"conditionReasons": {"ScalingLimited": "DesiredWithinRange"}})",
       {"conditionReasons.ScalingLimited"}},
      {"conditionOrder matches",
       R"({"conditionOrder": ["AbleToScale", "ScalingActive", "ScalingLimited"]})",
       {}},
      {"conditionOrder differs",
       R"({"conditionOrder": ["ScalingActive", "AbleToScale", "ScalingLimited"]})",
       {"conditionOrder"}},
      {"events match exactly",
       R"({"events": [{"type": "Normal", "reason": "SuccessfulRescale",
            "message": "New size: 5; reason: cpu resource utilization (percentage of request) above target"}]})",
       {}},
      {"events expected none", R"({"events": []})", {"events"}},
      {"events message differs",
       R"({"events": [{"type": "Normal", "reason": "SuccessfulRescale", "message": "New size: 5"}]})",
       {"events"}},
      {"attemptedScaleTo matches", R"({"attemptedScaleTo": 5})", {}},
      {"attemptedScaleTo differs", R"({"attemptedScaleTo": 6})", {"attemptedScaleTo"}},
      {"podGroups listed keys, lists in any order",
       R"({"podGroups": {"readyCount": 2, "unready": ["web-2", "web-3"]}})",
       {}},
      {"podGroups differ",
       R"({"podGroups": {"readyCount": 3, "missing": ["web-4"], "ignored": ["web-9"]}})",
       {"podGroups.missing", "podGroups.readyCount"}},
      {"podRequests match", R"({"podRequests": {"web-0": 500, "web-1": 500}})", {}},
      {"podRequests differ", R"({"podRequests": {"web-0": 500}})", {"podRequests"}},
      {"podRequestsError substring", R"({"podRequestsError": "missing request for cpu"})", {}},
      {"podRequestsError not found",
       R"({"podRequestsError": "container app not found"})",
       {"podRequestsError"}},
      {"defaultedBehavior with quantities by value",
       R"({"defaultedBehavior": {
            "scaleUp": {"selectPolicy": "Max", "stabilizationWindowSeconds": 0,
                        "policies": [{"type": "Pods", "value": 4, "periodSeconds": 15}]},
            "scaleDown": {"selectPolicy": "Max", "tolerance": "0.1",
                          "policies": [{"type": "Percent", "value": 100, "periodSeconds": 15}]}}})",
       {}},
      {"defaultedBehavior differs",
       R"({"defaultedBehavior": {"scaleUp": {"selectPolicy": "Min"}}})",
       {"defaultedBehavior"}},
      {"informational keys ignored",
       R"({"upstreamError": "whatever", "derived": {"from": "replica_calculator_test.go"}})",
       {}},
      {"unknown key", R"({"desiredReplica": 5})", {"desiredReplica"}},
  };
}

class CheckExpectationsKeyTest : public testing::TestWithParam<Case> {};

TEST_P(CheckExpectationsKeyTest, ReportsExactlyTheMismatchedKeys) {
  const Case& c = GetParam();
  const std::vector<Mismatch> got = CheckExpectations(json::parse(c.expect), Result());
  std::vector<std::string> keys;
  for (const Mismatch& m : got) keys.push_back(m.key);
  EXPECT_EQ(keys, c.mismatched);
}

INSTANTIATE_TEST_SUITE_P(All, CheckExpectationsKeyTest, testing::ValuesIn(Cases()), CaseName);

TEST(CheckExpectationsTest, ReportsWantAndGot) {
  struct Detail {
    std::string name;
    std::string expect;
    json want;
    json got;
  };
  const std::vector<Detail> cases = {
      {"plain field", R"({"desiredReplicas": 4})", 4, 5},
      {"condition status", R"({"conditions": {"AbleToScale": "False"}})", "False", "True"},
      {"absent condition", R"({"conditions": {"ScaledToZero": "True"}})", "True", nullptr},
      {"attempted write", R"({"attemptedScaleTo": 3})", 3, 5},
      {"error presence", R"({"reconcileError": false})", false,
       "invalid metrics (1 invalid out of 2)"},
      {"unknown key", R"({"bogus": 1})", 1, "unknown expect key"},
  };
  for (const Detail& c : cases) {
    SCOPED_TRACE(c.name);
    const std::vector<Mismatch> got = CheckExpectations(json::parse(c.expect), Result());
    ASSERT_EQ(got.size(), 1u);
    EXPECT_EQ(got[0].want, c.want);
    EXPECT_EQ(got[0].got, c.got);
  }
}

TEST(CheckExpectationsTest, HandlesSparseResults) {
  // A result where nothing was attempted and no metric was explained.
  const json result = json::parse(R"({"desiredReplicas": 3, "error": "no scale",
      "scaleWrite": {"attempted": false, "replicas": 0}, "explanation": {"metrics": []}})");
  struct Sparse {
    std::string name;
    std::string expect;
    std::vector<std::string> mismatched;
  };
  const std::vector<Sparse> cases = {
      {"error true", R"({"error": true})", {}},
      {"no write expected", R"({"attemptedScaleTo": null})", {}},
      {"write expected", R"({"attemptedScaleTo": 3})", {"attemptedScaleTo"}},
      {"pod groups of a missing metric",
       R"({"podGroups": {"readyCount": 0}})",
       {"podGroups.readyCount"}},
      {"pod requests error of a missing metric",
       R"({"podRequestsError": "x"})",
       {"podRequestsError"}},
      {"conditions absent",
       R"({"conditions": {"AbleToScale": "False"}})",
       {"conditions.AbleToScale"}},
      {"null expect", "null", {}},
      {"expect not an object", "[1]", {"expect"}},
  };
  for (const Sparse& c : cases) {
    SCOPED_TRACE(c.name);
    std::vector<std::string> keys;
    for (const Mismatch& m : CheckExpectations(json::parse(c.expect), result)) {
      keys.push_back(m.key);
    }
    EXPECT_EQ(keys, c.mismatched);
  }
}

TEST(SemanticallyEqualTest, Rules) {
  struct Eq {
    std::string name;
    json a;
    json b;
    bool equal;
  };
  const std::vector<Eq> cases = {
      {"same quantity, other suffix", "0.5", "500m", true},
      {"binary and decimal of one value", "1Ki", "1024", true},
      {"different quantities", "1", "2", false},
      {"plain strings", "cpu", "memory", false},
      {"string and number", "2", 2, true},
      {"int and float", 2, 2.0, true},
      {"null member equals absent", json::parse(R"({"a": 1, "b": null})"),
       json::parse(R"({"a": 1})"), true},
      {"extra member", json::parse(R"({"a": 1, "b": 2})"), json::parse(R"({"a": 1})"), false},
      {"array order matters", json::parse("[1, 2]"), json::parse("[2, 1]"), false},
      {"bool is not a quantity", true, "1", false},
  };
  for (const Eq& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(SemanticallyEqual(c.a, c.b), c.equal);
    EXPECT_EQ(SemanticallyEqual(c.b, c.a), c.equal);
  }
}

}  // namespace
}  // namespace horizon::hpa
