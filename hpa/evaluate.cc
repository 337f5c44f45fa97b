#include "hpa/evaluate.h"

#include <algorithm>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "hpa/calc/conditions.h"
#include "hpa/calc/normalize.h"
#include "hpa/calc/tolerances.h"
#include "hpa/internal/metric_proposals.h"
#include "kube/label_selector.h"

namespace horizon::hpa {
namespace {

using calc::Recommendation;
using calc::ScaleEventRecord;
using kube::HorizontalPodAutoscalerCondition;

// retry.DefaultRetry: five attempts in all.
constexpr int kScaleUpdateAttempts = 5;

constexpr size_t kMaxPodDetails = 1000;

std::string View(const absl::Status& s) { return std::string(s.message()); }

// The write outcome a scenario describes.
class ScenarioScaleWriter final : public ScaleWriter {
 public:
  explicit ScenarioScaleWriter(const Scenario& s) : s_(s) {}
  absl::Status WriteReplicas(int32_t, int32_t* conflicts) override {
    *conflicts = 0;
    for (int attempt = 0; attempt < kScaleUpdateAttempts; ++attempt) {
      if (*conflicts < s_.scale.update_conflicts_before_success) {
        ++*conflicts;
        continue;
      }
      if (s_.scale.update_error.has_value()) return absl::UnavailableError(*s_.scale.update_error);
      return absl::OkStatus();
    }
    return absl::AbortedError(absl::StrFormat(
        "Operation cannot be fulfilled on %s \"%s\": the object has been modified; please apply "
        "your changes to the latest version and try again",
        ResourceName(s_.hpa.spec.scale_target_ref), s_.hpa.spec.scale_target_ref.name));
  }

