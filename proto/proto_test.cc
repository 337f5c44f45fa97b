// Checks that the v1 APIs generate, encode and serve as designed: every
// message type survives a binary round trip, the services expose the methods
// (and streaming shapes) the API promises, and generated stubs talk to
// in-process servers built on both the synchronous and the callback API.
#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/message.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "proto/aggregator.grpc.pb.h"
#include "proto/aggregator.pb.h"
#include "proto/metrics.pb.h"
#include "proto/recommendation.grpc.pb.h"
#include "proto/recommendation.pb.h"

namespace horizon::v1 {
namespace {

using ::google::protobuf::DescriptorPool;
using ::google::protobuf::Message;
using ::google::protobuf::MessageFactory;
using ::google::protobuf::TextFormat;
using ::google::protobuf::util::MessageDifferencer;
using ::testing::ElementsAre;

constexpr int kCallTimeoutSeconds = 10;

void SetDeadline(grpc::ClientContext& context) {
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(kCallTimeoutSeconds));
}

// ---- Encoding --------------------------------------------------------------

struct RoundTripCase {
  std::string name;
  std::string type;        // full message name
  std::string text_proto;  // the message in text format
};

TEST(ProtoRoundTripTest, EveryFileEncodesAndDecodes) {
  const std::vector<RoundTripCase> cases = {
      {"metrics: sample batch with every series kind", "horizon.v1.SampleBatch",
       R"pb(
         collector: "collector-0"
         samples {
           series {
             kind: SERIES_KIND_CONTAINER_CPU
             namespace: "shop"
             pod: "web-0"
             container: "app"
           }
           value: 0.25
           timestamp_ms: 1767268800000
           window_ms: 30000
         }
         samples {
           series {
             kind: SERIES_KIND_POD
             namespace: "shop"
             pod: "web-0"
             metric_name: "http_requests_per_second"
             labels { key: "path" value: "/cart" }
           }
           value: 12.5
           timestamp_ms: 1767268800000
         }
         samples {
           series {
             kind: SERIES_KIND_OBJECT
             namespace: "shop"
             metric_name: "requests_per_second"
             described_object { api_version: "networking.k8s.io/v1" kind: "Ingress" name: "main" }
           }
           value: 2000
           timestamp_ms: 1767268800000
         }
         samples {
           series {
             kind: SERIES_KIND_EXTERNAL
             metric_name: "queue_depth"
             labels { key: "queue" value: "orders" }
           }
           value: 30
           timestamp_ms: 1767268800000
         }
         pod_labels {
           namespace: "shop"
           pod: "web-0"
           labels { key: "app" value: "web" }
         }
       )pb"},
      {"metrics: pod resource usage", "horizon.v1.PodResourceMetrics",
       R"pb(
         namespace: "shop"
         name: "web-0"
         labels { key: "app" value: "web" }
         timestamp { seconds: 1767268790 }
         window { seconds: 30 }
         containers { name: "app" cpu_milli: 400 memory_bytes: 104857600 }
         containers { name: "sidecar" cpu_milli: 5 memory_bytes: 1048576 }
       )pb"},
      {"metrics: object value", "horizon.v1.ObjectMetricValue",
       R"pb(
         namespace: "shop"
         described_object { api_version: "v1" kind: "Service" name: "web" }
         metric_name: "rps"
         value_milli: -1500
         timestamp { seconds: 1767268790 nanos: 500000000 }
       )pb"},
      {"metrics: external series", "horizon.v1.ExternalMetricValue",
       R"pb(
         metric_name: "queue_depth"
         labels { key: "queue" value: "orders" }
         value_milli: 30000
         window { seconds: 60 }
       )pb"},
      {"aggregator: push totals", "horizon.v1.PushResponse",
       R"pb(
         accepted_samples: 1000
         rejected_samples: 2
         rejection_reasons: "sample 3: SERIES_KIND_CONTAINER_CPU needs a container"
       )pb"},
      {"aggregator: pod custom metric query", "horizon.v1.GetPodCustomMetricRequest",
       R"pb(
         namespace: "shop"
         label_selector: "app=web"
         metric_name: "http_requests_per_second"
         metric_selector: "path in (/cart,/pay)"
       )pb"},
      {"aggregator: update notification", "horizon.v1.MetricsUpdate",
       R"pb(
         time { seconds: 1767268800 }
         namespaces { namespace: "shop" pods: "web-0" pods: "web-1" }
         namespaces { namespace: "" object_or_external: true }
       )pb"},
      {"recommendation: full decision", "horizon.v1.Recommendation",
       R"pb(
         namespace: "shop"
         name: "web"
         target { api_version: "apps/v1" kind: "Deployment" name: "web" }
         decided_at { seconds: 1767268800 }
         current_replicas: 3
         desired_replicas: 5
         recommendation: 5
         min_replicas: 1
         max_replicas: 10
         metrics {
           type: "Resource"
           name: "cpu"
           target_type: "Utilization"
           target { average_utilization: 50 }
           current { average_utilization: 80 average_value_milli: 400 }
           usage_ratio: 1.6
           proposed_replicas: 5
           pod_groups { ready_count: 3 missing: "web-3" }
           pod_requests_milli { key: "web-0" value: 500 }
         }
         stages {
           stage: "limits"
           from_replicas: 5
           to_replicas: 5
           reason: "DesiredWithinRange"
           text: "within [1, 10]"
         }
         conditions {
           type: "AbleToScale"
           status: "True"
           reason: "SucceededRescale"
           message: "the HPA controller was able to update the target scale to 5"
         }
         events { type: "Normal" reason: "SuccessfulRescale" message: "New size: 5" }
         scale_write { attempted: true replicas: 5 succeeded: true conflicts: 1 }
         status_updated: true
         requeue_after { seconds: 15 }
         freshness {
           fetched_at { seconds: 1767268799 }
           oldest_metric { seconds: 1767268790 }
           newest_metric { seconds: 1767268795 }
           max_metric_age { seconds: 10 }
         }
         observed_generation: 4
       )pb"},
      {"recommendation: watch event", "horizon.v1.RecommendationEvent",
       R"pb(
         type: TYPE_REMOVED
         recommendation { namespace: "shop" name: "web" }
       )pb"},
      {"recommendation: evaluate answer", "horizon.v1.EvaluateResponse",
       R"pb(
         results {
           name: "cpu-utilization-scale-up"
           result_json: "{\"desiredReplicas\":5}"
           recommendation { desired_replicas: 5 recommendation: 5 }
           check_failures { key: "desiredReplicas" wanted_json: "4" got_json: "5" }
         }
         passed: 0
         failed: 1
       )pb"},
      {"recommendation: scenario answer", "horizon.v1.GetScenarioResponse",
       R"pb(
         scenario_json: "{\"name\":\"web\"}"
         decided_at { seconds: 1767268800 }
       )pb"},
  };
  for (const RoundTripCase& c : cases) {
    SCOPED_TRACE(c.name);
    const auto* descriptor = DescriptorPool::generated_pool()->FindMessageTypeByName(c.type);
    ASSERT_NE(descriptor, nullptr) << c.type;
    const Message* prototype = MessageFactory::generated_factory()->GetPrototype(descriptor);
    std::unique_ptr<Message> original(prototype->New());
    ASSERT_TRUE(TextFormat::ParseFromString(c.text_proto, original.get()));

    std::string wire;
    ASSERT_TRUE(original->SerializeToString(&wire));
    EXPECT_FALSE(wire.empty());
    std::unique_ptr<Message> decoded(prototype->New());
    ASSERT_TRUE(decoded->ParseFromString(wire));
    EXPECT_TRUE(MessageDifferencer::Equals(*original, *decoded))
        << "sent:\n"
        << original->DebugString() << "got:\n"
        << decoded->DebugString();
  }
}

TEST(ProtoRoundTripTest, GeneratedAccessorsBuildMessages) {
  SampleBatch batch;
  Sample* sample = batch.add_samples();
  sample->mutable_series()->set_kind(SERIES_KIND_CONTAINER_MEMORY);
  sample->mutable_series()->set_namespace_("shop");
  sample->mutable_series()->set_pod("web-0");
  sample->mutable_series()->set_container("app");
  (*sample->mutable_series()->mutable_labels())["image"] = "web:1";
  sample->set_value(1.5e9);
  sample->set_timestamp_ms(1767268800123);

  SampleBatch decoded;
  ASSERT_TRUE(decoded.ParseFromString(batch.SerializeAsString()));
  ASSERT_EQ(decoded.samples_size(), 1);
  EXPECT_EQ(decoded.samples(0).series().kind(), SERIES_KIND_CONTAINER_MEMORY);
  EXPECT_EQ(decoded.samples(0).series().namespace_(), "shop");
  EXPECT_EQ(decoded.samples(0).series().labels().at("image"), "web:1");
  EXPECT_EQ(decoded.samples(0).value(), 1.5e9);
  EXPECT_EQ(decoded.samples(0).timestamp_ms(), 1767268800123);
}

struct PresenceCase {
  std::string name;
  std::string text_proto;
  bool has_value;
  bool has_average_value;
  bool has_average_utilization;
};

// MetricValues mirrors API fields where "absent" and "zero" differ (a 0 %
// utilization is a real reading), so presence must survive the wire.
TEST(ProtoRoundTripTest, OptionalMetricValuesKeepPresence) {
  const std::vector<PresenceCase> cases = {
      {"nothing set", "", false, false, false},
      {"zero utilization is present", "average_utilization: 0", false, false, true},
      {"zero value is present", "value_milli: 0", true, false, false},
      {"average value only", "average_value_milli: 250", false, true, false},
  };
  for (const PresenceCase& c : cases) {
    SCOPED_TRACE(c.name);
    MetricValues original;
    ASSERT_TRUE(TextFormat::ParseFromString(c.text_proto, &original));
    MetricValues decoded;
    ASSERT_TRUE(decoded.ParseFromString(original.SerializeAsString()));
    EXPECT_EQ(decoded.has_value_milli(), c.has_value);
    EXPECT_EQ(decoded.has_average_value_milli(), c.has_average_value);
    EXPECT_EQ(decoded.has_average_utilization(), c.has_average_utilization);
  }
}

// ---- Service shapes --------------------------------------------------------

struct MethodCase {
  std::string service;
  std::string method;
  std::string input;
  std::string output;
  bool client_streaming;
  bool server_streaming;
};

TEST(ProtoServiceTest, DescriptorsNameEveryMethod) {
  EXPECT_STREQ(MetricsAggregator::service_full_name(), "horizon.v1.MetricsAggregator");
  EXPECT_STREQ(Recommendations::service_full_name(), "horizon.v1.Recommendations");

  const std::vector<MethodCase> cases = {
      {"MetricsAggregator", "Push", "SampleBatch", "PushResponse", true, false},
      {"MetricsAggregator", "GetPodResourceMetrics", "GetPodResourceMetricsRequest",
       "GetPodResourceMetricsResponse", false, false},
      {"MetricsAggregator", "GetPodCustomMetric", "GetPodCustomMetricRequest",
       "GetPodCustomMetricResponse", false, false},
      {"MetricsAggregator", "GetObjectMetric", "GetObjectMetricRequest", "GetObjectMetricResponse",
       false, false},
      {"MetricsAggregator", "GetExternalMetric", "GetExternalMetricRequest",
       "GetExternalMetricResponse", false, false},
      {"MetricsAggregator", "WatchUpdates", "WatchUpdatesRequest", "MetricsUpdate", false, true},
      {"Recommendations", "Get", "GetRecommendationRequest", "Recommendation", false, false},
      {"Recommendations", "List", "ListRecommendationsRequest", "ListRecommendationsResponse",
       false, false},
      {"Recommendations", "Watch", "WatchRecommendationsRequest", "RecommendationEvent", false,
       true},
      {"Recommendations", "Evaluate", "EvaluateRequest", "EvaluateResponse", false, false},
      {"Recommendations", "GetScenario", "GetScenarioRequest", "GetScenarioResponse", false, false},
  };
  for (const MethodCase& c : cases) {
    SCOPED_TRACE(c.service + "." + c.method);
    const auto* service =
        DescriptorPool::generated_pool()->FindServiceByName("horizon.v1." + c.service);
    ASSERT_NE(service, nullptr);
    const auto* method = service->FindMethodByName(c.method);
    ASSERT_NE(method, nullptr);
    EXPECT_EQ(method->input_type()->full_name(), "horizon.v1." + c.input);
    EXPECT_EQ(method->output_type()->full_name(), "horizon.v1." + c.output);
    EXPECT_EQ(method->client_streaming(), c.client_streaming);
    EXPECT_EQ(method->server_streaming(), c.server_streaming);
  }
  // No method exists beyond the ones listed.
  const DescriptorPool* pool = DescriptorPool::generated_pool();
  EXPECT_EQ(pool->FindServiceByName("horizon.v1.MetricsAggregator")->method_count(), 6);
  EXPECT_EQ(pool->FindServiceByName("horizon.v1.Recommendations")->method_count(), 5);
}

// ---- In-process servers ----------------------------------------------------

// A synchronous-API aggregator that counts what it is pushed and answers
// resource queries from a fixed pod list. The methods it leaves out answer
// UNIMPLEMENTED through the generated base class.
class CountingAggregator final : public MetricsAggregator::Service {
 public:
  grpc::Status Push(grpc::ServerContext*, grpc::ServerReader<SampleBatch>* reader,
                    PushResponse* response) override {
    SampleBatch batch;
    while (reader->Read(&batch)) {
      for (const Sample& sample : batch.samples()) {
        if (sample.series().kind() == SERIES_KIND_UNSPECIFIED) {
          response->set_rejected_samples(response->rejected_samples() + 1);
          response->add_rejection_reasons("series kind not set");
        } else {
          response->set_accepted_samples(response->accepted_samples() + 1);
        }
      }
    }
    return grpc::Status::OK;
  }

