// hpactl: the command-line client of Horizon.
//
// `hpactl <command> [args...]`; each command lives in its own
// <command>_command.{h,cc} and is listed in kCommands below.
#include <iostream>
#include <string>
#include <vector>

#include "tools/hpactl/evaluate_command.h"

namespace horizon::hpactl {
namespace {

struct Command {
  const char* name;
  const char* summary;
  const char* usage;
  int (*run)(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
             std::ostream& err);
};

const Command kCommands[] = {
    {"evaluate", "evaluate scenario files (and check their expectations)", kEvaluateUsage,
     RunEvaluate},
};

void PrintUsage(std::ostream& out) {
  out << "usage: hpactl <command> [args...]\n\ncommands:\n";
  for (const Command& c : kCommands) out << "  " << c.name << "  " << c.summary << "\n";
  out << "  help      print this text, or `hpactl help <command>` for one command\n";
}

const Command* FindCommand(const std::string& name) {
  for (const Command& c : kCommands) {
    if (name == c.name) return &c;
  }
  return nullptr;
}

int Main(const std::vector<std::string>& args) {
  if (args.empty()) {
    PrintUsage(std::cerr);
    return kExitBadInput;
  }
  const std::string& name = args[0];
  if (name == "help" || name == "-h" || name == "--help") {
    if (args.size() > 1) {
      if (const Command* c = FindCommand(args[1])) {
        std::cout << c->usage;
        return kExitOk;
      }
      std::cerr << "hpactl: unknown command \"" << args[1] << "\"\n";
      PrintUsage(std::cerr);
      return kExitBadInput;
    }
    PrintUsage(std::cout);
    return kExitOk;
  }
  const Command* command = FindCommand(name);
  if (command == nullptr) {
    std::cerr << "hpactl: unknown command \"" << name << "\"\n";
    PrintUsage(std::cerr);
    return kExitBadInput;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  for (const std::string& arg : rest) {
    if (arg == "-h" || arg == "--help") {
      std::cout << command->usage;
      return kExitOk;
    }
  }
  return command->run(rest, std::cin, std::cout, std::cerr);
}

}  // namespace
}  // namespace horizon::hpactl

int main(int argc, char** argv) {
  return horizon::hpactl::Main(std::vector<std::string>(argv + 1, argv + argc));
}
