// YAML -> JSON conversion on top of yaml-cpp.
//
// yaml-cpp throws; every exception stops here and becomes an InvalidArgument
// naming the line and column. yaml-cpp leaves plain scalars untyped, so the
// YAML 1.2 core schema is applied here: a plain `10` is an integer, `0.5` a
// float, `true` a boolean, `null`/`~`/empty a null, anything quoted a string.
// (The YAML 1.1 spellings `yes`, `on`, `0777` are not special in 1.2.)
#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/charconv.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "kube/json.h"
#include "kube/json_internal.h"
#include "yaml-cpp/yaml.h"

namespace horizon::kube {
namespace {

using nlohmann::json;

// Guards against hostile input: anchors can make yaml-cpp build a cyclic node
// graph (`&a [*a]`) or an exponentially large tree ("billion laughs"), which
// converting would follow forever.
constexpr int kMaxDepth = 200;
constexpr size_t kMaxNodes = 1 << 20;

constexpr char kStrTag[] = "tag:yaml.org,2002:str";
constexpr char kIntTag[] = "tag:yaml.org,2002:int";
constexpr char kFloatTag[] = "tag:yaml.org,2002:float";
constexpr char kBoolTag[] = "tag:yaml.org,2002:bool";
constexpr char kNullTag[] = "tag:yaml.org,2002:null";
constexpr char kSeqTag[] = "tag:yaml.org,2002:seq";
constexpr char kMapTag[] = "tag:yaml.org,2002:map";

absl::Status PositionError(const YAML::Mark& mark, std::string_view message) {
  if (mark.is_null()) {
    return absl::InvalidArgumentError(
        absl::StrCat("yaml: ", absl::string_view(message.data(), message.size())));
  }
  return absl::InvalidArgumentError(
      absl::StrCat("yaml: line ", mark.line + 1, ", column ", mark.column + 1, ": ",
                   absl::string_view(message.data(), message.size())));
}

std::string Quote(const std::string& s) { return absl::StrCat("\"", absl::CHexEscape(s), "\""); }

// JSON strings must be UTF-8; yaml-cpp passes bytes through unchecked.
bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = s[i];
    size_t extra;
    uint32_t code_point;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1;
      code_point = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      code_point = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      code_point = c & 0x07;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;
    for (size_t k = 1; k <= extra; ++k) {
      const unsigned char cc = s[i + k];
      if ((cc & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (cc & 0x3F);
    }
    // Overlong encodings, surrogates and values past U+10FFFF.
    static constexpr uint32_t kMinForLength[] = {0, 0x80, 0x800, 0x10000};
    if (code_point < kMinForLength[extra] || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

bool IsNullLiteral(std::string_view s) {
  return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL";
}

std::optional<bool> BoolLiteral(std::string_view s) {
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  return std::nullopt;
}

bool AllDigits(std::string_view s, int base) {
  if (s.empty()) return false;
  for (char c : s) {
    const bool ok = base == 16 ? absl::ascii_isxdigit(static_cast<unsigned char>(c))
                               : (c >= '0' && c < static_cast<char>('0' + base));
    if (!ok) return false;
  }
  return true;
}

int DigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}

// Unsigned magnitude of `digits` in `base`; false on overflow.
bool AccumulateMagnitude(std::string_view digits, int base, uint64_t* out) {
  uint64_t v = 0;
  for (char c : digits) {
    const uint64_t d = DigitValue(c);
    if (v > (std::numeric_limits<uint64_t>::max() - d) / base) return false;
    v = v * base + d;
  }
  *out = v;
  return true;
}

// A core-schema float: [-+]? ( \.[0-9]+ | [0-9]+ ( \.[0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
bool IsFloatSyntax(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  size_t int_digits = 0;
  while (i < s.size() && absl::ascii_isdigit(static_cast<unsigned char>(s[i]))) ++i, ++int_digits;
  size_t frac_digits = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && absl::ascii_isdigit(static_cast<unsigned char>(s[i]))) {
      ++i, ++frac_digits;
    }
  } else if (int_digits == 0) {
    return false;
  }
  if (int_digits == 0 && frac_digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t exp_digits = 0;
    while (i < s.size() && absl::ascii_isdigit(static_cast<unsigned char>(s[i]))) {
      ++i, ++exp_digits;
    }
    if (exp_digits == 0) return false;
  }
  return i == s.size();
}

std::optional<double> FloatLiteral(std::string_view s) {
  std::string_view body = s;
  bool negative = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (body == ".inf" || body == ".Inf" || body == ".INF") {
    return negative ? -std::numeric_limits<double>::infinity()
                    : std::numeric_limits<double>::infinity();
  }
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return std::numeric_limits<double>::quiet_NaN();
  if (!IsFloatSyntax(s)) return std::nullopt;
  double value = 0;
  // from_chars reads the syntax above without a sign; it reports values out
  // of range as such, and YAML wants them as the infinities.
  const absl::from_chars_result r = absl::from_chars(body.data(), body.data() + body.size(), value);
  if (r.ec == std::errc::result_out_of_range) {
    value = std::abs(value) < 1 ? 0.0 : std::numeric_limits<double>::infinity();
  } else if (r.ec != std::errc() || r.ptr != body.data() + body.size()) {
    return std::nullopt;
  }
  return negative ? -value : value;
}

// A core-schema integer: [-+]?[0-9]+ | 0o[0-7]+ | 0x[0-9a-fA-F]+. Values past
// the 64-bit range become floats, as a JSON parser would read them.
std::optional<json> IntLiteral(std::string_view s) {
  uint64_t magnitude = 0;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
    const int base = s[1] == 'o' ? 8 : 16;
    const std::string_view digits = s.substr(2);
    if (!AllDigits(digits, base)) return std::nullopt;
    if (!AccumulateMagnitude(digits, base, &magnitude)) {
      double d = 0;
      for (char c : digits) d = d * base + DigitValue(c);
      return json(d);
    }
    return magnitude <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())
               ? json(static_cast<int64_t>(magnitude))
               : json(magnitude);
  }
  std::string_view digits = s;
  bool negative = false;
  if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) {
    negative = digits[0] == '-';
    digits.remove_prefix(1);
  }
  if (!AllDigits(digits, 10)) return std::nullopt;
  if (!AccumulateMagnitude(digits, 10, &magnitude)) return json(*FloatLiteral(s));
  if (!negative) {
    return magnitude <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())
               ? json(static_cast<int64_t>(magnitude))
               : json(magnitude);
  }
  constexpr uint64_t kMinMagnitude = static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) + 1;
  if (magnitude > kMinMagnitude) return json(*FloatLiteral(s));
  return json(magnitude == kMinMagnitude ? std::numeric_limits<int64_t>::min()
                                         : -static_cast<int64_t>(magnitude));
}

