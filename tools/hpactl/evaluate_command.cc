#include "tools/hpactl/evaluate_command.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <istream>
#include <ostream>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "hpa/evaluate.h"
#include "hpa/scenario_check.h"
#include "hpa/scenario_codec.h"
#include "kube/quantity.h"
#include "nlohmann/json.hpp"

namespace horizon::hpactl {
namespace {

using nlohmann::json;

struct Options {
  bool check = false;
  bool explain = false;
  std::vector<std::string> files;
};

// Compact JSON that never throws on odd bytes in names or messages.
std::string Compact(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

absl::StatusOr<Options> ParseArgs(const std::vector<std::string>& args) {
  Options options;
  bool flags_done = false;
  for (const std::string& arg : args) {
    if (!flags_done && arg == "--") {
      flags_done = true;
    } else if (!flags_done && arg == "--check") {
      options.check = true;
    } else if (!flags_done && arg == "--explain") {
      options.explain = true;
    } else if (!flags_done && arg.size() > 1 && arg[0] == '-') {
      return absl::InvalidArgumentError(absl::StrCat("unknown flag \"", arg, "\""));
    } else {
      options.files.push_back(arg);
    }
  }
  if (options.files.empty()) return absl::InvalidArgumentError("no scenario files given");
  return options;
}

absl::StatusOr<std::string> ReadInput(const std::string& file, std::istream& in) {
  std::stringstream buffer;
  if (file == "-") {
    buffer << in.rdbuf();
    if (in.bad()) return absl::UnavailableError("cannot read stdin");
    return buffer.str();
  }
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) return absl::InvalidArgumentError("is a directory");
  std::ifstream stream(file, std::ios::binary);
  if (!stream) return absl::NotFoundError(absl::StrCat("cannot open: ", std::strerror(errno)));
  buffer << stream.rdbuf();
  if (stream.bad())
    return absl::UnavailableError(absl::StrCat("cannot read: ", std::strerror(errno)));
  return buffer.str();
}

std::string Milli(int64_t milli) { return kube::Quantity::FromMilli(milli).ToString(); }

std::string NamesOrNone(const std::vector<std::string>& names) {
  return names.empty() ? "none" : absl::StrJoin(names, ", ");
}

}  // namespace

std::string ExplainDecision(const hpa::Decision& d) {
  std::string out = absl::StrCat("scenario ", d.name, "\n");
  for (const hpa::MetricExplanation& m : d.explanation.metrics) {
    absl::StrAppend(&out, "  metric ", m.type, m.name.empty() ? "" : " ", m.name, "\n");
    if (m.pod_groups.has_value()) {
      absl::StrAppend(&out, "    pods: ", m.pod_groups->ready_count,
                      " ready with metrics; unready: ", NamesOrNone(m.pod_groups->unready),
                      "; missing metrics: ", NamesOrNone(m.pod_groups->missing),
                      "; ignored: ", NamesOrNone(m.pod_groups->ignored), "\n");
    }
    if (!m.pod_requests_milli.empty()) {
      std::vector<std::string> requests;
      for (const auto& [pod, milli] : m.pod_requests_milli) {
        requests.push_back(absl::StrCat(pod, "=", Milli(milli)));
      }
      absl::StrAppend(&out, "    requests: ", absl::StrJoin(requests, ", "), "\n");
    }
    if (!m.usage.empty() || !m.target.empty()) {
      absl::StrAppend(&out, "    usage ", m.usage.empty() ? "?" : m.usage, " vs target ",
                      m.target.empty() ? "?" : m.target);
      if (m.ratio.has_value()) absl::StrAppend(&out, absl::StrFormat(": ratio %.3f", *m.ratio));
      absl::StrAppend(&out, "\n");
    }
    if (m.proposal.has_value()) {
      absl::StrAppend(&out, "    proposes ", *m.proposal, " replicas\n");
    }
    if (!m.error.empty()) absl::StrAppend(&out, "    error: ", m.error, "\n");
  }
  for (const hpa::Stage& s : d.explanation.stages) {
    absl::StrAppend(&out, "  ", s.stage, ": ", s.from, " -> ", s.to);
    if (!s.reason.empty()) absl::StrAppend(&out, " (", s.reason, ")");
    if (!s.text.empty()) absl::StrAppend(&out, ": ", s.text);
    absl::StrAppend(&out, "\n");
  }
  absl::StrAppend(&out, "  result: ", d.desired_replicas, " replicas");
  if (d.recommendation.has_value()) {
    absl::StrAppend(&out, " (recommendation ", *d.recommendation, ")");
  }
  absl::StrAppend(&out, "\n");
  if (d.scale_write.attempted) {
    absl::StrAppend(&out, "    scale write to ", d.scale_write.replicas, ": ",
                    d.scale_write.succeeded ? "succeeded" : "failed");
    if (d.scale_write.conflicts > 0) {
      absl::StrAppend(&out, " after ", d.scale_write.conflicts, " conflicts");
    }
    absl::StrAppend(&out, "\n");
  } else {
    absl::StrAppend(&out, "    no scale write\n");
  }
  if (d.error.has_value()) absl::StrAppend(&out, "    error: ", *d.error, "\n");
  if (d.reconcile_error.has_value()) {
    absl::StrAppend(&out, "    reconcile error: ", *d.reconcile_error, "\n");
  }
  for (const kube::HorizontalPodAutoscalerCondition& c : d.conditions) {
    absl::StrAppend(&out, "    condition ", c.type, "=", c.status, " ", c.reason, ": ", c.message,
                    "\n");
  }
  for (const hpa::EventRecord& e : d.events) {
    absl::StrAppend(&out, "    event ", e.type, " ", e.reason, ": ", e.message, "\n");
  }
  absl::StrAppend(&out, "    status ", d.status_updated ? "written" : "unchanged",
                  "; next pass in ", hpa::FormatGoDuration(d.requeue_after), "\n");
  return out;
}

int RunEvaluate(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
                std::ostream& err) {
  absl::StatusOr<Options> options = ParseArgs(args);
  if (!options.ok()) {
    err << "hpactl evaluate: " << options.status().message() << "\n" << kEvaluateUsage;
    return kExitBadInput;
  }
  bool bad_input = false;
  int passed = 0;
  int failed = 0;
  for (const std::string& file : options->files) {
    const std::string source = file == "-" ? "<stdin>" : file;
    absl::StatusOr<std::string> text = ReadInput(file, in);
    absl::StatusOr<std::vector<hpa::ScenarioFile>> scenarios =
        text.ok() ? hpa::DecodeScenarios(*text, source)
                  : absl::StatusOr<std::vector<hpa::ScenarioFile>>(text.status());
    if (!scenarios.ok()) {
      err << "hpactl: " << source << ": " << scenarios.status().message() << "\n";
      bad_input = true;
      continue;
    }
    for (const hpa::ScenarioFile& s : *scenarios) {
      hpa::Decision decision = hpa::Evaluate(s.scenario, s.scenario.now);
      // The result is labelled with the scenario's name whatever Evaluate set.
      decision.name = s.scenario.name;
      const json result = hpa::EncodeDecision(decision);
      if (options->explain) out << ExplainDecision(decision);
      if (!options->check) {
        if (!options->explain) out << Compact(result) << "\n";
        continue;
      }
      const std::vector<hpa::Mismatch> mismatches = hpa::CheckExpectations(s.expect, result);
      if (mismatches.empty()) {
        ++passed;
        out << "ok " << s.scenario.name << "\n";
        continue;
      }
      ++failed;
      for (const hpa::Mismatch& m : mismatches) {
        out << "FAIL " << s.scenario.name << ": " << m.key << ": want " << Compact(m.want)
            << " got " << Compact(m.got) << "\n";
      }
    }
  }
  if (options->check) out << passed << " passed, " << failed << " failed\n";
  out.flush();
  if (bad_input) return kExitBadInput;
  return failed > 0 ? kExitCheckFailed : kExitOk;
}

}  // namespace horizon::hpactl
