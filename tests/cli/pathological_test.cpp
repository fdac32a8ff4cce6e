// The program on inputs made to break it: too large, endless, deeply nested, binary, empty,
// folders where files belong, broken text. Each run must end within a deadline and a memory
// bound, with exit code 2 and a message naming the file where the input is unusable, and never
// with a crash or an internal error (docs/errors.md).
#include "../support/local_servers.hpp"
#include "../support/run_program.hpp"
#include "../support/sanitizers.hpp"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <atomic>
#include <random>
#include <sys/stat.h>

using sidetrip::test::Outcome;
using sidetrip::test::TempFolder;
using sidetrip::test::write_text;
namespace fs = std::filesystem;

namespace {

const std::string Header = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//sidetrip tests//EN\r\n";
const std::string Footer = "END:VCALENDAR\r\n";

std::string event(const std::string& uid, const std::string& extra = "") {
    return "BEGIN:VEVENT\r\nUID:" + uid +
           "\r\nDTSTAMP:20270101T000000Z\r\nDTSTART:20270112T010000Z\r\nDTEND:20270112T020000Z\r\n"
           "SUMMARY:Client meeting\r\nLOCATION:Makati City\r\n" +
           extra + "END:VEVENT\r\n";
}

const std::string GoodCalendar = Header + event("client-1") + Footer;
const std::string GoodVCard = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Reyes\r\nEMAIL:ana@example.com\r\n"
                              "ADR;TYPE=HOME:;;;Makati City;;;Philippines\r\nEND:VCARD\r\n";

std::string source(const std::string& relative) {
    return std::string(SIDETRIP_SOURCE_DIR) + "/" + relative;
}

std::vector<std::string> events_args(const std::string& calendar) {
    return {"events",     "--calendar", calendar,      "--from",   "2027-01-01", "--to",
            "2027-02-01", "--tz",       "Asia/Manila", "--format", "json"};
}

std::vector<std::string> contacts_args(const std::string& contacts) {
    return {"contacts", "--contacts", contacts, "--country", "PH", "--format", "json"};
}

std::vector<std::string> match_args(const std::string& attendees) {
    return {"match",    "--attendees", attendees, "--contacts", source("samples/contacts.vcf"),
            "--format", "json"};
}

std::vector<std::string> plan_args(const std::string& config) {
    return {"plan",
            "--calendar",
            source("samples/calendar.ics"),
            "--contacts",
            source("samples/contacts.vcf"),
            "--home",
            "Lipa, Batangas",
            "--from",
            "2027-01-01",
            "--to",
            "2027-02-01",
            "--iterations",
            "20",
            "--config",
            config,
            "--dry-run"};
}

/// The four input flags, each as a way to run the program on one file.
struct InputFlag {
    const char* flag;
    std::vector<std::string> (*args)(const std::string&);
};
const InputFlag InputFlags[] = {{"--calendar", events_args},
                                {"--contacts", contacts_args},
                                {"--attendees", match_args},
                                {"--config", plan_args}};

/// The rules every run on a bad input keeps, whatever its exit code.
void check_ended_cleanly(const Outcome& r, double seconds = 10.0) {
    INFO("stderr: " << r.err.substr(0, 2000));
    CHECK_FALSE(r.timed_out);
    CHECK(r.signal == 0);
    CHECK(r.exit_code != 1);
    CHECK(r.err.find("internal error") == std::string::npos);
    CHECK(r.seconds < seconds * sidetrip::test::SanitizerFactor);
}

/// Exit code 2, stdout empty, and a message on stderr that names `file`.
void check_refused(const Outcome& r, const std::string& file) {
    check_ended_cleanly(r);
    INFO("stderr: " << r.err.substr(0, 2000));
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find(file) != std::string::npos);
}

std::string random_bytes(std::size_t n, unsigned seed) {
    std::mt19937 random(seed);
    std::string out(n, '\0');
    for (auto& c : out) {
        c = static_cast<char>(random() & 0xFF);
    }
    return out;
}

