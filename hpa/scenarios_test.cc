// Runs every scenario file under testdata/scenarios through Evaluate and
// checks its `expect` object: one test case per scenario, named after it.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "hpa/evaluate.h"
#include "hpa/scenario_check.h"
#include "hpa/scenario_codec.h"
#include "nlohmann/json.hpp"

namespace horizon::hpa {
namespace {

namespace fs = std::filesystem;

struct ScenarioCase {
  std::string name;  // a valid gtest name, unique
  std::string file;  // relative to testdata/scenarios
  // Set when the file did not decode: the case then fails with this message.
  std::string decode_error;
  ScenarioFile scenario;
};

std::string ScenariosRoot() {
  const char* srcdir = std::getenv("TEST_SRCDIR");
  const char* workspace = std::getenv("TEST_WORKSPACE");
  return absl::StrCat(srcdir ? srcdir : ".", "/", workspace ? workspace : "horizon",
                      "/testdata/scenarios");
}

std::string Sanitize(const std::string& text) {
  std::string name;
  for (char c : text) {
    name.push_back(std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  }
  return name.empty() ? "unnamed" : name;
}

// Every scenario of every file, in file order. Runs while gtest registers
// the cases, so it reports problems through the cases it returns.
std::vector<ScenarioCase> LoadAll() {
  const fs::path root = ScenariosRoot();
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator
           it(root, fs::directory_options::follow_directory_symlink, ec),
       end;
       !ec && it != end; it.increment(ec)) {
    const std::string ext = it->path().extension().string();
    if (ext == ".json" || ext == ".yaml") files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());

  std::vector<ScenarioCase> cases;
  std::map<std::string, int> seen;
  auto add = [&](ScenarioCase c) {
    // gtest needs unique names; scenarios in different files may share one.
    const int n = seen[c.name]++;
    if (n > 0) c.name = absl::StrCat(c.name, "_", n + 1);
    cases.push_back(std::move(c));
  };
  for (const fs::path& path : files) {
    // Lexical: runfiles are symlinks, and fs::relative would resolve them.
    const std::string relative = path.lexically_relative(root).string();
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    absl::StatusOr<std::vector<ScenarioFile>> decoded = DecodeScenarios(text.str(), relative);
    if (!decoded.ok()) {
      ScenarioCase c;
      c.name = Sanitize(absl::StrCat("decode_", relative));
      c.file = relative;
      c.decode_error = std::string(decoded.status().message());
      add(std::move(c));
      continue;
    }
    for (ScenarioFile& s : *decoded) {
      ScenarioCase c;
      c.name = Sanitize(s.scenario.name);
      c.file = relative;
      c.scenario = std::move(s);
      add(std::move(c));
    }
  }
  return cases;
}

const std::vector<ScenarioCase>& AllCases() {
  static const std::vector<ScenarioCase>* cases = new std::vector<ScenarioCase>(LoadAll());
  return *cases;
}

// gtest prints a failing case's parameter; the name and file say enough.
void PrintTo(const ScenarioCase& c, std::ostream* os) { *os << c.file << ": " << c.name; }

std::string Show(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

class ScenarioTest : public testing::TestWithParam<ScenarioCase> {};

TEST_P(ScenarioTest, MeetsExpectations) {
  const ScenarioCase& c = GetParam();
  SCOPED_TRACE(c.file);
  ASSERT_TRUE(c.decode_error.empty()) << c.file << ": " << c.decode_error;
  const Scenario& scenario = c.scenario.scenario;
  Decision decision = Evaluate(scenario, scenario.now);
  decision.name = scenario.name;
  const nlohmann::json result = EncodeDecision(decision);
  for (const Mismatch& m : CheckExpectations(c.scenario.expect, result)) {
    ADD_FAILURE() << scenario.name << ": " << m.key << ": want " << Show(m.want) << " got "
                  << Show(m.got);
  }
}

INSTANTIATE_TEST_SUITE_P(Files, ScenarioTest, testing::ValuesIn(AllCases()),
                         [](const testing::TestParamInfo<ScenarioCase>& info) {
                           return info.param.name;
                         });

// Guards against a data dependency that silently stopped shipping the files.
TEST(ScenarioFilesTest, SpecExamplesArePresent) {
  int from_spec = 0;
  for (const ScenarioCase& c : AllCases()) from_spec += c.file == "spec/basic.json" ? 1 : 0;
  EXPECT_EQ(from_spec, 4);
}

}  // namespace
}  // namespace horizon::hpa
