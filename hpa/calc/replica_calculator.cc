#include "hpa/calc/replica_calculator.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace horizon::hpa::calc {
namespace {

// Go's zero time.Time (0001-01-01T00:00:00Z): what an unset
// lastTransitionTime compares as upstream.
absl::Time GoZeroTime() {
  static const absl::Time t =
      absl::FromCivil(absl::CivilSecond(1, 1, 1, 0, 0, 0), absl::UTCTimeZone());
  return t;
}

absl::string_view AbslView(std::string_view s) { return absl::string_view(s.data(), s.size()); }

enum class Group : uint8_t { kReady, kUnready, kMissing, kIgnored };

// The samples matched to the listed pods. `sample_of_pod[i]` is the index of
// pod i's sample or -1; `superfluous` lists samples of pods the lister does
// not know (they still count as metric entries, as upstream's map keeps them).
struct Matching {
  std::vector<int> sample_of_pod;
  std::vector<int> superfluous;
};

Matching MatchSamples(const std::vector<const kube::Pod*>& pods,
                      const std::vector<PodSample>& samples) {
  Matching m;
  m.sample_of_pod.assign(pods.size(), -1);
  // Fast path: the controller builds samples in pod order.
  bool aligned = samples.size() == pods.size();
  for (size_t i = 0; aligned && i < pods.size(); ++i) {
    aligned = samples[i].pod == pods[i]->metadata.name;
  }
  if (aligned) {
    for (size_t i = 0; i < pods.size(); ++i) m.sample_of_pod[i] = static_cast<int>(i);
    return m;
  }
  // Keyed like upstream's map: a later sample for the same pod wins.
  absl::flat_hash_map<absl::string_view, int> by_pod;
  by_pod.reserve(samples.size());
  for (size_t i = 0; i < samples.size(); ++i)
    by_pod[AbslView(samples[i].pod)] = static_cast<int>(i);
  for (size_t i = 0; i < pods.size(); ++i) {
    auto it = by_pod.find(AbslView(pods[i]->metadata.name));
    if (it == by_pod.end()) continue;
    if (it->second >= 0) {
      m.sample_of_pod[i] = it->second;
      it->second = -1 - it->second;  // matched: the rest are superfluous
    } else {
      m.sample_of_pod[i] = -1 - it->second;  // a second pod of the same name
    }
  }
  for (const auto& [name, index] : by_pod) {
    if (index >= 0) m.superfluous.push_back(index);
  }
  // Sample order, so nothing depends on hash order.
  std::sort(m.superfluous.begin(), m.superfluous.end());
  return m;
}

Group GroupPod(const kube::Pod& pod, const PodSample* sample, bool cpu, const PodMetricContext& c) {
  if (pod.metadata.deletion_timestamp.has_value() || pod.status.phase == "Failed") {
    return Group::kIgnored;
  }
  if (pod.status.phase == "Pending") return Group::kUnready;
  if (sample == nullptr) return Group::kMissing;
  if (!cpu) return Group::kReady;
  const kube::PodCondition* ready = pod.FindCondition("Ready");
  if (ready == nullptr || !pod.status.start_time.has_value()) return Group::kUnready;
  const absl::Time start = *pod.status.start_time;
  const absl::Time transition = ready->last_transition_time.value_or(GoZeroTime());
  bool unready;
  if (start + c.cpu_initialization_period > c.now) {
    // Still initialising: distrust a sample that does not cover a full window
    // since the last readiness change.
    unready = ready->status == "False" || sample->timestamp < transition + sample->window;
  } else {
    // Initialised: only a pod that never became ready is left out.
    unready = ready->status == "False" && start + c.initial_readiness_delay > transition;
  }
  return unready ? Group::kUnready : Group::kReady;
}

// Groups every listed pod and records the grouping.
std::vector<Group> GroupPods(const std::vector<const kube::Pod*>& pods,
                             const std::vector<PodSample>& samples, const Matching& m, bool cpu,
                             const PodMetricContext& c, PodGrouping* grouping) {
  std::vector<Group> groups(pods.size());
  for (size_t i = 0; i < pods.size(); ++i) {
    const PodSample* sample = m.sample_of_pod[i] >= 0 ? &samples[m.sample_of_pod[i]] : nullptr;
    groups[i] = GroupPod(*pods[i], sample, cpu, c);
    switch (groups[i]) {
      case Group::kReady:
        ++grouping->ready_count;
        break;
      case Group::kUnready:
        if (c.record_pod_details) grouping->unready.push_back(pods[i]->metadata.name);
        break;
      case Group::kMissing:
        if (c.record_pod_details) grouping->missing.push_back(pods[i]->metadata.name);
        break;
      case Group::kIgnored:
        if (c.record_pod_details) grouping->ignored.push_back(pods[i]->metadata.name);
        break;
    }
  }
  return groups;
}

bool HasSampleAfterGrouping(const std::vector<Group>& groups, const Matching& m) {
  if (!m.superfluous.empty()) return true;
  for (size_t i = 0; i < groups.size(); ++i) {
    if (groups[i] == Group::kReady) return true;  // ready pods always have a sample
  }
  return false;
}

bool Supported(const std::string& resource) { return resource == "cpu" || resource == "memory"; }

bool PodLevelRequestsSet(const kube::Pod& pod) {
  if (!pod.spec.resources.has_value()) return false;
  for (const auto& [name, q] : pod.spec.resources->requests) {
    if (Supported(name)) return true;
  }
  return false;
}

// The containers whose requests count: regular ones plus sidecars (init
// containers with restartPolicy Always).
template <typename F>
void ForEachCountedContainer(const kube::Pod& pod, F&& f) {
  for (const kube::Container& c : pod.spec.containers) {
    if (!f(c)) return;
  }
  for (const kube::Container& c : pod.spec.init_containers) {
    if (c.restart_policy.has_value() && *c.restart_policy == "Always") {
      if (!f(c)) return;
    }
  }
}

absl::StatusOr<int64_t> ContainerRequests(const kube::Pod& pod, std::string_view container,
                                          const std::string& resource) {
  int64_t request = 0;
  absl::Status error;
  bool found = false;
  ForEachCountedContainer(pod, [&](const kube::Container& c) {
    if (container.empty() || container == c.name) {
      auto it = c.resources.requests.find(resource);
      if (it == c.resources.requests.end()) {
        error = absl::InvalidArgumentError(
            absl::StrFormat("missing request for %s in container %s of Pod %s", resource, c.name,
                            pod.metadata.name));
        return false;
      }
      request += it->second.MilliValue();
    }
    if (container == c.name) {
      found = true;
      return false;
    }
    return true;
  });
  if (!error.ok()) return error;
  if (!container.empty() && !found) {
    return absl::InvalidArgumentError(absl::StrFormat("container %s not found in Pod %s",
                                                      AbslView(container), pod.metadata.name));
  }
  return request;
}

// Pod-level requests: the pod's own request for the resource when set there,
// otherwise the containers' aggregate (regular + sidecars, at least any plain
// init container's request), as the pod-resources helper computes it.
absl::StatusOr<int64_t> PodLevelRequests(const kube::Pod& pod, const std::string& resource) {
  auto own = pod.spec.resources->requests.find(resource);
  if (own != pod.spec.resources->requests.end()) return own->second.MilliValue();
  bool any = false;
  int64_t sum = 0;
  ForEachCountedContainer(pod, [&](const kube::Container& c) {
    auto it = c.resources.requests.find(resource);
    if (it != c.resources.requests.end()) {
      sum += it->second.MilliValue();
      any = true;
    }
    return true;
  });
  for (const kube::Container& c : pod.spec.init_containers) {
    if (c.restart_policy.has_value() && *c.restart_policy == "Always") continue;
    auto it = c.resources.requests.find(resource);
    if (it != c.resources.requests.end()) {
      sum = std::max(sum, it->second.MilliValue());
      any = true;
    }
  }
  if (!any) {
    return absl::InvalidArgumentError(
        absl::StrFormat("missing pod-level request for %s in Pod %s", resource, pod.metadata.name));
  }
  return sum;
}

absl::StatusOr<std::vector<int64_t>> CalculateRequests(const std::vector<const kube::Pod*>& pods,
                                                       std::string_view container,
                                                       const std::string& resource,
                                                       bool pod_level_resources) {
  std::vector<int64_t> requests(pods.size());
  for (size_t i = 0; i < pods.size(); ++i) {
    const kube::Pod& pod = *pods[i];
    absl::StatusOr<int64_t> r =
        (pod_level_resources && container.empty() && PodLevelRequestsSet(pod))
            ? PodLevelRequests(pod, resource)
            : ContainerRequests(pod, container, resource);
    if (!r.ok()) return r.status();
    requests[i] = *r;
  }
  return requests;
}

// One entry of upstream's metrics map after grouping and rebalancing.
struct Entry {
  int64_t value;
  int64_t request;
  bool has_request;  // false for samples of pods the lister does not know
};

struct UtilizationRatio {
  double ratio;
  int32_t utilization;
  int64_t raw_average;
};

absl::StatusOr<UtilizationRatio> ResourceUtilizationRatio(const std::vector<Entry>& entries,
                                                          int32_t target_utilization) {
  __int128 metrics_total = 0;
  __int128 requests_total = 0;
  int64_t num_entries = 0;
  for (const Entry& e : entries) {
    if (!e.has_request) continue;  // superfluous samples do not count
    metrics_total += e.value;
    requests_total += e.request;
    ++num_entries;
  }
  if (requests_total == 0) {
    return absl::FailedPreconditionError("no metrics returned matched known pods");
  }
  __int128 percentage = metrics_total * 100 / requests_total;
  int32_t utilization;
  if (percentage > std::numeric_limits<int32_t>::max()) {
    utilization = std::numeric_limits<int32_t>::max();
  } else if (percentage < std::numeric_limits<int32_t>::min()) {
    utilization = std::numeric_limits<int32_t>::min();
  } else {
    utilization = static_cast<int32_t>(percentage);
  }
  const int64_t raw = static_cast<int64_t>(metrics_total / num_entries);
  return UtilizationRatio{
      static_cast<double>(utilization) / static_cast<double>(target_utilization), utilization, raw};
}

struct UsageRatio {
  double ratio;
  int64_t usage;
};

UsageRatio MetricUsageRatio(const std::vector<Entry>& entries, int64_t target) {
  __int128 total = 0;
  for (const Entry& e : entries) total += e.value;
  const int64_t usage = static_cast<int64_t>(total / static_cast<__int128>(entries.size()));
  return UsageRatio{static_cast<double>(usage) / static_cast<double>(target), usage};
}

// The part of both calculations after the first ratio: the fast path, then
// rebalancing unready and missing pods. `fallback(i)` is the value a missing
// pod i gets on a scale-down; `recompute(entries)` gives the new ratio.
template <typename Fallback, typename Recompute>
absl::StatusOr<PodMetricResult> FinishProposal(const PodMetricContext& c,
                                               const std::vector<Group>& groups,
                                               std::vector<Entry> entries,
                                               const std::vector<int64_t>& requests,
                                               PodMetricResult result, Fallback fallback,
                                               Recompute recompute) {
  const double ratio = result.ratio;
  size_t unready = 0, missing = 0;
  for (Group g : groups) {
    if (g == Group::kUnready) ++unready;
    if (g == Group::kMissing) ++missing;
  }
  const bool scale_up_with_unready = unready > 0 && ratio > 1.0;
  if (!scale_up_with_unready && missing == 0) {
    if (c.tolerances.IsWithin(ratio)) {
      result.replicas = c.current_replicas;
      result.path = ProposalPath::kWithinTolerance;
    } else {
      result.replicas = CeilToReplicas(ratio * static_cast<double>(result.grouping.ready_count));
      result.path = ProposalPath::kScaled;
    }
    return result;
  }
  for (size_t i = 0; i < groups.size(); ++i) {
    if (groups[i] == Group::kMissing) {
      if (ratio < 1.0) {
        entries.push_back(Entry{fallback(i), requests.empty() ? 0 : requests[i], true});
      } else if (ratio > 1.0) {
        entries.push_back(Entry{0, requests.empty() ? 0 : requests[i], true});
      }
    } else if (groups[i] == Group::kUnready && scale_up_with_unready) {
      entries.push_back(Entry{0, requests.empty() ? 0 : requests[i], true});
    }
  }
  absl::StatusOr<double> new_ratio_or = recompute(entries);
  if (!new_ratio_or.ok()) return new_ratio_or.status();
  const double new_ratio = *new_ratio_or;
  result.rebalanced_ratio = new_ratio;
  if (c.tolerances.IsWithin(new_ratio)) {
    result.replicas = c.current_replicas;
    result.path = ProposalPath::kRebalancedWithinTolerance;
    return result;
  }
  if ((ratio < 1.0 && new_ratio > 1.0) || (ratio > 1.0 && new_ratio < 1.0)) {
    result.replicas = c.current_replicas;
    result.path = ProposalPath::kRebalancedFlipped;
    return result;
  }
  const int32_t new_replicas = CeilToReplicas(new_ratio * static_cast<double>(entries.size()));
  if ((new_ratio < 1.0 && new_replicas > c.current_replicas) ||
      (new_ratio > 1.0 && new_replicas < c.current_replicas)) {
    result.replicas = c.current_replicas;
    result.path = ProposalPath::kRebalancedCountFlipped;
    return result;
  }
  result.replicas = new_replicas;
  result.path = ProposalPath::kRebalanced;
  return result;
}

absl::Status NoPodsError() {
  return absl::FailedPreconditionError(
      "no pods returned by selector while calculating replica count");
}

absl::Status NoMetricsForPodsError() {
  return absl::FailedPreconditionError(
      "did not receive metrics for targeted pods (pods might be unready)");
}

}  // namespace

