// Throughput of Quantity parsing, MilliValue and canonical printing on the
// kind of values an HPA sees in pod requests and metric readings.
#include <cstddef>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "kube/quantity.h"

namespace horizon::kube {
namespace {

const std::vector<std::string>& TypicalQuantities() {
  static const auto* const kMix =
      new std::vector<std::string>{"500m", "1Gi", "250Mi", "2", "1.5", "100k", "3e2"};
  return *kMix;
}

std::vector<Quantity> ParsedMix() {
  std::vector<Quantity> parsed;
  for (const std::string& s : TypicalQuantities()) parsed.push_back(*Quantity::Parse(s));
  return parsed;
}

// One quantity per iteration, cycling through the mix, so the reported time
// is per operation.
void BM_Parse(benchmark::State& state) {
  const std::vector<std::string>& mix = TypicalQuantities();
  size_t i = 0;
  for (auto _ : state) {
    auto q = Quantity::Parse(mix[i]);
    benchmark::DoNotOptimize(q);
    if (++i == mix.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Parse);

void BM_MilliValue(benchmark::State& state) {
  const std::vector<Quantity> mix = ParsedMix();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(mix[i].MilliValue());
    if (++i == mix.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MilliValue);

void BM_ToString(benchmark::State& state) {
  const std::vector<Quantity> mix = ParsedMix();
  size_t i = 0;
  for (auto _ : state) {
    std::string s = mix[i].ToString();
    benchmark::DoNotOptimize(s);
    if (++i == mix.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ToString);

// Parse, read the value and print: what decoding and re-encoding an object
// costs per quantity.
void BM_ParseMilliValueToString(benchmark::State& state) {
  const std::vector<std::string>& mix = TypicalQuantities();
  size_t i = 0;
  for (auto _ : state) {
    auto q = Quantity::Parse(mix[i]);
    benchmark::DoNotOptimize(q->MilliValue());
    std::string s = q->ToString();
    benchmark::DoNotOptimize(s);
    if (++i == mix.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseMilliValueToString);

}  // namespace
}  // namespace horizon::kube
