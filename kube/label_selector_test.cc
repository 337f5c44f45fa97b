#include "kube/label_selector.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace horizon::kube {
namespace {

using ::testing::HasSubstr;

std::string Repeat(char c, size_t n) { return std::string(n, c); }

struct ParseCase {
  std::string name;
  std::string text;
  // For accepted input: the canonical form. For rejected input: substrings the
  // error message must contain.
  bool ok;
  std::string canonical;
  std::vector<std::string> error_parts;
};

TEST(SelectorParseTest, Table) {
  const std::vector<ParseCase> cases = {
      {"empty string selects everything", "", true, "", {}},
      {"blanks only select everything", " \t\r\n ", true, "", {}},
      {"equality", "app=web", true, "app=web", {}},
      {"double equals is the same requirement", "app==web", true, "app=web", {}},
      {"inequality", "app!=web", true, "app!=web", {}},
      {"in set is sorted and de-duplicated", "x in (c,a,b,a)", true, "x in (a,b,c)", {}},
      {"notin", "x notin (a)", true, "x notin (a)", {}},
      {"bare key means exists", "a", true, "a", {}},
      {"bang key means does not exist", "!a", true, "!a", {}},
      {"blank between bang and key", "! a", true, "!a", {}},
      {"requirements sorted by key", "z=1,a=2,m", true, "a=2,m,z=1", {}},
      {"blanks around every token",
       "  a = b , c in ( d , e ) , ! f ",
       true,
       "a=b,c in (d,e),!f",
       {}},
      {"no blank before parenthesis", "x in(a)", true, "x in (a)", {}},
      {"empty exact value", "a=", true, "a=", {}},
      {"empty exact value before comma", "a=,b", true, "a=,b", {}},
      {"empty parentheses are the empty value", "x in ()", true, "x in ()", {}},
      {"empty value between commas", "x in (a,,b)", true, "x in (,a,b)", {}},
      {"leading and trailing commas in a set", "x notin (,a,)", true, "x notin (,a)", {}},
      {"keywords as key and values", "in in (in,notin)", true, "in in (in,notin)", {}},
      {"prefixed key", "example.com/app=web", true, "example.com/app=web", {}},
      {"value with dots dashes underscores", "v=1.2_3-x", true, "v=1.2_3-x", {}},
      {"same key twice keeps both in written order", "a=b,a!=c", true, "a=b,a!=c", {}},
      {"63 character name and value",
       Repeat('k', 63) + "=" + Repeat('v', 63),
       true,
       Repeat('k', 63) + "=" + Repeat('v', 63),
       {}},

      {"unclosed set",
       "a in (b",
       false,
       "",
       {"selector \"a in (b\"", "end of string", "',' or ')'"}},
      {"missing operator", "a b", false, "", {"found 'b' at offset 2", "'in'"}},
      {"trailing comma", "a=b,", false, "", {"after ','"}},
      {"leading comma", ",a", false, "", {"found ',' at offset 0"}},
      {"double comma", "a,,b", false, "", {"found ',' at offset 2"}},
      {"bang alone", "!", false, "", {"end of string", "a label key"}},
      {"bang with operator", "!a=b", false, "", {"found '='", "',' or end of string"}},
      {"set without parentheses", "a in b", false, "", {"found 'b'", "'('"}},
      {"word after set", "a in (b) c", false, "", {"found 'c'"}},
      {"operator inside set", "a in (=)", false, "", {"found '='"}},
      {"two values without comma", "a in (b c)", false, "", {"found 'c'", "',' or ')'"}},
      {"parenthesis after equals", "a=(b)", false, "", {"found '('", "a value"}},
      {"chained equals", "a=b=c", false, "", {"found '=' at offset 3"}},
      {"greater than is not supported", "a>1", false, "", {"'>'", "not supported"}},
      {"invalid key characters", "a$b=c", false, "", {"invalid label key \"a$b\"", "name part"}},
      {"key name too long", Repeat('k', 64) + "=v", false, "", {"no more than 63 characters"}},
      {"empty key prefix", "/a=b", false, "", {"prefix part must be non-empty"}},
      {"uppercase key prefix", "Example.com/a", false, "", {"lowercase RFC 1123"}},
      {"two slashes in key", "a/b/c", false, "", {"one '/'"}},
      {"empty key name", "example.com/=b", false, "", {"name part must be non-empty"}},
      {"value too long", "a=" + Repeat('v', 64), false, "", {"invalid label value", "63"}},
      {"value starting with dash", "a=-b", false, "", {"invalid label value \"-b\"", "key \"a\""}},
      {"value with slash", "a=b/c", false, "", {"invalid label value \"b/c\""}},
      {"bang inside a set", "a in (ok,no!)", false, "", {"found '!'", "',' or ')'"}},
      {"invalid value inside a set", "a in (ok,-no)", false, "", {"invalid label value \"-no\""}},
      {"nul byte stays in the key",
       std::string("a\0b=c", 5),
       false,
       "",
       {"invalid label key \"a\\000b\""}},
  };
  for (const ParseCase& c : cases) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<Selector> got = Selector::Parse(c.text);
    if (c.ok) {
      ASSERT_TRUE(got.ok()) << got.status();
      EXPECT_EQ(got->ToString(), c.canonical);
      EXPECT_EQ(got->Empty(), c.canonical.empty());
      EXPECT_FALSE(got->MatchesNothing());
      // The canonical form reads back to itself.
      absl::StatusOr<Selector> again = Selector::Parse(got->ToString());
      ASSERT_TRUE(again.ok()) << again.status();
      EXPECT_EQ(again->ToString(), c.canonical);
    } else {
      ASSERT_FALSE(got.ok()) << "parsed as " << got->ToString();
      EXPECT_EQ(got.status().code(), absl::StatusCode::kInvalidArgument);
      for (const std::string& part : c.error_parts) {
        EXPECT_THAT(std::string(got.status().message()), HasSubstr(part));
      }
    }
  }
}

