#include "kube/hpa_validation.h"

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kube/quantity.h"

namespace horizon::kube {
namespace {

using ErrorList = std::vector<FieldError>;

// ---------------------------------------------------------------------------
// Rendering values the way upstream's field.Error prints them.

// Go's strconv.Quote for the strings that reach an error message: printable
// text is kept, quotes, backslashes and control bytes are escaped, and bytes
// that are not valid UTF-8 become \xNN.
std::string GoQuote(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\a':
          out += "\\a";
          break;
        case '\b':
          out += "\\b";
          break;
        case '\f':
          out += "\\f";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\v':
          out += "\\v";
          break;
        default:
          if (c < 0x20 || c == 0x7f) {
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 0xf];
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    // A multi-byte UTF-8 sequence is copied whole; anything else is escaped
    // byte by byte.
    size_t len = 0;
    if (c >= 0xc2 && c <= 0xdf) {
      len = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
      len = 3;
    } else if (c >= 0xf0 && c <= 0xf4) {
      len = 4;
    }
    bool valid = len > 0 && i + len <= s.size();
    for (size_t k = 1; valid && k < len; ++k) {
      const unsigned char cont = static_cast<unsigned char>(s[i + k]);
      valid = cont >= 0x80 && cont <= 0xbf;
    }
    if (valid) {
      out.append(s.data() + i, len);
      i += len;
    } else {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xf];
      ++i;
    }
  }
  out += '"';
  return out;
}

std::string Int(int64_t v) { return std::to_string(v); }

// ---------------------------------------------------------------------------
// Field paths and error constructors (upstream field.Path / field.Required...).

std::string Child(const std::string& path, std::string_view name) {
  std::string out = path;
  out += '.';
  out.append(name.data(), name.size());
  return out;
}

