// Import benchmark: a generated calendar of 10,000 events, 500 of them recurring series,
// expanded over one year; sidetrip's reader against python3-icalendar +
// python3-recurring-ical-events (Debian's packages) on the same file and window, in the same run.
//
// Reports the median wall time of N runs of each, sidetrip's peak memory (max RSS of a child
// process that only imports), the occurrence counts of both (they must agree), and the ratio.
//
// usage: bench_calendar_import [--runs N] [--events N] [--series N] [--keep FILE]
#include "sidetrip/calendar/calendar_reader.hpp"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace sidetrip;
using Clock = std::chrono::steady_clock;

namespace {

// A deterministic calendar: single events and weekly/daily/monthly series in 2027, in a
// handful of zones, with the properties real exports carry.
std::string generate(int events, int series) {
    std::uint64_t state = 42;
    auto next = [&](std::uint64_t n) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return (state >> 33) % n;
    };
    const char* zones[] = {"Asia/Manila", "Asia/Singapore", "America/New_York", "Europe/Berlin", "UTC"};
    const char* rules[] = {"FREQ=WEEKLY;BYDAY=MO,WE", "FREQ=DAILY;INTERVAL=3", "FREQ=MONTHLY;BYMONTHDAY=15",
                           "FREQ=WEEKLY;COUNT=20", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH"};
    std::string out = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//sidetrip//bench//EN\r\n";
    char buffer[512];
    for (int i = 0; i < events; ++i) {
        const bool recurring = i < series;
        const int month = 1 + static_cast<int>(next(12));
        const int day = 1 + static_cast<int>(next(28));
        const int hour = 7 + static_cast<int>(next(12));
        const char* zone = zones[next(5)];
        const bool utc = std::strcmp(zone, "UTC") == 0;
        std::snprintf(buffer, sizeof buffer,
                      "BEGIN:VEVENT\r\nUID:bench-%d@sidetrip\r\nDTSTAMP:20261101T000000Z\r\n"
                      "SUMMARY:Event %d with a client\r\nLOCATION:Makati City\\, Metro Manila\r\n"
                      "DTSTART%s%s:2027%02d%02dT%02d0000%s\r\nDURATION:PT1H\r\n",
                      i, i, utc ? "" : ";TZID=", utc ? "" : zone, month, day, hour, utc ? "Z" : "");
        out += buffer;
        if (recurring) {
            out += std::string("RRULE:") + rules[next(5)] + "\r\n";
        }
        out += "END:VEVENT\r\n";
    }
    out += "END:VCALENDAR\r\n";
    return out;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2.0;
}

std::size_t import(const std::string& path) {
    calendar::CalendarReadOptions options;
    options.window_start = std::chrono::sys_days{std::chrono::year{2027} / 1 / 1};
    options.window_end = std::chrono::sys_days{std::chrono::year{2028} / 1 / 1};
    Diagnostics diagnostics;
    return calendar::read_calendar(path, options, diagnostics).size();
}

} // namespace

int main(int argc, char** argv) {
    int runs = 5, events = 10000, series = 500;
    std::string keep;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--runs") == 0) {
            runs = std::max(1, std::atoi(argv[i + 1]));
        } else if (std::strcmp(argv[i], "--events") == 0) {
            events = std::atoi(argv[i + 1]);
        } else if (std::strcmp(argv[i], "--series") == 0) {
            series = std::atoi(argv[i + 1]);
        } else if (std::strcmp(argv[i], "--keep") == 0) {
            keep = argv[i + 1];
        }
    }
    const std::string path = keep.empty() ? (std::filesystem::temp_directory_path() /
                                             ("sidetrip-bench-" + std::to_string(getpid()) + ".ics"))
                                                .string()
                                          : keep;
    {
        std::ofstream out(path, std::ios::binary);
        out << generate(events, series);
    }
    // Peak memory of an import alone, in a child process.
    long peak_kb = 0;
    if (pid_t pid = fork(); pid == 0) {
        import(path);
        _exit(0);
    } else {
        int status = 0;
        rusage usage{};
        wait4(pid, &status, 0, &usage);
        peak_kb = usage.ru_maxrss;
    }
    std::vector<double> ours, theirs;
    std::size_t our_count = 0;
    long their_count = -1;
    for (int r = 0; r < runs; ++r) {
        const auto start = Clock::now();
        our_count = import(path);
        ours.push_back(std::chrono::duration<double>(Clock::now() - start).count());
        const std::string command = "/usr/bin/python3 " + std::string(SIDETRIP_BENCH_DIR) +
                                    "/calendar_import.py " + path + " 2027-01-01 2028-01-01";
        if (FILE* pipe = popen(command.c_str(), "r")) {
            double seconds = 0;
            if (std::fscanf(pipe, "%ld %lf", &their_count, &seconds) == 2) {
                theirs.push_back(seconds);
            }
            pclose(pipe);
        }
    }
    if (keep.empty()) {
        std::filesystem::remove(path);
    }
    std::printf("calendar: %d events, %d recurring series, expanded over 2027 (medians of %d runs)\n", events,
                series, runs);
    std::printf("sidetrip                 %8.3f s   %zu occurrences   peak RSS %.1f MB\n", median(ours),
                our_count, peak_kb / 1024.0);
    if (theirs.empty()) {
        std::printf("python3-icalendar + recurring-ical-events: not available (apt-get install "
                    "python3-icalendar python3-recurring-ical-events)\n");
        return 0;
    }
    std::printf("python icalendar+rie     %8.3f s   %ld occurrences\n", median(theirs), their_count);
    std::printf("speed-up                 %8.1f x   (target >= 20 x, sidetrip < 0.5 s)\n",
                median(theirs) / median(ours));
    return 0;
}