TEST(SelectorParseTest, RequirementsAreExposedSortedWithOperators) {
  absl::StatusOr<Selector> got = Selector::Parse("b notin (y,x),!c,a==1");
  ASSERT_TRUE(got.ok()) << got.status();
  const std::vector<Selector::Requirement>& r = got->requirements();
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].key, "a");
  EXPECT_EQ(r[0].op, Selector::Operator::kEquals);
  EXPECT_EQ(r[0].values, std::vector<std::string>({"1"}));
  EXPECT_EQ(r[1].key, "b");
  EXPECT_EQ(r[1].op, Selector::Operator::kNotIn);
  EXPECT_EQ(r[1].values, std::vector<std::string>({"x", "y"}));
  EXPECT_EQ(r[2].key, "c");
  EXPECT_EQ(r[2].op, Selector::Operator::kDoesNotExist);
  EXPECT_TRUE(r[2].values.empty());
}

struct MatchCase {
  std::string name;
  std::string selector;
  Labels labels;
  bool want;
};

TEST(SelectorMatchTest, Table) {
  const Labels web = {{"app", "web"}, {"tier", "frontend"}};
  const std::vector<MatchCase> cases = {
      {"empty selector matches anything", "", web, true},
      {"empty selector matches no labels", "", {}, true},
      {"equals with the value", "app=web", web, true},
      {"equals with another value", "app=db", web, false},
      {"equals with the key absent", "zone=a", web, false},
      {"not equals with the key absent matches", "zone!=a", web, true},
      {"not equals with the same value", "app!=web", web, false},
      {"not equals with another value", "app!=db", web, true},
      {"in with a member", "app in (db,web)", web, true},
      {"in with a non-member", "app in (db,cache)", web, false},
      {"in with the key absent", "zone in (a)", web, false},
      {"notin with the key absent matches", "zone notin (a)", web, true},
      {"notin with a member", "app notin (web)", web, false},
      {"notin with a non-member", "app notin (db)", web, true},
      {"exists present", "tier", web, true},
      {"exists absent", "zone", web, false},
      {"does not exist absent", "!zone", web, true},
      {"does not exist present", "!tier", web, false},
      {"all requirements must hold", "app=web,tier=backend", web, false},
      {"all requirements hold", "app=web,tier in (frontend),!zone", web, true},
      {"empty value matches an empty label", "x in (,a)", {{"x", ""}}, true},
      {"empty exact value needs the key", "x=", {}, false},
      {"empty exact value matches an empty label", "x=", {{"x", ""}}, true},
  };
  for (const MatchCase& c : cases) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<Selector> s = Selector::Parse(c.selector);
    ASSERT_TRUE(s.ok()) << s.status();
    EXPECT_EQ(s->Matches(c.labels), c.want);
  }
}