class Converter {
 public:
  absl::StatusOr<json> Convert(const YAML::Node& node, int depth) {
    if (depth > kMaxDepth) return PositionError(node.Mark(), "nesting too deep");
    if (++nodes_ > kMaxNodes) return PositionError(node.Mark(), "document too large");
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        return json(nullptr);
      case YAML::NodeType::Scalar:
        return Scalar(node);
      case YAML::NodeType::Sequence:
        return Sequence(node, depth);
      case YAML::NodeType::Map:
        return Map(node, depth);
    }
    return PositionError(node.Mark(), "unknown node type");
  }

 private:
  absl::StatusOr<json> Scalar(const YAML::Node& node) {
    const std::string& text = node.Scalar();
    const std::string& tag = node.Tag();
    // "!" marks a quoted or block scalar: always a string.
    if (tag == "!" || tag == kStrTag) {
      if (!IsValidUtf8(text)) return PositionError(node.Mark(), "string is not valid UTF-8");
      return json(text);
    }
    if (tag == "?") return Plain(node, text);
    auto mismatch = [&](const char* what) {
      return PositionError(node.Mark(), absl::StrCat(Quote(text), " is not ", what));
    };
    if (tag == kNullTag) {
      if (!IsNullLiteral(text)) return mismatch("a null");
      return json(nullptr);
    }
    if (tag == kBoolTag) {
      const std::optional<bool> b = BoolLiteral(text);
      if (!b.has_value()) return mismatch("a boolean");
      return json(*b);
    }
    if (tag == kIntTag) {
      std::optional<json> i = IntLiteral(text);
      if (!i.has_value()) return mismatch("an integer");
      return *std::move(i);
    }
    if (tag == kFloatTag) {
      if (std::optional<json> i = IntLiteral(text); i.has_value()) {
        return json(i->get<double>());
      }
      const std::optional<double> f = FloatLiteral(text);
      if (!f.has_value()) return mismatch("a float");
      return json(*f);
    }
    return PositionError(node.Mark(), absl::StrCat("unsupported tag ", Quote(tag)));
  }

  absl::StatusOr<json> Plain(const YAML::Node& node, const std::string& text) {
    if (IsNullLiteral(text)) return json(nullptr);
    if (const std::optional<bool> b = BoolLiteral(text)) return json(*b);
    if (std::optional<json> i = IntLiteral(text)) return *std::move(i);
    if (const std::optional<double> f = FloatLiteral(text)) return json(*f);
    if (!IsValidUtf8(text)) return PositionError(node.Mark(), "string is not valid UTF-8");
    return json(text);
  }

  absl::StatusOr<json> Sequence(const YAML::Node& node, int depth) {
    const std::string& tag = node.Tag();
    if (tag != "?" && tag != "!" && tag != kSeqTag) {
      return PositionError(node.Mark(), absl::StrCat("unsupported tag ", Quote(tag)));
    }
    json out = json::array();
    for (const YAML::Node& item : node) {
      ASSIGN_OR_RETURN(json value, Convert(item, depth + 1));
      out.push_back(std::move(value));
    }
    return out;
  }

  absl::StatusOr<json> Map(const YAML::Node& node, int depth) {
    const std::string& tag = node.Tag();
    if (tag != "?" && tag != "!" && tag != kMapTag) {
      return PositionError(node.Mark(), absl::StrCat("unsupported tag ", Quote(tag)));
    }
    json out = json::object();
    // Each entry is a temporary (key, value) pair; the loop variable keeps it
    // alive for the body (`it->first` would dangle).
    for (const auto& entry : node) {
      const YAML::Node& key = entry.first;
      if (!key.IsScalar()) {
        return PositionError(key.Mark(), "mapping keys must be strings or other scalars");
      }
      const std::string& name = key.Scalar();
      if (!IsValidUtf8(name)) return PositionError(key.Mark(), "key is not valid UTF-8");
      // YAML requires unique keys; a repeated one is most likely a mistake
      // that silently dropping one of the values would hide.
      if (out.contains(name)) {
        return PositionError(key.Mark(), absl::StrCat("duplicate key ", Quote(name)));
      }
      ASSIGN_OR_RETURN(json value, Convert(entry.second, depth + 1));
      out[name] = std::move(value);
    }
    return out;
  }

  size_t nodes_ = 0;
};