  grpc::Status GetPodResourceMetrics(grpc::ServerContext*,
                                     const GetPodResourceMetricsRequest* request,
                                     GetPodResourceMetricsResponse* response) override {
    if (request->namespace_() != "shop") return grpc::Status::OK;
    PodResourceMetrics* pod = response->add_pods();
    pod->set_namespace_("shop");
    pod->set_name("web-0");
    ContainerUsage* usage = pod->add_containers();
    usage->set_name("app");
    usage->set_cpu_milli(400);
    return grpc::Status::OK;
  }

  grpc::Status WatchUpdates(grpc::ServerContext*, const WatchUpdatesRequest* request,
                            grpc::ServerWriter<MetricsUpdate>* writer) override {
    for (const std::string& ns : request->namespaces()) {
      MetricsUpdate update;
      NamespaceUpdate* changed = update.add_namespaces();
      changed->set_namespace_(ns);
      changed->add_pods(ns + "-pod");
      if (!writer->Write(update)) break;
    }
    return grpc::Status::OK;
  }
};

Sample MakeSample(SeriesKind kind, double value) {
  Sample sample;
  sample.mutable_series()->set_kind(kind);
  sample.set_value(value);
  return sample;
}

TEST(ProtoServiceTest, AggregatorStubTalksToInProcessServer) {
  CountingAggregator service;
  grpc::ServerBuilder builder;
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  ASSERT_NE(server, nullptr);
  std::unique_ptr<MetricsAggregator::Stub> stub =
      MetricsAggregator::NewStub(server->InProcessChannel(grpc::ChannelArguments()));

  {  // Client streaming: two batches, one bad sample.
    grpc::ClientContext context;
    SetDeadline(context);
    PushResponse response;
    std::unique_ptr<grpc::ClientWriter<SampleBatch>> writer = stub->Push(&context, &response);
    SampleBatch first;
    *first.add_samples() = MakeSample(SERIES_KIND_CONTAINER_CPU, 0.5);
    *first.add_samples() = MakeSample(SERIES_KIND_UNSPECIFIED, 1);
    SampleBatch second;
    *second.add_samples() = MakeSample(SERIES_KIND_EXTERNAL, 3);
    ASSERT_TRUE(writer->Write(first));
    ASSERT_TRUE(writer->Write(second));
    ASSERT_TRUE(writer->WritesDone());
    const grpc::Status status = writer->Finish();
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(response.accepted_samples(), 2);
    EXPECT_EQ(response.rejected_samples(), 1);
    EXPECT_THAT(response.rejection_reasons(), ElementsAre("series kind not set"));
  }
  {  // Unary.
    grpc::ClientContext context;
    SetDeadline(context);
    GetPodResourceMetricsRequest request;
    request.set_namespace_("shop");
    request.set_label_selector("app=web");
    GetPodResourceMetricsResponse response;
    const grpc::Status status = stub->GetPodResourceMetrics(&context, request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    ASSERT_EQ(response.pods_size(), 1);
    EXPECT_EQ(response.pods(0).name(), "web-0");
    EXPECT_EQ(response.pods(0).containers(0).cpu_milli(), 400);
  }
  {  // Server streaming.
    grpc::ClientContext context;
    SetDeadline(context);
    WatchUpdatesRequest request;
    request.add_namespaces("shop");
    request.add_namespaces("blog");
    std::unique_ptr<grpc::ClientReader<MetricsUpdate>> reader =
        stub->WatchUpdates(&context, request);
    std::vector<std::string> seen;
    MetricsUpdate update;
    while (reader->Read(&update)) {
      ASSERT_EQ(update.namespaces_size(), 1);
      seen.push_back(update.namespaces(0).namespace_() + "/" + update.namespaces(0).pods(0));
    }
    const grpc::Status status = reader->Finish();
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_THAT(seen, ElementsAre("shop/shop-pod", "blog/blog-pod"));
  }
  {  // A method the service does not override.
    grpc::ClientContext context;
    SetDeadline(context);
    GetExternalMetricRequest request;
    request.set_namespace_("shop");
    request.set_metric_name("queue_depth");
    GetExternalMetricResponse response;
    const grpc::Status status = stub->GetExternalMetric(&context, request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNIMPLEMENTED);
  }
  server->Shutdown();
}

// Writes a fixed list of events, one at a time, then finishes.
class EventWriter final : public grpc::ServerWriteReactor<RecommendationEvent> {
 public:
  explicit EventWriter(std::vector<RecommendationEvent> events) : events_(std::move(events)) {
    WriteNext();
  }

  void OnWriteDone(bool ok) override {
    if (!ok) {
      Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE, "stream closed"));
      return;
    }
    ++next_;
    WriteNext();
  }