 private:
  // "deployments.apps" for apps/v1 Deployment.
  static std::string ResourceName(const kube::CrossVersionObjectReference& ref) {
    std::string plural = absl::AsciiStrToLower(ref.kind);
    if (!plural.empty()) plural += plural.back() == 's' ? "es" : "s";
    std::vector<std::string> parts = absl::StrSplit(ref.api_version, '/');
    if (parts.size() == 2 && !parts[0].empty()) return absl::StrCat(plural, ".", parts[0]);
    return plural;
  }
  const Scenario& s_;
};

bool QuantityOptEqual(const std::optional<kube::Quantity>& a,
                      const std::optional<kube::Quantity>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a.has_value() || *a == *b;
}

bool ValueEqual(const kube::MetricValueStatus& a, const kube::MetricValueStatus& b) {
  return QuantityOptEqual(a.value, b.value) && QuantityOptEqual(a.average_value, b.average_value) &&
         a.average_utilization == b.average_utilization;
}

bool SelectorSpecEqual(const std::optional<kube::LabelSelectorSpec>& a,
                       const std::optional<kube::LabelSelectorSpec>& b) {
  if (a.has_value() != b.has_value()) return false;
  if (!a.has_value()) return true;
  if (a->match_labels != b->match_labels) return false;
  if (a->match_expressions.size() != b->match_expressions.size()) return false;
  for (size_t i = 0; i < a->match_expressions.size(); ++i) {
    const auto& x = a->match_expressions[i];
    const auto& y = b->match_expressions[i];
    if (x.key != y.key || x.op != y.op || x.values != y.values) return false;
  }
  return true;
}

bool IdentifierEqual(const kube::MetricIdentifier& a, const kube::MetricIdentifier& b) {
  return a.name == b.name && SelectorSpecEqual(a.selector, b.selector);
}

bool RefEqual(const kube::CrossVersionObjectReference& a,
              const kube::CrossVersionObjectReference& b) {
  return a.kind == b.kind && a.name == b.name && a.api_version == b.api_version;
}

bool MetricStatusEqual(const kube::MetricStatus& a, const kube::MetricStatus& b) {
  if (a.type != b.type) return false;
  if (a.resource.has_value() != b.resource.has_value() ||
      a.container_resource.has_value() != b.container_resource.has_value() ||
      a.pods.has_value() != b.pods.has_value() || a.object.has_value() != b.object.has_value() ||
      a.external.has_value() != b.external.has_value()) {
    return false;
  }
  if (a.resource && !(a.resource->name == b.resource->name &&
                      ValueEqual(a.resource->current, b.resource->current))) {
    return false;
  }
  if (a.container_resource &&
      !(a.container_resource->name == b.container_resource->name &&
        a.container_resource->container == b.container_resource->container &&
        ValueEqual(a.container_resource->current, b.container_resource->current))) {
    return false;
  }
  if (a.pods && !(IdentifierEqual(a.pods->metric, b.pods->metric) &&
                  ValueEqual(a.pods->current, b.pods->current))) {
    return false;
  }
  if (a.object && !(IdentifierEqual(a.object->metric, b.object->metric) &&
                    RefEqual(a.object->described_object, b.object->described_object) &&
                    ValueEqual(a.object->current, b.object->current))) {
    return false;
  }
  if (a.external && !(IdentifierEqual(a.external->metric, b.external->metric) &&
                      ValueEqual(a.external->current, b.external->current))) {
    return false;
  }
  return true;
}

// apiequality.Semantic.DeepEqual on two HPA statuses.
bool StatusEqual(const kube::HorizontalPodAutoscalerStatus& a,
                 const kube::HorizontalPodAutoscalerStatus& b) {
  if (a.observed_generation != b.observed_generation || a.last_scale_time != b.last_scale_time ||
      a.current_replicas != b.current_replicas || a.desired_replicas != b.desired_replicas ||
      a.current_metrics.size() != b.current_metrics.size() ||
      a.conditions.size() != b.conditions.size()) {
    return false;
  }
  for (size_t i = 0; i < a.current_metrics.size(); ++i) {
    if (!MetricStatusEqual(a.current_metrics[i], b.current_metrics[i])) return false;
  }
  for (size_t i = 0; i < a.conditions.size(); ++i) {
    const HorizontalPodAutoscalerCondition& x = a.conditions[i];
    const HorizontalPodAutoscalerCondition& y = b.conditions[i];
    if (x.type != y.type || x.status != y.status || x.reason != y.reason ||
        x.message != y.message || x.last_transition_time != y.last_transition_time) {
      return false;
    }
  }
  return true;
}

bool HasObjectOrExternalMetric(const kube::HorizontalPodAutoscaler& hpa) {
  for (const kube::MetricSpec& m : hpa.spec.metrics) {
    if (m.type == kube::kObjectMetricSourceType || m.type == kube::kExternalMetricSourceType) {
      return true;
    }
  }
  return false;
}

calc::Tolerances TolerancesFor(const Scenario& s) {
  const double flag = s.controller.tolerance == 0 ? 0.1 : s.controller.tolerance;
  calc::Tolerances t{flag, flag};
  const auto& behavior = s.hpa.spec.behavior;
  if (!behavior.has_value() || !s.controller.feature_gates.hpa_configurable_tolerance) return t;
  if (behavior->scale_down && behavior->scale_down->tolerance) {
    t.scale_down = behavior->scale_down->tolerance->AsDouble();
  }
  if (behavior->scale_up && behavior->scale_up->tolerance) {
    t.scale_up = behavior->scale_up->tolerance->AsDouble();
  }
  return t;
}

// schema.ParseGroupVersion: "", "v1" or "group/version".
absl::Status ParseGroupVersion(const std::string& api_version) {
  if (api_version.empty() || api_version == "/") return absl::OkStatus();
  if (std::count(api_version.begin(), api_version.end(), '/') > 1) {
    return absl::InvalidArgumentError(
        absl::StrFormat("unexpected GroupVersion string: %s", api_version));
  }
  return absl::OkStatus();
}

// One reconcile in progress.
class Reconcile {
 public:
  Reconcile(const Scenario& s, absl::Time now, ScaleWriter& writer)
      : s_(s), now_(now), writer_(writer), hpa_(s.hpa) {}

  Decision Run();