std::string Index(const std::string& path, size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

void Required(ErrorList* errs, std::string field, std::string detail) {
  errs->push_back({std::move(field), kFieldValueRequired, "", std::move(detail)});
}

void Invalid(ErrorList* errs, std::string field, std::string value, std::string detail) {
  errs->push_back({std::move(field), kFieldValueInvalid, std::move(value), std::move(detail)});
}

void Forbidden(ErrorList* errs, std::string field, std::string detail) {
  errs->push_back({std::move(field), kFieldValueForbidden, "", std::move(detail)});
}

// `valid` must be sorted, as upstream lists a sets.String.
void NotSupported(ErrorList* errs, std::string field, std::string value,
                  const std::vector<std::string>& valid) {
  std::string detail;
  if (!valid.empty()) {
    detail = "supported values: ";
    for (size_t i = 0; i < valid.size(); ++i) {
      if (i > 0) detail += ", ";
      detail += GoQuote(valid[i]);
    }
  }
  errs->push_back({std::move(field), kFieldValueNotSupported, std::move(value), std::move(detail)});
}

void TooLong(ErrorList* errs, std::string field, int max_bytes) {
  errs->push_back({std::move(field), kFieldValueTooLong, "",
                   "must have at most " + std::to_string(max_bytes) + " bytes"});
}

bool Contains(const std::vector<std::string>& set, const std::string& value) {
  for (const std::string& s : set) {
    if (s == value) return true;
  }
  return false;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

// ---------------------------------------------------------------------------
// Name formats (k8s.io/apimachinery/pkg/util/validation and api/validate/
// content). The regular expressions are checked by hand; the messages quote
// them exactly as upstream does.

constexpr char kDns1123LabelFmt[] = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
constexpr char kDns1123LabelErrMsg[] =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and "
    "must start and end with an alphanumeric character";
constexpr size_t kDns1123LabelMaxLength = 63;
constexpr char kDns1123SubdomainFmt[] =
    "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
constexpr char kDns1123SubdomainErrMsg[] =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
    "'.', and must start and end with an alphanumeric character";
constexpr size_t kDns1123SubdomainMaxLength = 253;
constexpr char kLabelKeyFmt[] = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
constexpr char kLabelKeyErrMsg[] =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character";
constexpr size_t kLabelKeyMaxLength = 63;
constexpr char kLabelValueFmt[] = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
constexpr char kLabelValueErrMsg[] =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or "
    "'.', and must start and end with an alphanumeric character";
constexpr size_t kLabelValueMaxLength = 63;
constexpr size_t kTotalAnnotationSizeLimitBytes = 256 * (1 << 10);

std::string RegexError(const std::string& msg, const std::string& fmt,
                       const std::vector<std::string>& examples) {
  if (examples.empty()) return msg + " (regex used for validation is '" + fmt + "')";
  std::string out = msg + " (e.g. ";
  for (size_t i = 0; i < examples.size(); ++i) {
    if (i > 0) out += " or ";
    out += "'" + examples[i] + "', ";
  }
  out += "regex used for validation is '" + fmt + "')";
  return out;
}

std::string MaxLenError(size_t length) {
  return "must be no more than " + std::to_string(length) + " characters";
}

bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

bool IsAlnum(char c) { return IsLowerAlnum(c) || (c >= 'A' && c <= 'Z'); }

// [a-z0-9]([-a-z0-9]*[a-z0-9])?
bool MatchesDns1123Label(std::string_view s) {
  if (s.empty() || !IsLowerAlnum(s.front()) || !IsLowerAlnum(s.back())) return false;
  for (char c : s) {
    if (!IsLowerAlnum(c) && c != '-') return false;
  }
  return true;
}

// label(\.label)*
bool MatchesDns1123Subdomain(std::string_view s) {
  size_t start = 0;
  while (true) {
    const size_t dot = s.find('.', start);
    if (!MatchesDns1123Label(s.substr(start, dot == std::string_view::npos ? dot : dot - start))) {
      return false;
    }
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

// ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]
bool MatchesLabelKeyName(std::string_view s) {
  if (s.empty() || !IsAlnum(s.front()) || !IsAlnum(s.back())) return false;
  for (char c : s) {
    if (!IsAlnum(c) && c != '-' && c != '_' && c != '.') return false;
  }
  return true;
}

std::vector<std::string> IsDns1123Label(std::string_view value) {
  std::vector<std::string> errs;
  if (value.size() > kDns1123LabelMaxLength) errs.push_back(MaxLenError(kDns1123LabelMaxLength));
  if (!MatchesDns1123Label(value)) {
    if (MatchesDns1123Subdomain(value)) {
      // A valid subdomain that is not a valid label can only be failing on dots.
      errs.push_back("must not contain dots");
    } else {
      errs.push_back(RegexError(kDns1123LabelErrMsg, kDns1123LabelFmt, {"my-name", "123-abc"}));
    }
  }
  return errs;
}

std::vector<std::string> IsDns1123Subdomain(std::string_view value) {
  std::vector<std::string> errs;
  if (value.size() > kDns1123SubdomainMaxLength) {
    errs.push_back(MaxLenError(kDns1123SubdomainMaxLength));
  }
  if (!MatchesDns1123Subdomain(value)) {
    errs.push_back(RegexError(kDns1123SubdomainErrMsg, kDns1123SubdomainFmt, {"example.com"}));
  }
  return errs;
}

// A "qualified name" (label key): an optional DNS-subdomain prefix and '/',
// then a name of at most 63 characters.
std::vector<std::string> IsQualifiedName(std::string_view value) {
  std::vector<std::string> errs;
  std::string_view name;
  const size_t slash = value.find('/');
  if (slash == std::string_view::npos) {
    name = value;
  } else if (value.find('/', slash + 1) == std::string_view::npos) {
    const std::string_view prefix = value.substr(0, slash);
    name = value.substr(slash + 1);
    if (prefix.empty()) {
      errs.push_back("prefix part must be non-empty");
    } else {
      for (const std::string& msg : IsDns1123Subdomain(prefix)) {
        errs.push_back("prefix part " + msg);
      }
    }
  } else {
    errs.push_back("a valid label key " +
                   RegexError(kLabelKeyErrMsg, kLabelKeyFmt, {"MyName", "my.name", "123-abc"}) +
                   " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
    return errs;
  }
  if (name.empty()) {
    errs.push_back("name part must be non-empty");
  } else if (name.size() > kLabelKeyMaxLength) {
    errs.push_back("name part " + MaxLenError(kLabelKeyMaxLength));
  }
  if (!MatchesLabelKeyName(name)) {
    errs.push_back("name part " +
                   RegexError(kLabelKeyErrMsg, kLabelKeyFmt, {"MyName", "my.name", "123-abc"}));
  }
  return errs;
}

std::vector<std::string> IsLabelValue(std::string_view value) {
  std::vector<std::string> errs;
  if (value.size() > kLabelValueMaxLength) errs.push_back(MaxLenError(kLabelValueMaxLength));
  if (!value.empty() && !MatchesLabelKeyName(value)) {
    errs.push_back(RegexError(kLabelValueErrMsg, kLabelValueFmt, {"MyValue", "my_value", "12345"}));
  }
  return errs;
}

// Names that become one segment of a REST path (pathvalidation).
std::vector<std::string> IsValidPathSegmentName(std::string_view name) {
  if (name == "." || name == "..") return {"may not be '" + std::string(name) + "'"};
  std::vector<std::string> errs;
  if (name.find('/') != std::string_view::npos) errs.push_back("may not contain '/'");
  if (name.find('%') != std::string_view::npos) errs.push_back("may not contain '%'");
  return errs;
}

// A generateName gets a random suffix appended, so a trailing dash is fine.
// Upstream replaces the last *two* characters with "a"; that quirk is kept
// because it decides which prefixes pass. A lone "-" (where upstream would
// index out of range) is treated as "a".
std::string MaskTrailingDash(const std::string& name) {
  if (name.empty() || name.back() != '-') return name;
  if (name.size() < 2) return "a";
  return name.substr(0, name.size() - 2) + "a";
}

// ---------------------------------------------------------------------------
// Resource names (pkg/apis/core/v1/validation ValidateContainerResourceName).

constexpr char kHugePagesPrefix[] = "hugepages-";
constexpr char kRequestsPrefix[] = "requests.";
constexpr char kNativeResourceNamespace[] = "kubernetes.io/";

bool IsStandardResourceName(const std::string& name) {
  static const std::vector<std::string>* const kStandard = new std::vector<std::string>{
      "cpu",
      "memory",
      "ephemeral-storage",
      "requests.cpu",
      "requests.memory",
      "requests.ephemeral-storage",
      "limits.cpu",
      "limits.memory",
      "limits.ephemeral-storage",
      "pods",
      "resourcequotas",
      "services",
      "replicationcontrollers",
      "secrets",
      "configmaps",
      "persistentvolumeclaims",
      "storage",
      "requests.storage",
      "services.nodeports",
      "services.loadbalancers",
  };
  return Contains(*kStandard, name) || StartsWith(name, kHugePagesPrefix) ||
         StartsWith(name, std::string(kRequestsPrefix) + kHugePagesPrefix);
}

bool IsStandardContainerResourceName(const std::string& name) {
  return name == "cpu" || name == "memory" || name == "ephemeral-storage" ||
         StartsWith(name, kHugePagesPrefix);
}

bool IsNativeResource(const std::string& name) {
  return name.find('/') == std::string::npos ||
         name.find(kNativeResourceNamespace) != std::string::npos;
}

bool IsExtendedResourceName(const std::string& name) {
  if (IsNativeResource(name) || StartsWith(name, kRequestsPrefix)) return false;
  // Extended resources must still be valid names once quota prefixes them.
  return IsQualifiedName(kRequestsPrefix + name).empty();
}

void ValidateContainerResourceName(const std::string& value, const std::string& path,
                                   ErrorList* errs) {
  const bool single_segment = value.find('/') == std::string::npos;
  const std::vector<std::string> qualified = IsQualifiedName(value);
  for (const std::string& msg : qualified) Invalid(errs, path, GoQuote(value), msg);
  if (qualified.empty() && single_segment && !IsStandardResourceName(value)) {
    Invalid(errs, path, GoQuote(value), "must be a standard resource type or fully qualified");
  }
  if (single_segment) {
    if (!IsStandardContainerResourceName(value)) {
      Invalid(errs, path, GoQuote(value), "must be a standard resource for containers");
    }
  } else if (!IsNativeResource(value) && !IsExtendedResourceName(value)) {
    Invalid(errs, path, GoQuote(value), "doesn't follow extended resource name standard");
  }
}

// ---------------------------------------------------------------------------
// Object metadata (apimachinery ValidateObjectMeta, namespaced, with the
// DNS-subdomain name rule HPAs use).

void ValidateObjectMeta(const ObjectMeta& meta, ErrorList* errs) {
  const std::string path = "metadata";
  if (!meta.generate_name.empty()) {
    for (const std::string& msg : IsDns1123Subdomain(MaskTrailingDash(meta.generate_name))) {
      Invalid(errs, Child(path, "generateName"), GoQuote(meta.generate_name), msg);
    }
  }
  if (meta.name.empty()) {
    Required(errs, Child(path, "name"), "name or generateName is required");
  } else {
    for (const std::string& msg : IsDns1123Subdomain(meta.name)) {
      Invalid(errs, Child(path, "name"), GoQuote(meta.name), msg);
    }
  }
  if (meta.namespace_.empty()) {
    Required(errs, Child(path, "namespace"), "");
  } else {
    for (const std::string& msg : IsDns1123Label(meta.namespace_)) {
      Invalid(errs, Child(path, "namespace"), GoQuote(meta.namespace_), msg);
    }
  }
  if (meta.generation < 0) {
    Invalid(errs, Child(path, "generation"), Int(meta.generation),
            "must be greater than or equal to 0");
  }
  const std::string labels_path = Child(path, "labels");
  for (const auto& [key, value] : meta.labels) {
    for (const std::string& msg : IsQualifiedName(key)) {
      Invalid(errs, labels_path, GoQuote(key), msg);
    }
    for (const std::string& msg : IsLabelValue(value)) {
      Invalid(errs, labels_path, GoQuote(value), msg);
    }
  }
  const std::string annotations_path = Child(path, "annotations");
  size_t annotations_size = 0;
  for (const auto& [key, value] : meta.annotations) {
    // Annotation keys are qualified names in any letter case.
    std::string lower = key;
    for (char& c : lower) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    for (const std::string& msg : IsQualifiedName(lower)) {
      Invalid(errs, annotations_path, GoQuote(key), msg);
    }
    annotations_size += key.size() + value.size();
  }
  if (annotations_size > kTotalAnnotationSizeLimitBytes) {
    TooLong(errs, annotations_path, static_cast<int>(kTotalAnnotationSizeLimitBytes));
  }
}

// ---------------------------------------------------------------------------
// The HPA spec.

const std::vector<std::string>& ValidMetricSourceTypes() {
  static const std::vector<std::string>* const kTypes = new std::vector<std::string>{
      kContainerResourceMetricSourceType, kExternalMetricSourceType, kObjectMetricSourceType,
      kPodsMetricSourceType, kResourceMetricSourceType};
  return *kTypes;
}

const std::vector<std::string>& ValidSelectPolicies() {
  static const std::vector<std::string>* const kPolicies = new std::vector<std::string>{
      kDisabledPolicySelect, kMaxChangePolicySelect, kMinChangePolicySelect};
  return *kPolicies;
}

const std::vector<std::string>& ValidPolicyTypes() {
  static const std::vector<std::string>* const kTypes =
      new std::vector<std::string>{kPercentScalingPolicy, kPodsScalingPolicy};
  return *kTypes;
}

// How strictly a reference's apiVersion is checked (upstream
// CrossVersionObjectReferenceValidationOptions). On create the scale target
// must name an API group unless it is a ReplicationController (the one
// scalable kind of the core group), and described objects of Object metrics
// may use the core group.
struct ReferenceOptions {
  bool allow_empty_api_group = false;
  bool allow_invalid_api_version = false;
};

// schema.ParseGroupVersion's one failure: more than one '/'.
std::optional<std::string> ApiVersionError(const std::string& api_version,
                                           const ReferenceOptions& options) {
  if (options.allow_invalid_api_version) return std::nullopt;
  std::string group;
  if (!api_version.empty() && api_version != "/") {
    const size_t slash = api_version.find('/');
    if (slash != std::string::npos) {
      if (api_version.find('/', slash + 1) != std::string::npos) {
        return "unexpected GroupVersion string: " + api_version;
      }
      group = api_version.substr(0, slash);
    }
  }
  if (!options.allow_empty_api_group && group.empty()) return "apiVersion must specify API group";
  return std::nullopt;
}

void ValidateCrossVersionObjectReference(const CrossVersionObjectReference& ref,
                                         const std::string& path, const ReferenceOptions& options,
                                         ErrorList* errs) {
  if (ref.kind.empty()) {
    Required(errs, Child(path, "kind"), "");
  } else {
    for (const std::string& msg : IsValidPathSegmentName(ref.kind)) {
      Invalid(errs, Child(path, "kind"), GoQuote(ref.kind), msg);
    }
  }
  if (ref.name.empty()) {
    Required(errs, Child(path, "name"), "");
  } else {
    for (const std::string& msg : IsValidPathSegmentName(ref.name)) {
      Invalid(errs, Child(path, "name"), GoQuote(ref.name), msg);
    }
  }
  if (std::optional<std::string> msg = ApiVersionError(ref.api_version, options)) {
    Invalid(errs, Child(path, "apiVersion"), GoQuote(ref.api_version), *msg);
  }
}

void ValidateMetricIdentifier(const MetricIdentifier& id, const std::string& path,
                              ErrorList* errs) {
  if (id.name.empty()) {
    Required(errs, Child(path, "name"), "must specify a metric name");
    return;
  }
  for (const std::string& msg : IsValidPathSegmentName(id.name)) {
    Invalid(errs, Child(path, "name"), GoQuote(id.name), msg);
  }
}

void ValidateMetricTarget(const MetricTarget& target, const std::string& path, ErrorList* errs) {
  if (target.type.empty()) {
    Required(errs, Child(path, "type"), "must specify a metric target type");
  }
  if (target.type != kUtilizationMetricType && target.type != kValueMetricType &&
      target.type != kAverageValueMetricType) {
    Invalid(errs, Child(path, "type"), GoQuote(target.type),
            "must be either Utilization, Value, or AverageValue");
  }
  if (target.value.has_value() && target.value->Sign() != 1) {
    Invalid(errs, Child(path, "value"), target.value->ToString(), "must be positive");
  }
  if (target.average_value.has_value() && target.average_value->Sign() != 1) {
    Invalid(errs, Child(path, "averageValue"), target.average_value->ToString(),
            "must be positive");
  }
  if (target.average_utilization.has_value() && *target.average_utilization < 1) {
    Invalid(errs, Child(path, "averageUtilization"), Int(*target.average_utilization),
            "must be greater than 0");
  }
}

void ValidateObjectSource(const ObjectMetricSource& src, const std::string& path, ErrorList* errs) {
  ReferenceOptions options;
  options.allow_empty_api_group = true;
  ValidateCrossVersionObjectReference(src.described_object, Child(path, "describedObject"), options,
                                      errs);
  ValidateMetricIdentifier(src.metric, Child(path, "metric"), errs);
  const std::string target_path = Child(path, "target");
  ValidateMetricTarget(src.target, target_path, errs);
  if (!src.target.value.has_value() && !src.target.average_value.has_value()) {
    Required(errs, Child(target_path, "averageValue"),
             "must set either a target value or averageValue");
  }
}

void ValidateExternalSource(const ExternalMetricSource& src, const std::string& path,
                            ErrorList* errs) {
  ValidateMetricIdentifier(src.metric, Child(path, "metric"), errs);
  const std::string target_path = Child(path, "target");
  ValidateMetricTarget(src.target, target_path, errs);
  if (!src.target.value.has_value() && !src.target.average_value.has_value()) {
    Required(errs, Child(target_path, "averageValue"),
             "must set either a target value for metric or a per-pod target");
  }
  if (src.target.value.has_value() && src.target.average_value.has_value()) {
    Forbidden(errs, Child(target_path, "value"),
              "may not set both a target value for metric and a per-pod target");
  }
}

void ValidatePodsSource(const PodsMetricSource& src, const std::string& path, ErrorList* errs) {
  ValidateMetricIdentifier(src.metric, Child(path, "metric"), errs);
  const std::string target_path = Child(path, "target");
  ValidateMetricTarget(src.target, target_path, errs);
  if (!src.target.average_value.has_value()) {
    Required(errs, Child(target_path, "averageValue"),
             "must specify a positive target averageValue");
  }
}

// Shared tail of Resource and ContainerResource: exactly one of a raw
// average value and a utilization.
void ValidateResourceTarget(const MetricTarget& target, const std::string& target_path,
                            ErrorList* errs) {
  ValidateMetricTarget(target, target_path, errs);
  if (!target.average_utilization.has_value() && !target.average_value.has_value()) {
    Required(errs, Child(target_path, "averageUtilization"),
             "must set either a target raw value or a target utilization");
  }
  if (target.average_utilization.has_value() && target.average_value.has_value()) {
    Forbidden(errs, Child(target_path, "averageValue"),
              "may not set both a target raw value and a target utilization");
  }
}

void ValidateResourceSource(const ResourceMetricSource& src, const std::string& path,
                            ErrorList* errs) {
  // Unlike ContainerResource, upstream checks only that a name is given.
  if (src.name.empty()) Required(errs, Child(path, "name"), "must specify a resource name");
  ValidateResourceTarget(src.target, Child(path, "target"), errs);
}

void ValidateContainerResourceSource(const ContainerResourceMetricSource& src,
                                     const std::string& path, ErrorList* errs) {
  if (src.name.empty()) {
    Required(errs, Child(path, "name"), "must specify a resource name");
  } else {
    ValidateContainerResourceName(src.name, Child(path, "name"), errs);
  }
  if (src.container.empty()) {
    Required(errs, Child(path, "container"), "must specify a container");
  } else {
    for (const std::string& msg : IsDns1123Label(src.container)) {
      Invalid(errs, Child(path, "container"), GoQuote(src.container), msg);
    }
  }
  ValidateResourceTarget(src.target, Child(path, "target"), errs);
}

void ValidateMetricSpec(const MetricSpec& spec, const std::string& path, ErrorList* errs) {
  const std::string type_path = Child(path, "type");
  if (spec.type.empty()) Required(errs, type_path, "must specify a metric source type");
  if (!Contains(ValidMetricSourceTypes(), spec.type)) {
    NotSupported(errs, type_path, GoQuote(spec.type), ValidMetricSourceTypes());
  }

  // Only the first source present is validated in depth; any others are
  // reported below as forbidden, whatever they contain.
  std::vector<std::string> present;
  if (spec.object.has_value()) {
    present.push_back("object");
    if (present.size() == 1) ValidateObjectSource(*spec.object, Child(path, "object"), errs);
  }
  if (spec.external.has_value()) {
    present.push_back("external");
    if (present.size() == 1) ValidateExternalSource(*spec.external, Child(path, "external"), errs);
  }
  if (spec.pods.has_value()) {
    present.push_back("pods");
    if (present.size() == 1) ValidatePodsSource(*spec.pods, Child(path, "pods"), errs);
  }
  if (spec.resource.has_value()) {
    present.push_back("resource");
    if (present.size() == 1) ValidateResourceSource(*spec.resource, Child(path, "resource"), errs);
  }
  if (spec.container_resource.has_value()) {
    present.push_back("containerResource");
    if (present.size() == 1) {
      ValidateContainerResourceSource(*spec.container_resource, Child(path, "containerResource"),
                                      errs);
    }
  }

  constexpr char kMissingSource[] = "must populate information for the given metric source";
  std::string expected;
  bool expected_present = false;
  if (spec.type == kObjectMetricSourceType) {
    expected = "object";
    expected_present = spec.object.has_value();
  } else if (spec.type == kPodsMetricSourceType) {
    expected = "pods";
    expected_present = spec.pods.has_value();
  } else if (spec.type == kResourceMetricSourceType) {
    expected = "resource";
    expected_present = spec.resource.has_value();
  } else if (spec.type == kExternalMetricSourceType) {
    expected = "external";
    expected_present = spec.external.has_value();
  } else if (spec.type == kContainerResourceMetricSourceType) {
    expected = "containerResource";
    expected_present = spec.container_resource.has_value();
  } else {
    // Upstream reports an unknown type a second time here; the duplicate is
    // kept so the error list matches the server's (the aggregated message
    // shows it once).
    NotSupported(errs, type_path, GoQuote(spec.type), ValidMetricSourceTypes());
  }
  if (!expected.empty() && !expected_present) {
    Required(errs, Child(path, expected), kMissingSource);
  }

  // A single source of the wrong kind is only reported as missing the right
  // one, as upstream does; extra sources are forbidden once there are two or
  // more (or none).
  if (present.size() != 1) {
    for (const std::string& field : present) {
      if (field != expected) {
        Forbidden(errs, Child(path, field), "must populate the given metric source only");
      }
    }
  }
}

void ValidateMetrics(const std::vector<MetricSpec>& metrics, const std::optional<int32_t>& min,
                     ErrorList* errs) {
  const std::string path = "spec.metrics";
  bool has_object_or_external = false;
  for (size_t i = 0; i < metrics.size(); ++i) {
    ValidateMetricSpec(metrics[i], Index(path, i), errs);
    if (metrics[i].type == kObjectMetricSourceType ||
        metrics[i].type == kExternalMetricSourceType) {
      has_object_or_external = true;
    }
  }
  // Pod-based metrics cannot be measured with no pods, so scaling to zero
  // needs a metric that exists without them.
  if (min.has_value() && *min == 0 && !has_object_or_external) {
    Forbidden(errs, path,
              "must specify at least one Object or External metric to support scaling to zero "
              "replicas");
  }
}

void ValidateScalingPolicy(const HPAScalingPolicy& policy, const std::string& path,
                           ErrorList* errs) {
  if (policy.type != kPodsScalingPolicy && policy.type != kPercentScalingPolicy) {
    NotSupported(errs, Child(path, "type"), GoQuote(policy.type), ValidPolicyTypes());
  }
  if (policy.value <= 0) {
    Invalid(errs, Child(path, "value"), Int(policy.value), "must be greater than zero");
  }
  if (policy.period_seconds <= 0) {
    Invalid(errs, Child(path, "periodSeconds"), Int(policy.period_seconds),
            "must be greater than zero");
  }
  if (policy.period_seconds > kMaxPeriodSeconds) {
    Invalid(errs, Child(path, "periodSeconds"), Int(policy.period_seconds),
            "must be less than or equal to " + std::to_string(kMaxPeriodSeconds));
  }
}

void ValidateScalingRules(const std::optional<HPAScalingRules>& rules, const std::string& path,
                          const ValidationOptions& options, ErrorList* errs) {
  if (!rules.has_value()) return;
  if (rules->stabilization_window_seconds.has_value()) {
    const int32_t window = *rules->stabilization_window_seconds;
    const std::string window_path = Child(path, "stabilizationWindowSeconds");
    if (window < 0) {
      Invalid(errs, window_path, Int(window), "must be greater than or equal to zero");
    }
    if (window > kMaxStabilizationWindowSeconds) {
      Invalid(errs, window_path, Int(window),
              "must be less than or equal to " + std::to_string(kMaxStabilizationWindowSeconds));
    }
  }
  if (rules->select_policy.has_value() && !Contains(ValidSelectPolicies(), *rules->select_policy)) {
    NotSupported(errs, Child(path, "selectPolicy"), GoQuote(*rules->select_policy),
                 ValidSelectPolicies());
  }
  const std::string policies_path = Child(path, "policies");
  if (!rules->policies.has_value() || rules->policies->empty()) {
    Required(errs, policies_path, "must specify at least one Policy");
  } else {
    for (size_t i = 0; i < rules->policies->size(); ++i) {
      ValidateScalingPolicy((*rules->policies)[i], Index(policies_path, i), errs);
    }
  }
  // With the gate off the server has already dropped the field.
  if (options.configurable_tolerance && rules->tolerance.has_value() &&
      rules->tolerance->Sign() < 0) {
    Invalid(errs, Child(path, "tolerance"), rules->tolerance->ToString(),
            "must be greater or equal to zero");
  }
}

void ValidateSpec(const HorizontalPodAutoscalerSpec& spec, const ValidationOptions& options,
                  ErrorList* errs) {
  const std::string path = "spec";
  const int32_t min_replicas_lower_bound = options.scale_to_zero ? 0 : 1;
  if (spec.min_replicas.has_value() && *spec.min_replicas < min_replicas_lower_bound) {
    Invalid(errs, Child(path, "minReplicas"), Int(*spec.min_replicas),
            "must be greater than or equal to " + std::to_string(min_replicas_lower_bound));
  }
  if (spec.max_replicas < 1) {
    Invalid(errs, Child(path, "maxReplicas"), Int(spec.max_replicas), "must be greater than 0");
  }
  if (spec.min_replicas.has_value() && spec.max_replicas < *spec.min_replicas) {
    Invalid(errs, Child(path, "maxReplicas"), Int(spec.max_replicas),
            "must be greater than or equal to `minReplicas`");
  }

  ReferenceOptions target_options;
  target_options.allow_empty_api_group = spec.scale_target_ref.kind == "ReplicationController";
  ValidateCrossVersionObjectReference(spec.scale_target_ref, Child(path, "scaleTargetRef"),
                                      target_options, errs);
  ValidateMetrics(spec.metrics, spec.min_replicas, errs);

  if (spec.behavior.has_value()) {
    const std::string behavior_path = Child(path, "behavior");
    ValidateScalingRules(spec.behavior->scale_up, Child(behavior_path, "scaleUp"), options, errs);
    ValidateScalingRules(spec.behavior->scale_down, Child(behavior_path, "scaleDown"), options,
                         errs);
  }

  if (options.configurable_sync_period && spec.sync_period_seconds.has_value()) {
    const int32_t period = *spec.sync_period_seconds;
    const std::string period_path = Child(path, "syncPeriodSeconds");
    if (period < kMinSyncPeriodSeconds) {
      Invalid(errs, period_path, Int(period),
              "must be greater than or equal to " + std::to_string(kMinSyncPeriodSeconds));
    }
    if (period > kMaxSyncPeriodSeconds) {
      Invalid(errs, period_path, Int(period),
              "must be less than or equal to " + std::to_string(kMaxSyncPeriodSeconds));
    }
  }
}

}  // namespace

std::string FieldError::ToString() const {
  std::string out = field + ": " + type;
  // Upstream omits the value for these types; for the others it is always
  // printed, even when empty.
  const bool prints_value =
      type != kFieldValueRequired && type != kFieldValueForbidden && type != kFieldValueTooLong;
  if (prints_value) out += ": " + value;
  if (!detail.empty()) out += ": " + detail;
  return out;
}

std::string FieldError::Reason() const {
  if (type == kFieldValueRequired) return "FieldValueRequired";
  if (type == kFieldValueInvalid) return "FieldValueInvalid";
  if (type == kFieldValueNotSupported) return "FieldValueNotSupported";
  if (type == kFieldValueForbidden) return "FieldValueForbidden";
  if (type == kFieldValueTooLong) return "FieldValueTooLong";
  return "FieldValueInvalid";
}

std::vector<FieldError> ValidateHorizontalPodAutoscaler(const HorizontalPodAutoscaler& hpa,
                                                        const ValidationOptions& options) {
  ErrorList errs;
  ValidateObjectMeta(hpa.metadata, &errs);
  ValidateSpec(hpa.spec, options, &errs);
  return errs;
}

void DropDisabledFields(HorizontalPodAutoscaler* hpa, const ValidationOptions& options) {
  if (hpa == nullptr) return;
  if (!options.configurable_tolerance && hpa->spec.behavior.has_value()) {
    if (hpa->spec.behavior->scale_up.has_value()) hpa->spec.behavior->scale_up->tolerance.reset();
    if (hpa->spec.behavior->scale_down.has_value()) {
      hpa->spec.behavior->scale_down->tolerance.reset();
    }
  }
  if (!options.configurable_sync_period) hpa->spec.sync_period_seconds.reset();
}

absl::Status ToStatus(const std::vector<FieldError>& errors) {
  if (errors.empty()) return absl::OkStatus();
  std::set<std::string> seen;
  std::string message;
  for (const FieldError& error : errors) {
    std::string line = error.ToString();
    if (!seen.insert(line).second) continue;
    if (!message.empty()) message += "; ";
    message += line;
  }
  return absl::InvalidArgumentError(message);
}

}  // namespace horizon::kube