  void OnDone() override { delete this; }

 private:
  void WriteNext() {
    if (next_ == events_.size()) {
      Finish(grpc::Status::OK);
      return;
    }
    StartWrite(&events_[next_]);
  }

  std::vector<RecommendationEvent> events_;
  size_t next_ = 0;
};

// A callback-API recommendation service holding one decision, shaped like the
// production service (proto in, lookup, proto out).
class OneDecisionService final : public Recommendations::CallbackService {
 public:
  OneDecisionService() {
    decision_.set_namespace_("shop");
    decision_.set_name("web");
    decision_.set_current_replicas(3);
    decision_.set_desired_replicas(5);
    decision_.set_recommendation(5);
  }

  grpc::ServerUnaryReactor* Get(grpc::CallbackServerContext* context,
                                const GetRecommendationRequest* request,
                                Recommendation* response) override {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    if (request->namespace_() != decision_.namespace_() || request->name() != decision_.name()) {
      reactor->Finish(
          grpc::Status(grpc::StatusCode::NOT_FOUND,
                       "no decision for " + request->namespace_() + "/" + request->name()));
      return reactor;
    }
    *response = decision_;
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }

  grpc::ServerWriteReactor<RecommendationEvent>* Watch(
      grpc::CallbackServerContext*, const WatchRecommendationsRequest* request) override {
    std::vector<RecommendationEvent> events;
    if (!request->skip_initial()) {
      RecommendationEvent existing;
      existing.set_type(RecommendationEvent::TYPE_EXISTING);
      *existing.mutable_recommendation() = decision_;
      events.push_back(existing);
      RecommendationEvent done;
      done.set_type(RecommendationEvent::TYPE_SNAPSHOT_DONE);
      events.push_back(done);
    }
    RecommendationEvent removed;
    removed.set_type(RecommendationEvent::TYPE_REMOVED);
    removed.mutable_recommendation()->set_namespace_("shop");
    removed.mutable_recommendation()->set_name("web");
    events.push_back(removed);
    return new EventWriter(std::move(events));
  }

