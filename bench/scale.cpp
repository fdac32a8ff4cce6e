// Scale benchmark (issue 8): the real `sidetrip` program, each run a new process, on the data
// bench_generate writes (100,000 contacts in 2,000 cities, a two-year calendar of 20,000 events
// with 1,000 recurring series and 40 trips, 50,000 attendees). Reports the median wall time and
// the largest peak memory (max RSS) of N runs of each command, against issue 8's targets:
//
//   events  `sidetrip events --format json` over the two years        <= 1 s
//   match   50,000 attendees x 100,000 contacts, --format json         <= 2 s
//   plan    all 40 trips, --format json                                <= 5 s, <= 500 MB
//
// and checks what came out (trips found, occurrences, matches against attendees-truth.csv), so a
// fast wrong answer does not pass for a fast one. One unmeasured run first warms the page cache
// and keeps the output in DIR/out-*.json.
//
// usage: bench_scale [--data DIR] [--runs N] [--only events|match|plan] [--iterations N]
//                    [--time-limit S] [--contacts csv|vcf] [--exe PATH]
//   --data        where bench_generate's files are; generated there (seed 8) when missing
//   --exe         another sidetrip to time (an older build, to compare)
//   --iterations  the plan's optimizer iterations per trip (2000 in the golden tests: the same
//                 plan on any machine); --time-limit S a time limit per trip. With neither, the
//                 plan is measured twice: with sidetrip's defaults and with --iterations 2000
#include "process_timing.hpp"

#include <nlohmann/json.hpp>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace sidetrip;

namespace {

struct Measured {
    double median_ms = 0.0;
    double median_cpu_ms = 0.0;
    double min_ms = 0.0;
    double max_ms = 0.0;
    double peak_mb = 0.0;
};

Measured measure(const std::vector<std::string>& args, int runs, const std::string& output) {
    bench::run_process(args, output); // warm the page cache; keep this run's output
    std::vector<double> times, cpu;
    Measured m;
    for (int r = 0; r < runs; ++r) {
        const auto run = bench::run_process(args);
        times.push_back(run.ms);
        cpu.push_back(run.cpu_ms);
        m.peak_mb = std::max(m.peak_mb, run.peak_mb);
    }
    m.median_ms = bench::median(times);
    m.median_cpu_ms = bench::median(cpu);
    m.min_ms = *std::min_element(times.begin(), times.end());
    m.max_ms = *std::max_element(times.begin(), times.end());
    return m;
}

nlohmann::json read_json(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return nlohmann::json::parse(in);
}

std::string command_line(const std::vector<std::string>& args) {
    std::string out;
    for (const auto& a : args) {
        const bool quote = a.find_first_of(" ,") != std::string::npos;
        out += (out.empty() ? "" : " ") + (quote ? "\"" + a + "\"" : a);
    }
    return out;
}

void report(const char* what, const Measured& m, const char* target) {
    std::printf("%-8s median %7.3f s  (min %.3f, max %.3f; CPU %.3f s)  peak RSS %6.1f MB   target %s\n",
                what, m.median_ms / 1000.0, m.min_ms / 1000.0, m.max_ms / 1000.0, m.median_cpu_ms / 1000.0,
                m.peak_mb, target);
}

} // namespace