/// What a PNG starts with: signature, IHDR of a 1x1 image, then random "pixel data".
std::string png_bytes() {
    return std::string("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89",
                       33) +
           random_bytes(2000, 7);
}

// In KiB, the unit of ru_maxrss; scaled under the sanitizers (tests/support/sanitizers.hpp).
constexpr long MiB = static_cast<long>(1024 * sidetrip::test::SanitizerFactor);

} // namespace

TEST_CASE("a 200 MB calendar, contacts file, attendee list or config is refused up front with its limit",
          "[cli][pathological]") {
    TempFolder folder;
    const std::pair<const char*, const char*> limits[] = {{"--calendar", "64 MiB"},
                                                          {"--contacts", "128 MiB"},
                                                          {"--attendees", "64 MiB"},
                                                          {"--config", "1 MiB"}};
    for (const auto& input : InputFlags) {
        // Sparse: the file says 200 MB and takes no room.
        const fs::path huge = folder / (std::string("huge") + input.flag + ".ics");
        write_text(huge, "");
        fs::resize_file(huge, 200'000'000);
        const auto r = sidetrip::test::run_sidetrip(input.args(huge.string()), folder.path());
        INFO(input.flag);
        check_refused(r, huge.string());
        for (const auto& [flag, limit] : limits) {
            if (flag == std::string(input.flag)) {
                CHECK(r.err.find(limit) != std::string::npos);
            }
        }
        CHECK(r.err.find("larger than") != std::string::npos);
        CHECK(r.seconds < 5.0 * sidetrip::test::SanitizerFactor);
        CHECK(r.peak_kib < 100 * MiB);
    }
}

TEST_CASE("/dev/zero and endless standard input are cut off at the limit, not read forever",
          "[cli][pathological]") {
    TempFolder folder;
    for (const auto& input : InputFlags) {
        INFO(input.flag);
        const auto r = sidetrip::test::run_sidetrip(input.args("/dev/zero"), folder.path());
        check_refused(r, "/dev/zero");
        CHECK(r.err.find("larger than") != std::string::npos);
        // The largest limit is 128 MiB; the string holding it may briefly double.
        CHECK(r.peak_kib < 400 * MiB);
    }
    const auto piped = sidetrip::test::run_sidetrip(events_args("-"), folder.path(), "/dev/zero");
    check_refused(piped, "standard input");
}

TEST_CASE("a FIFO is read like a pipe: a calendar written into it loads, an endless writer is cut off",
          "[cli][pathological]") {
    TempFolder folder;
    const fs::path fifo = folder / "calendar.ics";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    auto writer = [&](bool endless) {
        return std::thread([&fifo, endless] {
            // Non-blocking until the program opens its end, so that the thread cannot hang.
            int fd = -1;
            for (int i = 0; i < 2000 && fd < 0; ++i) {
                fd = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
                if (fd < 0) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(5));
                }
            }
            if (fd < 0) {
                return;
            }
            ::fcntl(fd, F_SETFL, 0);
            if (endless) {
                const std::string block = "X-FILLER:" + std::string(65000, 'x') + "\r\n";
                while (::write(fd, block.data(), block.size()) > 0) {
                }
            } else {
                [[maybe_unused]] const auto written = ::write(fd, GoodCalendar.data(), GoodCalendar.size());
            }
            ::close(fd);
        });
    };
    std::signal(SIGPIPE, SIG_IGN); // the endless writer learns that the reader is gone from EPIPE
    {
        auto thread = writer(false);
        const auto r = sidetrip::test::run_sidetrip(events_args(fifo.string()), folder.path());
        thread.join();
        check_ended_cleanly(r);
        REQUIRE(r.exit_code == 0);
        CHECK(nlohmann::json::parse(r.out).size() == 1);
    }
    {
        auto thread = writer(true);
        const auto r = sidetrip::test::run_sidetrip(events_args(fifo.string()), folder.path());
        thread.join();
        check_refused(r, fifo.string());
        CHECK(r.err.find("64 MiB") != std::string::npos);
        CHECK(r.peak_kib < 400 * MiB);
    }
}

