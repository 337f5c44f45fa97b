#include "kube/label_selector.h"

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"

namespace horizon::kube {
namespace {

constexpr size_t kMaxLabelNameLength = 63;
constexpr size_t kMaxLabelValueLength = 63;
constexpr size_t kMaxPrefixLength = 253;

// Quotes text for an error message; escaping keeps control bytes from
// garbling logs when the selector came from the network.
std::string Quote(std::string_view text) {
  return absl::StrCat("\"", absl::CEscape(absl::string_view(text.data(), text.size())), "\"");
}

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]: the name part of a key, and every
// non-empty value.
bool IsQualifiedNamePart(std::string_view s) {
  if (s.empty() || !IsAlnum(s.front()) || !IsAlnum(s.back())) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return IsAlnum(c) || c == '-' || c == '_' || c == '.'; });
}

// RFC 1123 subdomain, lower case: dot-separated labels of [a-z0-9-] that start
// and end with an alphanumeric.
bool IsDns1123Subdomain(std::string_view s) {
  size_t start = 0;
  while (true) {
    const size_t dot = s.find('.', start);
    const std::string_view label =
        s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty() || !IsLowerAlnum(label.front()) || !IsLowerAlnum(label.back())) {
      return false;
    }
    for (char c : label) {
      if (!IsLowerAlnum(c) && c != '-') return false;
    }
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

constexpr char kNameSyntax[] =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character (e.g. 'MyName', 'my.name', '123-abc')";

// Every problem with `key`, so one error tells the whole story.
std::vector<std::string> LabelKeyProblems(std::string_view key) {
  std::vector<std::string> problems;
  std::string_view name = key;
  const size_t slash = key.find('/');
  if (slash != std::string_view::npos) {
    if (key.find('/', slash + 1) != std::string_view::npos) {
      problems.push_back(
          "a label key is a name with an optional DNS subdomain prefix and one '/' "
          "(e.g. 'example.com/MyName')");
      return problems;
    }
    const std::string_view prefix = key.substr(0, slash);
    name = key.substr(slash + 1);
    if (prefix.empty()) {
      problems.push_back("prefix part must be non-empty");
    } else {
      if (prefix.size() > kMaxPrefixLength) {
        problems.push_back(
            absl::StrCat("prefix part must be no more than ", kMaxPrefixLength, " characters"));
      }
      if (!IsDns1123Subdomain(prefix)) {
        problems.push_back(
            "prefix part must be a lowercase RFC 1123 subdomain: lower case alphanumeric "
            "characters, '-' or '.', starting and ending with an alphanumeric character "
            "(e.g. 'example.com')");
      }
    }
  }
  if (name.empty()) {
    problems.push_back("name part must be non-empty");
  } else {
    if (name.size() > kMaxLabelNameLength) {
      problems.push_back(
          absl::StrCat("name part must be no more than ", kMaxLabelNameLength, " characters"));
    }
    if (!IsQualifiedNamePart(name)) problems.push_back(absl::StrCat("name part ", kNameSyntax));
  }
  return problems;
}

// Rejects what upstream's NewRequirement rejects: a bad key, a value count
// that does not fit the operator, a bad value. `path` prefixes each message
// with the place the requirement came from.
absl::Status CheckRequirement(const Selector::Requirement& r, const std::string& path) {
  if (absl::Status s = ValidateLabelKey(r.key); !s.ok()) {
    return Annotate(s, absl::StrCat(path, "key"));
  }
  switch (r.op) {
    case Selector::Operator::kIn:
    case Selector::Operator::kNotIn:
      if (r.values.empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat(path, "values: must be non-empty for the In and NotIn operators (key ",
                         Quote(r.key), ")"));
      }
      break;
    case Selector::Operator::kEquals:
    case Selector::Operator::kNotEquals:
      if (r.values.size() != 1) {
        return absl::InvalidArgumentError(
            absl::StrCat(path, "values: exact match needs one value, got ", r.values.size(),
                         " (key ", Quote(r.key), ")"));
      }
      break;
    case Selector::Operator::kExists:
    case Selector::Operator::kDoesNotExist:
      if (!r.values.empty()) {
        return absl::InvalidArgumentError(absl::StrCat(
            path, "values: must be empty for the Exists and DoesNotExist operators, got ",
            r.values.size(), " (key ", Quote(r.key), ")"));
      }
      break;
  }
  for (size_t i = 0; i < r.values.size(); ++i) {
    if (absl::Status s = ValidateLabelValue(r.values[i]); !s.ok()) {
      return Annotate(s, absl::StrCat(path, "values[", i, "] (key ", Quote(r.key), ")"));
    }
  }
  return absl::OkStatus();
}

