// JSON text parsing, RFC 3339 times, and the scalar decoders and encoders the
// per-type codecs (json_meta.cc, json_hpa.cc, json_core.cc) are built from.
#include "kube/json.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "kube/json_internal.h"

namespace horizon::kube {

namespace {

constexpr size_t kMaxDescribedLength = 64;

absl::string_view AbslView(std::string_view s) { return absl::string_view(s.data(), s.size()); }

// `"text"` with control and non-ASCII bytes escaped, for error messages about
// input that may be arbitrary bytes.
std::string Quote(std::string_view text) {
  constexpr size_t kMaxQuoted = 80;
  std::string_view shown = text.substr(0, kMaxQuoted);
  return absl::StrCat("\"", absl::CHexEscape(AbslView(shown)),
                      shown.size() < text.size() ? "...\"" : "\"");
}

// Reads exactly `count` decimal digits at text[*pos].
bool ReadDigits(std::string_view text, size_t* pos, int count, int* value) {
  if (*pos + count > text.size()) return false;
  int v = 0;
  for (int i = 0; i < count; ++i) {
    const char c = text[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += count;
  *value = v;
  return true;
}

bool ReadChar(std::string_view text, size_t* pos, char a, char b = '\0') {
  if (*pos >= text.size()) return false;
  const char c = text[*pos];
  if (c != a && (b == '\0' || c != b)) return false;
  ++*pos;
  return true;
}

}  // namespace

absl::StatusOr<nlohmann::json> ParseJson(std::string_view text) {
  try {
    return nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte counts the bytes read up to and including the offending one.
    const size_t offset = e.byte == 0 ? 0 : std::min<size_t>(e.byte - 1, text.size());
    size_t line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < offset; ++i) {
      if (text[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    }
    // nlohmann's message is "[json.exception.parse_error.101] parse error at
    // line L, column C: <detail>"; keep the detail, report our own position.
    std::string_view detail = e.what();
    if (const size_t colon = detail.find(": "); colon != std::string_view::npos) {
      detail.remove_prefix(colon + 2);
    }
    return absl::InvalidArgumentError(absl::StrCat(
        "json: line ", line, ", column ", offset - line_start + 1, ": ", AbslView(detail)));
  } catch (const std::exception& e) {
    return absl::InvalidArgumentError(absl::StrCat("json: ", e.what()));
  }
}

absl::StatusOr<absl::Time> ParseTime(std::string_view text) {
  auto fail = [&](std::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrCat("invalid RFC 3339 time ", Quote(text), ": ", AbslView(why)));
  };
  size_t pos = 0;
  int year, month, day, hour, minute, second;
  if (!ReadDigits(text, &pos, 4, &year) || !ReadChar(text, &pos, '-') ||
      !ReadDigits(text, &pos, 2, &month) || !ReadChar(text, &pos, '-') ||
      !ReadDigits(text, &pos, 2, &day)) {
    return fail("expected a date YYYY-MM-DD");
  }
  if (!ReadChar(text, &pos, 'T', 't')) return fail("expected 'T' after the date");
  if (!ReadDigits(text, &pos, 2, &hour) || !ReadChar(text, &pos, ':') ||
      !ReadDigits(text, &pos, 2, &minute) || !ReadChar(text, &pos, ':') ||
      !ReadDigits(text, &pos, 2, &second)) {
    return fail("expected a time of day hh:mm:ss");
  }
  // Fractional seconds: any number of digits, kept to the nanosecond.
  int64_t nanos = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (digits < 9) nanos = nanos * 10 + (text[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return fail("expected digits after '.'");
    for (int i = digits; i < 9; ++i) nanos *= 10;
  }
  int offset_seconds = 0;
  if (ReadChar(text, &pos, 'Z', 'z')) {
    // UTC.
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    int offset_hours, offset_minutes;
    if (!ReadDigits(text, &pos, 2, &offset_hours) || !ReadChar(text, &pos, ':') ||
        !ReadDigits(text, &pos, 2, &offset_minutes)) {
      return fail("expected a UTC offset +hh:mm");
    }
    if (offset_hours > 23 || offset_minutes > 59) return fail("UTC offset out of range");
    offset_seconds = sign * (offset_hours * 3600 + offset_minutes * 60);
  } else {
    return fail("expected 'Z' or a UTC offset");
  }
  if (pos != text.size()) return fail("unexpected text after the time");

  if (month < 1 || month > 12) return fail("month out of range");
  const absl::CivilDay civil_day(year, month, day);
  if (day < 1 || civil_day.day() != day || civil_day.month() != month) {
    return fail("day out of range");
  }
  // RFC 3339 allows a leap second (60); like the API server, Horizon does not.
  if (hour > 23 || minute > 59 || second > 59) return fail("time of day out of range");
  const absl::Time local = absl::FromCivil(
      absl::CivilSecond(year, month, day, hour, minute, second), absl::UTCTimeZone());
  return local - absl::Seconds(offset_seconds) + absl::Nanoseconds(nanos);
}

std::string FormatTime(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", t, absl::UTCTimeZone());
}

std::string FormatMicroTime(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", t, absl::UTCTimeZone());
}

absl::Status FromJson(const nlohmann::json& j, Quantity* out, std::string_view path,
                      const DecodeOptions& options) {
  const json_internal::Path root(path);
  if (j.is_null()) return json_internal::TypeError(root, "a quantity", j);
  *out = Quantity();
  return json_internal::Decode(j, root, options, out);
}

nlohmann::json ToJson(const Quantity& q) { return q.ToString(); }

namespace json_internal {

void Path::AppendTo(std::string* out) const {
  if (parent_ != nullptr) parent_->AppendTo(out);
  switch (kind_) {
    case Kind::kRoot:
      out->append(name_.data(), name_.size());
      break;
    case Kind::kField:
      if (!out->empty()) out->push_back('.');
      out->append(name_.data(), name_.size());
      break;
    case Kind::kIndex:
      absl::StrAppend(out, "[", index_, "]");
      break;
    case Kind::kKey:
      absl::StrAppend(out, "[", AbslView(name_), "]");
      break;
  }
}

std::string Path::ToString() const {
  std::string out;
  AppendTo(&out);
  return out;
}

std::string Describe(const json& value) {
  // Containers are only sketched: printing one in full would recurse as deep
  // as the input nests, and the message needs the kind, not the contents.
  if (value.is_object()) return value.empty() ? "{}" : "{...}";
  if (value.is_array()) return value.empty() ? "[]" : "[...]";
  // Invalid UTF-8 (possible in YAML input) is replaced rather than thrown on.
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  if (text.size() > kMaxDescribedLength) {
    text.resize(kMaxDescribedLength);
    text += "...";
  }
  return text;
}

absl::Status TypeError(const Path& path, std::string_view what, const json& value) {
  return absl::InvalidArgumentError(
      absl::StrCat(path.ToString(), ": expected ", AbslView(what), ", got ", Describe(value)));
}

absl::Status FieldError(const Path& path, std::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat(path.ToString(), ": ", AbslView(message)));
}

namespace {

// The integer in `v` as int64 when it is a JSON integer that fits.
absl::Status ReadInt64(const json& v, const Path& p, int64_t* out) {
  if (v.is_number_integer() && !v.is_number_unsigned()) {
    *out = v.get<int64_t>();
    return absl::OkStatus();
  }
  if (v.is_number_unsigned()) {
    const uint64_t u = v.get<uint64_t>();
    if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return FieldError(p, absl::StrCat(u, " is out of range for a 64-bit integer"));
    }
    *out = static_cast<int64_t>(u);
    return absl::OkStatus();
  }
  return TypeError(p, "an integer", v);
}

}  // namespace

absl::Status Decode(const json& v, const Path& p, const DecodeOptions&, std::string* out) {
  if (v.is_null()) return absl::OkStatus();
  if (!v.is_string()) return TypeError(p, "a string", v);
  *out = v.get_ref<const std::string&>();
  return absl::OkStatus();
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions&, int32_t* out) {
  if (v.is_null()) return absl::OkStatus();
  int64_t value = 0;
  RETURN_IF_ERROR(ReadInt64(v, p, &value));
  if (value < std::numeric_limits<int32_t>::min() || value > std::numeric_limits<int32_t>::max()) {
    return FieldError(p, absl::StrCat(value, " is out of range for a 32-bit integer"));
  }
  *out = static_cast<int32_t>(value);
  return absl::OkStatus();
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions&, int64_t* out) {
  if (v.is_null()) return absl::OkStatus();
  return ReadInt64(v, p, out);
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions&, Quantity* out) {
  if (v.is_null()) return absl::OkStatus();
  std::string text;
  if (v.is_string()) {
    absl::StatusOr<Quantity> q = Quantity::Parse(v.get_ref<const std::string&>());
    if (!q.ok()) return Annotate(q.status(), p.ToString());
    *out = *q;
    return absl::OkStatus();
  }
  if (v.is_number_unsigned()) {
    text = absl::StrCat(v.get<uint64_t>());
  } else if (v.is_number_integer()) {
    text = absl::StrCat(v.get<int64_t>());
  } else if (v.is_number_float()) {
    // The API reads a numeric quantity from its JSON text. The text is gone by
    // now; the shortest representation that reads back as the same double
    // stands in for it ("0.5" stays "0.5").
    if (!std::isfinite(v.get<double>())) return TypeError(p, "a finite quantity", v);
    text = v.dump();
  } else {
    return TypeError(p, "a quantity (string or number)", v);
  }
  absl::StatusOr<Quantity> q = Quantity::Parse(text);
  if (!q.ok()) return Annotate(q.status(), p.ToString());
  *out = *q;
  return absl::OkStatus();
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions&, absl::Time* out) {
  if (v.is_null()) return absl::OkStatus();
  if (!v.is_string()) return TypeError(p, "an RFC 3339 time string", v);
  absl::StatusOr<absl::Time> t = ParseTime(v.get_ref<const std::string&>());
  if (!t.ok()) return Annotate(t.status(), p.ToString());
  *out = *t;
  return absl::OkStatus();
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o,
                    std::map<std::string, std::string>* out) {
  out->clear();
  if (v.is_null()) return absl::OkStatus();
  if (!v.is_object()) return TypeError(p, "an object of strings", v);
  for (auto it = v.begin(); it != v.end(); ++it) {
    // A null value is the type's zero value, as in the API's own decoding.
    RETURN_IF_ERROR(Decode(it.value(), p.Key(it.key()), o, &(*out)[it.key()]));
  }
  return absl::OkStatus();
}

absl::Status Decode(const json& v, const Path& p, const DecodeOptions& o, ResourceList* out) {
  out->clear();
  if (v.is_null()) return absl::OkStatus();
  if (!v.is_object()) return TypeError(p, "an object of quantities", v);
  for (auto it = v.begin(); it != v.end(); ++it) {
    // A null value is the type's zero value, as in the API's own decoding.
    RETURN_IF_ERROR(Decode(it.value(), p.Key(it.key()), o, &(*out)[it.key()]));
  }
  return absl::OkStatus();
}

void PutQuantity(json& j, const char* key, const std::optional<Quantity>& value) {
  if (value.has_value()) j[key] = value->ToString();
}

void PutTime(json& j, const char* key, const std::optional<absl::Time>& value) {
  if (value.has_value()) j[key] = kube::FormatTime(*value);
}

void PutMicroTime(json& j, const char* key, const std::optional<absl::Time>& value) {
  if (value.has_value()) j[key] = kube::FormatMicroTime(*value);
}

void PutStringMap(json& j, const char* key, const std::map<std::string, std::string>& value) {
  if (!value.empty()) j[key] = value;
}

json EncodeResourceList(const ResourceList& list) {
  json j = json::object();
  for (const auto& [name, quantity] : list) j[name] = quantity.ToString();
  return j;
}

}  // namespace json_internal
}  // namespace horizon::kube