TEST(SelectorMatchTest, NothingAndEverything) {
  const Labels labels = {{"app", "web"}};
  const Selector nothing = Selector::Nothing();
  EXPECT_FALSE(nothing.Matches(labels));
  EXPECT_FALSE(nothing.Matches({}));
  EXPECT_TRUE(nothing.MatchesNothing());
  EXPECT_FALSE(nothing.Empty());
  EXPECT_EQ(nothing.ToString(), "");

  const Selector everything = Selector::Everything();
  EXPECT_TRUE(everything.Matches(labels));
  EXPECT_TRUE(everything.Empty());
  EXPECT_FALSE(everything.MatchesNothing());
}

struct FromSpecCase {
  std::string name;
  LabelSelectorSpec spec;
  absl::StatusCode code;
  std::string canonical;                 // when code is OK
  std::vector<std::string> error_parts;  // otherwise
};

TEST(SelectorFromSpecTest, Table) {
  const std::vector<FromSpecCase> cases = {
      {"empty spec matches everything", {}, absl::StatusCode::kOk, "", {}},
      {"match labels become equalities sorted by key",
       {{{"tier", "frontend"}, {"app", "web"}}, {}},
       absl::StatusCode::kOk,
       "app=web,tier=frontend",
       {}},
      {"every operator",
       {{},
        {{"d", "DoesNotExist", {}},
         {"c", "Exists", {}},
         {"b", "NotIn", {"y", "x"}},
         {"a", "In", {"2", "1", "2"}}}},
       absl::StatusCode::kOk,
       "a in (1,2),b notin (x,y),c,!d",
       {}},
      {"labels and expressions interleave by key",
       {{{"m", "1"}}, {{"z", "Exists", {}}, {"a", "In", {"x"}}}},
       absl::StatusCode::kOk,
       "a in (x),m=1,z",
       {}},
      {"empty match label value is allowed", {{{"a", ""}}, {}}, absl::StatusCode::kOk, "a=", {}},
      {"in without values",
       {{}, {{"a", "In", {}}}},
       absl::StatusCode::kInvalidArgument,
       "",
       {"matchExpressions[0].values", "non-empty"}},
      {"notin without values",
       {{}, {{"ok", "Exists", {}}, {"a", "NotIn", {}}}},
       absl::StatusCode::kInvalidArgument,
       "",
       {"matchExpressions[1].values"}},
      {"exists with values",
       {{}, {{"a", "Exists", {"x"}}}},
       absl::StatusCode::kInvalidArgument,
       "",
       {"must be empty", "Exists"}},
      {"does not exist with values",
       {{}, {{"a", "DoesNotExist", {"x"}}}},
       absl::StatusCode::kInvalidArgument,
       "",
       {"must be empty"}},
      {"unknown operator is named",
       {{}, {{"a", "Equals", {"x"}}}},
       absl::StatusCode::kInvalidArgument,
       "",
       {"matchExpressions[0].operator", "\"Equals\"", "not a valid label selector operator"}},
      {"operators are case sensitive",
       {{}, {{"a", "in", {"x"}}}},
       absl::StatusCode::kInvalidArgument,
       "",
       {"\"in\""}},
      {"invalid match label key",
       {{{"bad key", "v"}}, {}},
       absl::StatusCode::kInvalidArgument,
       "",
       {"matchLabels[\"bad key\"].key", "invalid label key"}},
      {"invalid match label value",
       {{{"a", "-v"}}, {}},
       absl::StatusCode::kInvalidArgument,
       "",
       {"matchLabels[\"a\"].values[0]", "invalid label value \"-v\""}},
      {"invalid expression key",
       {{}, {{"UPPER.example.com/a", "Exists", {}}}},
       absl::StatusCode::kInvalidArgument,
       "",
       {"matchExpressions[0].key", "prefix part"}},
      {"invalid expression value",
       {{}, {{"a", "In", {"ok", Repeat('v', 64)}}}},
       absl::StatusCode::kInvalidArgument,
       "",
       {"matchExpressions[0].values[1]", "no more than 63"}},
  };
  for (const FromSpecCase& c : cases) {
    SCOPED_TRACE(c.name);
    absl::StatusOr<Selector> got = Selector::FromSpec(c.spec);
    ASSERT_EQ(got.status().code(), c.code) << got.status();
    if (c.code == absl::StatusCode::kOk) {
      EXPECT_EQ(got->ToString(), c.canonical);
      EXPECT_FALSE(got->MatchesNothing());
      // The string form reads back to the same selector.
      absl::StatusOr<Selector> reparsed = Selector::Parse(got->ToString());
      ASSERT_TRUE(reparsed.ok()) << reparsed.status();
      EXPECT_EQ(reparsed->ToString(), c.canonical);
    } else {
      EXPECT_THAT(std::string(got.status().message()), HasSubstr("invalid label selector"));
      for (const std::string& part : c.error_parts) {
        EXPECT_THAT(std::string(got.status().message()), HasSubstr(part));
      }
    }
  }
}