 private:
  void SetCondition(std::string_view type, std::string_view status, std::string_view reason,
                    std::string message) {
    calc::SetCondition(&conditions_, type, status, reason, std::move(message), now_);
  }
  void Event(std::string type, std::string reason, std::string message) {
    d_.events.push_back(EventRecord{std::move(type), std::move(reason), std::move(message)});
  }
  void AddStage(std::string stage, int32_t from, int32_t to, std::string reason, std::string text) {
    d_.explanation.stages.push_back(
        Stage{std::move(stage), from, to, std::move(reason), std::move(text)});
  }

  // computeReplicasForMetrics: -1 means "no decision".
  int32_t ComputeReplicasForMetrics(std::string* metric_name,
                                    std::vector<kube::MetricStatus>* statuses, std::string* error);
  absl::Status ValidateAndParseSelector(std::vector<const kube::Pod*>* pods);

  // Writes the status fields upstream's setStatus writes and finishes `d_`.
  Decision Finish(int32_t current, int32_t desired, std::vector<kube::MetricStatus> statuses,
                  bool rescale);

  const Scenario& s_;
  const absl::Time now_;
  ScaleWriter& writer_;
  const kube::HorizontalPodAutoscaler& hpa_;
  Decision d_;
  std::vector<HorizontalPodAutoscalerCondition> conditions_;
  std::string reference_;
};

absl::Status Reconcile::ValidateAndParseSelector(std::vector<const kube::Pod*>* pods) {
  const std::string& text = s_.scale.selector;
  if (text.empty()) {
    const std::string e = "selector is required";
    Event("Warning", "SelectorRequired", e);
    SetCondition(kube::kScalingActive, "False", "InvalidSelector",
                 "the HPA target's scale is missing a selector");
    return absl::InvalidArgumentError(e);
  }
  absl::StatusOr<kube::Selector> selector = kube::Selector::Parse(text);
  if (!selector.ok()) {
    const std::string e =
        absl::StrCat("couldn't convert selector into a corresponding internal selector object: ",
                     View(selector.status()));
    Event("Warning", "InvalidSelector", e);
    SetCondition(kube::kScalingActive, "False", "InvalidSelector", e);
    return absl::InvalidArgumentError(e);
  }
  pods->reserve(s_.pods.size());
  for (const kube::Pod& p : s_.pods) {
    if (selector->Matches(p.metadata.labels)) pods->push_back(&p);
  }
  // Every HPA of this namespace whose selector matches one of these pods.
  std::vector<std::string> selecting;
  if (!pods->empty()) {
    selecting.push_back(absl::StrCat(hpa_.metadata.namespace_, "/", hpa_.metadata.name));
    for (const OtherHpa& other : s_.other_hpas) {
      if (other.namespace_ != hpa_.metadata.namespace_) continue;
      if (other.name == hpa_.metadata.name) continue;
      absl::StatusOr<kube::Selector> other_selector = kube::Selector::Parse(other.selector);
      if (!other_selector.ok() || other_selector->Empty()) continue;
      for (const kube::Pod* p : *pods) {
        if (other_selector->Matches(p->metadata.labels)) {
          selecting.push_back(absl::StrCat(other.namespace_, "/", other.name));
          break;
        }
      }
    }
  }
  if (selecting.size() > 1) {
    std::sort(selecting.begin(), selecting.end());
    const std::string e =
        absl::StrFormat("pods by selector %s are controlled by multiple HPAs: [%s]", text,
                        absl::StrJoin(selecting, " "));
    Event("Warning", "AmbiguousSelector", e);
    SetCondition(kube::kScalingActive, "False", "AmbiguousSelector", e);
    return absl::InvalidArgumentError(e);
  }
  return absl::OkStatus();
}

int32_t Reconcile::ComputeReplicasForMetrics(std::string* metric_name,
                                             std::vector<kube::MetricStatus>* statuses,
                                             std::string* error) {
  std::vector<const kube::Pod*> pods;
  absl::Status selector_status = ValidateAndParseSelector(&pods);
  if (!selector_status.ok()) {
    *error = std::string(View(selector_status));
    AddStage("selector", s_.scale.replicas, s_.scale.replicas, "InvalidSelector", *error);
    return -1;
  }
  internal::MetricContext context;
  context.scenario = &s_;
  context.spec_replicas = s_.scale.replicas;
  context.status_replicas = s_.scale.status_replicas;
  context.pods = &pods;
  context.tolerances = TolerancesFor(s_);
  context.now = now_;
  // Per-pod names and requests in the explanation help on human-sized HPAs;
  // past kMaxPodDetails pods only the counts are kept, so large HPAs stay cheap.
  context.record_pod_details = pods.size() <= kMaxPodDetails;

  const std::vector<kube::MetricSpec>& specs = hpa_.spec.metrics;
  statuses->assign(specs.size(), kube::MetricStatus{});
  int32_t replicas = 0;
  int invalid = 0;
  std::string first_error;
  std::string first_reason;
  std::string first_message;
  for (size_t i = 0; i < specs.size(); ++i) {
    internal::MetricOutcome outcome = internal::ComputeMetric(context, specs[i]);
    d_.explanation.metrics.push_back(std::move(outcome.explanation));
    if (!outcome.ok) {
      Event("Warning", outcome.failure_reason, outcome.event_message);
      if (invalid == 0) {
        first_error = outcome.error;
        first_reason = outcome.failure_reason;
        first_message = absl::StrCat("the HPA was unable to compute the replica count: ",
                                     outcome.event_message);
      }
      ++invalid;
      continue;
    }
    (*statuses)[i] = std::move(outcome.status);
    if (replicas == 0 || outcome.replicas > replicas) {
      replicas = outcome.replicas;
      *metric_name = outcome.metric_name;
    }
  }
  if (invalid > 0) {
    *error = absl::StrFormat("invalid metrics (%d invalid out of %d), first error is: %s", invalid,
                             specs.size(), first_error);
  }
  if (invalid >= static_cast<int>(specs.size()) || (invalid > 0 && replicas < s_.scale.replicas)) {
    SetCondition(kube::kScalingActive, "False", first_reason, first_message);
    AddStage(
        "metrics", s_.scale.replicas, s_.scale.replicas, first_reason,
        invalid >= static_cast<int>(specs.size())
            ? "No metric could be computed, so the target is left alone."
            : absl::StrFormat("A metric failed and the others would scale down to %d; Horizon "
                              "never scales down on partial data, so the target is left alone.",
                              replicas));
    return -1;
  }
  SetCondition(kube::kScalingActive, "True", "ValidMetricFound",
               absl::StrCat("the HPA was able to successfully calculate a replica count from ",
                            *metric_name));
  AddStage(
      "max-over-metrics", s_.scale.replicas, replicas, "ValidMetricFound",
      specs.size() == 1
          ? absl::StrFormat("The metric %s proposes %d replicas.", *metric_name, replicas)
          : absl::StrFormat("The largest proposal over %d metrics is %d replicas, from %s%s.",
                            specs.size(), replicas, *metric_name,
                            invalid > 0 ? absl::StrFormat(" (%d metric(s) failed)", invalid) : ""));
  return replicas;
}

Decision Reconcile::Finish(int32_t current, int32_t desired,
                           std::vector<kube::MetricStatus> statuses, bool rescale) {
  kube::HorizontalPodAutoscalerStatus status;
  status.current_replicas = current;
  status.desired_replicas = desired;
  status.last_scale_time = hpa_.status.last_scale_time;
  if (s_.last_scale_time.has_value()) status.last_scale_time = s_.last_scale_time;
  if (rescale) status.last_scale_time = now_;
  status.current_metrics = std::move(statuses);
  status.conditions = conditions_;
  status.observed_generation = hpa_.status.observed_generation;
  if (s_.controller.feature_gates.hpa_generation) {
    status.observed_generation = hpa_.metadata.generation;
  }
  d_.status_updated = !StatusEqual(hpa_.status, status);
  d_.current_metrics = status.current_metrics;
  d_.conditions = status.conditions;
  d_.status = std::move(status);
  return std::move(d_);
}

Decision Reconcile::Run() {
  d_.name = s_.name;
  d_.behavior = hpa_.spec.behavior;
  const auto& gates = s_.controller.feature_gates;
  d_.requeue_after = s_.controller.sync_period;
  if (gates.hpa_configurable_sync_period && hpa_.spec.sync_period_seconds.has_value() &&
      *hpa_.spec.sync_period_seconds > 0) {
    d_.requeue_after = absl::Seconds(*hpa_.spec.sync_period_seconds);
  }
  conditions_ = hpa_.status.conditions;
  if (!gates.hpa_scale_to_zero) calc::RemoveCondition(&conditions_, kube::kScaledToZero);
  reference_ = absl::StrFormat("%s/%s/%s", hpa_.spec.scale_target_ref.kind,
                               hpa_.metadata.namespace_, hpa_.spec.scale_target_ref.name);

  // The controller's memory, carried forward whatever happens.
  std::optional<std::vector<Recommendation>> recommendations;
  if (s_.history.recommendations.has_value()) {
    recommendations.emplace();
    for (const TimestampedRecommendation& r : *s_.history.recommendations) {
      recommendations->push_back(Recommendation{r.time, r.replicas});
    }
  }
  std::vector<ScaleEventRecord> up_events, down_events;
  for (const ScaleEvent& e : s_.history.scale_events) {
    if (e.replica_change > 0)
      up_events.push_back(ScaleEventRecord{e.time, e.replica_change, false});
    if (e.replica_change < 0)
      down_events.push_back(ScaleEventRecord{e.time, -e.replica_change, false});
  }
  auto save_history = [&]() {
    d_.history.recommendations.reset();
    if (recommendations.has_value()) {
      d_.history.recommendations.emplace();
      for (const Recommendation& r : *recommendations) {
        d_.history.recommendations->push_back(TimestampedRecommendation{r.time, r.replicas});
      }
    }
    d_.history.scale_events.clear();
    for (const ScaleEventRecord& e : up_events)
      d_.history.scale_events.push_back(ScaleEvent{e.time, e.change});
    for (const ScaleEventRecord& e : down_events)
      d_.history.scale_events.push_back(ScaleEvent{e.time, -e.change});
  };

  const int32_t current = s_.scale.replicas;
  // Steps 3-4: the scale subresource.
  absl::Status gv = ParseGroupVersion(hpa_.spec.scale_target_ref.api_version);
  if (!gv.ok() || s_.scale.get_error.has_value()) {
    const std::string msg = gv.ok() ? *s_.scale.get_error : std::string(View(gv));
    Event("Warning", "FailedGetScale", msg);
    SetCondition(
        kube::kAbleToScale, "False", "FailedGetScale",
        absl::StrCat("the HPA controller was unable to get the target's current scale: ", msg));
    d_.error =
        gv.ok() ? absl::StrFormat("failed to query scale subresource for %s: %s", reference_, msg)
                : absl::StrCat("invalid API version in scale target reference: ", msg);
    d_.desired_replicas = current;
    AddStage("get-scale", current, current, "FailedGetScale",
             "The target's scale could not be read; nothing changes.");
    save_history();
    // Nothing but the conditions changes in the status.
    kube::HorizontalPodAutoscalerStatus status = hpa_.status;
    status.conditions = conditions_;
    d_.status_updated = !StatusEqual(hpa_.status, status);
    d_.current_metrics = status.current_metrics;
    d_.conditions = status.conditions;
    d_.status = std::move(status);
    return std::move(d_);
  }
  SetCondition(kube::kAbleToScale, "True", "SucceededGetScale",
               "the HPA controller was able to get the target's current scale");
  if (!recommendations.has_value()) {
    // No memory of this HPA yet: remember the count found (recordInitialRecommendation).
    recommendations.emplace(1, Recommendation{now_, current});
  }
  const int32_t min_replicas = hpa_.spec.min_replicas.value_or(1);
  const int32_t max_replicas = hpa_.spec.max_replicas;

  const bool scaled_to_zero_condition = [&] {
    if (!gates.hpa_scale_to_zero) return false;
    const HorizontalPodAutoscalerCondition* c =
        calc::FindCondition(hpa_.status.conditions, kube::kScaledToZero);
    return c != nullptr && c->status == "True";
  }();
  const bool has_object_or_external = HasObjectOrExternalMetric(hpa_);
  const bool can_scale_from_zero = scaled_to_zero_condition && has_object_or_external;

  int32_t desired = 0;
  bool rescale = true;
  bool compute_metrics = true;
  std::string rescale_reason;
  std::vector<kube::MetricStatus> statuses;
  if (current == 0) {
    if (!((min_replicas != 0 && scaled_to_zero_condition) || can_scale_from_zero)) {
      desired = 0;
      rescale = false;
      compute_metrics = false;
      SetCondition(kube::kScalingActive, "False", "ScalingDisabled",
                   "scaling is disabled since the replica count of the target is zero");
      AddStage(
          "scaling-disabled", 0, 0, "ScalingDisabled",
          "The target has 0 replicas and is not eligible to scale from zero, so autoscaling is "
          "disabled.");
    }
  } else if (current > max_replicas) {
    rescale_reason = "Current number of replicas above Spec.MaxReplicas";
    desired = max_replicas;
    compute_metrics = false;
    AddStage(
        "min-max", current, desired, "TooManyReplicas",
        absl::StrFormat("The target has %d replicas, above maxReplicas %d; metrics are not read.",
                        current, max_replicas));
  } else if (current < min_replicas) {
    rescale_reason = "Current number of replicas below Spec.MinReplicas";
    desired = min_replicas;
    compute_metrics = false;
    AddStage(
        "min-max", current, desired, "TooFewReplicas",
        absl::StrFormat("The target has %d replicas, below minReplicas %d; metrics are not read.",
                        current, min_replicas));
  }

  if (compute_metrics) {
    std::string metric_name;
    std::string error;
    const int32_t metric_desired = ComputeReplicasForMetrics(&metric_name, &statuses, &error);
    if (metric_desired == -1) {
      Event("Warning", "FailedComputeMetricsReplicas", error);
      d_.error = absl::StrFormat(
          "failed to compute desired number of replicas based on listed metrics for %s: %s",
          reference_, error);
      d_.desired_replicas = current;
      save_history();
      return Finish(current, hpa_.status.desired_replicas, std::move(statuses), false);
    }
    if (!error.empty()) d_.reconcile_error = error;
    d_.recommendation = metric_desired;
    std::string rescale_metric;
    if (metric_desired > desired) {
      desired = metric_desired;
      rescale_metric = metric_name;
    }
    if (desired > current) rescale_reason = absl::StrCat(rescale_metric, " above target");
    if (desired < current) rescale_reason = "All metrics below target";

    const int32_t before = desired;
    calc::NormalizeResult n;
    if (!hpa_.spec.behavior.has_value()) {
      n = calc::NormalizeWithoutBehavior(
          current, desired, min_replicas, max_replicas,
          s_.controller.downscale_stabilization_window, s_.controller.scale_up_limit_factor,
          s_.controller.scale_up_limit_minimum, now_, &*recommendations);
    } else {
      kube::HorizontalPodAutoscalerBehavior behavior = *hpa_.spec.behavior;
      if (behavior.scale_down.has_value() && !behavior.scale_down->stabilization_window_seconds) {
        behavior.scale_down->stabilization_window_seconds = static_cast<int32_t>(
            absl::ToInt64Seconds(s_.controller.downscale_stabilization_window));
      }
      n = calc::NormalizeWithBehavior(behavior, current, desired, min_replicas, max_replicas, now_,
                                      &*recommendations, up_events, down_events);
    }
    SetCondition(kube::kAbleToScale, "True", n.able_reason, n.able_message);
    if (n.stabilized != before) {
      AddStage(
          "stabilization", before, n.stabilized, n.able_reason,
          n.stabilized > before
              ? absl::StrFormat("A higher recommendation within the stabilization window holds "
                                "the count at %d.",
                                n.stabilized)
              : absl::StrFormat("A lower recommendation within the scale-up stabilization "
                                "window holds the count at %d.",
                                n.stabilized));
    }
    SetCondition(kube::kScalingLimited, n.limited ? "True" : "False", n.limited_reason,
                 n.limited_message);
    if (n.limited) {
      AddStage(n.limited_reason == "ScaleUpLimit" || n.limited_reason == "ScaleDownLimit"
                   ? "rate-limit"
                   : "min-max",
               n.stabilized, n.desired, n.limited_reason,
               absl::StrFormat("%s: limited to %d.", n.limited_message, n.desired));
    }
    desired = n.desired;
    if (current == 0 && min_replicas != 0 && scaled_to_zero_condition && desired < min_replicas) {
      AddStage("min-max", desired, min_replicas, "TooFewReplicas",
               "Scaling up from zero goes at least to minReplicas.");
      desired = min_replicas;
    }
    rescale = desired != current;
  }

  if (rescale) {
    d_.scale_write.attempted = true;
    d_.scale_write.replicas = desired;
    int32_t conflicts = 0;
    absl::Status write = writer_.WriteReplicas(desired, &conflicts);
    d_.scale_write.conflicts = conflicts;
    if (!write.ok()) {
      Event("Warning", "FailedRescale",
            absl::StrFormat("New size: %d; reason: %s; error: %s", desired, rescale_reason,
                            View(write)));
      SetCondition(
          kube::kAbleToScale, "False", "FailedUpdateScale",
          absl::StrCat("the HPA controller was unable to update the target scale: ", View(write)));
      d_.error = absl::StrFormat("failed to rescale %s: %s", reference_, View(write));
      d_.desired_replicas = current;
      AddStage("scale-write", current, current, "FailedUpdateScale",
               absl::StrFormat("Writing %d replicas failed: %s", desired, View(write)));
      save_history();
      return Finish(current, hpa_.status.desired_replicas, std::move(statuses), false);
    }
    d_.scale_write.succeeded = true;
    SetCondition(
        kube::kAbleToScale, "True", "SucceededRescale",
        absl::StrFormat("the HPA controller was able to update the target scale to %d", desired));
    Event("Normal", "SuccessfulRescale",
          absl::StrFormat("New size: %d; reason: %s", desired, rescale_reason));
    if (hpa_.spec.behavior.has_value()) {
      calc::StoreScaleEvent(*hpa_.spec.behavior, current, desired, now_, &up_events, &down_events);
    }
    if (gates.hpa_scale_to_zero) {
      if (current > 0 && desired == 0 && min_replicas == 0 && has_object_or_external) {
        SetCondition(kube::kScaledToZero, "True", "ScaledToZero",
                     "the HPA controller scaled the workload to zero");
      } else {
        SetCondition(kube::kScaledToZero, "False", "NotScaledToZero",
                     "the HPA controller did not scale the workload to zero");
      }
    }
    AddStage(
        "scale-write", current, desired, "SucceededRescale",
        absl::StrFormat("Scaled from %d to %d replicas (%s).", current, desired, rescale_reason));
  } else {
    desired = current;
    AddStage("decision", current, current, "NoChange",
             absl::StrFormat("The target stays at %d replicas.", current));
  }
  d_.desired_replicas = desired;
  save_history();
  return Finish(current, desired, std::move(statuses), rescale);
}

}  // namespace

Decision EvaluateWithWriter(const Scenario& scenario, absl::Time now, ScaleWriter& writer) {
  return Reconcile(scenario, now, writer).Run();
}

Decision Evaluate(const Scenario& scenario, absl::Time now) {
  ScenarioScaleWriter writer(scenario);
  return EvaluateWithWriter(scenario, now, writer);
}

}  // namespace horizon::hpa