TEST_CASE("a line of 10 MB in a calendar, a vCard or a CSV is read in bounded time and memory",
          "[cli][pathological]") {
    TempFolder folder;
    const std::string ten_mb(10'000'000, 'z');
    const fs::path ics = folder / "long-line.ics";
    write_text(ics, Header + event("long", "DESCRIPTION:" + ten_mb + "\r\n") + Footer);
    const auto calendar = sidetrip::test::run_sidetrip(events_args(ics.string()), folder.path());
    check_ended_cleanly(calendar);
    REQUIRE(calendar.exit_code == 0);
    CHECK(nlohmann::json::parse(calendar.out).size() == 1);
    CHECK(calendar.peak_kib < 400 * MiB);

    const fs::path vcf = folder / "long-line.vcf";
    write_text(vcf, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Reyes\r\nNOTE:" + ten_mb +
                        "\r\nADR;TYPE=HOME:;;;Makati City;;;Philippines\r\nEND:VCARD\r\n");
    const auto vcard = sidetrip::test::run_sidetrip(contacts_args(vcf.string()), folder.path());
    check_ended_cleanly(vcard);
    REQUIRE(vcard.exit_code == 0);
    CHECK(nlohmann::json::parse(vcard.out).size() == 1);
    CHECK(vcard.peak_kib < 400 * MiB);

    const fs::path csv = folder / "long-line.csv";
    write_text(csv, "name,emails,home\nAna Reyes,ana@example.com,Makati City\nBen Ong,ben@example.com," +
                        ten_mb + "\n");
    const auto table = sidetrip::test::run_sidetrip(contacts_args(csv.string()), folder.path());
    check_ended_cleanly(table);
    REQUIRE(table.exit_code == 0);
    CHECK(nlohmann::json::parse(table.out).size() == 2);
    CHECK(table.peak_kib < 400 * MiB);
}

TEST_CASE("components nested 100,000 deep are refused at the line where they pass the limit",
          "[cli][pathological]") {
    TempFolder folder;
    std::string text = Header;
    for (int i = 0; i < 50'000; ++i) {
        text += "BEGIN:VEVENT\r\nBEGIN:VALARM\r\n";
    }
    for (int i = 0; i < 50'000; ++i) {
        text += "END:VALARM\r\nEND:VEVENT\r\n";
    }
    text += Footer;
    const fs::path deep = folder / "deep.ics";
    write_text(deep, text);
    const auto r = sidetrip::test::run_sidetrip(events_args(deep.string()), folder.path());
    check_refused(r, deep.string() + ":19:"); // line 4 opens the 2nd component, line 19 the 17th
    CHECK(r.err.find("nested more than 16 deep") != std::string::npos);
}