int32_t CeilToReplicas(double x) {
  if (std::isnan(x)) return 0;
  const double c = std::ceil(x);
  if (c >= static_cast<double>(std::numeric_limits<int32_t>::max())) {
    return std::numeric_limits<int32_t>::max();
  }
  if (c <= static_cast<double>(std::numeric_limits<int32_t>::min())) {
    return std::numeric_limits<int32_t>::min();
  }
  return static_cast<int32_t>(c);
}

absl::StatusOr<PodMetricResult> ResourceUtilizationReplicas(const PodMetricContext& c,
                                                            const std::vector<PodSample>& samples,
                                                            std::string_view resource,
                                                            std::string_view container,
                                                            int32_t target_utilization) {
  const std::vector<const kube::Pod*>& pods = *c.pods;
  if (pods.empty()) return NoPodsError();
  PodMetricResult result;
  const Matching m = MatchSamples(pods, samples);
  const std::vector<Group> groups =
      GroupPods(pods, samples, m, resource == "cpu", c, &result.grouping);
  if (!HasSampleAfterGrouping(groups, m)) return NoMetricsForPodsError();

  const std::string resource_name(resource);
  absl::StatusOr<std::vector<int64_t>> requests =
      CalculateRequests(pods, container, resource_name, c.pod_level_resources);
  if (!requests.ok()) return requests.status();
  if (c.record_pod_details) {
    result.pod_requests_milli.reserve(pods.size());
    for (size_t i = 0; i < pods.size(); ++i) {
      result.pod_requests_milli.emplace_back(pods[i]->metadata.name, (*requests)[i]);
    }
  }

  std::vector<Entry> entries;
  entries.reserve(pods.size() + m.superfluous.size());
  for (size_t i = 0; i < pods.size(); ++i) {
    if (groups[i] == Group::kReady) {
      entries.push_back(Entry{samples[m.sample_of_pod[i]].value_milli, (*requests)[i], true});
    }
  }
  for (int s : m.superfluous) entries.push_back(Entry{samples[s].value_milli, 0, false});

  absl::StatusOr<UtilizationRatio> first = ResourceUtilizationRatio(entries, target_utilization);
  if (!first.ok()) return first.status();
  result.ratio = first->ratio;
  result.utilization = first->utilization;
  result.average_milli = first->raw_average;

  // Missing pods are assumed at 100 % of their request on a scale-down (or at
  // the target, for targets above 100 %).
  const int64_t fallback_utilization = std::max<int64_t>(100, target_utilization);
  const std::vector<int64_t>& reqs = *requests;
  return FinishProposal(
      c, groups, std::move(entries), reqs, std::move(result),
      [&](size_t i) { return reqs[i] * fallback_utilization / 100; },
      [&](const std::vector<Entry>& e) -> absl::StatusOr<double> {
        absl::StatusOr<UtilizationRatio> r = ResourceUtilizationRatio(e, target_utilization);
        if (!r.ok()) return r.status();
        return r->ratio;
      });
}