void SortValues(std::vector<std::string>& values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
}

// Upstream sorts requirements by key; a stable sort also keeps requirements on
// the same key in the order written, so ToString is deterministic.
void SortByKey(std::vector<Selector::Requirement>& requirements) {
  std::stable_sort(
      requirements.begin(), requirements.end(),
      [](const Selector::Requirement& a, const Selector::Requirement& b) { return a.key < b.key; });
}

// ---- Lexer -----------------------------------------------------------------

enum class Tok {
  kEnd,
  kIdentifier,
  kIn,
  kNotIn,
  kBang,
  kEquals,
  kDoubleEquals,
  kNotEquals,
  kGreater,
  kLess,
  kOpenParen,
  kCloseParen,
  kComma,
};

struct Token {
  Tok kind;
  std::string_view text;  // empty for kEnd
  size_t offset;          // byte offset in the selector, for error messages
};

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool IsSymbol(char c) {
  switch (c) {
    case '=':
    case '!':
    case '(':
    case ')':
    case ',':
    case '>':
    case '<':
      return true;
    default:
      return false;
  }
}

Tok SymbolKind(std::string_view symbol) {
  if (symbol == "==") return Tok::kDoubleEquals;
  if (symbol == "!=") return Tok::kNotEquals;
  switch (symbol.front()) {
    case '=':
      return Tok::kEquals;
    case '!':
      return Tok::kBang;
    case '(':
      return Tok::kOpenParen;
    case ')':
      return Tok::kCloseParen;
    case ',':
      return Tok::kComma;
    case '>':
      return Tok::kGreater;
    default:
      return Tok::kLess;
  }
}

// Splits the selector as upstream's lexer does: blanks separate tokens; a run
// of symbol characters yields "==" or "!=" when it starts with one, else a
// single symbol; everything else up to a blank or symbol is one word, and the
// words "in"/"notin" are keywords. Unlike upstream, a NUL byte does not end
// the input: it stays in its word and fails key or value validation.
std::vector<Token> Lex(std::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (true) {
    while (i < text.size() && IsBlank(text[i])) ++i;
    if (i == text.size()) {
      tokens.push_back({Tok::kEnd, std::string_view(), i});
      return tokens;
    }
    const size_t start = i;
    if (IsSymbol(text[i])) {
      const bool two =
          i + 1 < text.size() && text[i + 1] == '=' && (text[i] == '=' || text[i] == '!');
      i += two ? 2 : 1;
      const std::string_view symbol = text.substr(start, i - start);
      tokens.push_back({SymbolKind(symbol), symbol, start});
      continue;
    }
    while (i < text.size() && !IsBlank(text[i]) && !IsSymbol(text[i])) ++i;
    const std::string_view word = text.substr(start, i - start);
    Tok kind = Tok::kIdentifier;
    if (word == "in") kind = Tok::kIn;
    if (word == "notin") kind = Tok::kNotIn;
    tokens.push_back({kind, word, start});
  }
}

// ---- Parser ----------------------------------------------------------------

// "in" and "notin" are operators only right after a key; everywhere else
// (keys, values) they are plain words, so `in in (in)` is valid.
enum class Context { kOperator, kValues };

Tok KindIn(const Token& t, Context context) {
  if (context == Context::kValues && (t.kind == Tok::kIn || t.kind == Tok::kNotIn)) {
    return Tok::kIdentifier;
  }
  return t.kind;
}