int main(int argc, char** argv) {
    std::string data = SIDETRIP_SCALE_DATA;
    int runs = 5;
    std::set<std::string> only;
    std::string iterations; // neither: the plan is measured with the defaults and with 2000
    std::string time_limit;
    std::string contacts_format = "csv";
    std::string exe = SIDETRIP_EXE;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--data") {
            data = argv[i + 1];
        } else if (flag == "--runs") {
            runs = std::max(1, std::atoi(argv[i + 1]));
        } else if (flag == "--only") {
            only.insert(argv[i + 1]);
        } else if (flag == "--iterations") {
            iterations = argv[i + 1];
        } else if (flag == "--time-limit") {
            time_limit = argv[i + 1];
        } else if (flag == "--contacts") {
            contacts_format = argv[i + 1];
        } else if (flag == "--exe") {
            exe = argv[i + 1];
        } else {
            std::fprintf(stderr, "unknown option %s\n", flag.c_str());
            return 2;
        }
    }
    const std::filesystem::path dir(data);
    if (!std::filesystem::exists(dir / "calendar.ics")) {
        std::printf("generating the data into %s\n", data.c_str());
        std::fflush(stdout);
        bench::run_process({BENCH_GENERATE_EXE, "--out", data}, "/dev/stderr");
    }
    const std::string calendar = (dir / "calendar.ics").string();
    const std::string contacts = (dir / ("contacts." + contacts_format)).string();
    const std::string attendees = (dir / "attendees.csv").string();
    const auto wanted = [&](const char* name) { return only.empty() || only.count(name) > 0; };
    std::printf(
        "data: %s (contacts.%s); each figure: a new process per run, median of %d after one warm-up run\n"
        "(CPU: median user + system time, which other load on the machine inflates less than wall time)\n",
        data.c_str(), contacts_format.c_str(), runs);

    if (wanted("events")) {
        const std::vector<std::string> args = {exe,           "--quiet",    "events", "--calendar", calendar,
                                               "--from",      "2027-01-01", "--to",   "2029-01-01", "--tz",
                                               "Asia/Manila", "--format",   "json"};
        const std::string out = (dir / "out-events.json").string();
        const auto m = measure(args, runs, out);
        std::printf("\n$ %s\n", command_line(args).c_str());
        report("events", m, "<= 1 s");
        std::printf("         %zu occurrences\n", read_json(out).size());
    }
    if (wanted("match")) {
        const std::vector<std::string> args = {exe,          "--quiet", "match",    "--attendees", attendees,
                                               "--contacts", contacts,  "--format", "json"};
        const std::string out = (dir / "out-match.json").string();
        const auto m = measure(args, runs, out);
        std::printf("\n$ %s\n", command_line(args).c_str());
        report("match", m, "<= 2 s");
        const auto result = read_json(out);
        std::map<std::size_t, std::string> truth;
        std::ifstream in(dir / "attendees-truth.csv");
        std::string line;
        std::getline(in, line);
        while (std::getline(in, line)) {
            std::stringstream fields(line);
            std::string row, id;
            std::getline(fields, row, ',');
            std::getline(fields, id, ',');
            truth[std::stoul(row)] = id;
        }
        std::size_t correct = 0, wrong = 0, possible_correct = 0;
        for (const auto& k : result["known"]) {
            const auto it = truth.find(k["attendee"].get<std::size_t>());
            (it != truth.end() && it->second == k["contact_id"].get<std::string>() ? correct : wrong) += 1;
        }
        for (const auto& k : result["possible"]) {
            const auto it = truth.find(k["attendee"].get<std::size_t>());
            possible_correct += it != truth.end() && it->second == k["contact_id"].get<std::string>() ? 1 : 0;
        }
        std::printf(
            "         known %zu (%zu right, %zu wrong: precision %.4f, recall %.4f of %zu), possible %zu "
            "(%zu of them right), ambiguities %zu, introductions %zu, make_introductions %zu\n",
            result["known"].size(), correct, wrong,
            static_cast<double>(correct) / static_cast<double>(std::max<std::size_t>(1, correct + wrong)),
            static_cast<double>(correct) / static_cast<double>(std::max<std::size_t>(1, truth.size())),
            truth.size(), result["possible"].size(), possible_correct, result["ambiguities"].size(),
            result["introductions"].size(), result["make_introductions"].size());
    }
    if (wanted("plan")) {
        // The default settings (what a user gets) and the golden tests' deterministic setting,
        // unless one setting was asked for.
        std::vector<std::pair<std::string, std::vector<std::string>>> settings;
        if (!time_limit.empty()) {
            settings.push_back({"plan", {"--time-limit", time_limit}});
        } else if (!iterations.empty()) {
            settings.push_back({"plan", {"--iterations", iterations}});
        } else {
            settings.push_back({"plan", {}});
            settings.push_back({"plan", {"--iterations", "2000"}});
        }
        for (const auto& [name, extra] : settings) {
            std::vector<std::string> args = {exe,          "--quiet",    "plan", "--calendar", calendar,
                                             "--contacts", contacts,     "--home", "Lipa, Batangas", "--from",
                                             "2027-01-01", "--to",       "2029-01-01", "--format", "json"};
            args.insert(args.end(), extra.begin(), extra.end());
            const std::string out =
                (dir / (extra.empty() ? "out-plan.json" : "out-plan-" + extra.back() + ".json")).string();
            const auto m = measure(args, runs, out);
            std::printf("\n$ %s\n", command_line(args).c_str());
            report(name.c_str(), m, "<= 5 s, <= 500 MB");
            const auto result = read_json(out);
            std::size_t meetups = 0, near = 0, calls = 0;
            double value = 0;
            for (const auto& t : result["trips"]) {
                meetups += t["meetups"].size();
                near += t["near_misses"].size();
                calls += t["virtual"].size();
                for (const auto& meetup : t["meetups"]) {
                    value += meetup.value("value", 0.0);
                }
            }
            std::printf("         %zu trips, %zu meetups worth %.1f, %zu near misses, %zu video calls, "
                        "%zu unscheduled\n",
                        result["trips"].size(), meetups, value, near, calls, result["unscheduled"].size());
        }
    }
    return 0;
}