absl::StatusOr<PodMetricResult> PlainMetricReplicas(const PodMetricContext& c,
                                                    const std::vector<PodSample>& samples,
                                                    std::string_view resource,
                                                    int64_t target_milli) {
  const std::vector<const kube::Pod*>& pods = *c.pods;
  if (pods.empty()) return NoPodsError();
  PodMetricResult result;
  const Matching m = MatchSamples(pods, samples);
  const std::vector<Group> groups =
      GroupPods(pods, samples, m, resource == "cpu", c, &result.grouping);
  if (!HasSampleAfterGrouping(groups, m)) return NoMetricsForPodsError();

  std::vector<Entry> entries;
  entries.reserve(pods.size() + m.superfluous.size());
  for (size_t i = 0; i < pods.size(); ++i) {
    if (groups[i] == Group::kReady)
      entries.push_back(Entry{samples[m.sample_of_pod[i]].value_milli, 0, false});
  }
  for (int s : m.superfluous) entries.push_back(Entry{samples[s].value_milli, 0, false});

  const UsageRatio first = MetricUsageRatio(entries, target_milli);
  result.ratio = first.ratio;
  result.average_milli = first.usage;
  static const std::vector<int64_t> kNoRequests;
  // Missing pods are assumed exactly at the target on a scale-down.
  return FinishProposal(
      c, groups, std::move(entries), kNoRequests, std::move(result),
      [&](size_t) { return target_milli; },
      [&](const std::vector<Entry>& e) -> absl::StatusOr<double> {
        return MetricUsageRatio(e, target_milli).ratio;
      });
}

