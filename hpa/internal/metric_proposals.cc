#include "hpa/internal/metric_proposals.h"

#include <cmath>
#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "hpa/calc/replica_calculator.h"
#include "kube/label_selector.h"

namespace horizon::hpa::internal {
namespace {

using calc::PodSample;

// A failure as upstream reports it: the condition reason, the message of the
// Warning event (the inner error) and the error returned to the caller.
MetricOutcome Fail(MetricOutcome out, std::string reason, std::string event_message,
                   std::string error) {
  out.ok = false;
  out.status = kube::MetricStatus{};
  out.failure_reason = std::move(reason);
  out.event_message = std::move(event_message);
  out.error = std::move(error);
  out.explanation.error = out.error;
  out.explanation.proposal.reset();
  return out;
}

std::string StatusMessage(const absl::Status& s) { return std::string(s.message()); }

// Kubernetes formats memory quantities in binary SI, everything else decimal.
kube::Quantity ResourceQuantity(std::string_view resource, int64_t milli) {
  return kube::Quantity::FromMilli(milli, resource == "memory"
                                              ? kube::Quantity::Format::kBinarySI
                                              : kube::Quantity::Format::kDecimalSI);
}

std::string FormatRatio(double r) { return absl::StrFormat("%.3f", r); }

bool SelectorsEqual(const std::optional<kube::LabelSelectorSpec>& a,
                    const std::optional<kube::LabelSelectorSpec>& b) {
  auto canonical = [](const std::optional<kube::LabelSelectorSpec>& s) -> std::string {
    if (!s.has_value()) return "";
    absl::StatusOr<kube::Selector> sel = kube::Selector::FromSpec(*s);
    return sel.ok() ? sel->ToString() : "<invalid>";
  };
  return canonical(a) == canonical(b);
}

void ExplainGrouping(const calc::PodMetricResult& r, MetricExplanation* e) {
  PodGroups g;
  g.ready_count = r.grouping.ready_count;
  g.unready = r.grouping.unready;
  g.missing = r.grouping.missing;
  g.ignored = r.grouping.ignored;
  e->pod_groups = std::move(g);
  for (const auto& [pod, milli] : r.pod_requests_milli) e->pod_requests_milli[pod] = milli;
  e->ratio = r.rebalanced_ratio.has_value() ? *r.rebalanced_ratio : r.ratio;
}

std::string PathNote(const calc::PodMetricResult& r) {
  switch (r.path) {
    case calc::ProposalPath::kWithinTolerance:
      return "within tolerance";
    case calc::ProposalPath::kScaled:
      return "scaled by ready pods";
    case calc::ProposalPath::kRebalancedWithinTolerance:
      return "rebalanced ratio within tolerance";
    case calc::ProposalPath::kRebalancedFlipped:
      return "rebalancing reversed the direction";
    case calc::ProposalPath::kRebalanced:
      return "rebalanced over unready/missing pods";
    case calc::ProposalPath::kRebalancedCountFlipped:
      return "rebalanced count reversed the direction";
  }
  return "";
}

struct ResourceSamples {
  std::vector<PodSample> samples;
  size_t returned = 0;  // items the API returned, before per-pod filtering
};

// metrics.k8s.io PodMetrics → per-pod values of `resource` (summed over
// containers, or one container's), dropping pods that lack the value.
ResourceSamples ResourceSamplesFor(const Scenario& s, const std::vector<const kube::Pod*>& listed,
                                   std::string_view resource, std::string_view container) {
  ResourceSamples out;
  out.samples.reserve(s.metrics.resource.size());
  // Samples of pods the scenario knows but the selector does not list are not
  // returned by the metrics API either (it filters by the same selector).
  std::vector<std::string_view> unlisted;
  if (listed.size() != s.pods.size()) {
    size_t j = 0;
    for (const kube::Pod& p : s.pods) {
      if (j < listed.size() && listed[j] == &p) {
        ++j;
      } else {
        unlisted.push_back(p.metadata.name);
      }
    }
  }
  const std::string res(resource);
  for (const PodResourceMetrics& m : s.metrics.resource) {
    bool skip = false;
    for (std::string_view u : unlisted) skip = skip || u == m.pod;
    if (skip) continue;
    ++out.returned;
    int64_t value = 0;
    bool ok = false;
    if (!container.empty()) {
      for (const ContainerUsage& c : m.containers) {
        if (c.name != container) continue;
        auto it = c.usage.find(res);
        if (it != c.usage.end()) {
          value = it->second.MilliValue();
          ok = true;
        }
        break;
      }
    } else if (!m.containers.empty()) {
      ok = true;
      for (const ContainerUsage& c : m.containers) {
        auto it = c.usage.find(res);
        if (it == c.usage.end()) {
          ok = false;
          break;
        }
        value += it->second.MilliValue();
      }
    }
    if (ok) out.samples.push_back(PodSample{m.pod, value, m.timestamp, m.window});
  }
  return out;
}

calc::PodMetricContext PodContext(const MetricContext& c) {
  calc::PodMetricContext pc;
  pc.current_replicas = c.spec_replicas;
  pc.pods = c.pods;
  pc.tolerances = c.tolerances;
  pc.cpu_initialization_period = c.scenario->controller.cpu_initialization_period;
  pc.initial_readiness_delay = c.scenario->controller.initial_readiness_delay;
  pc.pod_level_resources = c.scenario->controller.feature_gates.pod_level_resources;
  pc.now = c.now;
  pc.record_pod_details = c.record_pod_details;
  return pc;
}

// Resource and ContainerResource (computeStatusForResourceMetricGeneric).
MetricOutcome ComputeResource(const MetricContext& c, const std::string& resource,
                              const std::string& container, const kube::MetricTarget& target,
                              bool container_source) {
  MetricOutcome out;
  out.explanation.type =
      container_source ? kube::kContainerResourceMetricSourceType : kube::kResourceMetricSourceType;
  const std::string reason =
      container_source ? "FailedGetContainerResourceMetric" : "FailedGetResourceMetric";
  auto outer = [&](const std::string& inner) {
    return container_source
               ? absl::StrFormat("failed to get %s container metric value: %s", container, inner)
               : absl::StrFormat("failed to get %s resource metric value: %s", resource, inner);
  };
  const bool utilization = !target.average_value.has_value();
  out.explanation.name =
      !utilization ? absl::StrCat(resource, " resource")
      : container_source
          ? absl::StrCat(resource, " container resource utilization (percentage of request)")
          : absl::StrCat(resource, " resource utilization (percentage of request)");
  if (utilization && !target.average_utilization.has_value()) {
    const std::string e =
        "invalid resource metric source: neither an average utilization target nor an average "
        "value (usage) target was set";
    return Fail(std::move(out), reason, e, outer(e));
  }
  const std::string what = utilization ? "utilization" : "usage";
  auto wrap = [&](std::string_view inner) {
    return absl::StrFormat("failed to get %s %s: %s", resource, what,
                           absl::string_view(inner.data(), inner.size()));
  };

  // Fetch (metricsClient.GetResourceMetric).
  const Scenario& s = *c.scenario;
  std::string fetch_error;
  ResourceSamples samples;
  if (s.metrics.resource_error.has_value()) {
    fetch_error = absl::StrCat("unable to fetch metrics from resource metrics API: ",
                               *s.metrics.resource_error);
  } else {
    samples = ResourceSamplesFor(s, *c.pods, resource, container);
    if (samples.returned == 0) fetch_error = "no metrics returned from resource metrics API";
  }
  if (!fetch_error.empty()) {
    const std::string inner =
        wrap(absl::StrFormat("unable to get metrics for resource %s: %s", resource, fetch_error));
    return Fail(std::move(out), reason, inner, outer(inner));
  }

  const calc::PodMetricContext pc = PodContext(c);
  absl::StatusOr<calc::PodMetricResult> r =
      utilization ? calc::ResourceUtilizationReplicas(pc, samples.samples, resource, container,
                                                      *target.average_utilization)
                  : calc::PlainMetricReplicas(pc, samples.samples, resource,
                                              target.average_value->MilliValue());
  if (!r.ok()) {
    const std::string inner = wrap(StatusMessage(r.status()));
    return Fail(std::move(out), reason, inner, outer(inner));
  }
  kube::MetricValueStatus current;
  current.average_value = ResourceQuantity(resource, r->average_milli);
  if (utilization) {
    current.average_utilization = r->utilization;
    out.explanation.usage =
        absl::StrFormat("%d%% (%s average)", r->utilization, current.average_value->ToString());
    out.explanation.target = absl::StrFormat("%d%%", *target.average_utilization);
  } else {
    out.explanation.usage = current.average_value->ToString();
    out.explanation.target = target.average_value->ToString();
  }
  if (container_source) {
    out.status.type = kube::kContainerResourceMetricSourceType;
    out.status.container_resource =
        kube::ContainerResourceMetricStatus{resource, container, current};
  } else {
    out.status.type = kube::kResourceMetricSourceType;
    out.status.resource = kube::ResourceMetricStatus{resource, current};
  }
  ExplainGrouping(*r, &out.explanation);
  out.explanation.usage += absl::StrCat("; ", PathNote(*r));
  out.ok = true;
  out.replicas = r->replicas;
  out.metric_name = out.explanation.name;
  out.explanation.proposal = r->replicas;
  return out;
}

MetricOutcome ComputePods(const MetricContext& c, const kube::PodsMetricSource& src) {
  MetricOutcome out;
  out.explanation.type = kube::kPodsMetricSourceType;
  out.explanation.name = absl::StrCat("pods metric ", src.metric.name);
  const std::string reason = "FailedGetPodsMetric";
  auto outer = [](const std::string& inner) {
    return absl::StrCat("failed to get pods metric value: ", inner);
  };
  if (src.metric.selector.has_value()) {
    absl::StatusOr<kube::Selector> sel = kube::Selector::FromSpec(*src.metric.selector);
    if (!sel.ok()) {
      const std::string e(StatusMessage(sel.status()));
      return Fail(std::move(out), reason, e, outer(e));
    }
  }
  if (!src.target.average_value.has_value()) {
    const std::string e = "invalid pods metric source: no average value target was set";
    return Fail(std::move(out), reason, e, outer(e));
  }
  const Scenario& s = *c.scenario;
  std::vector<PodSample> samples;
  if (s.metrics.pods_error.has_value()) {
    const std::string e = absl::StrFormat(
        "unable to get metric %s: unable to fetch metrics from custom metrics API: %s",
        src.metric.name, *s.metrics.pods_error);
    return Fail(std::move(out), reason, e, outer(e));
  }
  for (const PodMetricValue& v : s.metrics.pods) {
    if (v.metric == src.metric.name) {
      samples.push_back(PodSample{v.pod, v.value.MilliValue(), v.timestamp, v.window});
    }
  }
  if (samples.empty()) {
    const std::string e = absl::StrFormat(
        "unable to get metric %s: no metrics returned from custom metrics API", src.metric.name);
    return Fail(std::move(out), reason, e, outer(e));
  }
  absl::StatusOr<calc::PodMetricResult> r =
      calc::PlainMetricReplicas(PodContext(c), samples, "", src.target.average_value->MilliValue());
  if (!r.ok()) {
    const std::string e(StatusMessage(r.status()));
    return Fail(std::move(out), reason, e, outer(e));
  }
  kube::MetricValueStatus current;
  current.average_value = kube::Quantity::FromMilli(r->average_milli);
  out.status.type = kube::kPodsMetricSourceType;
  out.status.pods = kube::PodsMetricStatus{src.metric, current};
  ExplainGrouping(*r, &out.explanation);
  out.explanation.usage = absl::StrCat(current.average_value->ToString(), "; ", PathNote(*r));
  out.explanation.target = src.target.average_value->ToString();
  out.ok = true;
  out.replicas = r->replicas;
  out.metric_name = out.explanation.name;
  out.explanation.proposal = r->replicas;
  return out;
}

MetricOutcome ComputeObject(const MetricContext& c, const kube::ObjectMetricSource& src) {
  MetricOutcome out;
  out.explanation.type = kube::kObjectMetricSourceType;
  const std::string reason = "FailedGetObjectMetric";
  const bool value_target =
      src.target.type == kube::kValueMetricType && src.target.value.has_value();
  const bool average_target =
      src.target.type == kube::kAverageValueMetricType && src.target.average_value.has_value();
  out.explanation.name =
      value_target ? absl::StrFormat("%s metric %s", src.described_object.kind, src.metric.name)
                   : absl::StrFormat("external metric %s(%s)", src.metric.name,
                                     GoLabelSelectorString(src.metric.selector));
  auto outer = [](const std::string& inner) {
    return absl::StrCat("failed to get object metric value: ", inner);
  };
  if (src.metric.selector.has_value()) {
    absl::StatusOr<kube::Selector> sel = kube::Selector::FromSpec(*src.metric.selector);
    if (!sel.ok()) {
      const std::string e(StatusMessage(sel.status()));
      return Fail(std::move(out), reason, e, outer(e));
    }
  }
  if (!value_target && !average_target) {
    const std::string e =
        "invalid object metric source: neither a value target nor an average value target was set";
    return Fail(std::move(out), reason, e, outer(e));
  }
  // Fetch the one value for the described object.
  const Scenario& s = *c.scenario;
  std::string fetch_error;
  const ObjectMetricValue* value = nullptr;
  if (s.metrics.object_error.has_value()) {
    fetch_error =
        absl::StrCat("unable to fetch metrics from custom metrics API: ", *s.metrics.object_error);
  } else {
    for (const ObjectMetricValue& v : s.metrics.object) {
      if (v.metric == src.metric.name && v.described_object.kind == src.described_object.kind &&
          v.described_object.name == src.described_object.name &&
          (!v.selector.has_value() || SelectorsEqual(v.selector, src.metric.selector))) {
        value = &v;
        break;
      }
    }
    if (value == nullptr) fetch_error = "no metrics returned from custom metrics API";
  }
  if (!fetch_error.empty()) {
    // Upstream's message puts its arguments in this (shifted) order.
    const std::string e = absl::StrFormat(
        "unable to get metric %s: %s on %s %s/%s", src.metric.name, src.described_object.kind,
        s.hpa.metadata.namespace_, src.described_object.name, fetch_error);
    return Fail(std::move(out), reason, e,
                value_target ? outer(e)
                             : outer(absl::StrFormat("failed to get %s object metric: %s",
                                                     src.metric.name, e)));
  }
  const int64_t usage = value->value.MilliValue();
  kube::MetricValueStatus current;
  if (value_target) {
    const int64_t target = src.target.value->MilliValue();
    const double ratio = static_cast<double>(usage) / static_cast<double>(target);
    absl::StatusOr<int32_t> replicas =
        calc::UsageRatioReplicas(c.spec_replicas, ratio, c.tolerances, *c.pods);
    if (!replicas.ok()) {
      const std::string e(StatusMessage(replicas.status()));
      return Fail(std::move(out), reason, e, outer(e));
    }
    current.value = kube::Quantity::FromMilli(usage);
    out.replicas = *replicas;
    out.explanation.ratio = ratio;
    out.explanation.usage = current.value->ToString();
    out.explanation.target = src.target.value->ToString();
  } else {
    const calc::PerPodResult r = calc::PerPodReplicas(
        c.status_replicas, usage, src.target.average_value->MilliValue(), c.tolerances);
    current.average_value = kube::Quantity::FromMilli(r.average_milli);
    out.replicas = r.replicas;
    out.explanation.ratio = r.ratio;
    out.explanation.usage =
        absl::StrFormat("%s total over %d replicas", kube::Quantity::FromMilli(usage).ToString(),
                        c.status_replicas);
    out.explanation.target = absl::StrCat(src.target.average_value->ToString(), " per replica");
  }
  out.status.type = kube::kObjectMetricSourceType;
  out.status.object = kube::ObjectMetricStatus{src.metric, current, src.described_object};
  out.ok = true;
  out.metric_name = out.explanation.name;
  out.explanation.proposal = out.replicas;
  return out;
}

MetricOutcome ComputeExternal(const MetricContext& c, const kube::ExternalMetricSource& src) {
  MetricOutcome out;
  out.explanation.type = kube::kExternalMetricSourceType;
  const std::string reason = "FailedGetExternalMetric";
  const std::string selector_text = GoLabelSelectorString(src.metric.selector);
  out.explanation.name = absl::StrFormat("external metric %s(%s)", src.metric.name, selector_text);
  auto outer = [&](const std::string& inner) {
    return absl::StrFormat("failed to get %s external metric value: %s", src.metric.name, inner);
  };
  const bool average_target = src.target.average_value.has_value();
  const bool value_target = !average_target && src.target.value.has_value();
  if (!average_target && !value_target) {
    const std::string e =
        "invalid external metric source: neither a value target nor an average value target was "
        "set";
    return Fail(std::move(out), reason, e, outer(e));
  }
  auto mid = [&](const std::string& e) {
    return average_target
               ? absl::StrFormat("failed to get %s external metric: %s", src.metric.name, e)
               : absl::StrFormat("failed to get external metric %s: %s", src.metric.name, e);
  };
  if (src.metric.selector.has_value()) {
    absl::StatusOr<kube::Selector> sel = kube::Selector::FromSpec(*src.metric.selector);
    if (!sel.ok()) {
      const std::string e(StatusMessage(sel.status()));
      return Fail(std::move(out), reason, e, outer(mid(e)));
    }
  }
  const Scenario& s = *c.scenario;
  std::string fetch_error;
  const ExternalMetricValues* values = nullptr;
  if (s.metrics.external_error.has_value()) {
    fetch_error = absl::StrCat("unable to fetch metrics from external metrics API: ",
                               *s.metrics.external_error);
  } else {
    for (const ExternalMetricValues& v : s.metrics.external) {
      if (v.metric == src.metric.name &&
          (!v.selector.has_value() || SelectorsEqual(v.selector, src.metric.selector))) {
        values = &v;
        break;
      }
    }
    if (values == nullptr || values->values.empty()) {
      fetch_error = "no metrics returned from external metrics API";
    }
  }
  if (!fetch_error.empty()) {
    const std::string e =
        absl::StrFormat("unable to get external metric %s/%s/%s: %s", s.hpa.metadata.namespace_,
                        src.metric.name, selector_text, fetch_error);
    return Fail(std::move(out), reason, e, outer(mid(e)));
  }
  // Sum of the series, saturating at MaxInt64.
  int64_t usage = 0;
  for (const kube::Quantity& q : values->values) {
    const int64_t v = q.MilliValue();
    if (v > 0 && usage > std::numeric_limits<int64_t>::max() - v) {
      usage = std::numeric_limits<int64_t>::max();
      break;
    }
    usage += v;
  }
  kube::MetricValueStatus current;
  if (average_target) {
    const calc::PerPodResult r = calc::PerPodReplicas(
        c.status_replicas, usage, src.target.average_value->MilliValue(), c.tolerances);
    current.average_value = kube::Quantity::FromMilli(r.average_milli);
    out.replicas = r.replicas;
    out.explanation.ratio = r.ratio;
    out.explanation.usage =
        absl::StrFormat("%s total over %d replicas", kube::Quantity::FromMilli(usage).ToString(),
                        c.status_replicas);
    out.explanation.target = absl::StrCat(src.target.average_value->ToString(), " per replica");
  } else {
    const int64_t target = src.target.value->MilliValue();
    const double ratio = static_cast<double>(usage) / static_cast<double>(target);
    absl::StatusOr<int32_t> replicas =
        calc::UsageRatioReplicas(c.spec_replicas, ratio, c.tolerances, *c.pods);
    if (!replicas.ok()) {
      const std::string e(StatusMessage(replicas.status()));
      return Fail(std::move(out), reason, e, outer(mid(e)));
    }
    current.value = kube::Quantity::FromMilli(usage);
    out.replicas = *replicas;
    out.explanation.ratio = ratio;
    out.explanation.usage = current.value->ToString();
    out.explanation.target = src.target.value->ToString();
  }
  out.status.type = kube::kExternalMetricSourceType;
  out.status.external = kube::ExternalMetricStatus{src.metric, current};
  out.ok = true;
  out.metric_name = out.explanation.name;
  out.explanation.proposal = out.replicas;
  return out;
}

}  // namespace

std::string GoLabelSelectorString(const std::optional<kube::LabelSelectorSpec>& selector) {
  if (!selector.has_value()) return "nil";
  std::string exprs = "[]LabelSelectorRequirement{";
  for (const kube::LabelSelectorRequirement& r : selector->match_expressions) {
    absl::StrAppend(&exprs, "LabelSelectorRequirement{Key:", r.key, ",Operator:", r.op, ",Values:[",
                    absl::StrJoin(r.values, " "), "],},");
  }
  exprs += "}";
  std::string labels = "map[string]string{";
  for (const auto& [k, v] : selector->match_labels) absl::StrAppend(&labels, k, ": ", v, ",");
  labels += "}";
  return absl::StrCat("&LabelSelector{MatchLabels:", labels, ",MatchExpressions:", exprs, ",}");
}

MetricOutcome ComputeMetric(const MetricContext& c, const kube::MetricSpec& spec) {
  auto missing_source = [&](const char* reason) {
    MetricOutcome out;
    out.explanation.type = spec.type;
    const std::string e = absl::StrFormat("invalid metric source: type %s without its %s block",
                                          spec.type, spec.type);
    return Fail(std::move(out), reason, e, e);
  };
  if (spec.type == kube::kResourceMetricSourceType) {
    if (!spec.resource) return missing_source("FailedGetResourceMetric");
    return ComputeResource(c, spec.resource->name, "", spec.resource->target, false);
  }
  if (spec.type == kube::kContainerResourceMetricSourceType) {
    if (!spec.container_resource) return missing_source("FailedGetContainerResourceMetric");
    return ComputeResource(c, spec.container_resource->name, spec.container_resource->container,
                           spec.container_resource->target, true);
  }
  if (spec.type == kube::kPodsMetricSourceType) {
    if (!spec.pods) return missing_source("FailedGetPodsMetric");
    return ComputePods(c, *spec.pods);
  }
  if (spec.type == kube::kObjectMetricSourceType) {
    if (!spec.object) return missing_source("FailedGetObjectMetric");
    return ComputeObject(c, *spec.object);
  }
  if (spec.type == kube::kExternalMetricSourceType) {
    if (!spec.external) return missing_source("FailedGetExternalMetric");
    return ComputeExternal(c, *spec.external);
  }
  MetricOutcome out;
  out.explanation.type = spec.type;
  const std::string e = absl::StrFormat("unknown metric source type \"%s\"", spec.type);
  return Fail(std::move(out), "InvalidMetricSourceType", e, e);
}

}  // namespace horizon::hpa::internal