 private:
  Recommendation decision_;
};

struct GetCase {
  std::string name;
  std::string hpa_namespace;
  std::string hpa_name;
  grpc::StatusCode code;
};

struct WatchCase {
  std::string name;
  bool skip_initial;
  std::vector<RecommendationEvent::Type> want;
};

TEST(ProtoServiceTest, RecommendationsStubTalksToCallbackServer) {
  OneDecisionService service;
  grpc::ServerBuilder builder;
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  ASSERT_NE(server, nullptr);
  std::unique_ptr<Recommendations::Stub> stub =
      Recommendations::NewStub(server->InProcessChannel(grpc::ChannelArguments()));

  const std::vector<GetCase> get_cases = {
      {"known HPA", "shop", "web", grpc::StatusCode::OK},
      {"unknown name", "shop", "api", grpc::StatusCode::NOT_FOUND},
      {"other namespace", "blog", "web", grpc::StatusCode::NOT_FOUND},
  };
  for (const GetCase& c : get_cases) {
    SCOPED_TRACE(c.name);
    grpc::ClientContext context;
    SetDeadline(context);
    GetRecommendationRequest request;
    request.set_namespace_(c.hpa_namespace);
    request.set_name(c.hpa_name);
    Recommendation response;
    const grpc::Status status = stub->Get(&context, request, &response);
    ASSERT_EQ(status.error_code(), c.code) << status.error_message();
    if (status.ok()) {
      EXPECT_EQ(response.desired_replicas(), 5);
      EXPECT_EQ(response.current_replicas(), 3);
    } else {
      EXPECT_THAT(status.error_message(), ::testing::HasSubstr(c.hpa_namespace + "/" + c.hpa_name));
    }
  }

  const std::vector<WatchCase> watch_cases = {
      {"snapshot then changes",
       false,
       {RecommendationEvent::TYPE_EXISTING, RecommendationEvent::TYPE_SNAPSHOT_DONE,
        RecommendationEvent::TYPE_REMOVED}},
      {"changes only", true, {RecommendationEvent::TYPE_REMOVED}},
  };
  for (const WatchCase& c : watch_cases) {
    SCOPED_TRACE(c.name);
    grpc::ClientContext context;
    SetDeadline(context);
    WatchRecommendationsRequest request;
    request.set_skip_initial(c.skip_initial);
    std::unique_ptr<grpc::ClientReader<RecommendationEvent>> reader =
        stub->Watch(&context, request);
    std::vector<RecommendationEvent::Type> got;
    RecommendationEvent event;
    while (reader->Read(&event)) got.push_back(event.type());
    const grpc::Status status = reader->Finish();
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(got, c.want);
  }

  {  // A method the service does not override.
    grpc::ClientContext context;
    SetDeadline(context);
    EvaluateRequest request;
    request.set_scenario_json("{}");
    EvaluateResponse response;
    EXPECT_EQ(stub->Evaluate(&context, request, &response).error_code(),
              grpc::StatusCode::UNIMPLEMENTED);
  }
  server->Shutdown();
}

}  // namespace
}  // namespace horizon::v1
