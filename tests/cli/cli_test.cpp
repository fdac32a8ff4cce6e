// Runs the sidetrip program itself: the JSON contracts, exit codes and golden outputs.
#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace {

struct Run {
    int exit_code = -1;
    std::string out;
    std::string err;
};

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) {
        if (c == '\'') {
            q += "'\\''";
        } else {
            q += c;
        }
    }
    return q + "'";
}

Run run(const std::vector<std::string>& args, const std::string& stdin_text = "",
        const std::string& env = "") {
    const std::string base =
        (std::filesystem::temp_directory_path() / ("sidetrip-cli-" + std::to_string(::getpid()))).string();
    std::string command = env.empty() ? quote(SIDETRIP_EXE) : env + " " + quote(SIDETRIP_EXE);
    for (const auto& a : args) {
        command += " " + quote(a);
    }
    {
        std::ofstream in(base + ".in");
        in << stdin_text;
    }
    command += " <" + base + ".in >" + base + ".out 2>" + base + ".err";
    const int status = std::system(command.c_str());
    Run r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(base + ".out");
    r.err = slurp(base + ".err");
    for (const char* ext : {".in", ".out", ".err"}) {
        std::filesystem::remove(base + ext);
    }
    return r;
}

std::string source(const std::string& relative) {
    return std::string(SIDETRIP_SOURCE_DIR) + "/" + relative;
}

} // namespace