std::string Describe(const Token& t) {
  if (t.kind == Tok::kEnd) return "end of string";
  return absl::StrCat("'", absl::CEscape(absl::string_view(t.text.data(), t.text.size())), "'");
}

absl::Status Unexpected(const Token& t, std::string_view expected) {
  return absl::InvalidArgumentError(
      absl::StrCat("found ", Describe(t), " at offset ", t.offset, ", expected ",
                   absl::string_view(expected.data(), expected.size())));
}

// Recursive descent over the token list, following upstream's grammar:
//   selector    := requirement ("," requirement)*  |  ""
//   requirement := "!" KEY | KEY | KEY ("in"|"notin") "(" values ")"
//                | KEY ("="|"=="|"!=") [VALUE]
class Parser {
 public:
  explicit Parser(std::string_view text) : tokens_(Lex(text)) {}

  absl::StatusOr<std::vector<Selector::Requirement>> ParseSelector() {
    std::vector<Selector::Requirement> requirements;
    while (true) {
      const Token& start = Peek();
      const Tok kind = KindIn(start, Context::kValues);
      if (kind == Tok::kEnd) return requirements;
      if (kind != Tok::kIdentifier && kind != Tok::kBang) {
        return Unexpected(start, "'!', a label key or end of string");
      }
      ASSIGN_OR_RETURN(Selector::Requirement requirement, ParseRequirement());
      requirements.push_back(std::move(requirement));
      const Token& separator = Next();
      switch (KindIn(separator, Context::kValues)) {
        case Tok::kEnd:
          return requirements;
        case Tok::kComma: {
          const Token& after = Peek();
          const Tok after_kind = KindIn(after, Context::kValues);
          if (after_kind != Tok::kIdentifier && after_kind != Tok::kBang) {
            return Unexpected(after, "'!' or a label key after ','");
          }
          break;
        }
        default:
          return Unexpected(separator, "',' or end of string");
      }
    }
  }

 private:
  const Token& Peek() const { return tokens_[pos_]; }

  // Returns the current token and moves on; the final kEnd token is never
  // passed, so a parser bug cannot read past the list.
  const Token& Next() {
    const Token& t = tokens_[pos_];
    if (pos_ + 1 < tokens_.size()) ++pos_;
    return t;
  }

  absl::StatusOr<Selector::Requirement> ParseRequirement() {
    bool negated = false;
    const Token* key_token = &Next();
    if (KindIn(*key_token, Context::kValues) == Tok::kBang) {
      negated = true;
      key_token = &Next();
    }
    if (KindIn(*key_token, Context::kValues) != Tok::kIdentifier) {
      return Unexpected(*key_token, "a label key");
    }
    Selector::Requirement r;
    r.key = std::string(key_token->text);
    RETURN_IF_ERROR(ValidateLabelKey(r.key));
    if (negated) {
      r.op = Selector::Operator::kDoesNotExist;
      return r;
    }
    const Tok following = KindIn(Peek(), Context::kValues);
    if (following == Tok::kEnd || following == Tok::kComma) {
      r.op = Selector::Operator::kExists;
      return r;
    }

    const Token& op = Next();
    switch (KindIn(op, Context::kOperator)) {
      case Tok::kIn:
      case Tok::kNotIn: {
        r.op = op.kind == Tok::kIn ? Selector::Operator::kIn : Selector::Operator::kNotIn;
        ASSIGN_OR_RETURN(r.values, ParseValueSet());
        break;
      }
      case Tok::kEquals:
      case Tok::kDoubleEquals:
      case Tok::kNotEquals: {
        r.op = op.kind == Tok::kNotEquals ? Selector::Operator::kNotEquals
                                          : Selector::Operator::kEquals;
        ASSIGN_OR_RETURN(std::string value, ParseExactValue());
        r.values.push_back(std::move(value));
        break;
      }
      case Tok::kGreater:
      case Tok::kLess:
        return absl::InvalidArgumentError(
            absl::StrCat("the numeric comparison operator ", Describe(op), " at offset ", op.offset,
                         " is not supported (use in, notin, =, == or !=)"));
      default:
        return Unexpected(op, "one of 'in', 'notin', '=', '==', '!='");
    }
    for (const std::string& value : r.values) {
      if (absl::Status s = ValidateLabelValue(value); !s.ok()) {
        return Annotate(s, absl::StrCat("key ", Quote(r.key)));
      }
    }
    SortValues(r.values);
    return r;
  }