// All documents of `text`, empty ones included.
absl::StatusOr<std::vector<json>> ConvertAll(std::string_view text) {
  try {
    const std::vector<YAML::Node> nodes = YAML::LoadAll(std::string(text));
    std::vector<json> docs;
    docs.reserve(nodes.size());
    Converter converter;
    for (const YAML::Node& node : nodes) {
      ASSIGN_OR_RETURN(json doc, converter.Convert(node, 0));
      docs.push_back(std::move(doc));
    }
    return docs;
  } catch (const YAML::Exception& e) {
    return PositionError(e.mark, e.msg);
  } catch (const std::exception& e) {
    return absl::InvalidArgumentError(absl::StrCat("yaml: ", e.what()));
  }
}

}  // namespace

absl::StatusOr<nlohmann::json> ParseYaml(std::string_view text) {
  ASSIGN_OR_RETURN(std::vector<json> docs, ConvertAll(text));
  json result(nullptr);
  size_t non_empty = 0;
  for (json& doc : docs) {
    if (doc.is_null()) continue;
    if (++non_empty > 1) {
      return absl::InvalidArgumentError(
          "yaml: expected one document, found several (separated by \"---\")");
    }
    result = std::move(doc);
  }
  return result;
}

absl::StatusOr<std::vector<nlohmann::json>> ParseYamlDocuments(std::string_view text) {
  ASSIGN_OR_RETURN(std::vector<json> docs, ConvertAll(text));
  std::vector<json> out;
  out.reserve(docs.size());
  for (json& doc : docs) {
    if (!doc.is_null()) out.push_back(std::move(doc));
  }
  return out;
}

}  // namespace horizon::kube