TEST(SelectorFromSpecTest, SpecSelectorMatchesLikeParsedOne) {
  LabelSelectorSpec spec;
  spec.match_labels = {{"app", "web"}};
  spec.match_expressions = {{"zone", "NotIn", {"b"}}};
  absl::StatusOr<Selector> s = Selector::FromSpec(spec);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_TRUE(s->Matches({{"app", "web"}}));
  EXPECT_TRUE(s->Matches({{"app", "web"}, {"zone", "a"}}));
  EXPECT_FALSE(s->Matches({{"app", "web"}, {"zone", "b"}}));
  EXPECT_FALSE(s->Matches({{"zone", "a"}}));
}

TEST(SelectorFromSpecTest, AbsentSpecMatchesNothing) {
  absl::StatusOr<Selector> absent = Selector::FromOptionalSpec(std::nullopt);
  ASSERT_TRUE(absent.ok()) << absent.status();
  EXPECT_TRUE(absent->MatchesNothing());
  EXPECT_FALSE(absent->Matches({}));

  absl::StatusOr<Selector> empty = Selector::FromOptionalSpec(LabelSelectorSpec{});
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_TRUE(empty->Empty());
  EXPECT_TRUE(empty->Matches({}));

  LabelSelectorSpec bad;
  bad.match_expressions = {{"a", "Gt", {"1"}}};
  EXPECT_EQ(Selector::FromOptionalSpec(bad).status().code(), absl::StatusCode::kInvalidArgument);
}

struct ValidateCase {
  std::string name;
  std::string input;
  bool ok;
};

TEST(ValidateLabelTest, Keys) {
  const std::vector<ValidateCase> cases = {
      {"simple", "app", true},
      {"mixed case name", "MyName", true},
      {"prefixed", "app.kubernetes.io/name", true},
      {"name with inner symbols", "a-b_c.d", true},
      {"253 character prefix", Repeat('p', 253) + "/n", true},
      {"254 character prefix", Repeat('p', 254) + "/n", false},
      {"prefix label ends with dash", "a-.com/n", false},
      {"prefix with underscore", "a_b.com/n", false},
      {"empty", "", false},
      {"name ends with dot", "name.", false},
      {"name starts with underscore", "_name", false},
  };
  for (const ValidateCase& c : cases) {
    SCOPED_TRACE(c.name);
    const absl::Status s = ValidateLabelKey(c.input);
    EXPECT_EQ(s.code(), c.ok ? absl::StatusCode::kOk : absl::StatusCode::kInvalidArgument) << s;
  }
}

TEST(ValidateLabelTest, Values) {
  const std::vector<ValidateCase> cases = {
      {"empty", "", true},
      {"single character", "a", true},
      {"inner symbols", "1.2-3_4", true},
      {"63 characters", Repeat('v', 63), true},
      {"64 characters", Repeat('v', 64), false},
      {"ends with underscore", "v_", false},
      {"contains a blank", "a b", false},
      {"contains a slash", "a/b", false},
  };
  for (const ValidateCase& c : cases) {
    SCOPED_TRACE(c.name);
    const absl::Status s = ValidateLabelValue(c.input);
    EXPECT_EQ(s.code(), c.ok ? absl::StatusCode::kOk : absl::StatusCode::kInvalidArgument) << s;
  }
}

}  // namespace
}  // namespace horizon::kube