  // "(" values ")"; "()" is the one empty value, as upstream reads it.
  absl::StatusOr<std::vector<std::string>> ParseValueSet() {
    const Token& open = Next();
    if (KindIn(open, Context::kValues) != Tok::kOpenParen) return Unexpected(open, "'('");
    const Token& first = Peek();
    switch (KindIn(first, Context::kValues)) {
      case Tok::kCloseParen:
        Next();
        return std::vector<std::string>{""};
      case Tok::kIdentifier:
      case Tok::kComma: {
        ASSIGN_OR_RETURN(std::vector<std::string> values, ParseValueList());
        const Token& close = Next();
        if (KindIn(close, Context::kValues) != Tok::kCloseParen) return Unexpected(close, "')'");
        return values;
      }
      default:
        return Unexpected(first, "',', ')' or a value");
    }
  }

  // Comma-separated values up to (not including) ")". A missing value next to
  // a comma ("(a,,b)", "(,a)", "(a,)") is the empty string, as upstream.
  absl::StatusOr<std::vector<std::string>> ParseValueList() {
    std::vector<std::string> values;
    while (true) {
      const Token& t = Next();
      switch (KindIn(t, Context::kValues)) {
        case Tok::kIdentifier: {
          values.emplace_back(t.text);
          const Token& after = Peek();
          const Tok after_kind = KindIn(after, Context::kValues);
          if (after_kind == Tok::kCloseParen) return values;
          if (after_kind != Tok::kComma) return Unexpected(after, "',' or ')'");
          break;
        }
        case Tok::kComma: {
          if (values.empty()) values.emplace_back();
          const Tok after_kind = KindIn(Peek(), Context::kValues);
          if (after_kind == Tok::kCloseParen) {
            values.emplace_back();
            return values;
          }
          if (after_kind == Tok::kComma) values.emplace_back();
          break;
        }
        default:
          return Unexpected(t, "',' or a value");
      }
    }
  }