absl::StatusOr<int32_t> UsageRatioReplicas(int32_t current_replicas, double usage_ratio,
                                           const Tolerances& tolerances,
                                           const std::vector<const kube::Pod*>& pods) {
  if (current_replicas == 0) {
    // Scaling from zero: no tolerance, no pod count.
    return CeilToReplicas(usage_ratio);
  }
  if (tolerances.IsWithin(usage_ratio)) return current_replicas;
  if (pods.empty()) {
    return absl::FailedPreconditionError(
        "unable to calculate ready pods: no pods returned by selector while calculating replica "
        "count");
  }
  int64_t ready = 0;
  for (const kube::Pod* pod : pods) {
    const kube::PodCondition* cond = pod->FindCondition("Ready");
    if (pod->status.phase == "Running" && cond != nullptr && cond->status == "True") ++ready;
  }
  return CeilToReplicas(usage_ratio * static_cast<double>(ready));
}

PerPodResult PerPodReplicas(int32_t status_replicas, int64_t usage_milli, int64_t target_milli,
                            const Tolerances& tolerances) {
  PerPodResult r;
  r.replicas = status_replicas;
  r.ratio = static_cast<double>(usage_milli) /
            (static_cast<double>(target_milli) * static_cast<double>(status_replicas));
  if (!tolerances.IsWithin(r.ratio)) {
    r.replicas =
        CeilToReplicas(static_cast<double>(usage_milli) / static_cast<double>(target_milli));
  }
  if (static_cast<double>(usage_milli) >=
      static_cast<double>(std::numeric_limits<int64_t>::max())) {
    r.average_milli = std::numeric_limits<int64_t>::max();
  } else {
    const double avg =
        std::ceil(static_cast<double>(usage_milli) / static_cast<double>(status_replicas));
    r.average_milli = std::isfinite(avg) && std::fabs(avg) < 9.2e18
                          ? static_cast<int64_t>(avg)
                          : std::numeric_limits<int64_t>::max();
  }
  return r;
}

}  // namespace horizon::hpa::calc
