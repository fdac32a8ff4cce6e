// The exit codes of ARCHITECTURE.md ("Contracts"), one test per subcommand: 0 success, 2 a bad
// argument or file, 3 a remote service that failed. Exit code 1 is an internal error, which no
// input should reach: every run here checks that it did not. Messages name the file, line or
// URL, and say what to do (docs/errors.md).
#include "../support/local_servers.hpp"
#include "../support/run_program.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

using sidetrip::test::Outcome;
using sidetrip::test::TempFolder;
using sidetrip::test::write_text;
namespace fs = std::filesystem;

namespace {

std::string source(const std::string& relative) {
    return std::string(SIDETRIP_SOURCE_DIR) + "/" + relative;
}

Outcome run(const std::vector<std::string>& args, const TempFolder& folder) {
    auto r = sidetrip::test::run_sidetrip(args, folder.path());
    INFO("sidetrip " << args.front() << ": " << r.err.substr(0, 2000));
    CHECK_FALSE(r.timed_out);
    CHECK(r.signal == 0);
    CHECK(r.err.find("internal error") == std::string::npos);
    return r;
}

/// An address on 127.0.0.1 where nothing listens: the remote service that fails.
std::string closed_url(const std::string& path) {
    return "http://127.0.0.1:" + std::to_string(sidetrip::test::free_loopback_port()) + path;
}

const std::vector<std::string> Window = {"--from", "2027-01-01", "--to", "2027-02-01"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

} // namespace

TEST_CASE("geocode exits 0, 2 for a bad argument, 3 when the online geocoder cannot be reached",
          "[cli][contract]") {
    TempFolder folder;
    const auto ok = run({"geocode", "Lipa, Batangas", "--format", "json"}, folder);
    CHECK(ok.exit_code == 0);
    CHECK(nlohmann::json::parse(ok.out)[0]["status"] == "ok");

    const auto country = run({"geocode", "Lipa", "--country", "XQ"}, folder);
    CHECK(country.exit_code == 2);
    CHECK(country.err.find("--country XQ") != std::string::npos);
    CHECK(run({"geocode", "Lipa", "--format", "yaml"}, folder).exit_code == 2);
    CHECK(run({"geocode", "Lipa", "--no-such-flag"}, folder).exit_code == 2);

    const std::string url = closed_url("");
    const auto down = run({"geocode", "Vrexil Lane 3, Quorbitz", "--geocoder", "nominatim", url}, folder);
    CHECK(down.exit_code == 3);
    CHECK(down.out.empty());
    CHECK(down.err.find("127.0.0.1") != std::string::npos);
}

TEST_CASE("contacts exits 0, 2 for a missing or unreadable file, 3 when the online geocoder fails",
          "[cli][contract]") {
    TempFolder folder;
    const auto ok =
        run({"contacts", "--contacts", source("samples/contacts.vcf"), "--format", "json"}, folder);
    CHECK(ok.exit_code == 0);
    CHECK_FALSE(nlohmann::json::parse(ok.out).empty());

    const std::string missing = (folder / "missing.vcf").string();
    const auto absent = run({"contacts", "--contacts", missing}, folder);
    CHECK(absent.exit_code == 2);
    CHECK(absent.err.find(missing + ": no such file: check the path") != std::string::npos);

    write_text(folder / "bad.json", "[{\"name\": \"Ana\",}]");
    const auto bad = run({"contacts", "--contacts", (folder / "bad.json").string()}, folder);
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find((folder / "bad.json").string() + ":1: not valid JSON") != std::string::npos);

    write_text(folder / "far.vcf", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Reyes\r\n"
                                   "ADR;TYPE=HOME:;;Vrexil Lane 3;Quorbitz;;;\r\nEND:VCARD\r\n");
    const auto down = run(
        {"contacts", "--contacts", (folder / "far.vcf").string(), "--geocoder", "nominatim", closed_url("")},
        folder);
    CHECK(down.exit_code == 3);
    CHECK(down.err.find("127.0.0.1") != std::string::npos);
}

TEST_CASE("events exits 0, 2 for a bad file or argument, 3 for a feed that fails with --strict",
          "[cli][contract]") {
    TempFolder folder;
    const std::vector<std::string> events =
        with({"events", "--tz", "Asia/Manila", "--format", "json"}, Window);
    const auto ok = run(with(events, {"--calendar", source("samples/calendar.ics")}), folder);
    CHECK(ok.exit_code == 0);
    CHECK(nlohmann::json::parse(ok.out).is_array());

    const std::string missing = (folder / "missing.ics").string();
    const auto absent = run(with(events, {"--calendar", missing}), folder);
    CHECK(absent.exit_code == 2);
    CHECK(absent.err.find(missing + ": no such file") != std::string::npos);
    const auto zone =
        run({"events", "--calendar", source("samples/calendar.ics"), "--tz", "Mars/Olympus"}, folder);
    CHECK(zone.exit_code == 2);
    CHECK(zone.err.find("--tz Mars/Olympus") != std::string::npos);

    const std::string feed = closed_url("/x.ics");
    const auto strict = run(
        with({"--strict"}, with(events, {"--calendar", source("samples/calendar.ics"), "--calendar", feed})),
        folder);
    CHECK(strict.exit_code == 3);
    CHECK(strict.out.empty());
    CHECK(strict.err.find("127.0.0.1") != std::string::npos);
    // Without --strict the feed is a warning and the file still counts.
    const auto loose =
        run(with(events, {"--calendar", source("samples/calendar.ics"), "--calendar", feed}), folder);
    CHECK(loose.exit_code == 0);
    CHECK(loose.err.find("skipped") != std::string::npos);
}

