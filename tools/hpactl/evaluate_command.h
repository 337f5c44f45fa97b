// `hpactl evaluate`: runs scenario files through the decision core.
//
// Each scenario of each file (JSON or YAML, "-" for stdin) is decoded
// (hpa/scenario_codec.h), evaluated at its `now` with Evaluate() and printed
// as one compact JSON result per line. --check compares every scenario's
// `expect` with its result instead (hpa/scenario_check.h); --explain prints a
// readable account of each decision. Streams are parameters so that the
// command runs the same in tests as in the binary.
#ifndef HORIZON_TOOLS_HPACTL_EVALUATE_COMMAND_H_
#define HORIZON_TOOLS_HPACTL_EVALUATE_COMMAND_H_

#include <iosfwd>
#include <string>
#include <vector>

#include "hpa/decision.h"

namespace horizon::hpactl {

// Exit statuses of `hpactl evaluate`.
inline constexpr int kExitOk = 0;
inline constexpr int kExitCheckFailed = 1;  // --check: some expectation not met
inline constexpr int kExitBadInput = 2;     // unreadable/undecodable file, or bad usage

inline constexpr char kEvaluateUsage[] =
    "usage: hpactl evaluate [--check] [--explain] FILE...\n"
    "\n"
    "Evaluates every scenario of every FILE (JSON or YAML; \"-\" reads stdin) and\n"
    "prints one JSON result per scenario per line.\n"
    "\n"
    "  --check    compare each scenario's \"expect\" with its result instead: prints\n"
    "             \"ok NAME\" or \"FAIL NAME: KEY: want W got G\" lines, then\n"
    "             \"N passed, N failed\"; exits 1 when any scenario failed\n"
    "  --explain  print a readable account of each decision instead of JSON\n"
    "\n"
    "Exits 2 when a file cannot be read or decoded.\n";

// Runs `hpactl evaluate` with the arguments after the subcommand name and
// returns the exit status.
int RunEvaluate(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
                std::ostream& err);

// The --explain text of one decision: the metrics with their pod groups,
// usage against target, ratio and proposal; each stage's sentence; the final
// decision. Ends with a newline.
std::string ExplainDecision(const hpa::Decision& decision);

}  // namespace horizon::hpactl

#endif  // HORIZON_TOOLS_HPACTL_EVALUATE_COMMAND_H_