TEST_CASE("a rule with millions of instances stops at the cap with a warning naming the event",
          "[cli][pathological]") {
    TempFolder folder;
    const fs::path ics = folder / "every-second.ics";
    write_text(ics, Header +
                        "BEGIN:VEVENT\r\nUID:tick\r\nDTSTAMP:20270101T000000Z\r\nDTSTART:20270101T000000Z\r\n"
                        "DTEND:20270101T000001Z\r\nRRULE:FREQ=SECONDLY\r\nSUMMARY:Tick\r\nEND:VEVENT\r\n" +
                        "BEGIN:VEVENT\r\nUID:tock\r\nDTSTAMP:20270101T000000Z\r\nDTSTART:20270101T000000Z\r\n"
                        "DTEND:20270101T000100Z\r\nRRULE:FREQ=MINUTELY;COUNT=5000000\r\nSUMMARY:Tock\r\n"
                        "END:VEVENT\r\n" +
                        Footer);
    const auto r = sidetrip::test::run_sidetrip(events_args(ics.string()), folder.path());
    check_ended_cleanly(r);
    REQUIRE(r.exit_code == 0);
    const auto events = nlohmann::json::parse(r.out);
    CHECK(events.size() == 20000); // 10,000 per series, the documented cap
    CHECK(r.err.find(ics.string() + ":4: warning: recurrence stopped after 10000 instances") !=
          std::string::npos);
    CHECK(r.err.find(ics.string() + ":12: warning: recurrence stopped after 10000 instances") !=
          std::string::npos);
    CHECK(r.peak_kib < 400 * MiB);

    // The cap counts instances in the window: a daily series begun in 1990 is not cut off.
    const fs::path standup = folder / "standup.ics";
    write_text(standup,
               Header +
                   "BEGIN:VEVENT\r\nUID:standup\r\nDTSTAMP:19900101T000000Z\r\nDTSTART:19900101T010000Z\r\n"
                   "DTEND:19900101T011500Z\r\nRRULE:FREQ=DAILY\r\nSUMMARY:Standup\r\nEND:VEVENT\r\n" +
                   Footer);
    const auto daily = sidetrip::test::run_sidetrip(events_args(standup.string()), folder.path());
    check_ended_cleanly(daily);
    REQUIRE(daily.exit_code == 0);
    CHECK(nlohmann::json::parse(daily.out).size() == 31);
    CHECK(daily.err.find("recurrence stopped") == std::string::npos);
}

TEST_CASE("400 one-line rules of 60 KB stop at the calendar's cap of 100,000 occurrences with one warning",
          "[cli][pathological]") {
    // Issue 14: the cap was per rule only; these 400 rules made four million occurrences and 7 GB.
    TempFolder folder;
    const fs::path ics = folder / "ticks.ics";
    std::string text = Header;
    for (int i = 1; i <= 400; ++i) {
        text += "BEGIN:VEVENT\r\nUID:tick-" + std::to_string(i) +
                "\r\nDTSTAMP:20270101T000000Z\r\nDTSTART:20270101T000000Z\r\nDTEND:20270101T000001Z\r\n"
                "RRULE:FREQ=SECONDLY\r\nSUMMARY:Tick " +
                std::to_string(i) + "\r\nEND:VEVENT\r\n";
    }
    write_text(ics, text + Footer);
    const std::vector<std::string> year = {"--from", "2027-01-01", "--to", "2028-01-01", "--tz", "UTC"};
    auto args = [&](std::vector<std::string> command) {
        command.insert(command.end(), year.begin(), year.end());
        return command;
    };
    auto check_warned = [&](const Outcome& r) {
        INFO("stderr: " << r.err.substr(0, 3000));
        CHECK(r.err.find(ics.string() +
                         ":4: warning: recurring events reached the limits of 10000 instances or "
                         "200000 steps per rule and 100000 occurrences per calendar") != std::string::npos);
        CHECK(r.err.find("400 series are cut short or left out: tick-1 \"Tick 1\", tick-10 \"Tick 10\", "
                         "tick-100 \"Tick 100\" and 397 more") != std::string::npos);
        CHECK(r.err.find("more warnings not shown") == std::string::npos);
    };

    const auto events = sidetrip::test::run_sidetrip(
        args({"events", "--calendar", ics.string(), "--format", "json"}), folder.path(), "/dev/null", 60.0);
    check_ended_cleanly(events, 5.0);
    REQUIRE(events.exit_code == 0);
    CHECK(nlohmann::json::parse(events.out).size() == 100000);
    CHECK(events.peak_kib < 500 * MiB);
    check_warned(events);

    const auto trips = sidetrip::test::run_sidetrip(
        args({"trips", "--calendar", ics.string(), "--home", "Lipa, Batangas", "--format", "json"}),
        folder.path(), "/dev/null", 60.0);
    check_ended_cleanly(trips, 5.0);
    CHECK(trips.exit_code == 0);
    CHECK(trips.peak_kib < 500 * MiB);
    check_warned(trips);

    // Rules whose BY parts never match cost steps, not occurrences: those are capped per calendar too.
    const fs::path never = folder / "never.ics";
    std::string hostile = Header;
    for (int i = 1; i <= 400; ++i) {
        hostile += "BEGIN:VEVENT\r\nUID:never-" + std::to_string(i) +
                   "\r\nDTSTAMP:20270101T000000Z\r\nDTSTART:20270101T000000Z\r\nDTEND:20270101T000001Z\r\n"
                   "RRULE:FREQ=SECONDLY;INTERVAL=2;BYSECOND=1\r\nSUMMARY:Never\r\nEND:VEVENT\r\n";
    }
    write_text(never, hostile + Footer);
    const auto spin = sidetrip::test::run_sidetrip(
        args({"events", "--calendar", never.string(), "--format", "json"}), folder.path(), "/dev/null", 60.0);
    check_ended_cleanly(spin);
    REQUIRE(spin.exit_code == 0);
    CHECK(nlohmann::json::parse(spin.out).size() == 400); // each DTSTART
    CHECK(spin.err.find("20000000 rule steps per calendar") != std::string::npos);
}