  // The value after =, == or !=; nothing before "," or the end is "".
  absl::StatusOr<std::string> ParseExactValue() {
    const Tok next = KindIn(Peek(), Context::kValues);
    if (next == Tok::kEnd || next == Tok::kComma) return std::string();
    const Token& t = Next();
    if (KindIn(t, Context::kValues) != Tok::kIdentifier) return Unexpected(t, "a value");
    return std::string(t.text);
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

void AppendRequirement(const Selector::Requirement& r, std::string& out) {
  switch (r.op) {
    case Selector::Operator::kExists:
      absl::StrAppend(&out, r.key);
      return;
    case Selector::Operator::kDoesNotExist:
      absl::StrAppend(&out, "!", r.key);
      return;
    case Selector::Operator::kEquals:
      absl::StrAppend(&out, r.key, "=", absl::StrJoin(r.values, ","));
      return;
    case Selector::Operator::kNotEquals:
      absl::StrAppend(&out, r.key, "!=", absl::StrJoin(r.values, ","));
      return;
    case Selector::Operator::kIn:
      absl::StrAppend(&out, r.key, " in (", absl::StrJoin(r.values, ","), ")");
      return;
    case Selector::Operator::kNotIn:
      absl::StrAppend(&out, r.key, " notin (", absl::StrJoin(r.values, ","), ")");
      return;
  }
}

}  // namespace

absl::Status ValidateLabelKey(std::string_view key) {
  const std::vector<std::string> problems = LabelKeyProblems(key);
  if (problems.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("invalid label key ", Quote(key), ": ", absl::StrJoin(problems, "; ")));
}

absl::Status ValidateLabelValue(std::string_view value) {
  std::vector<std::string> problems;
  if (value.size() > kMaxLabelValueLength) {
    problems.push_back(absl::StrCat("must be no more than ", kMaxLabelValueLength, " characters"));
  }
  if (!value.empty() && !IsQualifiedNamePart(value)) {
    problems.push_back(
        "must be empty or consist of alphanumeric characters, '-', '_' or '.', and must start "
        "and end with an alphanumeric character (e.g. 'MyValue', 'my_value', '12345')");
  }
  if (problems.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat("invalid label value ", Quote(value), ": ", absl::StrJoin(problems, "; ")));
}

Selector Selector::Nothing() {
  Selector s;
  s.nothing_ = true;
  return s;
}

absl::StatusOr<Selector> Selector::Parse(std::string_view text) {
  Parser parser(text);
  absl::StatusOr<std::vector<Requirement>> requirements = parser.ParseSelector();
  if (!requirements.ok()) {
    // Every parse failure is the caller's input, whatever the inner code.
    return absl::InvalidArgumentError(
        absl::StrCat("selector ", Quote(text), ": ", requirements.status().message()));
  }
  Selector s;
  s.requirements_ = *std::move(requirements);
  SortByKey(s.requirements_);
  return s;
}

absl::StatusOr<Selector> Selector::FromSpec(const LabelSelectorSpec& spec) {
  Selector s;
  s.requirements_.reserve(spec.match_labels.size() + spec.match_expressions.size());
  for (const auto& [key, value] : spec.match_labels) {
    Requirement r{key, Operator::kEquals, {value}};
    if (absl::Status st = CheckRequirement(r, absl::StrCat("matchLabels[", Quote(key), "]."));
        !st.ok()) {
      return Annotate(st, "invalid label selector");
    }
    s.requirements_.push_back(std::move(r));
  }
  for (size_t i = 0; i < spec.match_expressions.size(); ++i) {
    const LabelSelectorRequirement& expr = spec.match_expressions[i];
    const std::string path = absl::StrCat("matchExpressions[", i, "].");
    Requirement r{expr.key, Operator::kExists, expr.values};
    if (expr.op == "In") {
      r.op = Operator::kIn;
    } else if (expr.op == "NotIn") {
      r.op = Operator::kNotIn;
    } else if (expr.op == "Exists") {
      r.op = Operator::kExists;
    } else if (expr.op == "DoesNotExist") {
      r.op = Operator::kDoesNotExist;
    } else {
      return absl::InvalidArgumentError(absl::StrCat(
          "invalid label selector: ", path, "operator: ", Quote(expr.op),
          " is not a valid label selector operator (want In, NotIn, Exists or DoesNotExist)"));
    }
    if (absl::Status st = CheckRequirement(r, path); !st.ok()) {
      return Annotate(st, "invalid label selector");
    }
    SortValues(r.values);
    s.requirements_.push_back(std::move(r));
  }
  SortByKey(s.requirements_);
  return s;
}

absl::StatusOr<Selector> Selector::FromOptionalSpec(const std::optional<LabelSelectorSpec>& spec) {
  if (!spec.has_value()) return Nothing();
  return FromSpec(*spec);
}

bool Selector::Matches(const Labels& labels) const {
  if (nothing_) return false;
  for (const Requirement& r : requirements_) {
    const auto it = labels.find(r.key);
    const bool present = it != labels.end();
    switch (r.op) {
      case Operator::kEquals:
      case Operator::kIn:
        if (!present || !std::binary_search(r.values.begin(), r.values.end(), it->second)) {
          return false;
        }
        break;
      case Operator::kNotEquals:
      case Operator::kNotIn:
        // An absent key is "not equal" to every value, as upstream.
        if (present && std::binary_search(r.values.begin(), r.values.end(), it->second)) {
          return false;
        }
        break;
      case Operator::kExists:
        if (!present) return false;
        break;
      case Operator::kDoesNotExist:
        if (present) return false;
        break;
    }
  }
  return true;
}

std::string Selector::ToString() const {
  std::string out;
  for (size_t i = 0; i < requirements_.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendRequirement(requirements_[i], out);
  }
  return out;
}

}  // namespace horizon::kube