TEST_CASE("geocode --format json prints the contract's fields for each query", "[cli]") {
    auto r = run({"geocode", "Lipa, Batangas", "Zoom", "Qwertopolis", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    REQUIRE(j.is_array());
    REQUIRE(j.size() == 3);
    const auto& ok = j[0];
    CHECK(ok["query"] == "Lipa, Batangas");
    CHECK(ok["status"] == "ok");
    for (const char* key : {"name", "admin1", "country", "timezone", "source"}) {
        CHECK(ok[key].is_string());
    }
    CHECK(ok["lat"].is_number());
    CHECK(ok["lon"].is_number());
    CHECK(ok["country"] == "PH");
    CHECK(ok["timezone"] == "Asia/Manila");
    CHECK(ok["source"] == "gazetteer");
    CHECK(ok["confidence"].get<double>() > 0.0);
    CHECK(ok["confidence"].get<double>() <= 1.0);
    CHECK(j[1]["status"] == "not_a_place");
    CHECK_FALSE(j[1].contains("lat"));
    CHECK(j[2]["status"] == "not_found");
}

TEST_CASE("geocode keeps its JSON valid when an argument is not UTF-8", "[cli]") {
    auto r = run({"geocode", "\xff\xfe", "Manila\xff", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    REQUIRE(j.size() == 2);
    CHECK(j[1]["status"] == "ok");
}

TEST_CASE("geocode text output shows control characters instead of sending them to the terminal", "[cli]") {
    auto r = run({"geocode", "Manila\x1b[31m"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find('\x1b') == std::string::npos);
    CHECK(r.out.find("\\x1B") != std::string::npos);
}

TEST_CASE("a country that has no town gets no pin at 0,0", "[cli]") {
    auto r = run({"geocode", "Bouvet Island", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j[0]["status"] == "not_found");
}

TEST_CASE("geocode --country biases a bare ambiguous name", "[cli]") {
    auto us = run({"geocode", "San Jose", "--country", "us", "--format", "json"});
    REQUIRE(us.exit_code == 0);
    CHECK(nlohmann::json::parse(us.out)[0]["country"] == "US");
    auto cr = run({"geocode", "San Jose", "--country", "CR", "--format", "json"});
    REQUIRE(cr.exit_code == 0);
    CHECK(nlohmann::json::parse(cr.out)[0]["country"] == "CR");
}

TEST_CASE("a data folder without the index is an error naming it, not a silent fallback", "[cli]") {
    auto r = run({"geocode", "Manila"}, "", "SIDETRIP_DATA_DIR=/nonexistent/sidetrip-data");
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("/nonexistent/sidetrip-data") != std::string::npos);
}

TEST_CASE("bad arguments are exit code 2 with a message that says what to do", "[cli]") {
    auto country = run({"geocode", "Manila", "--country", "Philippines"});
    CHECK(country.exit_code == 2);
    CHECK(country.err.find("ISO 3166-1") != std::string::npos);
    CHECK(country.out.empty());

    auto format = run({"geocode", "Manila", "--format", "yaml"});
    CHECK(format.exit_code == 2);
    CHECK(format.err.find("yaml") != std::string::npos);

    CHECK(run({}).exit_code == 2);
    CHECK(run({"frobnicate"}).exit_code == 2);
    CHECK(run({"geocode"}).exit_code == 2);
}

TEST_CASE("help and version tell the truth and exit 0", "[cli]") {
    auto help = run({"--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("geocode") != std::string::npos);
    CHECK(help.out.find("contacts") != std::string::npos);
    auto version = run({"--version"});
    CHECK(version.exit_code == 0);
    CHECK(version.out.find("sidetrip") != std::string::npos);
}

TEST_CASE("contacts resolves every sample contact's places", "[cli]") {
    auto r = run({"contacts", "--contacts", source("samples/contacts.vcf"), source("samples/contacts.csv"),
                  "--home", "Lipa, Batangas", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    INFO(r.err);
    CHECK(r.err.empty());
    const auto j = nlohmann::json::parse(r.out);
    REQUIRE(j.is_array());
    CHECK(j.size() >= 40);
    std::size_t places = 0, resolved = 0;
    for (const auto& contact : j) {
        CHECK(contact["id"].is_string());
        CHECK_FALSE(contact["name"].get<std::string>().empty());
        for (const auto& place : contact["places"]) {
            ++places;
            if (place["status"] == "ok") {
                ++resolved;
                CHECK(place["timezone"].is_string());
            } else {
                WARN(contact["name"].get<std::string>() + ": " + place["text"].get<std::string>());
            }
        }
    }
    CHECK(places >= 40);
    CHECK(resolved == places);
}

TEST_CASE("contacts output on the samples matches the golden file", "[cli]") {
    // Run from the source tree so that "source" fields hold relative paths.
    const std::string command =
        "cd " + quote(SIDETRIP_SOURCE_DIR) + " && " + quote(SIDETRIP_EXE) +
        " contacts --contacts samples/contacts.vcf samples/contacts.csv --home 'Lipa, Batangas'"
        " --format json";
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string out;
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
        out.append(buffer, n);
    }
    REQUIRE(::pclose(pipe) == 0);
    const auto expected = nlohmann::json::parse(slurp(source("samples/expected/contacts.json")));
    const auto actual = nlohmann::json::parse(out);
    REQUIRE(actual.size() == expected.size());
    for (std::size_t i = 0; i < actual.size(); ++i) {
        INFO(actual[i]["name"].get<std::string>());
        CHECK(actual[i] == expected[i]);
    }
}

TEST_CASE("contacts from standard input are read when the source is -", "[cli]") {
    auto r = run({"contacts", "--contacts", "-", "--format", "json"},
                 "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Cruz\r\nADR;TYPE=HOME:;;;Makati City;Metro "
                 "Manila;;Philippines\r\n"
                 "END:VCARD\r\n");
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    REQUIRE(j.size() == 1);
    CHECK(j[0]["name"] == "Ana Cruz");
    REQUIRE(j[0]["places"].size() == 1);
    CHECK(j[0]["places"][0]["status"] == "ok");
    CHECK(j[0]["places"][0]["country"] == "PH");
}

TEST_CASE("an unreadable contacts source is exit code 2 naming it", "[cli]") {
    auto missing = run({"contacts", "--contacts", "/nonexistent/contacts.vcf"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("/nonexistent/contacts.vcf") != std::string::npos);
    CHECK(missing.out.empty());

    auto directory = run({"contacts", "--contacts", source("samples")});
    CHECK(directory.exit_code == 2);
    CHECK(directory.err.find("samples") != std::string::npos);
}

TEST_CASE("the strict flag turns a bad record into exit code 2", "[cli]") {
    const std::string csv = "name,home,tie_strength\nAna Cruz,Makati City,9\nBen Ong,Cebu City,3\n";
    auto lenient = run({"contacts", "--contacts", "-", "--format", "json"}, csv);
    CHECK(lenient.exit_code == 0);
    CHECK(lenient.err.find(":2:") != std::string::npos);
    auto strict = run({"--strict", "contacts", "--contacts", "-", "--format", "json"}, csv);
    CHECK(strict.exit_code == 2);
    CHECK(strict.out.empty());
}

TEST_CASE("events --format json prints the contract's fields, sorted by start", "[cli]") {
    auto r = run({"events", "--calendar", source("samples/calendar.ics"), "--from", "2027-01-19", "--to",
                  "2027-01-21", "--tz", "Asia/Manila", "--me", "me@sidetrip.example", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    REQUIRE(j.is_array());
    REQUIRE(j.size() >= 4);
    std::string previous;
    for (const auto& o : j) {
        for (const char* key : {"uid", "summary", "location", "start", "end", "start_utc", "end_utc",
                                "timezone", "status", "kind"}) {
            INFO(key);
            CHECK(o[key].is_string());
        }
        CHECK(o.contains("recurrence_id"));
        CHECK(o["all_day"].is_boolean());
        CHECK(o["transparent"].is_boolean());
        CHECK(o["start_utc"].get<std::string>() >= previous);
        previous = o["start_utc"].get<std::string>();
    }
    // The TripIt trip event: all-day, dates end-exclusive, _utc fields at Manila midnights.
    auto trip =
        std::find_if(j.begin(), j.end(), [](const auto& o) { return o["summary"] == "Cebu client visit"; });
    REQUIRE(trip != j.end());
    CHECK((*trip)["all_day"] == true);
    CHECK((*trip)["start"] == "2027-01-19");
    CHECK((*trip)["end"] == "2027-01-22");
    CHECK((*trip)["start_utc"] == "2027-01-18T16:00:00Z");
    auto meeting = std::find_if(j.begin(), j.end(), [](const auto& o) {
        return o["summary"] == "Client meeting: Lahug Foods rebrand";
    });
    REQUIRE(meeting != j.end());
    CHECK((*meeting)["start"] == "2027-01-19T14:00:00+08:00");
    CHECK((*meeting)["start_utc"] == "2027-01-19T06:00:00Z");
    CHECK((*meeting)["timezone"] == "Asia/Manila");
    CHECK((*meeting)["recurrence_id"].is_null());
}

TEST_CASE("trips --format json finds the sample trips with the contract's fields", "[cli]") {
    auto r = run({"trips", "--calendar", source("samples/calendar.ics"), "--home", "Lipa, Batangas", "--from",
                  "2026-12-01", "--to", "2027-04-01", "--me", "me@sidetrip.example", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    REQUIRE(j.size() == 3);
    for (const auto& trip : j) {
        CHECK(trip["id"].is_string());
        CHECK(trip["start"].is_string());
        CHECK(trip["end"].is_string());
        REQUIRE(trip["destinations"].size() >= 1);
        for (const char* key : {"name", "timezone"}) {
            CHECK(trip["destinations"][0][key].is_string());
        }
        CHECK(trip["destinations"][0]["lat"].is_number());
        CHECK(trip["destinations"][0]["lon"].is_number());
        CHECK(trip["events"].size() >= 1);
    }
    CHECK(j[1]["destinations"][0]["name"] == "Cebu City");
}

TEST_CASE("calendar commands refuse bad input with exit code 2", "[cli]") {
    CHECK(run({"events", "--calendar", "/nonexistent.ics"}).exit_code == 2);
    CHECK(run({"events", "--calendar", source("samples/calendar.ics"), "--from", "2027-13-01"}).exit_code ==
          2);
    CHECK(run({"events", "--calendar", source("samples/calendar.ics"), "--tz", "Mars/Olympus"}).exit_code ==
          2);
    CHECK(run({"events", "--calendar", "-"}, "not a calendar").exit_code == 2);
    CHECK(run({"trips", "--calendar", source("samples/calendar.ics"), "--home", "Qwertopolis"}).exit_code ==
          2);
}

TEST_CASE("events --format ics writes a calendar that reads back to the same events", "[cli]") {
    auto first = run({"events", "--calendar", source("samples/calendar.ics"), "--from", "2026-12-01", "--to",
                      "2027-04-01", "--tz", "Asia/Manila", "--format", "json"});
    REQUIRE(first.exit_code == 0);
    auto ics = run({"events", "--calendar", source("samples/calendar.ics"), "--from", "2026-12-01", "--to",
                    "2027-04-01", "--tz", "Asia/Manila", "--format", "ics"});
    REQUIRE(ics.exit_code == 0);
    CHECK(ics.out.rfind("BEGIN:VCALENDAR\r\n", 0) == 0);
    auto again = run({"events", "--calendar", "-", "--from", "2026-12-01", "--to", "2027-04-01", "--tz",
                      "Asia/Manila", "--format", "json"},
                     ics.out);
    REQUIRE(again.exit_code == 0);
    auto a = nlohmann::json::parse(first.out);
    auto b = nlohmann::json::parse(again.out);
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        a[i].erase("source");
        b[i].erase("source");
        CHECK(a[i] == b[i]);
    }
}

namespace {

std::vector<std::string> plan_args(const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"plan",
                                     "--calendar",
                                     source("samples/calendar.ics"),
                                     "--contacts",
                                     source("samples/contacts.vcf"),
                                     source("samples/contacts.csv"),
                                     "--home",
                                     "Lipa, Batangas",
                                     "--from",
                                     "2026-12-01",
                                     "--to",
                                     "2027-04-01",
                                     "--me",
                                     "me@sidetrip.example",
                                     "--iterations",
                                     "1500"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

std::string temp_file(const std::string& name) {
    return (std::filesystem::temp_directory_path() /
            ("sidetrip-cli-" + std::to_string(::getpid()) + "-" + name))
        .string();
}

} // namespace

TEST_CASE("plan --format json prints the contract's trips, meetups and unscheduled contacts", "[cli]") {
    auto r = run(plan_args({"--format", "json"}));
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    REQUIRE(j["trips"].size() == 3);
    std::size_t meetups = 0;
    for (const auto& trip : j["trips"]) {
        for (const char* key : {"id", "start", "end"}) {
            CHECK(trip[key].is_string());
        }
        for (const char* key : {"destinations", "meetups", "near_misses", "virtual", "introductions"}) {
            CHECK(trip[key].is_array());
        }
        for (const auto& m : trip["meetups"]) {
            ++meetups;
            for (const char* key : {"contact_id", "name", "kind", "start", "end"}) {
                CHECK(m[key].is_string());
            }
            CHECK(m["venue"]["name"].is_string());
            CHECK(m["venue"]["lat"].is_number());
            CHECK(m["venue"]["lon"].is_number());
            CHECK(m["value"].is_number());
            CHECK_FALSE(m["reasons"].empty());
        }
    }
    CHECK(meetups >= 5);
    REQUIRE(j["unscheduled"].is_array());
    for (const auto& u : j["unscheduled"]) {
        CHECK(u["contact_id"].is_string());
        CHECK(u["reason"].is_string());
    }
}

TEST_CASE("plan -o writes tentative meetups that are not suggested again once imported", "[cli]") {
    const std::string ics = temp_file("suggested.ics");
    auto first = run(plan_args({"-o", ics, "--format", "json"}));
    REQUIRE(first.exit_code == 0);
    const std::string written = slurp(ics);
    CHECK(written.find("STATUS:TENTATIVE") != std::string::npos);
    CHECK(written.find("CATEGORIES:sidetrip") != std::string::npos);
    CHECK(written.find("Travel to") == std::string::npos);
    // Re-plan with the suggestions in the calendar: those people are not suggested twice.
    auto args = plan_args({"--format", "json"});
    args.insert(args.begin() + 3, ics);
    auto again = run(args);
    REQUIRE(again.exit_code == 0);
    const auto a = nlohmann::json::parse(first.out);
    const auto b = nlohmann::json::parse(again.out);
    std::set<std::string> before;
    for (const auto& trip : a["trips"]) {
        for (const auto& m : trip["meetups"]) {
            before.insert(trip["id"].get<std::string>() + "/" + m["contact_id"].get<std::string>());
        }
    }
    REQUIRE_FALSE(before.empty());
    for (const auto& trip : b["trips"]) {
        for (const auto& m : trip["meetups"]) {
            CHECK(before.count(trip["id"].get<std::string>() + "/" + m["contact_id"].get<std::string>()) ==
                  0);
        }
    }
    std::filesystem::remove(ics);
}

TEST_CASE("plan never writes to an input, and --dry-run writes nothing", "[cli]") {
    const std::string copy = temp_file("calendar-copy.ics");
    std::filesystem::copy_file(source("samples/calendar.ics"), copy,
                               std::filesystem::copy_options::overwrite_existing);
    const std::string before = slurp(copy);
    auto args = plan_args({"-o", copy});
    args[2] = copy;
    auto refused = run(args);
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("input") != std::string::npos);
    CHECK(slurp(copy) == before);
    std::filesystem::remove(copy);

    const std::string dry = temp_file("dry.ics");
    auto r = run(plan_args({"-o", dry, "--dry-run"}));
    CHECK(r.exit_code == 0);
    CHECK_FALSE(std::filesystem::exists(dry));
}

TEST_CASE("plan with no trip in the range says so and exits 0", "[cli]") {
    auto args = plan_args({});
    auto from = std::find(args.begin(), args.end(), "2026-12-01");
    *from = "2028-01-01";
    auto to = std::find(args.begin(), args.end(), "2027-04-01");
    *to = "2028-02-01";
    auto r = run(args);
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("No trips") != std::string::npos);
}

TEST_CASE("plan on the three sample scenarios matches their golden itineraries", "[cli]") {
    struct Scenario {
        std::string folder;
        std::vector<std::string> calendars;
        std::string contacts;
        std::string home;
        std::string from;
        std::string to;
    };
    const std::vector<Scenario> scenarios = {
        {"scenario-1-lipa", {"calendar.ics"}, "contacts.vcf", "Lipa, Batangas", "2027-01-01", "2027-02-01"},
        {"scenario-2-singapore",
         {"tripit.ics", "outlook.ics"},
         "contacts.csv",
         "Quezon City",
         "2027-02-01",
         "2027-03-01"},
        {"scenario-3-us-europe",
         {"tripit.ics", "outlook.ics", "google-family.ics"},
         "contacts.vcf",
         "Austin, TX",
         "2027-02-20",
         "2027-03-20"}};
    for (const auto& sc : scenarios) {
        INFO(sc.folder);
        std::vector<std::string> args = {"plan", "--calendar"};
        for (const auto& c : sc.calendars) {
            args.push_back(source("samples/" + sc.folder + "/" + c));
        }
        args.insert(args.end(),
                    {"--contacts", source("samples/" + sc.folder + "/" + sc.contacts), "--home", sc.home,
                     "--from", sc.from, "--to", sc.to, "--today", sc.from, "--iterations", "2000", "--format",
                     "json"});
        auto r = run(args);
        REQUIRE(r.exit_code == 0);
        CHECK(r.err.empty());
        const auto expected =
            nlohmann::json::parse(slurp(source("samples/" + sc.folder + "/expected-plan.json")));
        const auto actual = nlohmann::json::parse(r.out);
        REQUIRE(actual["trips"].size() == expected["trips"].size());
        for (std::size_t t = 0; t < actual["trips"].size(); ++t) {
            INFO(actual["trips"][t]["id"].get<std::string>());
            CHECK(actual["trips"][t] == expected["trips"][t]);
            CHECK_FALSE(actual["trips"][t]["meetups"].empty());
        }
        CHECK(actual["unscheduled"] == expected["unscheduled"]);
    }
}

namespace {

bool on_path(const std::string& tool) {
    return std::system(("command -v " + tool + " >/dev/null 2>&1").c_str()) == 0;
}

std::string run_shell(const std::string& command) {
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    std::string out;
    char buffer[4096];
    std::size_t n = 0;
    while (pipe != nullptr && (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
        out.append(buffer, n);
    }
    if (pipe != nullptr) {
        ::pclose(pipe);
    }
    return out;
}

} // namespace

TEST_CASE("the suggested .ics imports into khal, calcurse and python's icalendar", "[cli]") {
    const std::string dir = temp_file("import");
    std::filesystem::create_directories(dir + "/khal-cal");
    const std::string ics = dir + "/suggested.ics";
    auto r = run({"plan", "--calendar", source("samples/scenario-1-lipa/calendar.ics"), "--contacts",
                  source("samples/scenario-1-lipa/contacts.vcf"), "--home", "Lipa, Batangas", "--from",
                  "2027-01-01", "--to", "2027-02-01", "--iterations", "2000", "-o", ics, "--format", "json"});
    REQUIRE(r.exit_code == 0);
    std::size_t meetups = 0;
    const auto plan = nlohmann::json::parse(r.out);
    for (const auto& trip : plan["trips"]) {
        meetups += trip["meetups"].size();
    }
    REQUIRE(meetups > 0);
    int tools = 0;
    if (on_path("khal")) {
        ++tools;
        std::ofstream config(dir + "/khal.conf");
        config << "[calendars]\n[[suggestions]]\npath = " << dir << "/khal-cal/\ntype = calendar\n"
               << "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
               << "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
               << "default_timezone = Asia/Manila\nlocal_timezone = Asia/Manila\n";
        config.close();
        const std::string out =
            run_shell("khal -c " + quote(dir + "/khal.conf") + " import --batch " + quote(ics));
        INFO(out);
        std::size_t imported = 0;
        for (const auto& entry : std::filesystem::directory_iterator(dir + "/khal-cal")) {
            imported += entry.path().extension() == ".ics";
        }
        CHECK(imported == meetups);
    } else {
        WARN("khal is not installed: tools/install-deps installs it");
    }
    if (on_path("calcurse")) {
        ++tools;
        std::filesystem::create_directories(dir + "/calcurse");
        const std::string out = run_shell("calcurse -D " + quote(dir + "/calcurse") + " -i " + quote(ics));
        INFO(out);
        CHECK(out.find(std::to_string(meetups) + " apps") != std::string::npos);
        CHECK(out.find("0 skipped") != std::string::npos);
    } else {
        WARN("calcurse is not installed: tools/install-deps installs it");
    }
    if (std::system("/usr/bin/python3 -c 'import icalendar' >/dev/null 2>&1") == 0) {
        ++tools;
        const std::string out = run_shell("/usr/bin/python3 -c \"import icalendar,sys; "
                                          "c=icalendar.Calendar.from_ical(open(sys.argv[1],'rb').read()); "
                                          "print(len(c.walk('VEVENT')))\" " +
                                          quote(ics));
        CHECK(out == std::to_string(meetups) + "\n");
    }
    CHECK(tools >= 1);
    std::filesystem::remove_all(dir);
}

TEST_CASE("plan reads its settings from a config file, and flags win over it", "[cli]") {
    const std::string dir = temp_file("config");
    std::filesystem::create_directories(dir);
    {
        std::ofstream config(dir + "/config.toml");
        config << "[user]\nhome = \"Lipa, Batangas\"\nemails = [\"me@sidetrip.example\"]\n"
               << "[day]\nmeetups_per_day = 1\n";
    }
    std::vector<std::string> args = {"plan",
                                     "--calendar",
                                     source("samples/calendar.ics"),
                                     "--contacts",
                                     source("samples/contacts.vcf"),
                                     "--from",
                                     "2026-12-01",
                                     "--to",
                                     "2027-04-01",
                                     "--iterations",
                                     "1500",
                                     "--config",
                                     dir + "/config.toml",
                                     "--format",
                                     "json"};
    auto from_file = run(args);
    REQUIRE(from_file.exit_code == 0);
    auto count_per_day = [](const nlohmann::json& j) {
        std::map<std::string, int> per_day;
        int most = 0;
        for (const auto& trip : j["trips"]) {
            for (const auto& m : trip["meetups"]) {
                most = std::max(most, ++per_day[m["start"].get<std::string>().substr(0, 10)]);
            }
        }
        return most;
    };
    CHECK(count_per_day(nlohmann::json::parse(from_file.out)) == 1);
    args.insert(args.end(), {"--meetups-per-day", "2"});
    auto flag = run(args);
    REQUIRE(flag.exit_code == 0);
    CHECK(count_per_day(nlohmann::json::parse(flag.out)) == 2);

    {
        std::ofstream bad(dir + "/bad.toml");
        bad << "[day]\nstart = \"25:00\"\n";
    }
    args[12] = dir + "/bad.toml";
    auto refused = run(args);
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("bad.toml:2") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("plan prints Markdown and writes a self-contained HTML report", "[cli]") {
    const std::string html = temp_file("itinerary.html");
    auto r = run(plan_args({"--format", "markdown", "--report", html}));
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.rfind("# sidetrip itinerary", 0) == 0);
    const std::string page = slurp(html);
    CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(page.find("<script") == std::string::npos);
    CHECK(page.find("Coffee with") != std::string::npos);
    std::filesystem::remove(html);
}

TEST_CASE("plan --map writes GeoJSON with the plan's meetups, commitments and routes", "[cli]") {
    const std::string map = temp_file("plan.geojson");
    const std::string dir = "samples/scenario-1-lipa/";
    const std::vector<std::string> args = {"plan",
                                           "--calendar",
                                           source(dir + "calendar.ics"),
                                           "--contacts",
                                           source(dir + "contacts.vcf"),
                                           "--home",
                                           "Lipa, Batangas",
                                           "--from",
                                           "2027-01-01",
                                           "--to",
                                           "2027-02-01",
                                           "--iterations",
                                           "2000"};
    auto with_map = args;
    with_map.insert(with_map.end(), {"--format", "json", "--map", map});
    auto r = run(with_map);
    REQUIRE(r.exit_code == 0);
    const auto plan = nlohmann::json::parse(r.out);
    const auto geojson = nlohmann::json::parse(slurp(map));
    CHECK(geojson["type"] == "FeatureCollection");
    std::map<std::string, std::vector<nlohmann::json>> layers;
    for (const auto& f : geojson["features"]) {
        layers[f["properties"]["layer"].get<std::string>()].push_back(f);
    }
    std::size_t meetups = 0;
    for (const auto& trip : plan["trips"]) {
        for (const auto& m : trip["meetups"]) {
            ++meetups;
            const auto& pins = layers["meetups"];
            const auto feature = std::find_if(pins.begin(), pins.end(), [&](const auto& f) {
                return f["properties"]["contact_id"] == m["contact_id"] &&
                       f["properties"]["start"] == m["start"];
            });
            REQUIRE(feature != pins.end());
            INFO(m["name"].get<std::string>());
            CHECK((*feature)["geometry"]["type"] == "Point");
            const auto& coordinates = (*feature)["geometry"]["coordinates"];
            CHECK(coordinates[0].get<double>() == Approx(m["venue"]["lon"].get<double>()));
            CHECK(coordinates[1].get<double>() == Approx(m["venue"]["lat"].get<double>()));
            CHECK((*feature)["properties"]["contact"] == m["name"]);
            CHECK((*feature)["properties"]["kind"] == m["kind"]);
            CHECK((*feature)["properties"]["end"] == m["end"]);
        }
    }
    CHECK(meetups > 0);
    CHECK(layers["meetups"].size() == meetups);
    CHECK_FALSE(layers["commitments"].empty());
    REQUIRE_FALSE(layers["routes"].empty());
    for (const auto& route : layers["routes"]) {
        CHECK(route["geometry"]["type"] == "LineString");
        CHECK(route["geometry"]["coordinates"].size() >= 3);
    }
    std::filesystem::remove(map);

    // The extension decides the format; anything else, or an input, is refused with exit code 2.
    auto unknown = args;
    unknown.insert(unknown.end(), {"--map", temp_file("plan.shp")});
    auto refused = run(unknown);
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("--map") != std::string::npos);
    CHECK(refused.err.find(".gpx") != std::string::npos);
    auto onto_input = args;
    onto_input.insert(onto_input.end(), {"--map", source(dir + "calendar.ics")});
    CHECK(run(onto_input).exit_code == 2);
    auto dry = args;
    dry.insert(dry.end(), {"--map", map, "--dry-run"});
    CHECK(run(dry).exit_code == 0);
    CHECK_FALSE(std::filesystem::exists(map));
}

TEST_CASE("contacts from a GeoJSON file are placed exactly at their points, in the zone found there",
          "[cli]") {
    auto r =
        run({"contacts", "--contacts", source("tests/data/contacts/geojson_points_and_bad_features.geojson"),
             "--home", "Lipa, Batangas", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("(feature 2)") != std::string::npos);
    const auto j = nlohmann::json::parse(r.out);
    const auto ana = std::find_if(j.begin(), j.end(), [](const auto& c) { return c["name"] == "Ana Reyes"; });
    REQUIRE(ana != j.end());
    const auto& place = (*ana)["places"][0];
    CHECK(place["lat"] == 14.5547);
    CHECK(place["lon"] == 121.0244);
    CHECK(place["source"] == "contact");
    CHECK(place["timezone"] == "Asia/Manila");
}

TEST_CASE("plan --travel-blocks adds the way to each meetup as its own busy event", "[cli]") {
    const std::string ics = temp_file("blocks.ics");
    auto r = run({"plan", "--calendar", source("samples/scenario-3-us-europe/tripit.ics"),
                  source("samples/scenario-3-us-europe/outlook.ics"), "--contacts",
                  source("samples/scenario-3-us-europe/contacts.vcf"), "--home", "Austin, TX", "--from",
                  "2027-02-20", "--to", "2027-03-20", "--iterations", "2000", "-o", ics, "--travel-blocks"});
    REQUIRE(r.exit_code == 0);
    const std::string written = slurp(ics);
    CHECK(written.find("SUMMARY:Travel to") != std::string::npos);
    CHECK(written.find("CATEGORIES:travel") != std::string::npos);
    std::filesystem::remove(ics);
}

TEST_CASE("match --format json finds contacts in an attendee list under other spellings", "[cli]") {
    const std::string list = "Full Name,Email,Company,Interests\n"
                             "\"VILLANUEVA, ANDREA\",Andrea.Villanueva@Example.com,Tala Creative,branding\n"
                             "Rosa Aquino,rosa@kalye.example,Kalye Labs,sourdough\n"
                             "Someone Else,someone@nowhere.example,Nowhere Inc,knitting\n";
    auto r = run({"match", "--attendees", "-", "--contacts", source("samples/contacts.vcf"),
                  source("samples/contacts.csv"), "--interest", "knitting", "--format", "json"},
                 list);
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    for (const char* key : {"known", "introductions", "shared_interests", "make_introductions", "possible"}) {
        CHECK(j[key].is_array());
    }
    REQUIRE(j["known"].size() == 1);
    CHECK(j["known"][0]["attendee"] == 0);
    CHECK(j["known"][0]["name"] == "Andrea Villanueva");
    CHECK(j["known"][0]["confidence"].get<double>() >= 0.8);
    CHECK_FALSE(j["known"][0]["evidence"].empty());
    REQUIRE(j["shared_interests"].size() == 1);
    CHECK(j["shared_interests"][0]["attendee"] == 2);
    auto bad =
        run({"match", "--attendees", "/nonexistent/list.csv", "--contacts", source("samples/contacts.vcf")});
    CHECK(bad.exit_code == 2);
}

namespace {

// Seconds since the epoch of an RFC 3339 time ("2027-01-14T10:00:00+08:00" or "...Z").
long long instant(const nlohmann::json& value) {
    const std::string t = value.get<std::string>();
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
    std::sscanf(t.c_str(), "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &se);
    const auto days = std::chrono::sys_days{std::chrono::year{y} / mo / d}.time_since_epoch().count();
    long long seconds = days * 86400LL + h * 3600 + mi * 60 + se;
    if (t.size() > 19 && t[19] != 'Z') {
        const int sign = t[19] == '-' ? -1 : 1;
        const int oh = std::stoi(t.substr(20, 2)), om = std::stoi(t.substr(23, 2));
        seconds -= sign * (oh * 3600 + om * 60);
    }
    return seconds;
}

} // namespace

TEST_CASE("plan --attendees puts chats with known attendees into the conference breaks", "[cli]") {
    const std::string list =
        "First Name,Last Name,Company\nDiane,Cruz-Navarro,\nBianca,Lualhati,\nCeleste,Yap,\n"
        "Jerome,Catapang,\nPatricia,Lim,\n";
    auto r = run({"plan", "--calendar", source("samples/scenario-1-lipa/calendar.ics"), "--contacts",
                  source("samples/scenario-1-lipa/contacts.vcf"), "--home", "Lipa, Batangas", "--from",
                  "2027-01-01", "--to", "2027-02-01", "--iterations", "2000", "--attendees", "-", "--format",
                  "json"},
                 list);
    REQUIRE(r.exit_code == 0);
    const auto plan = nlohmann::json::parse(r.out);
    std::size_t chats = 0;
    for (const auto& trip : plan["trips"]) {
        for (const auto& m : trip["meetups"]) {
            if (m["kind"] != "chat") {
                continue;
            }
            ++chats;
            CHECK(m["reasons"][0] == "on the conference's attendee list");
            // Inside a break: no conference session of the day overlaps it.
            const std::string start = m["start"], end = m["end"];
            CHECK(end > start);
            CHECK(start.substr(0, 10) >= "2027-01-14");
        }
    }
    CHECK(chats >= 2);
    // And no chat overlaps a fixed event: checked against the events command's view.
    auto events = run({"events", "--calendar", source("samples/scenario-1-lipa/calendar.ics"), "--from",
                       "2027-01-14", "--to", "2027-01-16", "--tz", "Asia/Manila", "--format", "json"});
    REQUIRE(events.exit_code == 0);
    const auto fixed = nlohmann::json::parse(events.out);
    for (const auto& trip : plan["trips"]) {
        for (const auto& m : trip["meetups"]) {
            for (const auto& e : fixed) {
                if (e["all_day"] == true || e["transparent"] == true) {
                    continue;
                }
                const bool clear = instant(m["end"]) <= instant(e["start_utc"]) ||
                                   instant(m["start"]) >= instant(e["end_utc"]);
                INFO(m["name"].get<std::string>() << " vs " << e["summary"].get<std::string>());
                CHECK(clear);
            }
        }
    }
}

TEST_CASE("the sample conference: match and plan --attendees match their golden outputs", "[cli]") {
    const std::string dir = "samples/scenario-1-lipa/";
    auto match = run({"match", "--attendees", source(dir + "attendees.csv"), "--contacts",
                      source(dir + "contacts.vcf"), "--format", "json"});
    REQUIRE(match.exit_code == 0);
    CHECK(match.err.empty());
    const auto matched = nlohmann::json::parse(match.out);
    CHECK(matched == nlohmann::json::parse(slurp(source(dir + "expected-match.json"))));
    CHECK(matched["known"].size() >= 12);

    auto plan =
        run({"plan", "--calendar", source(dir + "calendar.ics"), "--contacts", source(dir + "contacts.vcf"),
             "--home", "Lipa, Batangas", "--from", "2027-01-01", "--to", "2027-02-01", "--today", "2027-01-01",
             "--iterations", "2000", "--attendees", source(dir + "attendees.csv"), "--format", "json"});
    REQUIRE(plan.exit_code == 0);
    const auto planned = nlohmann::json::parse(plan.out);
    const auto expected = nlohmann::json::parse(slurp(source(dir + "expected-plan-with-attendees.json")));
    REQUIRE(planned["trips"].size() == expected["trips"].size());
    CHECK(planned["trips"][0]["meetups"] == expected["trips"][0]["meetups"]);
}

TEST_CASE("a conference schedule's speakers count as attendees", "[cli]") {
    auto r = run({"match", "--attendees",
                  std::string(SIDETRIP_TEST_DATA) + "/calendar/conference_schedule_pretalx.ics", "--contacts",
                  source("samples/contacts.vcf"), source("samples/contacts.csv"), "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    REQUIRE(j["known"].size() == 1);
    CHECK(j["known"][0]["name"] == "Andrea Villanueva");
}

TEST_CASE("speakers named in schedule titles and descriptions are matched and nothing else is", "[cli]") {
    auto r = run({"match", "--attendees",
                  std::string(SIDETRIP_TEST_DATA) + "/calendar/conference_schedule_speakers_in_titles.ics",
                  "--contacts", std::string(SIDETRIP_TEST_DATA) + "/contacts/schedule_speakers.csv", "--format",
                  "json"});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    std::set<std::string> known;
    for (const auto& m : j["known"]) {
        known.insert(m["contact_id"].get<std::string>());
        // A name alone: below the confidence of an email.
        CHECK(m["confidence"].get<double>() < 0.99);
    }
    // One speaker per pattern; Martin Santos, Gil Santos, Larry Page, Python Reyes and Future
    // Cruz share only a first name or a title's word with the schedule.
    CHECK(known == std::set<std::string>{"k01", "k02", "k03", "k04", "k05", "k06", "k07"});
    CHECK(j["possible"].empty());
    CHECK(j["ambiguities"].empty());
}

TEST_CASE("the --today option and SIDETRIP_TODAY set the day that 'last met ... ago' counts from", "[cli]") {
    const std::string dir = "samples/scenario-1-lipa/";
    auto reasons_of = [&](const std::vector<std::string>& extra, const std::string& env) {
        std::vector<std::string> args = {"match", "--attendees", source(dir + "attendees.csv"), "--contacts",
                                         source(dir + "contacts.vcf"), "--format", "json"};
        args.insert(args.end(), extra.begin(), extra.end());
        auto r = run(args, "", env);
        REQUIRE(r.exit_code == 0);
        std::string all;
        const auto parsed = nlohmann::json::parse(r.out);
        for (const auto& k : parsed["known"]) {
            for (const auto& reason : k["reasons"]) {
                all += reason.get<std::string>() + "\n";
            }
        }
        return all;
    };
    // Katherine Tan was last met on 14 February 2025.
    const auto november = reasons_of({"--today", "2026-11-26"}, "");
    CHECK(november.find("last met in person 21 months ago") != std::string::npos);
    const auto december = reasons_of({"--today", "2026-12-20"}, "");
    CHECK(december.find("last met in person 22 months ago") != std::string::npos);
    CHECK(december.find("last met in person 21 months ago") == std::string::npos);
    CHECK(reasons_of({}, "SIDETRIP_TODAY=2026-12-20") == december);
    // The option wins over the environment.
    CHECK(reasons_of({"--today", "2026-11-26"}, "SIDETRIP_TODAY=2026-12-20") == november);
}

TEST_CASE("events without --from start on --today, and a --today that is no date is bad input", "[cli]") {
    auto r = run({"events", "--calendar", source("samples/scenario-1-lipa/calendar.ics"), "--today", "2027-01-14",
                  "--tz", "Asia/Manila", "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    REQUIRE(!j.empty());
    for (const auto& e : j) {
        CHECK(e["end_utc"].get<std::string>() > "2027-01-13T16:00:00Z");
    }
    auto bad = run({"events", "--calendar", source("samples/scenario-1-lipa/calendar.ics"), "--today", "14/01/2027"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("--today") != std::string::npos);
    CHECK(bad.err.find("YYYY-MM-DD") != std::string::npos);
}

TEST_CASE("match --column reads a list whose headers sidetrip does not know", "[cli]") {
    const std::string list = "Participant,Contact e-mail,Employer name\n"
                             "\"VILLANUEVA, ANDREA\",Andrea.Villanueva@Example.com,Tala Creative\n";
    const std::vector<std::string> base = {
        "match", "--attendees", "-", "--contacts", source("samples/contacts.vcf"), "--format", "json"};
    auto with_columns = base;
    with_columns.insert(with_columns.end(),
                        {"--column", "name=Participant", "--column", "email=Contact e-mail", "--column",
                         "organization=Employer name"});
    auto r = run(with_columns, list);
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    REQUIRE(j["known"].size() == 1);
    CHECK(j["known"][0]["name"] == "Andrea Villanueva");
    auto without = run(base, list);
    CHECK(without.exit_code == 2);
    CHECK(without.err.find("--column") != std::string::npos);
    auto unknown_field = base;
    unknown_field.insert(unknown_field.end(), {"--column", "employer=Employer name"});
    auto bad = run(unknown_field, list);
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("unknown field") != std::string::npos);
}

TEST_CASE("match lists a human in two contact sources once, not as ambiguous with themselves", "[cli]") {
    auto r = run({"match", "--attendees", source("tests/data/attendees/same_human_in_two_sources.csv"),
                  "--contacts", source("tests/data/contacts/same_human_iphone.vcf"),
                  source("tests/data/contacts/same_human_google.csv"), "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["ambiguities"].empty());
    REQUIRE(j["known"].size() == 1);
    CHECK(j["known"][0]["contact_id"] == "8D1C2F7A-3B4E-4C5D-9E6F-7A8B9C0D1E2F");
}

TEST_CASE("contacts prints what it merged and the possible duplicates it left apart", "[cli]") {
    const std::vector<std::string> sources = {source("tests/data/contacts/same_human_iphone.vcf"),
                                              source("tests/data/contacts/same_human_google.csv"),
                                              source("tests/data/contacts/same_human_native.csv")};
    std::vector<std::string> args = {"contacts", "--country", "US", "--contacts"};
    args.insert(args.end(), sources.begin(), sources.end());
    auto text = run(args);
    REQUIRE(text.exit_code == 0);
    CHECK(text.out.find("Lakeshore Logistics (organization)") != std::string::npos);
    CHECK(text.out.find("Merged: Ana Maria Reyes (" + sources[0] + ":1 + " + sources[1] + ":2 + " +
                        sources[2] + ":2): same email ana.reyes@example.com; same phone +17735550199") !=
          std::string::npos);
    CHECK(text.out.find("Possible duplicates, not merged:\n  Maria Santos (" + sources[0]) !=
          std::string::npos);
    CHECK(text.out.find("same name and organisation") != std::string::npos);

    args.insert(args.end(), {"--format", "json"});
    auto json = run(args);
    REQUIRE(json.exit_code == 0);
    const auto j = nlohmann::json::parse(json.out);
    REQUIRE(j.is_array()); // the shape is unchanged; the merges are notes on standard error
    CHECK(j.size() == 8);
    std::size_t organisations = 0;
    for (const auto& contact : j) {
        if (contact.contains("kind")) {
            CHECK(contact["kind"] == "organization");
            ++organisations;
        }
    }
    CHECK(organisations == 1);
    CHECK(json.err.find("sidetrip: note: Merged: Ana Maria Reyes") != std::string::npos);
    CHECK(json.err.find("sidetrip: note: Possible duplicates, not merged:") != std::string::npos);
}

TEST_CASE("a week from TripIt, Outlook, an iPhone vCard and a Google CSV plans where the traveller is", "[cli]") {
    // Chicago, then an evening flight to San Francisco: TripIt writes UTC, Outlook Windows zone
    // names; Dana is in both contact files; Lakeshore Logistics is a company card; Ken lives in
    // "Qilakvik, Alaska", known only to its state.
    const std::string dir = std::string(SIDETRIP_TEST_DATA) + "/plan/chicago-then-sf/";
    const std::vector<std::string> args = {"plan",       "--calendar", dir + "tripit.ics", dir + "outlook.ics",
                                           "--contacts", dir + "contacts.vcf", dir + "google.csv", "--home",
                                           "Austin, TX", "--from", "2027-04-01", "--to", "2027-05-01",
                                           "--today", "2027-04-01", "--iterations", "1000"};
    auto text = run(args);
    REQUIRE(text.exit_code == 0);
    INFO(text.out);
    CHECK(text.out.find("2027-04-14: Chicago until 16:30 \u2192 UA1549 ORD to SFO \u2192 San Francisco from 21:55") !=
          std::string::npos);
    CHECK(text.out.find("12:15-13:00  Coffee with Dana Whitfield") != std::string::npos);
    CHECK(text.out.find("18:00-20:30  UA1549 ORD to SFO") != std::string::npos);
    CHECK(text.out.find("Lakeshore Logistics  @") == std::string::npos);
    CHECK(text.out.find("about 1 h 49 from San Francisco") != std::string::npos);
    auto args_json = args;
    args_json.insert(args_json.end(), {"--format", "json"});
    auto json = run(args_json);
    REQUIRE(json.exit_code == 0);
    const auto plan = nlohmann::json::parse(json.out);
    std::map<std::string, int> met;
    for (const auto& m : plan["trips"][0]["meetups"]) {
        ++met[m["name"].get<std::string>()];
        if (m["name"] == "Dana Whitfield") {
            CHECK(m["start"].get<std::string>().substr(19) == "-05:00"); // Chicago time
        } else {
            CHECK(m["start"].get<std::string>().substr(19) == "-07:00"); // San Francisco time
        }
    }
    CHECK(met["Dana Whitfield"] == 1);
    CHECK(met.count("Lakeshore Logistics") == 0);
    CHECK(met.count("Ken Nakamura") == 0);
    CHECK(met.size() >= 3);
    bool ken_said = false;
    for (const auto& u : plan["unscheduled"]) {
        ken_said = ken_said || u["reason"].get<std::string>().find("Qilakvik") != std::string::npos;
    }
    CHECK(ken_said);
}

TEST_CASE("a Google all-day conference marked free fills its days with sessions around which friends are met",
          "[cli]") {
    const std::string dir = std::string(SIDETRIP_TEST_DATA) + "/plan/datacon-google/";
    auto r = run({"plan", "--calendar", dir + "google.ics", "--contacts", dir + "contacts.vcf", "--home", "Austin, TX",
                  "--from", "2027-04-01", "--to", "2027-05-01", "--today", "2027-04-01", "--iterations", "1000",
                  "--format", "json"});
    REQUIRE(r.exit_code == 0);
    const auto plan = nlohmann::json::parse(r.out);
    REQUIRE(plan["trips"].size() == 1);
    const auto& meetups = plan["trips"][0]["meetups"];
    CHECK(meetups.size() >= 2);
    for (const auto& m : meetups) {
        const std::string start = m["start"];
        const std::string end = m["end"];
        INFO(m["name"].get<std::string>() << " " << start);
        CHECK(start.substr(19) == "-05:00");
        const std::string date = start.substr(0, 10);
        if (date == "2027-04-20" || date == "2027-04-21") {
            // Clear of the assumed sessions, 09:00 to 17:00 with their breaks, and the buffer.
            const std::string from = start.substr(11, 5);
            const std::string to = end.substr(11, 5);
            CHECK((to <= "08:45" || from >= "17:15"));
        }
    }
    // The day of the flight there begins at home, in Austin.
    auto text = run({"plan", "--calendar", dir + "google.ics", "--contacts", dir + "contacts.vcf", "--home",
                     "Austin, TX", "--from", "2027-04-01", "--to", "2027-05-01", "--today", "2027-04-01",
                     "--iterations", "1000"});
    REQUIRE(text.exit_code == 0);
    CHECK(text.out.find("2027-04-19: home until") != std::string::npos);
}
