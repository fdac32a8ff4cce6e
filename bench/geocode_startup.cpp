// Cold-start benchmark for `sidetrip geocode Makati`: each run is a new process, so every
// run pays for loading the program, its libraries and mapping the gazetteer index.
//
// Reports medians of N runs of:
//   geocode   `sidetrip geocode Makati` (the figure the issue asks for: <= 50 ms)
//   floor     `sidetrip --version`      (process start alone, the baseline in the same run)
//   naive     reading and splitting data/gazetteer.tsv.gz in-process, the way a program
//             without a compiled index would have to on every start
// and the ratios geocode/floor and naive/geocode.
//
// usage: bench_geocode_startup [--runs N] [--exe PATH] [--json]
#include "process_timing.hpp"

#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

using namespace sidetrip;

using Clock = std::chrono::steady_clock;

double naive_parse_ms() {
    const auto start = Clock::now();
    gzFile file = gzopen(SIDETRIP_DATA_SOURCE "/gazetteer.tsv.gz", "rb");
    if (file == nullptr) {
        std::fprintf(stderr, "cannot open gazetteer.tsv.gz\n");
        std::exit(1);
    }
    std::string content;
    char buffer[1 << 16];
    int n = 0;
    while ((n = gzread(file, buffer, sizeof buffer)) > 0) {
        content.append(buffer, static_cast<std::size_t>(n));
    }
    gzclose(file);
    // Split into rows and fields, as any loader must before it can answer a query.
    std::vector<std::string> names;
    std::size_t pos = 0;
    while (pos < content.size()) {
        auto end = content.find('\n', pos);
        if (end == std::string::npos) {
            end = content.size();
        }
        const auto tab1 = content.find('\t', pos);
        const auto tab2 = content.find('\t', tab1 + 1);
        if (tab1 < end && tab2 < end) {
            names.emplace_back(content, tab1 + 1, tab2 - tab1 - 1);
        }
        pos = end + 1;
    }
    const auto stop = Clock::now();
    if (names.size() < 1000) {
        std::fprintf(stderr, "gazetteer.tsv.gz looks truncated\n");
        std::exit(1);
    }
    return std::chrono::duration<double, std::milli>(stop - start).count();
}

} // namespace

int main(int argc, char** argv) {
    int runs = 31;
    std::string exe = SIDETRIP_EXE;
    bool json = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--runs") == 0 && i + 1 < argc) {
            runs = std::max(1, std::atoi(argv[++i]));
        } else if (std::strcmp(argv[i], "--exe") == 0 && i + 1 < argc) {
            exe = argv[++i];
        } else if (std::strcmp(argv[i], "--json") == 0) {
            json = true;
        } else {
            std::fprintf(stderr, "usage: bench_geocode_startup [--runs N] [--exe PATH] [--json]\n");
            return 2;
        }
    }
    // Warm the page cache once: "cold" here means a new process, not an empty disk cache.
    bench::run_process_ms({exe, "geocode", "Makati"});
    std::vector<double> geocode, floor, naive;
    for (int i = 0; i < runs; ++i) {
        // Interleaved so that machine noise hits both series alike.
        floor.push_back(bench::run_process_ms({exe, "--version"}));
        geocode.push_back(bench::run_process_ms({exe, "geocode", "Makati"}));
    }
    for (int i = 0; i < std::max(3, runs / 6); ++i) {
        naive.push_back(naive_parse_ms());
    }
    const double g = bench::median(geocode), f = bench::median(floor), n = bench::median(naive);
    if (json) {
        std::printf("{\"runs\": %d, \"geocode_ms\": %.2f, \"floor_ms\": %.2f, \"naive_parse_ms\": %.1f, "
                    "\"geocode_over_floor\": %.2f, \"naive_over_geocode\": %.1f}\n",
                    runs, g, f, n, g / f, n / g);
    } else {
        std::printf("runs: %d (medians)\n", runs);
        std::printf("sidetrip geocode Makati   %8.2f ms   (target <= 50 ms)\n", g);
        std::printf("sidetrip --version        %8.2f ms   (process start floor)\n", f);
        std::printf("naive TSV load            %8.1f ms   (in-process, no compiled index)\n", n);
        std::printf("geocode / floor           %8.2f x\n", g / f);
        std::printf("naive load / geocode      %8.1f x\n", n / g);
    }
    return g <= 50.0 ? 0 : 1;
}