TEST_CASE("trips exits 0, 2 for a bad home or file, 3 for a feed that fails with --strict",
          "[cli][contract]") {
    TempFolder folder;
    const std::vector<std::string> trips =
        with({"trips", "--home", "Lipa, Batangas", "--format", "json"}, Window);
    const auto ok = run(with(trips, {"--calendar", source("samples/calendar.ics")}), folder);
    CHECK(ok.exit_code == 0);
    CHECK(nlohmann::json::parse(ok.out).is_array());

    const auto home =
        run({"trips", "--calendar", source("samples/calendar.ics"), "--home", "Qwertopolis Xyz"}, folder);
    CHECK(home.exit_code == 2);
    CHECK(home.err.find("--home Qwertopolis Xyz") != std::string::npos);
    write_text(folder / "notes.ics", "these are my notes, not a calendar\n");
    const auto not_ics = run(with(trips, {"--calendar", (folder / "notes.ics").string()}), folder);
    CHECK(not_ics.exit_code == 2);
    CHECK(not_ics.err.find("notes.ics: not an iCalendar file") != std::string::npos);

    const auto strict =
        run(with({"--strict"}, with(trips, {"--calendar", closed_url("/trips.ics")})), folder);
    CHECK(strict.exit_code == 3);
    CHECK(strict.err.find("127.0.0.1") != std::string::npos);
}

TEST_CASE("plan exits 0, 2 for a bad file or argument, 3 for a feed that fails with --strict",
          "[cli][contract]") {
    TempFolder folder;
    const std::vector<std::string> plan =
        with({"plan", "--contacts", source("samples/contacts.vcf"), "--home", "Lipa, Batangas",
              "--iterations", "20", "--format", "json"},
             Window);
    const auto ok = run(with(plan, {"--calendar", source("samples/calendar.ics")}), folder);
    CHECK(ok.exit_code == 0);
    CHECK(nlohmann::json::parse(ok.out).contains("trips"));

    write_text(folder / "config.toml", "[user]\nhome = Lipa\n");
    const auto config = run(with(plan, {"--calendar", source("samples/calendar.ics"), "--config",
                                        (folder / "config.toml").string()}),
                            folder);
    CHECK(config.exit_code == 2);
    CHECK(config.err.find((folder / "config.toml").string() + ":2:") != std::string::npos);
    CHECK(config.err.find("not valid TOML") != std::string::npos);
    const auto map =
        run(with(plan, {"--calendar", source("samples/calendar.ics"), "--map", "plan.svg"}), folder);
    CHECK(map.exit_code == 2);
    CHECK(map.err.find("--map plan.svg") != std::string::npos);

    const auto strict = run(with({"--strict"}, with(plan, {"--calendar", closed_url("/plan.ics")})), folder);
    CHECK(strict.exit_code == 3);
    CHECK(strict.err.find("127.0.0.1") != std::string::npos);
}

TEST_CASE("match exits 0, 2 for a bad list or threshold, 3 when a schedule feed cannot be fetched",
          "[cli][contract]") {
    TempFolder folder;
    const std::string scenario = source("samples/scenario-1-lipa/");
    const std::vector<std::string> match = {"match", "--contacts", scenario + "contacts.vcf", "--format",
                                            "json"};
    const auto ok = run(with(match, {"--attendees", scenario + "attendees.csv"}), folder);
    CHECK(ok.exit_code == 0);
    CHECK(nlohmann::json::parse(ok.out).contains("known"));

    write_text(folder / "attendees.csv", "\"name,company\nAna Reyes,Acme\n");
    const auto unclosed = run(with(match, {"--attendees", (folder / "attendees.csv").string()}), folder);
    CHECK(unclosed.exit_code == 2);
    CHECK(unclosed.err.find((folder / "attendees.csv").string() + ":1:") != std::string::npos);
    const auto threshold =
        run(with(match, {"--attendees", scenario + "attendees.csv", "--threshold", "7"}), folder);
    CHECK(threshold.exit_code == 2);
    CHECK(threshold.err.find("--threshold") != std::string::npos);

    const std::string schedule = closed_url("/schedule.ics");
    const auto down = run(with(match, {"--attendees", schedule}), folder);
    CHECK(down.exit_code == 3);
    CHECK(down.err.find("127.0.0.1") != std::string::npos);
}