TEST_CASE("a vCard with 10,000 emails keeps the first 100, with a warning naming the card's line",
          "[cli][pathological]") {
    TempFolder folder;
    std::string card = GoodVCard + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ben Ong\r\n";
    for (int i = 0; i < 10'000; ++i) {
        card += "EMAIL:ben" + std::to_string(i) + "@example.com\r\n";
    }
    card += "END:VCARD\r\n";
    const fs::path vcf = folder / "many-emails.vcf";
    write_text(vcf, card);
    const auto r = sidetrip::test::run_sidetrip(contacts_args(vcf.string()), folder.path());
    check_ended_cleanly(r, 5.0);
    REQUIRE(r.exit_code == 0);
    const auto contacts = nlohmann::json::parse(r.out);
    REQUIRE(contacts.size() == 2);
    CHECK(contacts[1]["emails"].size() == 100);
    CHECK(contacts[1]["emails"][0] == "ben0@example.com");
    CHECK(r.err.find(vcf.string() + ":7: warning: Ben Ong has 10000 emails: kept the first 100 (") !=
          std::string::npos);
}

TEST_CASE("random bytes, a PNG or a gzip file given to any input flag is exit 2 naming the file",
          "[cli][pathological]") {
    TempFolder folder;
    write_text(folder / "plain.ics", GoodCalendar);
    const std::string gzip_command =
        "gzip -c '" + (folder / "plain.ics").string() + "' > '" + (folder / "gzip.data").string() + "'";
    REQUIRE(std::system(gzip_command.c_str()) == 0);
    const std::pair<std::string, std::string> garbage[] = {
        {"random", random_bytes(100'000, 42)},
        {"png", png_bytes()},
        {"gzip", sidetrip::test::read_text(folder / "gzip.data")}};
    for (const auto& [kind, bytes] : garbage) {
        for (const char* extension : {".ics", ".vcf", ".csv", ".json"}) {
            const fs::path file = folder / (kind + extension);
            write_text(file, bytes);
            for (const auto& input : InputFlags) {
                INFO(input.flag << " " << file.filename().string());
                check_refused(sidetrip::test::run_sidetrip(input.args(file.string()), folder.path()),
                              file.string());
            }
        }
    }
}

TEST_CASE("an empty file is exit 2 saying it is empty, and an empty config file sets nothing",
          "[cli][pathological]") {
    TempFolder folder;
    for (const char* extension : {".ics", ".vcf", ".csv", ".json"}) {
        const fs::path file = folder / (std::string("empty") + extension);
        write_text(file, "");
        for (const auto& input : InputFlags) {
            INFO(input.flag << " " << file.filename().string());
            const auto r = sidetrip::test::run_sidetrip(input.args(file.string()), folder.path());
            if (input.flag == std::string("--config")) {
                check_ended_cleanly(r);
                CHECK(r.exit_code == 0);
            } else {
                check_refused(r, file.string());
                CHECK(r.err.find("empty") != std::string::npos);
            }
        }
    }
}

TEST_CASE("a folder is read as a vdir for --calendar and refused for --contacts, --attendees and --config",
          "[cli][pathological]") {
    TempFolder folder;
    const fs::path vdir = folder / "vdir";
    fs::create_directories(vdir / "work");
    write_text(vdir / "work" / "client.ics", GoodCalendar);
    const auto calendar = sidetrip::test::run_sidetrip(events_args(vdir.string()), folder.path());
    check_ended_cleanly(calendar);
    REQUIRE(calendar.exit_code == 0);
    CHECK(nlohmann::json::parse(calendar.out).size() == 1);

    const fs::path empty_folder = folder / "nothing";
    fs::create_directories(empty_folder);
    const auto no_ics = sidetrip::test::run_sidetrip(events_args(empty_folder.string()), folder.path());
    check_refused(no_ics, empty_folder.string());
    CHECK(no_ics.err.find("no .ics files") != std::string::npos);

    for (const auto& input : InputFlags) {
        if (input.flag == std::string("--calendar")) {
            continue;
        }
        INFO(input.flag);
        const auto r = sidetrip::test::run_sidetrip(input.args(vdir.string()), folder.path());
        check_refused(r, vdir.string());
        CHECK(r.err.find("is a directory") != std::string::npos);
    }
}

TEST_CASE("invalid UTF-8 is kept out of the JSON output, with a warning where the reader can say where",
          "[cli][pathological]") {
    TempFolder folder;
    const fs::path ics = folder / "latin1.ics";
    write_text(ics, Header + event("latin1", "DESCRIPTION:Caf\xe9 con le\xf1\x61\r\n") + Footer);
    const auto calendar = sidetrip::test::run_sidetrip(events_args(ics.string()), folder.path());
    check_ended_cleanly(calendar);
    REQUIRE(calendar.exit_code == 0);
    CHECK(nlohmann::json::parse(calendar.out).size() == 1); // parse() throws on invalid UTF-8

    const fs::path vcf = folder / "latin1.vcf";
    write_text(vcf,
               "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jos\xe9 Rizal\r\nEMAIL:jose@example.com\r\nEND:VCARD\r\n");
    const auto vcard = sidetrip::test::run_sidetrip(contacts_args(vcf.string()), folder.path());
    check_ended_cleanly(vcard);
    REQUIRE(vcard.exit_code == 0);
    const auto cards = nlohmann::json::parse(vcard.out);
    REQUIRE(cards.size() == 1);
    // A file in a legacy code page is decoded whole: the letter is kept (docs/contacts.md, "Encodings").
    CHECK(cards[0]["name"] == "José Rizal");

    const fs::path csv = folder / "latin1.csv";
    write_text(csv, "name,emails,home\nJos\xe9 Rizal,jose@example.com,Makati City\n");
    const auto table = sidetrip::test::run_sidetrip(contacts_args(csv.string()), folder.path());
    check_ended_cleanly(table);
    REQUIRE(table.exit_code == 0);
    CHECK(nlohmann::json::parse(table.out).size() == 1);
}

TEST_CASE("a NUL byte in a calendar or a vCard is exit 2 naming the file", "[cli][pathological]") {
    TempFolder folder;
    const fs::path ics = folder / "nul.ics";
    write_text(ics, Header + event("nul", std::string("DESCRIPTION:a\0b\r\n", 17)) + Footer);
    const auto calendar = sidetrip::test::run_sidetrip(events_args(ics.string()), folder.path());
    check_refused(calendar, ics.string() + ":11:");
    CHECK(calendar.err.find("NUL") != std::string::npos);

    const fs::path vcf = folder / "nul.vcf";
    write_text(vcf, std::string("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana") + '\0' + "Reyes\r\nEND:VCARD\r\n");
    check_refused(sidetrip::test::run_sidetrip(contacts_args(vcf.string()), folder.path()), vcf.string());
}
