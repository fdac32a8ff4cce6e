// Planner benchmarks.
//  1. `sidetrip plan` on sample scenario 1, end to end, each run a new process: median of N runs,
//     against `sidetrip --version` (process start) in the same run. Target: <= 200 ms.
//  2. Scale: a 5-day trip in Metro Manila and 10,000 contacts of which about 500 are in reach,
//     planned in-process (make_plan, the optimizer at its default 1 s limit per trip), in a
//     child process whose peak memory is measured. Target: <= 2 s and <= 300 MB.
//
// usage: bench_plan [--runs N]
#include "process_timing.hpp"
#include "sidetrip/calendar/calendar_reader.hpp"
#include "sidetrip/calendar/time_zones.hpp"
#include "sidetrip/geo/offline_geocoder.hpp"
#include "sidetrip/plan/planner.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

using namespace sidetrip;
using Clock = std::chrono::steady_clock;
using namespace std::chrono;

namespace {

// A 5-day client week in Makati with two meetings a day, and 10,000 contacts: ~500 around
// Metro Manila, the rest spread over the Philippines and the world.
std::pair<double, std::size_t> scale_run() {
    auto gazetteer = geo::Gazetteer::open(geo::Gazetteer::default_path());
    geo::OfflineGeocoder geocoder(gazetteer);
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<plan::ResolvedContact> contacts;
    contacts.reserve(10000);
    for (int i = 0; i < 10000; ++i) {
        plan::ResolvedContact rc;
        rc.contact.id = ContactId("c" + std::to_string(i));
        rc.contact.name = "Contact " + std::to_string(i);
        rc.contact.emails = {"c" + std::to_string(i) + "@example.com"};
        rc.contact.tie_strength = 1 + static_cast<int>(unit(rng) * 5);
        rc.contact.tags = {i % 3 == 0 ? "ex-colleagues" : i % 3 == 1 ? "university" : "clients"};
        rc.contact.interests = {i % 2 ? "running" : "coffee"};
        rc.contact.last_met = Date{sys_days{year{2024} / 1 / 1} + days{static_cast<int>(unit(rng) * 900)}};
        geo::GeocodeResult place;
        place.status = geo::GeocodeStatus::Ok;
        place.timezone = "Asia/Manila";
        if (i % 20 == 0) { // in reach: around Makati
            place.point = {14.55 + (unit(rng) - 0.5) * 0.12, 121.03 + (unit(rng) - 0.5) * 0.12};
            place.name = "Makati City";
        } else {
            place.point = {-40.0 + unit(rng) * 100.0, -170.0 + unit(rng) * 340.0};
            place.name = "far away";
            place.timezone = "UTC";
        }
        rc.contact.places.push_back({"home", place.name, "", std::nullopt});
        rc.places.push_back(place);
        contacts.push_back(std::move(rc));
    }
    std::vector<calendar::Occurrence> occurrences;
    plan::Trip trip;
    trip.id = "trip-bench";
    trip.start = Date{year{2027} / 3 / 1};
    trip.end = Date{year{2027} / 3 / 6};
    trip.destinations.push_back({"Makati City", {14.5503, 121.0327}, "Asia/Manila"});
    for (int d = 0; d < 5; ++d) {
        const Date date{sys_days{trip.start} + days{d}};
        plan::TripDay day{date, "Asia/Manila", {14.5503, 121.0327}, "Makati City", {}};
        for (int h : {10, 15}) {
            calendar::Occurrence o;
            o.uid = "m" + std::to_string(d) + "-" + std::to_string(h);
            o.summary = "Client meeting";
            o.location = "Makati City";
            o.kind = calendar::EventKind::Meeting;
            o.start_utc = calendar::to_utc(local_seconds{local_days{date}.time_since_epoch()} + hours{h},
                                           "Asia/Manila");
            o.end_utc = o.start_utc + hours{1} + minutes{30};
            o.timezone = o.display_zone = "Asia/Manila";
            day.commitments.push_back(occurrences.size());
            trip.events.push_back(occurrences.size());
            occurrences.push_back(o);
        }
        trip.days.push_back(day);
    }
    plan::PlannerSettings settings;
    settings.home = {13.9411, 121.1631};
    settings.home_name = "Lipa City";
    settings.home_zone = "Asia/Manila";
    settings.home_country = "PH";
    settings.today = Date{year{2027} / 2 / 1};
    plan::DistanceTravelModel travel;
    const auto start = Clock::now();
    const auto result = plan::make_plan(occurrences, contacts, {trip}, settings, travel, geocoder);
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    std::size_t people = 0;
    for (const auto& m : result.trips.front().meetups) {
        people += m.contacts.size();
    }
    std::printf("scale: %zu meetups with %zu people\n", result.trips.front().meetups.size(), people);
    return {seconds, result.trips.front().meetups.size()};
}

} // namespace

int main(int argc, char** argv) {
    int runs = 21;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--runs") == 0) {
            runs = std::max(1, std::atoi(argv[i + 1]));
        }
    }
    const std::string exe = SIDETRIP_EXE;
    const std::string samples = std::string(SIDETRIP_SOURCE_DIR) + "/samples/scenario-1-lipa/";
    const std::vector<std::string> plan = {exe,          "plan",
                                           "--calendar", samples + "calendar.ics",
                                           "--contacts", samples + "contacts.vcf",
                                           "--home",     "Lipa, Batangas",
                                           "--from",     "2027-01-01",
                                           "--to",       "2027-02-01"};
    bench::run_process_ms(plan); // warm the page cache
    std::vector<double> plans, floors;
    for (int i = 0; i < runs; ++i) {
        floors.push_back(bench::run_process_ms({exe, "--version"}));
        plans.push_back(bench::run_process_ms(plan));
    }
    std::printf("scenario 1, sidetrip plan (cold process, median of %d)  %8.1f ms   (target <= 200 ms)\n",
                runs, bench::median(plans));
    std::printf("sidetrip --version (process start)                     %8.1f ms\n", bench::median(floors));

    std::fflush(stdout); // or the child prints the parent's buffered lines again
    if (pid_t pid = fork(); pid == 0) {
        const auto [seconds, meetups] = scale_run();
        std::printf("scale: 5-day trip, 10,000 contacts (~500 in reach)    %8.2f s    %zu meetups   (target "
                    "<= 2 s)\n",
                    seconds, meetups);
        std::fflush(stdout);
        _exit(0);
    } else {
        int status = 0;
        rusage usage{};
        wait4(pid, &status, 0, &usage);
        std::printf("scale: peak memory                                     %8.1f MB   (target <= 300 MB)\n",
                    usage.ru_maxrss / 1024.0);
    }
    return 0;
}
